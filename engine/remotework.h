#pragma once

#include "error.h"
#include "run.h"

#include <QDateTime>
#include <QFuture>
#include <QHash>
#include <QMutex>
#include <QObject>
#include <QSet>

#include <deque>
#include <functional>
#include <variant>

namespace durable {

/// One step of an orchestration whose code runs in an external worker: the committed history of
/// the current execution and the events the step delivers (OrchestratorStarted first).
struct RemoteOrchestratorItem {
    QString instanceId;
    QString executionId;
    QString name;
    QString version;
    History pastEvents;
    History newEvents;
    quint64 dispatch = 0; ///< the dispatcher's number for this step, checked when it completes
};

/// An activity invocation for an external worker. `input` may be a verbatim payload (json.h).
struct RemoteActivityItem {
    QString instanceId;
    QString executionId;
    int taskId = -1;
    QString name;
    QJsonValue input;
    qint64 workId = 0; ///< the work row it answers
    int attempt = 1; ///< the row's attempt, which its result must carry back (HubStore::deleteWorkRows)
};

/// A work item handed to (or waiting for) an external worker.
struct RemoteItem {
    quint64 token = 0; ///< completion token of this hand-out; a redelivery gets a new one
    std::variant<RemoteOrchestratorItem, RemoteActivityItem> item;

    bool isOrchestrator() const { return std::holds_alternative<RemoteOrchestratorItem>(item); }
    QString instanceId() const;
};

/// One hand-out, give-back or completion of a work item, for a work log.
struct RemoteWorkEvent {
    enum class Kind { HandedOut, Returned, Completed, Refused };
    Kind kind = Kind::HandedOut;
    QDateTime at; ///< UTC
    QString workerId; ///< empty for a refused completion (no hand-out matched)
    QString instanceId;
    QString name; ///< orchestrator or activity name; empty for a refused completion
    bool orchestrator = true;
    quint64 token = 0;
};

/// A termination an external orchestrator asked for (its terminateOrchestration action).
struct RemoteTermination {
    QString instanceId;
    QJsonValue reason; ///< verbatim (json.h); becomes the terminated instance's output
    bool recursive = false;
};

/// What an external orchestrator did in one step. Payloads are verbatim (json.h).
struct RemoteOrchestratorResult {
    quint64 token = 0; ///< 0: the worker sent none; matched by instance id
    QString instanceId;
    QList<Action> actions; ///< scheduling actions in id order
    std::optional<Outcome> outcome; ///< Completed, Failed, Terminated or ContinuedAsNew
    std::optional<QJsonValue> customStatus; ///< set when the worker sent one
    QList<RemoteTermination> terminations;
};

/// An external activity's result or failure.
struct RemoteActivityResult {
    quint64 token = 0; ///< 0: matched by instance id and task id
    QString instanceId;
    int taskId = -1;
    bool succeeded = true;
    QJsonValue result; ///< verbatim
    FailureDetails failure;
};

/// The engine's queue of work for external workers (SDK workers connected over the sidecar
/// protocol). When enabled, orchestrators and activities not registered in-process are executed
/// by external workers: the dispatcher posts their steps and invocations here after each commit;
/// a worker connection takes them one at a time, and answers with complete*(). A hand-out that a
/// worker gives back (abandon(), workerGone()) is redelivered to the next worker under a new
/// token; a completion whose token is no longer handed out is refused (NotFound), so nothing is
/// applied twice. Nothing here is durable: the hub's inbox and work rows are, and after a restart
/// the dispatcher posts again what they still hold.
///
/// Thread-safe; the signals are emitted on the thread that changed the queue (connect queued).
class RemoteWork : public QObject {
    Q_OBJECT
public:
    /// How completions reach the dispatcher: it applies them in a batch and finishes the future
    /// after the commit. Called under the queue's lock: it must only post, never call back here.
    struct Sink {
        std::function<QFuture<Status>(RemoteOrchestratorItem, RemoteOrchestratorResult)> orchestrator;
        std::function<Status(RemoteActivityItem, RemoteActivityResult)> activity;
    };

    /// What one worker holds now.
    struct WorkerLoad {
        int orchestrators = 0;
        int activities = 0;
        QDateTime lastActivity; ///< last hand-out or completion
    };

    explicit RemoteWork(QObject *parent = nullptr);

    /// Whether new instances of orchestrators this process does not know are accepted (the
    /// sidecar is on). Off by default. Where they run is EngineOptions::externalWorkers.
    void setEnabled(bool enabled);
    bool isEnabled() const;
    void setSink(Sink sink);

    /// Called by the dispatcher (after the commit that makes the item real).
    void post(std::variant<RemoteOrchestratorItem, RemoteActivityItem> item);
    /// Drops everything queued and handed out (the workers were lost, or the engine stops).
    void clear();

    /// The oldest waiting item, now handed out to `workerId`; nullopt when none waits.
    std::optional<RemoteItem> take(const QString &workerId);
    /// Puts a hand-out back at the front of the queue. False when `token` is not handed out.
    bool abandon(quint64 token);
    /// Everything handed out to `workerId` goes back to the queue (its stream ended).
    void workerGone(const QString &workerId);

    /// NotFound when the step is no longer handed out (abandoned, redelivered, or the engine lost
    /// it); otherwise the dispatcher's verdict after its commit.
    QFuture<Status> completeOrchestrator(RemoteOrchestratorResult result);
    /// Accepted once per hand-out; the result commits with the next batch.
    Status completeActivity(RemoteActivityResult result);

    int queued() const;
    QHash<QString, WorkerLoad> loads() const;
    /// Orchestrator and activity names handed to external workers since the engine started.
    QStringList orchestratorNames() const;
    QStringList activityNames() const;

Q_SIGNALS:
    /// Items are waiting.
    void available();
    /// Hand-outs, completions or names changed (for views; coalesce before repainting).
    void activity();
    /// Each hand-out, give-back and completion, as it happens.
    void workEvent(const durable::RemoteWorkEvent &event);

private:
    struct HandedOut {
        QString workerId;
        std::variant<RemoteOrchestratorItem, RemoteActivityItem> item;
    };
    mutable QMutex m_mutex;
    bool m_enabled = false;
    Sink m_sink;
    std::deque<std::variant<RemoteOrchestratorItem, RemoteActivityItem>> m_queue;
    QHash<quint64, HandedOut> m_handedOut;
    QHash<QString, WorkerLoad> m_loads;
    QSet<QString> m_orchestratorNames;
    QSet<QString> m_activityNames;
    quint64 m_nextToken = 1;
};

} // namespace durable

Q_DECLARE_METATYPE(durable::RemoteWorkEvent)
