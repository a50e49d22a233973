// The activity runner alone: results, voided launches, abandoning on lost workers, the start gate.
#include "activityrunner.h"
#include "clock.h"

#include <QDeadlineTimer>
#include <QSemaphore>
#include <QTest>

#include <atomic>

using namespace durable;

class TestActivityRunner : public QObject {
    Q_OBJECT

private:
    Registry m_registry;
    std::atomic<int> m_started { 0 };
    QSemaphore m_release; ///< "Hold" activities wait for a permit

    static WorkItem item(int taskId, const QString &name)
    {
        return WorkItem { taskId, QStringLiteral("i"), QStringLiteral("e"), taskId, name, taskId };
    }

    QSemaphore m_arrived; ///< released by the runner when results wait and none did before
    std::function<void()> arrived()
    {
        return [this] { m_arrived.release(); };
    }

    /// Waits until `count` results are there: the runner's wake-up says when to look again.
    QList<ActivityResult> collect(ActivityRunner &runner, int count)
    {
        QList<ActivityResult> all;
        QDeadlineTimer deadline(10000);
        for (;;) {
            all.append(runner.takeResults());
            if (all.size() >= count || !m_arrived.tryAcquire(1, int(deadline.remainingTime())))
                return all;
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_registry.addActivity(QStringLiteral("Square"), [this](ActivityContext &, const QJsonValue &x) -> QJsonValue {
            ++m_started;
            return x.toInt() * x.toInt();
        });
        m_registry.addActivity(QStringLiteral("Hold"), [this](ActivityContext &, const QJsonValue &x) -> QJsonValue {
            ++m_started;
            m_release.acquire();
            return x;
        });
        // What an activity needs for an idempotency key: the call's execution, task and attempt.
        m_registry.addActivity(QStringLiteral("Identify"), [](ActivityContext &c, const QJsonValue &) -> QJsonValue {
            return QStringLiteral("%1/%2/%3/%4").arg(c.instanceId(), c.executionId()).arg(c.taskId()).arg(c.attempt());
        });
        m_registry.addActivity(QStringLiteral("Throw"), [](ActivityContext &, const QJsonValue &) -> QJsonValue {
            throw std::runtime_error("no");
        });
    }

    void init()
    {
        m_started = 0;
        m_arrived.acquire(m_arrived.available());
    }

    void resultsCarryTheirLaunch()
    {
        ActivityRunner runner(m_registry, 2, 1024, 100000, arrived());
        QSet<quint64> tokens;
        for (int i = 1; i <= 20; ++i)
            tokens.insert(runner.launch(item(i, QStringLiteral("Square"))));
        tokens.insert(runner.launch(item(21, QStringLiteral("Throw"))));
        tokens.insert(runner.launch(item(22, QStringLiteral("Missing"))));
        const auto results = collect(runner, 22);
        QCOMPARE(results.size(), 22);
        QSet<quint64> seen;
        for (const auto &r : results) {
            seen.insert(r.launch);
            if (r.item.taskId <= 20) {
                QVERIFY(r.succeeded);
                QVERIFY(!r.failure);
                QCOMPARE(r.result().toInt(), r.item.taskId * r.item.taskId);
            } else if (r.item.taskId == 21) {
                QVERIFY(!r.succeeded);
                QVERIFY(r.failure);
                QCOMPARE(r.failure->errorMessage, QStringLiteral("no"));
                QCOMPARE(r.eventData().value(QStringLiteral("failure"))[QStringLiteral("errorMessage")].toString(),
                         QStringLiteral("no"));
            } else {
                QVERIFY(r.failure);
                QCOMPARE(r.failure->errorType, QStringLiteral("ActivityNotFound"));
            }
        }
        QCOMPARE(seen, tokens);
    }

    void activitiesSeeTheirCallAndAttempt()
    {
        ActivityRunner runner(m_registry, 1, 1024, 100000, arrived());
        WorkItem first = item(4, QStringLiteral("Identify"));
        WorkItem again = item(5, QStringLiteral("Identify"));
        again.executionId = QStringLiteral("e2");
        again.attempt = 3;
        runner.launch(first);
        runner.launch(again);
        const auto results = collect(runner, 2);
        QCOMPARE(results.size(), 2);
        QStringList seen;
        for (const auto &r : results)
            seen.append(r.result().toString());
        seen.sort();
        QCOMPARE(seen, (QStringList { QStringLiteral("i/e/4/1"), QStringLiteral("i/e2/5/3") }));
    }

    void voidedLaunchesNeverArrive()
    {
        ActivityRunner runner(m_registry, 1, 1024, 100000, arrived());
        runner.setStartDeadline(steadyMs() - 1); // hold the queue so a queued launch can be voided
        const quint64 held = runner.launch(item(1, QStringLiteral("Hold")));
        const quint64 queued = runner.launch(item(3, QStringLiteral("Square")));
        const quint64 kept = runner.launch(item(2, QStringLiteral("Square")));
        runner.voidLaunches({ queued });
        QCOMPARE(runner.queued(), 2);
        runner.setStartDeadline(std::nullopt);
        QTRY_COMPARE(m_started.load(), 1); // Hold runs and waits
        runner.voidLaunches({ held });
        m_release.release();
        const auto results = collect(runner, 1);
        QCOMPARE(results.size(), 1);
        QCOMPARE(results.first().launch, kept);
        runner.stop();
        QVERIFY(runner.takeResults().isEmpty());
        QCOMPARE(m_started.load(), 2); // Hold and the kept one; the voided queued one never ran
    }

    void abandoningDropsQueuedAndVoidsRunning()
    {
        ActivityRunner runner(m_registry, 1, 1024, 100000, arrived());
        runner.launch(item(1, QStringLiteral("Hold")));
        for (int i = 2; i <= 10; ++i)
            runner.launch(item(i, QStringLiteral("Square")));
        QTRY_COMPARE(m_started.load(), 1);
        QCOMPARE(runner.abandonAll(), 9);
        m_release.release();
        runner.stop(); // waits for the running one
        QCOMPARE(m_started.load(), 1);
        QVERIFY(runner.takeResults().isEmpty());
        // Launches after that run as usual.
        runner.launch(item(11, QStringLiteral("Square")));
        QCOMPARE(collect(runner, 1).first().result().toInt(), 121);
    }

    void resultsBeyondTheBoundHoldTheQueue()
    {
        // Three results may wait: the fourth activity starts only once some are taken.
        ActivityRunner runner(m_registry, 1, 1024, 3, arrived());
        for (int i = 1; i <= 10; ++i)
            runner.launch(item(i, QStringLiteral("Square")));
        QTRY_COMPARE(runner.waitingResults(), 3);
        // Nothing running with seven queued and the gate open: the drainer waits for room.
        QTRY_COMPARE(runner.backlog().running, 0);
        QCOMPARE(m_started.load(), 3);
        QCOMPARE(runner.queued(), 7);
        auto taken = runner.takeResults(2);
        QCOMPARE(taken.size(), 2);
        QCOMPARE(taken.at(0).item.taskId, 1); // the oldest first
        QCOMPARE(taken.at(1).item.taskId, 2);
        QTRY_COMPARE(m_started.load(), 5); // room for two more
        QTRY_COMPARE(runner.waitingResults(), 3);
        QCOMPARE(runner.queued(), 5);
        // Taken whole from here: each result into an empty list wakes the collector again.
        taken.append(collect(runner, 10 - int(taken.size())));
        QCOMPARE(taken.size(), 10);
        for (int i = 0; i < 10; ++i)
            QCOMPARE(taken.at(i).result().toInt(), (i + 1) * (i + 1));
    }

    void stoppingReleasesDrainersWaitingForRoom()
    {
        ActivityRunner runner(m_registry, 2, 1024, 1, arrived());
        for (int i = 1; i <= 6; ++i)
            runner.launch(item(i, QStringLiteral("Square")));
        QTRY_VERIFY(runner.waitingResults() >= 1);
        QTRY_COMPARE(runner.backlog().running, 0); // both drainers wait for room
        QVERIFY(runner.queued() > 0);
        runner.stop(); // would hang with a drainer still waiting
        QCOMPARE(runner.queued(), 0);
        const int ran = m_started.load();
        QCOMPARE(runner.takeResults().size(), ran);
        // Launches after that run as usual, held by the bound again.
        runner.launch(item(7, QStringLiteral("Square")));
        QCOMPARE(collect(runner, 1).first().result().toInt(), 49);
    }

    void aClosedGateStartsNothingUntilReopened()
    {
        ActivityRunner runner(m_registry, 2, 1024, 100000, arrived());
        runner.setStartDeadline(steadyMs() - 1); // the lease is no longer trusted
        for (int i = 1; i <= 5; ++i)
            runner.launch(item(i, QStringLiteral("Square")));
        // The queue is held, not dropped; the barrier: a reopened gate runs exactly these five.
        QCOMPARE(runner.queued(), 5);
        QCOMPARE(m_started.load(), 0);
        runner.setStartDeadline(steadyMs() + 60000);
        QCOMPARE(collect(runner, 5).size(), 5);
        QCOMPARE(m_started.load(), 5);
    }

    void aLongActivityDoesNotHoldUpTheQueue()
    {
        ActivityRunner runner(m_registry, 2, 1024, 100000, arrived());
        runner.launch(item(1, QStringLiteral("Hold")));
        QTRY_COMPARE(m_started.load(), 1);
        // The first drainer is busy: the next job needs a thread of its own, not a free drainer.
        runner.launch(item(2, QStringLiteral("Square")));
        const auto results = collect(runner, 1);
        QCOMPARE(results.size(), 1);
        QCOMPARE(results.first().item.taskId, 2);
        m_release.release();
        QCOMPARE(collect(runner, 1).size(), 1);
    }

    void instancesTakeTurns()
    {
        // One thread and a closed gate: the order the queue is served in is the order of results.
        ManualClock clock(QDateTime(QDate(2030, 1, 1), QTime(12, 0), Qt::UTC));
        ActivityRunner runner(m_registry, 1, 1024, 100000, arrived(), &clock);
        runner.setStartDeadline(steadyMs() - 1);
        const auto launch = [&](const QString &instance, int taskId) {
            WorkItem w = item(taskId, QStringLiteral("Square"));
            w.instanceId = instance;
            return runner.launch(w);
        };
        for (int i = 1; i <= 5; ++i)
            launch(QStringLiteral("a"), i);
        clock.advance(std::chrono::seconds(30));
        launch(QStringLiteral("b"), 11);
        const quint64 voided = launch(QStringLiteral("c"), 21);
        launch(QStringLiteral("c"), 22);
        launch(QStringLiteral("c"), 23);
        runner.voidLaunches({ voided });
        const ActivityBacklog backlog = runner.backlog();
        QCOMPARE(backlog.queued, 8);
        QCOMPARE(backlog.running, 0);
        QCOMPARE(backlog.oldestQueuedAt, QDateTime(QDate(2030, 1, 1), QTime(12, 0), Qt::UTC));
        runner.setStartDeadline(std::nullopt);
        QList<int> order;
        for (const auto &r : collect(runner, 8))
            order.append(r.item.taskId);
        QCOMPARE(order, (QList<int> { 1, 11, 22, 2, 23, 3, 4, 5 }));
        QCOMPARE(runner.backlog().queued, 0);
        QVERIFY(runner.backlog().oldestQueuedAt.isNull());
    }

    void theBacklogCountsRunningAndTheOldestWait()
    {
        ManualClock clock(QDateTime(QDate(2030, 1, 1), QTime(12, 0), Qt::UTC));
        ActivityRunner runner(m_registry, 1, 1024, 100000, arrived(), &clock);
        runner.launch(item(1, QStringLiteral("Hold")));
        QTRY_COMPARE(m_started.load(), 1);
        clock.advance(std::chrono::seconds(5));
        WorkItem other = item(2, QStringLiteral("Square"));
        other.instanceId = QStringLiteral("other");
        runner.launch(other);
        runner.launch(item(3, QStringLiteral("Square")));
        ActivityBacklog backlog = runner.backlog();
        QCOMPARE(backlog.running, 1);
        QCOMPARE(backlog.queued, 2);
        QCOMPARE(backlog.oldestQueuedAt, QDateTime(QDate(2030, 1, 1), QTime(12, 0, 5), Qt::UTC));
        m_release.release();
        QCOMPARE(collect(runner, 3).size(), 3);
        QTRY_COMPARE(runner.backlog().running, 0);
    }

    void oversizedResultsFail()
    {
        ActivityRunner runner(m_registry, 1, 4, 100000, arrived());
        runner.launch(item(1000, QStringLiteral("Square"))); // 1000000: 7 bytes of JSON
        const auto r = collect(runner, 1).first();
        QVERIFY(!r.succeeded);
        QVERIFY(r.failure);
        QCOMPARE(r.failure->errorType, QStringLiteral("PayloadTooLarge"));
        QVERIFY(!r.eventData().contains(QStringLiteral("result"))); // the oversized value is not kept
        QVERIFY(r.eventDataText().isEmpty());
    }

    void aResultAtTheLimitPasses()
    {
        // The limit counts the result's own text, not the event data around it.
        ActivityRunner runner(m_registry, 1, 7, 100000, arrived());
        runner.launch(item(1000, QStringLiteral("Square")));
        const auto r = collect(runner, 1).first();
        QVERIFY(r.succeeded);
        QCOMPARE(r.resultBytes(), 7);
        QCOMPARE(r.eventDataText(), QByteArray(R"({"result":1000000})"));
        QCOMPARE(r.eventDataText(), json::toText(r.eventData()));
    }

    void resultsCarryTheirStoredText()
    {
        ActivityResult r;
        r.succeed(QJsonValue(QJsonValue::Undefined)); // returned nothing: no data at all
        QVERIFY(r.eventData().isEmpty());
        QVERIFY(r.eventDataText().isEmpty());
        QCOMPARE(r.resultBytes(), 0);
        r.succeed(QJsonObject { { QStringLiteral("a"), QStringLiteral("\"x\"") } });
        QCOMPARE(r.eventDataText(), json::toText(r.eventData()));
        QCOMPARE(r.result().toObject().value(QStringLiteral("a")).toString(), QStringLiteral("\"x\""));
        r.fail(FailureDetails { QStringLiteral("Late"), QStringLiteral("no"), {}, false });
        QVERIFY(r.eventDataText().isEmpty());
        QVERIFY(r.result().isUndefined());
        QCOMPARE(r.eventData().value(QStringLiteral("failure")).toObject().value(QStringLiteral("errorType")),
                 QStringLiteral("Late"));
    }
};

QTEST_GUILESS_MAIN(TestActivityRunner)
#include "tst_activityrunner.moc"
