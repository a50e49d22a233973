#pragma once

#include "error.h"
#include "types.h"

#include <QString>

#include <atomic>
#include <functional>

namespace durable {

/// How far an upgrade of an older SQLite hub has come (upgradeHub()).
struct HubUpgradeProgress {
    enum class Phase {
        Copying, ///< rows are copied into rebuilt tables
        Replacing, ///< the old tables are dropped and the rebuilt ones' indexes built
        Writing, ///< the transaction commits: no longer cancellable
    };
    Phase phase = Phase::Copying;
    int fromVersion = 0; ///< the file's schema version before the upgrade
    int toVersion = 0; ///< the version it is upgraded to (hubSchemaVersion())
    /// Rows copied so far. `total` is what the tables to be rebuilt held when the upgrade began:
    /// an upper bound, since rows that no reader could reach are not carried over (README,
    /// Performance); `done` stays at or below it.
    qint64 done = 0;
    qint64 total = 0;
};
/// Called on the upgrading thread, at most about every half per cent of `total` and at each
/// change of phase. It must not call back into the hub.
using HubUpgradeCallback = std::function<void(const HubUpgradeProgress &)>;

/// The schema version of the SQLite hub file at `location` when opening it would upgrade it (an
/// existing task hub older than hubSchemaVersion()), else 0: for a missing, new, current or
/// newer file, a file that is not a hub or cannot be read (Engine::open reports those), and a
/// PostgreSQL URL (its schema is migrated inside Engine::open). Only reads the file's header.
int pendingHubUpgrade(const QString &location);

/// Brings the SQLite hub at `location` to the current schema, as Engine::open would on its own,
/// reporting `progress` and stopping when `cancel` (may be null) is set from another thread.
/// The whole upgrade is one transaction, so a cancelled or failed one leaves the file as it was.
/// Errors as Engine::open for the file; Cancelled when `cancel` stopped it. Nothing to do is
/// success.
/// Blocking: run it on a thread of its own while a window is up. Stop every process working on
/// the hub first (a second process on an older hub would be refused as Busy or SchemaTooNew).
Status upgradeHub(const QString &location, SyncMode sync, const HubUpgradeCallback &progress,
                  const std::atomic<bool> *cancel = nullptr, qint64 deepCheckBytes = 32 * 1024 * 1024);

} // namespace durable
