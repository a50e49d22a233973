#include "historycursor.h"

#include "formatting.h"

#include <QHash>

#include <algorithm>

namespace durable::models {

HistoryCursor::HistoryCursor(History history, QList<LogLine> logs)
    : m_history(std::move(history))
    , m_logs(std::move(logs))
{
}

CursorState HistoryCursor::stateAt(int position) const
{
    return compute(m_history, m_logs, position, m_currentCustomStatus);
}

CursorState HistoryCursor::compute(const History &history, const QList<LogLine> &logs, int position,
                                   const QJsonValue &currentCustomStatus)
{
    CursorState state;
    if (history.isEmpty())
        return state;
    state.position = std::clamp(position, 0, int(history.size()) - 1);
    state.event = history.at(state.position);

    QList<CursorWork> scheduled;
    QHash<int, int> pendingIndex; // action id -> index in `scheduled`
    for (int i = 0; i <= state.position; ++i) {
        const auto &e = history.at(i);
        // The engine records a changed custom status on the OrchestratorCompleted closing the episode.
        if (e.type == EventType::OrchestratorCompleted && e.data.contains(QStringLiteral("customStatus"))) {
            state.customStatusKnown = true;
            state.customStatus = e.data.value(QStringLiteral("customStatus"));
        }
        switch (e.type) {
        case EventType::TaskScheduled:
        case EventType::SubOrchestrationInstanceCreated:
        case EventType::TimerCreated: {
            CursorWork work;
            work.scheduledAs = e.type;
            work.actionId = e.eventId;
            work.name = e.name;
            work.scheduledSequence = e.sequence;
            work.scheduledAt = e.timestamp;
            if (e.type == EventType::TimerCreated)
                work.fireAt = timeFromJson(e.data.value(QStringLiteral("fireAt")));
            pendingIndex.insert(e.eventId, int(scheduled.size()));
            scheduled.append(work);
            break;
        }
        case EventType::TaskCompleted:
        case EventType::TaskFailed:
        case EventType::SubOrchestrationInstanceCompleted:
        case EventType::SubOrchestrationInstanceFailed:
        case EventType::TimerFired: {
            const auto it = pendingIndex.constFind(e.taskId);
            if (it == pendingIndex.cend())
                break;
            auto &work = scheduled[*it];
            work.outcome = e.type;
            work.completedSequence = e.sequence;
            work.result = e.data.contains(QStringLiteral("failure")) ? e.data.value(QStringLiteral("failure"))
                                                                     : e.data.value(QStringLiteral("result"));
            state.completed.append(work);
            pendingIndex.erase(it);
            break;
        }
        case EventType::EventRaised:
            state.eventsReceived.append(e.name);
            break;
        case EventType::ExecutionCompleted:
        case EventType::ExecutionTerminated:
        case EventType::ContinueAsNew:
            state.finished = true;
            break;
        default:
            break;
        }
    }
    if (state.position == history.size() - 1 && !currentCustomStatus.isUndefined()) {
        state.customStatusKnown = true;
        state.customStatus = currentCustomStatus;
    }
    for (const auto &work : std::as_const(scheduled)) {
        if (!work.outcome)
            state.pending.append(work);
    }
    const qint64 upTo = state.event.sequence;
    for (const auto &line : logs) {
        if (line.historySequence <= upTo)
            state.logs.append(line);
    }
    return state;
}

} // namespace durable::models
