#pragma once

#include <historyvocabulary.h>
#include <types.h>

namespace durable::models {

/// What the event detail pane shows about one event of a history: computed here, without
/// widgets, so that tests check the same thing the pane shows.
struct EventDetails {
    int position = -1; ///< index into the history; -1: none
    HistoryEvent event;
    /// Milliseconds since the execution started (its ExecutionStarted, else the first event);
    /// nullopt when either timestamp is missing.
    std::optional<qint64> sinceStartMs;
    /// The scheduling event this completion completes (TaskScheduled for TaskCompleted, …); -1: none.
    qsizetype completes = -1;
    /// The completion of this scheduling event; -1: none (yet).
    qsizetype completedBy = -1;
    /// The log lines around the event, in emission order: those of its activity (for activity
    /// events, matched by action id) and the orchestrator's lines of the episode the event belongs
    /// to (from its OrchestratorStarted to its OrchestratorCompleted), without the copies that
    /// later episodes log again while replaying.
    QList<LogLine> logs;

    /// `pairing` must have been built from `history`.
    static EventDetails compute(const History &history, const HistoryPairing &pairing, const QList<LogLine> &logs,
                                int position);
};

} // namespace durable::models
