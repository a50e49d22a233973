#pragma once

#include "hubstore.h"
#include "hubupgrade.h"
#include "sqlitestatement.h"

#include <QHash>

#include <memory>

struct sqlite3;

namespace durable::sqlite {

class Statement;

/// The SQLite task hub: one file in WAL mode. One SqliteStore is one connection (opened on, and
/// used from, one thread). At most one worker session exists (the owner row); it implicitly
/// leases every instance and work row, so a checkpoint writes nothing for its lease, and the
/// write lock that begin() takes fences it (verifySession()).
class SqliteStore final : public HubStore {
public:
    static constexpr int SchemaVersion = 8;

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

    /// Who follows an upgrade of an older hub and may stop it (open()'s `watch`).
    struct MigrationWatch {
        HubUpgradeCallback progress; ///< may be empty
        const std::atomic<bool> *cancel = nullptr; ///< checked every few thousand SQLite steps
    };

    /// Opens the hub file, creating it and its schema when new, migrating an older schema in one
    /// transaction. Checks before writing anything: newer schema → SchemaTooNew,
    /// not a hub or a damaged file → Corrupt, unwritable → ReadOnly, locked → Busy, a directory
    /// or a missing folder → InvalidArgument; a migration stopped through `watch` → Cancelled.
    /// `deepCheckBytes`: the file size up to which Inspection::Default runs quick_check.
    static Result<std::unique_ptr<SqliteStore>> open(const QString &path, SyncMode sync,
                                                     Inspection inspection = Inspection::Default,
                                                     qint64 deepCheckBytes = 32 * 1024 * 1024,
                                                     const MigrationWatch *watch = nullptr);
    /// pendingHubUpgrade() for a file.
    static int pendingUpgrade(const QString &path);
    ~SqliteStore() override;

    /// Process-wide SQLite settings, applied once before the library's first use (open() calls
    /// it; so must any other code that opens SQLite before the first hub, or its settings are
    /// lost): no memory statistics, which would take a global mutex on every allocation of
    /// every connection. Nothing here reads them.
    static void configureLibrary();

    /// PRAGMA integrity_check(100) on a connection of its own, which writes nothing (no WAL
    /// switch, no migration): "ok", or the problems found. Any thread; reads the whole file.
    static Result<QStringList> integrityCheck(const QString &path);

    Capabilities capabilities() const override { return {}; }

    Status begin() override;
    Status commit() override;
    void rollback() override;
    bool inTransaction() const override { return m_guard.open; }
    Status savepoint() override;
    Status releaseSavepoint() override;
    void rollbackToSavepoint() override;
    /// PRAGMA data_version.
    Result<qint64> changeCounter() override;
    /// A TRUNCATE checkpoint that does not wait for readers: the WAL is copied into the hub and cut
    /// to zero bytes.
    Status reclaimLogSpace() override;

    Result<std::optional<InstanceRecord>> instance(const QString &instanceId, bool withInputs = true) override;
    Status putInstance(const InstanceRecord &record) override;
    /// A step that changes neither status nor awaited events writes no index but the update
    /// time's (SQLite rewrites every index on a column an UPDATE sets): one page less per step.
    Status updateInstance(InstanceRecord &record) override;
    Status deleteInstance(const QString &instanceId) override;
    Result<QStringList> children(const QString &instanceId) override;
    Result<InstancePage> query(const InstanceQuery &query) override;
    Result<QList<qint64>> countByStatus() override;
    Result<QStringList> purgeCandidates(const PurgeFilter &filter, int limit) override;

    Result<History> history(const QString &instanceId, const QString &executionId,
                            HistoryRead read = HistoryRead::Full) override;
    Status appendHistory(const QString &instanceId, const QString &executionId, const History &events) override;
    Status replaceHistoryEvent(const QString &instanceId, const QString &executionId,
                               const HistoryEvent &event) override;
    Status deleteHistory(const QString &instanceId) override;

    Result<qint64> insertMessage(const InboxMessage &message) override;
    qint64 messagesInserted() const override { return m_messagesInserted; }
    Result<QList<InboxMessage>> dueMessages(const QDateTime &now, int limit) override;
    Result<QList<InboxMessage>> messagesOf(const QString &instanceId) override;
    Status deleteMessage(qint64 id) override;
    Status deleteMessagesOf(const QString &instanceId) override;
    Result<QDateTime> nextDue(const QDateTime &now) override;
    Result<bool> fireTimer(const QString &instanceId, int timerId, const QDateTime &now) override;

    Result<qint64> insertWork(const WorkItem &item, QByteArrayView inputText = {}) override;
    Result<QList<bool>> deleteWorkRows(const QList<WorkItem> &items) override;
    Status deleteWorkOf(const QString &instanceId) override;
    Result<QList<WorkItem>> allWork() override;

    Status insertLogs(const QList<LogLine> &lines) override;
    Result<QList<LogLine>> logs(const QString &instanceId, const QString &executionId, qint64 afterId) override;

    Result<int> saveScriptVersion(const QString &fileName, const QString &code, const QStringList &orchestrators,
                                  const QStringList &activities, const QDateTime &now) override;
    Result<QList<ScriptVersion>> scriptVersions(const QString &fileName) override;
    Result<ScriptVersion> scriptVersion(const QString &fileName, int version) override;

    Result<std::optional<WorkerSession>> openSession(const WorkerInfo &me, qint64 leaseMs) override;
    Result<bool> renewSession(const WorkerSession &session) override;
    Status closeSession(const WorkerSession &session) override;
    Result<bool> verifySession(const WorkerSession &session) override;
    Result<QList<WorkerInfo>> sessions() override;

private:
    explicit SqliteStore(sqlite3 *handle);
    /// A statement prepared once and kept for the connection's life: the hot path.
    Statement &prepared(const char *sql);
    /// Runs each DELETE (one `instance_id = ?` parameter) for the instance.
    Status deleteRowsOf(const QString &instanceId, std::initializer_list<const char *> statements);
    /// Runs one statement of dynamic SQL (PRAGMAs, schema) to completion.
    Status execSql(const QByteArray &sql);
    Status inspect(const QString &path, bool fullCheck);
    /// WAL, durability, cache; migrates an older schema, or checks that no other program holds
    /// the write lock.
    Status configure(const QString &path, SyncMode sync, int version, const MigrationWatch *watch);
    /// Applies the schema files after `fromVersion`, all in one transaction.
    Status migrate(int fromVersion, const MigrationWatch *watch);
    Result<std::optional<WorkerInfo>> owner();
    /// The integer key of the instance's row while it holds `executionId` (schema 8), from
    /// m_keys in a transaction, else read; nullopt when there is no such row.
    Result<std::optional<qint64>> instanceKey(const QString &instanceId, const QString &executionId);
    void rememberKey(const QString &instanceId, qint64 key, const QString &executionId);

    sqlite3 *m_handle = nullptr;
    QHash<const char *, Statement *> m_statements;
    TransactionGuard m_guard; // every statement of this connection checks it
    qint64 m_messagesInserted = 0;
    /// Keys of instance rows this connection wrote or looked up, so that an append binds its key
    /// instead of finding it again. Exact while used: only inside a transaction (the write lock
    /// held), dropped by begin() when another connection has committed since it was filled
    /// (PRAGMA data_version) and by every rollback.
    struct KnownKey {
        qint64 key = 0;
        QString executionId;
    };
    QHash<QString, KnownKey> m_keys;
    qint64 m_keysDataVersion = -1;
};

} // namespace durable::sqlite
