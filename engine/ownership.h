#pragma once

#include "hubstore.h"

#include <optional>

namespace durable {

/// Who runs the hub's workers, from this process's side: its worker session (the lease), the
/// renewal, the fence and what it last saw of the process that holds the workers. Lease expiry
/// is judged by the hub's clock (see HubStore); how long this process may act on its lease
/// without renewing it is measured on steadyMs(), which runs on while the process is stopped or
/// the machine sleeps, so a process resumed after a SIGSTOP or a suspend distrusts its lease
/// before it learns whether it lost it. Dispatcher thread only.
class Ownership {
public:
    Ownership(HubStore &store, QString host, qint64 pid, qint64 leaseMs);

    enum class Change { None, Gained, Lost };
    /// Renews the session when this process holds one, otherwise tries to open one. Also reads
    /// who holds the workers when that may have changed.
    Result<Change> tick();
    /// As the first statement of a batch transaction: whether the session still holds the hub.
    /// False marks it lost; the caller drops the batch and everything the session held.
    Result<bool> verify();
    /// Ends the session (shutdown); the hub is free for another process at once.
    Status release();
    /// Forgets the session without ending it: what it holds returns once its lease runs out (when
    /// this process cannot tell what its last transaction left leased to it).
    void lose();

    bool owns() const { return m_session.has_value(); }
    /// Until when (steadyMs()) this process may start work on its
    /// lease; nullopt when it holds none.
    std::optional<qint64> trustedUntil() const;
    /// The process holding the workers as last seen (this one when owns()).
    std::optional<WorkerOwner> workerOwner() const { return m_owner; }
    /// Re-reads who holds the workers; true when that changed.
    Result<bool> refreshOwner();
    QString workerId() const { return m_me.workerId; }
    /// Whether two sightings name the same holder (process and session start; not heartbeat).
    static bool sameOwner(const std::optional<WorkerOwner> &a, const std::optional<WorkerOwner> &b);

private:
    void setOwner(const std::optional<WorkerInfo> &info);

    HubStore &m_store;
    WorkerInfo m_me;
    qint64 m_leaseMs;
    std::optional<WorkerSession> m_session;
    qint64 m_renewedAt = 0; ///< monotonic time the last successful renewal started
    std::optional<WorkerOwner> m_owner;
};

} // namespace durable
