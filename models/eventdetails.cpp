#include "eventdetails.h"

#include <algorithm>

namespace durable::models {

EventDetails EventDetails::compute(const History &history, const HistoryPairing &pairing, const QList<LogLine> &logs,
                                   int position)
{
    EventDetails details;
    if (position < 0 || position >= history.size())
        return details;
    details.position = position;
    details.event = history.at(position);
    const auto &event = details.event;

    const auto started
        = std::ranges::find_if(history, [](const HistoryEvent &e) { return e.type == EventType::ExecutionStarted; });
    const QDateTime start = started != history.end() ? started->timestamp : history.first().timestamp;
    if (start.isValid() && event.timestamp.isValid())
        details.sinceStartMs = start.msecsTo(event.timestamp);

    if (pairing.size() == history.size()) {
        details.completes = pairing.scheduledOf(position);
        details.completedBy = pairing.completionOf(position);
    }

    // The episode: from the last OrchestratorStarted at or before the event to the first
    // OrchestratorCompleted at or after it.
    qint64 from = history.first().sequence;
    qint64 to = history.last().sequence;
    for (int i = position; i >= 0; --i) {
        if (history.at(i).type == EventType::OrchestratorStarted) {
            from = history.at(i).sequence;
            break;
        }
    }
    for (qsizetype i = position; i < history.size(); ++i) {
        if (history.at(i).type == EventType::OrchestratorCompleted) {
            to = history.at(i).sequence;
            break;
        }
    }
    // The activity's own lines: by the action id of the scheduling event or of the completion.
    int activity = -1;
    if (event.type == EventType::TaskScheduled)
        activity = event.eventId;
    else if (event.type == EventType::TaskCompleted || event.type == EventType::TaskFailed)
        activity = event.taskId;
    for (const auto &line : logs) {
        const bool orchestrator = line.taskId < 0;
        if (orchestrator ? (!line.replaying && line.historySequence >= from && line.historySequence <= to)
                         : (activity >= 0 && line.taskId == activity))
            details.logs.append(line);
    }
    return details;
}

} // namespace durable::models
