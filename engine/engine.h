#pragma once

#include "clock.h"
#include "error.h"
#include "registry.h"
#include "types.h"

#include <QFuture>
#include <QObject>

#include <memory>

namespace durable {

class Dispatcher;

enum class SyncMode { Full, Normal };

struct EngineOptions {
    /// SQLite file of the task hub; created when missing.
    QString hubPath;
    /// PRAGMA synchronous: Full survives power loss, Normal only process crashes.
    SyncMode sync = SyncMode::Full;
    /// Live orchestrator runs kept in memory. 0 forces a full replay from history at every episode.
    int cacheSize = 2000;
    /// Maximum size in bytes of any JSON payload (input, event data, activity result).
    int maxPayloadBytes = 4 * 1024 * 1024;
    int maxInstanceIdLength = 256;
    /// Threads running activities.
    int activityThreads = 8;
    /// Run dispatchers and activities. False opens the hub as a client only (inspect, send commands).
    bool runWorkers = true;
    /// Owner lease: another process may take over the workers after this long without a heartbeat.
    int ownerLeaseMs = 15000;
    /// Milliseconds between checks for commands written by other processes.
    int pollIntervalMs = 200;
    /// Engine time; nullptr: the system clock.
    Clock *clock = nullptr;
};

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
    };
    /// Creates a Pending instance and its ExecutionStarted message in one transaction; returns the
    /// instance id. Errors: UnknownOrchestrator, InvalidArgument (instance id), PayloadTooLarge,
    /// AlreadyExists (that id is Pending, Running or Suspended). A finished instance with the same
    /// id is replaced (its history and logs are deleted).
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

/// An open task hub: the embedded durable engine. Owns a dispatcher thread (the single writer),
/// a reader thread and the activity pool. Create with open(); destroy to shut down cleanly (the
/// current commit finishes, in-flight activities are awaited, their results re-run after reopen).
class Engine : public QObject, public Client {
    Q_OBJECT
public:
    /// Opens (creating or migrating) the hub. Errors: Corrupt, SchemaTooNew, ReadOnly, Busy,
    /// Storage. On error nothing in the file changed. `registry` must outlive the engine.
    static Result<std::unique_ptr<Engine>> open(const EngineOptions &options, Registry &registry);
    ~Engine() override;

    /// True when this process owns the hub's workers; false when another process does
    /// (commands are still accepted and picked up by the owner).
    bool ownsWorkers() const;
    QString hubPath() const;
    const EngineOptions &options() const;

    QFuture<Result<QString>> start(const QString &name, const QJsonValue &input, const StartOptions &options) override;
    using Client::start;
    QFuture<Result<InstanceInfo>> status(const QString &instanceId, bool withHistory = false,
                                         bool withInputs = true) override;
    QFuture<Result<InstancePage>> query(const InstanceQuery &query) override;
    QFuture<Result<QList<qint64>>> countByStatus() override;
    QFuture<Result<History>> history(const QString &instanceId) override;
    QFuture<Result<QList<LogLine>>> logs(const QString &instanceId, qint64 afterId = 0) override;
    QFuture<Status> raiseEvent(const QString &instanceId, const QString &eventName, const QJsonValue &payload) override;
    QFuture<Status> terminate(const QString &instanceId, const QString &reason, bool recursive = false) override;
    QFuture<Status> suspend(const QString &instanceId, const QString &reason) override;
    QFuture<Status> resume(const QString &instanceId, const QString &reason) override;
    QFuture<Status> rewind(const QString &instanceId, const QString &reason) override;
    QFuture<Result<QString>> restart(const QString &instanceId, bool newInstanceId) override;
    QFuture<Result<int>> purge(const QString &instanceId, bool recursive = false) override;
    QFuture<Result<int>> purge(const PurgeFilter &filter) override;
    QFuture<Status> fireTimer(const QString &instanceId, int timerId) override;
    QFuture<Result<InstanceInfo>> waitForCompletion(const QString &instanceId, int timeoutMs) override;
    const Registry &registry() const override;
    int maxPayloadBytes() const override;

    /// Saves `code` as the next version of script file `fileName` with the orchestrator and activity
    /// names it defines; saving the same code as the latest version returns that version.
    /// Errors: InvalidArgument (empty name or code), PayloadTooLarge, Storage.
    QFuture<Result<int>> saveScript(const QString &fileName, const QString &code, const QStringList &orchestrators,
                                    const QStringList &activities);
    /// Saved versions of one script file (all files when empty), oldest first, without code.
    QFuture<Result<QList<ScriptVersion>>> scriptVersions(const QString &fileName = {});
    /// One saved version with its code. NotFound when absent.
    QFuture<Result<ScriptVersion>> scriptVersion(const QString &fileName, int version);

    /// Validates an instance id (length, no '/', '\\', '#', '?' or control characters).
    static Status validateInstanceId(const QString &id, int maxLength);

Q_SIGNALS:
    /// Coalesced notification of what changed; emitted at most every 100 ms from the engine's
    /// own thread (connect with a context object: delivery is queued to it).
    void changed(const durable::ChangeSet &changes);
    /// A background failure (e.g. the hub became unwritable). The engine keeps retrying.
    void backgroundError(const durable::Error &error);

private:
    Engine(const EngineOptions &options, Registry &registry);
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace durable
