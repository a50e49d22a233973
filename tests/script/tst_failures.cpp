// Failures that point at the user's code: the script file and line of an activity or orchestrator
// that threw (not the runtime's prelude), C++ exception types, the attempt number and the earlier
// attempts of a call with a retry policy, failures stored before these fields existed, and a dry
// run that runs the activities of the draft's own file.
#include "scriptdesignservice.h"
#include "scriptfixture.h"

#include <QJsonArray>
#include <QJsonObject>

#include <stdexcept>

using namespace durable;
using namespace std::chrono_literals;

namespace {

// Line numbers matter: the tests name them.
const QString flow = QStringLiteral(R"(const df = require("durable-functions");
df.orchestrator("Flow", function* (context) {
    const input = context.df.getInput();
    if (input === "orchestrator")
        throw new RangeError("the orchestrator gave up");
    return yield context.df.callActivity(input, 7);
});
function deeper(x) {
    if (x > 0)
        throw new TypeError("nested helper failed");
    return x;
}
df.activity("Throws", function (context, x) { throw new Error("boom " + x); });
df.activity("Nested", function (context, x) {
    return deeper(x);
});
df.orchestrator("Retry", function* (context) {
    return yield context.df.callActivityWithRetry("Throws", new df.RetryOptions(1000, 3), 1);
});
df.orchestrator("Caught", function* (context) {
    try {
        yield context.df.callActivity("Throws", 2);
    } catch (e) {
        return e.message + " at line " + e.line;
    }
});
)");

const HistoryEvent *firstOf(const History &history, EventType type)
{
    for (const auto &e : history) {
        if (e.type == type)
            return &e;
    }
    return nullptr;
}

FailureDetails taskFailure(const History &history)
{
    const auto *failed = firstOf(history, EventType::TaskFailed);
    return failed ? FailureDetails::fromJson(failed->data.value(QStringLiteral("failure")).toObject())
                  : FailureDetails {};
}

} // namespace

class TestFailures : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void activityThrowsAtItsLine()
    {
        testing::ScriptHub hub;
        QVERIFY(hub.loadCode(QStringLiteral("myflow.js"), flow));
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("Flow"), QStringLiteral("Throws"));
        const auto done = hub.finish(id);
        QCOMPARE(done.status, RuntimeStatus::Failed);
        const FailureDetails activity = taskFailure(hub.history(id));
        QCOMPARE(activity.errorType, QStringLiteral("Error"));
        QCOMPARE(activity.errorMessage, QStringLiteral("boom 7"));
        QCOMPARE(activity.file, QStringLiteral("myflow.js"));
        QCOMPARE(activity.line, 13);
        QVERIFY2(activity.errorDetails.contains(QLatin1String("myflow.js:13")), qPrintable(activity.errorDetails));
        QVERIFY2(!activity.errorDetails.contains(QLatin1String("prelude")), qPrintable(activity.errorDetails));
        // The orchestrator let it escape: its failure points at the same line, never the prelude's.
        QVERIFY(done.failure);
        QCOMPARE(done.failure->errorType, QStringLiteral("TaskFailedException"));
        QCOMPARE(done.failure->errorMessage, QStringLiteral("boom 7"));
        QCOMPARE(done.failure->file, QStringLiteral("myflow.js"));
        QCOMPARE(done.failure->line, 13);
        QVERIFY2(!done.failure->errorDetails.contains(QLatin1String("prelude")),
                 qPrintable(done.failure->errorDetails));
        QCOMPARE(done.failure->attempt, 0); // no retry policy
    }

    void nestedCallInTheUsersFile()
    {
        testing::ScriptHub hub;
        QVERIFY(hub.loadCode(QStringLiteral("myflow.js"), flow));
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("Flow"), QStringLiteral("Nested"));
        QCOMPARE(hub.finish(id).status, RuntimeStatus::Failed);
        const FailureDetails activity = taskFailure(hub.history(id));
        QCOMPARE(activity.errorType, QStringLiteral("TypeError"));
        QCOMPARE(activity.line, 10); // where deeper() threw, not where the activity called it
        // The stack names both frames in the user's file, innermost first.
        const QStringList frames = activity.errorDetails.split(u'\n');
        QVERIFY2(frames.size() >= 2, qPrintable(activity.errorDetails));
        QVERIFY2(frames.at(0).contains(QLatin1String("deeper (myflow.js:10)")), qPrintable(activity.errorDetails));
        QVERIFY2(frames.at(1).contains(QLatin1String("myflow.js:15")), qPrintable(activity.errorDetails));
    }

    void orchestratorThrowsAtItsLine()
    {
        testing::ScriptHub hub;
        QVERIFY(hub.loadCode(QStringLiteral("myflow.js"), flow));
        QVERIFY(hub.open());
        const auto done = hub.finish(hub.start(QStringLiteral("Flow"), QStringLiteral("orchestrator")));
        QCOMPARE(done.status, RuntimeStatus::Failed);
        QVERIFY(done.failure);
        QCOMPARE(done.failure->errorType, QStringLiteral("RangeError"));
        QCOMPARE(done.failure->file, QStringLiteral("myflow.js"));
        QCOMPARE(done.failure->line, 5);
        QVERIFY2(done.failure->errorMessage.contains(QLatin1String("the orchestrator gave up")),
                 qPrintable(done.failure->errorMessage));
    }

    void scriptSeesWhereItsTaskFailed()
    {
        testing::ScriptHub hub;
        QVERIFY(hub.loadCode(QStringLiteral("myflow.js"), flow));
        QVERIFY(hub.open());
        const auto done = hub.finish(hub.start(QStringLiteral("Caught"), QJsonValue()));
        QCOMPARE(done.status, RuntimeStatus::Completed);
        QCOMPARE(done.output, QJsonValue(QStringLiteral("boom 2 at line 13")));
    }

    void cppExceptionType()
    {
        testing::ScriptHub hub;
        hub.registry.addActivity(QStringLiteral("Throws"), [](ActivityContext &, const QJsonValue &) -> QJsonValue {
            throw std::out_of_range("index 9 past the end");
        });
        hub.registry.addOrchestrator(QStringLiteral("CppFlow"), [](OrchestrationContext &ctx) -> Task<QJsonValue> {
            try {
                co_await ctx.callActivity(QStringLiteral("Throws"), 1);
            } catch (const TaskFailedError &) {
            }
            throw std::invalid_argument("the orchestrator refuses");
        });
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("CppFlow"), QJsonValue());
        const auto done = hub.finish(id);
        QCOMPARE(done.status, RuntimeStatus::Failed);
        const FailureDetails activity = taskFailure(hub.history(id));
        QCOMPARE(activity.errorType, QStringLiteral("std::out_of_range"));
        QCOMPARE(activity.errorMessage, QStringLiteral("index 9 past the end"));
        QCOMPARE(activity.line, 0); // C++ code: no file and line to show
        QVERIFY(done.failure);
        QCOMPARE(done.failure->errorType, QStringLiteral("std::invalid_argument"));
        QCOMPARE(done.failure->errorMessage, QStringLiteral("the orchestrator refuses"));
    }

    void retryAttemptsAndTheirHistory()
    {
        testing::ScriptHub hub;
        QVERIFY(hub.loadCode(QStringLiteral("myflow.js"), flow));
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("Retry"), QJsonValue());
        // Attempts 1 and 2 fail; each waits on a retry timer the test moves the clock past.
        const auto failedCount = [&] {
            int n = 0;
            for (const auto &e : hub.history(id))
                n += e.type == EventType::TaskFailed ? 1 : 0;
            return n;
        };
        for (int attempt = 1; attempt <= 2; ++attempt) {
            QTRY_VERIFY_WITH_TIMEOUT(failedCount() == attempt && hub.status(id).waiting.timers.size() == 1, 10000);
            hub.clock.advance(2s);
        }
        const auto done = hub.finish(id);
        QCOMPARE(done.status, RuntimeStatus::Failed);
        QVERIFY(done.failure);
        QCOMPARE(done.failure->attempt, 3);
        QCOMPARE(done.failure->maxAttempts, 3);
        QCOMPARE(done.failure->line, 13);
        QCOMPARE(done.failure->earlierAttempts.size(), 2);
        for (int i = 0; i < 2; ++i) {
            const auto &earlier = done.failure->earlierAttempts.at(i);
            QCOMPARE(earlier.attempt, i + 1);
            QCOMPARE(earlier.errorType, QStringLiteral("Error"));
            QCOMPARE(earlier.errorMessage, QStringLiteral("boom 1"));
            QCOMPARE(earlier.file, QStringLiteral("myflow.js"));
            QCOMPARE(earlier.line, 13);
            QVERIFY(earlier.failedAt.isValid());
        }
        QVERIFY(done.failure->earlierAttempts.at(0).failedAt < done.failure->earlierAttempts.at(1).failedAt);
        QCOMPARE(failedCount(), 3); // one TaskFailed per attempt
    }

    void oldFailuresStillRead()
    {
        // As stored before file, line and attempts existed: unknown, not zero-valued garbage.
        const auto old
            = FailureDetails::fromJson(QJsonObject { { QStringLiteral("errorType"), QStringLiteral("Error") },
                                                     { QStringLiteral("errorMessage"), QStringLiteral("x") },
                                                     { QStringLiteral("errorDetails"), QStringLiteral("d") } });
        QCOMPARE(old.errorMessage, QStringLiteral("x"));
        QVERIFY(old.file.isEmpty());
        QCOMPARE(old.line, 0);
        QCOMPARE(old.attempt, 0);
        QVERIFY(old.earlierAttempts.isEmpty());
        // The old fields are written as before; the new ones only when known.
        QCOMPARE(old.toJson().keys(),
                 QStringList(
                     { QStringLiteral("errorDetails"), QStringLiteral("errorMessage"), QStringLiteral("errorType") }));
        FailureDetails full = old;
        full.file = QStringLiteral("a.js");
        full.line = 4;
        full.attempt = 2;
        full.maxAttempts = 5;
        full.earlierAttempts.append(AttemptFailure { 1, QStringLiteral("Error"), QStringLiteral("first"),
                                                     QStringLiteral("a.js"), 3,
                                                     QDateTime(QDate(2026, 1, 1), QTime(9, 0), Qt::UTC) });
        QCOMPARE(FailureDetails::fromJson(full.toJson()), full);
        // Wrong types read as unknown.
        const auto odd
            = FailureDetails::fromJson(QJsonObject { { QStringLiteral("line"), QStringLiteral("twelve") },
                                                     { QStringLiteral("attempt"), -3 },
                                                     { QStringLiteral("earlierAttempts"), QStringLiteral("none") } });
        QCOMPARE(odd.line, 0);
        QCOMPARE(odd.attempt, 0);
        QVERIFY(odd.earlierAttempts.isEmpty());
    }

    void dryRunRunsTheFilesActivities()
    {
        testing::EngineFixture hub;
        QVERIFY(hub.open());
        script::ScriptDesignService service(*hub.engine, hub.registry);
        const QDateTime start(QDate(2026, 3, 1), QTime(8, 0), Qt::UTC);
        // The activity throws: the dry run fails at its line, as a run would.
        const auto failed = testing::wait(service.dryRun({ QStringLiteral("myflow.js"), flow, QStringLiteral("Flow") },
                                                         QStringLiteral("Throws"), {}, start));
        QVERIFY2(failed, failed ? "" : qPrintable(failed.error().message));
        QCOMPARE(failed->steps.size(), 1);
        QVERIFY(failed->steps.at(0).failure);
        QCOMPARE(failed->steps.at(0).failure->line, 13);
        QVERIFY(failed->outcome);
        QCOMPARE(failed->outcome->status, RuntimeStatus::Failed);
        QVERIFY(failed->outcome->failure);
        QCOMPARE(failed->outcome->failure->file, QStringLiteral("myflow.js"));
        QCOMPARE(failed->outcome->failure->line, 13);
        QCOMPARE(failed->outcome->failure->errorMessage, QStringLiteral("boom 7"));

        // A stub answer replaces the activity: it does not run.
        const auto stubbed = testing::wait(service.dryRun({ QStringLiteral("myflow.js"), flow, QStringLiteral("Flow") },
                                                          QStringLiteral("Throws"),
                                                          QJsonObject { { QStringLiteral("Throws"), 42 } }, start));
        QVERIFY(stubbed && stubbed->outcome);
        QCOMPARE(stubbed->outcome->status, RuntimeStatus::Completed);
        QCOMPARE(stubbed->outcome->output, QJsonValue(42));
        QVERIFY(!stubbed->steps.at(0).failure);

        // An activity that returns: its real result, not its input.
        QString returning = flow;
        returning.replace(QStringLiteral("throw new Error(\"boom \" + x);"), QStringLiteral("return x * 6;"));
        const auto ran = testing::wait(service.dryRun(
            { QStringLiteral("myflow.js"), returning, QStringLiteral("Flow") }, QStringLiteral("Throws"), {}, start));
        QVERIFY(ran && ran->outcome);
        QCOMPARE(ran->outcome->status, RuntimeStatus::Completed);
        QCOMPARE(ran->steps.at(0).answer, QJsonValue(42));
        QCOMPARE(ran->outcome->output, QJsonValue(42));
    }
};

QTEST_GUILESS_MAIN(TestFailures)
#include "tst_failures.moc"
