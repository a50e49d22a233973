#pragma once

#include "engine.h"
#include "run.h"
#include "store.h"

#include <QCache>
#include <QMutex>
#include <QThreadPool>
#include <QTimer>

#include <deque>

namespace durable {

/// Result of one activity execution, handed from the pool to the dispatcher thread.
struct ActivityResult {
    qint64 workId = 0;
    QString instanceId;
    QString executionId;
    int taskId = -1;
    QString name;
    bool succeeded = false;
    QJsonValue result;
    FailureDetails failure;
    QList<LogLine> logs;
    quint64 launch = 0; ///< which launch produced it (Dispatcher::launch())
};

/// The single writer of a hub. Lives on its own thread; every method runs there. It owns the
/// write connection, runs orchestrator episodes (replaying or from the cache), launches
/// activities on its pool and commits everything runnable in one transaction per batch (group
/// commit: an activity's result, the episode it triggers and the next work commit together).
/// Client write operations are executed here too, so they serialize with checkpoints.
class Dispatcher : public QObject {
    Q_OBJECT
public:
    Dispatcher(const EngineOptions &options, Registry &registry, Clock &clock, std::unique_ptr<Store> store);
    ~Dispatcher() override;

    /// Claims the hub's workers (when options.runWorkers) and starts dispatching.
    void startUp();
    /// Finishes in-flight activities, commits their results, releases ownership.
    void shutDown();
    bool ownsWorkers() const { return m_owner; }

    /// A client write. `run` executes inside the next batch's transaction (group commit: many
    /// commands and the episodes they trigger share one fsync); `finish` runs after the commit,
    /// with the commit's error if it failed. Without the workers, the command commits on its own.
    struct Command {
        std::function<bool()> run; ///< returns whether the command succeeded
        std::function<void(const std::optional<Error> &commitError)> finish;
    };
    void submit(Command command);

    Result<QString> start(const QString &name, const QJsonValue &input, const Client::StartOptions &options);
    Status raiseEvent(const QString &instanceId, const QString &eventName, const QJsonValue &payload);
    Status terminate(const QString &instanceId, const QString &reason, bool recursive);
    Status suspend(const QString &instanceId, const QString &reason);
    Status resume(const QString &instanceId, const QString &reason);
    Status rewind(const QString &instanceId, const QString &reason);
    Result<QString> restart(const QString &instanceId, bool newInstanceId);
    Result<int> purge(const QString &instanceId, bool recursive);
    Result<int> purge(const PurgeFilter &filter);
    Status fireTimer(const QString &instanceId, int timerId);
    Result<int> saveScript(const QString &fileName, const QString &code, const QStringList &orchestrators,
                           const QStringList &activities);

Q_SIGNALS:
    void changed(const durable::ChangeSet &changes);
    void backgroundError(const durable::Error &error);

private:
    struct Pending {
        QList<InboxMessage> messages;
        QList<ActivityResult> results;
    };
    /// A live run and the instance row as of its last checkpoint. The dispatcher is the only writer
    /// of a running instance's row, so the copy saves re-reading (and re-parsing) it every step.
    struct CachedRun {
        std::unique_ptr<OrchestrationRun> run;
        InstanceRecord record;
    };
    struct Checkpoint {
        QList<WorkItem> newWork;
        QList<quint64> launches; ///< of newWork, started before the commit
        std::vector<std::pair<QString, CachedRun>> runs;
    };

    void scheduleDispatch();
    void dispatch();
    Result<bool> runBatch(Checkpoint &checkpoint, QSet<QString> &touched, const QList<Command> &commands);
    Status processInstance(const QString &instanceId, Pending &pending, Checkpoint &checkpoint);
    Status runEpisode(InstanceRecord &record, History newEvents, QList<ActivityResult> results, Checkpoint &checkpoint);
    Status applyActions(const InstanceRecord &record, const QList<Action> &actions, const History &events,
                        Checkpoint &checkpoint);
    /// `hadActivities`: the instance had activities in flight before the episode that ended it.
    Status finishExecution(InstanceRecord &record, const Outcome &outcome, bool hadActivities);
    Status appendEpisode(InstanceRecord &record, HistoryEvent event, const QDateTime &now);
    Status terminateInstance(InstanceRecord &record, const InboxMessage &message);
    Status rewindInstance(InstanceRecord &record, const InboxMessage &message, Checkpoint &checkpoint);
    Status notifyParent(const InstanceRecord &record, bool succeeded, const QJsonValue &result,
                        const FailureDetails &failure);
    Status createInstance(const QString &instanceId, const QString &name, const QString &version,
                          const QJsonValue &input, const QDateTime &visibleAt, const QString &parentId,
                          int parentTaskId, bool replace);
    /// Inserts `message` for an instance that exists and is not finished (with `onlyFailed`: that
    /// is Failed); otherwise NotFound or FailedPrecondition with `refusal` (%1 id, %2 status).
    Status sendToInstance(const QString &instanceId, const InboxMessage &message, bool onlyFailed,
                          const QString &refusal);
    Result<int> purgeTree(const QString &instanceId, bool recursive);
    Status checkPayload(const QJsonValue &value, const QString &what) const;
    template<typename F>
    auto transaction(F &&body) -> decltype(body());
    /// Starts `item` on the pool; returns the launch's token, which its result carries.
    quint64 launch(const WorkItem &item);
    /// Drops activities not started yet and waits for the running ones.
    void stopActivities();
    /// Runs queued activities on a pool thread until the queue is empty.
    void drainJobs();
    /// An activity finished: dispatch now unless a dispatch is already queued.
    void resultsArrived();
    void armTimer();
    /// Moves the results in the inbox to m_results.
    void collectResults();
    void heartbeat();
    void pollExternal();
    void noteChange(const QString &instanceId, bool history = false, bool logs = false);
    void flushChanges();

    EngineOptions m_options;
    Registry &m_registry;
    Clock &m_clock;
    std::unique_ptr<Store> m_store;
    QThreadPool m_pool;
    QCache<QString, CachedRun> m_cache;
    QList<ActivityResult> m_results;
    /// Results the activity threads hand over. A batch takes all of them at once, however many
    /// finished since the last one: the more a commit carries, the fewer syncs per activity.
    QMutex m_inboxMutex;
    QList<ActivityResult> m_inbox;
    quint64 m_lastLaunch = 0;
    struct Job {
        WorkItem item;
        ActivityFunction function;
        quint64 token = 0;
    };
    QMutex m_jobsMutex;
    std::deque<Job> m_jobs;
    int m_drainers = 0; ///< pool tasks running drainJobs()
    /// Launches of batches whose commit failed: their results are dropped on arrival.
    QSet<quint64> m_voidLaunches;
    QList<Command> m_commands;
    bool m_inBatch = false;
    QTimer m_dueTimer;
    QTimer m_retryTimer;
    QTimer m_heartbeatTimer;
    QTimer m_pollTimer;
    QTimer m_notifyTimer;
    ChangeSet m_changes;
    QString m_ownerId;
    qint64 m_dataVersion = -1;
    QDateTime m_batchTime;
    bool m_owner = false;
    bool m_dispatchQueued = false;
    bool m_stopping = false;
};

} // namespace durable
