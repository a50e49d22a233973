#pragma once

#include "orchestration.h"
#include "scriptruntime.h"

#include <QObject>
#include <QVariantList>

#include <memory>
#include <vector>

namespace durable::script {

/// The `native` object a JavaScript orchestrator's context calls into: one per orchestration run,
/// living in that run's coroutine frame on the dispatcher thread. Every durable operation becomes a
/// durable::Future kept here under an integer handle that the JavaScript task object carries.
/// JSON crosses the boundary as text (the prelude stringifies and parses).
class OrchestrationBridge : public QObject {
    Q_OBJECT
public:
    explicit OrchestrationBridge(OrchestrationContext &context);
    ~OrchestrationBridge() override;

    /// The future behind a handle; an invalid Future for an unknown handle.
    Future future(int handle) const;
    /// Bridges alive in this process: lets tests check that evicted runs release their script state.
    static int liveCount();

    Q_INVOKABLE int callActivity(const QString &name, const QString &inputJson);
    Q_INVOKABLE int callActivityWithRetry(const QString &name, const QString &inputJson, const QVariantList &retry);
    Q_INVOKABLE int callSubOrchestrator(const QString &name, const QString &inputJson, const QString &instanceId);
    Q_INVOKABLE int callSubOrchestratorWithRetry(const QString &name, const QString &inputJson,
                                                 const QString &instanceId, const QVariantList &retry);
    Q_INVOKABLE int createTimer(double fireAtMs);
    Q_INVOKABLE int waitForExternalEvent(const QString &name);
    Q_INVOKABLE int whenAll(const QVariantList &handles);
    Q_INVOKABLE int whenAny(const QVariantList &handles);

    Q_INVOKABLE bool isDone(int handle) const;
    Q_INVOKABLE bool isFaulted(int handle) const;
    Q_INVOKABLE QString resultJson(int handle) const;
    Q_INVOKABLE int resultIndex(int handle) const;
    Q_INVOKABLE QString failureJson(int handle) const;
    Q_INVOKABLE void cancel(int handle);

    Q_INVOKABLE QString inputJson() const;
    Q_INVOKABLE double nowMs() const;
    Q_INVOKABLE bool isReplaying() const;
    Q_INVOKABLE QString newGuid();
    Q_INVOKABLE QString instanceId() const;
    Q_INVOKABLE QString executionId() const;
    Q_INVOKABLE void setCustomStatus(const QString &json);
    Q_INVOKABLE void continueAsNew(const QString &inputJson, bool keepUnprocessedEvents);
    Q_INVOKABLE void log(int level, const QString &message);

private:
    int add(Future future);
    bool valid(int handle) const;
    QJsonValue parse(const QString &json);
    RetryPolicy retryPolicy(const QVariantList &retry) const;

    OrchestrationContext &m_context;
    std::vector<Future> m_futures;
};

/// The OrchestratorFunction of orchestrator `name` of a script: a coroutine that drives the
/// JavaScript generator on the calling thread's runtime of `source`, one yield per durable operation.
OrchestratorFunction scriptOrchestrator(std::shared_ptr<const ScriptSource> source, QString name);

} // namespace durable::script
