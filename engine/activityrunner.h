#pragma once

#include "activityresult.h"
#include "hubclient.h"
#include "registry.h"

#include <QHash>
#include <QMutex>
#include <QThreadPool>
#include <QWaitCondition>

#include <atomic>
#include <deque>
#include <functional>
#include <limits>

namespace durable {

/// Runs activity functions on a pool of its own. launch() queues a work item and returns a
/// token; the result comes back through takeResults() carrying that token. Results of voided
/// launches (a batch whose commit failed, a hub whose workers this process lost) are dropped on
/// arrival and never reach the dispatcher. Activities start only while the start gate is open
/// (see setStartDeadline()), so a process that may have lost its lease starts nothing new.
/// Fair across instances: each instance has a queue of its own (first in, first out) and the
/// threads take from the instances with queued work in turn, so a fan-out of thousands queued
/// first delays another instance's activity by at most one turn (one activity per instance with
/// queued work), not by the whole fan-out.
/// Bounded: once `maxWaitingResults` results wait to be taken, no activity starts until some are
/// (those running finish and join them), so a fan-out of 100,000 holds a writer's share of
/// results in memory, not all of them, and the activity threads leave the CPU to the writer.
/// Thread-safe; `resultsReady` is called on a pool thread when results wait and none did before.
class ActivityRunner {
public:
    /// `clock` (may be null: the system's time) stamps each launch for backlog()'s oldest wait.
    ActivityRunner(Registry &registry, int threads, int maxPayloadBytes, qsizetype maxWaitingResults,
                   std::function<void()> resultsReady, const Clock *clock = nullptr);
    ~ActivityRunner();
    ActivityRunner(const ActivityRunner &) = delete;
    ActivityRunner &operator=(const ActivityRunner &) = delete;

    /// Queues `item`; returns the launch's token.
    quint64 launch(const WorkItem &item);
    /// Takes up to `max` of the results that arrived and were not voided, oldest first. Results
    /// left waiting wake nobody again: the caller looks for them (waitingResults()).
    QList<ActivityResult> takeResults(qsizetype max = std::numeric_limits<qsizetype>::max());
    /// Results that arrived and were not taken yet.
    qsizetype waitingResults() const;
    /// These launches are void: queued ones never start, results of running ones are dropped.
    void voidLaunches(const QList<quint64> &tokens);
    /// Drops every queued activity and voids the results of running ones (the workers were lost).
    /// Returns how many queued activities were dropped.
    int abandonAll();
    /// Activities start only until `steadyMs` (steadyMs(), which runs on
    /// while the process is stopped); a later deadline reopens the gate and resumes the queue.
    /// Without a deadline (the default) the gate is open.
    void setStartDeadline(std::optional<qint64> steadyMs);
    /// Drops activities not started yet (their work rows run again at the next start) and waits
    /// for the running ones (their results may exceed the bound).
    void stop();
    /// Activities queued and not started (all instances).
    int queued() const;
    /// Queued and running activities and when the oldest queued one was launched.
    ActivityBacklog backlog() const;

private:
    struct Job {
        WorkItem item;
        ActivityFunction function;
        quint64 token = 0;
        qint64 queuedAtMs = 0; ///< clock time of the launch
    };
    /// Pool tasks to start for the queue as it is (called with m_jobsMutex held).
    int drainersWanted();
    /// The next job in turn (called with m_jobsMutex held, a job queued).
    Job takeNext();
    void drain();
    /// Blocks the calling drainer while the results waiting are at the bound (unless stopping).
    void waitForRoom();
    ActivityResult run(const Job &job) const;
    bool gateOpen() const;

    Registry &m_registry;
    const Clock *m_clock;
    const int m_maxPayloadBytes;
    const qsizetype m_maxWaitingResults;
    const std::function<void()> m_resultsReady;
    QThreadPool m_pool;
    // Two locks: the dispatcher queues while pool threads hand results back.
    mutable QMutex m_jobsMutex; ///< guards m_queues, m_turns, m_queued, m_running, m_drainers
    QHash<QString, std::deque<Job>> m_queues; ///< by instance id; only instances with queued jobs
    std::deque<QString> m_turns; ///< the instances of m_queues, the next to serve first
    int m_queued = 0; ///< jobs in m_queues
    int m_running = 0; ///< jobs taken by drainers and not finished
    int m_drainers = 0; ///< pool tasks running drain()
    mutable QMutex m_resultsMutex; ///< guards m_results, m_void, m_voidThrough, m_stopping
    QWaitCondition m_room; ///< signalled when results are taken or dropped, or on stop()
    bool m_stopping = false; ///< stop() is waiting for the drainers: none waits for room
    QList<ActivityResult> m_results;
    QSet<quint64> m_void;
    quint64 m_voidThrough = 0; ///< every launch up to this token is void
    std::atomic<quint64> m_lastLaunch { 0 };
    std::atomic<qint64> m_startDeadline { -1 }; ///< -1: no deadline
};

} // namespace durable
