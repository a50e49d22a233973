#pragma once

#include <approvalinboxmodel.h>

#include <QWidget>

class QMenu;
class QLabel;
class QPushButton;
class QTableView;

namespace durable::views {

class InstanceActions;

/// Every instance waiting on an external event, with the event, how long it has waited, the racing
/// timer's countdown and the request (its input), sized to fit the side pane; the selected row's
/// events and request in full on a line below. Approve / Reject / Raise… / Fire timer act on it.
class ApprovalInbox : public QWidget {
    Q_OBJECT
public:
    ApprovalInbox(HubClient *client, InstanceActions *actions, QWidget *parent = nullptr);

    models::ApprovalInboxModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QPushButton *approveButton() const { return m_approve; }
    QPushButton *rejectButton() const { return m_reject; }
    QPushButton *raiseButton() const { return m_raise; }
    QPushButton *fireButton() const { return m_fire; }
    /// Selects the row of an instance; false when it is not in the inbox.
    bool selectInstance(const QString &instanceId);
    /// The rows' context menu for the current row: Approve, Reject, Raise…, Fire timer (as the
    /// buttons, enabled alike) and Open instance; parented to `parent`.
    QMenu *createContextMenu(QWidget *parent);
    /// The line under the rows: the selected instance's awaited events and request in full.
    QLabel *detailLine() const { return m_detail; }

Q_SIGNALS:
    void instanceActivated(const QString &instanceId);

private:
    void updateButtons();
    void updateDetail();
    QModelIndex current() const;

    models::ApprovalInboxModel *m_model;
    InstanceActions *m_actions;
    QTableView *m_table;
    QPushButton *m_approve;
    QPushButton *m_reject;
    QPushButton *m_raise;
    QPushButton *m_fire;
    QLabel *m_detail;
};

} // namespace durable::views
