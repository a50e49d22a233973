#include "orchestration.h"

#include "run.h"

#include <QJsonArray>

namespace durable {

TaskFailedError::TaskFailedError(FailureDetails details)
    : m_details(std::move(details))
    , m_what((m_details.errorType + QStringLiteral(": ") + m_details.errorMessage).toUtf8())
{
}

ActivityError::ActivityError(QString type, QString message, QString details, bool nonRetriable)
    : m_details { std::move(type), std::move(message), std::move(details), nonRetriable }
    , m_what((m_details.errorType + QStringLiteral(": ") + m_details.errorMessage).toUtf8())
{
}

FailureDetails taskFailedException(const FailureDetails &task)
{
    FailureDetails f { QStringLiteral("TaskFailedException"), task.errorMessage,
                       task.errorType + QStringLiteral(": ") + task.errorMessage, false };
    if (!task.errorDetails.isEmpty()) // a script's stack, or a nested task's failure
        f.errorDetails += u'\n' + task.errorDetails;
    f.file = task.file;
    f.line = task.line;
    f.attempt = task.attempt;
    f.maxAttempts = task.maxAttempts;
    f.earlierAttempts = task.earlierAttempts;
    return f;
}

ActivityError::ActivityError(FailureDetails details)
    : m_details(std::move(details))
    , m_what((m_details.errorType + QStringLiteral(": ") + m_details.errorMessage).toUtf8())
{
}

namespace detail {

    void OperationState::complete(const QJsonValue &value)
    {
        if (phase != Phase::Pending)
            return;
        phase = Phase::Completed;
        result = value;
        auto pending = std::move(callbacks);
        callbacks.clear();
        for (auto &callback : pending)
            callback();
    }

    void OperationState::fail(const FailureDetails &details)
    {
        if (phase != Phase::Pending)
            return;
        phase = Phase::Failed;
        failure = std::make_unique<const FailureDetails>(details);
        auto pending = std::move(callbacks);
        callbacks.clear();
        for (auto &callback : pending)
            callback();
    }

} // namespace detail

Future::Future()
    : m_state(std::make_shared<detail::OperationState>())
{
}

Future::Future(std::shared_ptr<detail::OperationState> state)
    : m_state(std::move(state))
{
}

bool Future::isDone() const
{
    return !m_state->isPending();
}

bool Future::isCompletedSuccessfully() const
{
    return m_state->phase == detail::OperationState::Phase::Completed;
}

bool Future::isFaulted() const
{
    return m_state->phase == detail::OperationState::Phase::Failed;
}

QJsonValue Future::result() const
{
    if (isFaulted())
        throw TaskFailedError(*m_state->failure);
    return m_state->result;
}

FailureDetails Future::failure() const
{
    return m_state->failure ? *m_state->failure : FailureDetails {};
}

void Future::cancel()
{
    if (m_state->isTimer && m_state->isPending())
        m_state->cancelled = true;
}

int Future::actionId() const
{
    return m_state->id;
}

bool Future::await_ready() const noexcept
{
    return isDone();
}

void Future::await_suspend(std::coroutine_handle<> awaiter)
{
    m_state->callbacks.push_back([awaiter] { awaiter.resume(); });
}

QJsonValue Future::await_resume() const
{
    return result();
}

AnyFuture::AnyFuture(Future inner)
    : m_inner(std::move(inner))
{
}

bool AnyFuture::await_ready() const noexcept
{
    return m_inner.isDone();
}

void AnyFuture::await_suspend(std::coroutine_handle<> awaiter)
{
    m_inner.await_suspend(awaiter);
}

int AnyFuture::await_resume() const
{
    return m_inner.state()->result.toInt();
}

Future whenAll(const std::vector<Future> &futures)
{
    auto all = std::make_shared<detail::OperationState>();
    if (futures.empty()) {
        all->complete(QJsonArray());
        return Future(all);
    }
    // One join shared by every member's callback, which then captures a single shared pointer
    // (16 bytes, not four pointers' worth per member of a fan-out) and no copy of the member list
    // (n copies would be n²). The composite is held weakly: a callback must not keep alive a
    // composite its orchestrator dropped.
    struct Join {
        std::weak_ptr<detail::OperationState> all;
        std::vector<Future> members;
        size_t remaining = 0;

        void finish() const
        {
            const auto target = all.lock();
            if (!target)
                return;
            QJsonArray results;
            for (const auto &f : members) {
                if (f.isFaulted()) {
                    target->fail(f.failure());
                    return;
                }
                results.append(f.state()->result);
            }
            target->complete(results);
        }
    };
    auto join = std::make_shared<Join>(Join { all, futures, futures.size() });
    for (const auto &f : futures) {
        if (f.isDone()) {
            --join->remaining;
            continue;
        }
        f.state()->callbacks.push_back([join] {
            if (--join->remaining == 0)
                join->finish();
        });
    }
    if (join->remaining == 0)
        join->finish();
    return Future(all);
}

AnyFuture whenAny(const std::vector<Future> &futures)
{
    auto any = std::make_shared<detail::OperationState>();
    for (size_t i = 0; i < futures.size(); ++i) {
        if (futures[i].isDone()) {
            any->complete(static_cast<int>(i));
            return AnyFuture(Future(any));
        }
    }
    for (size_t i = 0; i < futures.size(); ++i) {
        std::weak_ptr<detail::OperationState> weakAny = any;
        futures[i].state()->callbacks.push_back([weakAny, i] {
            if (auto a = weakAny.lock())
                a->complete(static_cast<int>(i));
        });
    }
    return AnyFuture(Future(any));
}

OrchestrationContext::OrchestrationContext(OrchestrationRun &run)
    : m_run(run)
{
}

QString OrchestrationContext::instanceId() const
{
    return m_run.m_instanceId;
}

QString OrchestrationContext::name() const
{
    return m_run.m_name;
}

QString OrchestrationContext::version() const
{
    return m_run.m_version;
}

QString OrchestrationContext::executionId() const
{
    return m_run.m_executionId;
}

QJsonValue OrchestrationContext::input() const
{
    return m_run.m_input;
}

QString OrchestrationContext::parentInstanceId() const
{
    return m_run.m_parentInstanceId;
}

QDateTime OrchestrationContext::currentUtcDateTime() const
{
    return m_run.m_now;
}

bool OrchestrationContext::isReplaying() const
{
    return m_run.m_replaying;
}

QUuid OrchestrationContext::newGuid()
{
    // Name-based (v5) so replay yields the same value: instance, episode time, counter.
    static const QUuid ns(QStringLiteral("{9e952958-5e33-4daf-827f-2fa12937b875}"));
    const QString name = m_run.m_instanceId + u'_' + m_run.m_now.toString(Qt::ISODateWithMs) + u'_'
        + QString::number(m_run.m_guidCounter++);
    return QUuid::createUuidV5(ns, name);
}

Future OrchestrationContext::callActivity(const QString &name, const QJsonValue &input)
{
    return m_run.schedule(Action { Action::Kind::ScheduleTask, -1, name, input, {}, {} });
}

Future OrchestrationContext::callActivity(const QString &name, const QJsonValue &input, const RetryPolicy &retry)
{
    return m_run.retrying(name, input, QString(), retry, false);
}

Future OrchestrationContext::callSubOrchestrator(const QString &name, const QJsonValue &input,
                                                 const QString &instanceId)
{
    return m_run.schedule(Action { Action::Kind::CreateSubOrchestration, -1, name, input, {}, instanceId });
}

Future OrchestrationContext::callSubOrchestrator(const QString &name, const QJsonValue &input,
                                                 const QString &instanceId, const RetryPolicy &retry)
{
    return m_run.retrying(name, input, instanceId, retry, true);
}

Future OrchestrationContext::createTimer(const QDateTime &fireAt)
{
    return m_run.schedule(Action { Action::Kind::CreateTimer, -1, QString(), {}, fireAt.toUTC(), {} }, true);
}

Future OrchestrationContext::createTimer(std::chrono::milliseconds delay)
{
    return createTimer(m_run.m_now.addMSecs(delay.count()));
}

Future OrchestrationContext::waitForExternalEvent(const QString &name)
{
    return m_run.waitForEvent(name);
}

Future OrchestrationContext::waitForExternalEvent(const QString &name, std::chrono::milliseconds timeout)
{
    auto out = std::make_shared<detail::OperationState>();
    m_run.startHelper(m_run.timedWait(out, name, timeout));
    return Future(out);
}

void OrchestrationContext::sendEvent(const QString &instanceId, const QString &eventName, const QJsonValue &payload)
{
    m_run.schedule(Action { Action::Kind::SendEvent, -1, eventName, payload, {}, instanceId });
}

void OrchestrationContext::continueAsNew(const QJsonValue &input, bool keepUnprocessedEvents)
{
    m_run.m_continueAsNew = input;
    m_run.m_keepEvents = keepUnprocessedEvents;
}

void OrchestrationContext::setCustomStatus(const QJsonValue &status)
{
    if (status != m_run.m_customStatus) {
        m_run.m_customStatus = status;
        m_run.m_customStatusChanged = true;
    }
}

QJsonValue OrchestrationContext::customStatus() const
{
    return m_run.m_customStatus;
}

void OrchestrationContext::log(LogLevel level, const QString &message)
{
    m_run.addLog(level, QStringLiteral("orchestrator"), message);
}

ActivityContext::ActivityContext(QString instanceId, QString executionId, QString name, int taskId, int attempt)
    : m_instanceId(std::move(instanceId))
    , m_executionId(std::move(executionId))
    , m_name(std::move(name))
    , m_taskId(taskId)
    , m_attempt(attempt)
{
}

void ActivityContext::log(LogLevel level, const QString &message)
{
    LogLine line;
    line.instanceId = m_instanceId;
    line.timestamp = QDateTime::currentDateTimeUtc();
    line.level = level;
    line.source = m_name;
    line.taskId = m_taskId;
    line.message = message;
    m_lines.append(line);
}

} // namespace durable
