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
/// live updates.
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
    /// Selects the instance as soon as it is among the loaded rows (now, or after a live refresh
    /// brings it in). `filterIfMissing`: when it is not loaded now, narrow the id filter to it
    /// instead of waiting ("Go to id" box).
    void goToInstance(const QString &instanceId, bool filterIfMissing = false);

    /// Puts the keyboard focus in the "Go to instance id" box.
    void focusGoTo();

    void saveState(const QString &group) const;
    void restoreState(const QString &group);

Q_SIGNALS:
    void currentInstanceChanged(const QString &instanceId);
    /// The set of selected rows changed (see selectedInstances()).
    void selectionChanged();
    void backgroundError(const QString &message);

private:
    void applyFilter();
    void selectPending();

    models::InstanceListModel *m_model;
    FilterBar *m_filter;
    QTableView *m_table;
    QToolButton *m_pause;
    QLineEdit *m_goTo;
    QLabel *m_count;
    QString m_pendingSelection;
};

} // namespace durable::views
