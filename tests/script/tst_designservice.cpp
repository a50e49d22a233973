// The Designer's DesignService with the script runtime in this process, on a real engine and hub:
// checks, dry runs and replay tests of drafts, and the registration of saved versions.
#include "enginefixture.h"
#include "scriptdesignservice.h"

#include <QTest>

using namespace durable;

namespace {

const QString greeter = QStringLiteral(R"(const df = require("durable-functions");
df.orchestrator("Greeter", function* (context) {
    const greeting = yield context.df.callActivity("Greet", context.df.getInput());
    const reply = yield context.df.waitForExternalEvent("Reply");
    return greeting + " / " + reply;
});
df.activity("Greet", function (context, name) { return "Hello " + name; });
)");

ScriptDraft draft(const QString &code, const QString &orchestrator = QStringLiteral("Greeter"))
{
    return { QStringLiteral("greeter.js"), code, orchestrator };
}

} // namespace

class TestDesignService : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void checkListsDefinitions()
    {
        testing::EngineFixture hub;
        QVERIFY(hub.open());
        script::ScriptDesignService service(*hub.engine, hub.registry);
        const auto checked = testing::wait(service.check(QStringLiteral("greeter.js"), greeter));
        QVERIFY2(checked, checked ? "" : qPrintable(checked.error().message));
        QCOMPARE(checked->orchestrators, QStringList { QStringLiteral("Greeter") });
        QCOMPARE(checked->activities, QStringList { QStringLiteral("Greet") });
        QVERIFY2(!hub.registry.orchestrator(QStringLiteral("Greeter")), "a check registers nothing");

        const auto broken = testing::wait(
            service.check(QStringLiteral("broken.js"),
                          QStringLiteral("const df = require(\"durable-functions\");\ndf.orchestrator(;\n")));
        QVERIFY(!broken);
        QCOMPARE(broken.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(broken.error().message.startsWith(QLatin1String("broken.js:2:")), qPrintable(broken.error().message));
    }

    void dryRunAnswersWithStubs()
    {
        testing::EngineFixture hub;
        QVERIFY(hub.open());
        script::ScriptDesignService service(*hub.engine, hub.registry);
        const QDateTime start(QDate(2026, 3, 1), QTime(8, 0), Qt::UTC);
        const auto report
            = testing::wait(service.dryRun(draft(greeter), QStringLiteral("Ada"),
                                           QJsonObject { { QStringLiteral("Reply"), QStringLiteral("hi") } }, start));
        QVERIFY2(report, report ? "" : qPrintable(report.error().message));
        QCOMPARE(report->steps.size(), 2);
        QCOMPARE(report->steps.at(0).kind, DryRunStep::Kind::Activity);
        QCOMPARE(report->steps.at(0).name, QStringLiteral("Greet"));
        // No stub, defined in the draft: the activity ran.
        QCOMPARE(report->steps.at(0).answer, QJsonValue(QStringLiteral("Hello Ada")));
        QCOMPARE(report->steps.at(1).kind, DryRunStep::Kind::WaitForEvent);
        QCOMPARE(report->steps.at(1).answer, QJsonValue(QStringLiteral("hi")));
        QVERIFY(report->outcome);
        QCOMPARE(report->outcome->status, RuntimeStatus::Completed);
        QCOMPARE(report->outcome->output, QJsonValue(QStringLiteral("Hello Ada / hi")));
        QVERIFY(!report->stepLimitReached);
        QVERIFY2(!hub.registry.orchestrator(QStringLiteral("Greeter")), "a dry run registers nothing");

        // Code that throws is the outcome of the run, not an error of the call.
        QString throwing = greeter;
        throwing.replace(QStringLiteral("return greeting"), QStringLiteral("return null.greeting"));
        const auto failed = testing::wait(service.dryRun(draft(throwing), QStringLiteral("Ada"), {}, start));
        QVERIFY(failed);
        QVERIFY(failed->outcome);
        QCOMPARE(failed->outcome->status, RuntimeStatus::Failed);
        QVERIFY(failed->outcome->failure);
        QVERIFY2(failed->outcome->failure->errorType == QLatin1String("TypeError"),
                 qPrintable(failed->outcome->failure->errorMessage));
    }

    void unknownOrchestratorIsAnError()
    {
        testing::EngineFixture hub;
        QVERIFY(hub.open());
        script::ScriptDesignService service(*hub.engine, hub.registry);
        const auto dry = testing::wait(service.dryRun(draft(greeter, QStringLiteral("Nope")), {}, {}, {}));
        QVERIFY(!dry);
        QCOMPARE(dry.error().code, ErrorCode::UnknownOrchestrator);
        QCOMPARE(dry.error().message, QStringLiteral("Nope"));
        const auto replay = testing::wait(service.replayTest(draft(greeter, QStringLiteral("Nope")), 10));
        QVERIFY(!replay);
        QCOMPARE(replay.error().code, ErrorCode::UnknownOrchestrator);
    }

    void registeredVersionRunsAndReplays()
    {
        testing::EngineFixture hub;
        QVERIFY(hub.open());
        script::ScriptDesignService service(*hub.engine, hub.registry);
        QCOMPARE(service.versionName(3), QStringLiteral("v3"));
        const auto registered = testing::wait(service.registerVersion(QStringLiteral("greeter.js"), greeter, 3));
        QVERIFY2(registered, registered ? "" : qPrintable(registered.error().message));
        QCOMPARE(*registered, QStringLiteral("v3"));
        const auto info = hub.registry.orchestrator(QStringLiteral("Greeter"));
        QVERIFY(info);
        QCOMPARE(info->version, QStringLiteral("v3"));

        // Two instances of the registered version wait for their reply; the replay test reads both.
        for (const QString &id : { QStringLiteral("g1"), QStringLiteral("g2") }) {
            QCOMPARE(hub.start(QStringLiteral("Greeter"), QStringLiteral("Ada"), id), id);
            QTRY_VERIFY_WITH_TIMEOUT(hub.status(id).waiting.events.contains(QStringLiteral("Reply")), 10000);
        }
        const auto same = testing::wait(service.replayTest(draft(greeter), 10));
        QVERIFY2(same, same ? "" : qPrintable(same.error().message));
        QCOMPARE(same->verdicts.size(), 2);
        for (const auto &verdict : same->verdicts) {
            QCOMPARE(verdict.kind, ReplayVerdict::Kind::Deterministic);
            QCOMPARE(same->versions.value(verdict.instanceId), QStringLiteral("v3"));
        }
        QCOMPARE(testing::wait(service.replayTest(draft(greeter), 1))->verdicts.size(), 1);

        // A new first activity moves every action id: the replay diverges at id 0.
        QString changed = greeter;
        changed.replace(QStringLiteral("    const greeting ="),
                        QStringLiteral("    yield context.df.callActivity(\"Reserve\", 1);\n    const greeting ="));
        const auto diverged = testing::wait(service.replayTest(draft(changed), 10));
        QVERIFY(diverged);
        QCOMPARE(diverged->verdicts.size(), 2);
        QCOMPARE(diverged->verdicts.at(0).kind, ReplayVerdict::Kind::Diverged);
        QVERIFY(diverged->verdicts.at(0).divergence);
        QCOMPARE(diverged->verdicts.at(0).divergence->actionId, 0);
        // The replay test changes nothing in the hub.
        QCOMPARE(hub.status(QStringLiteral("g1")).status, RuntimeStatus::Running);
    }
};

QTEST_GUILESS_MAIN(TestDesignService)
#include "tst_designservice.moc"
