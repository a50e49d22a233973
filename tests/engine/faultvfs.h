#pragma once

// An SQLite VFS shim for fault injection: wraps the process's default VFS ("unix") and counts every
// read, write, sync and truncate of every file SQLite opens through it (hub, WAL, rollback journal,
// temporary files). Armed, it makes the Nth counted call fail as a disk would: an I/O error, a full
// disk, or a short write (part of the data written, then SQLITE_FULL, as the unix VFS reports it).
// The engine uses the system libsqlite3 through its C API (QtSql's QSQLITE plugin on Debian links
// the same library), so installing the shim before a hub opens puts every connection on it.
//
// Thread-safe: the engine's dispatcher and reader threads call it concurrently; counters are atomic.

#include <QtGlobal>

#include <optional>

namespace faultvfs {

enum class Kind {
    IoError, ///< SQLITE_IOERR_READ/WRITE/FSYNC/TRUNCATE, nothing done
    Full, ///< SQLITE_FULL (a read fails with SQLITE_IOERR_READ instead), nothing done
    ShortWrite, ///< a write stores half its bytes, then SQLITE_FULL; other calls as Full
};

enum class Op { Read, Write, Sync, Truncate };

/// Registers the shim as SQLite's default VFS (once per process). Connections opened afterwards use
/// it; the return is false when SQLite refused.
bool install();

/// Disarms and sets every counter to zero.
void reset();

/// From now on, counted call number `n` (1-based, counting from the last reset()) fails with
/// `kind`. `sticky`: every counted call after it fails too (a device that died); otherwise only
/// that one (a transient error). With `only`, `n` counts calls of that operation alone (and a
/// sticky fault fails only those).
void arm(qint64 n, Kind kind, bool sticky, std::optional<Op> only = std::nullopt);

/// Stops failing calls; counting goes on.
void disarm();

/// Counted calls since reset(), of one kind of operation or of all.
qint64 calls();
qint64 calls(Op op);

/// Calls made to fail since reset().
qint64 injected();

/// The operation of the first call made to fail since reset() (meaningful when injected() > 0).
Op firstInjectedOp();

const char *name(Op op);
const char *name(Kind kind);

} // namespace faultvfs
