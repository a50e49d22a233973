#include "bulkactions.h"

#include "errortext.h"
#include "raiseeventdialog.h"

#include <formatting.h>

#include <QAction>
#include <QMenu>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QWidget>

namespace durable::views {

using models::BulkJob;

namespace {
    QString verb(BulkJob::Action action)
    {
        switch (action) {
        case BulkJob::Action::Terminate:
            return BulkActions::tr("Terminate");
        case BulkJob::Action::Suspend:
            return BulkActions::tr("Suspend");
        case BulkJob::Action::Resume:
            return BulkActions::tr("Resume");
        case BulkJob::Action::Raise:
            return BulkActions::tr("Raise the event to");
        case BulkJob::Action::Restart:
            return BulkActions::tr("Restart (under new ids)");
        case BulkJob::Action::Purge:
            return BulkActions::tr("Purge");
        }
        return {};
    }

    QString doneText(BulkJob::Action action, int done, int total)
    {
        switch (action) {
        case BulkJob::Action::Terminate:
            return BulkActions::tr("Terminated %1 of %n instance(s).", nullptr, total).arg(done);
        case BulkJob::Action::Suspend:
            return BulkActions::tr("Suspended %1 of %n instance(s).", nullptr, total).arg(done);
        case BulkJob::Action::Resume:
            return BulkActions::tr("Resumed %1 of %n instance(s).", nullptr, total).arg(done);
        case BulkJob::Action::Raise:
            return BulkActions::tr("Raised the event to %1 of %n instance(s).", nullptr, total).arg(done);
        case BulkJob::Action::Restart:
            return BulkActions::tr("Restarted %1 of %n instance(s).", nullptr, total).arg(done);
        case BulkJob::Action::Purge:
            return BulkActions::tr("Purged %1 of %n instance(s).", nullptr, total).arg(done);
        }
        return {};
    }

    /// Terminate, restart and purge cannot be taken back: their question defaults to Cancel.
    bool destructive(BulkJob::Action action)
    {
        return action == BulkJob::Action::Terminate || action == BulkJob::Action::Restart
            || action == BulkJob::Action::Purge;
    }
} // namespace

BulkActions::BulkActions(Client *client, QWidget *dialogParent)
    : QObject(dialogParent)
    , m_client(client)
    , m_parent(dialogParent)
{
    const auto add = [this](const QString &text, const QString &name, Action action) {
        auto *a = new QAction(text, this);
        a->setObjectName(name);
        connect(a, &QAction::triggered, this, [this, action] { runOnFiltered(action, m_filter); });
        m_filtered.append(a);
    };
    add(tr("&Terminate all filtered…"), QStringLiteral("bulkTerminateFiltered"), Action::Terminate);
    add(tr("S&uspend all filtered…"), QStringLiteral("bulkSuspendFiltered"), Action::Suspend);
    add(tr("Resu&me all filtered…"), QStringLiteral("bulkResumeFiltered"), Action::Resume);
    add(tr("&Raise event to all filtered…"), QStringLiteral("bulkRaiseFiltered"), Action::Raise);
    add(tr("Rest&art all filtered…"), QStringLiteral("bulkRestartFiltered"), Action::Restart);
    add(tr("&Purge all filtered…"), QStringLiteral("bulkPurgeFiltered"), Action::Purge);
}

QMenu *BulkActions::createFilteredMenu(QWidget *parent) const
{
    auto *menu = new QMenu(tr("All &filtered instances"), parent);
    menu->addActions(m_filtered);
    return menu;
}

void BulkActions::setRunning(bool running)
{
    m_running = running;
    for (auto *a : m_filtered)
        a->setEnabled(!running);
    Q_EMIT runningChanged(running);
}

QString BulkActions::describeFilters(const InstanceQuery &query)
{
    QStringList parts;
    if (!query.statuses.isEmpty()) {
        QStringList names;
        for (int s = 0; s < RuntimeStatusCount; ++s) {
            if (query.statuses.contains(RuntimeStatus(s)))
                names.append(statusName(RuntimeStatus(s)));
        }
        //: Between the statuses of a filter, e.g. "status Running or Failed"
        const QString separator = tr(" or ");
        parts.append(tr("status %1").arg(names.join(separator)));
    }
    if (!query.name.isEmpty())
        parts.append(tr("name %1").arg(query.name));
    if (!query.idPrefix.isEmpty())
        parts.append(tr("id starting with \"%1\"").arg(query.idPrefix));
    if (!query.idContains.isEmpty())
        parts.append(tr("id containing \"%1\"").arg(query.idContains));
    if (query.createdFrom.isValid())
        parts.append(tr("created from %1").arg(models::formatTime(query.createdFrom)));
    if (query.createdTo.isValid())
        parts.append(tr("created before %1").arg(models::formatTime(query.createdTo)));
    if (!query.parentInstanceId.isEmpty())
        parts.append(tr("children of %1").arg(query.parentInstanceId));
    if (query.onlyAwaitingEvents)
        parts.append(tr("awaiting an event"));
    return parts.join(QStringLiteral(", "));
}

QString BulkActions::question(Action action, int count, const InstanceQuery *filters)
{
    if (!filters)
        return tr("%1 the %n selected instance(s)?", nullptr, count).arg(verb(action));
    const auto described = describeFilters(*filters);
    if (described.isEmpty())
        return tr("%1 all %n instance(s) of the hub (no filters are set)?", nullptr, count).arg(verb(action));
    return tr("%1 %n instance(s) matching %2?", nullptr, count).arg(verb(action), described);
}

QString BulkActions::report(Action action, const BulkJob::Outcome &outcome)
{
    QStringList lines;
    if (outcome.error)
        lines.append(ErrorText::report(tr("The matching instances could not be listed."), *outcome.error));
    lines.append(doneText(action, outcome.done, outcome.total));
    if (outcome.stopped)
        lines.append(tr("Stopped: %n instance(s) left untouched.", nullptr, outcome.untouched()));
    if (outcome.skipped > 0) {
        QStringList why;
        for (auto it = outcome.skippedWhy.cbegin(); it != outcome.skippedWhy.cend(); ++it)
            why.append(tr("%1 (%2)").arg(it.key()).arg(it.value()));
        lines.append(tr("Skipped %n: %1.", nullptr, outcome.skipped).arg(why.join(QStringLiteral("; "))));
    }
    if (outcome.failed > 0) {
        // Grouped by the engine's reason; a few ids of each so that they can be looked up.
        QMap<QString, QStringList> byReason;
        for (const auto &[id, error] : outcome.failures)
            byReason[ErrorText::explain(error)].append(id);
        QStringList why;
        for (auto it = byReason.cbegin(); it != byReason.cend(); ++it) {
            auto ids = it.value().mid(0, 5).join(QStringLiteral(", "));
            if (it.value().size() > 5)
                ids += QStringLiteral(", …");
            why.append(tr("%1 (%2: %3)").arg(it.key()).arg(it.value().size()).arg(ids));
        }
        lines.append(tr("Failed %n: %1", nullptr, outcome.failed).arg(why.join(QStringLiteral("; "))));
    }
    return lines.join(QLatin1Char('\n'));
}

void BulkActions::runOnSelection(Action action, const QList<Target> &targets)
{
    if (m_running || targets.isEmpty())
        return;
    setRunning(true);
    auto *job = new BulkJob(m_client, action, this);
    job->setTargets(targets);
    prepare(job, nullptr);
}

void BulkActions::runOnFiltered(Action action, const InstanceQuery &query)
{
    if (m_running)
        return;
    setRunning(true);
    auto *job = new BulkJob(m_client, action, this);
    m_job = job;
    // Counting first, so that the question can name the number; the entry points stay disabled.
    connect(job, &BulkJob::collected, this, [this, job, query] { prepare(job, &query); });
    connect(job, &BulkJob::finished, this, [this, job](const BulkJob::Outcome &outcome) {
        if (!outcome.error)
            return; // the run's end: execute() reports it
        setRunning(false);
        job->deleteLater();
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Bulk action"), report(job->action(), outcome),
                                    QMessageBox::Ok, m_parent);
        box->setObjectName(QStringLiteral("bulkReport"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    job->collect(query);
}

void BulkActions::prepare(BulkJob *job, const InstanceQuery *filters)
{
    m_job = job;
    switch (job->action()) {
    case Action::Terminate:
        job->setReason(tr("Terminated from the workbench (bulk)"));
        break;
    case Action::Suspend:
        job->setReason(tr("Suspended from the workbench (bulk)"));
        break;
    case Action::Resume:
        job->setReason(tr("Resumed from the workbench (bulk)"));
        break;
    case Action::Raise: {
        if (job->applicableCount() == 0)
            break; // the question below says nothing applies
        // The event and payload first; the question after names them with the count.
        auto *dialog = new RaiseEventDialog(tr("%n instance(s)", nullptr, int(job->targets().size())), {}, m_parent);
        dialog->setObjectName(QStringLiteral("bulkRaiseDialog"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        const auto copy = filters ? std::optional<InstanceQuery>(*filters) : std::nullopt;
        connect(dialog, &QDialog::finished, this, [this, dialog, job, copy](int result) {
            if (result != QDialog::Accepted) {
                setRunning(false);
                job->deleteLater();
                return;
            }
            job->setEvent(dialog->eventName(), dialog->payload());
            confirm(job, copy ? &*copy : nullptr);
        });
        dialog->open();
        return;
    }
    case Action::Restart:
    case Action::Purge:
        break;
    }
    confirm(job, filters);
}

void BulkActions::confirm(BulkJob *job, const InstanceQuery *filters)
{
    const int total = int(job->targets().size());
    const int applicable = job->applicableCount();
    auto *box
        = new QMessageBox(destructive(job->action()) ? QMessageBox::Warning : QMessageBox::Question, tr("Bulk action"),
                          question(job->action(), total, filters), QMessageBox::Cancel, m_parent);
    box->setObjectName(QStringLiteral("bulkConfirm"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QAbstractButton *go = nullptr;
    if (applicable > 0) {
        go = box->addButton(job->action() == Action::Raise ? tr("&Raise") : verb(job->action()),
                            QMessageBox::AcceptRole);
        go->setObjectName(QStringLiteral("bulkGo"));
        box->setDefaultButton(
            qobject_cast<QPushButton *>(destructive(job->action()) ? box->button(QMessageBox::Cancel) : go));
    }
    QString info = applicable == total
        ? QString()
        : tr("%n of them cannot be acted on in their current status and will be skipped.", nullptr, total - applicable);
    QString consequence;
    if (job->action() == Action::Purge)
        consequence = tr("Purged instances lose their history and logs; this cannot be undone.");
    else if (job->action() == Action::Restart)
        consequence = tr("Each is started again with its input under a new id; the originals are kept.");
    if (!consequence.isEmpty())
        info = info.isEmpty() ? consequence : info + QLatin1Char(' ') + consequence;
    box->setInformativeText(info);
    connect(box, &QMessageBox::finished, this, [this, box, go, job] {
        if (go && box->clickedButton() == go)
            return execute(job);
        setRunning(false);
        job->deleteLater();
    });
    box->open();
}

void BulkActions::execute(BulkJob *job)
{
    // Window-modal so that no other command races the job, while the list keeps updating behind
    // it; shown only when the job takes more than a moment. Stop ends it after the batch in flight.
    auto *dialog = new QProgressDialog(tr("%1…").arg(verb(job->action())), tr("&Stop"), 0,
                                       std::max(int(job->targets().size()), 1), m_parent);
    dialog->setObjectName(QStringLiteral("bulkProgress"));
    dialog->setWindowTitle(tr("Bulk action"));
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setAutoClose(false);
    dialog->setAutoReset(false);
    dialog->setMinimumDuration(400);
    connect(dialog, &QProgressDialog::canceled, job, &BulkJob::stop);
    connect(job, &BulkJob::progress, dialog, [dialog, job](int handled, int total) {
        dialog->setValue(handled);
        dialog->setLabelText(
            tr("%1: %2 of %n instance(s) handled…", nullptr, total).arg(verb(job->action())).arg(handled));
    });
    connect(job, &BulkJob::finished, this, [this, job, dialog](const BulkJob::Outcome &outcome) {
        dialog->hide();
        dialog->deleteLater();
        job->deleteLater();
        setRunning(false);
        const auto text = report(job->action(), outcome);
        auto *box = new QMessageBox(outcome.failed > 0 ? QMessageBox::Warning : QMessageBox::Information,
                                    tr("Bulk action"), text, QMessageBox::Ok, m_parent);
        box->setObjectName(QStringLiteral("bulkReport"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        Q_EMIT finished(text);
    });
    job->run();
}

} // namespace durable::views
