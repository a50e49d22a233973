#pragma once

#include "designservice.h"
#include "error.h"
#include "hubstore.h"

namespace durable {

/// A what-if fork: a new instance whose history is the original's up to an event, continued
/// from there by the same or another registered version of the orchestrator.
struct ForkRequest {
    QString instanceId; ///< the original (any status but Pending; imported instances too)
    qint64 afterSequence = -1; ///< history position of the event to fork after
    QString version; ///< registry version of the orchestrator to run; empty: the original's
    QString newInstanceId; ///< empty: "<id>-fork-<n>", the first n not taken
    /// Replace the result of the next activity after the fork point (its TaskCompleted or
    /// TaskFailed, whose activity must be scheduled in the prefix), or the payload of the next
    /// external event (EventRaised). The replacement is delivered at once instead of the original.
    enum class Substitute { None, ActivityResult, ActivityFailure, EventPayload };
    Substitute substitute = Substitute::None;
    /// ActivityResult: the result; ActivityFailure: a FailureDetails object (errorType,
    /// errorMessage, ...); EventPayload: the payload.
    QJsonValue value;
};

/// What a fork did, or why the code refused the prefix.
struct ForkResult {
    /// Deterministic: the fork was created as `instanceId`. Diverged or Failed: the chosen code
    /// cannot replay the prefix (where and how in the verdict); nothing was created.
    ReplayVerdict verdict;
    QString instanceId;
    /// The history the fork starts from: events [0, cut) are copied; the delivered events of a
    /// cut episode after that up to `afterSequence` are delivered again in the fork's first episode.
    qint64 cut = 0;
};

/// The pure part of a fork: how the history of the original splits at the fork point.
struct ForkPlan {
    qint64 cut = 0; ///< events [0, cut) are copied (whole episodes only)
    History redelivered; ///< delivered events of the cut episode, up to the fork point
    std::optional<HistoryEvent> substituted; ///< the original event the substitute replaces
    QList<HistoryEvent> pendingActivities; ///< TaskScheduled of the prefix left without a result
    QList<HistoryEvent> pendingTimers; ///< TimerCreated of the prefix not fired
};

/// Splits `history` (the original's current execution) for a fork after event `afterSequence`.
/// An event in the delivered part of an episode (before the code's actions) cuts the episode
/// there: the code reacts to the events up to it anew. An action, an episode end or a marker
/// episode (rewind) takes the whole episode into the prefix, since an episode's actions are
/// taken together. Errors (InvalidArgument / FailedPrecondition): position out of range, the
/// execution ends (completed, failed, terminated, continued as new) in the prefix, a
/// sub-orchestration is still running at the fork point (its instance belongs to the original),
/// no event of the substitute's kind follows, or the next activity was scheduled after the cut.
Result<ForkPlan> planFork(const History &history, qint64 afterSequence, ForkRequest::Substitute substitute);

/// Whether `message` is the one a fork leaves for the dispatcher to start the activities that
/// were in flight at the fork point (Lifecycle::resumeFork()).
bool isForkResume(const InboxMessage &message);

} // namespace durable
