#include "eventdetail.h"

#include "jsonviewer.h"

#include <eventnames.h>
#include <formatting.h>
#include <historymodel.h>

#include <QApplication>
#include <QClipboard>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace durable::views {

namespace {

    QString prettyJson(const QJsonValue &value)
    {
        if (value.isObject())
            return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented));
        if (value.isArray())
            return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented));
        if (value.isString())
            return value.toString(); // text as it is, line breaks included
        return models::jsonPreview(value, 0);
    }

    QLabel *valueLabel(QWidget *parent, const QString &name)
    {
        auto *label = new QLabel(parent);
        label->setObjectName(name);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        label->setWordWrap(true);
        return label;
    }

} // namespace

EventDetailPane::EventDetailPane(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_sequence(valueLabel(this, QStringLiteral("eventSequence")))
    , m_actionId(valueLabel(this, QStringLiteral("eventActionId")))
    , m_name(valueLabel(this, QStringLiteral("eventName")))
    , m_time(valueLabel(this, QStringLiteral("eventTime")))
    , m_links(new QLabel(this))
    , m_payloadStack(new QStackedWidget(this))
    , m_json(new JsonViewer(this))
    , m_textPage(new QWidget(this))
    , m_text(new QPlainTextEdit(m_textPage))
    , m_showAll(new QPushButton(m_textPage))
    , m_logTitle(new QLabel(this))
    , m_logs(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("eventDetail"));
    m_title->setObjectName(QStringLiteral("eventTitle"));
    m_title->setWordWrap(true);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_links->setObjectName(QStringLiteral("eventLinks"));
    m_links->setWordWrap(true);
    // Links are reachable with Tab and followed with Enter, as well as clicked.
    m_links->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_links->setTextFormat(Qt::RichText);
    connect(m_links, &QLabel::linkActivated, this, [this](const QString &link) {
        bool ok = false;
        const int position = link.section(QLatin1Char(':'), 1).toInt(&ok);
        if (link.startsWith(QLatin1String("event:")) && ok && position >= 0 && position < m_history.size())
            Q_EMIT positionActivated(position);
    });

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Sequence:"), m_sequence);
    form->addRow(tr("Id:"), m_actionId);
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Time:"), m_time);
    form->addRow(tr("Related:"), m_links);

    m_text->setObjectName(QStringLiteral("payloadText"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_showAll->setObjectName(QStringLiteral("showWholePayload"));
    connect(m_showAll, &QPushButton::clicked, this, &EventDetailPane::showWholePayload);
    auto *copy = new QToolButton(m_textPage);
    copy->setObjectName(QStringLiteral("copyPayloadText"));
    copy->setText(tr("Copy"));
    copy->setToolTip(tr("Copy the whole payload to the clipboard"));
    connect(copy, &QToolButton::clicked, this, [this] { QApplication::clipboard()->setText(m_payloadText); });
    auto *textLayout = new QVBoxLayout(m_textPage);
    textLayout->setContentsMargins(0, 0, 0, 0);
    textLayout->addWidget(m_text, 1);
    auto *textButtons = new QHBoxLayout;
    textButtons->addWidget(m_showAll);
    textButtons->addStretch(1);
    textButtons->addWidget(copy);
    textLayout->addLayout(textButtons);
    m_payloadStack->addWidget(m_json);
    m_payloadStack->addWidget(m_textPage);

    m_logs->setObjectName(QStringLiteral("eventLogs"));
    m_logs->setReadOnly(true);
    m_logs->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_logs->setMaximumBlockCount(2000);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Payload:"), this));
    layout->addWidget(m_payloadStack, 3);
    layout->addWidget(m_logTitle);
    layout->addWidget(m_logs, 1);
    refresh();
}

void EventDetailPane::setHistory(const History &history, const QList<LogLine> &logs)
{
    const bool historyChanged = history != m_history;
    if (historyChanged) {
        m_history = history;
        m_pairing = HistoryPairing(m_history);
    }
    const bool logsChanged
        = logs.size() != m_logLines.size() || (!logs.isEmpty() && logs.last().id != m_logLines.last().id);
    m_logLines = logs;
    if (!historyChanged && !logsChanged)
        return;
    const int position = m_details.position < m_history.size() ? m_details.position : -1;
    if (position >= 0 && m_history.at(position) == m_details.event) {
        // The event shown is still there (a live history grew, or only log lines came): links and
        // logs are computed again, the payload (possibly large) stays as it is.
        m_details = models::EventDetails::compute(m_history, m_pairing, m_logLines, position);
        refresh();
    } else {
        m_details = {};
        showPosition(position);
    }
}

void EventDetailPane::showPosition(int position)
{
    if (position == m_details.position && position >= 0 && m_details.event == m_history.value(position))
        return;
    m_details = models::EventDetails::compute(m_history, m_pairing, m_logLines, position);
    showPayload(m_details.position >= 0 ? models::HistoryModel::payloadOf(m_details.event)
                                        : QJsonValue(QJsonValue::Undefined));
    refresh();
}

bool EventDetailPane::isPayloadTruncated() const
{
    return m_payloadStack->currentWidget() == m_textPage && m_showAll->isVisible();
}

void EventDetailPane::showWholePayload()
{
    m_text->setPlainText(m_payloadText);
    m_showAll->hide();
}

void EventDetailPane::showPayload(const QJsonValue &payload)
{
    m_payloadText = payload.isUndefined() ? QString() : prettyJson(payload);
    const bool large = m_payloadText.size() > PreviewChars;
    if ((payload.isObject() || payload.isArray()) && !large) {
        m_json->setValue(payload);
        m_payloadStack->setCurrentWidget(m_json);
        return;
    }
    if (payload.isUndefined()) {
        m_json->setValue(payload); // "(none)"
        m_payloadStack->setCurrentWidget(m_json);
        return;
    }
    m_payloadStack->setCurrentWidget(m_textPage);
    m_text->setPlainText(large ? m_payloadText.left(PreviewChars) : m_payloadText);
    m_showAll->setText(tr("Show all (%1)").arg(QLocale().formattedDataSize(m_payloadText.toUtf8().size())));
    m_showAll->setVisible(large);
}

QString EventDetailPane::linkTo(qsizetype position) const
{
    const auto &e = m_history.at(position);
    const QString text = e.name.isEmpty()
        ? tr("#%1 %2").arg(e.sequence).arg(models::EventNames::readable(e))
        : tr("#%1 %2 %3").arg(e.sequence).arg(models::EventNames::readable(e), e.name);
    return QStringLiteral("<a href=\"event:%1\">%2</a>").arg(position).arg(text.toHtmlEscaped());
}

void EventDetailPane::refresh()
{
    const auto &d = m_details;
    if (d.position < 0) {
        m_title->setText(tr("Select an event to see its details."));
        for (auto *label : { m_sequence, m_actionId, m_name, m_time, m_links })
            label->clear();
        m_logTitle->setText(tr("Log lines:"));
        m_logs->clear();
        return;
    }
    const auto &e = d.event;
    m_title->setText(tr("%1 (%2)").arg(models::EventNames::readable(e), eventTypeName(e.type)));
    m_sequence->setText(QString::number(e.sequence));
    const int id = e.eventId >= 0 ? e.eventId : e.taskId;
    m_actionId->setText(id >= 0 ? QString::number(id) : tr("—"));
    QString name = e.name;
    const auto child = e.data.value(QStringLiteral("instanceId")).toString();
    if (name.isEmpty() && d.completes >= 0)
        name = m_history.at(d.completes).name;
    if (!child.isEmpty())
        name = tr("%1 (instance %2)").arg(name, child);
    m_name->setText(name.isEmpty() ? tr("—") : name);
    QString time = e.timestamp.isValid() ? e.timestamp.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"))
                                         : tr("unknown");
    if (d.sinceStartMs)
        time += tr(" (+%1 after the start)").arg(models::formatDuration(*d.sinceStartMs));
    m_time->setText(time);
    QStringList links;
    if (d.completes >= 0)
        links << tr("completes %1").arg(linkTo(d.completes));
    if (d.completedBy >= 0)
        links << tr("completed by %1").arg(linkTo(d.completedBy));
    else if (awaitsCompletion(e.type))
        links << tr("not completed yet").toHtmlEscaped();
    if (e.type == EventType::EventSent && !child.isEmpty())
        links << tr("sent to instance %1").arg(child).toHtmlEscaped();
    m_links->setText(links.isEmpty() ? tr("—") : links.join(QStringLiteral("<br>")));

    m_logTitle->setText(tr("Log lines (%n):", nullptr, int(d.logs.size())));
    QStringList lines;
    lines.reserve(d.logs.size());
    for (const auto &line : d.logs) {
        lines << QStringLiteral("%1  %2  %3  %4")
                     .arg(line.timestamp.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz")),
                          logLevelName(line.level), line.source, line.message);
    }
    m_logs->setPlainText(lines.join(QLatin1Char('\n')));
}

} // namespace durable::views
