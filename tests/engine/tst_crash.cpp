// Crash recovery with a real process: a worker is killed with SIGKILL at several points; reopening
// the hub completes the instance with the right output, and no activity whose completion was in
// the history at the time of a kill runs again.
#include "engine.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace durable;

class TestCrash : public QObject {
    Q_OBJECT

private:
    static QHash<int, int> executions(const QString &sideFile)
    {
        QHash<int, int> counts;
        QFile f(sideFile);
        if (f.open(QIODevice::ReadOnly)) {
            const auto lines = f.readAll().split('\n');
            for (const auto &l : lines) {
                if (!l.isEmpty())
                    ++counts[l.toInt()];
            }
        }
        return counts;
    }

    static QSet<int> completedInHistory(const QString &hub)
    {
        Registry registry;
        EngineOptions o;
        o.hubPath = hub;
        o.runWorkers = false; // inspect only
        auto engine = Engine::open(o, registry);
        if (!engine)
            return {};
        auto history = (*engine)->history(QStringLiteral("crash")).result();
        QSet<int> done;
        if (history) {
            for (const auto &e : *history) {
                if (e.type == EventType::TaskCompleted)
                    done.insert(e.taskId);
            }
        }
        return done;
    }

private Q_SLOTS:
    void killAndRecover_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<int>("n");
        QTest::addColumn<QList<int>>("killAfter"); // side-file lines seen before each kill
        QTest::addColumn<double>("expected");
        QTest::newRow("fan-out 1000") << QStringLiteral("fanout") << 1000 << QList<int> { 50, 300, 700 } << 333833500.0;
        QTest::newRow("chain 200") << QStringLiteral("chain") << 200 << QList<int> { 20, 90, 160 } << 200.0;
    }
    void killAndRecover()
    {
        QFETCH(QString, mode);
        QFETCH(int, n);
        QFETCH(QList<int>, killAfter);
        QFETCH(double, expected);
        QTemporaryDir dir;
        const QString hub = dir.filePath(QStringLiteral("hub.sqlite"));
        const QString side = dir.filePath(QStringLiteral("executions.log"));
        const QStringList args { hub, mode, QString::number(n), side };
        for (int threshold : killAfter) {
            QProcess worker;
            worker.start(QStringLiteral(CRASHWORKER), args);
            QVERIFY(worker.waitForStarted());
            int seen = 0;
            QTRY_VERIFY_WITH_TIMEOUT(
                (seen = int(executions(side).size())) >= threshold || worker.state() == QProcess::NotRunning, 60000);
            QVERIFY2(worker.state() == QProcess::Running, "the worker finished before it could be killed");
            worker.kill(); // SIGKILL
            QVERIFY(worker.waitForFinished());
            const QSet<int> committed = completedInHistory(hub);
            const auto before = executions(side);
            QVERIFY(!committed.isEmpty());
            // Record what ran before the kill; compare after the final run.
            m_checks.append({ committed, before });
        }
        QProcess worker;
        worker.start(QStringLiteral(CRASHWORKER), args);
        QVERIFY(worker.waitForFinished(120000));
        QCOMPARE(worker.exitCode(), 0);
        const QString out = QString::fromUtf8(worker.readAllStandardOutput()).trimmed();
        QCOMPARE(out, QStringLiteral("Completed %1").arg(expected, 0, 'f', 0));
        const auto after = executions(side);
        for (const auto &check : std::as_const(m_checks)) {
            for (int taskId : check.first)
                QVERIFY2(
                    after.value(taskId) == check.second.value(taskId),
                    qPrintable(QStringLiteral("task %1 ran again after its completion was committed").arg(taskId)));
        }
        m_checks.clear();
        // Every activity ran at least once (the fan-out's ids are 0..n-1, the chain's too).
        for (int id = 0; id < n; ++id)
            QVERIFY(after.value(id) >= 1);
    }

private:
    QList<std::pair<QSet<int>, QHash<int, int>>> m_checks;
};

QTEST_GUILESS_MAIN(TestCrash)
#include "tst_crash.moc"
