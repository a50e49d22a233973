#include "historyvocabulary.h"

#include <QHash>

namespace durable {

bool recordsAction(EventType type)
{
    return awaitsCompletion(type) || type == EventType::EventSent;
}

bool awaitsCompletion(EventType type)
{
    return type == EventType::TimerCreated || schedulesWork(type);
}

bool schedulesWork(EventType type)
{
    return type == EventType::TaskScheduled || type == EventType::SubOrchestrationInstanceCreated;
}

bool isCompletion(EventType type)
{
    return scheduledTypeOf(type).has_value();
}

bool isFailure(EventType type)
{
    return type == EventType::TaskFailed || type == EventType::SubOrchestrationInstanceFailed;
}

std::optional<EventType> scheduledTypeOf(EventType completion)
{
    switch (completion) {
    case EventType::TaskCompleted:
    case EventType::TaskFailed:
        return EventType::TaskScheduled;
    case EventType::SubOrchestrationInstanceCompleted:
    case EventType::SubOrchestrationInstanceFailed:
        return EventType::SubOrchestrationInstanceCreated;
    case EventType::TimerFired:
        return EventType::TimerCreated;
    default:
        return std::nullopt;
    }
}

bool endsExecution(EventType type)
{
    return type == EventType::ExecutionCompleted || type == EventType::ExecutionTerminated
        || type == EventType::ContinueAsNew;
}

namespace {
    // Open scheduling events are keyed by type and id together: a timer and an activity with the
    // same id (only in a damaged history) must not complete each other.
    quint64 openKey(EventType scheduledType, int actionId)
    {
        return (quint64(uint(scheduledType)) << 32) | quint64(uint(actionId));
    }
} // namespace

HistoryPairing::HistoryPairing(const History &history)
    : m_partner(history.size(), -1)
{
    QHash<quint64, qsizetype> open; // scheduling events not completed yet, by openKey
    for (qsizetype i = 0; i < history.size(); ++i) {
        const HistoryEvent &event = history.at(i);
        if (awaitsCompletion(event.type)) {
            open.insert(openKey(event.type, event.eventId), i);
        } else if (const auto scheduledType = scheduledTypeOf(event.type)) {
            const auto it = open.constFind(openKey(*scheduledType, event.taskId));
            if (it == open.cend())
                continue;
            m_partner[i] = *it;
            m_partner[*it] = i;
            open.erase(it);
        }
    }
}

qsizetype HistoryPairing::completionOf(qsizetype position) const
{
    if (position < 0 || position >= m_partner.size())
        return -1;
    const qsizetype partner = m_partner.at(position);
    return partner > position ? partner : -1;
}

qsizetype HistoryPairing::scheduledOf(qsizetype position) const
{
    if (position < 0 || position >= m_partner.size())
        return -1;
    const qsizetype partner = m_partner.at(position);
    return partner >= 0 && partner < position ? partner : -1;
}

} // namespace durable
