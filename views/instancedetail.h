#pragma once

#include <instancetracker.h>

#include <QTabWidget>

namespace durable::views {

class FanOutChart;
class HistoryPage;
class LogsPage;
class SummaryPage;

/// Tabs for the selected instance — Summary, History (table, timeline, cursor panel), Logs,
/// Fan-out — fed live by an InstanceTracker; a busy indicator in the corner while one loads.
class InstanceDetail : public QTabWidget {
    Q_OBJECT
public:
    enum Tab { Summary, History, Logs, FanOut };

    InstanceDetail(HubClient *client, QWidget *parent = nullptr);

    void setInstanceId(const QString &instanceId);
    models::InstanceTracker *tracker() const { return m_tracker; }
    SummaryPage *summary() const { return m_summary; }
    HistoryPage *history() const { return m_history; }
    LogsPage *logs() const { return m_logs; }
    FanOutChart *fanOut() const { return m_fanOut; }
    /// "Loading history…" with a busy bar, shown while the tracker loads an instance.
    QWidget *busyIndicator() const { return m_busy; }

Q_SIGNALS:
    void currentInfoChanged(const std::optional<durable::InstanceInfo> &info);

private:
    QDateTime now() const;
    void refreshHistory();

    HubClient *m_client;
    models::InstanceTracker *m_tracker;
    SummaryPage *m_summary;
    HistoryPage *m_history;
    LogsPage *m_logs;
    FanOutChart *m_fanOut;
    QWidget *m_busy;
};

} // namespace durable::views
