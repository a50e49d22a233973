// Script versions saved in the hub come back into the registry at startup, so an instance keeps
// replaying the version it started on after newer versions are saved and the process restarts.
#include "scriptfixture.h"
#include "storedscripts.h"

using namespace durable;

namespace {

const char *const versionOne = R"(
const df = require("durable-functions");
df.orchestrator("Order", function* (context) {
    const checked = yield context.df.callActivity("Check", context.df.getInput());
    const approved = yield context.df.waitForExternalEvent("Approve");
    yield context.df.callActivity("Ship", checked);
    return "v1:" + approved;
});
)";

// Not replay-compatible with version one: a new first step shifts every action id.
const char *const versionTwo = R"(
const df = require("durable-functions");
df.orchestrator("Order", function* (context) {
    yield context.df.callActivity("Reserve", context.df.getInput());
    const checked = yield context.df.callActivity("Check", context.df.getInput());
    const approved = yield context.df.waitForExternalEvent("Approve");
    yield context.df.callActivity("Ship", checked);
    return "v2:" + approved;
});
)";

void addActivities(Registry &registry)
{
    for (const char *name : { "Check", "Ship", "Reserve" }) {
        registry.addActivity(QString::fromLatin1(name),
                             [](ActivityContext &, const QJsonValue &input) -> QJsonValue { return input; });
    }
}

int save(Engine &engine, const char *code)
{
    const auto saved = testing::wait(
        engine.saveScript(QStringLiteral("order.js"), QString::fromUtf8(code), { QStringLiteral("Order") }, {}));
    return saved ? *saved : -1;
}

} // namespace

class TestStoredScripts : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void instanceFinishesOnItsVersionAfterRestart()
    {
        testing::ScriptHub hub;
        addActivities(hub.registry);
        QVERIFY(hub.open());
        QCOMPARE(save(*hub.engine, versionOne), 1);
        QCOMPARE(script::registerStoredScripts(*hub.engine, hub.registry), 1);
        const QString old = hub.start(QStringLiteral("Order"), 1);
        QTRY_VERIFY_WITH_TIMEOUT(hub.status(old).waiting.events.contains(QStringLiteral("Approve")), 10000);
        QCOMPARE(hub.status(old).version, QStringLiteral("v1"));
        QCOMPARE(save(*hub.engine, versionTwo), 2);
        hub.close();

        // A new process: nothing registered but the activities; the versions come from the hub.
        Registry registry;
        addActivities(registry);
        QCOMPARE(script::registerStoredScripts(hub.options, registry), 2);
        const auto versions = registry.versions(QStringLiteral("Order"));
        QCOMPARE(versions.size(), 2);
        QCOMPARE(versions.first().version, QStringLiteral("v1"));
        QCOMPARE(registry.orchestrator(QStringLiteral("Order"))->version, QStringLiteral("v2"));

        auto reopened = Engine::open(hub.options, registry);
        QVERIFY(reopened);
        auto &engine = **reopened;
        QVERIFY(testing::wait(engine.raiseEvent(old, QStringLiteral("Approve"), QStringLiteral("yes"))));
        const auto done = testing::wait(engine.waitForCompletion(old, 20000));
        QVERIFY(done);
        QCOMPARE(done->status, RuntimeStatus::Completed);
        QCOMPARE(done->version, QStringLiteral("v1"));
        QCOMPARE(done->output.toString(), QStringLiteral("v1:yes"));
        const auto history = testing::wait(engine.history(old));
        QVERIFY(history);
        QVERIFY(!testing::scheduledNames(*history).contains(QStringLiteral("Reserve")));

        // New instances get the latest saved version.
        const auto fresh = testing::wait(engine.start(QStringLiteral("Order"), 2));
        QVERIFY(fresh);
        QTRY_VERIFY_WITH_TIMEOUT(testing::wait(engine.status(*fresh))->waiting.events.contains(u"Approve"_qs), 10000);
        QCOMPARE(testing::wait(engine.status(*fresh))->version, QStringLiteral("v2"));
    }

    void emptyHubRegistersNothing()
    {
        testing::ScriptHub hub;
        QCOMPARE(script::registerStoredScripts(hub.options, hub.registry), 0);
        QVERIFY(hub.registry.orchestrators().isEmpty());
    }

    void storedCodeThatNoLongerLoadsIsAnErrorButTheRestLoads()
    {
        testing::ScriptHub hub;
        QVERIFY(hub.open());
        const auto saved = testing::wait(hub.engine->saveScript(
            QStringLiteral("broken.js"), QStringLiteral("df.orchestrator(\"B\", function* ("), {}, {}));
        QCOMPARE(saved.value_or(-1), 1);
        QCOMPARE(save(*hub.engine, versionOne), 1); // a good file after the broken one
        const auto registered = script::registerStoredScripts(*hub.engine, hub.registry);
        QVERIFY(!registered);
        QCOMPARE(registered.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(registered.error().message.contains(QLatin1String("broken.js")),
                 qPrintable(registered.error().message));
        QVERIFY(!registered.error().message.contains(QLatin1String("order.js")));
        QCOMPARE(hub.registry.orchestrator(u"Order"_qs)->version, QStringLiteral("v1")); // still registered
    }
};

QTEST_GUILESS_MAIN(TestStoredScripts)
#include "tst_storedscripts.moc"
