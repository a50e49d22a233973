#include "dispatcher.h"

#include "json.h"

#include <QCoreApplication>
#include <QHostInfo>
#include <QUuid>

#include <cxxabi.h>
#include <unistd.h>

#include <typeinfo>

namespace durable {

namespace {

    constexpr int BatchLimit = 5000;
    const QString Orchestrator = QStringLiteral("orchestrator");

    QString newId()
    {
        return QUuid::createUuid().toString(QUuid::Id128);
    }

    HistoryEvent makeEvent(EventType type, int eventId = -1, int taskId = -1, const QString &name = {},
                           const QJsonObject &data = {})
    {
        return HistoryEvent { -1, type, eventId, taskId, name, data, {} };
    }

    QString exceptionTypeName(const std::exception &e)
    {
        int status = 0;
        char *name = abi::__cxa_demangle(typeid(e).name(), nullptr, nullptr, &status);
        QString result = QString::fromUtf8(status == 0 && name ? name : typeid(e).name());
        std::free(name);
        return result;
    }

} // namespace

Dispatcher::Dispatcher(const EngineOptions &options, Registry &registry, Clock &clock, std::unique_ptr<Store> store)
    : m_options(options)
    , m_registry(registry)
    , m_clock(clock)
    , m_store(std::move(store))
    , m_cache(qMax(1, options.cacheSize))
    , m_ownerId(newId())
{
    m_pool.setMaxThreadCount(qMax(1, options.activityThreads));
    m_pool.setExpiryTimeout(-1);
    m_dueTimer.setSingleShot(true);
    m_retryTimer.setSingleShot(true);
    m_notifyTimer.setSingleShot(true);
    m_notifyTimer.setInterval(100);
    connect(&m_dueTimer, &QTimer::timeout, this, &Dispatcher::scheduleDispatch);
    connect(&m_retryTimer, &QTimer::timeout, this, &Dispatcher::scheduleDispatch);
    connect(&m_heartbeatTimer, &QTimer::timeout, this, &Dispatcher::heartbeat);
    connect(&m_pollTimer, &QTimer::timeout, this, &Dispatcher::pollExternal);
    connect(&m_notifyTimer, &QTimer::timeout, this, &Dispatcher::flushChanges);
    connect(&m_clock, &Clock::jumped, this, &Dispatcher::scheduleDispatch);
}

Dispatcher::~Dispatcher()
{
    // Drainers touch the queue and the inbox: they must be gone before those members are.
    stopActivities();
}

void Dispatcher::stopActivities()
{
    {
        // Activities not started yet stay in the work table and run at the next start.
        QMutexLocker lock(&m_jobsMutex);
        m_jobs.clear();
    }
    m_pool.waitForDone();
}

void Dispatcher::startUp()
{
    if (!m_options.runWorkers)
        return;
    Store::Owner me { m_ownerId, QHostInfo::localHostName(), qint64(::getpid()), QDateTime::currentMSecsSinceEpoch() };
    auto claimed = m_store->claimOwnership(me, m_options.ownerLeaseMs);
    if (!claimed) {
        Q_EMIT backgroundError(claimed.error());
        return;
    }
    m_owner = *claimed;
    m_heartbeatTimer.start(qMax(500, m_options.ownerLeaseMs / 3));
    if (!m_owner)
        return; // another process runs the workers; keep trying to take over when its lease lapses
    // Work rows that exist now were in flight when the previous owner stopped: run them again.
    if (auto work = m_store->allWork()) {
        for (const auto &item : *work)
            launch(item);
    } else {
        Q_EMIT backgroundError(work.error());
    }
    m_pollTimer.start(qMax(20, m_options.pollIntervalMs));
    scheduleDispatch();
}

void Dispatcher::shutDown()
{
    m_stopping = true;
    m_dueTimer.stop();
    m_retryTimer.stop();
    m_heartbeatTimer.stop();
    m_pollTimer.stop();
    stopActivities();
    // Results of activities that finished meanwhile are in the inbox: checkpoint them now.
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
    collectResults();
    if (m_owner && (!m_results.isEmpty() || !m_commands.isEmpty())) {
        m_stopping = false;
        dispatch();
        m_stopping = true;
        // That batch started its activities before committing; whatever they finish now is not
        // committed, and their work rows run again at the next start.
        stopActivities();
    }
    for (auto &c : std::exchange(m_commands, {})) {
        c.run();
        c.finish(std::nullopt);
    }
    if (m_owner) {
        if (m_store->begin()) {
            if (m_store->releaseOwnership(m_ownerId))
                (void)m_store->commit();
            else
                m_store->rollback();
        }
        m_owner = false;
    }
    flushChanges();
    m_cache.clear();
    m_store.reset();
}

void Dispatcher::scheduleDispatch()
{
    if (m_dispatchQueued || m_stopping || !m_owner)
        return;
    m_dispatchQueued = true;
    QMetaObject::invokeMethod(this, &Dispatcher::dispatch, Qt::QueuedConnection);
}

void Dispatcher::submit(Command command)
{
    if (!m_owner || m_stopping) {
        const bool ok = command.run();
        Q_UNUSED(ok);
        command.finish(std::nullopt); // committed (or refused) by its own transaction
        return;
    }
    m_commands.append(std::move(command));
    scheduleDispatch();
}

void Dispatcher::dispatch()
{
    m_dispatchQueued = false;
    if (m_stopping || !m_owner)
        return;
    collectResults();
    Checkpoint checkpoint;
    QSet<QString> touched;
    const auto results = m_results;
    const auto commands = std::exchange(m_commands, {});
    auto processed = runBatch(checkpoint, touched, commands);
    if (!processed) {
        m_store->rollback();
        m_inBatch = false;
        for (const auto &id : touched)
            m_cache.remove(id);
        // The results were taken for this batch: give them back so the retry applies them.
        m_results = results + m_results;
        for (const quint64 launch : std::as_const(checkpoint.launches))
            m_voidLaunches.insert(launch);
        for (const auto &c : commands)
            c.finish(processed.error());
        Q_EMIT backgroundError(processed.error());
        m_retryTimer.start(1000);
        return;
    }
    for (const auto &c : commands)
        c.finish(std::nullopt);
    for (auto &[id, cached] : checkpoint.runs) {
        if (m_options.cacheSize > 0 && cached.run && !cached.run->outcome() && !isTerminal(cached.record.info.status))
            m_cache.insert(id, new CachedRun(std::move(cached)));
    }
    if (*processed)
        scheduleDispatch(); // more may be runnable (see runBatch())
    armTimer();
}

Result<bool> Dispatcher::runBatch(Checkpoint &checkpoint, QSet<QString> &touched, const QList<Command> &commands)
{
    QList<ActivityResult> results = std::exchange(m_results, {});
    const qint64 messagesBefore = m_store->messagesInserted();
    if (auto s = m_store->begin(); !s)
        return std::unexpected(s.error());
    m_inBatch = true;
    for (const auto &c : commands)
        c.run();
    m_inBatch = false;
    // After the commands: an instance started just now runs its first episode in this commit.
    const QDateTime now = m_clock.now();
    m_batchTime = now;
    auto messages = m_store->dueMessages(now, BatchLimit);
    if (!messages)
        return std::unexpected(messages.error());
    if (messages->isEmpty() && results.isEmpty() && commands.isEmpty()) {
        m_store->rollback();
        return false;
    }

    QStringList order;
    QHash<QString, Pending> pending;
    for (auto &m : *messages) {
        if (!pending.contains(m.instanceId))
            order.append(m.instanceId);
        pending[m.instanceId].messages.append(std::move(m));
    }
    for (auto &r : results) {
        if (!pending.contains(r.instanceId))
            order.append(r.instanceId);
        pending[r.instanceId].results.append(std::move(r));
    }
    for (const auto &id : order) {
        touched.insert(id);
        if (auto s = processInstance(id, pending[id], checkpoint); !s)
            return std::unexpected(s.error());
    }
    // The batch's activities start now and run while the commit syncs: a chain's next activity is
    // usually done by the time the commit returns. A result still commits only in a later batch,
    // after the scheduling it answers. A failed commit voids these launches (dispatch()); a crash
    // before the commit loses the scheduling and replay schedules the activity again, the same
    // at-least-once run as a crash between an activity's end and the commit of its result.
    for (const auto &item : std::as_const(checkpoint.newWork))
        checkpoint.launches.append(launch(item));
    if (auto s = m_store->commit(); !s)
        return std::unexpected(s.error());
    // Another batch right away unless this one only applied activity results and wrote no
    // message: then nothing it did can be runnable now (a child's start, a sent event, held
    // messages of a resumed instance, messages beyond the batch limit all involve messages), and
    // a chain's next step starts when its activity's result arrives, without an empty batch (a
    // write lock taken and released) in between.
    return !messages->isEmpty() || !commands.isEmpty() || m_store->messagesInserted() != messagesBefore;
}

Status Dispatcher::processInstance(const QString &instanceId, Pending &pending, Checkpoint &checkpoint)
{
    Result<std::optional<InstanceRecord>> found;
    if (const CachedRun *cached = m_cache.object(instanceId))
        found = std::optional<InstanceRecord>(cached->record);
    else
        found = m_store->instance(instanceId);
    if (!found)
        return std::unexpected(found.error());
    for (const auto &r : pending.results) {
        if (auto s = m_store->deleteWork(WorkItem { r.workId, r.instanceId, r.executionId, r.taskId, {}, {} }); !s)
            return s;
    }
    for (const auto &m : pending.messages) {
        if (auto s = m_store->deleteMessage(m.id); !s)
            return s;
    }
    if (!*found) {
        // Messages for unknown (purged) instances never resurrect them.
        return {};
    }
    InstanceRecord &record = **found;
    const bool terminal = isTerminal(record.info.status);
    for (const auto &m : pending.messages) {
        if (m.type == EventType::ExecutionTerminated && !terminal)
            return terminateInstance(record, m);
    }
    if (terminal) {
        for (const auto &m : pending.messages) {
            if (m.type == EventType::ExecutionRewound && record.info.status == RuntimeStatus::Failed)
                return rewindInstance(record, m, checkpoint);
        }
        return {}; // late results and events for a finished instance are dropped
    }

    History newEvents;
    QList<ActivityResult> results;
    bool suspended = record.info.status == RuntimeStatus::Suspended;
    const QDateTime now = m_clock.now();
    auto hold = [&](const InboxMessage &m) -> Status {
        // Keep it for after resume: re-insert (it was deleted above) with its original order lost
        // only relative to other held messages of this batch, which keep their relative order.
        InboxMessage copy = m;
        copy.visibleAt = now;
        auto id = m_store->insertMessage(copy);
        return id ? Status {} : std::unexpected(id.error());
    };
    for (const auto &m : pending.messages) {
        if (!m.executionId.isEmpty() && m.executionId != record.info.executionId)
            continue; // a timer or result of an execution that continued-as-new
        switch (m.type) {
        case EventType::ExecutionSuspended:
            if (!suspended)
                newEvents.append(makeEvent(EventType::ExecutionSuspended, -1, -1, {}, m.data));
            suspended = true;
            break;
        case EventType::ExecutionResumed:
            if (suspended)
                newEvents.append(makeEvent(EventType::ExecutionResumed, -1, -1, {}, m.data));
            suspended = false;
            break;
        case EventType::ExecutionRewound:
            break; // only meaningful for a failed instance
        default:
            if (suspended) {
                if (auto s = hold(m); !s)
                    return s;
            } else {
                newEvents.append(makeEvent(m.type, -1, m.taskId, m.name, m.data));
            }
        }
    }
    for (auto &r : pending.results) {
        if (r.executionId != record.info.executionId)
            continue;
        if (suspended) {
            InboxMessage m { 0,
                             r.instanceId,
                             r.executionId,
                             r.succeeded ? EventType::TaskCompleted : EventType::TaskFailed,
                             r.taskId,
                             r.name,
                             r.succeeded ? QJsonObject { { QStringLiteral("result"), r.result } }
                                         : QJsonObject { { QStringLiteral("failure"), r.failure.toJson() } },
                             now };
            auto id = m_store->insertMessage(m);
            if (!id)
                return std::unexpected(id.error());
            if (auto s = m_store->insertLogs(r.logs); !s)
                return s;
            continue;
        }
        newEvents.append(makeEvent(r.succeeded ? EventType::TaskCompleted : EventType::TaskFailed, -1, r.taskId, r.name,
                                   r.succeeded ? QJsonObject { { QStringLiteral("result"), r.result } }
                                               : QJsonObject { { QStringLiteral("failure"), r.failure.toJson() } }));
        results.append(std::move(r));
    }
    if (newEvents.isEmpty())
        return {};
    if (suspended != (record.info.status == RuntimeStatus::Suspended)) {
        record.info.status = suspended ? RuntimeStatus::Suspended : RuntimeStatus::Running;
    }
    return runEpisode(record, std::move(newEvents), std::move(results), checkpoint);
}

Status Dispatcher::runEpisode(InstanceRecord &record, History newEvents, QList<ActivityResult> results,
                              Checkpoint &checkpoint)
{
    auto &info = record.info;
    const QDateTime now = m_clock.now();
    std::unique_ptr<OrchestrationRun> run;
    if (std::unique_ptr<CachedRun> cached { m_cache.take(info.instanceId) })
        run = std::move(cached->run);
    if (run && (run->executionId() != info.executionId || run->appliedCount() != record.historyLength))
        run.reset();
    QList<LogLine> logs;
    if (!run) {
        const auto orchestrator = m_registry.orchestrator(info.name, info.version);
        OrchestratorFunction function;
        if (orchestrator) {
            function = orchestrator->function;
        } else {
            const QString name = info.name;
            const QString version = info.version;
            function = [name, version](OrchestrationContext &) -> Task<QJsonValue> {
                throw ActivityError(
                    QStringLiteral("OrchestratorNotFound"),
                    QStringLiteral("no orchestrator named '%1'%2 is registered")
                        .arg(name, version.isEmpty() ? QString() : QStringLiteral(" version ") + version));
                co_return QJsonValue();
            };
        }
        run = std::make_unique<OrchestrationRun>(info.instanceId, info.executionId, std::move(function));
        auto history = m_store->history(info.instanceId, info.executionId);
        if (!history)
            return std::unexpected(history.error());
        for (const auto &e : *history)
            run->apply(e, true);
        (void)run->takeNewActions(); // all matched by history, or a divergence already recorded
    }

    History events;
    qint64 sequence = record.historyLength;
    events.append(makeEvent(EventType::OrchestratorStarted));
    events.append(newEvents);
    for (auto &e : events) {
        e.sequence = sequence++;
        e.timestamp = now;
    }
    bool started = info.status != RuntimeStatus::Pending;
    for (const auto &e : std::as_const(events)) {
        run->apply(e, false);
        if (e.type == EventType::ExecutionStarted)
            started = true;
    }
    // Activity lines link to the event that delivered the activity's result. A fan-in can bring
    // thousands of results into one episode: look their events up, do not scan for each.
    QHash<int, qint64> resultSequence;
    for (const auto &r : results) {
        ++m_changes.activitiesCompleted;
        if (!r.logs.isEmpty())
            resultSequence.insert(r.taskId, -1);
    }
    if (!resultSequence.isEmpty()) {
        for (const auto &e : std::as_const(events)) {
            const auto found = resultSequence.find(e.taskId);
            if ((e.type == EventType::TaskCompleted || e.type == EventType::TaskFailed) && found != resultSequence.end()
                && *found < 0)
                *found = e.sequence;
        }
        for (const auto &r : results) {
            const qint64 sequence = resultSequence.value(r.taskId, -1);
            if (r.logs.isEmpty() || sequence < 0)
                continue;
            for (LogLine line : r.logs) {
                line.executionId = info.executionId;
                line.historySequence = sequence;
                logs.append(line);
            }
        }
    }
    const QList<Action> actions = run->takeNewActions();
    History actionEvents;
    for (const auto &a : actions) {
        QJsonObject data;
        if (!a.input.isUndefined())
            data.insert(QStringLiteral("input"), a.input);
        if (a.kind == Action::Kind::CreateTimer)
            data.insert(QStringLiteral("fireAt"), a.fireAt.toString(Qt::ISODateWithMs));
        if (!a.instanceId.isEmpty())
            data.insert(QStringLiteral("instanceId"), a.instanceId);
        HistoryEvent e = makeEvent(a.eventType(), a.id, -1, a.name, data);
        e.sequence = sequence++;
        e.timestamp = now;
        actionEvents.append(e);
    }
    events.append(actionEvents);
    const auto &outcome = run->outcome();
    if (outcome) {
        QJsonObject data { { QStringLiteral("status"), int(outcome->status) } };
        if (outcome->status == RuntimeStatus::ContinuedAsNew) {
            data.insert(QStringLiteral("input"), outcome->continueInput);
        } else if (outcome->failure) {
            data.insert(QStringLiteral("failure"), outcome->failure->toJson());
        } else if (!outcome->output.isUndefined()) {
            data.insert(QStringLiteral("result"), outcome->output);
        }
        HistoryEvent e = makeEvent(outcome->status == RuntimeStatus::ContinuedAsNew ? EventType::ContinueAsNew
                                                                                    : EventType::ExecutionCompleted,
                                   -1, -1, {}, data);
        e.sequence = sequence++;
        e.timestamp = now;
        events.append(e);
    }
    // The episode's custom status travels with the event that closes it, so a history viewer can
    // show it at any point of the history, not only the latest value.
    HistoryEvent closing
        = makeEvent(EventType::OrchestratorCompleted, -1, -1, {},
                    run->customStatusChanged() ? QJsonObject { { QStringLiteral("customStatus"), run->customStatus() } }
                                               : QJsonObject {});
    closing.sequence = sequence++;
    closing.timestamp = now;
    events.append(closing);

    logs.append(run->takeLogLines());
    if (auto s = m_store->appendHistory(info.instanceId, info.executionId, events); !s)
        return s;
    if (auto s = m_store->insertLogs(logs); !s)
        return s;
    record.historyLength = sequence;
    run->setCommittedLength(sequence);
    if (auto s = applyActions(record, actions, actionEvents, checkpoint); !s)
        return s;

    if (started && info.status == RuntimeStatus::Pending)
        info.status = RuntimeStatus::Running;
    info.lastUpdatedAt = now;
    if (run->customStatusChanged()) {
        info.customStatus = run->customStatus();
        run->clearCustomStatusChanged();
    }
    // Activities left open by the history: a run that failed replaying may not know them.
    const qsizetype scheduledNow = std::count_if(actions.begin(), actions.end(),
                                                 [](const Action &a) { return a.kind == Action::Kind::ScheduleTask; });
    const bool hadActivities = info.waiting.activities - results.size() + scheduledNow > 0;
    info.waiting = run->waitState();
    noteChange(info.instanceId, true, !logs.isEmpty());
    if (outcome) {
        if (auto s = finishExecution(record, *outcome, hadActivities); !s)
            return s;
    } else if (auto s = m_store->updateInstance(record); !s) {
        return s;
    }
    checkpoint.runs.emplace_back(info.instanceId, CachedRun { std::move(run), record });
    return {};
}

Status Dispatcher::applyActions(const InstanceRecord &record, const QList<Action> &actions, const History &,
                                Checkpoint &checkpoint)
{
    const auto &info = record.info;
    for (const auto &a : actions) {
        switch (a.kind) {
        case Action::Kind::ScheduleTask: {
            WorkItem item { 0, info.instanceId, info.executionId, a.id, a.name, a.input };
            auto id = m_store->insertWork(item);
            if (!id)
                return std::unexpected(id.error());
            item.id = *id;
            checkpoint.newWork.append(item);
            break;
        }
        case Action::Kind::CreateTimer: {
            InboxMessage m { 0,
                             info.instanceId,
                             info.executionId,
                             EventType::TimerFired,
                             a.id,
                             {},
                             QJsonObject { { QStringLiteral("fireAt"), a.fireAt.toString(Qt::ISODateWithMs) } },
                             a.fireAt };
            if (auto id = m_store->insertMessage(m); !id)
                return std::unexpected(id.error());
            break;
        }
        case Action::Kind::CreateSubOrchestration: {
            auto existing = m_store->instance(a.instanceId, false);
            if (!existing)
                return std::unexpected(existing.error());
            if (*existing && !isTerminal((*existing)->info.status)) {
                InboxMessage m {
                    0,
                    info.instanceId,
                    info.executionId,
                    EventType::SubOrchestrationInstanceFailed,
                    a.id,
                    {},
                    QJsonObject { { QStringLiteral("failure"),
                                    FailureDetails {
                                        QStringLiteral("InstanceExists"),
                                        QStringLiteral("an instance with id '%1' is already running").arg(a.instanceId),
                                        {},
                                        true }
                                        .toJson() } },
                    m_clock.now()
                };
                if (auto id = m_store->insertMessage(m); !id)
                    return std::unexpected(id.error());
                break;
            }
            const auto child = m_registry.orchestrator(a.name);
            if (auto s = createInstance(a.instanceId, a.name, child ? child->version : QString(), a.input,
                                        m_clock.now(), info.instanceId, a.id, existing->has_value());
                !s)
                return s;
            break;
        }
        case Action::Kind::SendEvent: {
            auto target = m_store->instance(a.instanceId, false);
            if (!target)
                return std::unexpected(target.error());
            if (*target && !isTerminal((*target)->info.status)) {
                InboxMessage m { 0,
                                 a.instanceId,
                                 {},
                                 EventType::EventRaised,
                                 -1,
                                 a.name,
                                 QJsonObject { { QStringLiteral("input"), a.input } },
                                 m_clock.now() };
                if (auto id = m_store->insertMessage(m); !id)
                    return std::unexpected(id.error());
            }
            break;
        }
        }
    }
    return {};
}

Status Dispatcher::finishExecution(InstanceRecord &record, const Outcome &outcome, bool hadActivities)
{
    auto &info = record.info;
    const QDateTime now = m_clock.now();
    // Activities this execution leaves running: their work rows must go, and only then is the
    // (unindexed) work table read.
    const bool activitiesInFlight = hadActivities || info.waiting.activities > 0;
    if (outcome.status == RuntimeStatus::ContinuedAsNew) {
        // A fresh history for the next execution; held results and timers of the old one are void.
        if (auto s = m_store->deleteHistory(info.instanceId); !s)
            return s;
        if (activitiesInFlight) {
            if (auto s = m_store->deleteWorkOf(info.instanceId); !s)
                return s;
        }
        info.executionId = newId();
        info.input = outcome.continueInput;
        info.status = RuntimeStatus::ContinuedAsNew;
        info.waiting = {};
        record.historyLength = 0;
        InboxMessage start { 0,
                             info.instanceId,
                             info.executionId,
                             EventType::ExecutionStarted,
                             -1,
                             info.name,
                             QJsonObject { { QStringLiteral("input"), outcome.continueInput },
                                           { QStringLiteral("version"), info.version } },
                             now };
        if (!info.parentInstanceId.isEmpty()) {
            start.data.insert(QStringLiteral("parentInstanceId"), info.parentInstanceId);
            start.data.insert(QStringLiteral("parentTaskId"), info.parentTaskId);
        }
        if (auto id = m_store->insertMessage(start); !id)
            return std::unexpected(id.error());
        for (const auto &e : outcome.carriedEvents) {
            InboxMessage m { 0, info.instanceId, {}, EventType::EventRaised, -1, e.name, e.data, now };
            if (auto id = m_store->insertMessage(m); !id)
                return std::unexpected(id.error());
        }
        m_cache.remove(info.instanceId);
        return m_store->updateInstance(record);
    }
    info.status = outcome.status;
    info.output = outcome.output;
    info.failure = outcome.failure;
    info.completedAt = now;
    info.waiting = {};
    ++m_changes.instancesCompleted;
    // Nothing of a finished instance may run any more (an activity in flight still ends; its
    // result is dropped).
    if (activitiesInFlight) {
        if (auto s = m_store->deleteWorkOf(info.instanceId); !s)
            return s;
    }
    if (auto s = m_store->deleteMessagesOf(info.instanceId); !s)
        return s;
    if (auto s = m_store->updateInstance(record); !s)
        return s;
    return notifyParent(record, outcome.status == RuntimeStatus::Completed, outcome.output,
                        outcome.failure.value_or(FailureDetails {}));
}

Status Dispatcher::notifyParent(const InstanceRecord &record, bool succeeded, const QJsonValue &result,
                                const FailureDetails &failure)
{
    const auto &info = record.info;
    if (info.parentInstanceId.isEmpty())
        return {};
    InboxMessage m { 0,
                     info.parentInstanceId,
                     {},
                     succeeded ? EventType::SubOrchestrationInstanceCompleted
                               : EventType::SubOrchestrationInstanceFailed,
                     info.parentTaskId,
                     info.name,
                     succeeded ? QJsonObject { { QStringLiteral("result"), result } }
                               : QJsonObject { { QStringLiteral("failure"), failure.toJson() } },
                     m_clock.now() };
    if (auto id = m_store->insertMessage(m); !id)
        return std::unexpected(id.error());
    return {};
}

Status Dispatcher::appendEpisode(InstanceRecord &record, HistoryEvent event, const QDateTime &now)
{
    // An episode without orchestrator code: the event between the usual episode markers.
    History events { makeEvent(EventType::OrchestratorStarted), std::move(event),
                     makeEvent(EventType::OrchestratorCompleted) };
    qint64 sequence = record.historyLength;
    for (auto &e : events) {
        e.sequence = sequence++;
        e.timestamp = now;
    }
    if (auto s = m_store->appendHistory(record.info.instanceId, record.info.executionId, events); !s)
        return s;
    record.historyLength = sequence;
    return {};
}

Status Dispatcher::terminateInstance(InstanceRecord &record, const InboxMessage &message)
{
    auto &info = record.info;
    const QDateTime now = m_clock.now();
    const int activitiesInFlight = info.waiting.activities; // as of its last episode
    const QString reason = message.data.value(QStringLiteral("reason")).toString();
    if (auto s = appendEpisode(record, makeEvent(EventType::ExecutionTerminated, -1, -1, {}, message.data), now); !s)
        return s;
    info.status = RuntimeStatus::Terminated;
    info.output = reason;
    info.completedAt = now;
    info.lastUpdatedAt = now;
    info.waiting = {};
    ++m_changes.instancesCompleted;
    m_cache.remove(info.instanceId);
    if (activitiesInFlight > 0) {
        if (auto s = m_store->deleteWorkOf(info.instanceId); !s)
            return s;
    }
    if (auto s = m_store->deleteMessagesOf(info.instanceId); !s)
        return s;
    if (auto s = m_store->updateInstance(record); !s)
        return s;
    noteChange(info.instanceId, true);
    if (message.data.value(QStringLiteral("recurse")).toBool()) {
        auto children = m_store->children(info.instanceId);
        if (!children)
            return std::unexpected(children.error());
        for (const auto &child : *children) {
            auto c = m_store->instance(child, false);
            if (!c)
                return std::unexpected(c.error());
            if (*c && !isTerminal((*c)->info.status)) {
                InboxMessage m { 0, child, {}, EventType::ExecutionTerminated, -1, {}, message.data, now };
                if (auto id = m_store->insertMessage(m); !id)
                    return std::unexpected(id.error());
            }
        }
    }
    return notifyParent(
        record, false, {},
        FailureDetails {
            QStringLiteral("Terminated"), QStringLiteral("sub-orchestration terminated: %1").arg(reason), {}, true });
}

Status Dispatcher::rewindInstance(InstanceRecord &record, const InboxMessage &message, Checkpoint &checkpoint)
{
    auto &info = record.info;
    const QDateTime now = m_clock.now();
    auto history = m_store->history(info.instanceId, info.executionId);
    if (!history)
        return std::unexpected(history.error());
    // Failures after the last scheduling action are the ones that ended the instance; earlier
    // ones were handled by the code (retries, compensation) and must replay as they happened.
    qsizetype lastScheduled = -1;
    QHash<int, HistoryEvent> scheduled;
    for (qsizetype i = 0; i < history->size(); ++i) {
        const auto &e = history->at(i);
        if (e.type == EventType::TaskScheduled || e.type == EventType::TimerCreated
            || e.type == EventType::SubOrchestrationInstanceCreated || e.type == EventType::EventSent) {
            lastScheduled = i;
            scheduled.insert(e.eventId, e);
        }
    }
    int rerun = 0;
    for (qsizetype i = lastScheduled + 1; i < history->size(); ++i) {
        HistoryEvent e = history->at(i);
        const bool failedTask = e.type == EventType::TaskFailed;
        const bool failedChild = e.type == EventType::SubOrchestrationInstanceFailed;
        const bool completed = e.type == EventType::ExecutionCompleted;
        if (!failedTask && !failedChild && !completed)
            continue;
        QJsonObject data { { QStringLiteral("rewound"), eventTypeName(e.type) } };
        for (auto it = e.data.begin(); it != e.data.end(); ++it)
            data.insert(it.key(), it.value());
        HistoryEvent replaced = e;
        replaced.type = EventType::GenericEvent;
        replaced.data = data;
        if (auto s = m_store->replaceHistoryEvent(info.instanceId, info.executionId, replaced); !s)
            return s;
        if (failedTask && scheduled.contains(e.taskId)) {
            const auto &task = scheduled.value(e.taskId);
            WorkItem item { 0,        info.instanceId, info.executionId,
                            e.taskId, task.name,       task.data.value(QStringLiteral("input")) };
            auto id = m_store->insertWork(item);
            if (!id)
                return std::unexpected(id.error());
            item.id = *id;
            checkpoint.newWork.append(item);
            ++rerun;
        } else if (failedChild && scheduled.contains(e.taskId)) {
            const QString child = scheduled.value(e.taskId).data.value(QStringLiteral("instanceId")).toString();
            auto c = m_store->instance(child, false);
            if (!c)
                return std::unexpected(c.error());
            if (*c && (*c)->info.status == RuntimeStatus::Failed) {
                InboxMessage m { 0, child, {}, EventType::ExecutionRewound, -1, {}, message.data, now };
                if (auto id = m_store->insertMessage(m); !id)
                    return std::unexpected(id.error());
                ++rerun;
            }
        }
    }
    if (auto s = appendEpisode(record, makeEvent(EventType::ExecutionRewound, -1, -1, {}, message.data), now); !s)
        return s;
    if (rerun == 0) {
        // Nothing to re-run: the orchestrator itself failed. Nudge it so it replays and runs again.
        InboxMessage nudge { 0, info.instanceId, info.executionId, EventType::GenericEvent, -1, {}, {}, now };
        if (auto id = m_store->insertMessage(nudge); !id)
            return std::unexpected(id.error());
    }
    info.status = RuntimeStatus::Running;
    info.output = QJsonValue(QJsonValue::Undefined);
    info.failure.reset();
    info.completedAt = {};
    info.lastUpdatedAt = now;
    m_cache.remove(info.instanceId);
    noteChange(info.instanceId, true);
    return m_store->updateInstance(record);
}

Status Dispatcher::createInstance(const QString &instanceId, const QString &name, const QString &version,
                                  const QJsonValue &input, const QDateTime &visibleAt, const QString &parentId,
                                  int parentTaskId, bool replace)
{
    // A finished instance of the same id is replaced: its history, logs and messages go too.
    if (replace) {
        if (auto s = m_store->deleteInstance(instanceId); !s)
            return s;
    }
    const QDateTime now = m_clock.now();
    InstanceRecord record;
    auto &info = record.info;
    info.instanceId = instanceId;
    info.name = name;
    info.version = version;
    info.executionId = newId();
    info.status = RuntimeStatus::Pending;
    info.input = input;
    info.output = QJsonValue(QJsonValue::Undefined);
    info.customStatus = QJsonValue(QJsonValue::Undefined);
    info.createdAt = now;
    info.lastUpdatedAt = now;
    info.parentInstanceId = parentId;
    info.parentTaskId = parentTaskId;
    if (auto s = m_store->putInstance(record); !s)
        return s;
    QJsonObject data { { QStringLiteral("version"), version } };
    if (!input.isUndefined())
        data.insert(QStringLiteral("input"), input);
    if (!parentId.isEmpty()) {
        data.insert(QStringLiteral("parentInstanceId"), parentId);
        data.insert(QStringLiteral("parentTaskId"), parentTaskId);
    }
    InboxMessage m { 0, instanceId, info.executionId, EventType::ExecutionStarted, -1, name, data, visibleAt };
    if (auto id = m_store->insertMessage(m); !id)
        return std::unexpected(id.error());
    m_cache.remove(instanceId);
    noteChange(instanceId, true, true);
    return {};
}

template<typename F>
auto Dispatcher::transaction(F &&body) -> decltype(body())
{
    if (!m_store)
        return std::unexpected(Error { ErrorCode::Shutdown, QStringLiteral("the engine is shut down") });
    if (m_inBatch || m_store->inTransaction()) {
        // Part of a group commit: a savepoint undoes a refused command without touching the rest.
        if (auto s = m_store->savepoint(); !s)
            return std::unexpected(s.error());
        auto result = body();
        if (result) {
            if (auto s = m_store->releaseSavepoint(); !s)
                return std::unexpected(s.error());
        } else {
            m_store->rollbackToSavepoint();
        }
        return result;
    }
    if (auto s = m_store->begin(); !s)
        return std::unexpected(s.error());
    auto result = body();
    if (!result) {
        m_store->rollback();
        return result;
    }
    if (auto s = m_store->commit(); !s)
        return std::unexpected(s.error());
    scheduleDispatch();
    return result;
}

Status Dispatcher::checkPayload(const QJsonValue &value, const QString &what) const
{
    const auto size = json::toText(value).size();
    if (size > m_options.maxPayloadBytes)
        return fail(
            ErrorCode::PayloadTooLarge,
            QStringLiteral("%1 is %2 bytes; the limit is %3 bytes").arg(what).arg(size).arg(m_options.maxPayloadBytes));
    return {};
}

Result<QString> Dispatcher::start(const QString &name, const QJsonValue &input, const Client::StartOptions &options)
{
    const auto orchestrator = m_registry.orchestrator(name, options.version);
    if (!orchestrator)
        return fail(ErrorCode::UnknownOrchestrator,
                    options.version.isEmpty()
                        ? QStringLiteral("no orchestrator named '%1'").arg(name)
                        : QStringLiteral("no orchestrator named '%1' with version '%2'").arg(name, options.version));
    const QString id = options.instanceId.isEmpty() ? newId() : options.instanceId;
    if (auto s = Engine::validateInstanceId(id, m_options.maxInstanceIdLength); !s)
        return std::unexpected(s.error());
    if (auto s = checkPayload(input, QStringLiteral("the input")); !s)
        return std::unexpected(s.error());
    return transaction([&]() -> Result<QString> {
        auto existing = m_store->instance(id, false);
        if (!existing)
            return std::unexpected(existing.error());
        if (*existing && !isTerminal((*existing)->info.status))
            return fail(
                ErrorCode::AlreadyExists,
                QStringLiteral("instance '%1' already exists and is %2").arg(id, statusName((*existing)->info.status)));
        const QDateTime visible = options.scheduledStart.isValid() ? options.scheduledStart.toUTC() : m_clock.now();
        if (auto s = createInstance(id, name, orchestrator->version, input, visible, {}, -1, existing->has_value()); !s)
            return std::unexpected(s.error());
        return id;
    });
}

Status Dispatcher::sendToInstance(const QString &instanceId, const InboxMessage &message, bool onlyFailed,
                                  const QString &refusal)
{
    return transaction([&]() -> Status {
        auto found = m_store->instance(instanceId, false);
        if (!found)
            return std::unexpected(found.error());
        if (!*found)
            return fail(ErrorCode::NotFound, QStringLiteral("no instance '%1'").arg(instanceId));
        const RuntimeStatus status = (*found)->info.status;
        if (onlyFailed ? status != RuntimeStatus::Failed : isTerminal(status))
            return fail(ErrorCode::FailedPrecondition, refusal.arg(instanceId, statusName(status)));
        InboxMessage m = message;
        m.instanceId = instanceId;
        m.visibleAt = m_clock.now();
        if (auto id = m_store->insertMessage(m); !id)
            return std::unexpected(id.error());
        return {};
    });
}

Status Dispatcher::raiseEvent(const QString &instanceId, const QString &eventName, const QJsonValue &payload)
{
    if (eventName.trimmed().isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("the event name is empty"));
    if (auto s = checkPayload(payload, QStringLiteral("the event payload")); !s)
        return s;
    return sendToInstance(instanceId,
                          InboxMessage { 0,
                                         {},
                                         {},
                                         EventType::EventRaised,
                                         -1,
                                         eventName,
                                         QJsonObject { { QStringLiteral("input"), payload } },
                                         {} },
                          false, QStringLiteral("instance '%1' is %2 and takes no more events"));
}

Status Dispatcher::terminate(const QString &instanceId, const QString &reason, bool recursive)
{
    const QJsonObject data { { QStringLiteral("reason"), reason }, { QStringLiteral("recurse"), recursive } };
    return sendToInstance(instanceId, InboxMessage { 0, {}, {}, EventType::ExecutionTerminated, -1, {}, data, {} },
                          false, QStringLiteral("instance '%1' is already %2"));
}

Status Dispatcher::suspend(const QString &instanceId, const QString &reason)
{
    const QJsonObject data { { QStringLiteral("reason"), reason } };
    return sendToInstance(instanceId, InboxMessage { 0, {}, {}, EventType::ExecutionSuspended, -1, {}, data, {} },
                          false, QStringLiteral("instance '%1' is %2"));
}

Status Dispatcher::resume(const QString &instanceId, const QString &reason)
{
    const QJsonObject data { { QStringLiteral("reason"), reason } };
    return sendToInstance(instanceId, InboxMessage { 0, {}, {}, EventType::ExecutionResumed, -1, {}, data, {} }, false,
                          QStringLiteral("instance '%1' is %2"));
}

Status Dispatcher::rewind(const QString &instanceId, const QString &reason)
{
    const QJsonObject data { { QStringLiteral("reason"), reason } };
    return sendToInstance(instanceId, InboxMessage { 0, {}, {}, EventType::ExecutionRewound, -1, {}, data, {} }, true,
                          QStringLiteral("only failed instances can be rewound; '%1' is %2"));
}

Result<QString> Dispatcher::restart(const QString &instanceId, bool newInstanceId)
{
    if (!m_store)
        return fail(ErrorCode::Shutdown, QStringLiteral("the engine is shut down"));
    auto found = m_store->instance(instanceId);
    if (!found)
        return std::unexpected(found.error());
    if (!*found)
        return fail(ErrorCode::NotFound, QStringLiteral("no instance '%1'").arg(instanceId));
    const auto &info = (*found)->info;
    if (!newInstanceId && !isTerminal(info.status))
        return fail(ErrorCode::FailedPrecondition,
                    QStringLiteral("instance '%1' is %2; restart it under a new id or terminate it first")
                        .arg(instanceId, statusName(info.status)));
    Client::StartOptions options;
    options.instanceId = newInstanceId ? QString() : instanceId;
    options.version = m_registry.orchestrator(info.name, info.version) ? info.version : QString();
    return start(info.name, info.input, options);
}

Result<int> Dispatcher::purgeTree(const QString &instanceId, bool recursive)
{
    auto found = m_store->instance(instanceId, false);
    if (!found)
        return std::unexpected(found.error());
    if (!*found)
        return fail(ErrorCode::NotFound, QStringLiteral("no instance '%1'").arg(instanceId));
    if (!isTerminal((*found)->info.status))
        return fail(ErrorCode::FailedPrecondition,
                    QStringLiteral("instance '%1' is %2; only finished instances can be purged")
                        .arg(instanceId, statusName((*found)->info.status)));
    int count = 0;
    if (recursive) {
        auto children = m_store->children(instanceId);
        if (!children)
            return std::unexpected(children.error());
        for (const auto &child : *children) {
            auto n = purgeTree(child, true);
            if (!n)
                return n;
            count += *n;
        }
    }
    if (auto s = m_store->deleteInstance(instanceId); !s)
        return std::unexpected(s.error());
    m_cache.remove(instanceId);
    noteChange(instanceId, true, true);
    m_changes.purged = true;
    return count + 1;
}

Result<int> Dispatcher::purge(const QString &instanceId, bool recursive)
{
    return transaction([&]() { return purgeTree(instanceId, recursive); });
}

Result<int> Dispatcher::purge(const PurgeFilter &filter)
{
    int total = 0;
    // Batches keep each write transaction short, so the dispatcher and readers are not starved.
    for (;;) {
        auto batch = transaction([&]() -> Result<int> {
            auto ids = m_store->purgeCandidates(filter, 500);
            if (!ids)
                return std::unexpected(ids.error());
            for (const auto &id : *ids) {
                if (auto s = m_store->deleteInstance(id); !s)
                    return std::unexpected(s.error());
                m_cache.remove(id);
            }
            return int(ids->size());
        });
        if (!batch)
            return batch;
        total += *batch;
        if (*batch < 500)
            break;
    }
    if (total > 0) {
        m_changes.purged = true;
        if (!m_notifyTimer.isActive())
            m_notifyTimer.start();
    }
    return total;
}

Status Dispatcher::fireTimer(const QString &instanceId, int timerId)
{
    return transaction([&]() -> Status {
        auto fired = m_store->fireTimer(instanceId, timerId, m_clock.now());
        if (!fired)
            return std::unexpected(fired.error());
        if (!*fired)
            return fail(ErrorCode::NotFound,
                        QStringLiteral("instance '%1' has no pending timer %2").arg(instanceId).arg(timerId));
        return {};
    });
}

Result<int> Dispatcher::saveScript(const QString &fileName, const QString &code, const QStringList &orchestrators,
                                   const QStringList &activities)
{
    if (fileName.trimmed().isEmpty() || code.trimmed().isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("a script needs a file name and code"));
    if (code.toUtf8().size() > m_options.maxPayloadBytes)
        return fail(ErrorCode::PayloadTooLarge,
                    QStringLiteral("the script is larger than %1 bytes").arg(m_options.maxPayloadBytes));
    return transaction(
        [&] { return m_store->saveScriptVersion(fileName, code, orchestrators, activities, m_clock.now()); });
}

quint64 Dispatcher::launch(const WorkItem &item)
{
    const quint64 token = ++m_lastLaunch;
    const auto activity = m_registry.activity(item.name);
    bool startDrainer = false;
    {
        QMutexLocker lock(&m_jobsMutex);
        m_jobs.push_back(Job { item, activity ? activity->function : ActivityFunction(), token });
        if (m_drainers < m_pool.maxThreadCount()) {
            ++m_drainers;
            startDrainer = true;
        }
    }
    // A pool task per activity would wake a thread per activity; a fan-out of 10,000 spent most
    // of its time in those wake-ups. Up to maxThreadCount drainers take jobs until none is left.
    if (startDrainer)
        m_pool.start([this] { drainJobs(); });
    return token;
}

void Dispatcher::drainJobs()
{
    const int maxPayload = m_options.maxPayloadBytes;
    for (;;) {
        Job job;
        {
            QMutexLocker lock(&m_jobsMutex);
            if (m_jobs.empty()) {
                --m_drainers;
                return;
            }
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
        const WorkItem &item = job.item;
        ActivityResult r { item.id, item.instanceId, item.executionId, item.taskId, item.name, false, {}, {},
                           {},      job.token };
        ActivityContext context(item.instanceId, item.name, item.taskId, 1);
        if (!job.function) {
            r.failure = FailureDetails { QStringLiteral("ActivityNotFound"),
                                         QStringLiteral("no activity named '%1' is registered").arg(item.name),
                                         {},
                                         true };
        } else {
            try {
                r.result = job.function(context, item.input);
                r.succeeded = true;
            } catch (const ActivityError &e) {
                r.failure = e.details();
            } catch (const std::exception &e) {
                r.failure = FailureDetails { exceptionTypeName(e), QString::fromUtf8(e.what()), {}, false };
            } catch (...) {
                r.failure = FailureDetails { QStringLiteral("UnknownException"),
                                             QStringLiteral("the activity threw a non-standard exception"),
                                             {},
                                             false };
            }
            if (r.succeeded && json::toText(r.result).size() > maxPayload) {
                r.succeeded = false;
                r.failure = FailureDetails { QStringLiteral("PayloadTooLarge"),
                                             QStringLiteral("the activity result exceeds %1 bytes").arg(maxPayload),
                                             {},
                                             true };
            }
        }
        r.logs = context.logLines();
        for (auto &line : r.logs)
            line.executionId = item.executionId;
        bool wake = false;
        {
            QMutexLocker lock(&m_inboxMutex);
            wake = m_inbox.isEmpty();
            m_inbox.append(std::move(r));
        }
        // One wake-up per batch, not per result: the results that follow join the same inbox.
        if (wake)
            QMetaObject::invokeMethod(this, &Dispatcher::resultsArrived, Qt::QueuedConnection);
    }
}

void Dispatcher::resultsArrived()
{
    // Called from the event loop: dispatch at once rather than queue a second event.
    if (m_dispatchQueued)
        return;
    m_dispatchQueued = true;
    dispatch();
}

void Dispatcher::collectResults()
{
    QList<ActivityResult> arrived;
    {
        QMutexLocker lock(&m_inboxMutex);
        arrived = std::exchange(m_inbox, {});
    }
    if (!m_voidLaunches.isEmpty()) {
        arrived.removeIf([this](const ActivityResult &r) { return m_voidLaunches.remove(r.launch); });
    }
    if (m_results.isEmpty())
        m_results = std::move(arrived);
    else
        m_results.append(std::move(arrived));
}

void Dispatcher::armTimer()
{
    // Relative to the time the last batch looked, not to now: a message that became due in
    // between must still arm the timer (with no wait), or it would sit until the next event.
    auto due = m_store->nextDue(m_batchTime.isValid() ? m_batchTime : m_clock.now());
    if (!due || !due->isValid()) {
        m_dueTimer.stop();
        return;
    }
    const qint64 wait = std::clamp<qint64>(m_clock.now().msecsTo(*due), 0, 60'000);
    m_dueTimer.start(int(wait) + 1);
}

void Dispatcher::heartbeat()
{
    Store::Owner me { m_ownerId, QHostInfo::localHostName(), qint64(::getpid()), QDateTime::currentMSecsSinceEpoch() };
    auto claimed = m_store->claimOwnership(me, m_options.ownerLeaseMs);
    if (!claimed) {
        Q_EMIT backgroundError(claimed.error());
        return;
    }
    const bool was = m_owner;
    m_owner = *claimed;
    if (m_owner && !was) {
        // Took over from a process whose lease lapsed.
        if (auto work = m_store->allWork()) {
            for (const auto &item : *work)
                launch(item);
        }
        m_pollTimer.start(qMax(20, m_options.pollIntervalMs));
        scheduleDispatch();
    } else if (!m_owner && was) {
        m_pollTimer.stop();
        m_cache.clear();
        Q_EMIT backgroundError(
            Error { ErrorCode::Busy, QStringLiteral("another process took over this hub's workers") });
    }
}

void Dispatcher::pollExternal()
{
    auto version = m_store->dataVersion();
    if (!version)
        return;
    if (*version != m_dataVersion) {
        m_dataVersion = *version;
        scheduleDispatch();
    }
}

void Dispatcher::noteChange(const QString &instanceId, bool history, bool logs)
{
    m_changes.instances.insert(instanceId);
    if (history)
        m_changes.history.insert(instanceId);
    if (logs)
        m_changes.logs.insert(instanceId);
    if (!m_notifyTimer.isActive())
        m_notifyTimer.start();
}

void Dispatcher::flushChanges()
{
    if (m_changes.instances.isEmpty() && !m_changes.purged && m_changes.activitiesCompleted == 0)
        return;
    Q_EMIT changed(std::exchange(m_changes, {}));
}

} // namespace durable
