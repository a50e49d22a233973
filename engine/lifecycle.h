#pragma once

#include "changetracker.h"
#include "clock.h"
#include "episodebuilder.h"
#include "hubstore.h"
#include "instanceid.h"
#include "registry.h"

#include <functional>

namespace durable {

/// The transitions of an instance's life, written to the hub inside the caller's transaction:
/// create, persist an episode, finish (complete, fail, continue as new), terminate, rewind,
/// tell the parent. It holds no state of its own; what changed goes to the ChangeTracker
/// (including which cached runs are void), and activities to start are returned to the caller,
/// which launches them. Dispatcher thread only.
class Lifecycle {
public:
    Lifecycle(HubStore &store, const Registry &registry, Clock &clock, ChangeTracker &changes);

    /// Inserts a Pending instance and its ExecutionStarted message, visible at `visibleAt`. With
    /// `replace`, a finished instance of the same id goes first (history, logs and messages too).
    /// While a start sink is set, an ExecutionStarted due now for an orchestrator of this process
    /// goes to the sink instead of the inbox (see setStartSink()).
    Status create(const InstanceInfo &info, const QDateTime &visibleAt, bool replace);
    /// The batch that runs client commands takes their starts here and runs each first episode
    /// from the message in the same transaction: the start's commit is its first episode's, and
    /// no inbox row is written and read back. The sink also gets the row as written, so that the
    /// first episode need not read it back. It returns false when the batch is full; that start
    /// goes to the inbox. Unset (the default), every start goes to the inbox.
    using StartSink = std::function<bool(const InboxMessage &, const InstanceRecord &)>;
    void setStartSink(StartSink sink) { m_startSink = std::move(sink); }
    /// Writes an episode: history, logs, work, timers, children, sent events, then the row
    /// (finishing the execution when it ended). The work rows written go to `launches`.
    Status persist(episodes::Episode &episode, QList<WorkItem> &launches);
    /// Ends the execution with `outcome`; ContinuedAsNew starts the next execution.
    Status finish(InstanceRecord &record, const Outcome &outcome, bool hadActivities);
    /// Applies a terminate message to a running instance (and its children when it says so).
    Status terminate(InstanceRecord &record, const InboxMessage &message);
    /// Re-runs what failed in a Failed instance; activities to re-run go to `launches`.
    Status rewind(InstanceRecord &record, const InboxMessage &message, QList<WorkItem> &launches);
    /// Takes the fork-resume messages (isForkResume()) out of `messages` and writes the work rows
    /// they carry, the activities a fork found in flight at its fork point, to `launches`
    /// (fork.cpp). The dispatcher of the fork does this, so that it also starts them.
    Status resumeFork(const InstanceRecord &record, QList<InboxMessage> &messages, QList<WorkItem> &launches);

private:
    /// Replaces the failures that ended the execution with rewound markers and queues what
    /// failed again (activities to `launches`, failed children a rewind). Returns how many.
    Result<int> rerunFailures(const InstanceRecord &record, const History &history, const InboxMessage &message,
                              QList<WorkItem> &launches);
    /// Writes one of an episode's effects (work rows go to `launches` too).
    Status persistEffect(episodes::Episode &episode, const episodes::Episode::Effect &effect,
                         QList<WorkItem> &launches);
    Status createChild(const InstanceInfo &parent, const Action &action);
    Status sendEvent(const Action &action);
    Status notifyParent(const InstanceRecord &record, bool succeeded, const QJsonValue &result,
                        const FailureDetails &failure);
    Status appendMarkerEpisode(InstanceRecord &record, HistoryEvent event, const QDateTime &now);
    Status deleteWorkAndMessages(const QString &instanceId, bool activitiesInFlight);
    Status insert(const InboxMessage &message);

    HubStore &m_store;
    const Registry &m_registry;
    StartSink m_startSink;
    Clock &m_clock;
    ChangeTracker &m_changes;
};

} // namespace durable
