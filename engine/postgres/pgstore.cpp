// The tables of a PostgreSQL hub that episodes read and write: instances, history, inbox.
#include "pgstore.h"

#include "markerfolding.h"

#include "json.h"
#include "sqlite/instancequery.h"

namespace durable::postgres {

namespace {

    constexpr int Terminated = int(EventType::ExecutionTerminated);
    constexpr int Resumed = int(EventType::ExecutionResumed);
    constexpr int Suspended = int(RuntimeStatus::Suspended);

    InstanceRecord readInstance(const Rows &q, int row, bool withInputs)
    {
        InstanceRecord r;
        auto &i = r.info;
        i.instanceId = q.text(row, 0);
        i.name = q.text(row, 1);
        i.version = q.text(row, 2);
        i.executionId = q.text(row, 3);
        i.status = static_cast<RuntimeStatus>(q.integer(row, 4));
        i.createdAt = timeValue(q, row, 5);
        i.lastUpdatedAt = timeValue(q, row, 6);
        i.completedAt = timeValue(q, row, 7);
        i.parentInstanceId = q.isNull(row, 8) ? QString() : q.text(row, 8);
        i.parentTaskId = int(q.integer(row, 9));
        i.waiting = WaitState::fromJson(jsonObject(q, row, 10));
        r.historyLength = q.integer(row, 11);
        if (!q.isNull(row, 12))
            i.origin = jsonObject(q, row, 12);
        r.stored = r.indexedColumns();
        r.storedExecutionId = i.executionId;
        i.input = QJsonValue(QJsonValue::Undefined);
        i.output = QJsonValue(QJsonValue::Undefined);
        i.customStatus = QJsonValue(QJsonValue::Undefined);
        if (withInputs) {
            i.input = jsonValue(q, row, 13);
            i.output = jsonValue(q, row, 14);
            i.customStatus = jsonValue(q, row, 15);
            if (!q.isNull(row, 16))
                i.failure = FailureDetails::fromJson(jsonObject(q, row, 16));
        } else {
            i.customStatus = jsonValue(q, row, 13);
            if (!q.isNull(row, 14))
                i.failure = FailureDetails::fromJson(jsonObject(q, row, 14));
        }
        return r;
    }

    /// The instance query builder's SQL (shared with SQLite) with PostgreSQL's numbered
    /// placeholders. Its SQL holds no '?' inside a literal.
    QByteArray numbered(const QByteArray &sql)
    {
        QByteArray out;
        out.reserve(sql.size() + 16);
        int n = 0;
        for (char c : sql) {
            if (c == '?')
                out.append('$').append(QByteArray::number(++n));
            else
                out.append(c);
        }
        return out;
    }

    constexpr auto InstanceColumns
        = "instance_id, name, version, execution_id, status, created_at, updated_at, "
          "completed_at, parent_instance_id, parent_task_id, waiting, history_length, origin";

} // namespace

Status PgStore::deleteRowsOf(const QString &instanceId, std::initializer_list<const char *> statements)
{
    for (const char *sql : statements) {
        if (auto s = exec(sql, Params().text(instanceId), Kind::Deferred); !s)
            return std::unexpected(s.error());
    }
    return {};
}

Result<std::optional<InstanceRecord>> PgStore::instance(const QString &instanceId, bool withInputs)
{
    auto rows = withInputs
        ? exec("SELECT instance_id, name, version, execution_id, status, created_at, updated_at, completed_at, "
               "parent_instance_id, parent_task_id, waiting, history_length, origin, input, output, custom_status, "
               "failure "
               "FROM instances WHERE instance_id = $1",
               Params().text(instanceId))
        : exec("SELECT instance_id, name, version, execution_id, status, created_at, updated_at, completed_at, "
               "parent_instance_id, parent_task_id, waiting, history_length, origin, custom_status, failure "
               "FROM instances WHERE instance_id = $1",
               Params().text(instanceId));
    if (!rows)
        return std::unexpected(rows.error());
    if (rows->count() == 0)
        return std::optional<InstanceRecord>();
    return std::optional<InstanceRecord>(readInstance(*rows, 0, withInputs));
}

Status PgStore::putInstance(const InstanceRecord &r)
{
    const auto &i = r.info;
    Params p;
    p.text(i.instanceId)
        .text(i.name)
        .text(i.version)
        .text(i.executionId)
        .integer(int(i.status))
        .json(i.input)
        .json(i.output)
        .json(i.customStatus)
        .jsonObject(i.failure ? i.failure->toJson() : QJsonObject())
        .time(i.createdAt)
        .time(i.lastUpdatedAt)
        .nullableTime(i.completedAt)
        .nullableText(i.parentInstanceId)
        .integer(i.parentTaskId)
        .jsonText(i.waiting.toText())
        .integer(i.waiting.events.isEmpty() ? 0 : 1)
        .integer(r.historyLength)
        .jsonObject(i.origin);
    // Replaces a finished instance only: two processes starting the same id at once both found
    // no running instance, and the second must get AlreadyExists rather than replace the first.
    auto rows = exec("INSERT INTO instances AS t (instance_id, name, version, execution_id, status, input, output, "
                     "custom_status, failure, created_at, updated_at, completed_at, parent_instance_id, "
                     "parent_task_id, waiting, awaits_event, history_length, origin) "
                     "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) "
                     "ON CONFLICT (instance_id) DO UPDATE SET name = EXCLUDED.name, version = EXCLUDED.version, "
                     "execution_id = EXCLUDED.execution_id, status = EXCLUDED.status, input = EXCLUDED.input, "
                     "output = EXCLUDED.output, custom_status = EXCLUDED.custom_status, failure = EXCLUDED.failure, "
                     "created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at, "
                     "completed_at = EXCLUDED.completed_at, parent_instance_id = EXCLUDED.parent_instance_id, "
                     "parent_task_id = EXCLUDED.parent_task_id, waiting = EXCLUDED.waiting, "
                     "awaits_event = EXCLUDED.awaits_event, history_length = EXCLUDED.history_length, "
                     "origin = EXCLUDED.origin, "
                     "home_id = NULL WHERE t.status IN (1, 3, 4, 5)",
                     p, Kind::Write);
    if (!rows)
        return std::unexpected(rows.error());
    if (rows->affected() == 0)
        return fail(ErrorCode::AlreadyExists,
                    QStringLiteral("instance '%1' already exists and is running (started by another process)")
                        .arg(i.instanceId));
    return {};
}

Status PgStore::updateInstance(InstanceRecord &r)
{
    const auto &i = r.info;
    const auto columns = r.indexedColumns();
    // The input changes only with the execution: not serialised again for every step.
    const bool execution = r.storedExecutionId != i.executionId;
    Params p;
    p.text(i.executionId);
    if (execution)
        p.json(i.input);
    else
        p.null();
    p.json(i.output)
        .json(i.customStatus)
        .jsonObject(i.failure ? i.failure->toJson() : QJsonObject())
        .time(i.lastUpdatedAt)
        .nullableTime(i.completedAt)
        .jsonText(i.waiting.toText())
        .integer(r.historyLength)
        .integer(int(i.status))
        .integer(columns.awaitsEvent ? 1 : 0)
        .text(i.instanceId)
        .nullableText(m_sessionId)
        .integer(execution ? 1 : 0);
    auto rows = exec("UPDATE instances SET execution_id = $1, input = CASE WHEN $14::integer = 1 THEN $2 ELSE input "
                     "END, output = $3, custom_status = $4, failure = $5, updated_at = $6, completed_at = $7, "
                     "waiting = $8, history_length = $9, status = $10, awaits_event = $11, home_id = $13 "
                     "WHERE instance_id = $12",
                     p, Kind::Deferred);
    if (!rows)
        return std::unexpected(rows.error());
    r.stored = columns;
    r.storedExecutionId = i.executionId;
    return {};
}

Status PgStore::deleteInstance(const QString &instanceId)
{
    return deleteRowsOf(instanceId,
                        { "DELETE FROM instances WHERE instance_id = $1", "DELETE FROM history WHERE instance_id = $1",
                          "DELETE FROM logs WHERE instance_id = $1", "DELETE FROM inbox WHERE instance_id = $1" });
}

Result<QStringList> PgStore::children(const QString &instanceId)
{
    auto rows = exec("SELECT instance_id FROM instances WHERE parent_instance_id = $1 ORDER BY instance_id",
                     Params().text(instanceId));
    if (!rows)
        return std::unexpected(rows.error());
    QStringList ids;
    for (int r = 0; r < rows->count(); ++r)
        ids.append(rows->text(r, 0));
    return ids;
}

Result<InstancePage> PgStore::query(const InstanceQuery &query)
{
    auto built = sqlite::buildInstanceQuery(query, InstanceColumns);
    if (!built)
        return std::unexpected(built.error());
    Params p;
    for (const auto &b : std::as_const(built->binds))
        p.variant(b);
    auto rows = execDynamic(numbered(built->sql), p);
    if (!rows)
        return std::unexpected(rows.error());
    InstancePage page;
    const int n = rows->count();
    for (int r = 0; r < n && r < built->pageSize; ++r)
        page.instances.append(readInstance(*rows, r, query.includeInputs).info);
    if (n > built->pageSize) {
        const auto &last = page.instances.last();
        const QDateTime asOf = query.sortKey == SortKey::Duration ? built->asOf : QDateTime();
        page.continuation = sqlite::encodeContinuation(
            { sqlite::sortValueOf(last, query.sortKey, built->asOf), last.instanceId, asOf });
    }
    return page;
}

Result<QList<qint64>> PgStore::countByStatus()
{
    auto rows = exec("SELECT status, count(*) FROM instances GROUP BY status");
    if (!rows)
        return std::unexpected(rows.error());
    QList<qint64> counts(RuntimeStatusCount, 0);
    for (int r = 0; r < rows->count(); ++r) {
        const qint64 status = rows->integer(r, 0);
        if (status >= 0 && status < RuntimeStatusCount)
            counts[status] = rows->integer(r, 1);
    }
    return counts;
}

Result<QStringList> PgStore::purgeCandidates(const PurgeFilter &filter, int limit)
{
    const auto built = sqlite::buildPurgeQuery(filter, limit);
    if (built.sql.isEmpty())
        return QStringList();
    Params p;
    for (const auto &b : built.binds)
        p.variant(b);
    auto rows = execDynamic(numbered(built.sql), p);
    if (!rows)
        return std::unexpected(rows.error());
    QStringList ids;
    for (int r = 0; r < rows->count(); ++r)
        ids.append(rows->text(r, 0));
    return ids;
}

Result<History> PgStore::history(const QString &instanceId, const QString &executionId, HistoryRead purpose)
{
    auto rows = exec("SELECT sequence, event_type, event_id, task_id, name, data, timestamp, opened_at, closed_at "
                     "FROM history WHERE instance_id = $1 AND execution_id = $2 ORDER BY sequence",
                     Params().text(instanceId).text(executionId));
    if (!rows)
        return std::unexpected(rows.error());
    History events;
    events.reserve(rows->count());
    const auto marker = [&rows](int r, int column) {
        return rows->isNull(r, column) ? std::nullopt : std::optional<QDateTime>(timeValue(*rows, r, column));
    };
    for (int r = 0; r < rows->count(); ++r) {
        HistoryEvent e;
        e.sequence = rows->integer(r, 0);
        e.type = static_cast<EventType>(rows->integer(r, 1));
        e.eventId = int(rows->integer(r, 2));
        e.taskId = int(rows->integer(r, 3));
        e.name = rows->isNull(r, 4) ? QString() : rows->text(r, 4);
        if (readsData(purpose, e.type))
            e.data = jsonObject(*rows, r, 5);
        e.timestamp = timeValue(*rows, r, 6);
        unfoldRow(events, std::move(e), marker(r, 7), marker(r, 8));
    }
    return events;
}

Status PgStore::appendHistory(const QString &instanceId, const QString &executionId, const History &events)
{
    if (events.isEmpty())
        return {};
    // One statement for the whole episode: a round trip per row would cost more than the rows.
    QList<qint64> sequences, types, eventIds, taskIds, timestamps;
    QList<std::optional<QByteArray>> names, data, openedAt, closedAt;
    const auto marker = [](const std::optional<QDateTime> &at) {
        return at ? std::optional<QByteArray>(QByteArray::number(at->toMSecsSinceEpoch())) : std::nullopt;
    };
    for (const FoldedRow &row : foldMarkers(events)) {
        const HistoryEvent &e = *row.event;
        openedAt.append(marker(row.openedAt));
        closedAt.append(marker(row.closedAt));
        sequences.append(e.sequence);
        types.append(int(e.type));
        eventIds.append(e.eventId);
        taskIds.append(e.taskId);
        timestamps.append(e.timestamp.isValid() ? e.timestamp.toMSecsSinceEpoch() : 0);
        names.append(e.name.isEmpty() ? std::nullopt : std::optional<QByteArray>(e.name.toUtf8()));
        const QByteArray text = e.dataText();
        data.append(text.isEmpty() ? std::nullopt : std::optional<QByteArray>(text));
    }
    Params p;
    p.text(instanceId)
        .text(executionId)
        .integerArray(sequences)
        .integerArray(types)
        .integerArray(eventIds)
        .integerArray(taskIds)
        .textArray(names)
        .textArray(data)
        .integerArray(timestamps)
        .textArray(openedAt)
        .textArray(closedAt);
    return discardValue(exec("INSERT INTO history (instance_id, execution_id, sequence, event_type, event_id, task_id, "
                             "name, data, timestamp, opened_at, closed_at) SELECT $1, $2, * FROM unnest($3::bigint[], "
                             "$4::integer[], $5::integer[], $6::integer[], $7::text[], $8::text[], $9::bigint[], "
                             "$10::bigint[], $11::bigint[])",
                             p, Kind::Deferred));
}

Status PgStore::replaceHistoryEvent(const QString &instanceId, const QString &executionId, const HistoryEvent &e)
{
    Params p;
    p.integer(int(e.type))
        .integer(e.eventId)
        .integer(e.taskId)
        .nullableText(e.name)
        .jsonText(e.dataText())
        .text(instanceId)
        .text(executionId)
        .integer(e.sequence);
    auto rows = exec("UPDATE history SET event_type = $1, event_id = $2, task_id = $3, name = $4, data = $5 "
                     "WHERE instance_id = $6 AND execution_id = $7 AND sequence = $8",
                     p, Kind::Write);
    if (!rows)
        return std::unexpected(rows.error());
    // A folded episode marker has no row of its own to replace (markerfolding.h).
    if (rows->affected() != 1)
        return fail(ErrorCode::NotFound,
                    QStringLiteral("history event %1 of '%2' is not stored as a row").arg(e.sequence).arg(instanceId));
    return {};
}

Status PgStore::deleteHistory(const QString &instanceId)
{
    return deleteRowsOf(instanceId,
                        { "DELETE FROM history WHERE instance_id = $1", "DELETE FROM logs WHERE instance_id = $1" });
}

Result<qint64> PgStore::insertMessage(const InboxMessage &m)
{
    Params p;
    p.text(m.instanceId)
        .nullableText(m.executionId)
        .integer(int(m.type))
        .integer(m.taskId)
        .nullableText(m.name)
        .jsonObject(m.data)
        .time(m.visibleAt)
        .integer(QDateTime::currentMSecsSinceEpoch());
    auto rows = exec("INSERT INTO inbox (instance_id, execution_id, event_type, task_id, name, data, visible_at, "
                     "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                     p, Kind::Write);
    if (!rows)
        return std::unexpected(rows.error());
    ++m_messagesInserted;
    return rows->integer(0, 0);
}

Result<QList<InboxMessage>> PgStore::readMessages(const Rows &rows) const
{
    QList<InboxMessage> messages;
    messages.reserve(rows.count());
    for (int r = 0; r < rows.count(); ++r) {
        InboxMessage m;
        m.id = rows.integer(r, 0);
        m.instanceId = rows.text(r, 1);
        m.executionId = rows.isNull(r, 2) ? QString() : rows.text(r, 2);
        m.type = static_cast<EventType>(rows.integer(r, 3));
        m.taskId = int(rows.integer(r, 4));
        m.name = rows.isNull(r, 5) ? QString() : rows.text(r, 5);
        m.data = jsonObject(rows, r, 6);
        m.visibleAt = timeValue(rows, r, 7);
        messages.append(m);
    }
    return messages;
}

// Affinity, beyond HubStore's Leases: an instance whose last episode ran on another live worker
// session is left to that worker,
// which holds its run in memory (instances.home_id); one with no home, or whose home session has
// expired, is anyone's. `alias`: the instances row; `me`: the parameter holding this session's id.
#define HOME_IS_FREE_OR(alias, me)                                                                                     \
    "(" alias ".home_id IS NULL OR " alias ".home_id = " me " OR NOT EXISTS (SELECT 1 FROM workers w"                  \
    " WHERE w.worker_id = " alias ".home_id AND w.expires_at > now_ms()))"

Result<QList<InboxMessage>> PgStore::dueMessages(const QDateTime &now, int limit)
{
    // The claim: instances among those with the oldest due messages (so none starves), locked
    // for this transaction in key order (no deadlock between batches), skipping rows another
    // worker's batch holds. The candidate list is computed once (= ANY(ARRAY(...))): a join lets
    // the planner walk every finished instance. A suspended instance qualifies only for resume
    // and terminate messages. The candidates are more than the batch takes, and the limit applies
    // after skipping: otherwise a second worker's candidates would be the very instances the first
    // holds, and it would come back empty while other instances wait.
    auto locked = exec(
        "SELECT c.instance_id FROM instances c WHERE c.instance_id = ANY (ARRAY("
        "  SELECT m.instance_id FROM inbox m WHERE m.visible_at <= $1"
        "  GROUP BY m.instance_id ORDER BY min(m.id) LIMIT 4 * $2))"
        " AND (c.status <> $3 OR EXISTS (SELECT 1 FROM inbox r WHERE r.instance_id = c.instance_id"
        "  AND r.visible_at <= $1 AND r.event_type IN ($4, $5)))"
        " AND " HOME_IS_FREE_OR("c", "$6") " ORDER BY c.instance_id LIMIT $2 FOR UPDATE SKIP LOCKED",
        Params().time(now).integer(limit).integer(Suspended).integer(Terminated).integer(Resumed).text(m_sessionId));
    if (!locked)
        return std::unexpected(locked.error());
    QStringList ids;
    for (int r = 0; r < locked->count(); ++r)
        ids.append(locked->text(r, 0));
    // Read after the locks: a message another worker consumed before we locked is gone now, so
    // no episode runs on a stale claim. Messages of ids without an instance row (nothing to lock)
    // come too, as on SQLite: the dispatcher discards them.
    auto rows = exec(
        "SELECT m.id, m.instance_id, m.execution_id, m.event_type, m.task_id, m.name, m.data, "
        "m.visible_at FROM inbox m LEFT JOIN instances i ON i.instance_id = m.instance_id "
        "WHERE m.visible_at <= $1 AND ((m.instance_id = ANY ($2::text[]) AND (i.status <> $3 "
        "OR m.event_type IN ($4, $5))) OR i.instance_id IS NULL) ORDER BY m.id LIMIT $6",
        Params().time(now).textArray(ids).integer(Suspended).integer(Terminated).integer(Resumed).integer(limit));
    if (!rows)
        return std::unexpected(rows.error());
    return readMessages(*rows);
}

Result<QStringList> PgStore::lockInstances(const QStringList &instanceIds)
{
    if (instanceIds.isEmpty())
        return QStringList();
    auto rows = exec("SELECT c.instance_id FROM instances c WHERE c.instance_id = ANY ($1::text[]) "
                     "AND " HOME_IS_FREE_OR("c", "$2") " ORDER BY c.instance_id FOR UPDATE SKIP LOCKED",
                     Params().textArray(instanceIds).text(m_sessionId));
    if (!rows)
        return std::unexpected(rows.error());
    QStringList ids;
    for (int r = 0; r < rows->count(); ++r)
        ids.append(rows->text(r, 0));
    return ids;
}

Result<QList<InboxMessage>> PgStore::messagesOf(const QString &instanceId)
{
    auto rows = exec("SELECT id, instance_id, execution_id, event_type, task_id, name, data, visible_at FROM inbox "
                     "WHERE instance_id = $1 ORDER BY id",
                     Params().text(instanceId));
    if (!rows)
        return std::unexpected(rows.error());
    return readMessages(*rows);
}

Status PgStore::deleteMessage(qint64 id)
{
    return discardValue(exec("DELETE FROM inbox WHERE id = $1", Params().integer(id), Kind::Deferred));
}

Status PgStore::deleteMessagesOf(const QString &instanceId)
{
    return discardValue(exec("DELETE FROM inbox WHERE instance_id = $1", Params().text(instanceId), Kind::Deferred));
}

Result<QDateTime> PgStore::nextDue(const QDateTime &now)
{
    auto rows = exec("SELECT min(visible_at) FROM inbox WHERE visible_at > $1", Params().time(now));
    if (!rows)
        return std::unexpected(rows.error());
    return timeValue(*rows, 0, 0);
}

Result<bool> PgStore::fireTimer(const QString &instanceId, int timerId, const QDateTime &now)
{
    auto rows
        = exec("UPDATE inbox SET visible_at = $1 WHERE instance_id = $2 AND event_type = $3 AND task_id = $4 "
               "AND visible_at > $1",
               Params().time(now).text(instanceId).integer(int(EventType::TimerFired)).integer(timerId), Kind::Write);
    if (!rows)
        return std::unexpected(rows.error());
    return rows->affected() > 0;
}

} // namespace durable::postgres
