#pragma once

#include <hubclient.h>

#include <QTimer>
#include <QWidget>

class QLabel;

namespace durable::views {

class ThroughputChart;

/// Counts of instances by status (re-read, coalesced, when instances change) and the live
/// throughput chart.
class Dashboard : public QWidget {
    Q_OBJECT
public:
    Dashboard(HubClient *client, QWidget *parent = nullptr);
    /// Last counts read, index = status value; empty before the first read.
    const QList<qint64> &counts() const { return m_counts; }
    void reload();

Q_SIGNALS:
    void countsChanged(const QList<qint64> &counts);
    void backgroundError(const QString &message);

private:
    HubClient *m_client;
    QList<QLabel *> m_labels;
    QList<qint64> m_counts;
    ThroughputChart *m_chart;
    QTimer m_reload;
    quint64 m_request = 0;
};

} // namespace durable::views
