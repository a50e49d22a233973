#include "instanceactions.h"

#include "errortext.h"
#include "raiseeventdialog.h"
#include "startdialog.h"
#include "terminatedialog.h"

#include <purgejob.h>

#include <QAbstractButton>
#include <QMessageBox>
#include <QProgressDialog>
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
    update();
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
}

void InstanceActions::showError(const QString &what, const Error &error)
{
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Command failed"), tr("%1 failed.").arg(what), QMessageBox::Ok,
                                m_parent);
    box->setObjectName(QStringLiteral("actionError"));
    box->setInformativeText(ErrorText::explain(error));
    box->setAttribute(Qt::WA_DeleteOnClose);
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
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { start(dialog->orchestrator(), dialog->input(), dialog->instanceId()); });
    dialog->open();
}

void InstanceActions::openRaiseDialog(const QString &instanceId, const QStringList &awaited)
{
    auto *dialog = new RaiseEventDialog(instanceId, awaited, m_parent);
    dialog->setObjectName(QStringLiteral("raiseDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const auto name = dialog->eventName();
        m_client->raiseEvent(dialog->instanceId(), name, dialog->payload()).then(this, [this, name](const Status &s) {
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
    m_client->raiseEvent(instanceId, name, QJsonValue(approve)).then(this, [this, what](const Status &s) {
        report(what, s);
    });
}

void InstanceActions::fireTimer(const QString &instanceId, int timerId)
{
    m_client->fireTimer(instanceId, timerId).then(this, [this](const Status &s) { report(tr("Firing the timer"), s); });
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
    if (!m_current)
        return;
    auto *dialog = new TerminateDialog(m_current->instanceId, m_parent);
    dialog->setObjectName(QStringLiteral("terminateDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const auto id = m_current->instanceId;
    connect(dialog, &QDialog::accepted, this, [this, dialog, id] {
        m_client->terminate(id, dialog->reason(), dialog->recursive()).then(this, [this, id](const Status &s) {
            report(tr("Terminating %1").arg(id), s);
        });
    });
    dialog->open();
}

void InstanceActions::suspend()
{
    if (m_current)
        m_client->suspend(m_current->instanceId, tr("Suspended from the workbench"))
            .then(this, [this](const Status &s) { report(tr("Suspending"), s); });
}

void InstanceActions::resume()
{
    if (m_current)
        m_client->resume(m_current->instanceId, tr("Resumed from the workbench")).then(this, [this](const Status &s) {
            report(tr("Resuming"), s);
        });
}

void InstanceActions::restart()
{
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
    m_client->restart(instanceId, newInstanceId).then(this, [this](const Result<QString> &id) {
        if (!id)
            return showError(tr("Restarting"), id.error());
        Q_EMIT instanceStarted(*id);
        Q_EMIT commandSucceeded(tr("Restarted %1").arg(*id));
    });
}

void InstanceActions::rewind()
{
    if (m_current)
        m_client->rewind(m_current->instanceId, tr("Rewound from the workbench")).then(this, [this](const Status &s) {
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
    if (!m_current)
        return;
    const auto id = m_current->instanceId;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Purge instance"),
                                tr("Delete %1 with its history and logs? This cannot be undone.").arg(id),
                                QMessageBox::Yes | QMessageBox::Cancel, m_parent);
    box->setObjectName(QStringLiteral("purgeConfirm"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, box, id](QAbstractButton *button) {
        if (box->buttonRole(button) != QMessageBox::YesRole)
            return;
        m_client->purge(id, true).then(this, [this, id](const Result<int> &n) {
            report(tr("Purging %1").arg(id), n ? Status {} : Status(std::unexpected(n.error())));
        });
    });
    box->open();
}

void InstanceActions::confirmPurgeFiltered()
{
    const auto query = m_filter;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Purge filtered instances"),
                                tr("Delete every finished instance the list's filters match (status, orchestrator, id "
                                   "and created time), with history and logs? Running instances are kept. This cannot "
                                   "be undone."),
                                QMessageBox::Yes | QMessageBox::Cancel, m_parent);
    box->setObjectName(QStringLiteral("purgeFilteredConfirm"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, box, query](QAbstractButton *button) {
        if (box->buttonRole(button) == QMessageBox::YesRole)
            purgeFiltered(query);
    });
    box->open();
}

void InstanceActions::purgeFiltered(const InstanceQuery &query)
{
    auto *job = new models::PurgeJob(m_client, query, this);
    job->setObjectName(QStringLiteral("purgeJob"));
    // Shown only when the purge takes longer than a moment; window-modal so no other command races it,
    // while the list keeps updating behind it. Stop ends the job after the batch in flight.
    auto *dialog = new QProgressDialog(tr("Finding the instances to purge…"), tr("Stop"), 0, 0, m_parent);
    dialog->setObjectName(QStringLiteral("purgeProgress"));
    dialog->setWindowTitle(tr("Purging instances"));
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setAutoClose(false);
    dialog->setAutoReset(false);
    dialog->setMinimumDuration(400);
    connect(dialog, &QProgressDialog::canceled, job, &models::PurgeJob::cancel);
    connect(job, &models::PurgeJob::progress, dialog, [dialog](int done, int total) {
        if (total < 0)
            return dialog->setRange(0, 0); // still counting: busy
        dialog->setRange(0, std::max(total, 1));
        dialog->setValue(done);
        dialog->setLabelText(tr("Purged %1 of %n instance(s)…", nullptr, total).arg(done));
    });
    connect(job, &models::PurgeJob::finished, this, [this, job, dialog](int purged, const std::optional<Error> &error) {
        dialog->hide();
        dialog->deleteLater();
        job->deleteLater();
        if (error)
            return showError(tr("Purging (%n instance(s) deleted before the error)", nullptr, purged), *error);
        Q_EMIT commandSucceeded(job->isCancelled() ? tr("Stopped after purging %n instance(s)", nullptr, purged)
                                                   : tr("Purged %n instance(s)", nullptr, purged));
    });
    job->start();
}

} // namespace durable::views
