#include "historycursor.h"

#include "formatting.h"

#include <algorithm>

namespace durable::models {

namespace {
    CursorWork scheduledWork(const HistoryEvent &scheduling)
    {
        CursorWork work;
        work.scheduledAs = scheduling.type;
        work.actionId = scheduling.eventId;
        work.name = scheduling.name;
        work.scheduledSequence = scheduling.sequence;
        work.scheduledAt = scheduling.timestamp;
        if (scheduling.type == EventType::TimerCreated)
            work.fireAt = timeFromJson(scheduling.data.value(QStringLiteral("fireAt")));
        return work;
    }

    CursorWork completedWork(const HistoryEvent &scheduling, const HistoryEvent &completion)
    {
        CursorWork work = scheduledWork(scheduling);
        work.outcome = completion.type;
        work.completedSequence = completion.sequence;
        work.result = completion.data.contains(QStringLiteral("failure"))
            ? completion.data.value(QStringLiteral("failure"))
            : completion.data.value(QStringLiteral("result"));
        return work;
    }
} // namespace

HistoryCursor::HistoryCursor(History history, QList<LogLine> logs)
    : m_history(std::move(history))
    , m_pairing(m_history)
    , m_logs(std::move(logs))
{
}

void HistoryCursor::setHistory(History history)
{
    m_history = std::move(history);
    m_pairing = HistoryPairing(m_history);
}

CursorState HistoryCursor::stateAt(int position) const
{
    return compute(m_history, m_pairing, m_logs, position, m_currentCustomStatus);
}

CursorState HistoryCursor::compute(const History &history, const QList<LogLine> &logs, int position,
                                   const QJsonValue &currentCustomStatus)
{
    return compute(history, HistoryPairing(history), logs, position, currentCustomStatus);
}

CursorState HistoryCursor::compute(const History &history, const HistoryPairing &pairing, const QList<LogLine> &logs,
                                   int position, const QJsonValue &currentCustomStatus)
{
    CursorState state;
    if (history.isEmpty())
        return state;
    state.position = std::clamp(position, 0, int(history.size()) - 1);
    state.event = history.at(state.position);

    for (int i = 0; i <= state.position; ++i) {
        const auto &e = history.at(i);
        // The engine records a changed custom status on the OrchestratorCompleted closing the episode.
        if (e.type == EventType::OrchestratorCompleted && e.data.contains(QStringLiteral("customStatus"))) {
            state.customStatusKnown = true;
            state.customStatus = e.data.value(QStringLiteral("customStatus"));
        }
        if (awaitsCompletion(e.type)) {
            // Pending here if its completion comes later in the history, or never.
            const qsizetype completion = pairing.completionOf(i);
            if (completion < 0 || completion > state.position)
                state.pending.append(scheduledWork(e));
        } else if (const qsizetype scheduling = pairing.scheduledOf(i); scheduling >= 0) {
            state.completed.append(completedWork(history.at(scheduling), e));
        } else if (e.type == EventType::EventRaised) {
            state.eventsReceived.append(e.name);
        } else if (endsExecution(e.type)) {
            state.finished = true;
        }
    }
    if (state.position == history.size() - 1 && !currentCustomStatus.isUndefined()) {
        state.customStatusKnown = true;
        state.customStatus = currentCustomStatus;
    }
    const qint64 upTo = state.event.sequence;
    for (const auto &line : logs) {
        if (line.historySequence <= upTo)
            state.logs.append(line);
    }
    return state;
}

} // namespace durable::models
