#include "registry.h"

#include <algorithm>

namespace durable {

Registry::Registry(const Registry &other)
{
    QReadLocker lock(&other.m_lock);
    m_orchestrators = other.m_orchestrators;
    m_activities = other.m_activities;
}

void Registry::addOrchestrator(OrchestratorInfo info)
{
    QWriteLocker lock(&m_lock);
    auto &versions = m_orchestrators[info.name];
    // Re-registering a version replaces it, so a reloaded plugin or script does not duplicate.
    versions.removeIf([&](const OrchestratorInfo &o) { return o.version == info.version; });
    versions.append(std::move(info));
}

void Registry::addOrchestrator(const QString &name, OrchestratorFunction function, const QString &description,
                               const QJsonValue &sampleInput)
{
    addOrchestrator(OrchestratorInfo { name, QString(), description, sampleInput, std::move(function) });
}

void Registry::addActivity(const QString &name, ActivityFunction function, const QString &description)
{
    QWriteLocker lock(&m_lock);
    m_activities.insert(name, ActivityInfo { name, description, std::move(function) });
}

std::optional<OrchestratorInfo> Registry::orchestrator(const QString &name, const QString &version) const
{
    QReadLocker lock(&m_lock);
    const auto it = m_orchestrators.constFind(name);
    if (it == m_orchestrators.cend() || it->isEmpty())
        return std::nullopt;
    if (version.isEmpty())
        return it->last();
    for (const auto &o : *it) {
        if (o.version == version)
            return o;
    }
    return std::nullopt;
}

std::optional<ActivityInfo> Registry::activity(const QString &name) const
{
    QReadLocker lock(&m_lock);
    const auto it = m_activities.constFind(name);
    if (it == m_activities.cend())
        return std::nullopt;
    return *it;
}

QList<OrchestratorInfo> Registry::orchestrators() const
{
    QReadLocker lock(&m_lock);
    QList<OrchestratorInfo> result;
    for (const auto &versions : m_orchestrators) {
        if (!versions.isEmpty())
            result.append(versions.last());
    }
    std::sort(result.begin(), result.end(), [](const auto &a, const auto &b) { return a.name < b.name; });
    return result;
}

QList<OrchestratorInfo> Registry::versions(const QString &name) const
{
    QReadLocker lock(&m_lock);
    return m_orchestrators.value(name);
}

QStringList Registry::activityNames() const
{
    QReadLocker lock(&m_lock);
    auto names = m_activities.keys();
    names.sort();
    return names;
}

} // namespace durable
