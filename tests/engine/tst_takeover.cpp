// Fencing with real processes: the owner of a hub is stopped (SIGSTOP) past its lease, a second
// process takes the workers over and finishes the work, the first is resumed. The resumed process
// must notice that it lost the workers, start no further activity and commit nothing: every
// activity is scheduled once and completed once in the history.
#include "engine.h"

#include <QFile>
#include <QProcess>
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

    static bool isStopped(qint64 pid)
    {
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            return false;
        const QByteArray text = stat.readAll();
        const auto close = text.lastIndexOf(')'); // the state follows the command name
        return close > 0 && text.mid(close + 2, 1) == "T";
    }

    /// Stops `pid` at a moment it holds no write lock on the hub (a process stopped inside a
    /// transaction blocks everyone, takeover included; that is SQLite, not what is tested here).
    /// False: it held the lock this time and was let go on; call again.
    bool stopOutsideTransaction(qint64 pid, const QString &hub)
    {
        ::kill(pid_t(pid), SIGSTOP);
        if (!isStopped(pid))
            return false;
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

        // Exactly once in the history: one TaskScheduled and one completion per task.
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
        QCOMPARE(scheduled.size(), Activities);
        QCOMPARE(completed.size(), Activities);
        for (auto it = scheduled.cbegin(); it != scheduled.cend(); ++it) {
            QCOMPARE(it.value(), 1);
            QCOMPARE(completed.value(it.key()), 1);
        }
    }
};

QTEST_GUILESS_MAIN(TestTakeover)
#include "tst_takeover.moc"
