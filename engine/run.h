#pragma once

#include "orchestration.h"

#include <deque>
#include <map>
#include <optional>

namespace durable {

/// An action the orchestrator code took that the history must record (or, under replay, already
/// records at the same id).
struct Action {
    enum class Kind { ScheduleTask, CreateTimer, CreateSubOrchestration, SendEvent };
    Kind kind = Kind::ScheduleTask;
    int id = -1;
    QString name; ///< activity, orchestrator or event name
    QJsonValue input;
    QDateTime fireAt; ///< timers
    QString instanceId; ///< sub-orchestration or event target

    /// The history event type that records this action.
    EventType eventType() const;
};

/// How an execution ended, once it did.
struct Outcome {
    RuntimeStatus status = RuntimeStatus::Completed; ///< Completed, Failed or ContinuedAsNew
    QJsonValue output;
    std::optional<FailureDetails> failure;
    QJsonValue continueInput;
    QList<HistoryEvent> carriedEvents; ///< EventRaised events kept across continue-as-new
};

/// The executor: one execution of one orchestrator, driven event by event. Replaying history and
/// feeding new events are the same operation; `replaying` only sets isReplaying() and the log
/// flag. Detects non-determinism by comparing every scheduling event of the history with the
/// action the code took at that id. Runs on the dispatcher thread only.
class OrchestrationRun {
public:
    OrchestrationRun(QString instanceId, QString executionId, OrchestratorFunction function);
    ~OrchestrationRun();
    OrchestrationRun(const OrchestrationRun &) = delete;
    OrchestrationRun &operator=(const OrchestrationRun &) = delete;

    /// Applies one event; `sequence` is its history position (for log lines).
    void apply(const HistoryEvent &event, bool replaying);
    /// Number of history events applied so far (cache validity check).
    qint64 appliedCount() const { return m_applied; }
    /// After a checkpoint: the history now holds `length` events, the ones this run produced
    /// (actions, completion, episode markers) included, so a cached run stays in step with it.
    void setCommittedLength(qint64 length) { m_applied = length; }

    /// Actions taken since the last call that the history does not hold yet, in id order.
    QList<Action> takeNewActions();
    QList<LogLine> takeLogLines();
    /// Set once the execution is over: returned (with no uncancelled timer left), threw, or
    /// diverged from its history.
    const std::optional<Outcome> &outcome() const { return m_outcome; }
    WaitState waitState() const;
    QJsonValue customStatus() const { return m_customStatus; }
    bool customStatusChanged() const { return m_customStatusChanged; }
    void clearCustomStatusChanged() { m_customStatusChanged = false; }

    QString instanceId() const { return m_instanceId; }
    QString executionId() const { return m_executionId; }

private:
    friend class OrchestrationContext;

    struct OpenOperation {
        Action::Kind kind;
        std::shared_ptr<detail::OperationState> state;
        QDateTime fireAt;
    };

    Future schedule(Action action, bool isTimer = false);
    Future retrying(const QString &name, const QJsonValue &input, const QString &instanceId, const RetryPolicy &policy,
                    bool subOrchestration);
    Task<void> retryLoop(std::shared_ptr<detail::OperationState> out, QString name, QJsonValue input,
                         QString instanceId, RetryPolicy policy, bool subOrchestration);
    Task<void> timedWait(std::shared_ptr<detail::OperationState> out, QString name, std::chrono::milliseconds timeout);
    Future waitForEvent(const QString &name);
    void startHelper(Task<void> task);
    void deliverEvent(const QString &name, const QJsonValue &payload);
    void matchScheduled(const HistoryEvent &event);
    void settle(int taskId, const HistoryEvent &event);
    /// Ends the run as failed with `divergence`, whose `expected` side is set.
    void failNonDeterministic(const Divergence &divergence);
    void checkFinished();
    void addLog(LogLevel level, const QString &source, const QString &message);

    QString m_instanceId;
    QString m_executionId;
    OrchestratorFunction m_function;
    OrchestrationContext m_context;

    QString m_name;
    QString m_version;
    QString m_parentInstanceId;
    QJsonValue m_input;
    QDateTime m_now;
    bool m_replaying = true;
    qint64 m_applied = 0;
    qint64 m_currentSequence = -1;
    int m_nextId = 0;
    int m_guidCounter = 0;

    Task<QJsonValue> m_task;
    std::vector<Task<void>> m_helpers;
    std::map<int, Action> m_uncommitted; ///< actions taken but not (yet) matched by history
    std::map<int, OpenOperation> m_open; ///< scheduled, not settled
    struct Waiter {
        QString key; ///< case-folded name
        QString name; ///< as the code spelled it
        std::shared_ptr<detail::OperationState> state;
    };
    std::deque<Waiter> m_waiters;
    std::deque<std::pair<QString, QJsonValue>> m_bufferedEvents;
    QJsonValue m_customStatus;
    bool m_customStatusChanged = false;
    std::optional<QJsonValue> m_continueAsNew;
    bool m_keepEvents = false;
    std::optional<Outcome> m_pendingOutcome; ///< returned, waiting for uncancelled timers
    std::optional<Outcome> m_outcome;
    QList<LogLine> m_logs;
};

} // namespace durable
