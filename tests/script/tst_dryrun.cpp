// The dry run: orchestrator code driven without a hub, activities and events answered by stubs.
#include "dryrun.h"
#include "scriptloader.h"

#include <QJsonArray>
#include <QTest>

using namespace durable;
using Kind = script::DryRunStep::Kind;

namespace {

OrchestratorFunction orchestrator(Registry &registry, const char *code, const QString &name)
{
    const auto loaded = script::loadScript(QStringLiteral("dry.js"), QString::fromUtf8(code), registry);
    if (!loaded)
        qWarning("load failed: %s", qPrintable(loaded.error().message));
    const auto info = registry.orchestrator(name);
    return info ? info->function : OrchestratorFunction {};
}

const char *const approval = R"(
const df = require("durable-functions");
df.orchestrator("Approval", function* (context) {
    yield context.df.callActivity("RequestApproval", context.df.getInput());
    const timeout = context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + 3600 * 1000));
    const approved = context.df.waitForExternalEvent("Approve");
    const winner = yield context.df.Task.any([approved, timeout]);
    if (winner === approved) {
        timeout.cancel();
        return yield context.df.callActivity("Process", approved.result);
    }
    return yield context.df.callActivity("Escalate");
});
df.orchestrator("FanOut", function* (context) {
    const items = yield context.df.callActivity("List", [1, 2, 3]);
    const results = yield context.df.Task.all(items.map((i) => context.df.callActivity("Double", i)));
    return results.reduce((a, b) => a + b, 0);
});
df.orchestrator("Forever", function* (context) {
    for (;;)
        yield context.df.callActivity("Poll");
});
)";

} // namespace

class TestDryRun : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void eventsAreAnsweredBeforeTimers()
    {
        Registry registry;
        const auto code = orchestrator(registry, approval, QStringLiteral("Approval"));
        QVERIFY(code);
        const auto result = script::dryRun(code, QStringLiteral("order-1"), [](const script::DryRunStep &step) {
            return step.kind == Kind::WaitForEvent ? QJsonValue(QStringLiteral("yes")) : step.input;
        });
        QVERIFY(result.outcome);
        QVERIFY2(!result.outcome->failure, qPrintable(result.outcome->failure->errorMessage));
        QCOMPARE(result.outcome->status, RuntimeStatus::Completed);
        QCOMPARE(result.outcome->output.toString(), QStringLiteral("yes"));
        QCOMPARE(result.steps.size(), 4);
        QCOMPARE(result.steps[0].kind, Kind::Activity);
        QCOMPARE(result.steps[0].name, QStringLiteral("RequestApproval"));
        QCOMPARE(result.steps[0].answer.toString(), QStringLiteral("order-1"));
        QCOMPARE(result.steps[1].kind, Kind::Timer);
        QCOMPARE(result.steps[2].kind, Kind::WaitForEvent);
        QCOMPARE(result.steps[2].name, QStringLiteral("Approve"));
        QCOMPARE(result.steps[3].name, QStringLiteral("Process"));
        QCOMPARE(result.steps[3].id, 2);
    }

    void fanOutAnswersAllParallelActivities()
    {
        Registry registry;
        const auto code = orchestrator(registry, approval, QStringLiteral("FanOut"));
        QVERIFY(code);
        const auto result = script::dryRun(code, {}, [](const script::DryRunStep &step) -> QJsonValue {
            return step.name == QLatin1String("Double") ? QJsonValue(step.input.toInt() * 2) : step.input;
        });
        QVERIFY(result.outcome);
        QCOMPARE(result.outcome->output.toInt(), 12);
        QCOMPARE(result.steps.size(), 4);
        QCOMPARE(result.steps[3].episode, 1); // the three doubles were scheduled together
        QCOMPARE(result.steps[1].episode, 1);
    }

    void endlessCodeStopsAtTheStepLimit()
    {
        Registry registry;
        const auto code = orchestrator(registry, approval, QStringLiteral("Forever"));
        QVERIFY(code);
        const auto result = script::dryRun(code, {}, {}, QDateTime::currentDateTimeUtc(), 25);
        QVERIFY(!result.outcome);
        QVERIFY(result.stepLimitReached);
        QCOMPARE(result.steps.size(), 25);
    }
};

QTEST_GUILESS_MAIN(TestDryRun)
#include "tst_dryrun.moc"
