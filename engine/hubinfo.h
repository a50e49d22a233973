#pragma once

#include "error.h"

#include <QString>

namespace durable {

/// The schema version of an open task hub. Engine::open migrates an older hub to it and refuses a
/// newer one (SchemaTooNew), so every hub an Engine has open has exactly this version (SQLite's
/// PRAGMA user_version of the file).
int hubSchemaVersion();
/// The schema version of an open hub at `location`: SQLite's above for a file, the PostgreSQL
/// schema's (the `hub` table's schema_version, numbered on its own) for a `postgresql://` URL.
int hubSchemaVersion(const QString &location);

/// The version of the SQLite library in use at run time (sqlite3_libversion), e.g. "3.40.1".
QString sqliteVersion();

/// The version of libpq in use at run time, e.g. "15.18".
QString libpqVersion();

/// What the server of a PostgreSQL hub reports: "PostgreSQL 15.18, schema version 1". Connects
/// (blocking; call it off the GUI thread); an error when the hub cannot be reached.
Result<QString> serverHubDescription(const QString &location);

} // namespace durable
