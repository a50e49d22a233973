#pragma once

#include "types.h"

#include <QString>

namespace bench {

/// Steps per second of PostgreSQL's durable step on the server of the hub URL `url`, at
/// `perTransaction` steps per transaction; 0 when the server refuses.
double measurePgLimit(const QString &url, durable::SyncMode sync, int perTransaction, int steps);

} // namespace bench
