#pragma once

#include "hubstore.h"
#include "pgconnection.h"

#include <QHash>

#include <memory>

struct pg_conn;

namespace durable::postgres {

/// Where a PostgreSQL hub is: the libpq connection URL without our own parameters, and the hub's
/// schema name (`?hub=NAME`, default `durable`).
struct HubLocation {
    QByteArray connectionUrl; ///< handed to libpq as is (its own parameters and ~/.pgpass apply)
    QString hub; ///< schema name, an identifier [a-z_][a-z0-9_]{0,62}
    QString display; ///< the URL without a password, for messages
    int idleTransactionTimeoutMs = 10000;
};
/// Parses `postgresql://…?hub=NAME[&idle_tx_timeout_ms=MS]`. InvalidArgument for a hub name that
/// is not an identifier or a malformed option.
Result<HubLocation> parseLocation(const QString &url);

/// A task hub in one PostgreSQL schema, shared by any number of worker processes (see HubStore's
/// Leases). One PgStore is one libpq connection, used from the thread that opened it. Every
/// connection sets `idle_in_transaction_session_timeout`, so the server ends the transaction (and
/// the instance row locks) of a worker that stopped mid-batch; work rows are leased to worker
/// sessions that expire on the database clock.
///
/// Reconnects: a connection found broken at begin() (or by a read outside a transaction) is reset
/// once and set up again; a COMMIT whose outcome is unknown (the connection broke during it) is an
/// error, so the caller treats the batch as not committed and results it re-applies are dropped
/// by deleteWorkRows()' fence.
class PgStore final : public HubStore {
public:
    static constexpr int SchemaVersion = 4;

    /// Connects, and with `first` creates or migrates the hub's schema under an advisory lock (N
    /// workers may start together). Refuses a newer schema (SchemaTooNew) and a schema of that
    /// name that is not a hub (Corrupt); connection failures are Storage with libpq's reason.
    static Result<std::unique_ptr<PgStore>> open(const QString &url, SyncMode sync, bool first);
    ~PgStore() override;

    /// The server's version ("15.18") and the hub's schema version, for the About box.
    QString serverVersion() const;
    Result<int> storedSchemaVersion();
    /// Checks what can be checked without superuser extensions: the schema version and that every
    /// table and index of the hub is present; "ok" or the problems found.
    Result<QStringList> integrityCheck();

    Capabilities capabilities() const override { return { true, true }; }

    Status begin() override;
    Status commit() override;
    void rollback() override;
    bool inTransaction() const override { return m_inTransaction; }
    Status savepoint() override;
    Status releaseSavepoint() override;
    void rollbackToSavepoint() override;
    /// Counts notifications from other connections on the hub's channel (LISTEN); never blocks.
    Result<qint64> changeCounter() override;
    Status reclaimLogSpace() override { return {}; }

    Result<std::optional<InstanceRecord>> instance(const QString &instanceId, bool withInputs = true) override;
    Status putInstance(const InstanceRecord &record) override;
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
    Result<QStringList> lockInstances(const QStringList &instanceIds) override;
    Result<QList<InboxMessage>> messagesOf(const QString &instanceId) override;
    Status deleteMessage(qint64 id) override;
    Status deleteMessagesOf(const QString &instanceId) override;
    Result<QDateTime> nextDue(const QDateTime &now) override;
    Result<bool> fireTimer(const QString &instanceId, int timerId, const QDateTime &now) override;

    Result<qint64> insertWork(const WorkItem &item, QByteArrayView inputText = {}) override;
    Result<QList<bool>> deleteWorkRows(const QList<WorkItem> &items) override;
    Status leaseWork(const QList<qint64> &workIds) override;
    Result<QList<WorkItem>> claimWork(int limit) override;
    Status deleteWorkOf(const QString &instanceId) override;
    Result<QList<WorkItem>> allWork() override;

    Status insertLogs(const QList<LogLine> &lines) override;
    Result<QList<LogLine>> logs(const QString &instanceId, const QString &executionId, qint64 afterId) override;

    Result<int> saveScriptVersion(const QString &fileName, const QString &code, const QStringList &orchestrators,
                                  const QStringList &activities, const QDateTime &now) override;
    Result<QList<ScriptVersion>> scriptVersions(const QString &fileName) override;
    Result<ScriptVersion> scriptVersion(const QString &fileName, int version) override;

    /// Always a new session row with a fresh id (a worker that lost its session never gets the
    /// old one back, so nothing it still believes it holds can pass the fence).
    Result<std::optional<WorkerSession>> openSession(const WorkerInfo &me, qint64 leaseMs) override;
    /// Extends the lease, then reaps expired sessions of any worker (their work rows go free).
    Result<bool> renewSession(const WorkerSession &session) override;
    Status closeSession(const WorkerSession &session) override;
    /// Renews the session row and keeps it locked to the commit, so the reaper cannot free this
    /// worker's work while the batch runs; writes the progress counted since.
    Result<bool> verifySession(const WorkerSession &session) override;
    Result<QList<WorkerInfo>> sessions() override;
    void countProgress(int activities, int episodes) override;

private:
    /// Deferred: a write inside a transaction whose answer is not needed (pipelined).
    enum class Kind { Read, Write, Deferred, Session };
    PgStore(pg_conn *connection, HubLocation location, SyncMode sync);

    /// Runs a statement prepared once per connection (keyed by the address of its text).
    /// Outside a transaction a read meets a broken connection with one reset and a retry.
    Result<Rows> exec(const char *sql, const Params &params = {}, Kind kind = Kind::Read);
    /// A statement built at run time (queries), not kept prepared.
    Result<Rows> execDynamic(const QByteArray &sql, const Params &params);
    /// Statements without parameters (settings, schema), possibly several.
    Status execSimple(const QByteArray &sql, const QString &context);
    Result<Rows> runOnce(const char *sql, const Params &params);
    Result<QByteArray> preparedName(const char *sql, int parameters);
    /// Queues a write in the connection's pipeline.
    Status defer(const char *sql, const Params &params);
    /// Sends the pipeline (with `alsoSql`, a prepared statement without parameters, last) and
    /// reads every answer; the first error, if any.
    Status flush(const char *alsoSql = nullptr);
    /// Progress counts and the change notification of a commit that succeeded.
    Status afterCommit();
    /// Settings, search path and LISTEN of a new (or reset) connection.
    Status setUp();
    /// Resets a broken connection (once) and sets it up again.
    Status reconnect();
    Status createOrMigrate();
    QString context(const char *sql) const;
    Status deleteRowsOf(const QString &instanceId, std::initializer_list<const char *> statements);
    Result<QList<InboxMessage>> readMessages(const Rows &rows) const;

    pg_conn *m_conn = nullptr;
    HubLocation m_location;
    SyncMode m_sync;
    QByteArray m_channel;
    QHash<const char *, QByteArray> m_prepared; // statement text → prepared statement name
    QList<const char *> m_deferred; // statements sent in the pipeline, answers not yet read
    QByteArray m_lastCommand; // command tag of flush()'s `alsoSql`
    bool m_inTransaction = false;
    bool m_listening = false; // LISTENs on the hub's channel (since the first changeCounter())
    bool m_wrote = false; // this transaction changed hub data: notify others after its commit
    qint64 m_messagesInserted = 0;
    qint64 m_changes = 0;
    // The worker session this connection opened (openSession), for leases and fences.
    QString m_sessionId;
    qint64 m_leaseMs = 0;
    qint64 m_pendingActivities = 0, m_pendingEpisodes = 0; // counted, not yet written
    qint64 m_writingActivities = 0, m_writingEpisodes = 0; // written in the open transaction
    /// The session this transaction verified: renewed again with the COMMIT, so that a batch
    /// that ran longer than the lease does not commit with its session already past expiry (the
    /// reaper, which waited for the row, would then free the work this batch just leased).
    QString m_verifiedSession;
};

} // namespace durable::postgres
