#include "run.h"

#include "json.h"

#include <QJsonArray>

#include <cxxabi.h>

#include <algorithm>
#include <cmath>
#include <typeinfo>

namespace durable {

namespace {

    QString describe(const ScheduledStep &step)
    {
        const QString type = eventTypeName(step.type);
        return step.name.isEmpty() ? type : type + QStringLiteral(" '") + step.name + u'\'';
    }

    std::optional<Action::Kind> kindOf(EventType type)
    {
        switch (type) {
        case EventType::TaskScheduled:
            return Action::Kind::ScheduleTask;
        case EventType::TimerCreated:
            return Action::Kind::CreateTimer;
        case EventType::SubOrchestrationInstanceCreated:
            return Action::Kind::CreateSubOrchestration;
        case EventType::EventSent:
            return Action::Kind::SendEvent;
        default:
            return std::nullopt;
        }
    }

    QString demangledTypeName(const std::type_info &info)
    {
        int status = 0;
        char *name = abi::__cxa_demangle(info.name(), nullptr, nullptr, &status);
        QString result = QString::fromUtf8(status == 0 && name ? name : info.name());
        std::free(name);
        return result;
    }

    FailureDetails failureFromException(std::exception_ptr error)
    {
        try {
            std::rethrow_exception(error);
        } catch (const TaskFailedError &e) {
            return taskFailedException(e.details());
        } catch (const ActivityError &e) {
            return e.details(); // the code chose its own failure type (scripts, missing orchestrators)
        } catch (const std::exception &e) {
            return FailureDetails { demangledTypeName(typeid(e)), QString::fromUtf8(e.what()), {}, false };
        } catch (...) {
            return FailureDetails { QStringLiteral("UnknownException"),
                                    QStringLiteral("the orchestrator threw a non-standard exception"),
                                    {},
                                    false };
        }
    }

    QString eventKey(const QString &name)
    {
        return name.toCaseFolded();
    }

} // namespace

EventType Action::eventType() const
{
    switch (kind) {
    case Kind::ScheduleTask:
        return EventType::TaskScheduled;
    case Kind::CreateTimer:
        return EventType::TimerCreated;
    case Kind::CreateSubOrchestration:
        return EventType::SubOrchestrationInstanceCreated;
    case Kind::SendEvent:
        return EventType::EventSent;
    }
    return EventType::GenericEvent;
}

OrchestrationRun::OrchestrationRun(QString instanceId, QString executionId, OrchestratorFunction function)
    : m_instanceId(std::move(instanceId))
    , m_executionId(std::move(executionId))
    , m_function(std::move(function))
    , m_context(*this)
{
}

OrchestrationRun::~OrchestrationRun()
{
    // Frames first: they hold futures whose callbacks refer to frames.
    m_helpers.clear();
    m_task = Task<QJsonValue>();
    // A composite (whenAll) keeps its members alive from the members' own callbacks; when a run is
    // dropped with operations still open, only clearing those callbacks breaks the cycle.
    for (auto &[id, op] : m_open)
        op.state->callbacks.clear();
    for (auto &waiter : m_waiters)
        waiter.state->callbacks.clear();
}

void OrchestrationRun::apply(const HistoryEvent &event, bool replaying)
{
    ++m_applied;
    if (m_outcome)
        return;
    m_replaying = replaying;
    m_currentSequence = event.sequence;
    switch (event.type) {
    case EventType::OrchestratorStarted:
        m_now = event.timestamp;
        break;
    case EventType::ExecutionStarted:
        m_name = event.name;
        m_version = event.data.value(QStringLiteral("version")).toString();
        m_input = json::plain(event.data.value(QStringLiteral("input")));
        m_parentInstanceId = event.data.value(QStringLiteral("parentInstanceId")).toString();
        if (!m_task.isValid()) {
            try {
                m_task = m_function(m_context);
                m_task.start();
            } catch (...) {
                m_outcome
                    = Outcome { RuntimeStatus::Failed, {}, failureFromException(std::current_exception()), {}, {} };
                return;
            }
        }
        break;
    case EventType::TaskScheduled:
    case EventType::TimerCreated:
    case EventType::SubOrchestrationInstanceCreated:
    case EventType::EventSent:
        matchScheduled(event);
        break;
    case EventType::TaskCompleted:
    case EventType::TaskFailed:
    case EventType::SubOrchestrationInstanceCompleted:
    case EventType::SubOrchestrationInstanceFailed:
    case EventType::TimerFired:
        settle(event.taskId, event);
        break;
    case EventType::EventRaised:
        deliverEvent(event.name, json::plain(event.data.value(QStringLiteral("input"))));
        break;
    default:
        break;
    }
    checkFinished();
}

void OrchestrationRun::matchScheduled(const HistoryEvent &event)
{
    const auto expected = *kindOf(event.type);
    const ScheduledStep recorded { event.type, event.name };
    const auto it = m_uncommitted.find(event.eventId);
    if (it == m_uncommitted.end()) {
        failNonDeterministic(Divergence { event.eventId, recorded, std::nullopt });
        return;
    }
    const Action &actual = it->second;
    const bool sameName = expected == Action::Kind::CreateTimer || actual.name == event.name;
    if (actual.kind != expected || !sameName) {
        failNonDeterministic(Divergence { event.eventId, recorded, ScheduledStep { actual.eventType(), actual.name } });
        return;
    }
    m_uncommitted.erase(it);
}

void OrchestrationRun::settle(int taskId, const HistoryEvent &event)
{
    const auto it = m_open.find(taskId);
    if (it == m_open.end())
        return; // a late duplicate, or a completion for an action of no interest any more
    auto state = it->second.state;
    m_open.erase(it);
    switch (event.type) {
    case EventType::TaskCompleted:
    case EventType::SubOrchestrationInstanceCompleted:
        state->complete(json::plain(event.data.value(QStringLiteral("result"))));
        break;
    case EventType::TaskFailed:
    case EventType::SubOrchestrationInstanceFailed:
        state->fail(FailureDetails::fromJson(event.data.value(QStringLiteral("failure")).toObject()));
        break;
    case EventType::TimerFired:
        if (!state->cancelled)
            state->complete(event.data.value(QStringLiteral("fireAt")));
        break;
    default:
        break;
    }
}

void OrchestrationRun::deliverEvent(const QString &name, const QJsonValue &payload)
{
    const QString key = eventKey(name);
    for (auto it = m_waiters.begin(); it != m_waiters.end(); ++it) {
        if (it->key == key && it->state->isPending() && !it->state->cancelled) {
            auto state = it->state;
            m_waiters.erase(it);
            state->complete(payload);
            return;
        }
    }
    m_bufferedEvents.emplace_back(name, payload);
}

Future OrchestrationRun::waitForEvent(const QString &name)
{
    auto state = std::make_shared<detail::OperationState>();
    const QString key = eventKey(name);
    for (auto it = m_bufferedEvents.begin(); it != m_bufferedEvents.end(); ++it) {
        if (eventKey(it->first) == key) {
            const QJsonValue payload = it->second;
            m_bufferedEvents.erase(it);
            state->complete(payload);
            return Future(state);
        }
    }
    m_waiters.push_back(Waiter { key, name, state });
    return Future(state);
}

Future OrchestrationRun::schedule(Action action, bool isTimer)
{
    action.id = m_nextId++;
    if (action.kind == Action::Kind::CreateSubOrchestration && action.instanceId.isEmpty())
        action.instanceId = m_instanceId + u':' + QString::number(action.id);
    auto state = std::make_shared<detail::OperationState>();
    state->id = action.id;
    state->isTimer = isTimer;
    if (action.kind == Action::Kind::SendEvent)
        state->complete(QJsonValue()); // fire and forget
    else
        m_open.emplace(action.id, OpenOperation { action.kind, state, action.fireAt });
    m_uncommitted.emplace(action.id, std::move(action));
    return Future(state);
}

Future OrchestrationRun::retrying(const QString &name, const QJsonValue &input, const QString &instanceId,
                                  const RetryPolicy &policy, bool subOrchestration)
{
    auto out = std::make_shared<detail::OperationState>();
    startHelper(retryLoop(out, name, input, instanceId, policy, subOrchestration));
    return Future(out);
}

Task<void> OrchestrationRun::retryLoop(std::shared_ptr<detail::OperationState> out, QString name, QJsonValue input,
                                       QString instanceId, RetryPolicy policy, bool subOrchestration)
{
    const QDateTime firstAttempt = m_now;
    double delayMs = double(policy.firstRetryInterval.count());
    // Rebuilt the same way on every replay (the failures come from history), so the final failure
    // names its attempt and the earlier ones without storing anything of its own.
    QList<AttemptFailure> earlier;
    for (int attempt = 1;; ++attempt) {
        // A retried sub-orchestration reuses its explicit id (the failed one is final, so it is
        // replaced); without one each attempt derives its own id from its action id.
        Future call = subOrchestration
            ? schedule(Action { Action::Kind::CreateSubOrchestration, -1, name, input, {}, instanceId })
            : schedule(Action { Action::Kind::ScheduleTask, -1, name, input, {}, {} });
        co_await whenAny(call);
        if (call.isCompletedSuccessfully()) {
            out->complete(call.state()->result);
            co_return;
        }
        FailureDetails failure = call.failure();
        failure.attempt = attempt;
        failure.maxAttempts = policy.maxNumberOfAttempts;
        failure.earlierAttempts = earlier;
        const bool timedOut
            = policy.retryTimeout.count() > 0 && firstAttempt.msecsTo(m_now) >= policy.retryTimeout.count();
        if (attempt >= policy.maxNumberOfAttempts || failure.nonRetriable || timedOut
            || (policy.handle && !policy.handle(failure))) {
            out->fail(failure);
            co_return;
        }
        earlier.append(
            AttemptFailure { attempt, failure.errorType, failure.errorMessage, failure.file, failure.line, m_now });
        const auto delay = std::min<double>(delayMs, double(policy.maxRetryInterval.count()));
        co_await schedule(Action { Action::Kind::CreateTimer, -1, {}, {}, m_now.addMSecs(qint64(delay)), {} }, true);
        delayMs *= policy.backoffCoefficient;
    }
}

Task<void> OrchestrationRun::timedWait(std::shared_ptr<detail::OperationState> out, QString name,
                                       std::chrono::milliseconds timeout)
{
    Future event = waitForEvent(name);
    Future timer
        = schedule(Action { Action::Kind::CreateTimer, -1, {}, {}, m_now.addMSecs(timeout.count()), {} }, true);
    const int winner = co_await whenAny(event, timer);
    if (winner == 0) {
        timer.cancel();
        out->complete(event.state()->result);
    } else {
        event.state()->cancelled = true; // a later event must not be swallowed by this wait
        out->fail(
            FailureDetails { QStringLiteral("TimeoutException"),
                             QStringLiteral("event '%1' not received within %2 ms").arg(name).arg(timeout.count()),
                             {},
                             false });
    }
}

void OrchestrationRun::startHelper(Task<void> task)
{
    m_helpers.push_back(std::move(task));
    m_helpers.back().start();
}

void OrchestrationRun::failNonDeterministic(const Divergence &divergence)
{
    // The message keeps its wording for logs, the HTTP API and hubs read by older versions.
    const QString message
        = QStringLiteral("expected %1 at id %2, code now does %3")
              .arg(describe(*divergence.expected))
              .arg(divergence.actionId)
              .arg(divergence.actual ? describe(*divergence.actual) : QStringLiteral("nothing at that point"));
    m_outcome = Outcome { RuntimeStatus::Failed,
                          {},
                          FailureDetails { QStringLiteral("NonDeterministicOrchestrationError"),
                                           QStringLiteral("Non-deterministic workflow detected: ") + message,
                                           {},
                                           true,
                                           divergence },
                          {},
                          {} };
    m_uncommitted.clear();
}

void OrchestrationRun::checkFinished()
{
    if (m_outcome || !m_task.isValid())
        return;
    if (!m_pendingOutcome && m_task.isDone()) {
        if (auto error = m_task.exception()) {
            m_outcome = Outcome { RuntimeStatus::Failed, {}, failureFromException(error), {}, {} };
            m_uncommitted.clear();
            return;
        }
        Outcome outcome;
        if (m_continueAsNew) {
            outcome.status = RuntimeStatus::ContinuedAsNew;
            outcome.continueInput = *m_continueAsNew;
            if (m_keepEvents) {
                for (const auto &[name, payload] : m_bufferedEvents)
                    outcome.carriedEvents.append(HistoryEvent { -1,
                                                                EventType::EventRaised,
                                                                -1,
                                                                -1,
                                                                name,
                                                                QJsonObject { { QStringLiteral("input"), payload } },
                                                                {} });
            }
            // Continue-as-new ends the execution at once: its timers belong to the old history.
            m_outcome = outcome;
            return;
        }
        outcome.output = m_task.value();
        m_pendingOutcome = outcome;
    }
    if (m_pendingOutcome) {
        // An uncancelled durable timer keeps the instance alive, as in Durable Functions.
        const bool timerPending = std::any_of(m_open.begin(), m_open.end(), [](const auto &entry) {
            return entry.second.kind == Action::Kind::CreateTimer && !entry.second.state->cancelled;
        });
        if (!timerPending)
            m_outcome = std::move(m_pendingOutcome);
    }
}

QList<Action> OrchestrationRun::takeNewActions()
{
    QList<Action> actions;
    actions.reserve(qsizetype(m_uncommitted.size()));
    for (auto &[id, action] : m_uncommitted)
        actions.append(std::move(action));
    m_uncommitted.clear();
    return actions;
}

QList<LogLine> OrchestrationRun::takeLogLines()
{
    return std::exchange(m_logs, {});
}

WaitState OrchestrationRun::waitState() const
{
    WaitState wait;
    for (const auto &[id, op] : m_open) {
        switch (op.kind) {
        case Action::Kind::ScheduleTask:
            ++wait.activities;
            break;
        case Action::Kind::CreateSubOrchestration:
            ++wait.subOrchestrations;
            break;
        case Action::Kind::CreateTimer:
            if (!op.state->cancelled)
                wait.timers.append(WaitState::Timer { id, op.fireAt });
            break;
        case Action::Kind::SendEvent:
            break;
        }
    }
    for (const auto &waiter : m_waiters) {
        if (waiter.state->isPending() && !waiter.state->cancelled) {
            if (!wait.events.contains(waiter.name))
                wait.events.append(waiter.name);
        }
    }
    return wait;
}

void OrchestrationRun::addLog(LogLevel level, const QString &source, const QString &message)
{
    LogLine line;
    line.instanceId = m_instanceId;
    line.executionId = m_executionId;
    line.historySequence = m_currentSequence;
    line.timestamp = m_now;
    line.level = level;
    line.source = source;
    line.replaying = m_replaying;
    line.message = message;
    m_logs.append(line);
}

} // namespace durable
