// The seed's JavaScript samples (tests/script/js/Seed*.js) end to end on a real hub, cached and
// with a full replay at every episode, and compared with the C++ samples' history shapes.
// Changes to the seed text: `const df = require('moment')` became `const moment = require(...)`,
// the monitor's `pollingInternal` typo became `pollingInterval` and its undefined helpers
// (getPollingInterval, getExpiryTime, machineId) are defined above the sample; the approval's
// `approvalEvent === yield ...` is a syntax error in JavaScript and got parentheses.
#include "orchestrationbridge.h"
#include "samples.h"
#include "scriptfixture.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace durable;
using namespace std::chrono_literals;

class TestSamples : public QObject {
    Q_OBJECT

private:
    static void addFanOutActivities(Registry &registry)
    {
        registry.addActivity(QStringLiteral("F1"), [](ActivityContext &, const QJsonValue &) -> QJsonValue {
            return QJsonArray { 1, 2, 3, 4, 5 };
        });
        registry.addActivity(QStringLiteral("F2"), [](ActivityContext &, const QJsonValue &x) -> QJsonValue {
            return x.toDouble() * x.toDouble();
        });
        registry.addActivity(QStringLiteral("F3"),
                             [](ActivityContext &, const QJsonValue &sum) -> QJsonValue { return sum; });
    }

    /// Shape of a history with the orchestrator's name taken out, to compare C++ and JavaScript.
    static QStringList anonymousShape(const History &history, const QString &name)
    {
        QStringList shape = testing::shape(history);
        for (auto &line : shape)
            line.replace(QStringLiteral("ExecutionStarted:") + name, QStringLiteral("ExecutionStarted"));
        return shape;
    }

private Q_SLOTS:
    void cacheModes_data()
    {
        QTest::addColumn<int>("cacheSize");
        QTest::newRow("cached") << 100;
        QTest::newRow("forced replay") << 0;
    }

    void chaining_data() { cacheModes_data(); }
    void chaining()
    {
        QFETCH(int, cacheSize);
        testing::ScriptHub hub(cacheSize);
        samples::registerAll(hub.registry);
        QCOMPARE(hub.load(QStringLiteral("SeedChaining.js")), QStringList { QStringLiteral("SeedChaining") });
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("SeedChaining"), QJsonValue());
        const auto done = hub.finish(id);
        QCOMPARE(done.status, RuntimeStatus::Completed);
        QCOMPARE(done.output.toString(), QStringLiteral(">F1>F2>F3>F4"));
        QVERIFY(done.version.startsWith(QLatin1String("js-")));

        // The same pattern in C++ leaves the same history shape.
        const QString cppId = hub.start(QStringLiteral("FunctionChaining"), QJsonValue());
        QCOMPARE(hub.finish(cppId).status, RuntimeStatus::Completed);
        const auto jsShape = anonymousShape(hub.history(id), QStringLiteral("SeedChaining"));
        QCOMPARE(jsShape.size(), 20);
        QCOMPARE(jsShape, anonymousShape(hub.history(cppId), QStringLiteral("FunctionChaining")));
    }

    void fanOut_data() { cacheModes_data(); }
    void fanOut()
    {
        QFETCH(int, cacheSize);
        testing::ScriptHub hub(cacheSize);
        addFanOutActivities(hub.registry);
        QVERIFY(!hub.load(QStringLiteral("SeedFanOut.js")).isEmpty());
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("SeedFanOut"), QJsonValue());
        QCOMPARE(hub.finish(id).status, RuntimeStatus::Completed);
        const auto history = hub.history(id);
        QCOMPARE(testing::scheduledNames(history),
                 QStringList({ QStringLiteral("F1"), QStringLiteral("F2"), QStringLiteral("F2"), QStringLiteral("F2"),
                               QStringLiteral("F2"), QStringLiteral("F2"), QStringLiteral("F3") }));
        // F3 receives the sum of the squares: the seed adds the task objects themselves.
        const auto f3 = std::find_if(history.cbegin(), history.cend(), [](const HistoryEvent &e) {
            return e.type == EventType::TaskScheduled && e.name == QLatin1String("F3");
        });
        QCOMPARE(f3->data.value(QStringLiteral("input")).toDouble(), 55.0);
        // The five F2 are scheduled in one episode, before any of them completes.
        int lastF2 = -1, firstCompletion = -1;
        for (int i = 0; i < history.size(); ++i) {
            if (history[i].type == EventType::TaskScheduled && history[i].name == QLatin1String("F2"))
                lastF2 = i;
            if (history[i].type == EventType::TaskCompleted && history[i].taskId >= 1 && firstCompletion < 0)
                firstCompletion = i;
        }
        QVERIFY(lastF2 < firstCompletion);
    }

    void approval_data()
    {
        QTest::addColumn<int>("cacheSize");
        QTest::addColumn<QString>("answer");
        QTest::addColumn<QString>("lastActivity");
        for (int cache : { 100, 0 }) {
            const char *mode = cache ? "cached" : "replay";
            QTest::addRow("%s approve", mode) << cache << QStringLiteral("true") << QStringLiteral("ProcessApproval");
            QTest::addRow("%s timeout", mode) << cache << QStringLiteral("timeout") << QStringLiteral("Escalate");
        }
    }
    void approval()
    {
        QFETCH(int, cacheSize);
        QFETCH(QString, answer);
        QFETCH(QString, lastActivity);
        testing::ScriptHub hub(cacheSize);
        samples::registerAll(hub.registry);
        QVERIFY(!hub.load(QStringLiteral("SeedApproval.js")).isEmpty());
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("SeedApproval"), QJsonValue());
        QTRY_VERIFY_WITH_TIMEOUT(hub.status(id).waiting.events.contains(QStringLiteral("ApprovalEvent")), 10000);
        const auto waiting = hub.status(id).waiting;
        QCOMPARE(waiting.timers.size(), 1);
        QCOMPARE(waiting.timers.first().fireAt, hub.clock.now().addSecs(72 * 3600));
        if (answer == QLatin1String("timeout")) {
            hub.clock.advance(72h - 1s);
            hub.barrier(); // a batch after the clock moved: the timer, not yet due, stays
            QCOMPARE(hub.status(id).status, RuntimeStatus::Running);
            hub.clock.advance(2s);
        } else {
            QVERIFY(testing::wait(hub.engine->raiseEvent(id, QStringLiteral("ApprovalEvent"), true)));
        }
        const auto done = hub.finish(id);
        QCOMPARE(done.status, RuntimeStatus::Completed);
        QVERIFY(done.waiting.timers.isEmpty());
        const auto history = hub.history(id);
        QCOMPARE(testing::scheduledNames(history).last(), lastActivity);
        if (answer == QLatin1String("true")) {
            const auto process = std::find_if(history.cbegin(), history.cend(), [](const HistoryEvent &e) {
                return e.type == EventType::TaskScheduled && e.name == QLatin1String("ProcessApproval");
            });
            QCOMPARE(process->data.value(QStringLiteral("input")), QJsonValue(true));
        }

        // The C++ Approval sample answered the same way leaves the same shape.
        const QString cppId = hub.start(QStringLiteral("Approval"), QJsonValue());
        QTRY_VERIFY_WITH_TIMEOUT(hub.status(cppId).waiting.events.contains(QStringLiteral("ApprovalEvent")), 10000);
        if (answer == QLatin1String("timeout"))
            hub.clock.advance(73h);
        else
            QVERIFY(testing::wait(hub.engine->raiseEvent(cppId, QStringLiteral("ApprovalEvent"), true)));
        QCOMPARE(hub.finish(cppId).status, RuntimeStatus::Completed);
        QCOMPARE(anonymousShape(history, QStringLiteral("SeedApproval")),
                 anonymousShape(hub.history(cppId), QStringLiteral("Approval")));
    }

    void monitor_data()
    {
        QTest::addColumn<int>("completeAfter");
        QTest::addColumn<int>("polls");
        QTest::newRow("completes on the third poll") << 3 << 3;
        QTest::newRow("expires") << 0 << 4;
    }
    void monitor()
    {
        QFETCH(int, completeAfter);
        QFETCH(int, polls);
        testing::ScriptHub hub;
        QAtomicInt calls = 0;
        hub.registry.addActivity(QStringLiteral("GetJobStatus"),
                                 [&calls, completeAfter](ActivityContext &, const QJsonValue &) -> QJsonValue {
                                     const int call = ++calls;
                                     return completeAfter > 0 && call >= completeAfter ? QStringLiteral("Completed")
                                                                                       : QStringLiteral("Running");
                                 });
        hub.registry.addActivity(QStringLiteral("SendAlert"),
                                 [](ActivityContext &, const QJsonValue &machine) -> QJsonValue { return machine; });
        QVERIFY(!hub.load(QStringLiteral("SeedMonitor.js")).isEmpty());
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("SeedMonitor"), QStringLiteral("job-7"));
        auto nextTimerArmed = [&] {
            const auto info = hub.status(id);
            return isTerminal(info.status)
                || (!info.waiting.timers.isEmpty() && info.waiting.timers.first().fireAt > hub.clock.now());
        };
        // Polls every 30 s until 100 s after the start: at 0, 30, 60 and 90 s.
        for (int i = 0; i < 6 && !isTerminal(hub.status(id).status); ++i) {
            QTRY_VERIFY_WITH_TIMEOUT(nextTimerArmed(), 10000);
            hub.clock.advance(30s);
        }
        const auto done = hub.finish(id);
        QCOMPARE(done.status, RuntimeStatus::Completed);
        const auto names = testing::scheduledNames(hub.history(id));
        QCOMPARE(names.count(QStringLiteral("GetJobStatus")), polls);
        QCOMPARE(names.contains(QStringLiteral("SendAlert")), completeAfter > 0);
        if (completeAfter > 0) {
            const auto history = hub.history(id);
            const auto alert = std::find_if(history.cbegin(), history.cend(), [](const HistoryEvent &e) {
                return e.type == EventType::TaskScheduled && e.name == QLatin1String("SendAlert");
            });
            QCOMPARE(alert->data.value(QStringLiteral("input")).toString(), QStringLiteral("machine-7"));
        }
    }

    void evictedRunsReleaseTheirScriptState()
    {
        {
            testing::ScriptHub hub(0); // every episode replays in a fresh run; old ones are dropped
            samples::registerAll(hub.registry);
            QVERIFY(!hub.load(QStringLiteral("SeedApproval.js")).isEmpty());
            QVERIFY(hub.open());
            const QString id = hub.start(QStringLiteral("SeedApproval"), QJsonValue());
            QTRY_VERIFY_WITH_TIMEOUT(hub.status(id).waiting.events.contains(QStringLiteral("ApprovalEvent")), 10000);
            // Waiting for the event with no run cached: no script state is held for it.
            QTRY_COMPARE(script::OrchestrationBridge::liveCount(), 0);
            QVERIFY(testing::wait(hub.engine->raiseEvent(id, QStringLiteral("ApprovalEvent"), false)));
            QCOMPARE(hub.finish(id).status, RuntimeStatus::Completed);
        }
        {
            testing::ScriptHub hub(100);
            samples::registerAll(hub.registry);
            QVERIFY(!hub.load(QStringLiteral("SeedApproval.js")).isEmpty());
            QVERIFY(hub.open());
            const QString id = hub.start(QStringLiteral("SeedApproval"), QJsonValue());
            QTRY_VERIFY_WITH_TIMEOUT(hub.status(id).waiting.events.contains(QStringLiteral("ApprovalEvent")), 10000);
            QCOMPARE(script::OrchestrationBridge::liveCount(), 1); // the cached run
        }
        QCOMPARE(script::OrchestrationBridge::liveCount(), 0); // closing the engine dropped it
    }
};

QTEST_GUILESS_MAIN(TestSamples)
#include "tst_samples.moc"
