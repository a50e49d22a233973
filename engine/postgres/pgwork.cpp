// Work rows and their leases, worker sessions, log lines and script versions of a PostgreSQL hub.
#include "pgstore.h"

#include <QCryptographicHash>
#include <QHash>
#include <QUuid>

#include <algorithm>

namespace durable::postgres {

namespace {

    WorkItem readWork(const Rows &q, int r)
    {
        WorkItem w;
        w.id = q.integer(r, 0);
        w.instanceId = q.text(r, 1);
        w.executionId = q.text(r, 2);
        w.taskId = int(q.integer(r, 3));
        w.name = q.text(r, 4);
        w.input = jsonValue(q, r, 5);
        w.attempt = int(q.integer(r, 6));
        return w;
    }

    /// Runs `body` in a transaction of its own; rolls back when it fails.
    template<typename F>
    auto ownTransaction(HubStore &store, F &&body) -> decltype(body())
    {
        if (auto s = store.begin(); !s)
            return std::unexpected(s.error());
        auto result = body();
        if (!result) {
            store.rollback();
            return result;
        }
        if (auto s = store.commit(); !s)
            return std::unexpected(s.error());
        return result;
    }

} // namespace

Result<qint64> PgStore::insertWork(const WorkItem &w, QByteArrayView inputText)
{
    Params params;
    params.text(w.instanceId).text(w.executionId).integer(w.taskId).text(w.name);
    if (inputText.isEmpty())
        params.json(w.input);
    else
        params.utf8(inputText.toByteArray());
    auto rows = exec("INSERT INTO work (instance_id, execution_id, task_id, name, input, created_at) "
                     "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                     params.integer(QDateTime::currentMSecsSinceEpoch()), Kind::Write);
    if (!rows)
        return std::unexpected(rows.error());
    return rows->integer(0, 0);
}

Result<QList<bool>> PgStore::deleteWorkRows(const QList<WorkItem> &items)
{
    QList<bool> deleted(items.size(), false);
    if (items.isEmpty())
        return deleted;
    // The fence of a result: only while the row is still leased to this session at this attempt.
    // Otherwise it was reaped and runs again elsewhere (or ran there already): that run's result
    // counts, this one is void. One statement for the batch: a round trip per result would be
    // most of a fan-in's batch.
    QList<qint64> ids, tasks, attempts;
    QStringList instanceIds, executionIds;
    ids.reserve(items.size());
    tasks.reserve(items.size());
    attempts.reserve(items.size());
    instanceIds.reserve(items.size());
    executionIds.reserve(items.size());
    for (const auto &item : items) {
        ids.append(item.id);
        instanceIds.append(item.instanceId);
        executionIds.append(item.executionId);
        tasks.append(item.taskId);
        attempts.append(item.attempt);
    }
    auto rows = exec("DELETE FROM work w USING unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], "
                     "$5::bigint[]) AS v(id, instance_id, execution_id, task_id, attempt) "
                     "WHERE w.id = v.id AND w.instance_id = v.instance_id AND w.execution_id = v.execution_id "
                     "AND w.task_id = v.task_id AND w.owner_id = $6 AND w.attempt = v.attempt "
                     "RETURNING w.id, w.instance_id, w.execution_id, w.task_id, w.attempt",
                     Params()
                         .integerArray(ids)
                         .textArray(instanceIds)
                         .textArray(executionIds)
                         .integerArray(tasks)
                         .integerArray(attempts)
                         .text(m_sessionId),
                     Kind::Write);
    if (!rows)
        return std::unexpected(rows.error());
    // A deleted row answers the first item that matches its whole fence, as if the items were
    // deleted one by one: an item of the same id at a stale attempt (or of another task) before
    // it is void, and a repeated item finds the row gone.
    QHash<qint64, int> gone;
    gone.reserve(rows->count());
    for (int r = 0; r < rows->count(); ++r)
        gone.insert(rows->integer(r, 0), r);
    for (qsizetype i = 0; i < items.size(); ++i) {
        const WorkItem &item = items.at(i);
        const auto row = gone.constFind(item.id);
        if (row == gone.cend())
            continue;
        const int r = *row;
        if (rows->text(r, 1) == item.instanceId && rows->text(r, 2) == item.executionId
            && rows->integer(r, 3) == item.taskId && rows->integer(r, 4) == item.attempt) {
            deleted[i] = true;
            gone.erase(row);
        }
    }
    return deleted;
}

Status PgStore::leaseWork(const QList<qint64> &workIds)
{
    if (workIds.isEmpty())
        return {};
    if (m_sessionId.isEmpty())
        return fail(ErrorCode::FailedPrecondition, QStringLiteral("leaseWork without a worker session"));
    return discardValue(exec("UPDATE work SET owner_id = $1, attempt = 1 WHERE id = ANY ($2::bigint[])",
                             Params().text(m_sessionId).integerArray(workIds), Kind::Deferred));
}

Result<QList<WorkItem>> PgStore::claimWork(int limit)
{
    if (limit <= 0 || m_sessionId.isEmpty())
        return QList<WorkItem> {};
    // SKIP LOCKED in the subquery, and `owner_id IS NULL` again in the outer UPDATE: after waiting
    // for a row PostgreSQL re-checks only the outer predicate, so without it two workers could
    // both take a row the first had just leased.
    auto rows = exec("UPDATE work w SET owner_id = $1, attempt = w.attempt + 1 FROM ("
                     " SELECT id FROM work WHERE owner_id IS NULL ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED) c "
                     "WHERE w.id = c.id AND w.owner_id IS NULL "
                     "RETURNING w.id, w.instance_id, w.execution_id, w.task_id, w.name, w.input, w.attempt",
                     Params().text(m_sessionId).integer(limit), Kind::Write);
    if (!rows)
        return std::unexpected(rows.error());
    QList<WorkItem> items;
    for (int r = 0; r < rows->count(); ++r)
        items.append(readWork(*rows, r));
    std::sort(items.begin(), items.end(), [](const WorkItem &a, const WorkItem &b) { return a.id < b.id; });
    return items;
}

Status PgStore::deleteWorkOf(const QString &instanceId)
{
    return discardValue(exec("DELETE FROM work WHERE instance_id = $1", Params().text(instanceId), Kind::Deferred));
}

Result<QList<WorkItem>> PgStore::allWork()
{
    auto rows = exec("SELECT id, instance_id, execution_id, task_id, name, input, attempt FROM work ORDER BY id");
    if (!rows)
        return std::unexpected(rows.error());
    QList<WorkItem> items;
    for (int r = 0; r < rows->count(); ++r)
        items.append(readWork(*rows, r));
    return items;
}

Status PgStore::insertLogs(const QList<LogLine> &lines)
{
    if (lines.isEmpty())
        return {};
    QStringList instances, executions, sources, messages;
    QList<qint64> sequences, timestamps, levels, taskIds, replaying;
    for (const auto &l : lines) {
        instances.append(l.instanceId);
        executions.append(l.executionId);
        sequences.append(l.historySequence);
        timestamps.append(l.timestamp.isValid() ? l.timestamp.toMSecsSinceEpoch() : 0);
        levels.append(int(l.level));
        sources.append(l.source);
        taskIds.append(l.taskId);
        replaying.append(l.replaying ? 1 : 0);
        messages.append(l.message);
    }
    Params p;
    p.textArray(instances)
        .textArray(executions)
        .integerArray(sequences)
        .integerArray(timestamps)
        .integerArray(levels)
        .textArray(sources)
        .integerArray(taskIds)
        .integerArray(replaying)
        .textArray(messages);
    // WITH ORDINALITY keeps the lines' order in their ids.
    return discardValue(
        exec("INSERT INTO logs (instance_id, execution_id, history_sequence, timestamp, level, source, "
             "task_id, replaying, message) SELECT i, e, s, t, l, src, k, r, m FROM unnest($1::text[], "
             "$2::text[], $3::bigint[], $4::bigint[], $5::integer[], $6::text[], $7::integer[], "
             "$8::integer[], $9::text[]) WITH ORDINALITY AS u(i, e, s, t, l, src, k, r, m, n) ORDER BY n",
             p, Kind::Deferred));
}

Result<QList<LogLine>> PgStore::logs(const QString &instanceId, const QString &executionId, qint64 afterId)
{
    auto rows = exec("SELECT id, history_sequence, timestamp, level, source, task_id, replaying, message FROM logs "
                     "WHERE instance_id = $1 AND execution_id = $2 AND id > $3 ORDER BY id",
                     Params().text(instanceId).text(executionId).integer(afterId));
    if (!rows)
        return std::unexpected(rows.error());
    QList<LogLine> lines;
    for (int r = 0; r < rows->count(); ++r) {
        LogLine l;
        l.id = rows->integer(r, 0);
        l.instanceId = instanceId;
        l.executionId = executionId;
        l.historySequence = rows->integer(r, 1);
        l.timestamp = timeValue(*rows, r, 2);
        l.level = static_cast<LogLevel>(rows->integer(r, 3));
        l.source = rows->text(r, 4);
        l.taskId = int(rows->integer(r, 5));
        l.replaying = rows->integer(r, 6) != 0;
        l.message = rows->text(r, 7);
        lines.append(l);
    }
    return lines;
}

Result<int> PgStore::saveScriptVersion(const QString &fileName, const QString &code, const QStringList &orchestrators,
                                       const QStringList &activities, const QDateTime &now)
{
    const QString sha
        = QString::fromLatin1(QCryptographicHash::hash(code.toUtf8(), QCryptographicHash::Sha256).toHex());
    auto latest = exec("SELECT version, sha256 FROM script_versions WHERE file_name = $1 ORDER BY version DESC LIMIT 1",
                       Params().text(fileName));
    if (!latest)
        return std::unexpected(latest.error());
    int version = 0;
    if (latest->count()) {
        version = int(latest->integer(0, 0));
        if (latest->text(0, 1) == sha)
            return version;
    }
    auto inserted = exec("INSERT INTO script_versions (file_name, version, code, sha256, created_at, orchestrators, "
                         "activities) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                         Params()
                             .text(fileName)
                             .integer(version + 1)
                             .text(code)
                             .text(sha)
                             .time(now)
                             .text(orchestrators.join(u'\n'))
                             .text(activities.join(u'\n')),
                         Kind::Write);
    if (!inserted)
        return std::unexpected(inserted.error());
    return version + 1;
}

Result<QList<ScriptVersion>> PgStore::scriptVersions(const QString &fileName)
{
    auto rows = fileName.isEmpty()
        ? exec("SELECT file_name, version, sha256, created_at, orchestrators, activities FROM script_versions "
               "ORDER BY file_name, version")
        : exec("SELECT file_name, version, sha256, created_at, orchestrators, activities FROM script_versions "
               "WHERE file_name = $1 ORDER BY version",
               Params().text(fileName));
    if (!rows)
        return std::unexpected(rows.error());
    QList<ScriptVersion> versions;
    for (int r = 0; r < rows->count(); ++r) {
        ScriptVersion v;
        v.fileName = rows->text(r, 0);
        v.version = int(rows->integer(r, 1));
        v.sha256 = rows->text(r, 2);
        v.createdAt = timeValue(*rows, r, 3);
        v.orchestrators = rows->text(r, 4).split(u'\n', Qt::SkipEmptyParts);
        v.activities = rows->text(r, 5).split(u'\n', Qt::SkipEmptyParts);
        versions.append(v);
    }
    return versions;
}

Result<ScriptVersion> PgStore::scriptVersion(const QString &fileName, int version)
{
    auto rows = exec("SELECT sha256, created_at, orchestrators, activities, code FROM script_versions "
                     "WHERE file_name = $1 AND version = $2",
                     Params().text(fileName).integer(version));
    if (!rows)
        return std::unexpected(rows.error());
    if (rows->count() == 0)
        return fail(ErrorCode::NotFound, QStringLiteral("no version %1 of script '%2'").arg(version).arg(fileName));
    return ScriptVersion { fileName,
                           version,
                           rows->text(0, 4),
                           rows->text(0, 0),
                           timeValue(*rows, 0, 1),
                           rows->text(0, 2).split(u'\n', Qt::SkipEmptyParts),
                           rows->text(0, 3).split(u'\n', Qt::SkipEmptyParts) };
}

Result<std::optional<WorkerSession>> PgStore::openSession(const WorkerInfo &me, qint64 leaseMs)
{
    const QString id = me.workerId + u'-' + QUuid::createUuid().toString(QUuid::WithoutBraces);
    auto opened = ownTransaction(*this, [&]() -> Status {
        return discardValue(exec("INSERT INTO workers (worker_id, host, pid, started_at, renewed_at, expires_at) "
                                 "VALUES ($1, $2, $3, now_ms(), now_ms(), now_ms() + $4)",
                                 Params().text(id).text(me.host).integer(me.pid).integer(leaseMs), Kind::Session));
    });
    if (!opened)
        return std::unexpected(opened.error());
    m_sessionId = id;
    m_leaseMs = leaseMs;
    m_pendingActivities = m_pendingEpisodes = 0;
    return std::optional<WorkerSession>(WorkerSession { id, 0 });
}

Result<bool> PgStore::renewSession(const WorkerSession &session)
{
    return ownTransaction(*this, [&]() -> Result<bool> {
        auto renewed = exec("UPDATE workers SET renewed_at = now_ms(), expires_at = now_ms() + $2 "
                            "WHERE worker_id = $1 AND expires_at > now_ms()",
                            Params().text(session.workerId).integer(m_leaseMs), Kind::Session);
        if (!renewed)
            return std::unexpected(renewed.error());
        // The reaper: sessions whose lease ran out (their process died, stopped or lost the
        // server) are deleted and their work rows set free for any worker to claim.
        // Two statements, not one: the DELETE may wait for a batch of the dying session that
        // holds its row, and once that batch commits the row is deleted if its lease still ran
        // out; a statement of its own then sees the work rows that batch inserted and leased,
        // which the DELETE's snapshot (taken before the wait) does not.
        auto dead = exec("DELETE FROM workers WHERE expires_at <= now_ms() RETURNING worker_id", {}, Kind::Session);
        if (!dead)
            return std::unexpected(dead.error());
        if (dead->count() > 0) {
            QStringList ids;
            for (int r = 0; r < dead->count(); ++r)
                ids.append(dead->text(r, 0));
            auto freed = exec("UPDATE work SET owner_id = NULL WHERE owner_id = ANY ($1::text[])",
                              Params().textArray(ids), Kind::Session);
            if (!freed)
                return std::unexpected(freed.error());
            if (freed->affected() > 0)
                m_wrote = true; // free work: wake the other workers
        }
        return renewed->affected() == 1;
    });
}

Status PgStore::closeSession(const WorkerSession &session)
{
    auto closed = ownTransaction(*this, [&]() -> Status {
        if (auto s
            = exec("UPDATE work SET owner_id = NULL WHERE owner_id = $1", Params().text(session.workerId), Kind::Write);
            !s)
            return std::unexpected(s.error());
        return discardValue(
            exec("DELETE FROM workers WHERE worker_id = $1", Params().text(session.workerId), Kind::Session));
    });
    if (session.workerId == m_sessionId)
        m_sessionId.clear();
    return closed;
}

Result<bool> PgStore::verifySession(const WorkerSession &session)
{
    // Renewing takes the row's lock until the commit: the reaper's DELETE waits for it and then
    // sees the new expiry, so it cannot free this worker's work while the batch runs.
    auto rows = exec(
        "UPDATE workers SET renewed_at = now_ms(), expires_at = now_ms() + $2, "
        "activities_done = activities_done + $3, episodes_done = episodes_done + $4 "
        "WHERE worker_id = $1 AND expires_at > now_ms()",
        Params().text(session.workerId).integer(m_leaseMs).integer(m_pendingActivities).integer(m_pendingEpisodes),
        Kind::Session);
    if (!rows)
        return std::unexpected(rows.error());
    const bool ours = rows->affected() == 1;
    if (ours) {
        m_verifiedSession = session.workerId;
        m_writingActivities = m_pendingActivities;
        m_writingEpisodes = m_pendingEpisodes;
    }
    return ours;
}

void PgStore::countProgress(int activities, int episodes)
{
    m_pendingActivities += activities;
    m_pendingEpisodes += episodes;
}

Result<QList<WorkerInfo>> PgStore::sessions()
{
    auto rows = exec("SELECT w.worker_id, w.host, w.pid, w.started_at, w.renewed_at, "
                     "(SELECT count(*) FROM work k WHERE k.owner_id = w.worker_id), "
                     "(SELECT count(DISTINCT k.instance_id) FROM work k WHERE k.owner_id = w.worker_id), "
                     "w.activities_done, w.episodes_done FROM workers w WHERE w.expires_at > now_ms() "
                     "ORDER BY w.started_at, w.worker_id");
    if (!rows)
        return std::unexpected(rows.error());
    QList<WorkerInfo> workers;
    for (int r = 0; r < rows->count(); ++r) {
        WorkerInfo w;
        w.workerId = rows->text(r, 0);
        w.host = rows->text(r, 1);
        w.pid = rows->integer(r, 2);
        w.since = timeValue(*rows, r, 3);
        w.heartbeat = timeValue(*rows, r, 4);
        w.workHeld = rows->integer(r, 5);
        w.instancesHeld = rows->integer(r, 6);
        w.activitiesDone = rows->integer(r, 7);
        w.episodesDone = rows->integer(r, 8);
        workers.append(w);
    }
    return workers;
}

} // namespace durable::postgres
