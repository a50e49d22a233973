// The seed's patterns end to end on a real hub (an SQLite file and a PostgreSQL schema), cached and
// with a full replay at every episode.
#include "enginefixture.h"
#include "samples.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>

using namespace durable;
using namespace std::chrono_literals;

class TestPatterns : public QObject {
    Q_OBJECT

private:
    struct Hub : testing::EngineFixture {
        ManualClock clock { QDateTime(QDate(2026, 1, 5), QTime(9, 0), Qt::UTC) };
        explicit Hub(int cacheSize, bool manualClock = false)
        {
            samples::registerAll(registry);
            options.cacheSize = cacheSize;
            if (manualClock)
                options.clock = &clock;
        }
        ~Hub() { close(); } // the engine reads the clock until it is gone
    };

    static QStringList taskNames(const History &history)
    {
        QStringList names;
        for (const auto &e : history) {
            if (e.type == EventType::TaskScheduled)
                names.append(e.name);
        }
        return names;
    }

private Q_SLOTS:
    // Every test runs on an SQLite file and on a PostgreSQL hub, with the same expectations.
    void initTestCase_data() { testing::backendRows(); }
    void init() { DURABLE_USE_BACKEND(); }

    void chaining_data()
    {
        QTest::addColumn<int>("cacheSize");
        QTest::newRow("cached") << 100;
        QTest::newRow("forced replay") << 0;
    }
    void chaining()
    {
        QFETCH(int, cacheSize);
        Hub hub(cacheSize);
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("FunctionChaining"), QStringLiteral("go"));
        const auto done = hub.finish(id);
        QCOMPARE(done.status, RuntimeStatus::Completed);
        QCOMPARE(done.output.toString(), QStringLiteral("go>F1>F2>F3>F4"));
        const auto history = hub.history(id);
        // 5 episodes of OrchestratorStarted, trigger, action, OrchestratorCompleted.
        QCOMPARE(history.size(), 20);
        QCOMPARE(
            taskNames(history),
            QStringList({ QStringLiteral("F1"), QStringLiteral("F2"), QStringLiteral("F3"), QStringLiteral("F4") }));
        QCOMPARE(history.first().type, EventType::OrchestratorStarted);
        QCOMPARE(history.at(1).type, EventType::ExecutionStarted);
        QCOMPARE(history.at(history.size() - 2).type, EventType::ExecutionCompleted);
        for (qsizetype i = 0; i < history.size(); ++i)
            QCOMPARE(history.at(i).sequence, i);
    }

    void fanOutFanIn_data() { chaining_data(); }
    void fanOutFanIn()
    {
        QFETCH(int, cacheSize);
        Hub hub(cacheSize);
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("FanOutFanIn"), 1000);
        const auto done = hub.finish(id, 60000);
        QCOMPARE(done.status, RuntimeStatus::Completed);
        QCOMPARE(done.output.toDouble(), 333833500.0);
        const auto history = hub.history(id);
        const auto names = taskNames(history);
        QCOMPARE(names.size(), 1002);
        QCOMPARE(names.count(QStringLiteral("F2")), 1000);
        // The fan-out is scheduled in one episode: ids 1..1000 all before any F2 completes.
        qsizetype firstCompletion = -1, lastSchedule = -1;
        for (qsizetype i = 0; i < history.size(); ++i) {
            const auto &e = history.at(i);
            if (e.type == EventType::TaskScheduled && e.name == QLatin1String("F2"))
                lastSchedule = i;
            if (e.type == EventType::TaskCompleted && e.taskId >= 1 && e.taskId <= 1000 && firstCompletion < 0)
                firstCompletion = i;
        }
        QVERIFY(lastSchedule < firstCompletion);
    }

    void approval_data()
    {
        QTest::addColumn<int>("cacheSize");
        QTest::addColumn<QString>("answer");
        QTest::addColumn<QString>("expected");
        for (int cache : { 100, 0 }) {
            const char *mode = cache ? "cached" : "replay";
            QTest::addRow("%s approve", mode) << cache << QStringLiteral("true") << QStringLiteral("approved");
            QTest::addRow("%s reject", mode) << cache << QStringLiteral("false") << QStringLiteral("rejected");
            QTest::addRow("%s timeout", mode) << cache << QStringLiteral("timeout") << QStringLiteral("escalated");
            QTest::addRow("%s fire now", mode) << cache << QStringLiteral("fire") << QStringLiteral("escalated");
        }
    }
    void approval()
    {
        QFETCH(int, cacheSize);
        QFETCH(QString, answer);
        QFETCH(QString, expected);
        Hub hub(cacheSize, true);
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("Approval"), QJsonObject { { QStringLiteral("amount"), 42 } });
        QTRY_VERIFY_WITH_TIMEOUT(hub.status(id).waiting.events.contains(QStringLiteral("ApprovalEvent")), 10000);
        const auto waiting = hub.status(id).waiting;
        QCOMPARE(waiting.timers.size(), 1);
        QCOMPARE(waiting.timers.first().fireAt, hub.clock.now().addSecs(72 * 3600));
        if (answer == QLatin1String("timeout")) {
            hub.clock.advance(72h - 1s);
            hub.barrier();
            QCOMPARE(hub.status(id).status, RuntimeStatus::Running);
            hub.clock.advance(2s);
        } else if (answer == QLatin1String("fire")) {
            QVERIFY(testing::wait(hub.engine->fireTimer(id, waiting.timers.first().id)));
        } else {
            QVERIFY(testing::wait(
                hub.engine->raiseEvent(id, QStringLiteral("ApprovalEvent"), answer == QLatin1String("true"))));
        }
        const auto done = hub.finish(id);
        QCOMPARE(done.status, RuntimeStatus::Completed);
        QCOMPARE(done.output.toString(), expected);
        QVERIFY(done.waiting.timers.isEmpty());
    }

    void monitor_data()
    {
        QTest::addColumn<int>("completeAfter");
        QTest::addColumn<QString>("expected");
        QTest::newRow("done") << 3 << QStringLiteral("done");
        QTest::newRow("expired") << 0 << QStringLiteral("expired");
    }
    void monitor()
    {
        QFETCH(int, completeAfter);
        QFETCH(QString, expected);
        Hub hub(100, true);
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("Monitor"),
                                     QJsonObject { { QStringLiteral("jobId"), QStringLiteral("job-7") },
                                                   { QStringLiteral("pollSeconds"), 10 },
                                                   { QStringLiteral("expirySeconds"), 35 },
                                                   { QStringLiteral("completeAfterPolls"), completeAfter } });
        auto nextTimerArmed = [&] {
            const auto info = hub.status(id);
            return isTerminal(info.status)
                || (!info.waiting.timers.isEmpty() && info.waiting.timers.first().fireAt > hub.clock.now());
        };
        for (int i = 0; i < 6 && !isTerminal(hub.status(id).status); ++i) {
            QTRY_VERIFY_WITH_TIMEOUT(nextTimerArmed(), 10000);
            hub.clock.advance(10s);
        }
        const auto done = hub.finish(id);
        QCOMPARE(done.output.toString(), expected);
        const int polls = taskNames(hub.history(id)).count(QStringLiteral("GetJobStatus"));
        QCOMPARE(polls, completeAfter ? 3 : 4);
    }

    void asyncHttpApi()
    {
        Hub hub(100, true);
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("AsyncHttpApi"), 2);
        QTRY_VERIFY_WITH_TIMEOUT(!hub.status(id).waiting.timers.isEmpty(), 10000);
        hub.clock.advance(1s);
        QTRY_COMPARE_WITH_TIMEOUT(hub.status(id).customStatus[QLatin1String("percentComplete")].toInt(), 50, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!hub.status(id).waiting.timers.isEmpty(), 10000);
        hub.clock.advance(1s);
        const auto done = hub.finish(id);
        QCOMPARE(done.status, RuntimeStatus::Completed);
        QCOMPARE(done.customStatus[QLatin1String("percentComplete")].toInt(), 100);
        QCOMPARE(done.output[QLatin1String("seconds")].toInt(), 2);
        // Each change of custom status is recorded with the episode that made it.
        QList<int> progress;
        for (const auto &e : hub.history(id)) {
            if (e.type == EventType::OrchestratorCompleted && e.data.contains(QLatin1String("customStatus")))
                progress.append(e.data[QLatin1String("customStatus")][QLatin1String("percentComplete")].toInt());
        }
        QCOMPARE(progress, QList<int>({ 50, 100 }));
    }

    void subOrchestrationWithRetry()
    {
        Hub hub(100);
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("SubOrchestrationWithRetry"), QStringLiteral("payload"));
        const auto done = hub.finish(id);
        if (done.status != RuntimeStatus::Completed)
            qWarning() << testing::shape(hub.history(id)) << testing::shape(hub.history(id + QStringLiteral(":0")));
        QCOMPARE(done.status, RuntimeStatus::Completed);
        QCOMPARE(done.output[QLatin1String("child")][QLatin1String("attempts")].toInt(), 3);
        const QString child = id + QStringLiteral(":0");
        const auto childInfo = hub.status(child);
        QCOMPARE(childInfo.parentInstanceId, id);
        QCOMPARE(childInfo.status, RuntimeStatus::Completed);
        const auto childHistory = hub.history(child);
        int failures = 0, timers = 0;
        for (const auto &e : childHistory) {
            failures += e.type == EventType::TaskFailed;
            timers += e.type == EventType::TimerCreated;
        }
        QCOMPARE(failures, 2);
        QCOMPARE(timers, 2); // the retries waited on durable timers
        const auto parentShape = testing::shape(hub.history(id));
        QVERIFY(parentShape.contains(QStringLiteral("SubOrchestrationInstanceCreated:RetryChild#0")));
        QVERIFY(parentShape.contains(QStringLiteral("SubOrchestrationInstanceCompleted:RetryChild@0")));
    }

    void eternal()
    {
        Hub hub(100);
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("Eternal"),
                                     QJsonObject { { QStringLiteral("count"), 0 },
                                                   { QStringLiteral("limit"), 7 },
                                                   { QStringLiteral("intervalMs"), 10 } });
        const auto done = hub.finish(id);
        QCOMPARE(done.status, RuntimeStatus::Completed);
        QCOMPARE(done.output.toInt(), 7);
        // Two continue-as-new: the current execution started from count 6 with a fresh history.
        const auto history = hub.history(id);
        QCOMPARE(history.at(1).type, EventType::ExecutionStarted);
        QCOMPARE(history.at(1).data[QLatin1String("input")][QLatin1String("count")].toInt(), 6);
        QCOMPARE(taskNames(history).size(), 1);
    }

    void cachedAndReplayedHistoriesAreIdentical()
    {
        QStringList results[2];
        for (int mode = 0; mode < 2; ++mode) {
            Hub hub(mode == 0 ? 100 : 0, true);
            QVERIFY(hub.open());
            const QString chain
                = hub.start(QStringLiteral("FunctionChaining"), QStringLiteral("x"), QStringLiteral("c"));
            const QString fan = hub.start(QStringLiteral("FanOutFanIn"), 40, QStringLiteral("f"));
            const QString approval = hub.start(QStringLiteral("Approval"), 1, QStringLiteral("a"));
            QTRY_VERIFY_WITH_TIMEOUT(!hub.status(approval).waiting.events.isEmpty(), 10000);
            QVERIFY(testing::wait(hub.engine->raiseEvent(approval, QStringLiteral("ApprovalEvent"), true)));
            for (const auto &id : { chain, fan, approval }) {
                QCOMPARE(hub.finish(id).status, RuntimeStatus::Completed);
                auto lines = testing::historyContent(hub.history(id));
                if (id == fan) {
                    // How parallel completions group into episodes depends on thread timing: compare
                    // the events themselves, as a sorted list, without the episode markers.
                    lines.removeIf([](const QString &l) {
                        return l.startsWith(QLatin1String("OrchestratorStarted"))
                            || l.startsWith(QLatin1String("OrchestratorCompleted"));
                    });
                    lines.sort();
                }
                results[mode] += lines;
            }
        }
        QCOMPARE(results[1], results[0]);
    }

    void startsRunTheirFirstEpisodeWithoutTheInbox()
    {
        // A start due now hands its ExecutionStarted to the batch that commits it: no inbox row is
        // written and read back. A scheduled start waits in the inbox, and a PostgreSQL hub (shared
        // by workers) keeps every start there, where the worker holding the instance finds it.
        Hub hub(100);
        QVERIFY(hub.open());
        const bool shared = testing::selectedBackend() == testing::Backend::Postgresql;
        for (int i = 0; i < 5; ++i)
            QCOMPARE(hub.finish(hub.start(QStringLiteral("FunctionChaining"), QStringLiteral("x"))).status,
                     RuntimeStatus::Completed);
        const auto inboxRowsEver = [&]() -> QString {
            // The SQLite inbox id is AUTOINCREMENT: sqlite_sequence counts the rows ever written.
            auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("inbox"));
            db.setDatabaseName(hub.options.hubPath);
            QString n = QStringLiteral("unreadable");
            if (db.open()) {
                QSqlQuery q(
                    QStringLiteral("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'inbox'), 0)"), db);
                if (q.next())
                    n = q.value(0).toString();
            }
            db = {};
            QSqlDatabase::removeDatabase(QStringLiteral("inbox"));
            return n;
        };
        if (!shared)
            QCOMPARE(inboxRowsEver(), QStringLiteral("0"));
        Client::StartOptions later;
        later.scheduledStart = QDateTime::currentDateTimeUtc().addSecs(3600);
        const QString scheduled
            = testing::wait(hub.engine->start(QStringLiteral("FunctionChaining"), QStringLiteral("y"), later)).value();
        QCOMPARE(hub.status(scheduled).status, RuntimeStatus::Pending);
        if (!shared)
            QCOMPARE(inboxRowsEver(), QStringLiteral("1"));
    }
};

QTEST_GUILESS_MAIN(TestPatterns)
#include "tst_patterns.moc"
