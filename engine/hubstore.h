#pragma once

#include "error.h"
#include "types.h"

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace durable {

/// An instance row plus the bookkeeping the dispatcher needs.
struct InstanceRecord {
    InstanceInfo info;
    qint64 historyLength = 0;
    /// What the row's indexed columns that change over a run hold, when known: the store reads
    /// and writes them, and updateInstance() leaves their indexes alone when they are unchanged.
    struct IndexedColumns {
        RuntimeStatus status = RuntimeStatus::Pending;
        bool awaitsEvent = false;
        bool operator==(const IndexedColumns &) const = default;
    };
    std::optional<IndexedColumns> stored;
    IndexedColumns indexedColumns() const { return { info.status, !info.waiting.events.isEmpty() }; }
    /// The execution whose id and input the row holds, when known: updateInstance() writes them
    /// (serialising the input again) only when another execution began (continue-as-new).
    QString storedExecutionId;
};

/// A message not yet applied to an instance: raised events, timer firings (with visibleAt),
/// terminate/suspend/resume/rewind commands, child completions, held activity results.
/// Build one with a named constructor; `id` is assigned by the store.
struct InboxMessage {
    qint64 id = 0;
    QString instanceId;
    QString executionId; ///< empty: for whatever execution is current
    EventType type = EventType::GenericEvent;
    int taskId = -1;
    QString name;
    QJsonObject data;
    QDateTime visibleAt;

    /// A client command or a lifecycle nudge for the current execution (terminate, suspend,
    /// resume, rewind, a GenericEvent that makes a rewound instance replay).
    static InboxMessage command(const QString &instanceId, EventType type, const QJsonObject &data,
                                const QDateTime &visibleAt);
    /// An external event (EventRaised) with its payload under "input".
    static InboxMessage event(const QString &instanceId, const QString &name, const QJsonValue &payload,
                              const QDateTime &visibleAt);
    /// A durable timer of one execution, visible when it fires.
    static InboxMessage timer(const QString &instanceId, const QString &executionId, int timerId,
                              const QDateTime &fireAt);
    /// The result of an activity or sub-orchestration for action `taskId`: TaskCompleted /
    /// SubOrchestrationInstanceCompleted with "result", or the Failed type with "failure".
    static InboxMessage completion(const QString &instanceId, const QString &executionId, EventType type, int taskId,
                                   const QString &name, const QJsonObject &data, const QDateTime &visibleAt);
    /// ExecutionStarted of a new execution: its input and version, and the parent when a child.
    static InboxMessage executionStarted(const InstanceInfo &info, const QDateTime &visibleAt);
};

/// An activity invocation persisted until its result is checkpointed.
struct WorkItem {
    qint64 id = 0;
    QString instanceId;
    QString executionId;
    int taskId = -1;
    QString name;
    QJsonValue input;
    /// Which run of the row this is: 1 for the first, one more each time a worker claims the row
    /// again after its holder was lost. Results are accepted only from the current attempt.
    int attempt = 1;
};

/// A worker process as the hub records it.
struct WorkerInfo {
    QString workerId; ///< unique per process run
    QString host;
    qint64 pid = 0;
    QDateTime since; ///< when it opened its session (hub time)
    QDateTime heartbeat; ///< its last renewal (hub time)
    // As sessions() reports them (what the process holds and has done), for display.
    qint64 workHeld = 0; ///< activities it runs now
    qint64 instancesHeld = 0; ///< distinct instances of those activities
    qint64 activitiesDone = 0; ///< activity results it committed since the session opened
    qint64 episodesDone = 0; ///< orchestrator episodes it committed since the session opened
};

/// A worker's hold on the hub, returned by openSession() and checked by verifySession().
/// SQLite: the owner row; there is at most one session, and it implicitly leases every
/// instance and work row, so a checkpoint writes nothing extra for its lease.
struct WorkerSession {
    QString workerId;
    qint64 epoch = 0; ///< fencing token; 0 where the backend needs none (SQLite: the lock fences)
};

/// The storage contract of a task hub, backend-neutral. One object is one connection, used from
/// one thread only (the one that created it). Write methods must be called inside
/// begin()/commit() and never open transactions themselves.
///
/// Leases. A single-owner backend (SQLite) has one worker session, which implicitly holds every
/// instance and work row. A backend shared by workers (PostgreSQL) leases per transaction and per
/// work row: dueMessages() and lockInstances() lock the instance rows a batch touches for that
/// batch's transaction (rows another worker's open transaction holds are skipped), so two
/// workers never run an episode of one instance at once, and a worker that dies or stops holds
/// nothing once the server ends its connection or transaction. Work rows are leased to a worker
/// session (leaseWork(), claimWork()) and return to the pool when that session expires; a result
/// counts only when deleteWorkRows() still finds the row leased to this session at that attempt.
/// The connection remembers its own session (the one openSession() returned) for these calls. Every failure is an Error
/// value: Busy (locked longer than the busy timeout), ReadOnly, Corrupt (damaged data found while reading), Storage
/// (anything else, e.g. disk full). Times are engine (Clock) times except worker session times, which are the hub's own
/// clock so that every process judges a lease by the same clock.
class HubStore {
public:
    struct Capabilities {
        bool sharedByWorkers = false; ///< several processes may run workers at once (PostgreSQL)
        bool pushesChanges = false; ///< changes by others are pushed (LISTEN), not polled
    };

    virtual ~HubStore() = default;
    virtual Capabilities capabilities() const = 0;

    // Transactions. begin() takes the write lock at once (a second writer waits here, not half
    // way through a checkpoint). A failed commit() has rolled back. Savepoints nest one client
    // command inside a group commit.
    virtual Status begin() = 0;
    virtual Status commit() = 0;
    virtual void rollback() = 0;
    virtual bool inTransaction() const = 0;
    virtual Status savepoint() = 0;
    virtual Status releaseSavepoint() = 0;
    virtual void rollbackToSavepoint() = 0;
    /// A counter that changes when another connection (of any process) committed; cheap enough
    /// to poll several times a second.
    virtual Result<qint64> changeCounter() = 0;
    /// Gives the space of a write-ahead log back to the file system, without waiting: Busy when a
    /// reader still needs the log now (try again later). Call outside a transaction. A backend
    /// without such a log does nothing.
    virtual Status reclaimLogSpace() = 0;

    // Instances
    /// The row, or nullopt. Without inputs, input and output are left undefined.
    virtual Result<std::optional<InstanceRecord>> instance(const QString &instanceId, bool withInputs = true) = 0;
    /// Inserts the whole row, replacing one with the same id. Callers replace only a finished
    /// instance and delete it first (deleteInstance()). SQLite keys history rows by the row's
    /// integer key: a replaced row's history goes too, and so do any rows found under the new
    /// row's key. A row that a trigger kept from being written is a Storage error.
    virtual Status putInstance(const InstanceRecord &record) = 0;
    /// Writes the row's changing columns (not name, version, creation, parent) and records them
    /// in `record.stored`.
    virtual Status updateInstance(InstanceRecord &record) = 0;
    /// Deletes the row, history, logs and messages of a finished instance (which has no work).
    virtual Status deleteInstance(const QString &instanceId) = 0;
    virtual Result<QStringList> children(const QString &instanceId) = 0;
    /// One page in the query's order. InvalidArgument for a malformed continuation token.
    virtual Result<InstancePage> query(const InstanceQuery &query) = 0;
    /// Number of instances per runtime status (index = status value).
    virtual Result<QList<qint64>> countByStatus() = 0;
    /// Ids of finished instances matching the filter, at most `limit`.
    virtual Result<QStringList> purgeCandidates(const PurgeFilter &filter, int limit) = 0;

    // History (per execution, ordered by sequence; appends are idempotent by key)
    /// What a history read is for. Replay leaves the data of scheduling events (TaskScheduled,
    /// TimerCreated, SubOrchestrationInstanceCreated, EventSent) empty: the executor matches them
    /// by type, id and name only, and their inputs are much of a history's text. Every other
    /// event, and every field but that data, reads as with Full.
    enum class HistoryRead { Full, Replay };
    static bool readsData(HistoryRead read, EventType type)
    {
        return read == HistoryRead::Full
            || (type != EventType::TaskScheduled && type != EventType::TimerCreated
                && type != EventType::SubOrchestrationInstanceCreated && type != EventType::EventSent);
    }
    virtual Result<History> history(const QString &instanceId, const QString &executionId,
                                    HistoryRead read = HistoryRead::Full)
        = 0;
    /// Appends events numbered on from the stored ones. The instance's row of that execution comes
    /// first (putInstance(), in this transaction or an earlier one): SQLite keys the rows by it and
    /// refuses an append without it (NotFound). On failure part of them may be written,
    /// and the error may come with a later statement or the commit (PostgreSQL pipelines writes):
    /// the caller rolls back its transaction or savepoint (as the dispatcher and every client
    /// command do).
    virtual Status appendHistory(const QString &instanceId, const QString &executionId, const History &events) = 0;
    virtual Status replaceHistoryEvent(const QString &instanceId, const QString &executionId, const HistoryEvent &event)
        = 0;
    /// Every execution's history and logs of the instance (continue-as-new starts afresh).
    virtual Status deleteHistory(const QString &instanceId) = 0;

    // Inbox
    /// Returns the new message's id.
    virtual Result<qint64> insertMessage(const InboxMessage &message) = 0;
    /// Messages this connection has inserted since it opened (whether or not committed).
    virtual qint64 messagesInserted() const = 0;
    /// Messages visible at `now`, oldest first, except those held by a suspended instance
    /// (only resume and terminate reach a suspended instance). A shared backend returns only the
    /// messages of instances whose rows it could lock for this transaction (see Leases above),
    /// reading the messages after taking the locks.
    virtual Result<QList<InboxMessage>> dueMessages(const QDateTime &now, int limit) = 0;
    /// Inside a transaction: locks the rows of these instances until it ends, skipping rows another
    /// worker's transaction holds and ids with no row; returns the ids now locked. A single-owner
    /// backend holds every instance already and returns the ids as given.
    virtual Result<QStringList> lockInstances(const QStringList &instanceIds) { return instanceIds; }
    /// Every message of one instance, visible or not, oldest first.
    virtual Result<QList<InboxMessage>> messagesOf(const QString &instanceId) = 0;
    virtual Status deleteMessage(qint64 id) = 0;
    virtual Status deleteMessagesOf(const QString &instanceId) = 0;
    /// Earliest visibleAt after `now`; invalid when none.
    virtual Result<QDateTime> nextDue(const QDateTime &now) = 0;
    /// Makes a pending timer message visible at `now`. False when no such timer is pending.
    virtual Result<bool> fireTimer(const QString &instanceId, int timerId, const QDateTime &now) = 0;

    // Work
    /// Returns the new row's id. `inputText`: the item's input as the JSON text to store, when the
    /// caller wrote it already (exactly json::toText(item.input)); empty: written from the input.
    /// A text given apart, not a member of WorkItem: queued activities hold their items by the
    /// hundred thousand and would each carry it.
    virtual Result<qint64> insertWork(const WorkItem &item, QByteArrayView inputText = {}) = 0;
    /// Deletes the rows that `items` answer, each matched by id, instance, execution and task (ids
    /// may be reused, and a late result must not delete another activity's row); on a shared
    /// backend also by this session and the item's attempt. Returns, for each item in order,
    /// whether its row was deleted; false: no such row (its result is void: the instance moved on,
    /// or the row was taken back and runs again elsewhere), and for an item repeated in `items`
    /// every occurrence after the first. One call per batch, which answers its results by the
    /// thousand: a backend behind a network connection deletes them in one round trip.
    virtual Result<QList<bool>> deleteWorkRows(const QList<WorkItem> &items) = 0;
    /// deleteWorkRows() for one item.
    Result<bool> deleteWork(const WorkItem &item)
    {
        auto deleted = deleteWorkRows({ item });
        if (!deleted)
            return std::unexpected(deleted.error());
        return !deleted->isEmpty() && deleted->constFirst();
    }
    /// Inside a transaction: leases these rows (inserted by this transaction) to this connection's
    /// session as their first attempt, because this process runs them (local first). Rows not
    /// leased stay free for any worker's claimWork(). Single-owner backends: nothing to do.
    virtual Status leaseWork(const QList<qint64> &workIds)
    {
        Q_UNUSED(workIds);
        return {};
    }
    /// Inside a transaction: leases up to `limit` free rows (oldest first) to this session, each
    /// with its attempt counted up, and returns them. Single-owner backends: none (every row is
    /// the owner's; allWork() lists them at a takeover).
    virtual Result<QList<WorkItem>> claimWork(int limit)
    {
        Q_UNUSED(limit);
        return QList<WorkItem> {};
    }
    /// Deletes every work row of the instance. May read the whole work table (SQLite keeps no
    /// index on it): call it only when the instance has activities in flight.
    virtual Status deleteWorkOf(const QString &instanceId) = 0;
    virtual Result<QList<WorkItem>> allWork() = 0;

    // Logs
    virtual Status insertLogs(const QList<LogLine> &lines) = 0;
    virtual Result<QList<LogLine>> logs(const QString &instanceId, const QString &executionId, qint64 afterId) = 0;

    // Script definitions, versioned per file.
    /// Stores `code` as the next version of `fileName`; when it equals the latest version,
    /// returns that version instead of adding one.
    virtual Result<int> saveScriptVersion(const QString &fileName, const QString &code,
                                          const QStringList &orchestrators, const QStringList &activities,
                                          const QDateTime &now)
        = 0;
    /// Versions of one file (of all files when empty), oldest first, without their code.
    virtual Result<QList<ScriptVersion>> scriptVersions(const QString &fileName) = 0;
    /// One version with its code; NotFound when absent.
    virtual Result<ScriptVersion> scriptVersion(const QString &fileName, int version) = 0;

    // Worker sessions. Each opens and commits its own transaction (call outside begin()).
    /// Opens (or renews) a session for `me` when the hub lets it: SQLite when the owner row is
    /// free, ours, expired (`leaseMs` since its heartbeat, by the hub's clock) or held by a
    /// process on this host that no longer exists. nullopt: another live worker holds it.
    virtual Result<std::optional<WorkerSession>> openSession(const WorkerInfo &me, qint64 leaseMs) = 0;
    /// Extends the lease. False: the session is lost (taken over); drop everything it held.
    virtual Result<bool> renewSession(const WorkerSession &session) = 0;
    /// Ends the session; everything it held is free at once.
    virtual Status closeSession(const WorkerSession &session) = 0;
    /// Inside a transaction, as its first statement: whether `session` still holds the hub.
    /// The write lock held from here to the commit keeps it so (no takeover can commit in
    /// between), which makes this the fence of every batch.
    virtual Result<bool> verifySession(const WorkerSession &session) = 0;
    /// The live sessions (SQLite: the owner, if any), for display, oldest first.
    virtual Result<QList<WorkerInfo>> sessions() = 0;
    /// Counts committed progress of this session, reported with its next verifySession() or
    /// renewal (WorkerInfo::activitiesDone, episodesDone). Backends that show no figures ignore it.
    virtual void countProgress(int activities, int episodes)
    {
        Q_UNUSED(activities);
        Q_UNUSED(episodes);
    }
};

} // namespace durable
