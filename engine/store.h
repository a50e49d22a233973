#pragma once

#include "engine.h"
#include "types.h"

#include <QHash>
#include <QSqlDatabase>

#include <memory>

class QSqlQuery;
struct sqlite3;

namespace durable {

class Statement;

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
};

/// A message not yet applied to an instance: raised events, timer firings (with visible_at),
/// terminate/suspend/resume/rewind commands, child completions, held activity results.
struct InboxMessage {
    qint64 id = 0;
    QString instanceId;
    QString executionId; ///< empty: for whatever execution is current
    EventType type = EventType::GenericEvent;
    int taskId = -1;
    QString name;
    QJsonObject data;
    QDateTime visibleAt;
};

/// An activity invocation persisted until its result is checkpointed.
struct WorkItem {
    qint64 id = 0;
    QString instanceId;
    QString executionId;
    int taskId = -1;
    QString name;
    QJsonValue input;
};

/// All SQL of the product. One Store = one SQLite connection, used from one thread only.
/// Write methods must be called inside begin()/commit(); they do not open transactions themselves.
/// Every method reports SQLite failures as Error values (Storage, Busy, Corrupt, ReadOnly).
class Store {
public:
    static constexpr int SchemaVersion = 3;

    /// How open() looks for damage.
    enum class Inspection {
        /// PRAGMA quick_check (reads the whole file) when the file is small or its last session
        /// did not end cleanly (a WAL is left over); otherwise the first page of every table. A
        /// 100 MB hub opens in milliseconds instead of a quarter second; damage deeper in a
        /// cleanly closed file is reported as Corrupt when it is read.
        Default,
        /// None: a further connection to a file another connection of this process has checked.
        Skip,
    };

    /// Opens the hub file, creating it and its schema when new, migrating an older schema inside a
    /// transaction. Checks before writing anything: newer schema → SchemaTooNew, not a hub or a
    /// damaged file → Corrupt, unwritable → ReadOnly, locked → Busy.
    static Result<std::unique_ptr<Store>> open(const QString &path, SyncMode sync, const QString &connectionName,
                                               Inspection inspection = Inspection::Default);
    ~Store();

    Status begin();
    Status commit();
    void rollback();
    bool inTransaction() const { return m_inTransaction; }
    /// Nested units inside a transaction: one client command in a group commit.
    Status savepoint();
    Status releaseSavepoint();
    void rollbackToSavepoint();
    /// PRAGMA data_version: changes when another connection committed.
    Result<qint64> dataVersion();

    // Instances
    Result<std::optional<InstanceRecord>> instance(const QString &instanceId, bool withInputs = true);
    Status putInstance(const InstanceRecord &record); ///< insert or replace the whole row
    /// Updates the mutable columns of an existing row (cheaper than a replace: name, parent and
    /// creation time keep their index entries).
    /// Writes the row's changing columns (not name, version, creation, parent) and records them in
    /// `record.stored`. A step that changes neither status nor awaited events writes no index
    /// but the update time's: one page less to sync per step.
    Status updateInstance(InstanceRecord &record);
    /// Deletes the row, history, logs and messages of a finished instance (which has no work left).
    Status deleteInstance(const QString &instanceId);
    Result<QStringList> children(const QString &instanceId);
    Result<InstancePage> query(const InstanceQuery &query);
    Result<QList<qint64>> countByStatus();
    /// Ids of finished instances matching the filter, at most `limit`.
    Result<QStringList> purgeCandidates(const PurgeFilter &filter, int limit);

    // History
    Result<History> history(const QString &instanceId, const QString &executionId);
    Status appendHistory(const QString &instanceId, const QString &executionId, const History &events);
    Status replaceHistoryEvent(const QString &instanceId, const QString &executionId, const HistoryEvent &event);
    Status deleteHistory(const QString &instanceId);

    // Inbox
    Result<qint64> insertMessage(const InboxMessage &message);
    /// Messages this connection has inserted since it opened (whether or not committed).
    qint64 messagesInserted() const { return m_messagesInserted; }
    /// Messages visible at `now`, oldest first, except those held by a suspended instance
    /// (only resume and terminate reach a suspended instance).
    Result<QList<InboxMessage>> dueMessages(const QDateTime &now, int limit);
    Status deleteMessage(qint64 id);
    Status deleteMessagesOf(const QString &instanceId);
    /// Earliest visible_at after `now`; invalid when none.
    Result<QDateTime> nextDue(const QDateTime &now);
    /// Makes a pending timer message visible at `now`. Returns false when no such timer.
    Result<bool> fireTimer(const QString &instanceId, int timerId, const QDateTime &now);

    // Work
    Result<qint64> insertWork(const WorkItem &item);
    /// Deletes the row of `item` (matched by id, instance, execution and task: ids are reused once
    /// the newest row is gone, and a late result must not delete another activity's row).
    Status deleteWork(const WorkItem &item);
    /// Deletes every work row of the instance. Reads the whole work table (work in flight only;
    /// it has no index on instance_id, one page less in every commit): call it only when the
    /// instance has activities in flight.
    Status deleteWorkOf(const QString &instanceId);
    Result<QList<WorkItem>> allWork();

    // Logs
    Status insertLogs(const QList<LogLine> &lines);
    Result<QList<LogLine>> logs(const QString &instanceId, const QString &executionId, qint64 afterId);

    // Script definitions, versioned per file.
    /// Stores `code` as the next version of `fileName`; when it equals the latest version, returns
    /// that version instead of adding one.
    Result<int> saveScriptVersion(const QString &fileName, const QString &code, const QStringList &orchestrators,
                                  const QStringList &activities, const QDateTime &now);
    /// Versions of one file (or of all files when empty), oldest first, without their code.
    Result<QList<ScriptVersion>> scriptVersions(const QString &fileName);
    /// One version with its code; NotFound when absent.
    Result<ScriptVersion> scriptVersion(const QString &fileName, int version);

    // Ownership of the workers (one process per hub).
    struct Owner {
        QString id;
        QString host;
        qint64 pid = 0;
        qint64 heartbeatMs = 0;
    };
    Result<std::optional<Owner>> owner();
    /// Takes the owner row when free, expired, ours, or held by a dead process on this host.
    Result<bool> claimOwnership(const Owner &me, qint64 leaseMs);
    Status releaseOwnership(const QString &ownerId);

private:
    Store(QSqlDatabase db, QString connectionName);
    /// A statement prepared once on the raw SQLite handle and kept for the connection's life; the
    /// hot path bypasses QtSql's per-bind bookkeeping, which cost more than SQLite itself.
    Statement &prepared(const char *sql);
    Status exec(Statement &statement);
    Status execSql(const QString &sql);
    /// Applies the schema files after `fromVersion`, each in its own transaction.
    Status migrate(int fromVersion);
    static Error errorFrom(const QSqlQuery &query, const QString &what);
    static Error errorFrom(const QSqlDatabase &db, const QString &what);

    QSqlDatabase m_db;
    QString m_connectionName;
    sqlite3 *m_handle = nullptr;
    std::unique_ptr<QHash<const char *, Statement *>> m_statements;
    bool m_inTransaction = false;
    qint64 m_messagesInserted = 0;
};

} // namespace durable
