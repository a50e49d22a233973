#pragma once

#include <QWidget>

class HubWorkersModel;
class QLabel;
class QSortFilterProxyModel;
class QTableView;
class QTimer;
namespace durable {
class HubClient;
}

/// The "Hub Workers" dock: the processes that run workers on the open hub (on PostgreSQL any
/// number, on SQLite the single owner), with what each holds and has done, and the hub's
/// throughput. Refreshed every second while visible; nothing is read while it is hidden.
///
/// Not part of the Workers dock: that one is the sidecar server of this process for SDK workers
/// (a switch, a port, a work log), while this lists the hub's worker processes and is the same on
/// every process attached to the hub, client or worker.
class HubWorkersPanel : public QWidget {
    Q_OBJECT

public:
    static constexpr int RefreshIntervalMs = 1000;

    /// `client` must outlive the panel.
    explicit HubWorkersPanel(durable::HubClient &client, QWidget *parent = nullptr);

    HubWorkersModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    /// Reads the sessions now (also done every second while visible).
    void refresh();

Q_SIGNALS:
    /// A refresh was applied to the model (tests wait on it).
    void refreshed();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void updateSummary();

    durable::HubClient &m_client;
    HubWorkersModel *m_model;
    QSortFilterProxyModel *m_sorted;
    QTableView *m_view;
    QLabel *m_summary;
    QLabel *m_error;
    QTimer *m_timer;
    bool m_reading = false;
};
