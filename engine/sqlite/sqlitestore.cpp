// The instances and inbox tables of an SQLite hub, and its transactions; every statement is
// prepared once (the history, work, logs and sessions tables have files of their own).
#include "sqlitestore.h"

#include "instancequery.h"
#include "json.h"
#include "sqlitestatement.h"
#include "sqlitevalues.h"

#include <QCryptographicHash>
#include <QJsonDocument>

#include <sqlite3.h>

namespace durable::sqlite {

namespace {
    /// An instance's history rows, found by its key (schema 8).
    constexpr const char *HistoryOfInstanceDelete
        = "DELETE FROM history WHERE instance_key = (SELECT instance_key FROM instances WHERE instance_id = ?)";

    constexpr auto InstanceColumns
        = "instance_id, name, version, execution_id, status, created_at, updated_at, "
          "completed_at, parent_instance_id, parent_task_id, waiting, history_length, origin";

    template<typename Row>
    InstanceRecord readInstance(const Row &q, bool withInputs)
    {
        InstanceRecord r;
        auto &i = r.info;
        i.instanceId = q.value(0).toString();
        i.name = q.value(1).toString();
        i.version = q.value(2).toString();
        i.executionId = q.value(3).toString();
        i.status = static_cast<RuntimeStatus>(q.value(4).toInt());
        i.createdAt = fromMs(q.value(5));
        i.lastUpdatedAt = fromMs(q.value(6));
        i.completedAt = fromMs(q.value(7));
        i.parentInstanceId = q.value(8).toString();
        i.parentTaskId = q.value(9).toInt();
        i.waiting = WaitState::fromJson(object(q.value(10)));
        r.historyLength = q.value(11).toLongLong();
        i.origin = object(q.value(12));
        r.stored = r.indexedColumns();
        r.storedExecutionId = i.executionId;
        i.input = QJsonValue(QJsonValue::Undefined);
        i.output = QJsonValue(QJsonValue::Undefined);
        i.customStatus = QJsonValue(QJsonValue::Undefined);
        if (withInputs) {
            i.input = value(q.value(13));
            i.output = value(q.value(14));
            i.customStatus = value(q.value(15));
            if (!q.value(16).isNull())
                i.failure = FailureDetails::fromJson(object(q.value(16)));
        } else {
            // The list shows custom status and failure even without inputs; both are small.
            i.customStatus = value(q.value(13));
            if (!q.value(14).isNull())
                i.failure = FailureDetails::fromJson(object(q.value(14)));
        }
        return r;
    }

    /// JSON text, NULL for an empty object (as objectText()).
    void bindObject(Statement &q, int index, const QJsonObject &object)
    {
        if (object.isEmpty())
            q.bindNull(index);
        else
            q.bindUtf8(index, json::toText(object));
    }

    /// Milliseconds, NULL for an invalid time (a completion not yet reached).
    void bindTime(Statement &q, int index, const QDateTime &at)
    {
        if (at.isValid())
            q.bindValue(index, ms(at));
        else
            q.bindNull(index);
    }

    void bindFailure(Statement &q, int index, const std::optional<FailureDetails> &failure)
    {
        if (failure)
            bindObject(q, index, failure->toJson());
        else
            q.bindNull(index);
    }
} // namespace

SqliteStore::SqliteStore(sqlite3 *handle)
    : m_handle(handle)
{
}

SqliteStore::~SqliteStore()
{
    if (m_guard.open)
        rollback();
    qDeleteAll(m_statements);
    m_statements.clear();
    sqlite3_close(m_handle);
}

Status SqliteStore::deleteRowsOf(const QString &instanceId, std::initializer_list<const char *> statements)
{
    for (const char *sql : statements) {
        auto &q = prepared(sql);
        q.bindValue(0, instanceId);
        if (auto s = q.exec(); !s)
            return s;
    }
    return {};
}

Statement &SqliteStore::prepared(const char *sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end())
        it = m_statements.insert(sql,
                                 new Statement(m_handle, QByteArray::fromRawData(sql, qstrlen(sql)),
                                               Statement::Lifetime::Persistent, &m_guard));
    return **it;
}

Status SqliteStore::begin()
{
    // IMMEDIATE takes the write lock now, so a second process waits here (busy timeout) rather
    // than failing half-way through a checkpoint.
    m_guard.open = false;
    if (auto s = prepared("BEGIN IMMEDIATE").exec(); !s)
        return s;
    m_guard.open = true;
    // Another connection may have replaced or deleted rows since the keys were learnt.
    const auto version = changeCounter();
    if (!version || *version != m_keysDataVersion) {
        m_keys.clear();
        m_keysDataVersion = version ? *version : -1;
    }
    return {};
}

Status SqliteStore::commit()
{
    auto s = prepared("COMMIT").exec();
    if (!s)
        rollback();
    m_guard.open = false;
    return s;
}

void SqliteStore::rollback()
{
    m_guard.open = false; // ROLLBACK must run even when SQLite has rolled back already
    m_keys.clear(); // rows inserted in the transaction are gone, their keys free again
    (void)prepared("ROLLBACK").exec();
}

Status SqliteStore::savepoint()
{
    return prepared("SAVEPOINT command").exec();
}

Status SqliteStore::releaseSavepoint()
{
    return prepared("RELEASE command").exec();
}

void SqliteStore::rollbackToSavepoint()
{
    m_keys.clear();
    (void)prepared("ROLLBACK TO command").exec();
    (void)prepared("RELEASE command").exec();
}

Result<qint64> SqliteStore::changeCounter()
{
    auto &q = prepared("PRAGMA data_version");
    if (auto s = q.exec(); !s)
        return std::unexpected(s.error());
    const qint64 v = q.next() ? q.value(0).toLongLong() : 0;
    q.finish();
    return v;
}

Result<std::optional<InstanceRecord>> SqliteStore::instance(const QString &instanceId, bool withInputs)
{
    auto &q = withInputs
        ? prepared("SELECT instance_id, name, version, execution_id, status, created_at, updated_at, "
                   "completed_at, parent_instance_id, parent_task_id, waiting, history_length, "
                   "origin, input, output, custom_status, failure FROM instances WHERE instance_id = ?")
        : prepared("SELECT instance_id, name, version, execution_id, status, created_at, updated_at, "
                   "completed_at, parent_instance_id, parent_task_id, waiting, history_length, "
                   "origin, custom_status, failure FROM instances WHERE instance_id = ?");
    q.bindValue(0, instanceId);
    if (auto s = q.exec(); !s)
        return std::unexpected(s.error());
    std::optional<InstanceRecord> result;
    if (q.next())
        result = readInstance(q, withInputs);
    q.finish();
    return result;
}

Status SqliteStore::putInstance(const InstanceRecord &r)
{
    const auto &i = r.info;
    // Callers delete a row before they replace it (deleteInstance()); a replaced row's history goes
    // along in any case, so that it cannot outlive its row under a key no row holds.
    m_keys.remove(i.instanceId);
    auto &old = prepared(HistoryOfInstanceDelete);
    old.bindValue(0, i.instanceId);
    if (auto s = old.exec(); !s)
        return s;
    auto &q = prepared("INSERT OR REPLACE INTO instances (instance_id, name, version, execution_id, status, input, "
                       "output, custom_status, failure, created_at, updated_at, completed_at, parent_instance_id, "
                       "parent_task_id, waiting, awaits_event, history_length, origin) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.bindValue(0, i.instanceId);
    q.bindValue(1, i.name);
    q.bindValue(2, i.version);
    q.bindValue(3, i.executionId);
    q.bindValue(4, int(i.status));
    bindJson(q, 5, i.input);
    bindJson(q, 6, i.output);
    bindJson(q, 7, i.customStatus);
    bindFailure(q, 8, i.failure);
    q.bindValue(9, ms(i.createdAt));
    q.bindValue(10, ms(i.lastUpdatedAt));
    bindTime(q, 11, i.completedAt);
    bindName(q, 12, i.parentInstanceId);
    q.bindValue(13, i.parentTaskId);
    bindText(q, 14, i.waiting.toText());
    q.bindValue(15, i.waiting.events.isEmpty() ? 0 : 1);
    q.bindValue(16, r.historyLength);
    bindObject(q, 17, i.origin);
    if (auto s = q.exec(); !s)
        return s;
    // A statement that succeeded without inserting (a user's trigger with RAISE(IGNORE)) leaves
    // the connection's last rowid at whatever was inserted before: never take that for the key.
    if (q.numRowsAffected() != 1) {
        return fail(ErrorCode::Storage,
                    QStringLiteral("the row of instance '%1' was not written (a trigger on the instances table?)")
                        .arg(i.instanceId));
    }
    const qint64 key = q.lastInsertId();
    rememberKey(i.instanceId, key, i.executionId);
    // SQLite gives a key again once the rows above it are gone. Rows still under the new key (left
    // by another program, or by a row deleted without them) would join this instance's history:
    // they go now, a seek on the history's primary key.
    auto &d = prepared("DELETE FROM history WHERE instance_key = ?");
    d.bindValue(0, key);
    return d.exec();
}

Status SqliteStore::updateInstance(InstanceRecord &r)
{
    const auto &i = r.info;
    const auto columns = r.indexedColumns();
    // SQLite rewrites the entries of every index on a column the UPDATE sets, changed or not.
    const bool keys = r.stored != columns;
    // The input changes only with the execution: not serialised again for every step.
    const bool execution = r.storedExecutionId != i.executionId;
    // By the row's key where this transaction knows it (a seek on the table itself), else by the
    // instance id through its unique index.
#define DURABLE_STEP_SET                                                                                               \
    "UPDATE instances SET output = ?, custom_status = ?, failure = ?, updated_at = ?, completed_at = ?, "              \
    "waiting = ?, history_length = ?"
    static const char *const sql[2][2][2] = {
        { { DURABLE_STEP_SET " WHERE instance_id = ?", DURABLE_STEP_SET " WHERE instance_key = ?" },
          { DURABLE_STEP_SET ", status = ?, awaits_event = ? WHERE instance_id = ?",
            DURABLE_STEP_SET ", status = ?, awaits_event = ? WHERE instance_key = ?" } },
        { { DURABLE_STEP_SET ", execution_id = ?, input = ? WHERE instance_id = ?",
            DURABLE_STEP_SET ", execution_id = ?, input = ? WHERE instance_key = ?" },
          { DURABLE_STEP_SET ", execution_id = ?, input = ?, status = ?, awaits_event = ? WHERE instance_id = ?",
            DURABLE_STEP_SET ", execution_id = ?, input = ?, status = ?, awaits_event = ? WHERE instance_key = ?" } },
    };
#undef DURABLE_STEP_SET
    std::optional<qint64> key;
    if (m_guard.open) {
        if (const auto it = m_keys.constFind(i.instanceId); it != m_keys.cend())
            key = it->key;
    }
    if (execution) {
        // History rows are keyed by the instance, not the execution: a new execution starts with
        // none (continue-as-new deleted them already; this keeps the contract for any caller).
        auto &d = prepared("DELETE FROM history WHERE instance_key = (SELECT instance_key FROM instances "
                           "WHERE instance_id = ? AND execution_id <> ?)");
        d.bindValue(0, i.instanceId);
        d.bindValue(1, i.executionId);
        if (auto s = d.exec(); !s)
            return s;
    }
    auto &q = prepared(sql[execution][keys][key.has_value()]);
    // Typed binds: every episode of every instance updates its row.
    bindJson(q, 0, i.output);
    bindJson(q, 1, i.customStatus);
    bindFailure(q, 2, i.failure);
    q.bindValue(3, ms(i.lastUpdatedAt));
    bindTime(q, 4, i.completedAt);
    bindText(q, 5, i.waiting.toText());
    q.bindValue(6, r.historyLength);
    int next = 7;
    if (execution) {
        q.bindValue(next++, i.executionId);
        bindJson(q, next++, i.input);
    }
    if (keys) {
        q.bindValue(next++, int(i.status));
        q.bindValue(next++, columns.awaitsEvent ? 1 : 0);
    }
    if (key)
        q.bindValue(next, *key);
    else
        q.bindValue(next, i.instanceId);
    if (auto s = q.exec(); !s)
        return s;
    if (execution) {
        if (const auto it = m_keys.find(i.instanceId); it != m_keys.end())
            it->executionId = i.executionId;
    }
    r.stored = columns;
    r.storedExecutionId = i.executionId;
    return {};
}

Status SqliteStore::deleteInstance(const QString &instanceId)
{
    // No work rows: a finished instance has none left (deleteWorkOf() at its end), and the work
    // table has no index on instance_id to find them by.
    // The history first: its rows are found through the instance row's key.
    m_keys.remove(instanceId);
    return deleteRowsOf(instanceId,
                        { HistoryOfInstanceDelete, "DELETE FROM instances WHERE instance_id = ?",
                          "DELETE FROM logs WHERE instance_id = ?", "DELETE FROM inbox WHERE instance_id = ?" });
}

Result<QStringList> SqliteStore::children(const QString &instanceId)
{
    auto &q = prepared("SELECT instance_id FROM instances WHERE parent_instance_id = ?");
    q.bindValue(0, instanceId);
    if (auto s = q.exec(); !s)
        return std::unexpected(s.error());
    QStringList ids;
    while (q.next())
        ids.append(q.value(0).toString());
    const Status read = q.error();
    q.finish();
    if (!read)
        return std::unexpected(read.error());
    return ids;
}

Result<InstancePage> SqliteStore::query(const InstanceQuery &query)
{
    auto built = buildInstanceQuery(query, InstanceColumns);
    if (!built)
        return std::unexpected(built.error());
    Statement q(m_handle, built->sql, Statement::Lifetime::Transient, &m_guard);
    for (int i = 0; i < built->binds.size(); ++i)
        q.bindValue(i, built->binds.at(i));
    if (auto s = q.exec(); !s)
        return std::unexpected(s.error());
    InstancePage page;
    bool more = false;
    while (q.next()) {
        if (page.instances.size() == built->pageSize) {
            more = true;
            break;
        }
        page.instances.append(readInstance(q, query.includeInputs).info);
    }
    if (auto e = q.error(); !e)
        return std::unexpected(e.error());
    if (more) {
        const auto &last = page.instances.last();
        const QDateTime asOf = query.sortKey == SortKey::Duration ? built->asOf : QDateTime();
        page.continuation
            = encodeContinuation({ sortValueOf(last, query.sortKey, built->asOf), last.instanceId, asOf });
    }
    return page;
}

Result<QList<qint64>> SqliteStore::countByStatus()
{
    auto &q = prepared("SELECT status, count(*) FROM instances GROUP BY status");
    if (auto s = q.exec(); !s)
        return std::unexpected(s.error());
    QList<qint64> counts(RuntimeStatusCount, 0);
    while (q.next()) {
        const int status = q.value(0).toInt();
        if (status >= 0 && status < RuntimeStatusCount)
            counts[status] = q.value(1).toLongLong();
    }
    const Status read = q.error();
    q.finish();
    if (!read)
        return std::unexpected(read.error());
    return counts;
}

Result<QStringList> SqliteStore::purgeCandidates(const PurgeFilter &filter, int limit)
{
    const auto built = buildPurgeQuery(filter, limit);
    if (built.sql.isEmpty())
        return QStringList();
    Statement q(m_handle, built.sql, Statement::Lifetime::Transient, &m_guard);
    for (int i = 0; i < built.binds.size(); ++i)
        q.bindValue(i, built.binds.at(i));
    if (auto s = q.exec(); !s)
        return std::unexpected(s.error());
    QStringList ids;
    while (q.next())
        ids.append(q.value(0).toString());
    if (auto e = q.error(); !e)
        return std::unexpected(e.error());
    return ids;
}

Status SqliteStore::deleteHistory(const QString &instanceId)
{
    return deleteRowsOf(instanceId, { HistoryOfInstanceDelete, "DELETE FROM logs WHERE instance_id = ?" });
}

Result<qint64> SqliteStore::insertMessage(const InboxMessage &m)
{
    auto &q = prepared("INSERT INTO inbox (instance_id, execution_id, event_type, task_id, name, data, visible_at, "
                       "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    q.bindValue(0, m.instanceId);
    bindName(q, 1, m.executionId);
    q.bindValue(2, int(m.type));
    q.bindValue(3, m.taskId);
    bindName(q, 4, m.name);
    bindObject(q, 5, m.data);
    q.bindValue(6, ms(m.visibleAt));
    q.bindValue(7, QDateTime::currentMSecsSinceEpoch());
    if (auto s = q.exec(); !s)
        return std::unexpected(s.error());
    ++m_messagesInserted;
    return q.lastInsertId();
}

namespace {
    Result<QList<InboxMessage>> readMessages(Statement &q)
    {
        if (auto s = q.exec(); !s)
            return std::unexpected(s.error());
        QList<InboxMessage> messages;
        while (q.next()) {
            InboxMessage m;
            m.id = q.value(0).toLongLong();
            m.instanceId = q.value(1).toString();
            m.executionId = q.value(2).toString();
            m.type = static_cast<EventType>(q.value(3).toInt());
            m.taskId = q.value(4).toInt();
            m.name = q.value(5).toString();
            m.data = object(q.value(6));
            m.visibleAt = fromMs(q.value(7));
            messages.append(m);
        }
        const Status read = q.error();
        q.finish();
        if (!read)
            return std::unexpected(read.error());
        return messages;
    }
} // namespace

Result<QList<InboxMessage>> SqliteStore::dueMessages(const QDateTime &now, int limit)
{
    auto &q = prepared("SELECT m.id, m.instance_id, m.execution_id, m.event_type, m.task_id, m.name, m.data, "
                       "m.visible_at FROM inbox m LEFT JOIN instances i ON i.instance_id = m.instance_id "
                       "WHERE m.visible_at <= ? AND (i.status IS NULL OR i.status != ? OR m.event_type IN (?, ?)) "
                       "ORDER BY m.id LIMIT ?");
    q.bindValue(0, ms(now));
    q.bindValue(1, int(RuntimeStatus::Suspended));
    q.bindValue(2, int(EventType::ExecutionTerminated));
    q.bindValue(3, int(EventType::ExecutionResumed));
    q.bindValue(4, limit);
    return readMessages(q);
}

Result<QList<InboxMessage>> SqliteStore::messagesOf(const QString &instanceId)
{
    auto &q = prepared("SELECT id, instance_id, execution_id, event_type, task_id, name, data, visible_at FROM inbox "
                       "WHERE instance_id = ? ORDER BY id");
    q.bindValue(0, instanceId);
    return readMessages(q);
}

Status SqliteStore::deleteMessage(qint64 id)
{
    auto &q = prepared("DELETE FROM inbox WHERE id = ?");
    q.bindValue(0, id);
    return q.exec();
}

Status SqliteStore::deleteMessagesOf(const QString &instanceId)
{
    auto &q = prepared("DELETE FROM inbox WHERE instance_id = ?");
    q.bindValue(0, instanceId);
    return q.exec();
}

Result<QDateTime> SqliteStore::nextDue(const QDateTime &now)
{
    auto &q = prepared("SELECT min(visible_at) FROM inbox WHERE visible_at > ?");
    q.bindValue(0, ms(now));
    if (auto s = q.exec(); !s)
        return std::unexpected(s.error());
    QDateTime due;
    if (q.next())
        due = fromMs(q.value(0));
    q.finish();
    return due;
}

Result<bool> SqliteStore::fireTimer(const QString &instanceId, int timerId, const QDateTime &now)
{
    auto &q = prepared("UPDATE inbox SET visible_at = ? WHERE instance_id = ? AND event_type = ? AND task_id = ? "
                       "AND visible_at > ?");
    q.bindValue(0, ms(now));
    q.bindValue(1, instanceId);
    q.bindValue(2, int(EventType::TimerFired));
    q.bindValue(3, timerId);
    q.bindValue(4, ms(now));
    if (auto s = q.exec(); !s)
        return std::unexpected(s.error());
    return q.numRowsAffected() > 0;
}

} // namespace durable::sqlite
