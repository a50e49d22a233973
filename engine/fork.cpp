// What-if forks: planning the prefix (pure), the client command that checks the chosen code
// against it and writes the new instance, and the dispatcher's start of the activities that were
// in flight at the fork point.
#include "fork.h"

#include "commands.h"
#include "engine.h"
#include "historyvocabulary.h"
#include "hubclient.h"
#include "json.h"
#include "lifecycle.h"
#include "run.h"

#include <QJsonArray>

namespace durable {

namespace {

    const QLatin1String ForkResumeKey("forkResume");

    /// The event belongs to what an episode records of the code (or is a marker episode's event):
    /// from here to the episode's end nothing can be cut.
    bool closesDeliveredPart(EventType type)
    {
        return recordsAction(type) || endsExecution(type) || type == EventType::OrchestratorCompleted
            || type == EventType::ExecutionRewound || type == EventType::ExecutionTerminated;
    }

    bool isActivityResult(EventType type)
    {
        return type == EventType::TaskCompleted || type == EventType::TaskFailed;
    }

    QString describe(const HistoryEvent &e)
    {
        return e.name.isEmpty() ? eventTypeName(e.type) : QStringLiteral("%1 '%2'").arg(eventTypeName(e.type), e.name);
    }

    /// ExecutionStarted as the fork runs it: on the chosen version, with no parent (a fork is a
    /// top-level instance; its completion must not reach the original's parent).
    HistoryEvent asForkStart(HistoryEvent e, const QString &version)
    {
        e.data.insert(QStringLiteral("version"), version);
        e.data.remove(QStringLiteral("parentInstanceId"));
        e.data.remove(QStringLiteral("parentTaskId"));
        return e;
    }

    /// The inbox message that delivers `e` again to the fork.
    InboxMessage redelivery(const HistoryEvent &e, const InstanceInfo &fork, const QDateTime &now)
    {
        switch (e.type) {
        case EventType::ExecutionStarted: {
            InstanceInfo started = fork;
            started.input = e.data.value(QStringLiteral("input"));
            if (!e.data.contains(QStringLiteral("input")))
                started.input = QJsonValue(QJsonValue::Undefined);
            return InboxMessage::executionStarted(started, now);
        }
        case EventType::EventRaised:
            return InboxMessage::event(fork.instanceId, e.name, e.data.value(QStringLiteral("input")), now);
        default: {
            InboxMessage m
                = InboxMessage::completion(fork.instanceId, fork.executionId, e.type, e.taskId, e.name, e.data, now);
            return m;
        }
        }
    }

} // namespace

QFuture<Result<ForkResult>> HubClient::fork(const ForkRequest &request)
{
    Q_UNUSED(request);
    return QtFuture::makeReadyFuture(Result<ForkResult>(
        fail(ErrorCode::FailedPrecondition, QStringLiteral("this hub client cannot fork instances"))));
}

bool isForkResume(const InboxMessage &message)
{
    return message.type == EventType::GenericEvent && message.data.contains(ForkResumeKey);
}

Result<ForkPlan> planFork(const History &history, qint64 afterSequence, ForkRequest::Substitute substitute)
{
    const qint64 size = history.size();
    if (afterSequence < 0 || afterSequence >= size)
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("event %1 is out of range: the history has %2 events").arg(afterSequence).arg(size));
    for (qint64 i = 0; i < size; ++i) {
        if (history.at(i).sequence != i)
            return fail(ErrorCode::FailedPrecondition,
                        QStringLiteral("the history is not numbered from 0 without gaps (event %1 is at %2)")
                            .arg(history.at(i).sequence)
                            .arg(i));
    }
    // The episode of the fork point: from its OrchestratorStarted to its OrchestratorCompleted.
    qint64 start = afterSequence;
    while (start > 0 && history.at(start).type != EventType::OrchestratorStarted)
        --start;
    qint64 end = afterSequence;
    while (end < size - 1 && history.at(end).type != EventType::OrchestratorCompleted)
        ++end;
    qint64 recorded = start + 1;
    while (recorded <= end && !closesDeliveredPart(history.at(recorded).type))
        ++recorded;
    ForkPlan plan;
    if (history.at(start).type == EventType::OrchestratorStarted && afterSequence < recorded) {
        plan.cut = start;
        for (qint64 i = start + 1; i <= afterSequence; ++i) {
            const auto type = history.at(i).type;
            // A fork runs: suspension is not carried over.
            if (type != EventType::ExecutionSuspended && type != EventType::ExecutionResumed)
                plan.redelivered.append(history.at(i));
        }
    } else {
        plan.cut = end + 1;
    }
    for (qint64 i = 0; i < plan.cut; ++i) {
        if (endsExecution(history.at(i).type))
            return fail(ErrorCode::FailedPrecondition,
                        QStringLiteral("the execution ends at event %1 (%2); fork at an earlier event")
                            .arg(i)
                            .arg(eventTypeName(history.at(i).type)));
    }

    const History prefix = history.mid(0, plan.cut);
    const HistoryPairing pairing(prefix);
    // What the prefix leaves open, less what the redelivered events complete.
    QSet<int> answered;
    for (const auto &e : std::as_const(plan.redelivered)) {
        if (isCompletion(e.type))
            answered.insert(e.taskId);
    }
    if (substitute != ForkRequest::Substitute::None) {
        const bool activity = substitute != ForkRequest::Substitute::EventPayload;
        for (qint64 i = qMax(afterSequence, plan.cut - 1) + 1; i < size; ++i) {
            const auto &e = history.at(i);
            if (activity ? isActivityResult(e.type) : e.type == EventType::EventRaised) {
                plan.substituted = e;
                break;
            }
        }
        if (!plan.substituted)
            return fail(ErrorCode::FailedPrecondition,
                        activity ? QStringLiteral("no activity result follows event %1").arg(afterSequence)
                                 : QStringLiteral("no external event follows event %1").arg(afterSequence));
        if (activity) {
            const HistoryPairing whole(history);
            const qint64 scheduled = whole.scheduledOf(plan.substituted->sequence);
            if (scheduled < 0 || scheduled >= plan.cut)
                return fail(ErrorCode::FailedPrecondition,
                            QStringLiteral("the next activity result (event %1) answers an activity scheduled after "
                                           "the fork point; fork at a later event")
                                .arg(plan.substituted->sequence));
            answered.insert(plan.substituted->taskId);
        }
    }
    for (qint64 i = 0; i < plan.cut; ++i) {
        const auto &e = prefix.at(i);
        if (!awaitsCompletion(e.type) || pairing.completionOf(i) >= 0 || answered.contains(e.eventId))
            continue;
        switch (e.type) {
        case EventType::TaskScheduled:
            plan.pendingActivities.append(e);
            break;
        case EventType::TimerCreated:
            plan.pendingTimers.append(e);
            break;
        case EventType::SubOrchestrationInstanceCreated:
            return fail(ErrorCode::FailedPrecondition,
                        QStringLiteral("%1 (event %2) is still running at that point and belongs to the original; "
                                       "fork after it completed")
                            .arg(describe(e))
                            .arg(i));
        default:
            break;
        }
    }
    return plan;
}

Result<ForkResult> ClientCommands::fork(const ForkRequest &request)
{
    auto original = existing(request.instanceId, true);
    if (!original)
        return std::unexpected(original.error());
    const InstanceInfo &from = original->info;
    if (from.status == RuntimeStatus::Pending)
        return fail(ErrorCode::FailedPrecondition,
                    QStringLiteral("instance '%1' has not started yet: there is nothing to fork").arg(from.instanceId));
    const QString version = request.version.isEmpty() ? from.version : request.version;
    const auto orchestrator = m_registry.orchestrator(from.name, version);
    if (!orchestrator)
        return fail(ErrorCode::UnknownOrchestrator,
                    version.isEmpty()
                        ? QStringLiteral("no orchestrator named '%1' runs in this process").arg(from.name)
                        : QStringLiteral("no orchestrator named '%1' with version '%2'").arg(from.name, version));
    if (request.substitute != ForkRequest::Substitute::None) {
        if (request.value.isUndefined())
            return fail(ErrorCode::InvalidArgument, QStringLiteral("the substitute has no value"));
        if (request.substitute == ForkRequest::Substitute::ActivityFailure
            && (!request.value.isObject()
                || request.value.toObject().value(QStringLiteral("errorMessage")).toString().isEmpty()))
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("a substituted failure is an object with an \"errorMessage\""));
        if (auto s = checkPayload(request.value, QStringLiteral("the substitute")); !s)
            return std::unexpected(s.error());
    }
    if (!request.newInstanceId.isEmpty()) {
        if (auto s = Engine::validateInstanceId(request.newInstanceId, m_options.maxInstanceIdLength); !s)
            return std::unexpected(s.error());
    }
    auto history = m_store.history(from.instanceId, from.executionId);
    if (!history)
        return std::unexpected(history.error());
    auto plan = planFork(*history, request.afterSequence, request.substitute);
    if (!plan)
        return std::unexpected(plan.error());

    // The id first: the code may read it while it replays (context.instanceId).
    QString forkId = request.newInstanceId;
    for (int n = 1; forkId.isEmpty(); ++n) {
        const QString candidate = QStringLiteral("%1-fork-%2").arg(from.instanceId).arg(n);
        if (candidate.size() > m_options.maxInstanceIdLength) {
            forkId = newId();
            break;
        }
        auto taken = m_store.instance(candidate, false);
        if (!taken)
            return std::unexpected(taken.error());
        if (!*taken)
            forkId = candidate;
    }

    InstanceRecord record;
    InstanceInfo &info = record.info;
    info.instanceId = forkId;
    info.name = from.name;
    info.version = version;
    info.executionId = newId();
    info.status = RuntimeStatus::Running;
    info.input = from.input;
    info.output = QJsonValue(QJsonValue::Undefined);
    info.customStatus = QJsonValue(QJsonValue::Undefined);
    const QDateTime now = m_clock.now();
    info.createdAt = now;
    info.lastUpdatedAt = now;
    info.origin = QJsonObject { { QStringLiteral("kind"), QStringLiteral("fork") },
                                { QStringLiteral("from"), from.instanceId },
                                { QStringLiteral("execution"), from.executionId },
                                { QStringLiteral("event"), double(request.afterSequence) },
                                { QStringLiteral("cut"), double(plan->cut) },
                                { QStringLiteral("fromVersion"), from.version },
                                { QStringLiteral("version"), version } };
    if (plan->substituted)
        info.origin.insert(QStringLiteral("substituted"), double(plan->substituted->sequence));

    History prefix = history->mid(0, plan->cut);
    for (auto &e : prefix) {
        if (e.type == EventType::ExecutionStarted)
            e = asForkStart(e, version);
    }
    // The replay test of the chosen code against the prefix, as the dispatcher will replay it.
    ForkResult result;
    result.cut = plan->cut;
    result.verdict.instanceId = from.instanceId;
    OrchestrationRun run(info.instanceId, info.executionId, orchestrator->function);
    for (const auto &e : std::as_const(prefix)) {
        if (run.outcome() && recordsAction(e.type)) {
            result.verdict.kind = ReplayVerdict::Kind::Diverged;
            result.verdict.divergence = Divergence { e.eventId, ScheduledStep { e.type, e.name }, std::nullopt };
            result.verdict.sequence = e.sequence;
            return result;
        }
        run.apply(e, true);
        const auto &outcome = run.outcome();
        if (outcome && outcome->failure && outcome->failure->divergence) {
            result.verdict.kind = ReplayVerdict::Kind::Diverged;
            result.verdict.divergence = outcome->failure->divergence;
            result.verdict.sequence = e.sequence;
            return result;
        }
        if (outcome && outcome->status == RuntimeStatus::Failed) {
            result.verdict.kind = ReplayVerdict::Kind::Failed;
            result.verdict.failure = outcome->failure;
            result.verdict.sequence = e.sequence;
            return result;
        }
    }
    // At the cut every action the code took must be recorded: one it takes only now would be
    // lost (the dispatcher replays the prefix and continues with what comes next).
    if (const QList<Action> extra = run.takeNewActions(); !extra.isEmpty()) {
        result.verdict.kind = ReplayVerdict::Kind::Diverged;
        result.verdict.divergence = Divergence { extra.first().id, std::nullopt,
                                                 ScheduledStep { extra.first().eventType(), extra.first().name } };
        result.verdict.sequence = plan->cut - 1;
        return result;
    }
    if (run.outcome() && plan->redelivered.isEmpty()) {
        result.verdict.kind = ReplayVerdict::Kind::Failed;
        result.verdict.failure
            = FailureDetails { QStringLiteral("EarlyCompletion"),
                               QStringLiteral("the code ends within the prefix (at event %1), where the stored run "
                                              "went on")
                                   .arg(plan->cut - 1),
                               {},
                               true };
        result.verdict.sequence = plan->cut - 1;
        return result;
    }
    info.waiting = run.waitState();
    if (run.customStatusChanged())
        info.customStatus = run.customStatus();
    record.historyLength = plan->cut;

    auto written = transaction([&]() -> Result<QString> {
        auto taken = m_store.instance(info.instanceId, false);
        if (!taken)
            return std::unexpected(taken.error());
        if (*taken)
            return fail(ErrorCode::AlreadyExists,
                        QStringLiteral("instance '%1' already exists (%2)")
                            .arg(info.instanceId, statusName((*taken)->info.status)));
        if (auto s = m_store.putInstance(record); !s)
            return std::unexpected(s.error());
        if (!prefix.isEmpty()) {
            if (auto s = m_store.appendHistory(info.instanceId, info.executionId, prefix); !s)
                return std::unexpected(s.error());
        }
        // The prefix's log lines come along, so the fork's log reads as the original's did.
        auto logs = m_store.logs(from.instanceId, from.executionId, 0);
        if (!logs)
            return std::unexpected(logs.error());
        QList<LogLine> copied;
        for (LogLine line : std::as_const(*logs)) {
            if (line.historySequence >= plan->cut)
                continue;
            line.id = 0;
            line.instanceId = info.instanceId;
            line.executionId = info.executionId;
            copied.append(line);
        }
        if (auto s = m_store.insertLogs(copied); !s)
            return std::unexpected(s.error());
        QList<InboxMessage> messages;
        for (const auto &e : std::as_const(plan->redelivered))
            messages.append(redelivery(e.type == EventType::ExecutionStarted ? asForkStart(e, version) : e, info, now));
        if (plan->substituted) {
            const auto &s = *plan->substituted;
            switch (request.substitute) {
            case ForkRequest::Substitute::ActivityResult:
                messages.append(
                    InboxMessage::completion(info.instanceId, info.executionId, EventType::TaskCompleted, s.taskId,
                                             s.name, QJsonObject { { QStringLiteral("result"), request.value } }, now));
                break;
            case ForkRequest::Substitute::ActivityFailure:
                messages.append(InboxMessage::completion(
                    info.instanceId, info.executionId, EventType::TaskFailed, s.taskId, s.name,
                    QJsonObject {
                        { QStringLiteral("failure"), FailureDetails::fromJson(request.value.toObject()).toJson() } },
                    now));
                break;
            case ForkRequest::Substitute::EventPayload:
                messages.append(InboxMessage::event(info.instanceId, s.name, request.value, now));
                break;
            case ForkRequest::Substitute::None:
                break;
            }
        }
        for (const auto &timer : std::as_const(plan->pendingTimers))
            messages.append(InboxMessage::timer(
                info.instanceId, info.executionId, timer.eventId,
                QDateTime::fromString(timer.data.value(QStringLiteral("fireAt")).toString(), Qt::ISODateWithMs)));
        if (!plan->pendingActivities.isEmpty()) {
            // Work rows are written by whoever dispatches the fork, so that it starts them.
            QJsonArray work;
            for (const auto &e : std::as_const(plan->pendingActivities))
                work.append(QJsonObject { { QStringLiteral("taskId"), e.eventId },
                                          { QStringLiteral("name"), e.name },
                                          { QStringLiteral("input"), e.data.value(QStringLiteral("input")) } });
            InboxMessage resume = InboxMessage::command(info.instanceId, EventType::GenericEvent,
                                                        QJsonObject { { ForkResumeKey, work } }, now);
            resume.executionId = info.executionId;
            messages.append(resume);
        }
        for (const auto &m : std::as_const(messages)) {
            if (auto id = m_store.insertMessage(m); !id)
                return std::unexpected(id.error());
        }
        m_changes.evict(info.instanceId);
        m_changes.instance(info.instanceId, true, !copied.isEmpty());
        return info.instanceId;
    });
    if (!written)
        return std::unexpected(written.error());
    result.instanceId = *written;
    return result;
}

Status Lifecycle::resumeFork(const InstanceRecord &record, QList<InboxMessage> &messages, QList<WorkItem> &launches)
{
    const auto &info = record.info;
    for (const auto &m : std::as_const(messages)) {
        if (!isForkResume(m) || m.executionId != info.executionId)
            continue;
        const QJsonArray work = m.data.value(ForkResumeKey).toArray();
        for (const auto &w : work) {
            const QJsonObject o = w.toObject();
            WorkItem item { 0,
                            info.instanceId,
                            info.executionId,
                            o.value(QStringLiteral("taskId")).toInt(-1),
                            o.value(QStringLiteral("name")).toString(),
                            o.value(QStringLiteral("input")) };
            auto id = m_store.insertWork(item);
            if (!id)
                return std::unexpected(id.error());
            item.id = *id;
            launches.append(item);
        }
    }
    messages.removeIf([](const InboxMessage &m) { return isForkResume(m); });
    return {};
}

} // namespace durable
