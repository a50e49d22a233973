#pragma once

#include "types.h"

#include <QList>

#include <optional>

namespace durable {

// What the history event types mean to each other: which record an orchestrator action, which
// schedule something a later event completes, which event completes which. Everything that reads a
// history (the executor's replay, rewind, the models, the HTTP payloads, the replay test) asks here
// instead of listing event types itself, so that "scheduled" means the same thing everywhere.
//
// Pure functions of their arguments: no state, callable from any thread.

/// The event records an action the orchestrator code took and carries that action's id in
/// `eventId`: TaskScheduled, TimerCreated, SubOrchestrationInstanceCreated and EventSent. Replay
/// matches exactly these events, one by one, against the actions the code takes again.
bool recordsAction(EventType type);

/// The event schedules something that a later event of the same execution completes, referring to
/// it by `taskId == eventId`: TaskScheduled, TimerCreated, SubOrchestrationInstanceCreated. EventSent
/// records an action, but nothing completes it.
bool awaitsCompletion(EventType type);

/// The event schedules work that runs outside the orchestrator and ends with a result or a failure:
/// TaskScheduled (an activity) and SubOrchestrationInstanceCreated. Timers are awaited but are not
/// work: they only fire. This is what the fan-out chart counts and the HTTP history folds.
bool schedulesWork(EventType type);

/// The event completes a scheduled one: TaskCompleted, TaskFailed, SubOrchestrationInstanceCompleted,
/// SubOrchestrationInstanceFailed, TimerFired. A rewound failure is stored as a GenericEvent and
/// completes nothing any more.
bool isCompletion(EventType type);

/// The completion reports a failure: TaskFailed, SubOrchestrationInstanceFailed.
bool isFailure(EventType type);

/// The scheduling type that a completion of type `completion` completes: TaskScheduled for
/// TaskCompleted/TaskFailed, SubOrchestrationInstanceCreated for SubOrchestrationInstanceCompleted/
/// Failed, TimerCreated for TimerFired; nullopt when `completion` is not a completion.
std::optional<EventType> scheduledTypeOf(EventType completion);

/// The event ends the execution: ExecutionCompleted (with any final status), ExecutionTerminated,
/// ContinueAsNew. Anything still scheduled at that point never completes in this execution.
bool endsExecution(EventType type);

/// Pairs the scheduling events of a history with their completions. Built once in O(n) from the
/// history; afterwards each lookup is O(1). Positions are indices into the history the pairing was
/// built from (not `HistoryEvent::sequence`); the pairing keeps no reference to the history.
///
/// The rule: walking the history in order, a completion (isCompletion) pairs with the most recent
/// earlier scheduling event that awaits a completion, has the completion's scheduledTypeOf type and
/// `eventId == taskId`, and is not paired yet. So
/// - a completion without such an event (unknown id, wrong type, or arriving before its scheduling)
///   stays unpaired, and so does a second completion of the same scheduling event: the first wins;
/// - a retried activity is a new TaskScheduled with a new id and pairs on its own; the failed
///   attempt keeps its TaskFailed;
/// - after a rewind the failure is a GenericEvent, so the scheduling event is open again and pairs
///   with the completion of the re-run;
/// - a history spanning several executions (ids restart after ContinueAsNew) still pairs each
///   completion with its own execution's event, the most recent open one with that id.
class HistoryPairing {
public:
    HistoryPairing() = default;
    explicit HistoryPairing(const History &history);

    /// Number of events of the history the pairing was built from.
    qsizetype size() const { return m_partner.size(); }
    /// Position of the completion of the scheduling event at `position`; -1 when that event awaits
    /// no completion, has not completed (yet), or `position` is out of range.
    qsizetype completionOf(qsizetype position) const;
    /// Position of the scheduling event that the completion at `position` completes; -1 when that
    /// event is no completion, is unpaired, or `position` is out of range.
    qsizetype scheduledOf(qsizetype position) const;

private:
    // For every position its partner, -1 when unpaired. A completion always comes after the event
    // it completes, so the direction of a pair follows from the order of the two positions.
    QList<qsizetype> m_partner;
};

} // namespace durable
