#pragma once

#include "designservice.h"
#include "hubclient.h"
#include "registry.h"

#include <QList>
#include <QObject>

#include <functional>

class QThread;

namespace durable::script {

/// The DesignService of a hub whose script runtime is in this process: drafts are loaded into
/// private registries (never the engine's) and run on short-lived threads of their own, since
/// script engines are per thread and must die with the job; the replay test reads the stored
/// histories through `client`; registerVersion() registers into `registry`, the one the engine
/// runs. Lives on the thread that creates it (the GUI's), which must run an event loop for
/// finished job threads to be reclaimed.
class ScriptDesignService final : public QObject, public DesignService {
    Q_OBJECT
public:
    /// `client` and `registry` must outlive the service.
    ScriptDesignService(HubClient &client, Registry &registry, QObject *parent = nullptr);
    /// Waits for running jobs; scripts are bounded by their time limits.
    ~ScriptDesignService() override;

    QFuture<Result<ScriptDefinitions>> check(const QString &fileName, const QString &code) override;
    QFuture<Result<DryRunReport>> dryRun(const ScriptDraft &draft, const QJsonValue &input, const QJsonObject &stubs,
                                         const QDateTime &startTime) override;
    QFuture<Result<ReplayTestReport>> replayTest(const ScriptDraft &draft, int maxInstances) override;
    QFuture<Result<QString>> registerVersion(const QString &fileName, const QString &code, int version) override;
    QString versionName(int version) const override;

private:
    /// Runs `job` on a new thread and returns its result as a future.
    template<typename T>
    QFuture<T> runOnScriptThread(std::function<T()> job);

    HubClient &m_client;
    Registry &m_registry;
    QList<QThread *> m_threads;
};

} // namespace durable::script
