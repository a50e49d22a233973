#include "changetracker.h"

namespace durable {

void ChangeTracker::instance(const QString &instanceId, bool history, bool logs)
{
    m_changes.instances.insert(instanceId);
    if (history)
        m_changes.history.insert(instanceId);
    if (logs)
        m_changes.logs.insert(instanceId);
}

void ChangeTracker::activitiesCompleted(int count)
{
    m_changes.activitiesCompleted += count;
}

void ChangeTracker::instanceCompleted()
{
    ++m_changes.instancesCompleted;
}

void ChangeTracker::purged()
{
    m_changes.purged = true;
}

void ChangeTracker::everything()
{
    m_changes.everything = true;
}

void ChangeTracker::evict(const QString &instanceId)
{
    m_evicted.insert(instanceId);
}

bool ChangeTracker::hasChanges() const
{
    return !m_changes.instances.isEmpty() || m_changes.purged || m_changes.everything
        || m_changes.activitiesCompleted > 0;
}

ChangeSet ChangeTracker::takeChanges()
{
    return std::exchange(m_changes, {});
}

QSet<QString> ChangeTracker::takeEvictions()
{
    return std::exchange(m_evicted, {});
}

} // namespace durable
