// Fencing with real processes: the owner of a hub is stopped (SIGSTOP) past its lease, a second
// process takes the workers over and finishes the work, the first is resumed. The resumed process
// must notice that it lost the workers, start no further activity and commit nothing: every
// activity is scheduled once and completed once in the history. pauseRounds does it over and over
// between two processes at seeded random moments (DURABLE_PAUSE_ROUNDS, default 3;
// DURABLE_PAUSE_SEED replays a run).
#include "engine.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace durable;

class TestTakeover : public QObject {
    Q_OBJECT

private:
    static constexpr int Activities = 1500;
    static constexpr int LeaseMs = 1500;
    static constexpr int Threads = 4; // the worker's activityThreads

    /// Activity starts recorded per process id.
    static QHash<qint64, int> starts(const QString &sideFile)
    {
        QHash<qint64, int> counts;
        QFile f(sideFile);
        if (f.open(QIODevice::ReadOnly)) {
            for (const auto &line : f.readAll().split('\n')) {
                if (!line.isEmpty())
                    ++counts[line.split(' ').first().toLongLong()];
            }
        }
        return counts;
    }

    /// Activity starts in the order they were recorded: (process id, task id).
    static QList<std::pair<qint64, int>> startLines(const QString &sideFile)
    {
        QList<std::pair<qint64, int>> lines;
        QFile f(sideFile);
        if (f.open(QIODevice::ReadOnly)) {
            for (const auto &line : f.readAll().split('\n')) {
                const auto fields = line.split(' ');
                if (fields.size() == 2)
                    lines.append({ fields.at(0).toLongLong(), fields.at(1).toInt() });
            }
        }
        return lines;
    }

    /// Exactly once in the history of the fan-out: one TaskScheduled and one completion per task.
    static void checkExactlyOnce(const QString &hub, int activities)
    {
        Registry registry;
        EngineOptions o;
        o.hubPath = hub;
        o.runWorkers = false;
        auto inspect = Engine::open(o, registry);
        QVERIFY(inspect);
        auto history = (*inspect)->history(QStringLiteral("fan")).result();
        QVERIFY(history);
        QHash<int, int> scheduled, completed;
        QSet<qint64> sequences;
        for (const auto &e : std::as_const(*history)) {
            QVERIFY2(!sequences.contains(e.sequence), "an event was written twice");
            sequences.insert(e.sequence);
            if (e.type == EventType::TaskScheduled)
                ++scheduled[e.eventId];
            else if (e.type == EventType::TaskCompleted || e.type == EventType::TaskFailed)
                ++completed[e.taskId];
        }
        QCOMPARE(scheduled.size(), activities);
        QCOMPARE(completed.size(), activities);
        for (auto it = scheduled.cbegin(); it != scheduled.cend(); ++it) {
            QCOMPARE(it.value(), 1);
            QCOMPARE(completed.value(it.key()), 1);
        }
    }

    /// Whether every thread of `pid` is stopped: a group stop reaches the threads one by one, and a
    /// thread still running could take the hub's write lock after the probe below.
    static bool isStopped(qint64 pid)
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
            const auto close = text.lastIndexOf(')'); // the state follows the command name
            if (close <= 0 || text.mid(close + 2, 1) != "T")
                return false;
        }
        return true;
    }

    /// Stops `pid` at a moment it holds no write lock on the hub (a process stopped inside a
    /// transaction blocks everyone, takeover included; that is SQLite, not what is tested here).
    /// False: it held the lock this time and was let go on; call again.
    bool stopOutsideTransaction(qint64 pid, const QString &hub)
    {
        ::kill(pid_t(pid), SIGSTOP);
        for (QDeadlineTimer deadline(10000); !isStopped(pid);) {
            if (deadline.hasExpired()) {
                ::kill(pid_t(pid), SIGCONT);
                return false;
            }
            QTest::qWait(1);
        }
        bool free = false;
        {
            auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("probe"));
            db.setDatabaseName(hub);
            db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=0"));
            if (db.open()) {
                QSqlQuery q(db);
                free = q.exec(QStringLiteral("BEGIN IMMEDIATE"));
                if (free)
                    q.exec(QStringLiteral("ROLLBACK"));
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("probe"));
        if (!free)
            ::kill(pid_t(pid), SIGCONT);
        return free;
    }

    static bool saw(QProcess &process, QByteArray &out, const QByteArray &line)
    {
        out += process.readAllStandardOutput();
        return out.split('\n').contains(line);
    }

private Q_SLOTS:
    void resumedOwnerCommitsNothing()
    {
        QTemporaryDir dir;
        const QString hub = dir.filePath(QStringLiteral("hub.sqlite"));
        const QString side = dir.filePath(QStringLiteral("starts.log"));
        const QStringList args { hub, QString::number(Activities), side, QString::number(LeaseMs) };

        QProcess first;
        first.start(QStringLiteral(LEASEWORKER), args);
        QVERIFY(first.waitForStarted());
        QByteArray firstOut;
        QTRY_VERIFY_WITH_TIMEOUT(saw(first, firstOut, "owner"), 30000);
        const qint64 firstPid = first.processId();
        QTRY_VERIFY_WITH_TIMEOUT(starts(side).value(firstPid) >= 100, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(stopOutsideTransaction(firstPid, hub), 30000);
        const int startedBeforeStop = starts(side).value(firstPid);

        QProcess second;
        second.start(QStringLiteral(LEASEWORKER), args);
        QVERIFY(second.waitForStarted());
        QByteArray secondOut;
        // It can take the workers only once the stopped owner's lease has run out.
        QTRY_VERIFY_WITH_TIMEOUT(saw(second, secondOut, "owner"), 30000);
        QVERIFY(!second.waitForFinished(0));

        ::kill(pid_t(firstPid), SIGCONT);
        QTRY_VERIFY_WITH_TIMEOUT(saw(first, firstOut, "lost"), 30000);

        QVERIFY(second.waitForFinished(120000));
        QVERIFY(first.waitForFinished(120000));
        firstOut += first.readAllStandardOutput();
        secondOut += second.readAllStandardOutput();
        const QByteArray expected = "Completed " + QByteArray::number(Activities * (Activities + 1) / 2);
        QVERIFY2(secondOut.contains(expected), secondOut.constData());
        QVERIFY2(firstOut.contains(expected), firstOut.constData()); // it waited on, as a client
        const QByteArray firstErr = first.readAllStandardError();
        QVERIFY2(firstErr.contains("another process took over"),
                 QByteArray(firstOut + "\nstderr:\n" + firstErr).constData());

        // Activities the first process had started when it was stopped finish after SIGCONT; no
        // new one may start. (A thread stopped between taking a job and running it is the only
        // way to see one more, at most one per thread.)
        const int startedAfterResume = starts(side).value(firstPid) - startedBeforeStop;
        QVERIFY2(startedAfterResume <= Threads,
                 qPrintable(QStringLiteral("%1 activities started after the resume").arg(startedAfterResume)));

        checkExactlyOnce(hub, Activities);
    }

    void pauseRounds()
    {
        bool ok = false;
        const int rounds = qMax(1, qEnvironmentVariableIntValue("DURABLE_PAUSE_ROUNDS", &ok));
        const int roundCount = ok ? rounds : 3;
        const quint32 seed = qEnvironmentVariableIsSet("DURABLE_PAUSE_SEED")
            ? quint32(qEnvironmentVariableIntValue("DURABLE_PAUSE_SEED"))
            : quint32(QRandomGenerator::global()->bounded(1u << 30));
        qInfo("pause suite: %d rounds, seed %u (replay with DURABLE_PAUSE_SEED=%u)", roundCount, seed, seed);
        QRandomGenerator rng(seed);
        // Enough work that the fan-out outlasts every round (each round consumes at most ~300 starts).
        const int activities = 600 * roundCount + 400;
        QTemporaryDir dir;
        const QString hub = dir.filePath(QStringLiteral("hub.sqlite"));
        const QString side = dir.filePath(QStringLiteral("starts.log"));
        const QStringList args { hub, QString::number(activities), side, QString::number(LeaseMs) };

        QProcess procs[2];
        QByteArray outs[2];
        const auto says = [&](int i, const QByteArray &word) {
            outs[i] += procs[i].readAllStandardOutput();
            return int(outs[i].count(QByteArray(word + '\n')));
        };
        const auto startsOf = [&](qint64 pid) {
            const auto lines = startLines(side);
            return int(std::count_if(lines.cbegin(), lines.cend(), [pid](const auto &l) { return l.first == pid; }));
        };
        procs[0].start(QStringLiteral(LEASEWORKER), args);
        QVERIFY(procs[0].waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(says(0, "owner") >= 1, 30000);
        procs[1].start(QStringLiteral(LEASEWORKER), args); // waits as a client, ready to take over
        QVERIFY(procs[1].waitForStarted());

        // Per round: [first line index, end line index) of the side file in which the deposed
        // owner, having said it lost the workers, must start (almost) nothing.
        QList<std::tuple<qint64, qsizetype, qsizetype>> deposedWindows;
        int owner = 0;
        for (int round = 0; round < roundCount; ++round) {
            const int deposed = owner, taker = 1 - owner;
            const qint64 pid = procs[deposed].processId();
            // A random moment of the owner's run: after a random number of further starts.
            const int progress = 20 + int(rng.bounded(180u));
            const int base = startsOf(pid);
            QTRY_VERIFY_WITH_TIMEOUT(startsOf(pid) - base >= progress || procs[deposed].state() != QProcess::Running,
                                     60000);
            QVERIFY2(procs[deposed].state() == QProcess::Running, "the fan-out ended before all rounds ran");
            QTRY_VERIFY_WITH_TIMEOUT(stopOutsideTransaction(pid, hub), 30000);
            if (!deposedWindows.isEmpty())
                std::get<2>(deposedWindows.last()) = startLines(side).size(); // its window ends: it may own again
            const int owned = says(taker, "owner");
            QTRY_VERIFY2_WITH_TIMEOUT(
                says(taker, "owner") > owned,
                QByteArray("the other process never took over; it said:\n" + outs[taker]).constData(), 30000);
            // Resume at a random point of the new owner's run.
            const int takerBase = startsOf(procs[taker].processId());
            const int takerProgress = int(rng.bounded(100u));
            QTRY_VERIFY_WITH_TIMEOUT(startsOf(procs[taker].processId()) - takerBase >= takerProgress, 60000);
            const int lost = says(deposed, "lost");
            ::kill(pid_t(pid), SIGCONT);
            QTRY_VERIFY_WITH_TIMEOUT(says(deposed, "lost") > lost, 30000);
            deposedWindows.append({ pid, startLines(side).size(), -1 });
            owner = taker;
        }
        for (int i = 0; i < 2; ++i) {
            QVERIFY(procs[i].waitForFinished(300000));
            outs[i] += procs[i].readAllStandardOutput();
            const QByteArray expected = "Completed " + QByteArray::number(qint64(activities) * (activities + 1) / 2);
            QVERIFY2(outs[i].contains(expected), outs[i].constData());
            if (i == 0 || roundCount > 1) // each was deposed at least once
                QVERIFY2(procs[i].readAllStandardError().contains("another process took over"), "no loss was reported");
        }
        // After a deposed owner noticed, it starts nothing from its old queue: only a thread
        // stopped between taking a job and recording its start can add one, at most one per thread.
        const auto lines = startLines(side);
        for (const auto &[pid, from, to] : std::as_const(deposedWindows)) {
            const auto end = to < 0 ? lines.size() : to;
            const auto late = std::count_if(lines.cbegin() + from, lines.cbegin() + end,
                                            [pid](const auto &l) { return l.first == pid; });
            QVERIFY2(late <= Threads,
                     qPrintable(QStringLiteral("%1 activities started by process %2 after it said it lost the workers")
                                    .arg(late)
                                    .arg(pid)));
        }
        qInfo("pause suite: %d takeovers, %lld activity starts for %d activities", roundCount, qlonglong(lines.size()),
              activities);
        checkExactlyOnce(hub, activities);
    }
};

QTEST_GUILESS_MAIN(TestTakeover)
#include "tst_takeover.moc"
