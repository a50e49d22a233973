// The work table of an SQLite hub: an activity's row from its scheduling until its result is
// checkpointed.
#include "sqlitestatement.h"
#include "sqlitestore.h"
#include "sqlitevalues.h"

namespace durable::sqlite {

Result<qint64> SqliteStore::insertWork(const WorkItem &w, QByteArrayView inputText)
{
    auto &q = prepared("INSERT INTO work (instance_id, execution_id, task_id, name, input, created_at) "
                       "VALUES (?, ?, ?, ?, ?, ?)");
    q.bindValue(0, w.instanceId);
    q.bindValue(1, w.executionId);
    q.bindValue(2, w.taskId);
    q.bindValue(3, w.name);
    if (inputText.isEmpty())
        bindJson(q, 4, w.input);
    else
        q.bindUtf8(4, inputText.toByteArray()); // a copy: the statement keeps what it binds
    q.bindValue(5, QDateTime::currentMSecsSinceEpoch());
    if (auto s = q.exec(); !s)
        return std::unexpected(s.error());
    return q.lastInsertId();
}

Result<QList<bool>> SqliteStore::deleteWorkRows(const QList<WorkItem> &items)
{
    // One statement per row: measured, a statement of many rows (the rows found by id through a
    // VALUES list, then deleted with RETURNING) costs SQLite more per row than it saves, its
    // temporary b-trees outweighing the per-statement work.
    QList<bool> deleted(items.size(), false);
    if (items.isEmpty())
        return deleted;
    auto &q = prepared("DELETE FROM work WHERE id = ? AND instance_id = ? AND execution_id = ? AND task_id = ?");
    for (qsizetype i = 0; i < items.size(); ++i) {
        const WorkItem &item = items.at(i);
        q.bindValue(0, item.id);
        q.bindValue(1, item.instanceId);
        q.bindValue(2, item.executionId);
        q.bindValue(3, item.taskId);
        if (auto s = q.exec(); !s)
            return std::unexpected(s.error());
        deleted[i] = q.numRowsAffected() > 0;
    }
    return deleted;
}

Status SqliteStore::deleteWorkOf(const QString &instanceId)
{
    auto &q = prepared("DELETE FROM work WHERE instance_id = ?");
    q.bindValue(0, instanceId);
    return q.exec();
}

Result<QList<WorkItem>> SqliteStore::allWork()
{
    auto &q = prepared("SELECT id, instance_id, execution_id, task_id, name, input FROM work ORDER BY id");
    if (auto s = q.exec(); !s)
        return std::unexpected(s.error());
    QList<WorkItem> items;
    while (q.next()) {
        items.append(WorkItem { q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                                q.value(3).toInt(), q.value(4).toString(), value(q.value(5)) });
    }
    const Status read = q.error();
    q.finish();
    if (!read)
        return std::unexpected(read.error());
    return items;
}

} // namespace durable::sqlite
