#pragma once

#include "types.h"

#include <QString>

namespace bench {

/// The physical limit: the raw SQLite rate of a durable step (2 history rows of ~200-byte JSON,
/// 1 instance update, 1 queue delete, 1 queue insert) on the same directory and synchronous
/// setting, at `perTransaction` steps per transaction, through the sqlite3 C API with statements
/// prepared once (QtSql's per-call overhead would lower the limit and flatter every ratio).
/// Steps per second; 0 when SQLite refuses.
double measureSqliteLimit(const QString &dir, durable::SyncMode sync, int perTransaction, int steps);

} // namespace bench
