// The Durable Functions for Node.js v4 programming model (df.app.orchestration, df.app.activity)
// on a real engine and hub: three orchestrators and four activities running the patterns, next to
// the seed's df(function* ...) style in the same file.
#include "scriptfixture.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace durable;
using namespace std::chrono_literals;

class TestV4Model : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void loadsThreeOrchestratorsAndFourActivities()
    {
        testing::ScriptHub hub;
        QStringList names = hub.load(QStringLiteral("V4Patterns.js"));
        names.sort();
        QCOMPARE(names,
                 QStringList({ QStringLiteral("V4Approval"), QStringLiteral("V4Chain"), QStringLiteral("V4CheckStatus"),
                               QStringLiteral("V4FanOut"), QStringLiteral("V4Greet"), QStringLiteral("V4Square"),
                               QStringLiteral("V4Sum") }));
        QVERIFY(hub.registry.orchestrator(QStringLiteral("V4FanOut")));
        QVERIFY(hub.registry.activity(QStringLiteral("V4CheckStatus")));
        QVERIFY(!hub.registry.orchestrator(QStringLiteral("V4Greet")));
    }

    void chainingRetryAndSubOrchestrationFanOut()
    {
        testing::ScriptHub hub;
        QVERIFY(!hub.load(QStringLiteral("V4Patterns.js")).isEmpty());
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("V4Chain"), QStringLiteral("Ada"));
        const auto done = hub.finish(id);
        QCOMPARE(done.status, RuntimeStatus::Completed);
        QCOMPARE(done.output[QLatin1String("greeting")].toString(), QStringLiteral("Hello Hello Ada"));
        QCOMPARE(done.output[QLatin1String("sum")].toInt(), 14); // 1 + 4 + 9, fanned out and in
        QCOMPARE(done.customStatus[QLatin1String("step")].toString(), QStringLiteral("done"));
        QCOMPARE(testing::scheduledNames(hub.history(id)),
                 QStringList({ QStringLiteral("V4Greet"), QStringLiteral("V4Greet") }));
        // The activity's handler got (input, context): its log line is the instance's.
        const auto logs = testing::wait(hub.engine->logs(id));
        QVERIFY(logs);
        QStringList messages;
        for (const auto &line : *logs)
            messages.append(line.message);
        QVERIFY2(messages.contains(QStringLiteral("greeting Ada")), qPrintable(messages.join(u'|')));
        QVERIFY2(messages.contains(QStringLiteral("chained Hello Hello Ada")), qPrintable(messages.join(u'|')));
    }

    void monitorOnTimersThenHumanInteraction()
    {
        testing::ScriptHub hub;
        QVERIFY(!hub.load(QStringLiteral("V4Patterns.js")).isEmpty());
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("V4Approval"), QJsonValue());
        // Two polls report "running", each followed by a one-minute timer.
        for (int poll = 1; poll <= 2; ++poll) {
            QTRY_VERIFY_WITH_TIMEOUT(hub.status(id).customStatus[QLatin1String("polls")].toInt() == poll
                                         && !hub.status(id).waiting.timers.isEmpty(),
                                     10000);
            hub.clock.advance(61s);
        }
        QTRY_VERIFY_WITH_TIMEOUT(hub.status(id).waiting.events.contains(QStringLiteral("Approval")), 10000);
        QCOMPARE(hub.status(id).customStatus[QLatin1String("status")].toString(), QStringLiteral("ready"));
        QVERIFY(testing::wait(hub.engine->raiseEvent(id, QStringLiteral("Approval"), QStringLiteral("yes"))));
        const auto done = hub.finish(id);
        QCOMPARE(done.status, RuntimeStatus::Completed);
        QCOMPARE(done.output,
                 QJsonValue(QJsonObject { { QStringLiteral("polls"), 3 },
                                          { QStringLiteral("approved"), QStringLiteral("yes") } }));

        // Nobody answers: the deadline wins.
        const QString late = hub.start(QStringLiteral("V4Approval"), QJsonValue());
        for (int poll = 1; poll <= 2; ++poll) {
            QTRY_VERIFY_WITH_TIMEOUT(hub.status(late).customStatus[QLatin1String("polls")].toInt() == poll
                                         && !hub.status(late).waiting.timers.isEmpty(),
                                     10000);
            hub.clock.advance(61s);
        }
        QTRY_VERIFY_WITH_TIMEOUT(hub.status(late).waiting.events.contains(QStringLiteral("Approval")), 10000);
        hub.clock.advance(3601s);
        QCOMPARE(hub.finish(late).output[QLatin1String("approved")].toString(), QStringLiteral("timed out"));
    }

    void bothStylesInOneFile()
    {
        testing::ScriptHub hub;
        QVERIFY(hub.loadCode(QStringLiteral("mixed.js"), QStringLiteral(R"(
const df = require("durable-functions");
df.app.orchestration("New", function* (context) {
    const old = yield context.df.callSubOrchestrator("Old", context.df.getInput());
    return yield context.df.callActivity("NewUpper", old);
});
df.orchestrator("Old", function* (context) {
    return yield context.df.callActivity("OldExclaim", context.df.getInput());
});
df.activity("OldExclaim", function (context, input) { return input + "!"; });
df.app.activity("NewUpper", { handler: function (input) { return input.toUpperCase(); } });
)")));
        QVERIFY(hub.open());
        const auto done = hub.finish(hub.start(QStringLiteral("New"), QStringLiteral("hi")));
        QCOMPARE(done.status, RuntimeStatus::Completed);
        QCOMPARE(done.output, QJsonValue(QStringLiteral("HI!")));
    }

    void asyncHandlerFailsClearly()
    {
        // The JavaScript engine has no async functions: refused at load, with the place.
        Registry registry;
        const auto refused = script::loadScript(
            QStringLiteral("async.js"),
            QStringLiteral("const df = require('durable-functions');\n"
                           "df.app.activity('Later', { handler: async function (x) { return x + 1; } });\n"),
            registry);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.startsWith(QLatin1String("async.js:2:")), qPrintable(refused.error().message));
        QVERIFY2(refused.error().message.contains(QLatin1String("SyntaxError")), qPrintable(refused.error().message));

        // A handler returning a promise would "return" an empty object: its call fails instead.
        testing::ScriptHub hub;
        QVERIFY(hub.loadCode(QStringLiteral("promise.js"), QStringLiteral(R"(
const df = require("durable-functions");
df.app.orchestration("UsesAsync", function* (context) {
    return yield context.df.callActivity("Later", 1);
});
df.app.activity("Later", { handler: (x) => Promise.resolve(x + 1) });
)")));
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("UsesAsync"), QJsonValue());
        QCOMPARE(hub.finish(id).status, RuntimeStatus::Failed);
        const auto history = hub.history(id);
        const auto failed = std::find_if(history.cbegin(), history.cend(),
                                         [](const HistoryEvent &e) { return e.type == EventType::TaskFailed; });
        QVERIFY(failed != history.cend());
        const auto failure = FailureDetails::fromJson(failed->data.value(QStringLiteral("failure")).toObject());
        QVERIFY2(failure.errorMessage.contains(QLatin1String("returned a Promise")), qPrintable(failure.errorMessage));
    }

    void badRegistrationsSayWhy_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("no name") << QStringLiteral("df.app.orchestration('', function* () {});")
                                 << QStringLiteral("needs a name");
        QTest::newRow("no handler") << QStringLiteral("df.app.activity('A', { });")
                                    << QStringLiteral("df.app.activity('A', ...) needs a handler");
        QTest::newRow("not a generator") << QStringLiteral("df.app.orchestration('O', { handler: 42 });")
                                         << QStringLiteral("needs a handler");
    }
    void badRegistrationsSayWhy()
    {
        QFETCH(QString, code);
        QFETCH(QString, message);
        Registry registry;
        const auto loaded = script::loadScript(
            QStringLiteral("bad.js"), QStringLiteral("const df = require('durable-functions');\n") + code, registry);
        QVERIFY(!loaded);
        QVERIFY2(loaded.error().message.startsWith(QLatin1String("bad.js:2")), qPrintable(loaded.error().message));
        QVERIFY2(loaded.error().message.contains(message), qPrintable(loaded.error().message));
        QVERIFY(registry.orchestrators().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestV4Model)
#include "tst_v4model.moc"
