#include "lifecycle.h"

#include "historyvocabulary.h"
#include "json.h"

namespace durable {

using episodes::makeEvent;

Lifecycle::Lifecycle(HubStore &store, const Registry &registry, Clock &clock, ChangeTracker &changes)
    : m_store(store)
    , m_registry(registry)
    , m_clock(clock)
    , m_changes(changes)
{
}

Status Lifecycle::insert(const InboxMessage &message)
{
    return discardValue(m_store.insertMessage(message));
}

Status Lifecycle::create(const InstanceInfo &given, const QDateTime &visibleAt, bool replace)
{
    // A finished instance of the same id is replaced: its history, logs and messages go too.
    if (replace) {
        if (auto s = m_store.deleteInstance(given.instanceId); !s)
            return s;
    }
    const QDateTime now = m_clock.now();
    InstanceRecord record;
    auto &info = record.info;
    info = given;
    info.executionId = newId();
    info.status = RuntimeStatus::Pending;
    info.output = QJsonValue(QJsonValue::Undefined);
    info.customStatus = QJsonValue(QJsonValue::Undefined);
    info.createdAt = now;
    info.lastUpdatedAt = now;
    if (auto s = m_store.putInstance(record); !s)
        return s;
    record.stored = record.indexedColumns();
    record.storedExecutionId = info.executionId;
    const InboxMessage started = InboxMessage::executionStarted(info, visibleAt);
    const bool handed = m_startSink && visibleAt <= now && m_registry.orchestrator(info.name, info.version)
        && m_startSink(started, record);
    if (!handed) {
        if (auto s = insert(started); !s)
            return s;
    }
    m_changes.evict(info.instanceId);
    m_changes.instance(info.instanceId, true, true);
    return {};
}

Status Lifecycle::persist(episodes::Episode &episode, QList<WorkItem> &launches)
{
    auto &record = episode.record;
    const auto &info = record.info;
    if (auto s = m_store.appendHistory(info.instanceId, info.executionId, episode.events); !s)
        return s;
    if (auto s = m_store.insertLogs(episode.logs); !s)
        return s;
    for (const auto &effect : std::as_const(episode.effects)) {
        if (auto s = persistEffect(episode, effect, launches); !s)
            return s;
    }
    m_changes.instance(info.instanceId, true, !episode.logs.isEmpty());
    if (episode.outcome)
        return finish(record, *episode.outcome, episode.hadActivities);
    return m_store.updateInstance(record);
}

Status Lifecycle::persistEffect(episodes::Episode &episode, const episodes::Episode::Effect &effect,
                                QList<WorkItem> &launches)
{
    switch (effect.kind) {
    case Action::Kind::ScheduleTask: {
        WorkItem &item = episode.work[effect.index];
        auto id = m_store.insertWork(item, episode.workInputText.value(effect.index));
        if (!id)
            return std::unexpected(id.error());
        item.id = *id;
        launches.append(item);
        return {};
    }
    case Action::Kind::CreateTimer:
        return insert(episode.timers.at(effect.index));
    case Action::Kind::CreateSubOrchestration:
        return createChild(episode.record.info, episode.subOrchestrations.at(effect.index));
    case Action::Kind::SendEvent:
        return sendEvent(episode.sentEvents.at(effect.index));
    }
    return {};
}

Status Lifecycle::createChild(const InstanceInfo &parent, const Action &a)
{
    auto existing = m_store.instance(a.instanceId, false);
    if (!existing)
        return std::unexpected(existing.error());
    // An imported instance is read-only in any status: a finished one is not replaced either.
    const bool imported = *existing && isImported((*existing)->info);
    if (*existing && (imported || !isTerminal((*existing)->info.status))) {
        const FailureDetails failure {
            QStringLiteral("InstanceExists"),
            imported ? QStringLiteral("an instance with id '%1' was imported from a repro bundle and is read-only")
                           .arg(a.instanceId)
                     : QStringLiteral("an instance with id '%1' is already running").arg(a.instanceId),
            {},
            true
        };
        return insert(InboxMessage::completion(
            parent.instanceId, parent.executionId, EventType::SubOrchestrationInstanceFailed, a.id, {},
            QJsonObject { { QStringLiteral("failure"), failure.toJson() } }, m_clock.now()));
    }
    const auto orchestrator = m_registry.orchestrator(a.name);
    InstanceInfo child;
    child.instanceId = a.instanceId;
    child.name = a.name;
    child.version = orchestrator ? orchestrator->version : QString();
    child.input = a.input;
    child.parentInstanceId = parent.instanceId;
    child.parentTaskId = a.id;
    return create(child, m_clock.now(), existing->has_value());
}

Status Lifecycle::sendEvent(const Action &a)
{
    auto target = m_store.instance(a.instanceId, false);
    if (!target)
        return std::unexpected(target.error());
    if (!*target || isTerminal((*target)->info.status) || isImported((*target)->info))
        return {}; // events to finished, unknown or imported instances are dropped, as in Durable Functions
    return insert(InboxMessage::event(a.instanceId, a.name, a.input, m_clock.now()));
}

Status Lifecycle::deleteWorkAndMessages(const QString &instanceId, bool activitiesInFlight)
{
    // The work table is read only when there is work to find (it has no instance index).
    if (activitiesInFlight) {
        if (auto s = m_store.deleteWorkOf(instanceId); !s)
            return s;
    }
    return m_store.deleteMessagesOf(instanceId);
}

Status Lifecycle::finish(InstanceRecord &record, const Outcome &outcome, bool hadActivities)
{
    auto &info = record.info;
    const QDateTime now = m_clock.now();
    const bool activitiesInFlight = hadActivities || info.waiting.activities > 0;
    m_changes.evict(info.instanceId);
    if (outcome.status == RuntimeStatus::ContinuedAsNew) {
        // A fresh history for the next execution; held results and timers of the old one are void.
        if (auto s = m_store.deleteHistory(info.instanceId); !s)
            return s;
        if (activitiesInFlight) {
            if (auto s = m_store.deleteWorkOf(info.instanceId); !s)
                return s;
        }
        info.executionId = newId();
        info.input = outcome.continueInput;
        info.status = RuntimeStatus::ContinuedAsNew;
        info.waiting = {};
        record.historyLength = 0;
        if (auto s = insert(InboxMessage::executionStarted(info, now)); !s)
            return s;
        for (const auto &e : outcome.carriedEvents) {
            if (auto s
                = insert(InboxMessage::event(info.instanceId, e.name, e.data.value(QStringLiteral("input")), now));
                !s)
                return s;
        }
        return m_store.updateInstance(record);
    }
    info.status = outcome.status;
    info.output = outcome.output;
    info.failure = outcome.failure;
    info.completedAt = now;
    info.waiting = {};
    m_changes.instanceCompleted();
    // Nothing of a finished instance may run any more (an activity in flight still ends; its
    // result is dropped).
    if (auto s = deleteWorkAndMessages(info.instanceId, activitiesInFlight); !s)
        return s;
    if (auto s = m_store.updateInstance(record); !s)
        return s;
    return notifyParent(record, outcome.status == RuntimeStatus::Completed, outcome.output,
                        outcome.failure.value_or(FailureDetails {}));
}

Status Lifecycle::notifyParent(const InstanceRecord &record, bool succeeded, const QJsonValue &result,
                               const FailureDetails &failure)
{
    const auto &info = record.info;
    if (info.parentInstanceId.isEmpty())
        return {};
    return insert(InboxMessage::completion(info.parentInstanceId, {},
                                           succeeded ? EventType::SubOrchestrationInstanceCompleted
                                                     : EventType::SubOrchestrationInstanceFailed,
                                           info.parentTaskId, info.name,
                                           succeeded ? QJsonObject { { QStringLiteral("result"), result } }
                                                     : QJsonObject { { QStringLiteral("failure"), failure.toJson() } },
                                           m_clock.now()));
}

Status Lifecycle::appendMarkerEpisode(InstanceRecord &record, HistoryEvent event, const QDateTime &now)
{
    const History events = episodes::markerEpisode(record.historyLength, std::move(event), now);
    if (auto s = m_store.appendHistory(record.info.instanceId, record.info.executionId, events); !s)
        return s;
    record.historyLength += events.size();
    return {};
}

Status Lifecycle::terminate(InstanceRecord &record, const InboxMessage &message)
{
    auto &info = record.info;
    const QDateTime now = m_clock.now();
    const bool activitiesInFlight = info.waiting.activities > 0; // as of its last episode
    // The output is the reason as given: text from the GUI or the HTTP API, a verbatim payload
    // from an SDK client (which reads it back byte for byte).
    const QJsonValue output = message.data.value(QStringLiteral("reason"));
    const QString reason = json::plain(output).toString();
    if (auto s = appendMarkerEpisode(record, makeEvent(EventType::ExecutionTerminated, -1, -1, {}, message.data), now);
        !s)
        return s;
    info.status = RuntimeStatus::Terminated;
    info.output = output;
    info.completedAt = now;
    info.lastUpdatedAt = now;
    info.waiting = {};
    m_changes.instanceCompleted();
    m_changes.evict(info.instanceId);
    if (auto s = deleteWorkAndMessages(info.instanceId, activitiesInFlight); !s)
        return s;
    if (auto s = m_store.updateInstance(record); !s)
        return s;
    m_changes.instance(info.instanceId, true);
    if (message.data.value(QStringLiteral("recurse")).toBool()) {
        auto children = m_store.children(info.instanceId);
        if (!children)
            return std::unexpected(children.error());
        for (const auto &child : *children) {
            auto c = m_store.instance(child, false);
            if (!c)
                return std::unexpected(c.error());
            if (*c && !isTerminal((*c)->info.status)) {
                if (auto s = insert(InboxMessage::command(child, EventType::ExecutionTerminated, message.data, now));
                    !s)
                    return s;
            }
        }
    }
    return notifyParent(
        record, false, {},
        FailureDetails {
            QStringLiteral("Terminated"), QStringLiteral("sub-orchestration terminated: %1").arg(reason), {}, true });
}

Result<int> Lifecycle::rerunFailures(const InstanceRecord &record, const History &history, const InboxMessage &message,
                                     QList<WorkItem> &launches)
{
    const auto &info = record.info;
    // Failures after the last scheduling action are the ones that ended the instance; earlier
    // ones were handled by the code (retries, compensation) and must replay as they happened.
    qsizetype lastScheduled = -1;
    QHash<int, HistoryEvent> scheduled;
    for (qsizetype i = 0; i < history.size(); ++i) {
        const auto &e = history.at(i);
        if (recordsAction(e.type)) {
            lastScheduled = i;
            scheduled.insert(e.eventId, e);
        }
    }
    int rerun = 0;
    for (qsizetype i = lastScheduled + 1; i < history.size(); ++i) {
        const HistoryEvent &e = history.at(i);
        const bool failedTask = e.type == EventType::TaskFailed;
        const bool failedChild = e.type == EventType::SubOrchestrationInstanceFailed;
        if (!failedTask && !failedChild && e.type != EventType::ExecutionCompleted)
            continue;
        HistoryEvent replaced = e;
        replaced.type = EventType::GenericEvent;
        replaced.data = QJsonObject { { QStringLiteral("rewound"), eventTypeName(e.type) } };
        for (auto it = e.data.begin(); it != e.data.end(); ++it)
            replaced.data.insert(it.key(), it.value());
        if (auto s = m_store.replaceHistoryEvent(info.instanceId, info.executionId, replaced); !s)
            return std::unexpected(s.error());
        if (!scheduled.contains(e.taskId) || (!failedTask && !failedChild))
            continue;
        const HistoryEvent &cause = scheduled[e.taskId];
        if (failedTask) {
            WorkItem item { 0,        info.instanceId, info.executionId,
                            e.taskId, cause.name,      cause.data.value(QStringLiteral("input")) };
            auto id = m_store.insertWork(item);
            if (!id)
                return std::unexpected(id.error());
            item.id = *id;
            launches.append(item);
            ++rerun;
            continue;
        }
        const QString child = cause.data.value(QStringLiteral("instanceId")).toString();
        auto c = m_store.instance(child, false);
        if (!c)
            return std::unexpected(c.error());
        if (*c && (*c)->info.status == RuntimeStatus::Failed) {
            if (auto s = insert(InboxMessage::command(child, EventType::ExecutionRewound, message.data, m_clock.now()));
                !s)
                return std::unexpected(s.error());
            ++rerun;
        }
    }
    return rerun;
}

Status Lifecycle::rewind(InstanceRecord &record, const InboxMessage &message, QList<WorkItem> &launches)
{
    auto &info = record.info;
    const QDateTime now = m_clock.now();
    auto history = m_store.history(info.instanceId, info.executionId);
    if (!history)
        return std::unexpected(history.error());
    auto rerun = rerunFailures(record, *history, message, launches);
    if (!rerun)
        return std::unexpected(rerun.error());
    if (auto s = appendMarkerEpisode(record, makeEvent(EventType::ExecutionRewound, -1, -1, {}, message.data), now); !s)
        return s;
    if (*rerun == 0) {
        // Nothing to re-run: the orchestrator itself failed. Nudge it so it replays and runs again.
        InboxMessage nudge = InboxMessage::command(info.instanceId, EventType::GenericEvent, {}, now);
        nudge.executionId = info.executionId;
        if (auto s = insert(nudge); !s)
            return s;
    }
    info.status = RuntimeStatus::Running;
    info.output = QJsonValue(QJsonValue::Undefined);
    info.failure.reset();
    info.completedAt = {};
    info.lastUpdatedAt = now;
    m_changes.evict(info.instanceId);
    m_changes.instance(info.instanceId, true);
    return m_store.updateInstance(record);
}

} // namespace durable
