#include "ownership.h"

#include "clock.h"
#include "lifecycle.h"

namespace durable {

bool Ownership::sameOwner(const std::optional<WorkerOwner> &a, const std::optional<WorkerOwner> &b)
{
    if (a.has_value() != b.has_value())
        return false;
    return !a || (a->host == b->host && a->pid == b->pid && a->since == b->since && a->thisProcess == b->thisProcess);
}

Ownership::Ownership(HubStore &store, QString host, qint64 pid, qint64 leaseMs)
    : m_store(store)
    , m_me { newId(), std::move(host), pid, {}, {} }
    , m_leaseMs(leaseMs)
{
}

std::optional<qint64> Ownership::trustedUntil() const
{
    if (!m_session)
        return std::nullopt;
    // A quarter of the lease is the margin for the renewal's own duration and timer slack.
    return m_renewedAt + m_leaseMs - m_leaseMs / 4;
}

Result<Ownership::Change> Ownership::tick()
{
    const qint64 started = steadyMs();
    if (m_session) {
        auto renewed = m_store.renewSession(*m_session);
        if (!renewed)
            return std::unexpected(renewed.error());
        if (*renewed) {
            m_renewedAt = started;
            return Change::None;
        }
        lose();
        (void)refreshOwner();
        return Change::Lost;
    }
    auto opened = m_store.openSession(m_me, m_leaseMs);
    if (!opened)
        return std::unexpected(opened.error());
    if (!*opened) {
        (void)refreshOwner();
        return Change::None;
    }
    m_session = **opened;
    m_renewedAt = started;
    (void)refreshOwner();
    return Change::Gained;
}

Result<bool> Ownership::verify()
{
    if (!m_session)
        return false;
    auto ours = m_store.verifySession(*m_session);
    if (!ours)
        return std::unexpected(ours.error());
    if (!*ours)
        lose();
    return *ours;
}

Status Ownership::release()
{
    if (!m_session)
        return {};
    auto closed = m_store.closeSession(*m_session);
    m_session.reset();
    m_owner.reset();
    return closed;
}

void Ownership::lose()
{
    m_session.reset();
    m_owner.reset();
}

Result<bool> Ownership::refreshOwner()
{
    auto sessions = m_store.sessions();
    if (!sessions)
        return std::unexpected(sessions.error());
    const auto before = m_owner;
    setOwner(sessions->isEmpty() ? std::nullopt : std::optional<WorkerInfo>(sessions->first()));
    return !sameOwner(before, m_owner);
}

void Ownership::setOwner(const std::optional<WorkerInfo> &info)
{
    if (!info) {
        m_owner.reset();
        return;
    }
    // A backend shared by workers gives each session an id of its own (HubStore::openSession()).
    const bool mine = info->workerId == m_me.workerId || (m_session && info->workerId == m_session->workerId);
    m_owner = WorkerOwner { info->host, info->pid, info->since, info->heartbeat, mine };
}

} // namespace durable
