#pragma once

#include "hubclient.h"
#include "instanceid.h"

#include <memory>

namespace durable {

class Dispatcher;
class RemoteWork;

struct EngineOptions {
    /// SQLite file of the task hub; created when missing.
    QString hubPath;
    /// PRAGMA synchronous: Full survives power loss, Normal only process crashes.
    SyncMode sync = SyncMode::Full;
    /// Live orchestrator runs kept in memory. 0 forces a full replay from history at every episode.
    int cacheSize = 2000;
    /// Maximum size in bytes of any JSON payload (input, event data, activity result).
    int maxPayloadBytes = 4 * 1024 * 1024;
    int maxInstanceIdLength = DefaultMaxInstanceIdLength;
    /// Threads running activities.
    int activityThreads = 8;
    /// Activity results applied by one dispatcher batch at most (the oldest first; the rest wait
    /// for the next batch), so that a large fan-in does not hold every other instance's episode
    /// behind one long commit. The batch at shutdown applies all of them. Also how many finished
    /// results may wait for the dispatcher before no further activity starts (memory stays
    /// bounded while a fan-out outruns the writer). Tests lower it.
    int resultsPerBatch = 5000;
    /// Run dispatchers and activities. False opens the hub as a client only (inspect, send commands).
    bool runWorkers = true;
    /// Owner lease: another process may take over the workers after this long without a heartbeat.
    int ownerLeaseMs = 15000;
    /// Milliseconds between checks for commands written by other processes.
    int pollIntervalMs = 200;
    /// Orchestrators and activities not registered in this process are run by external workers
    /// (RemoteWork: SDK workers connected over the sidecar protocol) instead of failing as unknown:
    /// their work waits for a worker. New instances of unknown names are accepted only while
    /// RemoteWork is enabled (the sidecar is on).
    bool externalWorkers = false;
    /// Engine time; nullptr: the system clock.
    Clock *clock = nullptr;
    /// Files up to this size get PRAGMA quick_check (a read of the whole file) at open; larger
    /// ones only a probe of each table's first page, and damage deeper in them is found when it
    /// is read (then the hub turns damaged: see HubClient::damage()). Tests lower it to 0.
    qint64 deepCheckBytes = 32 * 1024 * 1024;
};

/// An open task hub: the embedded durable engine. Owns a dispatcher thread (the single writer),
/// a reader thread and the activity pool. Create with open(); destroy to shut down cleanly (the
/// current commit finishes, in-flight activities are awaited, their results re-run after reopen).
class Engine final : public HubClient {
    Q_OBJECT
public:
    /// Opens (creating or migrating) the hub. Errors: Corrupt, SchemaTooNew, ReadOnly, Busy,
    /// Storage. On error nothing in the file changed. `registry` must outlive the engine.
    static Result<std::unique_ptr<Engine>> open(const EngineOptions &options, Registry &registry);
    ~Engine() override;

    /// True when this process owns the hub's workers; false when another process does
    /// (commands are still accepted and picked up by the owner).
    bool ownsWorkers() const override;
    std::optional<WorkerOwner> workerOwner() const override;
    QString hubName() const override;
    QFuture<Result<QList<HubWorker>>> workerSessions() override;
    int workerLeaseMs() const override;
    std::optional<ActivityBacklog> activityBacklog() const override;
    Clock *clock() const override;
    QString hubPath() const;
    const EngineOptions &options() const;

    QFuture<Result<QString>> start(const QString &name, const QJsonValue &input, const StartOptions &options) override;
    using Client::start;
    QFuture<Result<InstanceInfo>> status(const QString &instanceId, bool withHistory = false,
                                         bool withInputs = true) override;
    QFuture<Result<InstancePage>> query(const InstanceQuery &query) override;
    QFuture<Result<QList<qint64>>> countByStatus() override;
    QFuture<Result<History>> history(const QString &instanceId) override;
    QFuture<Result<QList<LogLine>>> logs(const QString &instanceId, qint64 afterId = 0) override;
    QFuture<Status> raiseEvent(const QString &instanceId, const QString &eventName, const QJsonValue &payload) override;
    QFuture<Status> terminate(const QString &instanceId, const QString &reason, bool recursive = false) override;
    QFuture<Status> suspend(const QString &instanceId, const QString &reason) override;
    QFuture<Status> resume(const QString &instanceId, const QString &reason) override;
    QFuture<Status> rewind(const QString &instanceId, const QString &reason) override;
    QFuture<Result<QString>> restart(const QString &instanceId, bool newInstanceId) override;
    QFuture<Result<int>> purge(const QString &instanceId, bool recursive = false) override;
    QFuture<Result<int>> purge(const PurgeFilter &filter) override;
    QFuture<Status> fireTimer(const QString &instanceId, int timerId) override;
    QFuture<Result<InstanceInfo>> waitForCompletion(const QString &instanceId, int timeoutMs) override;
    const Registry &registry() const override;
    int maxPayloadBytes() const override;

    QFuture<Result<int>> saveScript(const QString &fileName, const QString &code, const QStringList &orchestrators,
                                    const QStringList &activities) override;
    QFuture<Result<QList<ScriptVersion>>> scriptVersions(const QString &fileName = {}) override;
    QFuture<Result<ScriptVersion>> scriptVersion(const QString &fileName, int version) override;
    std::optional<Error> damage() const override;
    QFuture<Result<ForkResult>> fork(const ForkRequest &request) override;
    QFuture<Result<bundle::ImportResult>> importBundle(const QByteArray &bytes, const QString &fileName) override;
    QFuture<Result<QStringList>> checkIntegrity() override;

    /// The queue of work for external workers (the sidecar protocol); see RemoteWork.
    RemoteWork &remoteWork() const;
    /// status() and query() with payloads as stored: those of external workers stay verbatim
    /// (json.h), for the sidecar, which returns them byte for byte. The plain calls decode them.
    QFuture<Result<InstanceInfo>> verbatimStatus(const QString &instanceId, bool withHistory, bool withInputs);
    QFuture<Result<InstancePage>> verbatimQuery(const InstanceQuery &query);
    /// terminate() with the terminated instance's output as given (a verbatim payload keeps its text).
    QFuture<Status> terminateWith(const QString &instanceId, const QJsonValue &output, bool recursive);

    /// Validates an instance id (length, no '/', '\\', '#', '?' or control characters).
    static Status validateInstanceId(const QString &id, int maxLength);

private:
    Engine(const EngineOptions &options, Registry &registry);
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace durable
