#include "purgejob.h"

namespace durable::models {

PurgeJob::PurgeJob(Client *client, const InstanceQuery &query, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_query(finishedOnly(query))
{
}

InstanceQuery PurgeJob::finishedOnly(const InstanceQuery &query)
{
    InstanceQuery q = query;
    q.statuses.clear();
    for (int s = 0; s < RuntimeStatusCount; ++s) {
        const auto status = RuntimeStatus(s);
        if (isTerminal(status) && (query.statuses.isEmpty() || query.statuses.contains(status)))
            q.statuses.insert(status);
    }
    q.sortKey = SortKey::CreatedAt;
    q.descending = false;
    q.pageSize = 1000;
    q.continuation.clear();
    q.includeInputs = false;
    return q;
}

void PurgeJob::start()
{
    Q_EMIT progress(0, -1);
    if (m_query.statuses.isEmpty()) // only unfinished statuses were asked for: nothing can match
        return finish(std::nullopt);
    listPage({});
}

void PurgeJob::cancel()
{
    m_cancelled = true; // the page or batch in flight notices it when it returns
}

void PurgeJob::listPage(const QString &continuation)
{
    InstanceQuery q = m_query;
    q.continuation = continuation;
    m_client->query(q).then(this, [this](const Result<InstancePage> &page) {
        if (!page)
            return finish(page.error());
        for (const auto &info : page->instances)
            m_ids.append(info.instanceId);
        if (m_cancelled)
            return finish(std::nullopt);
        if (!page->continuation.isEmpty())
            return listPage(page->continuation);
        m_total = int(m_ids.size());
        Q_EMIT progress(0, m_total);
        purgeBatch();
    });
}

void PurgeJob::purgeBatch()
{
    if (m_cancelled || m_error || m_next >= m_ids.size())
        return finish(m_error);
    // Taken before any purge is issued: a continuation may run at once and start the next batch.
    const QStringList batch = m_ids.mid(m_next, BatchSize);
    m_next += int(batch.size());
    m_inFlight = int(batch.size());
    for (const auto &id : batch) {
        m_client->purge(id, false).then(this, [this](const Result<int> &n) {
            if (n || n.error().code == ErrorCode::NotFound)
                ++m_purged;
            else if (n.error().code == ErrorCode::FailedPrecondition)
                ++m_skipped; // restarted since it was listed: it is running now
            else if (!m_error)
                m_error = n.error();
            if (--m_inFlight > 0)
                return;
            Q_EMIT progress(m_purged + m_skipped, m_total);
            purgeBatch();
        });
    }
}

void PurgeJob::finish(const std::optional<Error> &error)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(m_purged, error);
}

} // namespace durable::models
