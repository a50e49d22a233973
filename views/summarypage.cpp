#include "summarypage.h"

#include "errortext.h"
#include "failurecard.h"
#include "jsonviewer.h"

#include <formatting.h>

#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSet>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

namespace durable::views {

namespace {

    /// The failure as stored, led by a sentence of ours when the code diverged from its history:
    /// the stored message is the engine's untranslated detail.
    /// The card shows errorDetails (a stack, a nested failure) in its collapsible section.
    QString describeFailure(const FailureDetails &failure, bool withDetails = false)
    {
        QString text = SummaryPage::tr("%1: %2").arg(failure.errorType, failure.errorMessage);
        if (failure.divergence)
            text = ErrorText::divergence(*failure.divergence) + u'\n' + text;
        if (withDetails && !failure.errorDetails.isEmpty())
            text += u'\n' + failure.errorDetails;
        return text;
    }

} // namespace

SummaryPage::SummaryPage(QWidget *parent)
    : QWidget(parent)
    , m_header(new QLabel(this))
    , m_times(new QLabel(this))
    , m_failureCard(new FailureCard(this))
    , m_taskFailures(new QWidget(this))
    , m_waiting(new QGroupBox(tr("Waiting for"), this))
    , m_input(new JsonViewer(this))
    , m_output(new JsonViewer(this))
    , m_custom(new JsonViewer(this))
{
    auto *layout = new QVBoxLayout(this);
    new QVBoxLayout(m_waiting);
    m_header->setTextFormat(Qt::RichText);
    m_header->setTextInteractionFlags(Qt::TextBrowserInteraction);
    connect(m_header, &QLabel::linkActivated, this,
            [this](const QString &link) { Q_EMIT instanceLinkActivated(link); });
    m_times->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Long ids, names and failures wrap instead of widening the page (and the window with it).
    for (auto *label : { m_header, m_times }) {
        label->setWordWrap(true);
        label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    }
    layout->addWidget(m_header);
    layout->addWidget(m_times);
    connect(m_failureCard, &FailureCard::openInDesignerRequested, this, &SummaryPage::openInDesignerRequested);
    auto *taskLayout = new QVBoxLayout(m_taskFailures);
    taskLayout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_failureCard);
    layout->addWidget(m_taskFailures);
    layout->addWidget(m_waiting);
    auto *json = new QSplitter(Qt::Horizontal, this);
    for (auto [viewer, title] : { std::pair { m_input, tr("Input") }, std::pair { m_output, tr("Output") },
                                  std::pair { m_custom, tr("Custom status") } }) {
        auto *box = new QGroupBox(title, json);
        auto *boxLayout = new QVBoxLayout(box);
        viewer->setParent(box);
        boxLayout->addWidget(viewer);
        json->addWidget(box);
    }
    layout->addWidget(json, 1);
    setInstance(std::nullopt, {});
}

QString SummaryPage::failureText() const
{
    return m_failureCard->isHidden() || !m_info || !m_info->failure ? QString()
                                                                    : describeFailure(*m_info->failure, true);
}

QList<FailureCard *> SummaryPage::taskFailureCards() const
{
    return m_taskFailures->findChildren<FailureCard *>(Qt::FindDirectChildrenOnly);
}

void SummaryPage::setHistory(const History &history)
{
    // Rebuilt at every change of a running instance: a stack the user opened stays open.
    QSet<QString> opened;
    for (const auto *card : taskFailureCards()) {
        if (card->isStackShown())
            opened.insert(card->property("activity").toString());
    }
    qDeleteAll(taskFailureCards());
    m_taskFailures->hide();
    // A failed instance has its own card; a running one may be retrying or handling failures
    // its code caught, which only the history shows.
    if (!m_info || isTerminal(m_info->status))
        return;
    QHash<int, QString> names; // task id -> activity name
    QHash<QString, QList<AttemptFailure>> failures; // by activity, oldest first
    QList<std::pair<QString, FailureDetails>> latest; // newest first, one per activity
    for (const auto &e : history) {
        if (e.type == EventType::TaskScheduled)
            names.insert(e.eventId, e.name);
        if (e.type != EventType::TaskFailed)
            continue;
        const QString name = names.value(e.taskId, e.name);
        const auto failure = FailureDetails::fromJson(e.data.value(QStringLiteral("failure")).toObject());
        auto &seen = failures[name];
        seen.append(AttemptFailure { int(seen.size()) + 1, failure.errorType, failure.errorMessage, failure.file,
                                     failure.line, e.timestamp });
        latest.removeIf([&](const auto &entry) { return entry.first == name; });
        latest.prepend({ name, failure });
    }
    constexpr int maxCards = 3; // the newest; the History tab has them all
    for (int i = 0; i < std::min<int>(maxCards, int(latest.size())); ++i) {
        const auto &[name, failure] = latest.at(i);
        auto *card = new FailureCard(m_taskFailures);
        card->setFailure(tr("Activity %1 failed").arg(name), describeFailure(failure), failure, m_info->version);
        QList<AttemptFailure> earlier = failures.value(name);
        earlier.removeLast();
        card->setEarlierAttempts(earlier);
        card->setProperty("activity", name);
        if (opened.contains(name))
            card->stackButton()->setChecked(true);
        connect(card, &FailureCard::openInDesignerRequested, this, &SummaryPage::openInDesignerRequested);
        m_taskFailures->layout()->addWidget(card);
    }
    m_taskFailures->setVisible(!latest.isEmpty());
}

QString SummaryPage::waitingText() const
{
    QStringList lines;
    for (auto *label : m_waitingContent->findChildren<QLabel *>())
        lines.append(label->text());
    return lines.join(QLatin1Char('\n'));
}

void SummaryPage::setInstance(const std::optional<InstanceInfo> &info, const QDateTime &now)
{
    // Rebuild the waiting section: few rows, and their buttons capture the instance id.
    delete m_waitingContent;
    m_waitingContent = new QWidget(m_waiting);
    m_waitingLayout = new QVBoxLayout(m_waitingContent);
    m_waitingLayout->setContentsMargins(0, 0, 0, 0);
    m_waiting->layout()->addWidget(m_waitingContent);
    m_info = info;
    if (!info) {
        m_header->setText(tr("<i>Select an instance</i>"));
        m_times->clear();
        m_failureCard->hide();
        qDeleteAll(taskFailureCards());
        m_taskFailures->hide();
        m_waiting->hide();
        m_input->setValue(QJsonValue(QJsonValue::Undefined));
        m_output->setValue(QJsonValue(QJsonValue::Undefined));
        m_custom->setValue(QJsonValue(QJsonValue::Undefined));
        return;
    }
    QString header
        = tr("<b>%1</b> &nbsp; %2%3 &nbsp; <b>%4</b>")
              .arg(info->instanceId.toHtmlEscaped(), info->name.toHtmlEscaped(),
                   info->version.isEmpty() ? QString() : u' ' + models::versionLabel(info->version).toHtmlEscaped(),
                   statusName(info->status));
    if (!info->parentInstanceId.isEmpty())
        header += tr(" &nbsp; parent: <a href=\"%1\">%1</a>").arg(info->parentInstanceId.toHtmlEscaped());
    if (info->origin.value(QLatin1String("kind")).toString() == QLatin1String("fork")) {
        const QString from = info->origin.value(QLatin1String("from")).toString().toHtmlEscaped();
        const QString version = info->origin.value(QLatin1String("version")).toString();
        header += QStringLiteral("<br>")
            + tr("Forked from <a href=\"%1\">%1</a> at event %2 (version %3)")
                  .arg(from)
                  .arg(info->origin.value(QLatin1String("event")).toInteger())
                  .arg(version.isEmpty() ? tr("registered code") : version.toHtmlEscaped());
    }
    if (isImported(*info)) {
        const QString original = info->origin.value(QLatin1String("originalId")).toString();
        header += QStringLiteral("<br>")
            + tr("<b>Imported</b> from %1 (original id %2), read-only: it can be inspected, replay-tested and "
                 "forked, not run.")
                  .arg(info->origin.value(QLatin1String("file")).toString().toHtmlEscaped(), original.toHtmlEscaped());
    }
    m_header->setText(header);
    const auto end = info->completedAt.isValid() ? info->completedAt : now;
    m_times->setText(tr("Created %1 · last updated %2 · %3 %4 · execution %5")
                         .arg(models::formatTime(info->createdAt), models::formatTime(info->lastUpdatedAt),
                              info->completedAt.isValid() ? tr("took") : tr("running for"),
                              models::formatDuration(info->createdAt.msecsTo(end)), info->executionId));
    m_failureCard->setVisible(info->failure.has_value());
    if (info->failure)
        m_failureCard->setFailure(tr("The orchestration failed"), describeFailure(*info->failure), *info->failure,
                                  info->version);
    if (isTerminal(info->status)) {
        qDeleteAll(taskFailureCards());
        m_taskFailures->hide();
    }
    m_input->setValue(info->input);
    m_output->setValue(info->output);
    m_custom->setValue(info->customStatus);

    const auto &w = info->waiting;
    const bool waits = !isTerminal(info->status)
        && (w.activities || w.subOrchestrations || !w.timers.isEmpty() || !w.events.isEmpty());
    m_waiting->setVisible(waits);
    if (!waits)
        return;
    if (w.activities)
        m_waitingLayout->addWidget(
            new QLabel(tr("%n activity(ies) in flight", nullptr, w.activities), m_waitingContent));
    if (w.subOrchestrations)
        m_waitingLayout->addWidget(
            new QLabel(tr("%n sub-orchestration(s) running", nullptr, w.subOrchestrations), m_waitingContent));
    const QString id = info->instanceId;
    for (const auto &timer : w.timers) {
        auto *row = new QHBoxLayout;
        row->addWidget(
            new QLabel(tr("Timer #%1 due %2 (in %3)")
                           .arg(timer.id)
                           .arg(models::formatTime(timer.fireAt), models::formatDuration(now.msecsTo(timer.fireAt))),
                       m_waiting),
            1);
        auto *fire = new QPushButton(tr("Fire now"), m_waitingContent);
        fire->setObjectName(QStringLiteral("fireTimer%1").arg(timer.id));
        const int timerId = timer.id;
        connect(fire, &QPushButton::clicked, this, [this, id, timerId] { Q_EMIT fireTimerRequested(id, timerId); });
        row->addWidget(fire);
        m_waitingLayout->addLayout(row);
    }
    if (!w.events.isEmpty()) {
        auto *row = new QHBoxLayout;
        row->addWidget(new QLabel(tr("External event: %1").arg(w.events.join(QStringLiteral(", "))), m_waitingContent),
                       1);
        auto *raise = new QPushButton(tr("Raise…"), m_waitingContent);
        raise->setObjectName(QStringLiteral("raiseEvent"));
        const QStringList events = w.events;
        connect(raise, &QPushButton::clicked, this, [this, id, events] { Q_EMIT raiseRequested(id, events); });
        row->addWidget(raise);
        m_waitingLayout->addLayout(row);
    }
}

} // namespace durable::views
