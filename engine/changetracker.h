#pragma once

#include "types.h"

namespace durable {

/// What the engine's writes changed since the last notification, and which cached orchestrator
/// runs no longer match the hub. The parts that write (lifecycle, commands) record here; the
/// dispatcher drops the evicted runs from its cache after each operation and emits the change
/// set, coalesced, as Engine::changed. Dispatcher thread only.
class ChangeTracker {
public:
    /// The instance's row changed; `history`/`logs`: rows were appended to those too.
    void instance(const QString &instanceId, bool history = false, bool logs = false);
    void activitiesCompleted(int count);
    void instanceCompleted();
    /// Instances were deleted (purge): lists must re-read, not just update rows.
    void purged();
    /// Another process changed the hub: every view re-reads what it shows.
    void everything();
    /// A cached run of `instanceId` must not be used again (the instance ended, restarted, was
    /// rewound or deleted).
    void evict(const QString &instanceId);

    bool hasChanges() const;
    ChangeSet takeChanges();
    QSet<QString> takeEvictions();

private:
    ChangeSet m_changes;
    QSet<QString> m_evicted;
};

} // namespace durable
