#include "timelinelayout.h"

#include "formatting.h"

#include <QHash>

namespace durable::models {

namespace {
bool isMarker(EventType type)
{
    switch (type) {
    case EventType::ExecutionStarted:
    case EventType::ExecutionCompleted:
    case EventType::ExecutionTerminated:
    case EventType::EventRaised:
    case EventType::EventSent:
    case EventType::ContinueAsNew:
    case EventType::ExecutionSuspended:
    case EventType::ExecutionResumed:
    case EventType::ExecutionRewound:
    case EventType::GenericEvent:
        return true;
    default:
        return false;
    }
}
} // namespace

TimelineLayout TimelineLayout::build(const History &history, const QDateTime &now)
{
    TimelineLayout layout;
    QHash<int, int> open; // action id -> item index
    for (const auto &e : history) {
        if (e.timestamp.isValid()) {
            if (!layout.begin.isValid() || e.timestamp < layout.begin)
                layout.begin = e.timestamp;
            if (!layout.end.isValid() || e.timestamp > layout.end)
                layout.end = e.timestamp;
        }
        TimelineItem item;
        item.startSequence = e.sequence;
        item.start = e.timestamp;
        item.actionId = e.eventId;
        item.name = e.name;
        switch (e.type) {
        case EventType::TaskScheduled:
            item.kind = TimelineItem::Kind::Activity;
            item.outcome = TimelineItem::Outcome::Pending;
            break;
        case EventType::SubOrchestrationInstanceCreated:
            item.kind = TimelineItem::Kind::SubOrchestration;
            item.outcome = TimelineItem::Outcome::Pending;
            break;
        case EventType::TimerCreated:
            item.kind = TimelineItem::Kind::Timer;
            item.outcome = TimelineItem::Outcome::Pending;
            item.end = timeFromJson(e.data.value(QStringLiteral("fireAt")));
            if (item.name.isEmpty())
                item.name = QStringLiteral("timer");
            break;
        case EventType::TaskCompleted:
        case EventType::TaskFailed:
        case EventType::SubOrchestrationInstanceCompleted:
        case EventType::SubOrchestrationInstanceFailed:
        case EventType::TimerFired: {
            const auto it = open.constFind(e.taskId);
            if (it == open.cend())
                continue;
            auto &target = layout.items[*it];
            target.endSequence = e.sequence;
            if (e.type == EventType::TimerFired) {
                target.outcome = TimelineItem::Outcome::Fired;
                if (!target.end.isValid())
                    target.end = e.timestamp;
            } else {
                target.end = e.timestamp;
                const bool failed
                    = e.type == EventType::TaskFailed || e.type == EventType::SubOrchestrationInstanceFailed;
                target.outcome = failed ? TimelineItem::Outcome::Failed : TimelineItem::Outcome::Completed;
            }
            open.remove(e.taskId);
            continue;
        }
        default:
            if (!isMarker(e.type))
                continue;
            item.kind = TimelineItem::Kind::Event;
            item.outcome = TimelineItem::Outcome::Marker;
            item.end = e.timestamp;
            item.actionId = e.eventId >= 0 ? e.eventId : e.taskId;
            if (item.name.isEmpty())
                item.name = eventTypeName(e.type);
            item.lane = 0;
            layout.items.append(item);
            continue;
        }
        item.lane = layout.laneCount++;
        open.insert(e.eventId, int(layout.items.size()));
        layout.items.append(item);
    }
    bool ended = false;
    for (const auto &e : history)
        ended |= e.type == EventType::ExecutionCompleted || e.type == EventType::ExecutionTerminated
            || e.type == EventType::ContinueAsNew;
    for (auto &item : layout.items) {
        if (ended && item.outcome == TimelineItem::Outcome::Pending) {
            item.outcome = item.kind == TimelineItem::Kind::Timer ? TimelineItem::Outcome::Cancelled : item.outcome;
            item.end = layout.end;
        }
    }
    if (now.isValid() && !open.isEmpty() && (!layout.end.isValid() || now > layout.end))
        layout.end = now;
    return layout;
}

int TimelineLayout::itemForSequence(qint64 sequence) const
{
    for (int i = 0; i < items.size(); ++i) {
        if (items.at(i).startSequence == sequence || items.at(i).endSequence == sequence)
            return i;
    }
    return -1;
}

} // namespace durable::models
