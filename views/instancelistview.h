#pragma once

#include <bulkjob.h>
#include <instancelistmodel.h>

#include <QWidget>

class QLabel;
class QLineEdit;
class QTableView;
class QToolButton;

namespace durable::views {

class FilterBar;

/// The live instance list: filter bar, pause toggle, "go to id", and the paged table. Emits
/// currentInstanceChanged() when the selection moves; the selection follows its instance through
/// live updates. While the pointer is over the rows, live updates that would insert, remove or move
/// rows wait (InstancePageModel::setHeld), with a sign saying so, so that no row moves under the
/// mouse; they are applied when it leaves. Status changes of rows that stay put show at once.
class InstanceListView : public QWidget {
    Q_OBJECT
public:
    InstanceListView(HubClient *client, QWidget *parent = nullptr);

    models::InstanceListModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    FilterBar *filterBar() const { return m_filter; }
    QToolButton *pauseButton() const { return m_pause; }
    QString currentInstanceId() const;
    /// The selected rows' instances (several with Ctrl/Shift), with the status the list shows, in
    /// row order. The details follow the current row.
    QList<models::BulkJob::Target> selectedInstances() const;
    /// The list's side of "the current instance" (the details show it): selects its row as soon as
    /// it is loaded (now, or after a refresh this starts), and until then selects no other row.
    /// When it turns out not to match the filters, note() says so; the filters stay as they are.
    /// `filterIfMissing` ("Go to id" box): when it is not loaded, narrow the id filter to it if it
    /// exists, or say that it does not exist (and leave the filters alone).
    void goToInstance(const QString &instanceId, bool filterIfMissing = false);
    /// The line under the rows that explains why the current instance is not in the list, or
    /// that a "Go to" id does not exist; empty when there is nothing to explain.
    QString note() const;
    /// Whether the "Updates waiting" sign shows: rows that would appear, vanish or move wait for
    /// the pointer to leave the list (status changes in place do not wait).
    bool updatesWaiting() const;

    /// Puts the keyboard focus in the "Go to instance id" box.
    void focusGoTo();

    void saveState(const QString &group) const;
    void restoreState(const QString &group);

Q_SIGNALS:
    void currentInstanceChanged(const QString &instanceId);
    /// The set of selected rows changed (see selectedInstances()).
    void selectionChanged();
    void backgroundError(const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void applyFilter();
    void selectPending();
    void setNote(const QString &text);
    /// After a refresh still without the pending instance: find out why and say so.
    void explainMissing(const QString &instanceId, bool filterIfMissing);

    HubClient *m_client;
    models::InstanceListModel *m_model;
    FilterBar *m_filter;
    QTableView *m_table;
    QToolButton *m_pause;
    QLineEdit *m_goTo;
    QLabel *m_count;
    QLabel *m_note;
    QLabel *m_waiting;
    QString m_pendingSelection;
    /// The id of a "Go to" the user asked for whose answer (selected, or why not) is still due.
    QString m_goToPending;
    bool m_explainPending = false; ///< explain the pending selection if the next refresh lacks it
    QString m_shown; ///< the instance last announced by currentInstanceChanged() or followed
    bool m_quiet = false; ///< the current row changes by goToInstance(), not by the user
};

} // namespace durable::views
