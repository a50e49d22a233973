// Script safety: the determinism guard, the watchdog, syntax errors with lines, errors crossing
// between JavaScript and the engine, JavaScript activities and the rest of the context API.
#include "orchestrationbridge.h"
#include "scriptfixture.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace durable;
using namespace std::chrono_literals;

class TestGuard : public QObject {
    Q_OBJECT

private:
    static void addEcho(Registry &registry)
    {
        registry.addActivity(QStringLiteral("Echo"),
                             [](ActivityContext &, const QJsonValue &input) -> QJsonValue { return input; });
        registry.addActivity(QStringLiteral("Boom"), [](ActivityContext &, const QJsonValue &) -> QJsonValue {
            throw ActivityError(QStringLiteral("BoomError"), QStringLiteral("kaboom"));
        });
    }

private Q_SLOTS:
    void clockAndRandomAreReplaySafe_data()
    {
        QTest::addColumn<int>("cacheSize");
        QTest::newRow("cached") << 100;
        QTest::newRow("forced replay") << 0;
    }
    void clockAndRandomAreReplaySafe()
    {
        QFETCH(int, cacheSize);
        testing::ScriptHub hub(cacheSize);
        addEcho(hub.registry);
        QVERIFY(hub.loadCode(QStringLiteral("Clock.js"), QStringLiteral(R"(
const df = require("durable-functions");
module.exports = df(function* (context) {
    const first = { now: Date.now(), date: new Date().getTime(), random: Math.random(),
                    guid: context.df.newGuid(), fixed: new Date(0).getTime() };
    yield context.df.callActivity("Echo", first);
    yield context.df.createTimer(new Date(Date.now() + 5000));
    const later = { now: Date.now(), random: Math.random() };
    return { first: first, later: later, isDate: new Date() instanceof Date };
});
)")));
        QVERIFY(hub.open());
        const qint64 startMs = hub.clock.now().toMSecsSinceEpoch();
        const QString id = hub.start(QStringLiteral("Clock"), QJsonValue(), QStringLiteral("fixed-id"));
        QTRY_VERIFY_WITH_TIMEOUT(!hub.status(id).waiting.timers.isEmpty(), 10000);
        hub.clock.advance(5s); // the last episode runs later
        const auto done = hub.finish(id);
        QCOMPARE(done.status, RuntimeStatus::Completed);
        const QJsonObject first = done.output[QLatin1String("first")].toObject();
        QCOMPARE(qint64(first[QLatin1String("now")].toDouble()), startMs);
        QCOMPARE(qint64(first[QLatin1String("date")].toDouble()), startMs);
        QCOMPARE(first[QLatin1String("fixed")].toDouble(), 0.0);
        QVERIFY(done.output[QLatin1String("isDate")].toBool());
        const double random = first[QLatin1String("random")].toDouble();
        QVERIFY(random >= 0 && random < 1);
        QVERIFY(done.output[QLatin1String("later")][QLatin1String("random")].toDouble() != random);
        QCOMPARE(qint64(done.output[QLatin1String("later")][QLatin1String("now")].toDouble()), startMs + 5000);
        // What the first episode recorded is what the code computed again when it replayed.
        const auto history = hub.history(id);
        const auto echo = std::find_if(history.cbegin(), history.cend(),
                                       [](const HistoryEvent &e) { return e.type == EventType::TaskScheduled; });
        QCOMPARE(echo->data.value(QStringLiteral("input")).toObject(), first);

        // Another instance draws a different sequence (the seed is the instance and execution id).
        const QString other = hub.start(QStringLiteral("Clock"), QJsonValue(), QStringLiteral("other-id"));
        QTRY_VERIFY_WITH_TIMEOUT(!hub.status(other).waiting.timers.isEmpty(), 10000);
        hub.clock.advance(5s);
        QVERIFY(hub.finish(other).output[QLatin1String("first")][QLatin1String("random")].toDouble() != random);
    }

    void clockOutsideOrchestratorCodeThrows_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::newRow("Date.now") << QStringLiteral("Date.now()");
        QTest::newRow("new Date") << QStringLiteral("new Date()");
        QTest::newRow("Math.random") << QStringLiteral("Math.random()");
    }
    void clockOutsideOrchestratorCodeThrows()
    {
        QFETCH(QString, expression);
        const QString code = QStringLiteral("const df = require('durable-functions');\nconst started = ") + expression
            + QStringLiteral(";\nmodule.exports = df(function* () { return started; });\n");
        const auto checked = script::checkScript(QStringLiteral("TopLevel.js"), code);
        QVERIFY(!checked);
        QVERIFY2(checked.error().message.contains(QLatin1String("is not available here")),
                 qPrintable(checked.error().message));
        QVERIFY2(checked.error().message.contains(QLatin1String("TopLevel.js:2")), qPrintable(checked.error().message));
    }

    void syntaxErrorsName_fileLineAndColumn_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("location");
        QTest::newRow("missing brace") << QStringLiteral("const df = require('durable-functions');\n\n"
                                                         "module.exports = df(function* (ctx) {\n"
                                                         "    if (true {\n    }\n});\n")
                                       << QStringLiteral("Broken.js:4:14: SyntaxError: ");
        QTest::newRow("yield in expression") << QStringLiteral("const df = require('durable-functions');\n"
                                                               "module.exports = df(function* (ctx) {\n"
                                                               "    const a = 1;\n    if (a === yield 2) {}\n});\n")
                                             << QStringLiteral("Broken.js:4:15: SyntaxError: ");
        // The wrapper the loader puts around a file starts on its first line: columns there are
        // still the file's own.
        QTest::newRow("first line") << QStringLiteral("const = 1;\n") << QStringLiteral("Broken.js:1:7: SyntaxError: ");
        // Found after parsing: QJSEngine knows the line only.
        QTest::newRow("redeclared let") << QStringLiteral("const df = require('durable-functions');\n"
                                                          "let a = 1;\nlet a = 2;\n")
                                        << QStringLiteral("Broken.js:3: SyntaxError: ");
    }
    void syntaxErrorsName_fileLineAndColumn()
    {
        QFETCH(QString, code);
        QFETCH(QString, location);
        Registry registry;
        const auto loaded = script::loadScript(QStringLiteral("Broken.js"), code, registry);
        QVERIFY(!loaded);
        QCOMPARE(loaded.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(loaded.error().message.startsWith(location), qPrintable(loaded.error().message));
        QVERIFY2(loaded.error().message.contains(QLatin1String("SyntaxError")), qPrintable(loaded.error().message));
        QVERIFY(registry.orchestrators().isEmpty());
    }

    void fileWithoutDefinitionsIsRefused()
    {
        const auto checked = script::checkScript(QStringLiteral("Empty.js"), QStringLiteral("const x = 1;\n"));
        QVERIFY(!checked);
        QVERIFY(checked.error().message.contains(QLatin1String("defines no orchestrator")));
    }

    void endlessLoopIsInterrupted()
    {
        testing::ScriptHub hub;
        addEcho(hub.registry);
        script::ScriptOptions options;
        options.timeLimitMs = 300;
        QVERIFY(hub.loadCode(QStringLiteral("Loop.js"), QStringLiteral(R"(
const df = require("durable-functions");
df.orchestrator("Loop", function* (context) {
    yield context.df.callActivity("Echo", 1);
    while (true) {}
});
df.orchestrator("Fine", function* (context) {
    return yield context.df.callActivity("Echo", "still working");
});
)"),
                             options));
        QVERIFY(hub.open());
        const QString looping = hub.start(QStringLiteral("Loop"), QJsonValue());
        const QString fine = hub.start(QStringLiteral("Fine"), QJsonValue());
        const auto failed = hub.finish(looping);
        QCOMPARE(failed.status, RuntimeStatus::Failed);
        QVERIFY(failed.failure);
        QVERIFY2(failed.failure->errorMessage.contains(QLatin1String("ran longer than 300 ms")),
                 qPrintable(failed.failure->errorMessage));
        const auto done = hub.finish(fine);
        QCOMPARE(done.status, RuntimeStatus::Completed);
        QCOMPARE(done.output.toString(), QStringLiteral("still working"));
        // The engine that ran the loop still runs code.
        QCOMPARE(hub.finish(hub.start(QStringLiteral("Fine"), QJsonValue())).status, RuntimeStatus::Completed);
    }

    void endlessLoopAtLoadIsInterrupted()
    {
        script::ScriptOptions options;
        options.timeLimitMs = 200;
        const auto checked = script::checkScript(QStringLiteral("Spin.js"), QStringLiteral("for (;;) {}\n"), options);
        QVERIFY(!checked);
        QVERIFY2(checked.error().message.contains(QLatin1String("interrupted")), qPrintable(checked.error().message));
    }

    void activityFailureIsCatchableAndUncaughtErrorsFail()
    {
        testing::ScriptHub hub;
        addEcho(hub.registry);
        QVERIFY(hub.loadCode(QStringLiteral("Errors.js"), QStringLiteral(R"(
const df = require("durable-functions");
df.orchestrator("Catching", function* (context) {
    try {
        yield context.df.callActivity("Boom");
        return "not reached";
    } catch (e) {
        return { name: e.name, message: e.message, isError: e instanceof Error };
    }
});
df.orchestrator("AllFails", function* (context) {
    const tasks = [context.df.callActivity("Echo", 1), context.df.callActivity("Boom")];
    try {
        yield context.df.Task.all(tasks);
    } catch (e) {
        return { caught: e.message, first: tasks[0].result, faulted: tasks[1].isFaulted };
    }
});
df.orchestrator("Uncaught", function* (context) {
    yield context.df.callActivity("Echo", 1);
    const missing = undefined;
    return missing.property;
});
df.orchestrator("YieldsValue", function* (context) {
    yield 42;
});
)")));
        QVERIFY(hub.open());
        auto caught = hub.finish(hub.start(QStringLiteral("Catching"), QJsonValue()));
        QCOMPARE(caught.status, RuntimeStatus::Completed);
        QCOMPARE(caught.output[QLatin1String("name")].toString(), QStringLiteral("BoomError"));
        QCOMPARE(caught.output[QLatin1String("message")].toString(), QStringLiteral("kaboom"));
        QVERIFY(caught.output[QLatin1String("isError")].toBool());

        auto all = hub.finish(hub.start(QStringLiteral("AllFails"), QJsonValue()));
        QCOMPARE(all.status, RuntimeStatus::Completed);
        QCOMPARE(all.output[QLatin1String("caught")].toString(), QStringLiteral("kaboom"));
        QCOMPARE(all.output[QLatin1String("first")].toInt(), 1);
        QVERIFY(all.output[QLatin1String("faulted")].toBool());

        auto uncaught = hub.finish(hub.start(QStringLiteral("Uncaught"), QJsonValue()));
        QCOMPARE(uncaught.status, RuntimeStatus::Failed);
        // The JavaScript error type, and the file and line as fields of the failure.
        QCOMPARE(uncaught.failure->errorType, QStringLiteral("TypeError"));
        QCOMPARE(uncaught.failure->file, QStringLiteral("Errors.js"));
        QCOMPARE(uncaught.failure->line, 22);
        QVERIFY2(uncaught.failure->errorDetails.contains(QLatin1String("Errors.js:22")),
                 qPrintable(uncaught.failure->errorDetails));

        auto yieldsValue = hub.finish(hub.start(QStringLiteral("YieldsValue"), QJsonValue()));
        QCOMPARE(yieldsValue.status, RuntimeStatus::Failed);
        QVERIFY(yieldsValue.failure->errorMessage.contains(QLatin1String("may only yield tasks")));
    }

    void javaScriptActivities()
    {
        testing::ScriptHub hub;
        QVERIFY(hub.loadCode(QStringLiteral("Greeter.js"), QStringLiteral(R"(
const df = require("durable-functions");
df.activity("Greet", function (context, input) {
    context.log("greeting", input.name);
    return { text: "Hello " + input.name, at: typeof Date.now() };
});
df.activity("Refuse", function (context, input) {
    throw new RangeError("no greeting for " + input);
});
df.orchestrator("Greeter", function* (context) {
    const greeting = yield context.df.callActivity("Greet", context.df.getInput());
    let refusal = null;
    try {
        yield context.df.callActivity("Refuse", "Bob");
    } catch (e) {
        refusal = e.name + ": " + e.message;
    }
    return { greeting: greeting, refusal: refusal };
});
)")));
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("Greeter"), QJsonObject { { QStringLiteral("name"), u"Ann"_qs } });
        const auto done = hub.finish(id);
        QCOMPARE(done.status, RuntimeStatus::Completed);
        QCOMPARE(done.output[QLatin1String("greeting")][QLatin1String("text")].toString(), QStringLiteral("Hello Ann"));
        QCOMPARE(done.output[QLatin1String("greeting")][QLatin1String("at")].toString(), QStringLiteral("number"));
        QCOMPARE(done.output[QLatin1String("refusal")].toString(), QStringLiteral("RangeError: no greeting for Bob"));
        const auto logs = testing::wait(hub.engine->logs(id));
        QVERIFY(logs);
        QVERIFY(std::any_of(logs->cbegin(), logs->cend(), [](const LogLine &line) {
            return line.source == QLatin1String("Greet") && line.message == QLatin1String("greeting Ann");
        }));
    }

    void contextApi_data() { clockAndRandomAreReplaySafe_data(); }
    void contextApi()
    {
        QFETCH(int, cacheSize);
        testing::ScriptHub hub(cacheSize);
        addEcho(hub.registry);
        QAtomicInt flakyCalls = 0;
        hub.registry.addActivity(QStringLiteral("Flaky"),
                                 [&flakyCalls](ActivityContext &, const QJsonValue &) -> QJsonValue {
                                     if (++flakyCalls < 3)
                                         throw ActivityError(QStringLiteral("Transient"), QStringLiteral("try again"));
                                     return QStringLiteral("ok");
                                 });
        QVERIFY(hub.loadCode(QStringLiteral("Api.js"), QStringLiteral(R"(
const df = require("durable-functions");
df.orchestrator("Child", function* (context) {
    return (yield context.df.callActivity("Echo", context.df.getInput())) * 2;
});
df.orchestrator("Api", function* (context) {
    context.log("replaying?", context.df.isReplaying);
    const input = context.df.getInput();
    if (input.round < 2) {
        context.df.continueAsNew({ round: input.round + 1 });
        return "continued";
    }
    context.df.setCustomStatus({ stage: "waiting" });
    const hello = yield context.df.waitForExternalEvent("Hello");
    const child = yield context.df.callSubOrchestrator("Child", 21);
    const retried = yield context.df.callActivityWithRetry("Flaky", new df.RetryOptions(1000, 5), null);
    const timer = context.df.createTimer(new Date(Date.now() + 60000));
    const winner = yield context.df.Task.any([timer, context.df.callActivity("Echo", "fast")]);
    timer.cancel();
    context.df.setCustomStatus({ stage: "done" });
    return { round: input.round, hello: hello, child: child, retried: retried, winner: winner.result,
             instanceId: context.df.instanceId };
});
)")));
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("Api"), QJsonObject { { QStringLiteral("round"), 0 } });
        QTRY_VERIFY_WITH_TIMEOUT(hub.status(id).waiting.events.contains(QStringLiteral("Hello")), 10000);
        QCOMPARE(hub.status(id).customStatus[QLatin1String("stage")].toString(), QStringLiteral("waiting"));
        QVERIFY(testing::wait(hub.engine->raiseEvent(id, QStringLiteral("Hello"), QStringLiteral("world"))));
        // Two retries wait on durable timers of 1 s.
        const auto retryTimerArmed = [&] {
            const auto timers = hub.status(id).waiting.timers;
            return std::any_of(timers.cbegin(), timers.cend(),
                               [&](const WaitState::Timer &t) { return t.fireAt > hub.clock.now(); });
        };
        for (int attempt = 1; attempt <= 2; ++attempt) {
            QTRY_COMPARE_WITH_TIMEOUT(flakyCalls.loadRelaxed(), attempt, 10000);
            QTRY_VERIFY_WITH_TIMEOUT(retryTimerArmed(), 10000);
            hub.clock.advance(1s);
        }
        const auto done = hub.finish(id);
        QCOMPARE(done.status, RuntimeStatus::Completed);
        QCOMPARE(done.output[QLatin1String("round")].toInt(), 2);
        QCOMPARE(done.output[QLatin1String("hello")].toString(), QStringLiteral("world"));
        QCOMPARE(done.output[QLatin1String("child")].toInt(), 42);
        QCOMPARE(done.output[QLatin1String("retried")].toString(), QStringLiteral("ok"));
        QCOMPARE(done.output[QLatin1String("winner")].toString(), QStringLiteral("fast"));
        QCOMPARE(done.output[QLatin1String("instanceId")].toString(), id);
        QCOMPARE(done.customStatus[QLatin1String("stage")].toString(), QStringLiteral("done"));
        QCOMPARE(flakyCalls.loadRelaxed(), 3);
        const auto logs = testing::wait(hub.engine->logs(id));
        QVERIFY(logs && !logs->isEmpty());
        QVERIFY(std::any_of(logs->cbegin(), logs->cend(), [](const LogLine &l) {
            return l.message == QLatin1String("replaying? false") && !l.replaying;
        }));
        if (cacheSize == 0) {
            QVERIFY(std::any_of(logs->cbegin(), logs->cend(), [](const LogLine &l) {
                return l.message == QLatin1String("replaying? true") && l.replaying;
            }));
        }
    }
};

QTEST_GUILESS_MAIN(TestGuard)
#include "tst_guard.moc"
