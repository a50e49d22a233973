#pragma once

#include <client.h>

#include <QObject>

namespace durable::models {

/// Purges the finished instances matching an instance-list query — status, orchestrator name, id
/// prefix/contains, created range, parent — with progress: first it pages through the matching ids
/// (total unknown meanwhile), then purges them a batch at a time (each instance alone, its
/// sub-orchestrations only when they match too). Running, pending and suspended instances never
/// match. An id that is already gone (purged elsewhere meanwhile) counts as done. Never blocks;
/// cancel() stops after the batch in flight. Start once.
class PurgeJob : public QObject {
    Q_OBJECT
public:
    /// `client` must outlive the job. Sort and paging fields of `query` are ignored.
    PurgeJob(Client *client, const InstanceQuery &query, QObject *parent = nullptr);

    void start();
    void cancel();
    bool isCancelled() const { return m_cancelled; }
    /// Number of matching instances; -1 while still counting.
    int total() const { return m_total; }
    int purged() const { return m_purged; }
    /// Listed instances left alone because they were running again when their turn came.
    int skipped() const { return m_skipped; }

    /// The filter the job lists with: `query`'s filter restricted to final statuses.
    static InstanceQuery finishedOnly(const InstanceQuery &query);
    static constexpr int BatchSize = 50;

Q_SIGNALS:
    /// `done` of `total` instances handled; `total` is -1 while they are being counted.
    void progress(int done, int total);
    /// Emitted once: the job ended (all purged, cancelled, or failed with `error`).
    void finished(int purged, const std::optional<durable::Error> &error);

private:
    void listPage(const QString &continuation);
    void purgeBatch();
    void finish(const std::optional<Error> &error);

    Client *m_client;
    InstanceQuery m_query;
    QStringList m_ids;
    int m_next = 0;
    int m_inFlight = 0;
    int m_total = -1;
    int m_purged = 0;
    int m_skipped = 0;
    bool m_cancelled = false;
    bool m_done = false;
    std::optional<Error> m_error;
};

} // namespace durable::models
