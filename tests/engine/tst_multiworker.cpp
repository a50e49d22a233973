// N worker processes (durable-multiworker) share one PostgreSQL hub and run a fan-out of sleeping
// activities, each execution recorded in a side table (multiworkload.h).
//
// killedWorker: three workers, 2,000 × 20 ms activities; one worker is SIGKILLed when about half
// the results are committed (stopped first at a moment it is outside any transaction, so the work
// rows leased to it can be read exactly). Then: exact sum; exactly one TaskScheduled and one
// TaskCompleted per task; contiguous sequences; no work or inbox rows left; every task executed
// more than once was leased to the killed worker at the kill, and its re-executions have attempt
// ≥ 2. The takeover time (kill → first re-execution) is printed, not asserted.
// DURABLE_TEST_SOAK=1: twenty kills at seeded random points, a fresh worker replacing each victim
// (DURABLE_TEST_SEED=S replays a run).
//
// stoppedWorkerCommitsNothing: a worker is SIGSTOPped while it runs activities and kept stopped
// until the others have run and committed every row it held; resumed, it must find its session
// lost (counted from its stderr, ≥ 1) and the history stays exactly once.
#include "hubopen.h"
#include "multiworkload.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTest>

#include <csignal>
#include <functional>
#include <thread>

using namespace durable;
using multiworker::PgConnection;

namespace {

constexpr int LeaseMs = 2000;
constexpr int Threads = 4; // each worker's activityThreads

struct Worker {
    std::unique_ptr<QProcess> process;
    QString tag; ///< its connections' application_name (PGAPPNAME)
    QByteArray out, err;
    qint64 pid = 0;

    void read()
    {
        out += process->readAllStandardOutput();
        err += process->readAllStandardError();
    }
    /// Lines of stderr reporting a lost session: each a batch or a renewal the hub refused.
    int rejections()
    {
        read();
        return int(err.count("another process took over this hub's workers"));
    }
};

/// Whether every thread of `pid` is stopped (a group stop reaches the threads one by one).
bool isStopped(qint64 pid)
{
    const QDir tasks(QStringLiteral("/proc/%1/task").arg(pid));
    const auto threads = tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    if (threads.isEmpty())
        return false;
    for (const auto &tid : threads) {
        QFile stat(tasks.filePath(tid + QStringLiteral("/stat")));
        if (!stat.open(QIODevice::ReadOnly))
            return false;
        const QByteArray text = stat.readAll();
        const auto close = text.lastIndexOf(')');
        if (close <= 0 || text.mid(close + 2, 1) != "T")
            return false;
    }
    return true;
}

} // namespace

class TestMultiWorker : public QObject {
    Q_OBJECT

private:
    QString m_server;
    Registry m_registry;

    QString newHub(const QString &tag) const
    {
        return multiworker::withHub(m_server,
                                    QStringLiteral("mw_%1_%2_%3")
                                        .arg(tag)
                                        .arg(QCoreApplication::applicationPid())
                                        .arg(QRandomGenerator::global()->bounded(1u << 24)));
    }

    static std::unique_ptr<Worker> startWorker(const QString &hub, const QString &tag)
    {
        auto w = std::make_unique<Worker>();
        w->tag = tag;
        w->process = std::make_unique<QProcess>();
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PGAPPNAME"), tag); // libpq: names its connections in pg_stat_activity
        w->process->setProcessEnvironment(env);
        w->process->start(QStringLiteral(MULTIWORKER), { hub, QString::number(LeaseMs), QString::number(Threads) });
        if (!w->process->waitForStarted())
            return nullptr;
        w->pid = w->process->processId();
        return w;
    }

    /// Stops `w` at a moment none of its connections is inside a transaction or running a
    /// statement: what it committed is then final, and the rows leased to it are exactly what a
    /// kill leaves behind. False: it was inside one this time and was let go on; call again.
    static bool stopOutsideTransaction(Worker &w, PgConnection &pg)
    {
        ::kill(pid_t(w.pid), SIGSTOP);
        for (QDeadlineTimer deadline(10000); !isStopped(w.pid);) {
            if (deadline.hasExpired()) {
                ::kill(pid_t(w.pid), SIGCONT);
                return false;
            }
            QTest::qWait(1);
        }
        // A statement already sent finishes on the server; then the state is idle or in transaction.
        const QString busy = QStringLiteral("SELECT count(*) FILTER (WHERE state = 'active'), "
                                            "count(*) FILTER (WHERE state LIKE 'idle in transaction%') "
                                            "FROM pg_stat_activity WHERE application_name = $1");
        for (QDeadlineTimer deadline(5000);;) {
            const auto rows = pg.query(busy, { w.tag });
            if (!rows || rows->isEmpty())
                break;
            if (rows->first().at(1).toInt() > 0)
                break;
            if (rows->first().at(0).toInt() == 0)
                return true;
            if (deadline.hasExpired())
                break;
            QTest::qWait(1);
        }
        ::kill(pid_t(w.pid), SIGCONT);
        return false;
    }

    /// Calls `attempt` until it succeeds, for at most 3 minutes. Not QTRY_*: those evaluate the
    /// condition again after it held, and each call here stops or resumes a process.
    static bool retry(const std::function<bool()> &attempt)
    {
        for (QDeadlineTimer deadline(180000); !deadline.hasExpired(); QTest::qWait(20)) {
            if (attempt())
                return true;
        }
        return false;
    }

    /// Task ids of the work rows leased to the worker with process id `pid`.
    static QSet<int> leasedTo(PgConnection &pg, const QString &schema, qint64 pid)
    {
        QSet<int> ids;
        const auto rows = pg.query(QStringLiteral("SELECT w.task_id FROM \"%1\".work w JOIN \"%1\".workers s "
                                                  "ON s.worker_id = w.owner_id WHERE s.pid = $1")
                                       .arg(schema),
                                   { QString::number(pid) });
        if (rows) {
            for (const auto &r : *rows)
                ids.insert(r.first().toInt());
        }
        return ids;
    }

    /// Executions per task of one instance: (attempt, pid, at in ms on the server clock), in order.
    static QHash<int, QList<std::tuple<int, qint64, qint64>>> executions(PgConnection &pg, const QString &hub,
                                                                         const QString &instanceId)
    {
        QHash<int, QList<std::tuple<int, qint64, qint64>>> byTask;
        const auto rows = pg.query(QStringLiteral("SELECT task_id, attempt, pid, "
                                                  "(extract(epoch FROM at) * 1000)::bigint FROM %1 "
                                                  "WHERE instance_id = $1 ORDER BY at")
                                       .arg(multiworker::executionsTable(hub)),
                                   { instanceId });
        if (rows) {
            for (const auto &r : *rows)
                byTask[r.at(0).toInt()].append({ r.at(1).toInt(), r.at(2).toLongLong(), r.at(3).toLongLong() });
        }
        return byTask;
    }

    using Executions = QHash<int, QList<std::tuple<int, qint64, qint64>>>;

    /// The start (server clock, ms) of the live session `pid` holds now; -1 if none (its session
    /// ran out: it lost it, whether or not it has noticed yet).
    static qint64 sessionStart(PgConnection &pg, const QString &schema, qint64 pid)
    {
        return pg.number(
            QStringLiteral("SELECT coalesce(max(started_at), -1) FROM \"%1\".workers WHERE pid = $1 AND expires_at > "
                           "(extract(epoch FROM clock_timestamp()) * 1000)::bigint")
                .arg(schema),
            { QString::number(pid) });
    }

    /// Every task executed more than once ran each time but the last on a worker that lost its
    /// work: `victim` (the task then among `held`, the rows leased to it when it was stopped, or
    /// run before `victimSession` began: under a session of its own that it had lost already,
    /// perhaps without having reported it yet), or a worker that reported a lost session (one that
    /// misses its own lease, e.g. under load, has its rows run again elsewhere: at least once).
    /// Each re-execution has a higher attempt, ≥ 2. Empty when so, else what broke it with the
    /// task's executions.
    static QString checkReexecutions(const Executions &byTask, qint64 victim, const QSet<int> &held,
                                     qint64 victimSession, const QSet<qint64> &lost, QSet<int> &again,
                                     qint64 &firstRerun)
    {
        for (auto it = byTask.cbegin(); it != byTask.cend(); ++it) {
            if (it->size() < 2)
                continue;
            again.insert(it.key());
            QStringList runs, lostPids;
            for (const qint64 pid : lost)
                lostPids.append(QString::number(pid));
            for (const auto &[attempt, pid, at] : *it)
                runs.append(QStringLiteral("attempt %1 by %2").arg(attempt).arg(pid));
            const QString what = QStringLiteral("task %1 ran %2 times (%3; killed or stopped: %4, lost a session: %5)")
                                     .arg(it.key())
                                     .arg(it->size())
                                     .arg(runs.join(QStringLiteral(", ")))
                                     .arg(victim)
                                     .arg(lostPids.isEmpty() ? QStringLiteral("none") : lostPids.join(u' '));
            for (qsizetype k = 0; k + 1 < it->size(); ++k) {
                const auto [attempt, pid, at] = it->at(k);
                const bool victims
                    = pid == victim && (held.contains(it.key()) || (victimSession >= 0 && at < victimSession));
                if (!victims && !lost.contains(pid))
                    return QStringLiteral("not a lost worker's: ") + what;
            }
            for (qsizetype k = 1; k < it->size(); ++k) {
                const auto [attempt, pid, at] = it->at(k);
                if (attempt < 2 || attempt <= std::get<0>(it->at(k - 1)))
                    return QStringLiteral("attempt not counted up: ") + what;
                if (firstRerun < 0 || at < firstRerun)
                    firstRerun = at;
            }
        }
        return {};
    }

    static QSet<qint64> lostSessions(std::vector<std::unique_ptr<Worker>> &workers)
    {
        QSet<qint64> lost;
        for (auto &w : workers) {
            if (w->rejections() > 0)
                lost.insert(w->pid);
        }
        return lost;
    }

    /// Exactly once: one TaskScheduled per task id, one completion per task id, contiguous
    /// sequences; the output is the exact sum.
    void checkHistory(Engine &client, const QString &id, int n)
    {
        auto done = client.waitForCompletion(id, 240000).result();
        QVERIFY2(done, qPrintable(done ? QString() : done.error().message));
        QCOMPARE(done->status, RuntimeStatus::Completed);
        QCOMPARE(done->output.toDouble(), multiworker::expectedSum(n));
        auto history = client.history(id).result();
        QVERIFY(history);
        // Const throughout: a non-const first() would detach the list under a reference into it.
        const History events = *history;
        QVERIFY(!events.isEmpty());
        const qint64 first = events.constFirst().sequence;
        QCOMPARE(first, 0);
        QHash<int, int> scheduled, completed;
        for (qsizetype i = 0; i < events.size(); ++i) {
            const HistoryEvent &e = events.at(i);
            QCOMPARE(e.sequence, first + i);
            if (e.type == EventType::TaskScheduled)
                ++scheduled[e.eventId];
            else if (e.type == EventType::TaskCompleted || e.type == EventType::TaskFailed)
                ++completed[e.taskId];
        }
        QCOMPARE(scheduled.size(), n);
        QCOMPARE(completed.size(), n);
        for (auto it = scheduled.cbegin(); it != scheduled.cend(); ++it) {
            QVERIFY2(it.value() == 1,
                     qPrintable(QStringLiteral("task %1 scheduled %2 times").arg(it.key()).arg(it.value())));
            QVERIFY2(
                completed.value(it.key()) == 1,
                qPrintable(QStringLiteral("task %1 completed %2 times").arg(it.key()).arg(completed.value(it.key()))));
        }
    }

    static void checkEmptyQueues(PgConnection &pg, const QString &schema)
    {
        QCOMPARE(pg.number(QStringLiteral("SELECT count(*) FROM \"%1\".work").arg(schema)), 0);
        QCOMPARE(pg.number(QStringLiteral("SELECT count(*) FROM \"%1\".inbox").arg(schema)), 0);
    }

    /// Ends the workers gracefully (standard input closed) and waits for them.
    static void stopAll(std::vector<std::unique_ptr<Worker>> &workers)
    {
        for (auto &w : workers) {
            if (w->process->state() == QProcess::Running)
                w->process->closeWriteChannel();
        }
        for (auto &w : workers) {
            if (w->process->state() == QProcess::Running && !w->process->waitForFinished(60000))
                w->process->kill();
            w->read();
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = qEnvironmentVariable("DURABLE_TEST_PG");
        if (m_server.isEmpty()) {
            if (qEnvironmentVariableIsSet("DURABLE_REQUIRE_PG"))
                QFAIL("DURABLE_REQUIRE_PG is set but DURABLE_TEST_PG names no PostgreSQL server");
            QSKIP("no PostgreSQL server: set DURABLE_TEST_PG (the ctest fixture pg does)");
        }
        multiworker::registerWorkload(m_registry, [](const ActivityContext &) {});
    }

    /// A batch that outlives its session's lease keeps the session row locked, and its COMMIT
    /// renews the row: a reaper waiting for that lock then finds the session live. Whatever the
    /// order, a work row the batch leased must never stay leased to a session that no longer
    /// exists (no worker would ever run it: an instance stuck for good).
    void reaperFreesWorkOfABatchThatOutlivedItsLease()
    {
        const QString hub = newHub(QStringLiteral("reap"));
        PgConnection pg(hub);
        QVERIFY2(pg.ok(), qPrintable(pg.error()));
        auto a = openHubStore(hub, SyncMode::Full, true);
        QVERIFY2(a, qPrintable(a ? QString() : a.error().message));
        auto session = (*a)->openSession(WorkerInfo { QStringLiteral("late"), QStringLiteral("here"), 1 }, 300);
        QVERIFY(session && *session);
        QVERIFY((*a)->begin());
        const QString now = QStringLiteral("SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint");
        auto fenced = (*a)->verifySession(**session);
        QVERIFY(fenced && *fenced);
        const qint64 verifiedBy = pg.number(now);
        WorkItem item;
        item.instanceId = QStringLiteral("i");
        item.executionId = QStringLiteral("e");
        item.taskId = 0;
        item.name = QStringLiteral("MSquare");
        auto id = (*a)->insertWork(item);
        QVERIFY(id);
        QVERIFY((*a)->leaseWork({ *id }));
        // The batch runs on past the lease it renewed at its start.
        QTRY_VERIFY_WITH_TIMEOUT(pg.number(now) > verifiedBy + 300 + 50, 10000);
        // Another worker's renewal reaps expired sessions: its DELETE waits for the batch's lock.
        std::optional<Result<bool>> renewed;
        std::thread other([&] {
            auto b = openHubStore(hub, SyncMode::Full, false);
            if (!b) {
                renewed = std::unexpected(b.error());
                return;
            }
            auto s = (*b)->openSession(WorkerInfo { QStringLiteral("reaper"), QStringLiteral("here"), 2 }, 60000);
            renewed = s && *s ? (*b)->renewSession(**s) : Result<bool>(false);
        });
        QTRY_VERIFY_WITH_TIMEOUT(pg.number(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type "
                                                          "= 'Lock' AND query LIKE '%DELETE FROM workers%'"))
                                     == 1,
                                 10000);
        QVERIFY((*a)->commit());
        other.join();
        QVERIFY(renewed && *renewed && **renewed);
        const QString schema = multiworker::hubSchema(hub);
        QCOMPARE(pg.number(QStringLiteral("SELECT count(*) FROM \"%1\".workers WHERE worker_id = $1").arg(schema),
                           { session->value().workerId }),
                 1); // renewed by its COMMIT
        const auto owner
            = pg.query(QStringLiteral("SELECT coalesce(owner_id, 'free') FROM \"%1\".work WHERE id = $1").arg(schema),
                       { QString::number(*id) });
        QVERIFY(owner && owner->size() == 1);
        QCOMPARE(owner->first().first(), session->value().workerId);
        QCOMPARE(pg.number(QStringLiteral("SELECT count(*) FROM \"%1\".work w WHERE w.owner_id IS NOT NULL AND NOT "
                                          "EXISTS (SELECT 1 FROM \"%1\".workers s WHERE s.worker_id = w.owner_id)")
                               .arg(schema)),
                 0);
        a->reset();
        pg.query(QStringLiteral("DROP SCHEMA \"%1\" CASCADE").arg(schema));
    }

    void killedWorker()
    {
        const bool soak = qEnvironmentVariableIntValue("DURABLE_TEST_SOAK") != 0;
        const int rounds = soak ? 20 : 1;
        const quint32 seed = qEnvironmentVariableIsSet("DURABLE_TEST_SEED")
            ? quint32(qEnvironmentVariableIntValue("DURABLE_TEST_SEED"))
            : quint32(QRandomGenerator::global()->bounded(1u << 30));
        qInfo("multi-worker kills: %d rounds, seed %u (replay with DURABLE_TEST_SEED=%u)", rounds, seed, seed);
        QRandomGenerator rng(seed);
        const int n = 2000;
        const QString hub = newHub(QStringLiteral("kill"));
        const QString schema = multiworker::hubSchema(hub);
        PgConnection pg(hub);
        QVERIFY2(pg.ok(), qPrintable(pg.error()));
        QVERIFY2(pg.query(multiworker::createExecutionsSql(hub)), qPrintable(pg.lastError()));

        EngineOptions o;
        o.hubPath = hub;
        o.runWorkers = false;
        auto client = Engine::open(o, m_registry);
        QVERIFY2(client, qPrintable(client ? QString() : client.error().message));

        std::vector<std::unique_ptr<Worker>> workers;
        int spawned = 0;
        QList<qint64> takeovers;
        for (int round = 0; round < rounds; ++round) {
            while (workers.size() < 3) {
                workers.push_back(startWorker(hub, QStringLiteral("mw-kill-%1").arg(spawned++)));
                QVERIFY(workers.back());
            }
            const QString id = QStringLiteral("fan-%1").arg(round);
            Client::StartOptions so;
            so.instanceId = id;
            auto started
                = (*client)
                      ->start(QStringLiteral("MFan"),
                              QJsonObject { { QStringLiteral("n"), n }, { QStringLiteral("sleepMs"), 20 } }, so)
                      .result();
            QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
            const auto remaining = [&] {
                return pg.number(QStringLiteral("SELECT count(*) FROM \"%1\".work WHERE instance_id = $1").arg(schema),
                                 { id });
            };
            // The fan-out is scheduled (its work rows exist), then results commit until the point.
            QTRY_VERIFY_WITH_TIMEOUT(remaining() > 0, 60000);
            const double point = soak ? 0.05 + rng.bounded(0.9) : 0.5;
            QTRY_VERIFY_WITH_TIMEOUT(remaining() <= n * (1 - point), 120000);

            const size_t victimIndex = soak ? size_t(rng.bounded(3u)) : 0;
            Worker &victim = *workers[victimIndex];
            QVERIFY2(retry([&] { return stopOutsideTransaction(victim, pg); }),
                     "the worker was never stopped outside a transaction");
            // It renews nothing from its stop on: the takeover is timed from there.
            const qint64 killedAt
                = pg.number(QStringLiteral("SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint"));
            const QSet<int> leased = leasedTo(pg, schema, victim.pid);
            const qint64 victimSession = sessionStart(pg, schema, victim.pid);
            // A session it missed earlier (load), reported or not yet.
            const bool victimLostBefore = victim.rejections() > 0 || victimSession < 0;
            ::kill(pid_t(victim.pid), SIGKILL);
            QVERIFY(victim.process->waitForFinished(30000));
            checkHistory(**client, id, n);
            if (QTest::currentTestFailed())
                return;

            const auto byTask = executions(pg, hub, id);
            QCOMPARE(byTask.size(), n);
            QSet<int> again;
            qint64 firstRerun = -1;
            QSet<qint64> lost;
            QString wrong;
            // A worker learns that it missed its lease at its next renewal or batch: wait for that.
            (void)QTest::qWaitFor(
                [&] {
                    lost = lostSessions(workers);
                    if (!victimLostBefore)
                        lost.remove(victim.pid);
                    again.clear();
                    firstRerun = -1;
                    wrong = checkReexecutions(byTask, victim.pid, leased, victimSession, lost, again, firstRerun);
                    return wrong.isEmpty();
                },
                30000);
            QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
            if (!lost.isEmpty())
                qInfo("round %d: %lld other workers lost their sessions (load): their rows ran again too", round,
                      qlonglong(lost.size()));
            if (firstRerun >= 0)
                takeovers.append(firstRerun - killedAt);
            qInfo("round %d: killed at %.0f %% committed, %lld rows leased to it, %lld tasks ran again, "
                  "takeover %lld ms after the kill (lease %d ms)",
                  round, point * 100, qlonglong(leased.size()), qlonglong(again.size()),
                  qlonglong(firstRerun >= 0 ? firstRerun - killedAt : -1), LeaseMs);
            checkEmptyQueues(pg, schema);
            workers.erase(workers.begin() + qsizetype(victimIndex));
        }
        stopAll(workers);
        if (!takeovers.isEmpty()) {
            std::sort(takeovers.begin(), takeovers.end());
            qInfo("takeover after a kill: min %lld, median %lld, max %lld ms (lease %d ms)",
                  qlonglong(takeovers.first()), qlonglong(takeovers.at(takeovers.size() / 2)),
                  qlonglong(takeovers.last()), LeaseMs);
        }
        pg.query(QStringLiteral("DROP SCHEMA \"%1\" CASCADE").arg(schema));
        pg.query(QStringLiteral("DROP TABLE %1").arg(multiworker::executionsTable(hub)));
    }

    void stoppedWorkerCommitsNothing()
    {
        const int n = 3000;
        const QString hub = newHub(QStringLiteral("stop"));
        const QString schema = multiworker::hubSchema(hub);
        PgConnection pg(hub);
        QVERIFY2(pg.ok(), qPrintable(pg.error()));
        QVERIFY2(pg.query(multiworker::createExecutionsSql(hub)), qPrintable(pg.lastError()));
        EngineOptions o;
        o.hubPath = hub;
        o.runWorkers = false;
        auto client = Engine::open(o, m_registry);
        QVERIFY2(client, qPrintable(client ? QString() : client.error().message));
        std::vector<std::unique_ptr<Worker>> workers;
        for (int i = 0; i < 3; ++i) {
            workers.push_back(startWorker(hub, QStringLiteral("mw-stop-%1").arg(i)));
            QVERIFY(workers.back());
        }
        const QString id = QStringLiteral("fan");
        Client::StartOptions so;
        so.instanceId = id;
        QVERIFY((*client)
                    ->start(QStringLiteral("MFan"),
                            QJsonObject { { QStringLiteral("n"), n }, { QStringLiteral("sleepMs"), 20 } }, so)
                    .result());
        Worker &zombie = *workers[0];
        const auto ranBy = [&](qint64 pid) {
            return pg.number(
                QStringLiteral("SELECT count(*) FROM %1 WHERE pid = $1").arg(multiworker::executionsTable(hub)),
                { QString::number(pid) });
        };
        // While it runs activities (and holds work rows).
        QTRY_VERIFY_WITH_TIMEOUT(ranBy(zombie.pid) >= 100, 60000);
        // Stopped outside a transaction, holding work rows (let go on and tried again otherwise).
        QSet<int> held;
        qint64 zombieSession = -1;
        const auto stopHolding = [&] {
            if (!stopOutsideTransaction(zombie, pg))
                return false;
            held = leasedTo(pg, schema, zombie.pid);
            zombieSession = sessionStart(pg, schema, zombie.pid);
            if (held.isEmpty())
                ::kill(pid_t(zombie.pid), SIGCONT);
            return !held.isEmpty();
        };
        QVERIFY2(retry(stopHolding), "the worker was never stopped outside a transaction holding work");
        const qint64 stoppedAt
            = pg.number(QStringLiteral("SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint"));
        // Its lease runs out, the others take its rows and commit their results.
        QStringList heldIds;
        for (const int t : std::as_const(held))
            heldIds.append(QString::number(t));
        const QString heldArray = QStringLiteral("{%1}").arg(heldIds.join(u','));
        QTRY_VERIFY_WITH_TIMEOUT(
            pg.number(
                QStringLiteral("SELECT count(*) FROM \"%1\".work WHERE instance_id = $1 AND task_id = ANY($2::int[])")
                    .arg(schema),
                { id, heldArray })
                == 0,
            120000);
        const qint64 takenAt = pg.number(QStringLiteral("SELECT (extract(epoch FROM min(at)) * 1000)::bigint FROM %1 "
                                                        "WHERE task_id = ANY($1::int[]) AND pid <> $2")
                                             .arg(multiworker::executionsTable(hub)),
                                         { heldArray, QString::number(zombie.pid) });
        // A session it missed before the stop (load), reported or not yet.
        const bool lostBefore = zombie.rejections() > 0 || zombieSession < 0;
        ::kill(pid_t(zombie.pid), SIGCONT);
        // Resumed, it learns that its session is gone: its batch or its renewal is refused.
        QTRY_VERIFY2_WITH_TIMEOUT(zombie.rejections() >= 1, zombie.err.constData(), 60000);
        checkHistory(**client, id, n);
        if (QTest::currentTestFailed())
            return;
        checkEmptyQueues(pg, schema);
        const auto byTask = executions(pg, hub, id);
        QCOMPARE(byTask.size(), n);
        QSet<int> againSet;
        qint64 firstRerun = -1;
        QString wrong;
        // A worker learns that it missed its lease at its next renewal or batch: wait for that.
        (void)QTest::qWaitFor(
            [&] {
                const QSet<qint64> lost = lostSessions(workers);
                againSet.clear();
                firstRerun = -1;
                wrong = checkReexecutions(byTask, zombie.pid, held, zombieSession,
                                          lostBefore ? lost : lost - QSet<qint64> { zombie.pid }, againSet, firstRerun);
                return wrong.isEmpty();
            },
            30000);
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
        const int again = int(againSet.size());
        stopAll(workers);
        qInfo("stopped worker: %lld rows held, %d tasks ran again, %d rejections after the resume, its rows "
              "taken %lld ms after the stop (lease %d ms)",
              qlonglong(held.size()), again, zombie.rejections(), qlonglong(takenAt - stoppedAt), LeaseMs);
        pg.query(QStringLiteral("DROP SCHEMA \"%1\" CASCADE").arg(schema));
        pg.query(QStringLiteral("DROP TABLE %1").arg(multiworker::executionsTable(hub)));
    }
};

QTEST_GUILESS_MAIN(TestMultiWorker)
#include "tst_multiworker.moc"
