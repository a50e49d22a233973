#pragma once

#include "activityresult.h"
#include "run.h"

namespace durable::episodes {

/// The episode builder: pure functions from an instance record, the events an episode delivers
/// and what the orchestrator did with them, to the history rows, the new instance row and the
/// effects to persist. No storage, no clock, no registry: the dispatcher runs the orchestrator
/// between openEpisode() and closeEpisode(), and the lifecycle persists the Episode.

/// What the messages and activity results taken for a running instance amount to.
struct Delivery {
    History newEvents; ///< to deliver in an episode (none: no episode)
    QList<ActivityResult> results; ///< the results among them, for their log lines
    QList<InboxMessage> held; ///< to keep in the inbox, visible now, until the instance resumes
    QList<LogLine> heldLogs; ///< lines of held results, stored now
    std::optional<RuntimeStatus> status; ///< Suspended or Running when a message changed that
};
/// Sorts what arrived for a running (or suspended) instance: messages of another execution
/// (continued as new) are dropped, suspend/resume toggle the state, everything else becomes an
/// event, or is held while the instance is suspended.
Delivery deliver(const InstanceRecord &record, const QList<InboxMessage> &messages, QList<ActivityResult> results,
                 const QDateTime &now);

/// The events an episode delivers: OrchestratorStarted, then `newEvents`, numbered on from the
/// record's history length and stamped `now`.
History openEpisode(const InstanceRecord &record, const History &newEvents, const QDateTime &now);

/// What the orchestrator did in one episode, read off its run after the delivered events.
struct OrchestratorStep {
    QList<Action> actions; ///< new actions, in id order
    std::optional<Outcome> outcome; ///< the execution ended in this episode
    std::optional<QJsonValue> customStatus; ///< set when the code changed it in this episode
    WaitState waiting; ///< what the run waits for now
    QList<LogLine> logs; ///< the orchestrator's own lines
};

/// Everything one episode writes.
struct Episode {
    History events; ///< delivered events, one per action, the completion if any, OrchestratorCompleted
    InstanceRecord record; ///< the row after the episode (not yet finished: see `outcome`)
    QList<LogLine> logs; ///< activity lines linked to their result's event, then the orchestrator's
    QList<WorkItem> work; ///< activities to schedule (ids assigned by the store)
    /// The input text of each of `work` (HubStore::insertWork()): the bytes of its scheduling
    /// event's text, pointed at in place (QByteArray::fromRawData), valid while `events` is.
    QList<QByteArray> workInputText;
    QList<InboxMessage> timers; ///< TimerFired messages, visible when due
    QList<Action> subOrchestrations; ///< children to create (need the hub: an id may be taken)
    QList<Action> sentEvents; ///< events to deliver (need the hub: the target may be gone)
    /// The effects in the order the code took their actions (index into the list of that kind):
    /// written in this order, so an event sent before a child's creation finds no child, and a
    /// timer is queued relative to a child's failure as the code ordered them.
    struct Effect {
        Action::Kind kind;
        qsizetype index;
    };
    QList<Effect> effects;
    std::optional<Outcome> outcome; ///< the execution ended: the lifecycle finishes it
    /// Activities were in flight before the episode or scheduled in it: when the execution ends,
    /// work rows may be left to delete.
    bool hadActivities = false;
};

/// Builds the episode. `delivered` is what openEpisode() returned; `results` the activity
/// results it delivers (for their log lines).
/// Takes `delivered` over: a fan-in delivers thousands of events, copied once is enough.
Episode closeEpisode(const InstanceRecord &record, History delivered, const QList<ActivityResult> &results,
                     OrchestratorStep step, const QDateTime &now);

/// What an execution whose code runs elsewhere (an external worker) waits for, read off its
/// history: timers, activities and sub-orchestrations scheduled and not completed. The awaited
/// event names are not recorded in a history, so `events` stays empty.
WaitState waitingOf(const History &history);

/// An episode without orchestrator code (terminate, rewind): `event` between the episode
/// markers, numbered on from `historyLength`.
History markerEpisode(qint64 historyLength, HistoryEvent event, const QDateTime &now);

/// A history event of `type` with no sequence or time yet.
HistoryEvent makeEvent(EventType type, int eventId = -1, int taskId = -1, const QString &name = {},
                       const QJsonObject &data = {});

/// The history event that records `action` (TaskScheduled, TimerCreated, ...), with its payload;
/// a TaskScheduled's payload only as stored text (HistoryEvent::encodedData), its `data` empty.
HistoryEvent actionEvent(const Action &action);
/// actionEvent() of a ScheduleTask whose input was written as `inputText` (json::toText()).
HistoryEvent scheduledEvent(const Action &action, const QByteArray &inputText);

/// The event that records how an execution ended (ExecutionCompleted or ContinueAsNew).
HistoryEvent outcomeEvent(const Outcome &outcome);

} // namespace durable::episodes
