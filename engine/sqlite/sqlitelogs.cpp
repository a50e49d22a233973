// The tables episodes do not read back: log lines and script versions.
#include "sqlitestatement.h"
#include "sqlitestore.h"
#include "sqlitevalues.h"

#include <QCryptographicHash>

namespace durable::sqlite {

Status SqliteStore::insertLogs(const QList<LogLine> &lines)
{
    auto &q = prepared("INSERT INTO logs (instance_id, execution_id, history_sequence, timestamp, level, source, "
                       "task_id, replaying, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const auto &l : lines) {
        q.bindValue(0, l.instanceId);
        q.bindValue(1, l.executionId);
        q.bindValue(2, l.historySequence);
        q.bindValue(3, ms(l.timestamp));
        q.bindValue(4, int(l.level));
        q.bindValue(5, l.source);
        q.bindValue(6, l.taskId);
        q.bindValue(7, l.replaying ? 1 : 0);
        q.bindValue(8, l.message);
        if (auto s = q.exec(); !s)
            return s;
    }
    return {};
}

Result<QList<LogLine>> SqliteStore::logs(const QString &instanceId, const QString &executionId, qint64 afterId)
{
    auto &q = prepared("SELECT id, history_sequence, timestamp, level, source, task_id, replaying, message FROM logs "
                       "WHERE instance_id = ? AND execution_id = ? AND id > ? ORDER BY id");
    q.bindValue(0, instanceId);
    q.bindValue(1, executionId);
    q.bindValue(2, afterId);
    if (auto s = q.exec(); !s)
        return std::unexpected(s.error());
    QList<LogLine> lines;
    while (q.next()) {
        LogLine l;
        l.id = q.value(0).toLongLong();
        l.instanceId = instanceId;
        l.executionId = executionId;
        l.historySequence = q.value(1).toLongLong();
        l.timestamp = fromMs(q.value(2));
        l.level = static_cast<LogLevel>(q.value(3).toInt());
        l.source = q.value(4).toString();
        l.taskId = q.value(5).toInt();
        l.replaying = q.value(6).toBool();
        l.message = q.value(7).toString();
        lines.append(l);
    }
    const Status read = q.error();
    q.finish();
    if (!read)
        return std::unexpected(read.error());
    return lines;
}

Result<int> SqliteStore::saveScriptVersion(const QString &fileName, const QString &code,
                                           const QStringList &orchestrators, const QStringList &activities,
                                           const QDateTime &now)
{
    const QString sha
        = QString::fromLatin1(QCryptographicHash::hash(code.toUtf8(), QCryptographicHash::Sha256).toHex());
    auto &latest
        = prepared("SELECT version, sha256 FROM script_versions WHERE file_name = ? ORDER BY version DESC LIMIT 1");
    latest.bindValue(0, fileName);
    if (auto s = latest.exec(); !s)
        return std::unexpected(s.error());
    int version = 0;
    if (latest.next()) {
        version = latest.value(0).toInt();
        if (latest.value(1).toString() == sha) {
            latest.finish();
            return version;
        }
    }
    latest.finish();
    auto &insert = prepared("INSERT INTO script_versions (file_name, version, code, sha256, created_at, orchestrators, "
                            "activities) VALUES (?, ?, ?, ?, ?, ?, ?)");
    insert.bindValue(0, fileName);
    insert.bindValue(1, version + 1);
    insert.bindValue(2, code);
    insert.bindValue(3, sha);
    insert.bindValue(4, ms(now));
    insert.bindValue(5, orchestrators.join(u'\n'));
    insert.bindValue(6, activities.join(u'\n'));
    if (auto s = insert.exec(); !s)
        return std::unexpected(s.error());
    return version + 1;
}

Result<QList<ScriptVersion>> SqliteStore::scriptVersions(const QString &fileName)
{
    auto &q = fileName.isEmpty()
        ? prepared("SELECT file_name, version, sha256, created_at, orchestrators, activities FROM script_versions "
                   "WHERE ? = '' ORDER BY file_name, version")
        : prepared("SELECT file_name, version, sha256, created_at, orchestrators, activities FROM script_versions "
                   "WHERE file_name = ? ORDER BY version");
    q.bindValue(0, fileName);
    if (auto s = q.exec(); !s)
        return std::unexpected(s.error());
    QList<ScriptVersion> versions;
    while (q.next()) {
        ScriptVersion v;
        v.fileName = q.value(0).toString();
        v.version = q.value(1).toInt();
        v.sha256 = q.value(2).toString();
        v.createdAt = fromMs(q.value(3));
        v.orchestrators = q.value(4).toString().split(u'\n', Qt::SkipEmptyParts);
        v.activities = q.value(5).toString().split(u'\n', Qt::SkipEmptyParts);
        versions.append(v);
    }
    const Status read = q.error();
    q.finish();
    if (!read)
        return std::unexpected(read.error());
    return versions;
}

Result<ScriptVersion> SqliteStore::scriptVersion(const QString &fileName, int version)
{
    auto &q = prepared("SELECT sha256, created_at, orchestrators, activities, code FROM script_versions "
                       "WHERE file_name = ? AND version = ?");
    q.bindValue(0, fileName);
    q.bindValue(1, version);
    if (auto s = q.exec(); !s)
        return std::unexpected(s.error());
    if (!q.next())
        return fail(ErrorCode::NotFound, QStringLiteral("no version %1 of script '%2'").arg(version).arg(fileName));
    ScriptVersion v { fileName,
                      version,
                      q.value(4).toString(),
                      q.value(0).toString(),
                      fromMs(q.value(1)),
                      q.value(2).toString().split(u'\n', Qt::SkipEmptyParts),
                      q.value(3).toString().split(u'\n', Qt::SkipEmptyParts) };
    q.finish();
    return v;
}

} // namespace durable::sqlite
