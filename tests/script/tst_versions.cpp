// Versions of a script orchestrator side by side, and the replay test of new code against the
// stored histories of existing instances.
#include "replaytest.h"
#include "scriptfixture.h"

#include <QJsonObject>

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

// Compatible: same actions at the same ids; only logging and the result's text changed.
const char *const compatible = R"(
const df = require("durable-functions");
df.orchestrator("Order", function* (context) {
    context.log("checking");
    const checked = yield context.df.callActivity("Check", context.df.getInput());
    const approved = yield context.df.waitForExternalEvent("Approve");
    yield context.df.callActivity("Ship", checked);
    return "v2:" + approved;
});
)";

// Incompatible: a new first step shifts every action id.
const char *const incompatible = R"(
const df = require("durable-functions");
df.orchestrator("Order", function* (context) {
    yield context.df.callActivity("Reserve", context.df.getInput());
    const checked = yield context.df.callActivity("Check", context.df.getInput());
    const approved = yield context.df.waitForExternalEvent("Approve");
    yield context.df.callActivity("Ship", checked);
    return "v3:" + approved;
});
)";

} // namespace

class TestVersions : public QObject {
    Q_OBJECT

private:
    static void addActivities(Registry &registry)
    {
        for (const char *name : { "Check", "Ship", "Reserve" }) {
            registry.addActivity(QString::fromLatin1(name),
                                 [](ActivityContext &, const QJsonValue &input) -> QJsonValue { return input; });
        }
    }
    static script::ScriptOptions version(const char *name)
    {
        script::ScriptOptions options;
        options.version = QString::fromLatin1(name);
        return options;
    }

private Q_SLOTS:
    void runningInstancesKeepTheirVersion()
    {
        testing::ScriptHub hub;
        addActivities(hub.registry);
        QVERIFY(hub.loadCode(QStringLiteral("order.js"), QString::fromUtf8(versionOne), version("v1")));
        QVERIFY(hub.open());
        const QString old = hub.start(QStringLiteral("Order"), 1);
        QTRY_VERIFY_WITH_TIMEOUT(hub.status(old).waiting.events.contains(QStringLiteral("Approve")), 10000);

        // Saving new code while the instance waits: new instances get it, the old one does not.
        QVERIFY(hub.loadCode(QStringLiteral("order.js"), QString::fromUtf8(incompatible), version("v2")));
        QCOMPARE(hub.registry.versions(QStringLiteral("Order")).size(), 2);
        const QString fresh = hub.start(QStringLiteral("Order"), 2);
        QTRY_VERIFY_WITH_TIMEOUT(hub.status(fresh).waiting.events.contains(QStringLiteral("Approve")), 10000);
        QCOMPARE(hub.status(old).version, QStringLiteral("v1"));
        QCOMPARE(hub.status(fresh).version, QStringLiteral("v2"));

        hub.close(); // a restart: the old instance replays from history, with v1
        QVERIFY(hub.open());
        QVERIFY(testing::wait(hub.engine->raiseEvent(old, QStringLiteral("Approve"), QStringLiteral("yes"))));
        QVERIFY(testing::wait(hub.engine->raiseEvent(fresh, QStringLiteral("Approve"), QStringLiteral("ok"))));
        const auto oldDone = hub.finish(old);
        QCOMPARE(oldDone.status, RuntimeStatus::Completed);
        QCOMPARE(oldDone.output.toString(), QStringLiteral("v1:yes"));
        QCOMPARE(hub.finish(fresh).output.toString(), QStringLiteral("v3:ok"));
        QVERIFY(!testing::scheduledNames(hub.history(old)).contains(QStringLiteral("Reserve")));
    }

    void replayTestVerdicts()
    {
        testing::ScriptHub hub;
        addActivities(hub.registry);
        QVERIFY(hub.loadCode(QStringLiteral("order.js"), QString::fromUtf8(versionOne), version("v1")));
        QVERIFY(hub.open());
        // One instance waiting for approval, one finished.
        const QString waiting = hub.start(QStringLiteral("Order"), 1);
        const QString finished = hub.start(QStringLiteral("Order"), 2);
        QTRY_VERIFY_WITH_TIMEOUT(hub.status(waiting).waiting.events.contains(QStringLiteral("Approve")), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(hub.status(finished).waiting.events.contains(QStringLiteral("Approve")), 10000);
        QVERIFY(testing::wait(hub.engine->raiseEvent(finished, QStringLiteral("Approve"), QStringLiteral("yes"))));
        QCOMPARE(hub.finish(finished).status, RuntimeStatus::Completed);

        QList<script::ReplayCase> cases;
        for (const QString &id : { waiting, finished })
            cases.append({ id, hub.status(id).executionId, hub.history(id) });

        Registry candidates; // new code is checked before it is saved
        QVERIFY(
            script::loadScript(QStringLiteral("order.js"), QString::fromUtf8(compatible), candidates, version("v2")));
        QVERIFY(
            script::loadScript(QStringLiteral("order.js"), QString::fromUtf8(incompatible), candidates, version("v3")));

        const auto good
            = script::replayTest(cases, candidates.orchestrator(QStringLiteral("Order"), u"v2"_qs)->function);
        QCOMPARE(good.size(), 2);
        for (const auto &verdict : good) {
            QCOMPARE(verdict.kind, script::ReplayVerdict::Kind::Deterministic);
            QVERIFY(!verdict.divergence);
        }
        QCOMPARE(good[0].instanceId, waiting);

        const auto bad
            = script::replayTest(cases, candidates.orchestrator(QStringLiteral("Order"), u"v3"_qs)->function);
        QCOMPARE(bad.size(), 2);
        for (const auto &verdict : bad) {
            QCOMPARE(verdict.kind, script::ReplayVerdict::Kind::Diverged);
            QVERIFY(verdict.divergence);
            QCOMPARE(verdict.divergence->actionId, 0);
            QCOMPARE(verdict.divergence->expected, (ScheduledStep { EventType::TaskScheduled, u"Check"_qs }));
            QCOMPARE(verdict.divergence->actual, (ScheduledStep { EventType::TaskScheduled, u"Reserve"_qs }));
        }
        // The same code the instances ran is of course deterministic.
        const auto same = script::replayHistory(cases[1], hub.registry.orchestrator(u"Order"_qs, u"v1"_qs)->function);
        QCOMPARE(same.kind, script::ReplayVerdict::Kind::Deterministic);
    }

    void replayTestReportsCodeThatStopsEarlyOrThrows()
    {
        testing::ScriptHub hub;
        addActivities(hub.registry);
        QVERIFY(hub.loadCode(QStringLiteral("order.js"), QString::fromUtf8(versionOne), version("v1")));
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("Order"), 1);
        QTRY_VERIFY_WITH_TIMEOUT(hub.status(id).waiting.events.contains(QStringLiteral("Approve")), 10000);
        QVERIFY(testing::wait(hub.engine->raiseEvent(id, QStringLiteral("Approve"), QStringLiteral("yes"))));
        QCOMPARE(hub.finish(id).status, RuntimeStatus::Completed);
        const script::ReplayCase replayCase { id, hub.status(id).executionId, hub.history(id) };

        Registry candidates;
        QVERIFY(script::loadScript(QStringLiteral("short.js"), QStringLiteral(R"(
const df = require("durable-functions");
df.orchestrator("Short", function* (context) {
    yield context.df.callActivity("Check", context.df.getInput());
    return "no approval any more";
});
df.orchestrator("Throws", function* (context) {
    yield context.df.callActivity("Check", context.df.getInput());
    throw new Error("changed my mind");
});
)"),
                                   candidates));
        const auto shorter = script::replayHistory(replayCase, candidates.orchestrator(u"Short"_qs)->function);
        QCOMPARE(shorter.kind, script::ReplayVerdict::Kind::Diverged);
        // The history goes on where the code has already returned: expected, but no actual action.
        QVERIFY(shorter.divergence);
        QCOMPARE(shorter.divergence->actionId, 1);
        QCOMPARE(shorter.divergence->expected, (ScheduledStep { EventType::TaskScheduled, u"Ship"_qs }));
        QVERIFY(!shorter.divergence->actual);
        const auto throws = script::replayHistory(replayCase, candidates.orchestrator(u"Throws"_qs)->function);
        QCOMPARE(throws.kind, script::ReplayVerdict::Kind::Failed);
        QVERIFY(!throws.divergence);
        QVERIFY(throws.failure);
        QVERIFY2(throws.failure->errorMessage.contains(QLatin1String("changed my mind")),
                 qPrintable(throws.failure->errorMessage));
    }
};

QTEST_GUILESS_MAIN(TestVersions)
#include "tst_versions.moc"
