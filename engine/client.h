#pragma once

#include "error.h"
#include "registry.h"
#include "types.h"

#include <QFuture>

namespace durable {

/// The client facade: the only API the GUI and the HTTP layer use. Every call is asynchronous:
/// it returns at once and the QFuture finishes on an engine thread; chain with
/// `.then(context, ...)` to get back to the caller's thread. Write operations are serialized with
/// the dispatcher's commits; reads use a separate connection and never wait for a commit.
/// Errors are values (Result), never exceptions. Safe to call from any thread.
class Client {
public:
    struct StartOptions {
        QString instanceId; ///< empty: a new random id
        QString version; ///< empty: latest registered
        QDateTime scheduledStart; ///< invalid: now
        /// Guards for a caller that looked at the id first (a start dialog asking before it
        /// replaces): both are checked inside the start's transaction, so another client acting
        /// after that look cannot slip between. onlyIfNew: AlreadyExists also when a finished
        /// instance has the id (none is replaced).
        bool onlyIfNew = false;
        /// Non-empty: a finished instance with the id is replaced only while its current execution
        /// is this one; AlreadyExists when it was restarted or replaced since. No instance with
        /// the id (purged meanwhile): it starts, nothing is lost.
        QString replaceExecutionId;
    };
    /// Creates a Pending instance and its ExecutionStarted message in one transaction; returns the
    /// instance id. Errors: UnknownOrchestrator, InvalidArgument (instance id), PayloadTooLarge,
    /// AlreadyExists (that id is Pending, Running or Suspended, or a guard of StartOptions
    /// refused). A finished instance with the same id is replaced (its history and logs are
    /// deleted) unless a guard says otherwise.
    virtual QFuture<Result<QString>> start(const QString &name, const QJsonValue &input, const StartOptions &options)
        = 0;
    QFuture<Result<QString>> start(const QString &name, const QJsonValue &input = {})
    {
        return start(name, input, StartOptions {});
    }
    /// NotFound for an unknown id.
    virtual QFuture<Result<InstanceInfo>> status(const QString &instanceId, bool withHistory = false,
                                                 bool withInputs = true)
        = 0;
    virtual QFuture<Result<InstancePage>> query(const InstanceQuery &query) = 0;
    /// Number of instances per runtime status (index = status value).
    virtual QFuture<Result<QList<qint64>>> countByStatus() = 0;
    /// History of the current execution, ordered by sequence.
    virtual QFuture<Result<History>> history(const QString &instanceId) = 0;
    /// Log lines of the current execution in emission order; `afterId` for incremental reads.
    virtual QFuture<Result<QList<LogLine>>> logs(const QString &instanceId, qint64 afterId = 0) = 0;
    /// Delivers an event. Errors: NotFound, FailedPrecondition (finished), PayloadTooLarge.
    /// A suspended instance holds it until resumed; one not waiting buffers it.
    virtual QFuture<Status> raiseEvent(const QString &instanceId, const QString &eventName, const QJsonValue &payload)
        = 0;
    /// Errors: NotFound, FailedPrecondition (already finished).
    virtual QFuture<Status> terminate(const QString &instanceId, const QString &reason, bool recursive = false) = 0;
    virtual QFuture<Status> suspend(const QString &instanceId, const QString &reason) = 0;
    virtual QFuture<Status> resume(const QString &instanceId, const QString &reason) = 0;
    /// Re-runs what failed in a Failed instance. FailedPrecondition for any other status.
    virtual QFuture<Status> rewind(const QString &instanceId, const QString &reason) = 0;
    /// Starts the same orchestrator with the same input, under the same id (which must be
    /// finished) or a new one. Returns the new instance id.
    virtual QFuture<Result<QString>> restart(const QString &instanceId, bool newInstanceId) = 0;
    /// Deletes a finished instance with history, logs and messages. FailedPrecondition while it
    /// is not finished; `recursive` also purges its sub-orchestrations. Returns the number deleted.
    virtual QFuture<Result<int>> purge(const QString &instanceId, bool recursive = false) = 0;
    virtual QFuture<Result<int>> purge(const PurgeFilter &filter) = 0;
    /// Makes a pending durable timer due now. NotFound when the timer is not pending.
    virtual QFuture<Status> fireTimer(const QString &instanceId, int timerId) = 0;
    /// Finishes when the instance reaches a final status (or ContinuedAsNew is passed) or after
    /// `timeoutMs` (then FailedPrecondition "timeout"); returns the final snapshot.
    virtual QFuture<Result<InstanceInfo>> waitForCompletion(const QString &instanceId, int timeoutMs) = 0;

    virtual const Registry &registry() const = 0;
    virtual int maxPayloadBytes() const = 0;

protected:
    ~Client() = default;
};

} // namespace durable
