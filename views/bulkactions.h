#pragma once

#include <bulkjob.h>

#include <QObject>
#include <QPointer>

class QAction;
class QMenu;
class QMessageBox;
class QProgressDialog;
class QWidget;

namespace durable::views {

/// The instance commands over many instances — a selection of the list, or everything the list's
/// filters match — as models::BulkJob with its dialogs: first a question that names the count and
/// the filters (Cancel the default for terminate, restart and purge), then a window-modal progress
/// dialog with Stop, then a report of what was done, skipped (and why) and failed (and why). One
/// job at a time: while one runs every bulk entry point is disabled.
class BulkActions : public QObject {
    Q_OBJECT
public:
    using Action = models::BulkJob::Action;
    using Target = models::BulkJob::Target;

    /// `client` must outlive the actions; dialogs are parented to `dialogParent`.
    BulkActions(Client *client, QWidget *dialogParent);

    /// The list's filter, for the "matching the filters" actions.
    void setFilter(const InstanceQuery &query) { m_filter = query; }
    /// Asks, then runs `action` over `targets` (a selection).
    void runOnSelection(Action action, const QList<Target> &targets);
    /// Counts what `query` matches, asks naming the count and the filters, then runs `action` over them.
    void runOnFiltered(Action action, const InstanceQuery &query);
    bool isRunning() const { return m_running; }
    /// The job in flight (for tests and the status line); nullptr when none.
    models::BulkJob *job() const { return m_job; }

    /// "Terminate all filtered…" and the like, in Action order; they act on setFilter()'s query.
    QList<QAction *> filteredActions() const { return m_filtered; }
    /// A menu of filteredActions(), parented to `parent`.
    QMenu *createFilteredMenu(QWidget *parent) const;

    /// The question's text for `count` instances, e.g. "Terminate 37 instances matching status Running, name Approval?"
    static QString question(Action action, int count, const InstanceQuery *filters);
    /// The filters of a list query in words ("status Running, name Approval"); "no filters" when none.
    static QString describeFilters(const InstanceQuery &query);
    /// The report's text for an outcome.
    static QString report(Action action, const models::BulkJob::Outcome &outcome);

Q_SIGNALS:
    void runningChanged(bool running);
    /// A job ended; its report is being shown.
    void finished(const QString &summary);

private:
    void prepare(models::BulkJob *job, const InstanceQuery *filters);
    void confirm(models::BulkJob *job, const InstanceQuery *filters);
    void execute(models::BulkJob *job);
    void setRunning(bool running);

    Client *m_client;
    QPointer<QWidget> m_parent;
    InstanceQuery m_filter;
    QList<QAction *> m_filtered;
    QPointer<models::BulkJob> m_job;
    bool m_running = false;
};

} // namespace durable::views
