#pragma once

#include "activityrunner.h"
#include "changetracker.h"
#include "commands.h"
#include "engine.h"
#include "episodebuilder.h"
#include "lifecycle.h"
#include "ownership.h"
#include "remotework.h"

#include <QCache>
#include <QPromise>
#include <QTimer>

#include <atomic>

namespace durable {

/// The single writer of a hub: the batch loop. Lives on its own thread; every method runs there.
/// Each batch takes everything runnable (due messages, activity results, client commands), runs
/// the orchestrator episodes they trigger (from the cache of live runs, or by replaying the
/// history) and commits all of it in one transaction (group commit), fenced by the ownership
/// check that opens it. The parts do the rest: ClientCommands validate and write client
/// operations, the episode builder turns an orchestrator's actions into history and effects,
/// Lifecycle persists transitions, ActivityRunner runs activities, Ownership holds the lease.
/// The dispatcher uses them; they never call back into it.
class Dispatcher : public QObject {
    Q_OBJECT
public:
    /// `remote` must outlive the dispatcher; the dispatcher is its sink while it runs.
    Dispatcher(const EngineOptions &options, Registry &registry, Clock &clock, std::unique_ptr<HubStore> store,
               RemoteWork &remote);
    ~Dispatcher() override;

    /// Claims the hub's workers (when options.runWorkers) and starts dispatching; otherwise
    /// follows the hub's changes as a client.
    void startUp();
    /// Finishes in-flight activities, commits their results, releases ownership.
    void shutDown();
    bool ownsWorkers() const { return m_ownership.owns(); }
    std::optional<WorkerOwner> workerOwner() const { return m_ownership.workerOwner(); }
    /// This process's worker id (fixed at construction; any thread may read it).
    QString workerId() const { return m_ownership.workerId(); }
    /// Activity results and orchestrator episodes committed by this dispatcher (any thread).
    qint64 activitiesDone() const { return m_activitiesDone.load(std::memory_order_relaxed); }
    qint64 episodesDone() const { return m_episodesDone.load(std::memory_order_relaxed); }
    /// The in-process activity threads' backlog (any thread).
    ActivityBacklog activityBacklog() const { return m_activities.backlog(); }

    /// A client write. `run` executes inside the next batch's transaction (group commit: many
    /// commands and the episodes they trigger share one fsync); `finish` runs after the commit,
    /// with the commit's error if it failed. Without the workers, the command commits on its own.
    struct Command {
        std::function<bool()> run; ///< returns whether the command succeeded
        std::function<void(const std::optional<Error> &commitError)> finish;
    };
    void submit(Command command);

    /// Where damage found by other threads (the reader) is told: returns the Corrupt error that
    /// made the hub damaged, if any. Any thread may call it. Set before startUp().
    void setDamageSource(std::function<std::optional<Error>()> source) { m_damageSource = std::move(source); }
    /// The hub was found damaged (by this thread or the reader): stop dispatching for good (in
    /// this process), drop queued activities (their work rows stay for a repaired hub), answer
    /// queued and later commands with a Damaged error built from `reason`. Idempotent.
    void enterDamaged(const Error &reason);
    /// Whether the hub is damaged; enters the state when the damage source reports it.
    bool checkDamage();
    /// The refusal every write gets on a damaged hub: names the state and how to check the file.
    static Error damagedError(const QString &hubPath, const Error &reason);

    /// Runs `operation` on the client commands (Shutdown once the engine is closing) and
    /// publishes what it changed. For operations that commit on their own (purge).
    /// Damaged once enterDamaged() ran: every operation is refused with ErrorCode::Damaged.
    template<typename F>
    auto withCommands(F &&operation) -> decltype(operation(std::declval<ClientCommands &>()))
    {
        if (!m_commands)
            return fail(ErrorCode::Shutdown, QStringLiteral("the engine is shut down"));
        if (checkDamage())
            return std::unexpected(*m_damage);
        auto result = operation(*m_commands);
        if (!result && result.error().code == ErrorCode::Corrupt) {
            // At once, not at the next check: a batch running this command must not commit or
            // start anything (runBatch() checks m_damage after its commands).
            Q_EMIT damageFound(result.error());
            enterDamaged(result.error());
        }
        afterWrite();
        return result;
    }

Q_SIGNALS:
    void changed(const durable::ChangeSet &changes);
    void backgroundError(const durable::Error &error);
    /// A read or write of this thread answered Corrupt: the hub is damaged (see enterDamaged()).
    void damageFound(const durable::Error &reason);
    /// Ownership of the workers or the process holding them changed.
    void workersChanged();

private:
    /// A live run and the instance row as of its last checkpoint. The dispatcher is the only writer
    /// of a running instance's row, so the copy saves re-reading (and re-parsing) it every step.
    struct CachedRun {
        std::unique_ptr<OrchestrationRun> run;
        InstanceRecord record;
    };
    /// An orchestration step handed to external workers. Its messages stay in the inbox until
    /// the step's result commits (a crash or a lost worker only means the step is sent again).
    struct RemoteStep {
        quint64 dispatch = 0;
        QString executionId;
        qint64 historyLength = 0; ///< when sent; the result applies only to this history
        QList<qint64> messageIds; ///< consumed with the result
        QList<InboxMessage> held; ///< to keep (suspended), written with the result
        std::optional<RuntimeStatus> status; ///< Suspended/Running, as the delivered events left it
        History delivered; ///< OrchestratorStarted and the new events, numbered and stamped
    };
    struct RemoteCompletion {
        RemoteOrchestratorItem item;
        RemoteOrchestratorResult result;
        std::shared_ptr<QPromise<Status>> promise;
        Status status; ///< what applying it gave, reported after the commit
    };
    struct Checkpoint {
        QList<WorkItem> newWork;
        QList<quint64> launches; ///< of newWork, started before the commit
        std::vector<std::pair<QString, CachedRun>> runs;
        /// Steps and activities for external workers, posted after the commit.
        QList<std::pair<RemoteStep, RemoteOrchestratorItem>> remoteSteps;
        QList<RemoteActivityItem> remoteActivities;
        int waitingMessages = 0; ///< left in the inbox for a step in flight
    };
    /// A row a start of the batch in progress wrote, and the index of the command that wrote it.
    struct Created {
        InstanceRecord record;
        qsizetype command = 0;
    };
    struct Pending {
        QList<InboxMessage> messages;
        QList<ActivityResult> results;
        /// The row as a start of this batch wrote it, when nothing changed it since.
        std::optional<InstanceRecord> created;
    };

    void scheduleDispatch();
    void dispatch();
    /// Whether another batch should follow at once.
    Result<bool> runBatch(Checkpoint &checkpoint, QSet<QString> &touched, QList<ActivityResult> results,
                          const QList<Command> &commands, QList<RemoteCompletion> &completions);
    /// Appends the activity threads' finished results to m_results, up to a batch's share (all of
    /// them when stopping); the rest wait in the runner.
    void collectResults();
    /// How many of m_results the next batch applies (the oldest first).
    qsizetype resultsForBatch() const;
    void batchFailed(const Error &error, const Checkpoint &checkpoint, const QSet<QString> &touched,
                     const QList<ActivityResult> &results, const QList<Command> &commands);
    /// Drops the results whose work rows are no longer this worker's; shared by workers, sends
    /// those of instances the batch cannot hold to their inbox. Leaves the ones to apply now;
    /// `counted`: the results kept (applied now or routed), this worker's completed activities.
    Status acceptResults(QList<ActivityResult> &results, const QList<InboxMessage> &due, qsizetype &counted);
    /// Shared by workers: free work rows this process has room for, leased to it in this batch.
    Result<QList<WorkItem>> claimFreeWork();
    Status processInstance(const QString &instanceId, Pending &pending, Checkpoint &checkpoint);
    Status runEpisode(const InstanceRecord &record, episodes::Delivery delivery, Checkpoint &checkpoint);
    /// The instance's code runs in an external worker: hand the step out, or leave its messages
    /// waiting while a step is out.
    Status processRemote(const InstanceRecord &record, Pending &pending, Checkpoint &checkpoint);
    Status applyRemoteStep(RemoteCompletion &completion, Checkpoint &checkpoint);
    bool isRemote(const InstanceInfo &info) const;
    bool isRemoteActivity(const QString &name) const;
    /// Starts `item` in-process or queues it for external workers.
    void startWork(const WorkItem &item, Checkpoint *checkpoint);
    void postRemote(Checkpoint &checkpoint);
    void dropRemote(const QString &why);
    /// The instance's live run: from the cache when it is in step with the record, else replayed.
    Result<std::unique_ptr<OrchestrationRun>> runFor(const InstanceRecord &record);
    void launchWork(const QList<WorkItem> &items);
    void resultsArrived();
    void armTimer();
    void heartbeat();
    void applyOwnershipChange(Ownership::Change change);
    void loseWorkers(const QString &why);
    void pollExternal();
    /// After any write: drop cached runs it voided, schedule the change notification.
    void afterWrite();
    void flushChanges();

    EngineOptions m_options;
    Registry &m_registry;
    Clock &m_clock;
    std::unique_ptr<HubStore> m_store;
    ChangeTracker m_changes;
    Ownership m_ownership;
    std::unique_ptr<Lifecycle> m_lifecycle;
    std::unique_ptr<ClientCommands> m_commands;
    ActivityRunner m_activities;
    QCache<QString, CachedRun> m_cache;
    /// The rows the starts of the batch in progress wrote, by instance (runBatch(), afterWrite()).
    QHash<QString, Created> m_created;
    qsizetype m_command = -1; ///< the index of the batch's command running now; -1 outside them
    QList<ActivityResult> m_results; ///< taken from the runner, not yet committed
    QList<Command> m_queuedCommands;
    RemoteWork &m_remote;
    QHash<QString, RemoteStep> m_remoteSteps;
    QList<RemoteCompletion> m_remoteCompletions;
    quint64 m_nextDispatch = 1;
    QTimer m_dueTimer;
    QTimer m_retryTimer;
    QTimer m_heartbeatTimer;
    QTimer m_pollTimer;
    QTimer m_notifyTimer;
    qint64 m_changeCounter = -1;
    QDateTime m_batchTime;
    bool m_dispatchQueued = false;
    bool m_pollFailing = false; ///< the last poll for other processes' changes failed
    /// A batch failed on storage (a full disk): once one commits again, the WAL, which grew as far
    /// as the disk allowed, gives its space back.
    bool m_reclaimLog = false;
    bool m_stopping = false;
    bool m_finalBatch = false; ///< the batch of shutDown(): it applies every result
    /// The hub is shared by worker processes (HubStore::Capabilities::sharedByWorkers).
    const bool m_shared;
    /// Results dropped because their work row was gone or taken back (void, never applied).
    qint64 m_voidResults = 0;
    std::atomic<qint64> m_activitiesDone { 0 };
    std::atomic<qint64> m_episodesDone { 0 };
    std::optional<Error> m_damage; ///< the refusal, once damaged
    std::function<std::optional<Error>()> m_damageSource;
};

} // namespace durable
