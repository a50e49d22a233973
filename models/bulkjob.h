#pragma once

#include <client.h>

#include <QMap>
#include <QObject>

namespace durable::models {

/// One instance command over many instances: terminate, suspend, resume, raise an event, restart
/// (under a new id, the original kept) or purge. The targets are either given (a selection, with
/// the status the list last showed) or collected from an instance-list query first (collect()), so
/// that the caller can say how many before anything is done. run() then works through them a
/// batch at a time through the asynchronous client: the GUI thread only handles the answers, so it
/// stays responsive. stop() ends the job after the batch in flight; the remaining targets are left
/// untouched.
///
/// A target the command does not apply to (by its listed status, or because the engine refused it
/// as FailedPrecondition since, or it no longer exists) is skipped with the reason, never counted as
/// a failure; other engine errors are failures and the job goes on with the next ones.
class BulkJob : public QObject {
    Q_OBJECT
public:
    enum class Action { Terminate, Suspend, Resume, Raise, Restart, Purge };
    struct Target {
        QString instanceId;
        RuntimeStatus status = RuntimeStatus::Running;
    };
    struct Outcome {
        int total = 0;
        int done = 0;
        int skipped = 0;
        int failed = 0;
        bool stopped = false;
        /// Why instances were skipped: reason → count.
        QMap<QString, int> skippedWhy;
        /// The failures with the engine's error, in order.
        QList<std::pair<QString, Error>> failures;
        /// An error that ended the job early (the query collecting the targets failed).
        std::optional<Error> error;
        /// Targets never sent: the job was stopped or ended early.
        int untouched() const { return total - done - skipped - failed; }
    };

    /// `client` must outlive the job.
    BulkJob(Client *client, Action action, QObject *parent = nullptr);

    Action action() const { return m_action; }
    /// Reason recorded by terminate, suspend and resume.
    void setReason(const QString &reason) { m_reason = reason; }
    /// The event raised by Action::Raise.
    void setEvent(const QString &name, const QJsonValue &payload);

    /// Pages through every instance matching `query`'s filters (sort and paging fields ignored) and
    /// makes them the targets; emits collected() or, when the query fails, finished() with the error.
    void collect(const InstanceQuery &query);
    void setTargets(const QList<Target> &targets);
    const QList<Target> &targets() const { return m_targets; }
    /// How many targets the action applies to by their listed status.
    int applicableCount() const;

    /// Runs over the targets. Start once, after setTargets() or collected().
    void run();
    /// Ends the job after the batch in flight.
    void stop();
    bool isStopped() const { return m_outcome.stopped; }
    const Outcome &outcome() const { return m_outcome; }

    /// Whether `action` applies to an instance in `status`; otherwise `whyNot` (user-facing) says why.
    static bool applies(Action action, RuntimeStatus status, QString *whyNot = nullptr);
    /// Concurrent requests per batch: enough to keep the engine's writer busy, few enough that Stop
    /// takes effect at once.
    static constexpr int BatchSize = 25;

Q_SIGNALS:
    /// collect() finished: `total` instances match, `applicable` of them by their status.
    void collected(int total, int applicable);
    /// `handled` (done, skipped or failed) of `total` targets.
    void progress(int handled, int total);
    /// Emitted once when the job ends: every target handled, stopped, or collecting failed.
    void finished(const durable::models::BulkJob::Outcome &outcome);

private:
    void collectPage(InstanceQuery query);
    void nextBatch();
    QFuture<Status> send(const QString &instanceId);
    void handled(const QString &instanceId, const Status &status);
    void skip(const QString &why);
    void finish();

    Client *m_client;
    Action m_action;
    QString m_reason;
    QString m_eventName;
    QJsonValue m_payload;
    QList<Target> m_targets;
    int m_next = 0;
    int m_inFlight = 0;
    bool m_stopRequested = false;
    bool m_finished = false;
    Outcome m_outcome;
};

} // namespace durable::models
