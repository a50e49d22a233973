#pragma once

#include <QString>

namespace durable {

/// The schema version of an open task hub. Engine::open migrates an older hub to it and refuses a
/// newer one (SchemaTooNew), so every hub an Engine has open has exactly this version (SQLite's
/// PRAGMA user_version of the file).
int hubSchemaVersion();

/// The version of the SQLite library in use at run time (sqlite3_libversion), e.g. "3.40.1".
QString sqliteVersion();

} // namespace durable
