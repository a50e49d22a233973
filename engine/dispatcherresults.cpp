// The dispatcher's activity results: collected from the activity threads, applied a bounded share
// per batch, checked against the work rows they answer; and the free work a shared hub's worker
// claims.
#include "dispatcher.h"

namespace durable {

void Dispatcher::collectResults()
{
    // A batch's share at most: the rest wait in the runner, which starts no activity while a
    // share waits there (those running still finish), so a fan-out of 100,000 holds about two
    // shares of results, not all of them.
    // Shutting down, everything that finished is taken for the last batch.
    const qsizetype room = (m_stopping || m_finalBatch) ? std::numeric_limits<qsizetype>::max()
                                                        : qMax(1, m_options.resultsPerBatch) - m_results.size();
    if (room <= 0)
        return;
    auto fresh = m_activities.takeResults(room);
    if (m_results.isEmpty())
        m_results = std::move(fresh);
    else
        m_results.append(std::move(fresh));
}

qsizetype Dispatcher::resultsForBatch() const
{
    // Bounded like the messages: a fan-in of many thousand results would otherwise be one batch
    // whose commit every other instance's episode waits for. The last batch before shutting down
    // takes everything, so that what finished is committed.
    return m_finalBatch ? m_results.size() : qMin<qsizetype>(m_results.size(), qMax(1, m_options.resultsPerBatch));
}

Status Dispatcher::acceptResults(QList<ActivityResult> &results, const QList<InboxMessage> &due, qsizetype &counted)
{
    QList<WorkItem> items;
    items.reserve(results.size());
    for (const auto &r : std::as_const(results))
        items.append(r.item);
    auto ours = m_store->deleteWorkRows(items);
    if (!ours)
        return std::unexpected(ours.error());
    if (ours->size() != results.size())
        return fail(
            ErrorCode::Storage,
            QStringLiteral("the store answered %1 of %2 results' work rows").arg(ours->size()).arg(results.size()));
    QList<ActivityResult> accepted;
    accepted.reserve(results.size());
    for (qsizetype i = 0; i < results.size(); ++i) {
        if (ours->at(i))
            accepted.append(std::move(results[i]));
        else
            ++m_voidResults;
    }
    results = std::move(accepted);
    counted = results.size();
    if (!m_shared || results.isEmpty())
        return {};
    // The batch runs the episodes of instances it holds: those of its due messages, and those of
    // its results whose rows it can lock now. A result for an instance another worker's batch
    // holds goes to that instance's inbox, where whoever holds it next picks it up.
    QSet<QString> held;
    for (const auto &m : due)
        held.insert(m.instanceId);
    QStringList wanted;
    for (const auto &r : std::as_const(results)) {
        if (!held.contains(r.item.instanceId) && !wanted.contains(r.item.instanceId))
            wanted.append(r.item.instanceId);
    }
    if (!wanted.isEmpty()) {
        auto locked = m_store->lockInstances(wanted);
        if (!locked)
            return std::unexpected(locked.error());
        for (const auto &id : std::as_const(*locked))
            held.insert(id);
    }
    const QDateTime now = m_clock.now();
    QList<ActivityResult> applied;
    for (auto &r : results) {
        if (held.contains(r.item.instanceId)) {
            applied.append(std::move(r));
            continue;
        }
        const EventType type = r.succeeded ? EventType::TaskCompleted : EventType::TaskFailed;
        const QJsonObject data = r.eventData();
        auto id = m_store->insertMessage(InboxMessage::completion(r.item.instanceId, r.item.executionId, type,
                                                                  r.item.taskId, r.item.name, data, now));
        if (!id)
            return std::unexpected(id.error());
        if (auto s = m_store->insertLogs(r.logs); !s)
            return s;
    }
    results = std::move(applied);
    return {};
}

Result<QList<WorkItem>> Dispatcher::claimFreeWork()
{
    if (!m_shared)
        return QList<WorkItem> {};
    const int room = m_options.activityThreads - m_activities.queued();
    if (room <= 0)
        return QList<WorkItem> {};
    return m_store->claimWork(room);
}

} // namespace durable
