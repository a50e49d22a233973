#pragma once

// A HubClient that forwards everything to a real engine and counts the commands sent through it,
// so that a test can tell how many requests a view made (e.g. one Approve, not two).

#include <hubclient.h>

#include <QHash>
#include <QPromise>

#include <functional>
#include <memory>

namespace durable::testing {

class CountingClient final : public HubClient {
public:
    explicit CountingClient(HubClient *inner)
        : m_inner(inner)
    {
        connect(inner, &HubClient::changed, this, &HubClient::changed);
        connect(inner, &HubClient::backgroundError, this, &HubClient::backgroundError);
        connect(inner, &HubClient::workersChanged, this, &HubClient::workersChanged);
        connect(inner, &HubClient::damaged, this, &HubClient::damaged);
    }

    /// Commands sent so far, by name ("raiseEvent", "terminate", ...).
    int count(const QString &command) const { return m_counts.value(command); }

    QString hubName() const override { return m_inner->hubName(); }
    Clock *clock() const override { return m_inner->clock(); }
    bool ownsWorkers() const override { return m_inner->ownsWorkers(); }
    std::optional<WorkerOwner> workerOwner() const override { return m_inner->workerOwner(); }
    QFuture<Result<QList<HubWorker>>> workerSessions() override { return m_inner->workerSessions(); }
    int workerLeaseMs() const override { return m_inner->workerLeaseMs(); }
    std::optional<ActivityBacklog> activityBacklog() const override { return m_inner->activityBacklog(); }
    QFuture<Result<int>> saveScript(const QString &fileName, const QString &code, const QStringList &orchestrators,
                                    const QStringList &activities) override
    {
        return m_inner->saveScript(fileName, code, orchestrators, activities);
    }
    QFuture<Result<QList<ScriptVersion>>> scriptVersions(const QString &fileName = {}) override
    {
        return m_inner->scriptVersions(fileName);
    }
    QFuture<Result<ScriptVersion>> scriptVersion(const QString &fileName, int version) override
    {
        return m_inner->scriptVersion(fileName, version);
    }
    std::optional<Error> damage() const override { return m_inner->damage(); }
    QFuture<Result<QStringList>> checkIntegrity() override { return m_inner->checkIntegrity(); }

    QFuture<Result<QString>> start(const QString &name, const QJsonValue &input, const StartOptions &options) override
    {
        ++m_counts[QStringLiteral("start")];
        return m_inner->start(name, input, options);
    }
    /// When set, status() reads synchronously and calls this before it answers: a test acts
    /// "between" a view's read and its next command, as another client could.
    std::function<void(const QString &instanceId)> afterStatus;

    QFuture<Result<InstanceInfo>> status(const QString &instanceId, bool withHistory = false,
                                         bool withInputs = true) override
    {
        if (!afterStatus)
            return m_inner->status(instanceId, withHistory, withInputs);
        auto read = m_inner->status(instanceId, withHistory, withInputs).result();
        const auto hook = afterStatus; // a copy: the hook may reset afterStatus
        hook(instanceId);
        return QtFuture::makeReadyFuture(std::move(read));
    }
    QFuture<Result<InstancePage>> query(const InstanceQuery &query) override { return m_inner->query(query); }
    QFuture<Result<QList<qint64>>> countByStatus() override { return m_inner->countByStatus(); }
    QFuture<Result<History>> history(const QString &instanceId) override { return m_inner->history(instanceId); }
    QFuture<Result<QList<LogLine>>> logs(const QString &instanceId, qint64 afterId = 0) override
    {
        return m_inner->logs(instanceId, afterId);
    }
    QFuture<Status> raiseEvent(const QString &instanceId, const QString &eventName, const QJsonValue &payload) override
    {
        ++m_counts[QStringLiteral("raiseEvent")];
        // Answered through the event loop, never before the caller has attached its continuation
        // (a fast engine could otherwise answer within the call): "in flight" is then observable.
        auto promise = std::make_shared<QPromise<Status>>();
        promise->start();
        m_inner->raiseEvent(instanceId, eventName, payload).then(this, [this, promise](const Status &status) {
            QMetaObject::invokeMethod(
                this,
                [promise, status] {
                    promise->addResult(status);
                    promise->finish();
                },
                Qt::QueuedConnection);
        });
        return promise->future();
    }
    QFuture<Status> terminate(const QString &instanceId, const QString &reason, bool recursive = false) override
    {
        ++m_counts[QStringLiteral("terminate")];
        return m_inner->terminate(instanceId, reason, recursive);
    }
    QFuture<Status> suspend(const QString &instanceId, const QString &reason) override
    {
        ++m_counts[QStringLiteral("suspend")];
        return m_inner->suspend(instanceId, reason);
    }
    QFuture<Status> resume(const QString &instanceId, const QString &reason) override
    {
        ++m_counts[QStringLiteral("resume")];
        return m_inner->resume(instanceId, reason);
    }
    QFuture<Status> rewind(const QString &instanceId, const QString &reason) override
    {
        ++m_counts[QStringLiteral("rewind")];
        return m_inner->rewind(instanceId, reason);
    }
    QFuture<Result<QString>> restart(const QString &instanceId, bool newInstanceId) override
    {
        ++m_counts[QStringLiteral("restart")];
        return m_inner->restart(instanceId, newInstanceId);
    }
    QFuture<Result<int>> purge(const QString &instanceId, bool recursive = false) override
    {
        ++m_counts[QStringLiteral("purge")];
        return m_inner->purge(instanceId, recursive);
    }
    QFuture<Result<int>> purge(const PurgeFilter &filter) override
    {
        ++m_counts[QStringLiteral("purge")];
        return m_inner->purge(filter);
    }
    QFuture<Status> fireTimer(const QString &instanceId, int timerId) override
    {
        ++m_counts[QStringLiteral("fireTimer")];
        return m_inner->fireTimer(instanceId, timerId);
    }
    QFuture<Result<InstanceInfo>> waitForCompletion(const QString &instanceId, int timeoutMs) override
    {
        return m_inner->waitForCompletion(instanceId, timeoutMs);
    }
    const Registry &registry() const override { return m_inner->registry(); }
    int maxPayloadBytes() const override { return m_inner->maxPayloadBytes(); }

private:
    HubClient *m_inner;
    QHash<QString, int> m_counts;
};

} // namespace durable::testing
