#include "cursorpanel.h"

#include <formatting.h>

#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace durable::views {

using models::CursorWork;

namespace {
    QString describe(const CursorWork &work)
    {
        switch (work.scheduledAs) {
        case EventType::TimerCreated:
            return CursorPanel::tr("timer #%1 due %2").arg(work.actionId).arg(models::formatTime(work.fireAt));
        case EventType::SubOrchestrationInstanceCreated:
            return CursorPanel::tr("sub-orchestration #%1 %2").arg(work.actionId).arg(work.name);
        default:
            return CursorPanel::tr("activity #%1 %2").arg(work.actionId).arg(work.name);
        }
    }
} // namespace

CursorPanel::CursorPanel(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_tree(new QTreeWidget(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_title->setWordWrap(true);
    m_title->setObjectName(QStringLiteral("cursorTitle"));
    m_tree->setHeaderHidden(true);
    m_tree->setColumnCount(1);
    layout->addWidget(m_title);
    layout->addWidget(m_tree, 1);
    setState({});
}

QString CursorPanel::title() const
{
    return m_title->text();
}

void CursorPanel::setState(const models::CursorState &state)
{
    m_state = state;
    m_tree->clear();
    if (state.position < 0) {
        m_title->setText(tr("No history yet"));
        return;
    }
    m_title->setText(tr("At #%1 %2 %3%4")
                         .arg(state.event.sequence)
                         .arg(eventTypeName(state.event.type), state.event.name)
                         .arg(state.finished ? tr(" (execution ended)") : QString()));
    auto section = [this](const QString &title) {
        auto *item = new QTreeWidgetItem(m_tree, { title });
        QFont font = item->font(0);
        font.setBold(true);
        item->setFont(0, font);
        item->setExpanded(true);
        return item;
    };
    auto *pending = section(tr("Pending (%1)").arg(state.pending.size()));
    for (const auto &work : state.pending)
        new QTreeWidgetItem(pending, { describe(work) });
    auto *completed = section(tr("Completed (%1)").arg(state.completed.size()));
    for (const auto &work : state.completed) {
        const bool failed
            = work.outcome == EventType::TaskFailed || work.outcome == EventType::SubOrchestrationInstanceFailed;
        new QTreeWidgetItem(
            completed,
            { tr("%1 → %2%3")
                  .arg(describe(work), failed ? tr("failed: ") : QString(), models::jsonPreview(work.result, 80)) });
    }
    if (!state.eventsReceived.isEmpty()) {
        auto *events = section(tr("Events received (%1)").arg(state.eventsReceived.size()));
        for (const auto &name : state.eventsReceived)
            new QTreeWidgetItem(events, { name });
    }
    auto *custom = section(tr("Custom status"));
    new QTreeWidgetItem(
        custom,
        { state.customStatusKnown ? models::jsonPreview(state.customStatus, 200) : tr("not recorded at this point") });
    auto *logs = section(tr("Log lines so far (%1)").arg(state.logs.size()));
    for (const auto &line : state.logs)
        new QTreeWidgetItem(
            logs,
            { (line.replaying ? tr("[replay] ") : QString()) + line.source + QStringLiteral(": ") + line.message });
    m_tree->expandAll();
}

} // namespace durable::views
