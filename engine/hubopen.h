#pragma once

#include "hubstore.h"

#include <memory>

namespace durable {

/// Whether `location` names a hub on a database server (a `postgresql://` or `postgres://` URL)
/// rather than a SQLite file.
bool isServerHub(const QString &location);

/// Opens one connection to the hub at `location`: a SQLite file path or a PostgreSQL URL
/// (`postgresql://user@host/db?hub=NAME`, one schema per hub). `first`: the process's first
/// connection to it, which checks the hub and creates or migrates its schema; later ones skip
/// that. Errors as SqliteStore::open() documents, for either backend.
Result<std::unique_ptr<HubStore>> openHubStore(const QString &location, SyncMode sync, bool first,
                                               qint64 deepCheckBytes = 32 * 1024 * 1024);

} // namespace durable
