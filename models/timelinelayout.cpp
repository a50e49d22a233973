#include "timelinelayout.h"

#include "formatting.h"

#include <historyvocabulary.h>

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

    TimelineItem scheduledItem(const HistoryEvent &e)
    {
        TimelineItem item;
        item.startSequence = e.sequence;
        item.start = e.timestamp;
        item.actionId = e.eventId;
        item.name = e.name;
        item.outcome = TimelineItem::Outcome::Pending;
        switch (e.type) {
        case EventType::SubOrchestrationInstanceCreated:
            item.kind = TimelineItem::Kind::SubOrchestration;
            break;
        case EventType::TimerCreated:
            item.kind = TimelineItem::Kind::Timer;
            item.end = timeFromJson(e.data.value(QStringLiteral("fireAt")));
            if (item.name.isEmpty())
                item.name = QStringLiteral("timer");
            break;
        default:
            item.kind = TimelineItem::Kind::Activity;
            break;
        }
        return item;
    }

    void complete(TimelineItem &target, const HistoryEvent &completion)
    {
        target.endSequence = completion.sequence;
        if (completion.type == EventType::TimerFired) {
            target.outcome = TimelineItem::Outcome::Fired;
            // The due time is the timer's end; the firing time only stands in for a missing one.
            if (!target.end.isValid())
                target.end = completion.timestamp;
        } else {
            target.end = completion.timestamp;
            target.outcome
                = isFailure(completion.type) ? TimelineItem::Outcome::Failed : TimelineItem::Outcome::Completed;
        }
    }

    TimelineItem markerItem(const HistoryEvent &e)
    {
        TimelineItem item;
        item.kind = TimelineItem::Kind::Event;
        item.outcome = TimelineItem::Outcome::Marker;
        item.startSequence = e.sequence;
        item.start = e.timestamp;
        item.end = e.timestamp;
        item.actionId = e.eventId >= 0 ? e.eventId : e.taskId;
        item.name = e.name.isEmpty() ? eventTypeName(e.type) : e.name;
        item.lane = 0;
        return item;
    }
} // namespace

TimelineLayout TimelineLayout::build(const History &history, const QDateTime &now)
{
    TimelineLayout layout;
    const HistoryPairing pairing(history);
    QList<int> itemOf(history.size(), -1); // history position of a scheduling event -> its item
    bool workPending = false;
    bool ended = false;
    for (qsizetype i = 0; i < history.size(); ++i) {
        const auto &e = history.at(i);
        if (e.timestamp.isValid()) {
            if (!layout.begin.isValid() || e.timestamp < layout.begin)
                layout.begin = e.timestamp;
            if (!layout.end.isValid() || e.timestamp > layout.end)
                layout.end = e.timestamp;
        }
        ended |= endsExecution(e.type);
        if (awaitsCompletion(e.type)) {
            TimelineItem item = scheduledItem(e);
            item.lane = layout.laneCount++;
            itemOf[i] = int(layout.items.size());
            layout.items.append(item);
            workPending |= pairing.completionOf(i) < 0;
        } else if (const qsizetype scheduling = pairing.scheduledOf(i); scheduling >= 0) {
            complete(layout.items[itemOf.at(scheduling)], e);
        } else if (isMarker(e.type)) {
            layout.items.append(markerItem(e));
        }
    }
    for (auto &item : layout.items) {
        if (ended && item.outcome == TimelineItem::Outcome::Pending) {
            item.outcome = item.kind == TimelineItem::Kind::Timer ? TimelineItem::Outcome::Cancelled : item.outcome;
            item.end = layout.end;
        }
    }
    if (now.isValid() && workPending && (!layout.end.isValid() || now > layout.end))
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
