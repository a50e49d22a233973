#include "instanceactions.h"

#include "bulkactions.h"
#include "errortext.h"
#include "raiseeventdialog.h"
#include "startdialog.h"
#include "terminatedialog.h"

#include <QAbstractButton>
#include <QMessageBox>
#include <QPushButton>
#include <QWidget>

namespace durable::views {

namespace {
    void setAvailable(QAction *action, bool available, const QString &whyNot)
    {
        action->setEnabled(available);
        action->setToolTip(available ? action->text().remove(QLatin1Char('&')).remove(QChar(0x2026)) : whyNot);
    }
} // namespace

InstanceActions::InstanceActions(Client *client, QWidget *dialogParent)
    : QObject(dialogParent)
    , m_client(client)
    , m_parent(dialogParent)
{
    startAction = make(tr("&Start…"), QKeySequence(tr("Ctrl+N")), &InstanceActions::startNew);
    startLikeAction = make(tr("Start &like this one…"), QKeySequence(tr("Ctrl+Shift+N")), &InstanceActions::startLike);
    raiseAction = make(tr("&Raise event…"), QKeySequence(tr("Ctrl+E")), &InstanceActions::raise);
    approveAction = make(tr("&Approve"), QKeySequence(tr("Ctrl+Shift+A")), &InstanceActions::approve);
    rejectAction = make(tr("Re&ject"), QKeySequence(tr("Ctrl+Shift+J")), &InstanceActions::reject);
    terminateAction = make(tr("&Terminate…"), QKeySequence(tr("Ctrl+Shift+T")), &InstanceActions::terminate);
    suspendAction = make(tr("S&uspend"), QKeySequence(tr("Ctrl+Shift+P")), &InstanceActions::suspend);
    resumeAction = make(tr("Res&ume"), QKeySequence(tr("Ctrl+Shift+M")), &InstanceActions::resume);
    restartAction = make(tr("Rest&art"), QKeySequence(tr("Ctrl+Shift+R")), &InstanceActions::restart);
    rewindAction = make(tr("Re&wind"), QKeySequence(tr("Ctrl+Shift+W")), &InstanceActions::rewind);
    purgeAction = make(tr("&Purge…"), QKeySequence(tr("Shift+Del")), &InstanceActions::confirmPurge);
    purgeFilteredAction
        = make(tr("Purge &filtered…"), QKeySequence(tr("Ctrl+Shift+Del")), &InstanceActions::confirmPurgeFiltered);
    fireTimerAction
        = make(tr("&Fire timer now"), QKeySequence(tr("Ctrl+Shift+F")), &InstanceActions::fireEarliestTimer);
    m_bulk = new BulkActions(client, dialogParent);
    connect(m_bulk, &BulkActions::runningChanged, this, &InstanceActions::update);
    connect(m_bulk, &BulkActions::finished, this, &InstanceActions::commandSucceeded);
    connect(this, &InstanceActions::busyChanged, this, &InstanceActions::update);
    update();
}

void InstanceActions::setFilter(const InstanceQuery &query)
{
    m_filter = query;
    m_bulk->setFilter(query);
}

void InstanceActions::setSelectionSource(SelectionSource source)
{
    m_selectionSource = std::move(source);
    update();
}

void InstanceActions::selectionChanged()
{
    update();
}

bool InstanceActions::begin(const QString &instanceId)
{
    if (m_busy.contains(instanceId))
        return false;
    m_busy.insert(instanceId);
    Q_EMIT busyChanged();
    return true;
}

void InstanceActions::end(const QString &instanceId)
{
    if (m_busy.remove(instanceId))
        Q_EMIT busyChanged();
}

void InstanceActions::runOnSelection(models::BulkJob::Action action)
{
    m_bulk->runOnSelection(action, selection());
}

QAction *InstanceActions::make(const QString &text, const QKeySequence &shortcut, void (InstanceActions::*slot)())
{
    auto *action = new QAction(text, this);
    action->setShortcut(shortcut);
    action->setShortcutContext(Qt::WindowShortcut);
    connect(action, &QAction::triggered, this, slot);
    return action;
}

QList<QAction *> InstanceActions::actions() const
{
    return { startAction,     startLikeAction,     raiseAction,    approveAction, rejectAction,
             terminateAction, suspendAction,       resumeAction,   restartAction, rewindAction,
             purgeAction,     purgeFilteredAction, fireTimerAction };
}

void InstanceActions::setCurrent(const std::optional<InstanceInfo> &instance)
{
    m_current = instance;
    update();
}

void InstanceActions::update()
{
    const bool has = m_current.has_value();
    const auto status = has ? m_current->status : RuntimeStatus::Pending;
    const bool live = has && !isTerminal(status);
    const QString none = tr("Select an instance first");
    setAvailable(startAction, true, {});
    setAvailable(startLikeAction, has, none);
    setAvailable(raiseAction, live, has ? tr("A finished instance accepts no events") : none);
    const bool awaits = live && !m_current->waiting.events.isEmpty();
    setAvailable(approveAction, awaits, has ? tr("The instance is not waiting for an event") : none);
    setAvailable(rejectAction, awaits, has ? tr("The instance is not waiting for an event") : none);
    setAvailable(terminateAction, live, has ? tr("The instance has already finished") : none);
    setAvailable(suspendAction, has && status == RuntimeStatus::Running,
                 has ? tr("Only running instances can be suspended") : none);
    setAvailable(resumeAction, has && status == RuntimeStatus::Suspended,
                 has ? tr("Only suspended instances can be resumed") : none);
    setAvailable(restartAction, has && isTerminal(status), has ? tr("Only finished instances can be restarted") : none);
    setAvailable(rewindAction, has && status == RuntimeStatus::Failed,
                 has ? tr("Only failed instances can be rewound") : none);
    setAvailable(purgeAction, has && isTerminal(status), has ? tr("Only finished instances can be purged") : none);
    setAvailable(purgeFilteredAction, true, {});
    setAvailable(fireTimerAction, live && !m_current->waiting.timers.isEmpty(),
                 has ? tr("The instance has no pending timer") : none);
    if (has && isImported(*m_current)) {
        // Read-only: the engine refuses every command but purge, in any status.
        const QString readOnly = tr("Imported from a repro bundle: read-only (it can be purged)");
        for (auto *a : { raiseAction, approveAction, rejectAction, terminateAction, suspendAction, resumeAction,
                         restartAction, rewindAction, fireTimerAction })
            setAvailable(a, false, readOnly);
        setAvailable(purgeAction, true, {});
    }
    if (has && isBusy(m_current->instanceId)) {
        // One request per instance at a time: a second click would only earn a refusal.
        const QString busy = tr("A command for this instance is in flight");
        for (auto *a : { raiseAction, approveAction, rejectAction, terminateAction, suspendAction, resumeAction,
                         restartAction, rewindAction, purgeAction, fireTimerAction })
            setAvailable(a, false, busy);
    }
    if (const auto selected = selection(); selected.size() > 1) {
        const QString many = tr("Acts on the %n selected instance(s); those it does not apply to are skipped", nullptr,
                                int(selected.size()));
        for (auto *a : { raiseAction, terminateAction, suspendAction, resumeAction, restartAction, purgeAction }) {
            a->setEnabled(true);
            a->setToolTip(many);
        }
    }
    if (m_bulk->isRunning()) {
        const QString running = tr("A bulk action is running");
        for (auto *a : { raiseAction, terminateAction, suspendAction, resumeAction, restartAction, purgeAction,
                         purgeFilteredAction })
            setAvailable(a, false, running);
    }
}

void InstanceActions::showError(const QString &what, const Error &error)
{
    if (m_errorBox) {
        // Never stack boxes: the open one gains the later failure beneath the first.
        m_errorBox->setInformativeText(m_errorBox->informativeText() + QStringLiteral("\n\n")
                                       + tr("%1 failed.").arg(what) + QLatin1Char('\n') + ErrorText::explain(error));
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Command failed"), tr("%1 failed.").arg(what), QMessageBox::Ok,
                                m_parent);
    box->setObjectName(QStringLiteral("actionError"));
    box->setInformativeText(ErrorText::explain(error));
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_errorBox = box;
    box->open();
}

void InstanceActions::report(const QString &what, const Status &status)
{
    if (status)
        Q_EMIT commandSucceeded(what);
    else
        showError(what, status.error());
}

void InstanceActions::start(const QString &name, const QJsonValue &input, const QString &instanceId)
{
    Client::StartOptions options;
    options.instanceId = instanceId;
    m_client->start(name, input, options).then(this, [this, name](const Result<QString> &id) {
        if (!id) {
            showError(tr("Starting %1").arg(name), id.error());
            return;
        }
        Q_EMIT instanceStarted(*id);
        Q_EMIT commandSucceeded(tr("Started %1").arg(*id));
    });
}

void InstanceActions::openStartDialog(const QString &name, const QJsonValue &input)
{
    auto *dialog = new StartDialog(m_client->registry(), m_parent);
    dialog->setObjectName(QStringLiteral("startDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!name.isEmpty())
        dialog->setOrchestrator(name, input);
    // The dialog starts the instance itself so that it can ask before replacing a finished one
    // and keep what was typed when the engine refuses.
    dialog->setClient(m_client);
    connect(dialog, &StartDialog::started, this, [this](const QString &id) {
        Q_EMIT instanceStarted(id);
        Q_EMIT commandSucceeded(tr("Started %1").arg(id));
    });
    dialog->open();
}

void InstanceActions::openRaiseDialog(const QString &instanceId, const QStringList &awaited)
{
    auto *dialog = new RaiseEventDialog(instanceId, awaited, m_parent);
    dialog->setObjectName(QStringLiteral("raiseDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const auto name = dialog->eventName();
        const auto id = dialog->instanceId();
        if (!begin(id))
            return;
        m_client->raiseEvent(id, name, dialog->payload()).then(this, [this, name, id](const Status &s) {
            end(id);
            report(tr("Raising %1").arg(name), s);
        });
    });
    dialog->open();
}

QString InstanceActions::approvalEvent(const QStringList &awaited)
{
    for (const auto &name : awaited) {
        if (name.contains(QLatin1String("approv"), Qt::CaseInsensitive))
            return name;
    }
    return awaited.value(0);
}

void InstanceActions::answer(const QString &instanceId, const QStringList &awaited, bool approve)
{
    const auto name = approvalEvent(awaited);
    const QString what = approve ? tr("Approving %1").arg(instanceId) : tr("Rejecting %1").arg(instanceId);
    if (!begin(instanceId))
        return; // the first answer is still on its way
    m_client->raiseEvent(instanceId, name, QJsonValue(approve)).then(this, [this, what, instanceId](const Status &s) {
        end(instanceId);
        report(what, s);
    });
}

void InstanceActions::fireTimer(const QString &instanceId, int timerId)
{
    if (!begin(instanceId))
        return;
    m_client->fireTimer(instanceId, timerId).then(this, [this, instanceId](const Status &s) {
        end(instanceId);
        report(tr("Firing the timer"), s);
    });
}

void InstanceActions::startNew()
{
    openStartDialog();
}

void InstanceActions::startLike()
{
    if (m_current)
        openStartDialog(m_current->name, m_current->input);
}

void InstanceActions::raise()
{
    if (bulkSelection())
        return runOnSelection(models::BulkJob::Action::Raise);
    if (m_current)
        openRaiseDialog(m_current->instanceId, m_current->waiting.events);
}

void InstanceActions::approve()
{
    if (m_current)
        answer(m_current->instanceId, m_current->waiting.events, true);
}

void InstanceActions::reject()
{
    if (m_current)
        answer(m_current->instanceId, m_current->waiting.events, false);
}

void InstanceActions::terminate()
{
    if (bulkSelection())
        return runOnSelection(models::BulkJob::Action::Terminate);
    if (!m_current)
        return;
    auto *dialog = new TerminateDialog(m_current->instanceId, m_parent);
    dialog->setObjectName(QStringLiteral("terminateDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const auto id = m_current->instanceId;
    connect(dialog, &QDialog::accepted, this, [this, dialog, id] {
        if (!begin(id))
            return;
        m_client->terminate(id, dialog->reason(), dialog->recursive()).then(this, [this, id](const Status &s) {
            end(id);
            report(tr("Terminating %1").arg(id), s);
        });
    });
    dialog->open();
}

void InstanceActions::suspend()
{
    if (bulkSelection())
        return runOnSelection(models::BulkJob::Action::Suspend);
    if (!m_current || !begin(m_current->instanceId))
        return;
    const auto id = m_current->instanceId;
    m_client->suspend(id, tr("Suspended from the workbench")).then(this, [this, id](const Status &s) {
        end(id);
        report(tr("Suspending"), s);
    });
}

void InstanceActions::resume()
{
    if (bulkSelection())
        return runOnSelection(models::BulkJob::Action::Resume);
    if (!m_current || !begin(m_current->instanceId))
        return;
    const auto id = m_current->instanceId;
    m_client->resume(id, tr("Resumed from the workbench")).then(this, [this, id](const Status &s) {
        end(id);
        report(tr("Resuming"), s);
    });
}

void InstanceActions::restart()
{
    if (bulkSelection())
        return runOnSelection(models::BulkJob::Action::Restart);
    if (!m_current)
        return;
    const auto id = m_current->instanceId;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Restart instance"),
                                tr("Start %1 again with the same input?").arg(id), QMessageBox::Cancel, m_parent);
    box->setObjectName(QStringLiteral("restartChoice"));
    box->setInformativeText(tr("Under the same id its current history and logs are replaced; under a new id this "
                               "instance is kept as it is."));
    auto *same = box->addButton(tr("&Same id"), QMessageBox::AcceptRole);
    same->setObjectName(QStringLiteral("restartSameId"));
    auto *fresh = box->addButton(tr("&New id"), QMessageBox::AcceptRole);
    fresh->setObjectName(QStringLiteral("restartNewId"));
    box->setDefaultButton(fresh);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, id, same, fresh](QAbstractButton *button) {
        if (button == same || button == fresh)
            restartInstance(id, button == fresh);
    });
    box->open();
}

void InstanceActions::restartInstance(const QString &instanceId, bool newInstanceId)
{
    if (!begin(instanceId))
        return;
    m_client->restart(instanceId, newInstanceId).then(this, [this, instanceId](const Result<QString> &id) {
        end(instanceId);
        if (!id)
            return showError(tr("Restarting"), id.error());
        Q_EMIT instanceStarted(*id);
        Q_EMIT commandSucceeded(tr("Restarted %1").arg(*id));
    });
}

void InstanceActions::rewind()
{
    if (!m_current || !begin(m_current->instanceId))
        return;
    const auto id = m_current->instanceId;
    m_client->rewind(id, tr("Rewound from the workbench")).then(this, [this, id](const Status &s) {
        end(id);
        report(tr("Rewinding"), s);
    });
}

void InstanceActions::fireEarliestTimer()
{
    if (!m_current || m_current->waiting.timers.isEmpty())
        return;
    auto earliest = m_current->waiting.timers.first();
    for (const auto &t : m_current->waiting.timers) {
        if (t.fireAt < earliest.fireAt)
            earliest = t;
    }
    fireTimer(m_current->instanceId, earliest.id);
}

void InstanceActions::confirmPurge()
{
    if (bulkSelection())
        return runOnSelection(models::BulkJob::Action::Purge);
    if (!m_current)
        return;
    const auto id = m_current->instanceId;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Purge instance"),
                                tr("Delete %1 with its history and logs? This cannot be undone.").arg(id),
                                QMessageBox::Yes | QMessageBox::Cancel, m_parent);
    box->setObjectName(QStringLiteral("purgeConfirm"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, box, id](QAbstractButton *button) {
        if (box->buttonRole(button) != QMessageBox::YesRole || !begin(id))
            return;
        m_client->purge(id, true).then(this, [this, id](const Result<int> &n) {
            end(id);
            report(tr("Purging %1").arg(id), n ? Status {} : Status(std::unexpected(n.error())));
        });
    });
    box->open();
}

void InstanceActions::confirmPurgeFiltered()
{
    // Counted first, then a question naming the count and the filters, then a job with Stop.
    m_bulk->runOnFiltered(models::BulkJob::Action::Purge, m_filter);
}

} // namespace durable::views
