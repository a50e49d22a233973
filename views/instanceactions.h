#pragma once

#include <bulkjob.h>
#include <client.h>

#include <QAction>
#include <QMessageBox>
#include <QObject>
#include <QPointer>

#include <functional>

class QWidget;

namespace durable::views {

class BulkActions;

/// The instance commands (start, raise, approve/reject, terminate, suspend/resume, restart,
/// rewind, purge, fire timer) as QActions with shortcuts. Restart asks whether to keep the id. Each is enabled only
/// when it applies to the current instance's status, with a tooltip saying why not otherwise. Destructive commands ask
/// first; a command the engine refuses shows the engine's error in a dialog (window-modal, opened with open() so
/// nothing blocks).
///
/// With more than one instance selected (see setSelectionSource()), terminate, suspend, resume, raise, restart
/// and purge act on the selection as a bulk job (see BulkActions). A command for an instance cannot
/// be sent again while its request is in flight (its actions are disabled meanwhile), and failures
/// share one error box instead of stacking them.
class InstanceActions : public QObject {
    Q_OBJECT
public:
    /// `client` must outlive the actions; dialogs are parented to `dialogParent`.
    InstanceActions(Client *client, QWidget *dialogParent);

    void setCurrent(const std::optional<InstanceInfo> &instance);
    const std::optional<InstanceInfo> &current() const { return m_current; }
    /// The list's filter, for "Purge filtered…" and the other "all filtered" commands.
    void setFilter(const InstanceQuery &query);
    const InstanceQuery &filter() const { return m_filter; }
    using SelectionSource = std::function<QList<models::BulkJob::Target>()>;
    /// Where the list's selected instances (with the status the list shows) are read: when a
    /// command runs and when selectionChanged() is called, never from a copy that a reset of the
    /// list could leave behind. More than one turns the instance commands into bulk commands.
    void setSelectionSource(SelectionSource source);
    /// The selection (or its rows' statuses) changed: updates which commands apply.
    void selectionChanged();
    QList<models::BulkJob::Target> selection() const
    {
        return m_selectionSource ? m_selectionSource() : QList<models::BulkJob::Target> {};
    }
    BulkActions *bulk() const { return m_bulk; }
    /// True while a command for `instanceId` is in flight.
    bool isBusy(const QString &instanceId) const { return m_busy.contains(instanceId); }
    QList<QAction *> actions() const;

    /// Opens the start dialog, preselecting an orchestrator and input when given.
    void openStartDialog(const QString &name = {}, const QJsonValue &input = QJsonValue(QJsonValue::Undefined));
    /// Opens the raise dialog for an instance, suggesting the events it awaits.
    void openRaiseDialog(const QString &instanceId, const QStringList &awaited);
    /// Approve (payload true) or reject (payload false) the approval-style event an instance awaits.
    void answer(const QString &instanceId, const QStringList &awaited, bool approve);
    void fireTimer(const QString &instanceId, int timerId);
    /// Starts without a dialog (welcome page, tests); reports errors like the dialog does.
    void start(const QString &name, const QJsonValue &input, const QString &instanceId = {});

    /// Restarts a finished instance with the same input, under its id or a new one.
    void restartInstance(const QString &instanceId, bool newInstanceId);

    /// The event an Approve/Reject answers: the first awaited name containing "approv", else the first.
    static QString approvalEvent(const QStringList &awaited);

    QAction *startAction;
    QAction *startLikeAction;
    QAction *raiseAction;
    QAction *approveAction;
    QAction *rejectAction;
    QAction *terminateAction;
    QAction *suspendAction;
    QAction *resumeAction;
    QAction *restartAction;
    QAction *rewindAction;
    QAction *purgeAction;
    QAction *purgeFilteredAction;
    QAction *fireTimerAction;

Q_SIGNALS:
    /// A command for an instance was sent or answered (see isBusy()).
    void busyChanged();
    /// An instance was started (or restarted) by one of the actions.
    void instanceStarted(const QString &instanceId);
    /// A command was accepted by the engine; `what` is a short user-facing description.
    void commandSucceeded(const QString &what);

private:
    QAction *make(const QString &text, const QKeySequence &shortcut, void (InstanceActions::*slot)());
    void update();
    void report(const QString &what, const Status &status);
    void showError(const QString &what, const Error &error);
    void confirmPurge();
    void confirmPurgeFiltered();
    /// Marks a command for `instanceId` as in flight; false (and nothing marked) when one already is.
    bool begin(const QString &instanceId);
    void end(const QString &instanceId);
    bool bulkSelection() const { return selection().size() > 1; }
    void runOnSelection(models::BulkJob::Action action);
    void terminate();
    void raise();
    void approve();
    void reject();
    void suspend();
    void resume();
    void restart();
    void rewind();
    void fireEarliestTimer();
    void startLike();
    void startNew();

    Client *m_client;
    QPointer<QWidget> m_parent;
    std::optional<InstanceInfo> m_current;
    InstanceQuery m_filter;
    SelectionSource m_selectionSource;
    QSet<QString> m_busy;
    BulkActions *m_bulk;
    QPointer<QMessageBox> m_errorBox;
};

} // namespace durable::views
