#include "forkdialog.h"

#include "errortext.h"
#include "jsontextedit.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>

namespace durable::views {

namespace {

    QString eventLabel(const HistoryEvent &e)
    {
        const QString type = eventTypeName(e.type);
        return e.name.isEmpty() ? QStringLiteral("%1  %2").arg(e.sequence).arg(type)
                                : QStringLiteral("%1  %2 '%3'").arg(e.sequence).arg(type, e.name);
    }

    ForkRequest::Substitute substituteAt(int index)
    {
        switch (index) {
        case 1:
            return ForkRequest::Substitute::ActivityResult;
        case 2:
            return ForkRequest::Substitute::ActivityFailure;
        case 3:
            return ForkRequest::Substitute::EventPayload;
        default:
            return ForkRequest::Substitute::None;
        }
    }

} // namespace

ForkDialog::ForkDialog(HubClient *client, const InstanceInfo &instance, qint64 afterSequence, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_instance(instance)
    , m_history(instance.history.value_or(History {}))
    , m_event(new QComboBox(this))
    , m_version(new QComboBox(this))
    , m_substitute(new QComboBox(this))
    , m_value(new JsonTextEdit(this))
    , m_newId(new QLineEdit(this))
    , m_status(new QLabel(this))
{
    setWindowTitle(tr("Fork %1").arg(instance.instanceId));
    setObjectName(QStringLiteral("forkDialog"));
    auto *form = new QFormLayout(this);
    auto *intro = new QLabel(tr("A new instance replays this one's history up to the chosen event and continues from "
                                "there with the chosen code. The original is not changed."),
                             this);
    intro->setWordWrap(true);
    form->addRow(intro);

    m_event->setObjectName(QStringLiteral("forkEvent"));
    for (const auto &e : std::as_const(m_history))
        m_event->addItem(eventLabel(e), e.sequence);
    m_event->setCurrentIndex(int(qBound<qint64>(0, afterSequence, m_history.size() - 1)));
    form->addRow(tr("Fork &after event:"), m_event);

    m_version->setObjectName(QStringLiteral("forkVersion"));
    for (const auto &o : client->registry().versions(instance.name)) {
        const QString label = o.version.isEmpty() ? tr("registered code") : o.version;
        m_version->addItem(o.version == instance.version ? tr("%1 (the one it ran)").arg(label) : label, o.version);
    }
    const int same = m_version->findData(instance.version);
    if (same >= 0)
        m_version->setCurrentIndex(same);
    form->addRow(tr("&Code version:"), m_version);

    m_substitute->setObjectName(QStringLiteral("forkSubstitute"));
    m_substitute->addItems({ tr("Nothing: everything runs as it comes"), tr("The result of the next activity"),
                             tr("A failure of the next activity"), tr("The payload of the next external event") });
    form->addRow(tr("&Replace:"), m_substitute);
    m_value->setObjectName(QStringLiteral("forkValue"));
    m_value->setEnabled(false);
    form->addRow(tr("Replacement (&JSON):"), m_value);

    m_newId->setObjectName(QStringLiteral("forkNewId"));
    m_newId->setPlaceholderText(tr("%1-fork-N (generated)").arg(instance.instanceId));
    form->addRow(tr("&New instance id:"), m_newId);

    m_status->setObjectName(QStringLiteral("forkStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(m_status);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_fork = buttons->addButton(tr("&Fork"), QDialogButtonBox::AcceptRole);
    m_fork->setObjectName(QStringLiteral("forkButton"));
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &ForkDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_event, &QComboBox::currentIndexChanged, this, &ForkDialog::substituteChanged);
    connect(m_substitute, &QComboBox::currentIndexChanged, this, &ForkDialog::substituteChanged);
    connect(m_version, &QComboBox::currentIndexChanged, this, &ForkDialog::updatePlan);
    connect(m_value, &JsonTextEdit::errorChanged, this, &ForkDialog::updatePlan);
    resize(620, 460);
    substituteChanged();
}

ForkRequest ForkDialog::request() const
{
    ForkRequest r;
    r.instanceId = m_instance.instanceId;
    r.afterSequence = m_event->currentData().toLongLong();
    r.version = m_version->currentData().toString();
    r.newInstanceId = m_newId->text().trimmed();
    r.substitute = substituteAt(m_substitute->currentIndex());
    if (r.substitute != ForkRequest::Substitute::None && m_value->isValid())
        r.value = m_value->value();
    return r;
}

bool ForkDialog::canFork() const
{
    return m_planOk && !m_busy && (m_substitute->currentIndex() == 0 || m_value->isValid()) && m_version->count() > 0;
}

QString ForkDialog::statusText() const
{
    return m_status->text();
}

void ForkDialog::showStatus(const QString &text, bool problem)
{
    m_status->setText(text);
    m_status->setProperty("problem", problem);
    m_status->setStyleSheet(problem ? QStringLiteral("color: palette(link-visited); font-weight: bold") : QString());
}

void ForkDialog::substituteChanged()
{
    // The editor starts from what the original had there.
    const auto kind = substituteAt(m_substitute->currentIndex());
    m_value->setEnabled(kind != ForkRequest::Substitute::None);
    if (kind != ForkRequest::Substitute::None) {
        const auto plan = planFork(m_history, m_event->currentData().toLongLong(), kind);
        QJsonValue original = QJsonValue::Null;
        if (plan && plan->substituted) {
            const QJsonObject &data = plan->substituted->data;
            if (kind == ForkRequest::Substitute::ActivityFailure)
                original = data.contains(QStringLiteral("failure"))
                    ? data.value(QStringLiteral("failure"))
                    : QJsonObject { { QStringLiteral("errorType"), QStringLiteral("Error") },
                                    { QStringLiteral("errorMessage"), tr("what if it had failed?") } };
            else
                original = data.value(kind == ForkRequest::Substitute::EventPayload ? QStringLiteral("input")
                                                                                    : QStringLiteral("result"));
        }
        m_value->setJson(original.isUndefined() ? QJsonValue(QJsonValue::Null) : original);
    }
    updatePlan();
}

void ForkDialog::updatePlan()
{
    const auto r = request();
    const auto plan = planFork(m_history, r.afterSequence, r.substitute);
    m_planOk = bool(plan);
    if (m_version->count() == 0) {
        showStatus(tr("No code for orchestrator '%1' is registered in this process.").arg(m_instance.name), true);
    } else if (!plan) {
        showStatus(ErrorText::explain(plan.error()), true);
    } else {
        QString text = plan->cut > 0 ? tr("The fork starts with events 0 to %1 of this history.").arg(plan->cut - 1)
                                     : tr("The fork starts from the beginning.");
        if (!plan->redelivered.isEmpty())
            text += u' '
                + tr("Events %1 to %2 are delivered to the code again.")
                      .arg(plan->redelivered.first().sequence)
                      .arg(plan->redelivered.last().sequence);
        if (plan->substituted)
            text += u' ' + tr("The replacement takes the place of event %1.").arg(eventLabel(*plan->substituted));
        if (!plan->pendingActivities.isEmpty())
            text
                += u' ' + tr("%n activity(s) in flight there run again.", nullptr, int(plan->pendingActivities.size()));
        showStatus(text, false);
    }
    m_fork->setEnabled(canFork());
}

void ForkDialog::submit()
{
    if (!canFork())
        return;
    m_busy = true;
    m_fork->setEnabled(false);
    showStatus(tr("Replaying the prefix with the chosen code…"), false);
    QPointer<ForkDialog> self(this);
    m_client->fork(request()).then(this, [self](const Result<ForkResult> &result) {
        if (!self)
            return;
        self->m_busy = false;
        if (!result) {
            self->showStatus(ErrorText::report(tr("The fork was not created."), result.error()), true);
            self->m_fork->setEnabled(self->canFork());
            return;
        }
        const ReplayVerdict &verdict = result->verdict;
        if (verdict.kind != ReplayVerdict::Kind::Deterministic) {
            QString why;
            if (verdict.divergence)
                why = ErrorText::divergence(*verdict.divergence);
            else if (verdict.failure)
                why = tr("The code fails there: %1").arg(verdict.failure->errorMessage);
            self->showStatus(tr("Refused: the chosen code cannot replay the history up to the fork point (at event "
                                "%1). Nothing was created.")
                                     .arg(verdict.sequence)
                                 + u'\n' + why,
                             true);
            self->m_fork->setEnabled(self->canFork());
            return;
        }
        const QString id = result->instanceId;
        self->accept();
        Q_EMIT self->forked(id);
    });
}

} // namespace durable::views
