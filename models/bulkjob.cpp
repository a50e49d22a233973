#include "bulkjob.h"

namespace durable::models {

BulkJob::BulkJob(Client *client, Action action, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_action(action)
{
}

void BulkJob::setEvent(const QString &name, const QJsonValue &payload)
{
    m_eventName = name;
    m_payload = payload;
}

bool BulkJob::applies(Action action, RuntimeStatus status, QString *whyNot)
{
    QString why;
    switch (action) {
    case Action::Terminate:
        if (isTerminal(status))
            why = tr("already finished");
        break;
    case Action::Raise:
        if (isTerminal(status))
            why = tr("finished: it takes no events");
        break;
    case Action::Suspend:
        if (status != RuntimeStatus::Running && status != RuntimeStatus::Pending)
            why = status == RuntimeStatus::Suspended ? tr("already suspended") : tr("already finished");
        break;
    case Action::Resume:
        if (status != RuntimeStatus::Suspended)
            why = tr("not suspended");
        break;
    case Action::Restart:
    case Action::Purge:
        if (!isTerminal(status))
            why = tr("not finished yet");
        break;
    }
    if (whyNot)
        *whyNot = why;
    return why.isEmpty();
}

void BulkJob::setTargets(const QList<Target> &targets)
{
    m_targets = targets;
    m_outcome.total = int(targets.size());
}

int BulkJob::applicableCount() const
{
    return int(std::count_if(m_targets.cbegin(), m_targets.cend(),
                             [this](const Target &t) { return applies(m_action, t.status); }));
}

void BulkJob::collect(const InstanceQuery &query)
{
    InstanceQuery q = query;
    q.sortKey = SortKey::CreatedAt;
    q.descending = false;
    q.pageSize = 1000;
    q.continuation.clear();
    q.includeInputs = false;
    m_targets.clear();
    collectPage(q);
}

void BulkJob::collectPage(InstanceQuery query)
{
    m_client->query(query).then(this, [this, query](const Result<InstancePage> &page) mutable {
        if (!page) {
            m_outcome.error = page.error();
            return finish();
        }
        for (const auto &info : page->instances)
            m_targets.append({ info.instanceId, info.status });
        if (!page->continuation.isEmpty()) {
            query.continuation = page->continuation;
            return collectPage(query);
        }
        m_outcome.total = int(m_targets.size());
        Q_EMIT collected(m_outcome.total, applicableCount());
    });
}

void BulkJob::run()
{
    Q_EMIT progress(0, m_outcome.total);
    nextBatch();
}

void BulkJob::stop()
{
    m_stopRequested = true; // the batch in flight notices it when its last answer arrives
}

void BulkJob::skip(const QString &why)
{
    ++m_outcome.skipped;
    ++m_outcome.skippedWhy[why];
}

void BulkJob::nextBatch()
{
    // Targets skipped by their status cost no request; a batch gathers BatchSize real ones.
    QStringList batch;
    while (!m_stopRequested && m_next < m_targets.size() && batch.size() < BatchSize) {
        const auto &target = m_targets.at(m_next++);
        QString why;
        if (applies(m_action, target.status, &why))
            batch.append(target.instanceId);
        else
            skip(why);
    }
    if (batch.isEmpty()) {
        Q_EMIT progress(m_outcome.done + m_outcome.skipped + m_outcome.failed, m_outcome.total);
        return finish();
    }
    // Counted before any request is sent: an answer may arrive at once.
    m_inFlight = int(batch.size());
    for (const auto &id : batch)
        send(id).then(this, [this, id](const Status &status) { handled(id, status); });
}

QFuture<Status> BulkJob::send(const QString &instanceId)
{
    switch (m_action) {
    case Action::Terminate:
        return m_client->terminate(instanceId, m_reason);
    case Action::Suspend:
        return m_client->suspend(instanceId, m_reason);
    case Action::Resume:
        return m_client->resume(instanceId, m_reason);
    case Action::Raise:
        return m_client->raiseEvent(instanceId, m_eventName, m_payload);
    case Action::Restart:
        return m_client->restart(instanceId, true).then([](const Result<QString> &id) -> Status {
            return id ? Status {} : Status(std::unexpected(id.error()));
        });
    case Action::Purge:
        // With its sub-orchestrations, like the single purge: no orphaned children stay behind.
        return m_client->purge(instanceId, true).then([](const Result<int> &n) -> Status {
            return n ? Status {} : Status(std::unexpected(n.error()));
        });
    }
    Q_UNREACHABLE();
}

void BulkJob::handled(const QString &instanceId, const Status &status)
{
    if (status)
        ++m_outcome.done;
    else if (status.error().code == ErrorCode::NotFound)
        skip(tr("no longer exists"));
    else if (status.error().code == ErrorCode::FailedPrecondition)
        skip(tr("its status changed meanwhile"));
    else {
        ++m_outcome.failed;
        m_outcome.failures.append({ instanceId, status.error() });
    }
    if (--m_inFlight > 0)
        return;
    Q_EMIT progress(m_outcome.done + m_outcome.skipped + m_outcome.failed, m_outcome.total);
    nextBatch();
}

void BulkJob::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_outcome.stopped = m_stopRequested && m_outcome.untouched() > 0;
    Q_EMIT finished(m_outcome);
}

} // namespace durable::models
