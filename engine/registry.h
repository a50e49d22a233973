#pragma once

#include "orchestration.h"

#include <QJsonValue>
#include <QReadWriteLock>
#include <QStringList>

namespace durable {

/// Catalog entry of an orchestrator: what the GUI and HTTP API show and what the engine runs.
struct OrchestratorInfo {
    QString name;
    QString version; ///< empty for unversioned code
    QString description;
    QJsonValue sampleInput; ///< a sensible input for "Start…"
    OrchestratorFunction function;
};

struct ActivityInfo {
    QString name;
    QString description;
    ActivityFunction function;
};

/// Orchestrators and activities by name. Registration may happen at any time; lookups are
/// thread-safe. An instance runs the version it started with; an empty requested version means
/// the latest registered version (the last one added).
class Registry {
public:
    Registry() = default;
    /// A snapshot of `other` (every version of every orchestrator, every activity); later
    /// registrations in either one do not reach the other. For a registry per hub built on a
    /// shared base (the workbench's built-ins and plugins plus one hub's saved scripts).
    Registry(const Registry &other);
    Registry &operator=(const Registry &) = delete;

    void addOrchestrator(OrchestratorInfo info);
    void addOrchestrator(const QString &name, OrchestratorFunction function, const QString &description = {},
                         const QJsonValue &sampleInput = {});
    void addActivity(const QString &name, ActivityFunction function, const QString &description = {});

    std::optional<OrchestratorInfo> orchestrator(const QString &name, const QString &version = {}) const;
    std::optional<ActivityInfo> activity(const QString &name) const;
    /// Latest version of every orchestrator, sorted by name.
    QList<OrchestratorInfo> orchestrators() const;
    /// All versions of one orchestrator, oldest first.
    QList<OrchestratorInfo> versions(const QString &name) const;
    QStringList activityNames() const;

private:
    mutable QReadWriteLock m_lock;
    QHash<QString, QList<OrchestratorInfo>> m_orchestrators;
    QHash<QString, ActivityInfo> m_activities;
};

} // namespace durable
