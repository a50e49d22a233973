#pragma once

#include <hubclient.h>

#include <QObject>
#include <QTimer>

namespace durable::models {

/// Follows one instance for the detail view: its snapshot with history, and its log lines (read
/// incrementally). Change notifications for that instance are coalesced into one re-read per
/// interval; every read carries a request id so results for a previously selected instance, or
/// older than a newer read, are dropped. Never blocks.
class InstanceTracker : public QObject {
    Q_OBJECT
public:
    /// `client` must outlive the tracker.
    explicit InstanceTracker(Client *client, QObject *parent = nullptr);

    /// Follows another instance (empty: none); clears what was loaded and reads it.
    void setInstanceId(const QString &instanceId);
    const QString &instanceId() const { return m_instanceId; }
    /// Valid once the first snapshot arrived; empty again when the instance is not found (purged).
    const std::optional<InstanceInfo> &info() const { return m_info; }
    const History &history() const { return m_history; }
    const QList<LogLine> &logs() const { return m_logs; }
    /// True from setInstanceId() until its first snapshot (with history) or error arrived: the time
    /// a large history takes to load, for a busy indicator.
    bool isLoading() const { return m_loading; }

    void watch(HubClient *client);
    /// Schedules a re-read (coalesced over the refresh interval) when the changes concern the
    /// tracked instance; changes of others are ignored.
    void notifyChanged(const ChangeSet &changes);
    /// Whether a re-read is scheduled.
    bool refreshPending() const { return m_timer.isActive(); }
    /// Re-reads snapshot, history and logs now.
    void reload();
    void setRefreshInterval(int ms) { m_timer.setInterval(ms); }

Q_SIGNALS:
    void infoChanged();
    void historyChanged();
    /// `reset`: the lines were replaced (new instance or execution); otherwise lines were appended.
    void logsChanged(bool reset);
    void errorOccurred(const durable::Error &error);
    void loadingChanged(bool loading);

private:
    void readStatus();
    /// The snapshot alone, when the history cannot be read (a damaged page).
    void readStatusWithoutHistory();
    void readLogs();
    void setLoading(bool loading);

    Client *m_client;
    QString m_instanceId;
    std::optional<InstanceInfo> m_info;
    History m_history;
    QList<LogLine> m_logs;
    quint64 m_generation = 0; ///< bumped on every instance switch
    quint64 m_statusRequest = 0;
    quint64 m_logsRequest = 0;
    bool m_logsInFlight = false;
    bool m_logsAgain = false;
    bool m_wantStatus = false;
    bool m_wantLogs = false;
    bool m_loading = false;
    QTimer m_timer;
};

} // namespace durable::models
