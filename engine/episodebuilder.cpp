#include "episodebuilder.h"

#include "historyvocabulary.h"
#include "json.h"

#include <algorithm>

namespace durable::episodes {

namespace {

    void stamp(History &events, qint64 &sequence, const QDateTime &now)
    {
        for (auto &e : events) {
            e.sequence = sequence++;
            e.timestamp = now;
        }
    }

    /// Activity lines link to the event that delivered the activity's result. A fan-in can bring
    /// thousands of results into one episode: look their events up, do not scan for each.
    QList<LogLine> activityLogs(const InstanceRecord &record, const History &delivered,
                                const QList<ActivityResult> &results)
    {
        QHash<int, qint64> resultSequence;
        for (const auto &r : results) {
            if (!r.logs.isEmpty())
                resultSequence.insert(r.item.taskId, -1);
        }
        QList<LogLine> logs;
        if (resultSequence.isEmpty())
            return logs;
        for (const auto &e : delivered) {
            const auto found = resultSequence.find(e.taskId);
            if ((e.type == EventType::TaskCompleted || e.type == EventType::TaskFailed) && found != resultSequence.end()
                && *found < 0)
                *found = e.sequence;
        }
        for (const auto &r : results) {
            const qint64 sequence = resultSequence.value(r.item.taskId, -1);
            if (r.logs.isEmpty() || sequence < 0)
                continue;
            for (LogLine line : r.logs) {
                line.executionId = record.info.executionId;
                line.historySequence = sequence;
                logs.append(line);
            }
        }
        return logs;
    }

} // namespace

HistoryEvent makeEvent(EventType type, int eventId, int taskId, const QString &name, const QJsonObject &data)
{
    return HistoryEvent {
        .sequence = -1, .type = type, .eventId = eventId, .taskId = taskId, .name = name, .data = data, .timestamp = {}
    };
}

HistoryEvent scheduledEvent(const Action &a, const QByteArray &inputText)
{
    // Only the store reads it (a replay matches TaskScheduled by type, id and name): written as
    // text at once, which costs a fraction of building the object and then writing it.
    HistoryEvent e = makeEvent(a.eventType(), a.id, -1, a.name, {});
    e.encodedData = json::memberText(u"input", inputText);
    return e;
}

HistoryEvent actionEvent(const Action &a)
{
    if (a.kind == Action::Kind::ScheduleTask)
        return scheduledEvent(a, json::toText(a.input));
    QJsonObject data;
    if (!a.input.isUndefined())
        data.insert(QStringLiteral("input"), a.input);
    if (a.kind == Action::Kind::CreateTimer)
        data.insert(QStringLiteral("fireAt"), a.fireAt.toString(Qt::ISODateWithMs));
    if (!a.instanceId.isEmpty())
        data.insert(QStringLiteral("instanceId"), a.instanceId);
    return makeEvent(a.eventType(), a.id, -1, a.name, data);
}

HistoryEvent outcomeEvent(const Outcome &outcome)
{
    QJsonObject data { { QStringLiteral("status"), int(outcome.status) } };
    if (outcome.status == RuntimeStatus::ContinuedAsNew) {
        data.insert(QStringLiteral("input"), outcome.continueInput);
    } else if (outcome.failure) {
        data.insert(QStringLiteral("failure"), outcome.failure->toJson());
    } else if (!outcome.output.isUndefined()) {
        data.insert(QStringLiteral("result"), outcome.output);
    }
    return makeEvent(outcome.status == RuntimeStatus::ContinuedAsNew ? EventType::ContinueAsNew
                                                                     : EventType::ExecutionCompleted,
                     -1, -1, {}, data);
}

Delivery deliver(const InstanceRecord &record, const QList<InboxMessage> &messages, QList<ActivityResult> results,
                 const QDateTime &now)
{
    Delivery d;
    const auto &info = record.info;
    bool suspended = info.status == RuntimeStatus::Suspended;
    for (const auto &m : messages) {
        if (!m.executionId.isEmpty() && m.executionId != info.executionId)
            continue; // a timer or result of an execution that continued as new
        switch (m.type) {
        case EventType::ExecutionSuspended:
            if (!suspended)
                d.newEvents.append(makeEvent(EventType::ExecutionSuspended, -1, -1, {}, m.data));
            suspended = true;
            break;
        case EventType::ExecutionResumed:
            if (suspended)
                d.newEvents.append(makeEvent(EventType::ExecutionResumed, -1, -1, {}, m.data));
            suspended = false;
            break;
        case EventType::ExecutionRewound:
            break; // only meaningful for a failed instance
        default:
            if (suspended) {
                InboxMessage copy = m;
                copy.visibleAt = now;
                d.held.append(copy);
            } else {
                d.newEvents.append(makeEvent(m.type, -1, m.taskId, m.name, m.data));
            }
        }
    }
    for (auto &r : results) {
        if (r.item.executionId != info.executionId)
            continue;
        const EventType type = r.succeeded ? EventType::TaskCompleted : EventType::TaskFailed;
        const QJsonObject data = r.eventData();
        if (suspended) {
            d.held.append(InboxMessage::completion(r.item.instanceId, r.item.executionId, type, r.item.taskId,
                                                   r.item.name, data, now));
            d.heldLogs.append(r.logs);
            continue;
        }
        HistoryEvent event = makeEvent(type, -1, r.item.taskId, r.item.name, data);
        event.encodedData = r.eventDataText();
        d.newEvents.append(std::move(event));
        d.results.append(std::move(r));
    }
    if (suspended != (info.status == RuntimeStatus::Suspended))
        d.status = suspended ? RuntimeStatus::Suspended : RuntimeStatus::Running;
    // An execution's history starts with its ExecutionStarted. Events raised while the previous
    // execution's last step was out (at an external worker) are older in the inbox than the
    // ExecutionStarted its continue-as-new wrote, but belong after it.
    std::stable_partition(d.newEvents.begin(), d.newEvents.end(),
                          [](const HistoryEvent &e) { return e.type == EventType::ExecutionStarted; });
    return d;
}

History openEpisode(const InstanceRecord &record, const History &newEvents, const QDateTime &now)
{
    History events;
    events.reserve(newEvents.size() + 1);
    events.append(makeEvent(EventType::OrchestratorStarted));
    events.append(newEvents);
    qint64 sequence = record.historyLength;
    stamp(events, sequence, now);
    return events;
}

Episode closeEpisode(const InstanceRecord &record, History delivered, const QList<ActivityResult> &results,
                     OrchestratorStep step, const QDateTime &now)
{
    Episode episode;
    episode.record = record;
    auto &info = episode.record.info;
    qint64 sequence = record.historyLength + delivered.size();
    episode.logs = activityLogs(record, delivered, results);
    episode.logs.append(step.logs);
    const bool executionStarted = std::any_of(delivered.begin(), delivered.end(), [](const HistoryEvent &e) {
        return e.type == EventType::ExecutionStarted;
    });
    const bool started = info.status != RuntimeStatus::Pending || executionStarted;
    episode.events = std::move(delivered);

    History recorded;
    for (const auto &a : std::as_const(step.actions)) {
        if (a.kind != Action::Kind::ScheduleTask)
            recorded.append(actionEvent(a));
        switch (a.kind) {
        case Action::Kind::ScheduleTask: {
            // An activity's input is written once, into its scheduling event's text; the work row
            // stores the value's part of that text, pointed at in place: a fan-out of 100,000
            // would otherwise hold a second buffer per activity while its episode is written.
            const QByteArray valueText = json::toText(a.input);
            recorded.append(scheduledEvent(a, valueText));
            const QByteArray &eventText = recorded.constLast().encodedData;
            QByteArray inputText;
            if (!valueText.isEmpty()) {
                const qsizetype at = eventText.size() - valueText.size() - 1; // before the closing brace
                inputText = QByteArray::fromRawData(eventText.constData() + at, valueText.size());
            }
            episode.effects.append({ a.kind, episode.work.size() });
            episode.work.append(WorkItem { 0, info.instanceId, info.executionId, a.id, a.name, a.input });
            episode.workInputText.append(inputText);
            break;
        }
        case Action::Kind::CreateTimer:
            episode.effects.append({ a.kind, episode.timers.size() });
            episode.timers.append(InboxMessage::timer(info.instanceId, info.executionId, a.id, a.fireAt));
            break;
        case Action::Kind::CreateSubOrchestration:
            episode.effects.append({ a.kind, episode.subOrchestrations.size() });
            episode.subOrchestrations.append(a);
            break;
        case Action::Kind::SendEvent:
            episode.effects.append({ a.kind, episode.sentEvents.size() });
            episode.sentEvents.append(a);
            break;
        }
    }
    if (step.outcome)
        recorded.append(outcomeEvent(*step.outcome));
    // The episode's custom status travels with the event that closes it, so a history viewer can
    // show it at any point of the history, not only the latest value.
    recorded.append(makeEvent(EventType::OrchestratorCompleted, -1, -1, {},
                              step.customStatus ? QJsonObject { { QStringLiteral("customStatus"), *step.customStatus } }
                                                : QJsonObject {}));
    stamp(recorded, sequence, now);
    episode.events.append(recorded);

    episode.record.historyLength = sequence;
    // A new instance, or the next execution of a continue-as-new, runs from its first episode on.
    if ((started && info.status == RuntimeStatus::Pending)
        || (executionStarted && info.status == RuntimeStatus::ContinuedAsNew))
        info.status = RuntimeStatus::Running;
    info.lastUpdatedAt = now;
    if (step.customStatus)
        info.customStatus = *step.customStatus;
    // Activities left open by the history: a run that failed replaying may not know them.
    episode.hadActivities = record.info.waiting.activities - results.size() + episode.work.size() > 0;
    info.waiting = step.waiting;
    episode.outcome = std::move(step.outcome);
    return episode;
}

WaitState waitingOf(const History &history)
{
    WaitState waiting;
    const HistoryPairing pairing(history);
    for (qsizetype i = 0; i < history.size(); ++i) {
        const HistoryEvent &e = history.at(i);
        if (endsExecution(e.type))
            return {};
        if (!awaitsCompletion(e.type) || pairing.completionOf(i) >= 0)
            continue;
        switch (e.type) {
        case EventType::TaskScheduled:
            ++waiting.activities;
            break;
        case EventType::SubOrchestrationInstanceCreated:
            ++waiting.subOrchestrations;
            break;
        case EventType::TimerCreated:
            waiting.timers.append(
                { e.eventId,
                  QDateTime::fromString(e.data.value(QStringLiteral("fireAt")).toString(), Qt::ISODateWithMs) });
            break;
        default:
            break;
        }
    }
    return waiting;
}

History markerEpisode(qint64 historyLength, HistoryEvent event, const QDateTime &now)
{
    History events { makeEvent(EventType::OrchestratorStarted), std::move(event),
                     makeEvent(EventType::OrchestratorCompleted) };
    stamp(events, historyLength, now);
    return events;
}

} // namespace durable::episodes
