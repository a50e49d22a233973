#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMetaType>
#include <QSet>
#include <QString>

#include <optional>

namespace durable {

/// Durability of a hub's commits: Full survives power loss, Normal only process crashes.
enum class SyncMode { Full, Normal };

/// Runtime status, numbered as in the Durable Task model (reference/events.md).
enum class RuntimeStatus {
    Running = 0,
    Completed = 1,
    ContinuedAsNew = 2,
    Failed = 3,
    Canceled = 4,
    Terminated = 5,
    Pending = 6,
    Suspended = 7,
};
constexpr int RuntimeStatusCount = 8;

/// Completed, Failed, Canceled and Terminated are final.
bool isTerminal(RuntimeStatus status);
/// "Running", "Completed", ... as in the Durable Functions API.
QString statusName(RuntimeStatus status);
/// Inverse of statusName, case-insensitive.
std::optional<RuntimeStatus> statusFromName(const QString &name);

/// History event types of the Durable Task model. Stored as their integer value.
enum class EventType {
    ExecutionStarted = 0,
    ExecutionCompleted = 1,
    ExecutionTerminated = 2,
    TaskScheduled = 3,
    TaskCompleted = 4,
    TaskFailed = 5,
    SubOrchestrationInstanceCreated = 6,
    SubOrchestrationInstanceCompleted = 7,
    SubOrchestrationInstanceFailed = 8,
    TimerCreated = 9,
    TimerFired = 10,
    OrchestratorStarted = 11,
    OrchestratorCompleted = 12,
    EventSent = 13,
    EventRaised = 14,
    ContinueAsNew = 15,
    GenericEvent = 16,
    ExecutionSuspended = 17,
    ExecutionResumed = 18,
    ExecutionRewound = 19,
};
QString eventTypeName(EventType type);
std::optional<EventType> eventTypeFromName(const QString &name);

/// One side of a divergence: the scheduling event that records an action (TaskScheduled,
/// TimerCreated, SubOrchestrationInstanceCreated, EventSent) and the name it carries (activity,
/// orchestrator or event name; empty for timers).
struct ScheduledStep {
    EventType type = EventType::TaskScheduled;
    QString name;

    bool operator==(const ScheduledStep &) const = default;
};

/// Where and how orchestrator code stopped matching its history, as data so that readers (the
/// replay test, the GUI) never parse it out of a message. At least one side is set.
struct Divergence {
    int actionId = -1; ///< the first action id at which history and code differ
    std::optional<ScheduledStep> expected; ///< what the history records there; unset: the history ended before
    std::optional<ScheduledStep> actual; ///< what the code did there; unset: nothing (it waits or has returned)

    QJsonObject toJson() const;
    /// Unset when `object` holds no action id (a failure stored before divergences were recorded).
    static std::optional<Divergence> fromJson(const QJsonObject &object);
    bool operator==(const Divergence &) const = default;
};

/// One failed attempt of a call with a retry policy, kept in the failure of the last attempt.
struct AttemptFailure {
    int attempt = 0; ///< 1-based
    QString errorType;
    QString errorMessage;
    QString file; ///< as FailureDetails::file
    int line = 0;
    QDateTime failedAt; ///< engine time at which the orchestrator saw the failure

    bool operator==(const AttemptFailure &) const = default;
};

/// Failure of an activity, sub-orchestration or orchestrator: data, not an engine error.
struct FailureDetails {
    QString errorType;
    QString errorMessage;
    QString errorDetails;
    bool nonRetriable = false;
    /// Set for a NonDeterministicOrchestrationError: the structured form of errorMessage.
    std::optional<Divergence> divergence {};
    /// Where the user's code failed: for scripts the script file and line of the first stack frame
    /// in the user's file (never the runtime's prelude). Empty / 0: unknown (C++ code, failures
    /// stored before these fields existed). For a script error errorDetails holds its stack.
    QString file {};
    int line = 0;
    /// Set when the call had a retry policy: the attempt that failed last (1-based) and how many
    /// the policy allowed; 0: no retry policy (or unknown).
    int attempt = 0;
    int maxAttempts = 0;
    /// The failures of the attempts before `attempt`, oldest first.
    QList<AttemptFailure> earlierAttempts {};

    QJsonObject toJson() const;
    /// Missing fields read as unknown, so failures stored by older versions still load.
    static FailureDetails fromJson(const QJsonObject &object);
    bool operator==(const FailureDetails &) const = default;
};

/// One history row. `eventId` is the action id for scheduling events (TaskScheduled, TimerCreated,
/// SubOrchestrationInstanceCreated, EventSent), -1 otherwise; `taskId` is the action id a completion
/// refers to (TaskCompleted/Failed, TimerFired, SubOrchestrationInstanceCompleted/Failed), -1 otherwise.
/// `data` holds the type-specific fields: input, result, failure, fireAt, instanceId, reason, ...
struct HistoryEvent {
    qint64 sequence = -1; ///< position in the execution's history, from 0
    EventType type = EventType::GenericEvent;
    int eventId = -1;
    int taskId = -1;
    QString name;
    QJsonObject data;
    QDateTime timestamp;
    /// `data` as the store writes it (json::toText), when the engine made the text where the
    /// value was at hand: an activity's result on its own thread, a TaskScheduled event's input
    /// (which carries only this: only the store reads a scheduling event's data). Empty: the
    /// store writes `data`. Events read from a store never carry it, and operator== compares it
    /// as it compares every member: compare events read from a store.
    QByteArray encodedData;

    /// What a store writes for `data`: the encoded text, else `data`'s text; empty for no data.
    QByteArray dataText() const;
    bool operator==(const HistoryEvent &) const = default;
};
using History = QList<HistoryEvent>;

enum class LogLevel { Debug = 0, Info = 1, Warning = 2, Error = 3 };
QString logLevelName(LogLevel level);

/// One line logged by orchestrator or activity code.
struct LogLine {
    qint64 id = 0;
    QString instanceId;
    QString executionId;
    qint64 historySequence = -1; ///< the history event being processed when the line was emitted
    QDateTime timestamp;
    LogLevel level = LogLevel::Info;
    QString source; ///< "orchestrator" or the activity name
    int taskId = -1; ///< activity's action id, -1 for orchestrator lines
    bool replaying = false; ///< emitted while the orchestrator replayed its history
    QString message;
};

/// What a running instance is waiting for, recomputed at every checkpoint.
struct WaitState {
    struct Timer {
        int id = -1;
        QDateTime fireAt;
        bool operator==(const Timer &) const = default;
    };
    QStringList events; ///< external event names awaited now
    QList<Timer> timers; ///< uncancelled durable timers not yet fired
    int activities = 0; ///< activities scheduled and not yet completed
    int subOrchestrations = 0;

    QJsonObject toJson() const;
    /// json::toText(toJson()) byte for byte, written directly: every step of every instance
    /// stores it. Empty when nothing is awaited (stored as no data).
    QByteArray toText() const;
    static WaitState fromJson(const QJsonObject &object);
    bool operator==(const WaitState &) const = default;
};

/// A snapshot of one instance row, optionally with its history.
struct InstanceInfo {
    QString instanceId;
    QString name;
    QString version;
    QString executionId;
    RuntimeStatus status = RuntimeStatus::Pending;
    QJsonValue input; ///< Undefined when not requested
    QJsonValue output;
    QJsonValue customStatus;
    std::optional<FailureDetails> failure;
    QDateTime createdAt;
    QDateTime lastUpdatedAt;
    QDateTime completedAt; ///< invalid while not terminal
    QString parentInstanceId;
    int parentTaskId = -1;
    WaitState waiting;
    /// Where the instance came from when it was not started: a what-if fork
    /// (`{"kind":"fork","from":ID,"execution":E,"event":SEQ,"version":V}`) or an imported repro
    /// bundle (`{"kind":"bundle","file":NAME,"importedAt":T,"originalId":ID,...}`). Empty for
    /// instances started normally. Written with the row, never changed afterwards.
    QJsonObject origin;
    std::optional<History> history; ///< set when requested
};

/// The instance was imported from a repro bundle: read-only, never dispatched.
inline bool isImported(const InstanceInfo &info)
{
    return info.origin.value(QLatin1String("kind")).toString() == QLatin1String("bundle");
}

/// Sort order of an instance query. Duration is completed (or last updated) minus created.
enum class SortKey { CreatedAt, LastUpdatedAt, Name, InstanceId, Status, Duration, CustomStatus, ParentInstanceId };

/// Filter and page of an instance query. Paging is keyset-based: pass the continuation of the
/// previous page; an empty continuation in the result means the last page.
struct InstanceQuery {
    QSet<RuntimeStatus> statuses; ///< empty: any status
    QString name; ///< exact orchestrator name; empty: any
    QString idPrefix;
    QString idContains;
    QDateTime createdFrom; ///< inclusive; invalid: unbounded
    QDateTime createdTo; ///< exclusive; invalid: unbounded
    QString parentInstanceId; ///< only children of this instance; empty: any
    bool onlyAwaitingEvents = false; ///< only instances with an awaited external event
    SortKey sortKey = SortKey::CreatedAt;
    bool descending = true;
    int pageSize = 100; ///< 1..1000
    QString continuation;
    bool includeInputs = false; ///< fill input/output/customStatus/failure
    /// SortKey::Duration measures an instance without an end (completed_at) up to this instant, as
    /// a live list shows it (now − created); invalid: the engine's clock when the query runs. The
    /// later pages of a query use the instant of its first page (the continuation carries it).
    QDateTime asOf;
};

struct InstancePage {
    QList<InstanceInfo> instances;
    QString continuation;
};

/// Options of a purge by filter: created-time range and status set. Running instances are never
/// purged.
struct PurgeFilter {
    QDateTime createdFrom;
    QDateTime createdTo;
    QSet<RuntimeStatus> statuses; ///< empty: all terminal statuses
};

/// One saved version of a script file (JavaScript orchestrators and activities) in the hub.
struct ScriptVersion {
    QString fileName;
    int version = 0; ///< 1, 2, ... per file
    QString code; ///< empty when listed without code
    QString sha256;
    QDateTime createdAt;
    QStringList orchestrators; ///< names the file defines
    QStringList activities;
};

/// Instance ids touched since the last notification, coalesced by the engine.
struct ChangeSet {
    QSet<QString> instances; ///< instance row changed (status, custom status, waiting, created, purged)
    QSet<QString> history; ///< history appended
    QSet<QString> logs; ///< log lines appended
    int activitiesCompleted = 0; ///< since the last notification, for throughput charts
    int instancesCompleted = 0;
    bool purged = false; ///< some instances were deleted
    /// Another process changed the hub in ways this process cannot itemise (it only learns that
    /// the file changed): every view re-reads what it shows.
    bool everything = false;
};

/// The process that runs a hub's workers (holds its owner lease).
struct WorkerOwner {
    QString host;
    qint64 pid = 0;
    QDateTime since; ///< when it took the workers
    QDateTime heartbeat; ///< its last renewal
    bool thisProcess = false;
};

} // namespace durable

Q_DECLARE_METATYPE(durable::ChangeSet)
Q_DECLARE_METATYPE(durable::InstanceInfo)
