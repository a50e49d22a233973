#pragma once

#include "hubstore.h"

#include <atomic>
#include <expected>
#include <functional>

namespace durable {

/// Where a copy is, for a progress display.
struct HubCopyProgress {
    enum class Phase {
        Copying, ///< instances written to the destination
        Verifying, ///< instances read back from both hubs and compared
    };
    Phase phase = Phase::Copying;
    qint64 done = 0; ///< instances of this phase done
    qint64 total = 0; ///< instances in the source
};

/// What copyHub() copied, all of it verified identical in the destination.
struct HubCopyReport {
    qint64 instances = 0;
    qint64 historyEvents = 0; ///< of the instances' current executions (the only ones a hub keeps)
    qint64 messages = 0; ///< inbox messages, timers not yet due included
    qint64 workRows = 0; ///< activities scheduled and not yet completed
    qint64 logLines = 0;
    qint64 scriptVersions = 0;
    QList<qint64> byStatus; ///< instances per runtime status (index = status value)
    bool createdDestination = false; ///< the destination file did not exist before

    /// "verified: 1,234 instances, 56,789 events, identical" (English, for logs and the CLI's
    /// untranslated callers).
    QString verification() const;
};

/// Why copyHub() did not finish. Whatever happened, the destination holds nothing of the copy
/// unless `leftover` says otherwise.
struct HubCopyError {
    enum class Kind {
        CannotOpen, ///< the source or the destination cannot be opened (error: the store's)
        Refused, ///< nothing was written: same hub, destination not empty, a worker holds a hub
        Failed, ///< writing or verifying failed; what was copied has been removed again
        Cancelled, ///< stopped on request; what was copied has been removed again
    };
    Kind kind = Kind::Failed;
    Error error;
    /// Empty, or what could not be removed from the destination after a failure (and why).
    QString leftover;
};

using HubCopyResult = std::expected<HubCopyReport, HubCopyError>;

struct HubCopyOptions {
    SyncMode sync = SyncMode::Full; ///< of the destination's commits
    int batchInstances = 200; ///< instances per destination transaction at most
    qint64 batchEvents = 20000; ///< history events per destination transaction, about (one instance may exceed it)
    /// The hold on both hubs while copying: how long another process waits after our last renewal
    /// before it may take a hub over (SQLite), or our session's lease (PostgreSQL).
    qint64 leaseMs = 15000;
};

using HubCopyProgressFunction = std::function<void(const HubCopyProgress &)>;

/// Copies the task hub at `from` into the hub at `to` (each an SQLite file or a PostgreSQL URL,
/// as openHubStore() takes them) through the HubStore interface, then verifies the result.
///
/// Copied as stored: every instance row (status, execution, history length, waiting state,
/// custom status, failure, parent links, timestamps), the history and log lines of each
/// instance's current execution (continue-as-new and restarts delete earlier ones), the inbox
/// messages of each instance in their order (timers not yet due included; the message ids are
/// the destination's own), every work row (attempt counters start afresh where the backend keeps
/// them) and every script version with its number and time. Instance ids and histories are
/// identical. Messages addressed to instances that do not exist are not copied (no store reads
/// them). Writes go in transactions of at most `batchInstances` instances, so memory stays
/// bounded by a batch whatever the hub's size; script versions go last, in one transaction.
///
/// Refused before anything is written: `from` and `to` name the same hub; the source does not
/// exist (a missing SQLite file or PostgreSQL schema is never created) or is empty (no instances,
/// work or script versions: most likely a wrong name); the destination holds instances, work rows or
/// script versions; a live worker holds either hub (a running hub must be stopped first: the
/// error names the host and pid). While copying, the copy holds a worker session on both hubs,
/// so no worker starts on them; clients may still write to the source, and what they change
/// makes the verification fail.
///
/// Verification re-reads both hubs after the copy: counts per status, every instance row,
/// history, log line, message and work row, and the script versions must be equal (ids of
/// messages, work rows and log lines aside). On a failure, a mismatch or a cancel (`cancel` set,
/// checked between instances), everything copied is removed: a destination file the copy created
/// is deleted, otherwise the copied instances (with their history, logs, messages and work) are
/// deleted again. Runs on the calling thread; `progress` is called on it after each batch.
HubCopyResult copyHub(const QString &from, const QString &to, const HubCopyProgressFunction &progress = {},
                      const std::atomic<bool> *cancel = nullptr, const HubCopyOptions &options = {});

/// Whether two hub locations name the same hub as far as the names tell (the same file, also
/// through links; the same server, database and hub name). copyHub() also refuses a destination
/// that is not empty, which catches the same hub under names that look different.
bool sameHubLocation(const QString &a, const QString &b);

} // namespace durable
