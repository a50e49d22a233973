#pragma once

#include <hubclient.h>

#include <QTimer>
#include <QWidget>

class QLabel;

namespace durable::views {

class ThroughputChart;

/// Counts of instances by status (re-read, coalesced, when instances change), the activity
/// backlog of this process's threads (polled every second: queued, running, the oldest wait) and
/// the live throughput chart.
class Dashboard : public QWidget {
    Q_OBJECT
public:
    Dashboard(HubClient *client, QWidget *parent = nullptr);
    /// Last counts read, index = status value; empty before the first read.
    const QList<qint64> &counts() const { return m_counts; }
    void reload();
    /// Re-reads the activity backlog (the timer does it every second).
    void refreshBacklog();
    /// The backlog as last shown; nullopt when this process does not run the hub's workers.
    const std::optional<ActivityBacklog> &backlog() const { return m_backlog; }

Q_SIGNALS:
    void countsChanged(const QList<qint64> &counts);
    void backgroundError(const QString &message);

private:
    HubClient *m_client;
    QList<QLabel *> m_labels;
    QList<qint64> m_counts;
    QLabel *m_queued;
    QLabel *m_running;
    QLabel *m_oldestWait;
    std::optional<ActivityBacklog> m_backlog;
    ThroughputChart *m_chart;
    QTimer m_reload;
    QTimer m_backlogTimer;
    quint64 m_request = 0;
};

} // namespace durable::views
