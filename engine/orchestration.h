#pragma once

#include "task.h"
#include "types.h"

#include <QDateTime>
#include <QHash>
#include <QJsonValue>
#include <QUuid>

#include <chrono>
#include <coroutine>
#include <functional>
#include <map>
#include <memory>
#include <vector>

namespace durable {

class OrchestrationRun;

/// The failure of an orchestrator that let a task's failure escape: type "TaskFailedException",
/// the task's message, "type: message" of the task as details, and where and at which attempt the
/// task failed (file, line, attempts), so the orchestrator's failure points at the user's code.
FailureDetails taskFailedException(const FailureDetails &task);

/// Thrown into orchestrator code when an awaited activity, sub-orchestration or timed-out event
/// wait failed. Orchestrator code may catch it (compensation); uncaught, it fails the instance.
class TaskFailedError : public std::exception {
public:
    explicit TaskFailedError(FailureDetails details);
    const FailureDetails &details() const { return m_details; }
    const char *what() const noexcept override { return m_what.constData(); }

private:
    FailureDetails m_details;
    QByteArray m_what;
};

namespace detail {
    /// Shared state of one durable operation. Settles exactly once; callbacks run synchronously on
    /// the dispatcher thread when it settles.
    struct OperationState {
        enum class Phase { Pending, Completed, Failed };
        Phase phase = Phase::Pending;
        QJsonValue result;
        /// Set once failed. Out of line: a fan-out holds one state per pending call and nearly all
        /// of them complete, so an inline FailureDetails (240 bytes) would be mostly dead weight.
        std::unique_ptr<const FailureDetails> failure;
        int id = -1; ///< action id, -1 for composites
        bool cancelled = false;
        bool isTimer = false;
        std::vector<std::function<void()>> callbacks;

        void complete(const QJsonValue &value);
        void fail(const FailureDetails &details);
        bool isPending() const { return phase == Phase::Pending; }
    };
} // namespace detail

/// Handle to the result of one durable operation (activity, timer, event, sub-orchestration, or a
/// combination). `co_await` it for the JSON result; a failure is thrown as TaskFailedError.
class Future {
public:
    Future();
    explicit Future(std::shared_ptr<detail::OperationState> state);

    bool isDone() const;
    bool isCompletedSuccessfully() const;
    bool isFaulted() const;
    /// The result. Throws TaskFailedError when faulted. Precondition: isDone().
    QJsonValue result() const;
    /// The failure when faulted; empty details otherwise.
    FailureDetails failure() const;
    /// Cancels a durable timer: it no longer counts as pending work and never completes.
    /// No effect on other operations or on a timer that already fired.
    void cancel();
    int actionId() const;

    bool await_ready() const noexcept;
    void await_suspend(std::coroutine_handle<> awaiter);
    QJsonValue await_resume() const;

    const std::shared_ptr<detail::OperationState> &state() const { return m_state; }

private:
    std::shared_ptr<detail::OperationState> m_state;
};

/// Result of whenAny: `co_await` yields the index of the first completed future.
class AnyFuture {
public:
    explicit AnyFuture(Future inner);
    bool await_ready() const noexcept;
    void await_suspend(std::coroutine_handle<> awaiter);
    int await_resume() const;
    Future future() const { return m_inner; }

private:
    Future m_inner;
};

/// Completes when every future completed; its result is the array of results in order. If any
/// failed, it fails (after all settled) with the first failure in order, as Task.WhenAll does.
Future whenAll(const std::vector<Future> &futures);
/// Completes with the index of the first future to settle (successfully or not). The others keep
/// running; cancel losing timers so they do not keep the instance alive.
AnyFuture whenAny(const std::vector<Future> &futures);
template<typename... F>
AnyFuture whenAny(const Future &first, const F &...rest)
{
    return whenAny(std::vector<Future> { first, rest... });
}

/// Retry policy of an activity or sub-orchestration call. Delays are durable timers.
struct RetryPolicy {
    std::chrono::milliseconds firstRetryInterval { 1000 };
    int maxNumberOfAttempts = 3;
    double backoffCoefficient = 1.0;
    std::chrono::milliseconds maxRetryInterval { std::chrono::hours(24 * 6) };
    std::chrono::milliseconds retryTimeout { 0 }; ///< 0: no overall timeout
    /// Return false to stop retrying for this failure. Must be deterministic.
    std::function<bool(const FailureDetails &)> handle;
};

/// The orchestrator's window on the engine. Every method is deterministic under replay; only
/// use this object (never the wall clock, random numbers, I/O or threads) from orchestrator code.
/// Not thread-safe: orchestrator code runs on the dispatcher thread.
class OrchestrationContext {
public:
    explicit OrchestrationContext(OrchestrationRun &run);
    OrchestrationContext(const OrchestrationContext &) = delete;
    OrchestrationContext &operator=(const OrchestrationContext &) = delete;

    QString instanceId() const;
    QString name() const;
    QString version() const;
    QString executionId() const;
    QJsonValue input() const;
    QString parentInstanceId() const;
    /// Time of the current episode (its OrchestratorStarted event), identical under replay.
    QDateTime currentUtcDateTime() const;
    /// True while the code re-executes past history; log lines are marked with it.
    bool isReplaying() const;
    /// A name-based UUID from instance id, episode time and a counter: identical under replay.
    QUuid newGuid();

    Future callActivity(const QString &name, const QJsonValue &input = {});
    Future callActivity(const QString &name, const QJsonValue &input, const RetryPolicy &retry);
    /// `instanceId` empty: a deterministic id derived from this instance and the action id.
    Future callSubOrchestrator(const QString &name, const QJsonValue &input = {}, const QString &instanceId = {});
    Future callSubOrchestrator(const QString &name, const QJsonValue &input, const QString &instanceId,
                               const RetryPolicy &retry);
    Future createTimer(const QDateTime &fireAt);
    Future createTimer(std::chrono::milliseconds delay);
    /// Completes with the payload of the next event of that name (case-insensitive); events that
    /// arrived before the wait are buffered and delivered in order.
    Future waitForExternalEvent(const QString &name);
    /// As above, racing a durable timer; fails with errorType "TimeoutException" when it fires first.
    Future waitForExternalEvent(const QString &name, std::chrono::milliseconds timeout);
    /// Sends an event to another instance (recorded as EventSent).
    void sendEvent(const QString &instanceId, const QString &eventName, const QJsonValue &payload = {});
    /// Ends this execution when the orchestrator returns and starts a new one with `input` and a
    /// fresh history. Buffered, unconsumed events are carried over only when asked.
    void continueAsNew(const QJsonValue &input, bool keepUnprocessedEvents = false);
    void setCustomStatus(const QJsonValue &status);
    QJsonValue customStatus() const;
    /// Records a log line with its history position and replay flag.
    void log(LogLevel level, const QString &message);
    void log(const QString &message) { log(LogLevel::Info, message); }

private:
    OrchestrationRun &m_run;
};

/// What an activity function sees. Thread-safe for its own activity; activities run on a pool.
class ActivityContext {
public:
    ActivityContext(QString instanceId, QString executionId, QString name, int taskId, int attempt);
    QString instanceId() const { return m_instanceId; }
    /// The execution that scheduled this call: task ids start again after continue-as-new, so
    /// (instance, execution, task) names one call of the orchestrator.
    QString executionId() const { return m_executionId; }
    QString name() const { return m_name; }
    int taskId() const { return m_taskId; }
    /// 1 for the first run of this call; more when it runs again because the worker running it
    /// was lost before its result was checkpointed (activities are at least once: a run may
    /// repeat work a lost one did). With executionId() and taskId(), an idempotency key.
    int attempt() const { return m_attempt; }
    void log(LogLevel level, const QString &message);
    void log(const QString &message) { log(LogLevel::Info, message); }
    const QList<LogLine> &logLines() const { return m_lines; }

private:
    QString m_instanceId;
    QString m_executionId;
    QString m_name;
    int m_taskId;
    int m_attempt;
    QList<LogLine> m_lines;
};

/// Activity: `QJsonValue f(ActivityContext &, const QJsonValue &input)`. A thrown exception becomes
/// TaskFailed (std::exception: its type name and what(); ActivityError: its own fields).
using ActivityFunction = std::function<QJsonValue(ActivityContext &, const QJsonValue &)>;
/// Orchestrator: a coroutine over the context.
using OrchestratorFunction = std::function<Task<QJsonValue>(OrchestrationContext &)>;

/// Exception an activity may throw to control the failure details.
class ActivityError : public std::exception {
public:
    ActivityError(QString type, QString message, QString details = {}, bool nonRetriable = false);
    /// With every field of the failure (file, line, ...), as script code reports it.
    explicit ActivityError(FailureDetails details);
    const FailureDetails &details() const { return m_details; }
    const char *what() const noexcept override { return m_what.constData(); }

private:
    FailureDetails m_details;
    QByteArray m_what;
};

} // namespace durable
