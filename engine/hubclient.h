#pragma once

#include "bundle.h"
#include "client.h"
#include "clock.h"
#include "fork.h"
#include "hubstore.h"

#include <QObject>

#include <optional>

namespace durable {

/// A worker session of the hub as a view shows it (HubClient::workerSessions()).
struct HubWorker {
    WorkerInfo info;
    bool thisProcess = false; ///< the session of this client's own engine
    /// Whether info.activitiesDone and info.episodesDone are known: a backend that stores no
    /// progress (SQLite) has them only for the session of this process.
    bool progressKnown = true;
};

/// The activities a process's threads have to do (HubClient::activityBacklog()).
struct ActivityBacklog {
    int queued = 0; ///< launched and waiting for a thread
    int running = 0; ///< on a thread now
    /// Engine-clock time the oldest queued activity was launched; null when none is queued.
    QDateTime oldestQueuedAt;
};

/// The facade the GUI is written against: the client operations plus what a live view needs
/// (change notifications, who runs the workers, stored scripts). The in-process Engine is one
/// implementation; a hub attached over the network or on a shared database is another, so views
/// and models never name Engine. Signals are emitted on the thread the client object lives on;
/// connect with a context object. Thread-safety of the calls is that of Client.
class HubClient : public QObject, public Client {
    Q_OBJECT
public:
    using QObject::QObject;

    /// The hub as the user named it (a file path, later a URL).
    virtual QString hubName() const = 0;
    /// Engine time (never null): views compute "due in" and durations with it.
    virtual Clock *clock() const = 0;
    /// True while this process runs the hub's workers. Changes are announced by workersChanged().
    virtual bool ownsWorkers() const = 0;
    /// The process that runs the workers, as last seen; nullopt when none does (or not known yet).
    virtual std::optional<WorkerOwner> workerOwner() const = 0;

    /// The hub's live worker sessions (HubStore::sessions()), oldest first, read off the GUI
    /// thread: every process running workers on the hub, with what each holds and has done.
    virtual QFuture<Result<QList<HubWorker>>> workerSessions() = 0;
    /// How long a worker's session lasts without a heartbeat (EngineOptions::ownerLeaseMs): a
    /// heartbeat older than this belongs to a worker that is gone or stopped.
    virtual int workerLeaseMs() const = 0;
    /// The activities this process runs for the hub, queued and running, as they are now (a
    /// cheap in-memory read; views poll it). nullopt while this process does not run the hub's
    /// workers: the backlog is then another process's and not known here.
    virtual std::optional<ActivityBacklog> activityBacklog() const { return std::nullopt; }

    /// Saves `code` as the next version of script file `fileName` with the orchestrator and activity
    /// names it defines; saving the same code as the latest version returns that version.
    /// Errors: InvalidArgument (empty name or code), PayloadTooLarge, Storage.
    virtual QFuture<Result<int>> saveScript(const QString &fileName, const QString &code,
                                            const QStringList &orchestrators, const QStringList &activities)
        = 0;
    /// Saved versions of one script file (all files when empty), oldest first, without code.
    virtual QFuture<Result<QList<ScriptVersion>>> scriptVersions(const QString &fileName = {}) = 0;
    /// One saved version with its code. NotFound when absent.
    virtual QFuture<Result<ScriptVersion>> scriptVersion(const QString &fileName, int version) = 0;

    /// Set once a read found a damaged page after the hub was opened (it answered Corrupt). The
    /// hub is then read-only in this process until it is reopened: nothing is dispatched, every
    /// write is refused with ErrorCode::Damaged, reads that still work go on. Announced once by
    /// damaged(). The error is the read's: what was read and SQLite's message.
    virtual std::optional<Error> damage() const { return std::nullopt; }
    /// Runs SQLite's integrity check over the whole file, on a connection and thread of its own
    /// (it reads every page: seconds for a large hub). The value: "ok" when the file is whole,
    /// else the problems found (at most 100 lines). Errors: those of opening the file.
    virtual QFuture<Result<QStringList>> checkIntegrity() = 0;

    /// A what-if fork of an instance (ForkRequest): the chosen code is replayed against the
    /// prefix first, and a fork it cannot replay is refused with the verdict (nothing written).
    /// Otherwise one transaction writes the new instance (Running, origin "fork"), its history
    /// prefix and log lines, and what it needs to go on: the delivered events of a cut episode
    /// and the substitute as messages, timers not yet fired, and the activities in flight at the
    /// fork point (started by the dispatcher). The original is not touched. Errors: NotFound,
    /// UnknownOrchestrator (that version is not registered), InvalidArgument (event out of
    /// range, bad instance id, substitute without value), FailedPrecondition (see planFork()),
    /// AlreadyExists, PayloadTooLarge. Clients that cannot run orchestrator code refuse with
    /// FailedPrecondition.
    virtual QFuture<Result<ForkResult>> fork(const ForkRequest &request);

    /// Imports a repro bundle (bundle.h) read from file `fileName` (recorded in the origin) in one
    /// transaction: its instances as read-only instances (origin kind "bundle"; ids that are
    /// taken get "-imported-<n>"), their histories and logs, no messages or work (nothing of them
    /// is ever dispatched), and the script versions they ran on (an identical stored version is
    /// reused, else the code is saved as the next version of its file). Errors: those of
    /// bundle::parse() (nothing is written), Storage. Clients that cannot write refuse with
    /// FailedPrecondition.
    virtual QFuture<Result<bundle::ImportResult>> importBundle(const QByteArray &bytes, const QString &fileName);

Q_SIGNALS:
    /// Coalesced notification of what changed (at most every 100 ms). Changes committed by another
    /// process arrive as a set with `everything` set, within a second.
    void changed(const durable::ChangeSet &changes);
    /// A background failure (e.g. the hub became unwritable). The engine keeps retrying.
    void backgroundError(const durable::Error &error);
    /// This process gained or lost the workers, or the process that runs them changed.
    void workersChanged();
    /// The hub turned damaged (see damage()); emitted once.
    void damaged(const durable::Error &reason);
};

} // namespace durable
