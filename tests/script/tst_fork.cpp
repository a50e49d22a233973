// What-if forks on a real engine, on both backends: a script orchestrator with stored versions v1
// and v2, forked at an event onto v2 with a substituted activity result; a fork whose code
// diverges from the prefix, refused with the divergence; a fork of a run in flight (an activity
// and a timer pending at the fork point); requests the engine refuses. The original is compared
// before and after every fork.
#include "json.h"
#include "scriptfixture.h"

#include <QJsonObject>

using namespace durable;

namespace {

const char *const versionOne = R"(
const df = require("durable-functions");
df.orchestrator("Pay", function* (context) {
    const quote = yield context.df.callActivity("Quote", context.df.getInput());
    const charged = yield context.df.callActivity("Charge", quote);
    return "v1:" + charged;
});
)";

// Compatible with v1's histories: the same actions; another result text.
const char *const versionTwo = R"(
const df = require("durable-functions");
df.orchestrator("Pay", function* (context) {
    const quote = yield context.df.callActivity("Quote", context.df.getInput());
    const charged = yield context.df.callActivity("Charge", quote);
    return "v2:" + charged;
});
)";

// Incompatible: a new first step.
const char *const versionThree = R"(
const df = require("durable-functions");
df.orchestrator("Pay", function* (context) {
    yield context.df.callActivity("Reserve", 0);
    const quote = yield context.df.callActivity("Quote", context.df.getInput());
    const charged = yield context.df.callActivity("Charge", quote);
    return "v3:" + charged;
});
)";

// An activity and an hour's timer at once, then one more activity.
const char *const waits = R"(
const df = require("durable-functions");
df.orchestrator("Wait", function* (context) {
    const later = new Date(context.df.currentUtcDateTime.getTime() + 3600 * 1000);
    const both = yield context.df.Task.all([context.df.callActivity("Quote", context.df.getInput()),
                                            context.df.createTimer(later)]);
    const charged = yield context.df.callActivity("Charge", both[0]);
    return "waited:" + charged;
});
)";

script::ScriptOptions version(const char *name)
{
    script::ScriptOptions options;
    options.version = QString::fromLatin1(name);
    return options;
}

/// The sequence of the first event of `type` named `name` (-1 when none).
qint64 find(const History &history, EventType type, const QString &name)
{
    for (const auto &e : history) {
        if (e.type == type && e.name == name)
            return e.sequence;
    }
    return -1;
}

/// An instance as a comparison sees it: its row's content and its whole history.
QStringList snapshot(testing::ScriptHub &hub, const QString &id)
{
    const auto info = hub.status(id);
    QStringList lines { info.instanceId,
                        statusName(info.status),
                        info.version,
                        info.executionId,
                        QString::fromUtf8(json::toText(info.output)),
                        info.lastUpdatedAt.toString(Qt::ISODateWithMs),
                        QString::number(hub.history(id).size()) };
    for (const auto &e : hub.history(id))
        lines.append(e.timestamp.toString(Qt::ISODateWithMs));
    lines.append(testing::historyContent(hub.history(id)));
    return lines;
}

} // namespace

class TestFork : public QObject {
    Q_OBJECT

private:
    static void addActivities(Registry &registry)
    {
        registry.addActivity(QStringLiteral("Quote"), [](ActivityContext &, const QJsonValue &input) -> QJsonValue {
            return input.toInt() * 2;
        });
        registry.addActivity(QStringLiteral("Charge"), [](ActivityContext &, const QJsonValue &input) -> QJsonValue {
            return input.toInt() + 1;
        });
        registry.addActivity(QStringLiteral("Reserve"),
                             [](ActivityContext &, const QJsonValue &input) -> QJsonValue { return input; });
    }

    /// A hub with v1 and v2 of Pay and one completed v1 run of it (input 5: "v1:11").
    static QString completedRun(testing::ScriptHub &hub)
    {
        addActivities(hub.registry);
        if (!hub.loadCode(QStringLiteral("pay.js"), QString::fromUtf8(versionOne), version("v1")) || !hub.open())
            return {};
        const QString id = hub.start(QStringLiteral("Pay"), 5, QStringLiteral("pay-1"));
        if (hub.finish(id).output.toString() != QLatin1String("v1:11"))
            return {};
        if (!hub.loadCode(QStringLiteral("pay.js"), QString::fromUtf8(versionTwo), version("v2")))
            return {};
        return id;
    }

    static int instanceCount(testing::ScriptHub &hub)
    {
        InstanceQuery query;
        query.pageSize = 1000;
        auto page = testing::wait(hub.engine->query(query));
        return page ? int(page->instances.size()) : -1;
    }

private Q_SLOTS:
    void initTestCase_data() { testing::backendRows(); }
    void init() { DURABLE_USE_BACKEND(); }

    void forkOnAnotherVersionWithASubstitutedResult()
    {
        testing::ScriptHub hub;
        const QString original = completedRun(hub);
        QVERIFY(!original.isEmpty());
        const QStringList before = snapshot(hub, original);
        const History history = hub.history(original);
        const qint64 chargeScheduled = find(history, EventType::TaskScheduled, QStringLiteral("Charge"));
        QVERIFY(chargeScheduled > 0);

        ForkRequest request;
        request.instanceId = original;
        request.afterSequence = chargeScheduled;
        request.version = QStringLiteral("v2");
        request.substitute = ForkRequest::Substitute::ActivityResult;
        request.value = 100;
        auto forked = testing::wait(hub.engine->fork(request));
        QVERIFY2(forked, forked ? "" : qPrintable(forked.error().message));
        QCOMPARE(forked->verdict.kind, ReplayVerdict::Kind::Deterministic);
        QCOMPARE(forked->instanceId, QStringLiteral("pay-1-fork-1"));

        // The substituted result replaces Charge's: v2's text with 100 instead of 11.
        const auto done = hub.finish(forked->instanceId);
        QCOMPARE(done.status, RuntimeStatus::Completed);
        QCOMPARE(done.output.toString(), QStringLiteral("v2:100"));
        QCOMPARE(done.version, QStringLiteral("v2"));
        QCOMPARE(done.origin.value(QStringLiteral("kind")).toString(), QStringLiteral("fork"));
        QCOMPARE(done.origin.value(QStringLiteral("from")).toString(), original);
        QCOMPARE(done.origin.value(QStringLiteral("event")).toInteger(), chargeScheduled);
        QCOMPARE(done.origin.value(QStringLiteral("version")).toString(), QStringLiteral("v2"));

        // The prefix is the original's, timestamps included; ExecutionStarted names v2.
        const History fork = hub.history(forked->instanceId);
        QVERIFY(forked->cut > chargeScheduled);
        for (qint64 i = 0; i < forked->cut; ++i) {
            HistoryEvent expected = history.at(i);
            if (expected.type == EventType::ExecutionStarted)
                expected.data.insert(QStringLiteral("version"), QStringLiteral("v2"));
            QCOMPARE(fork.at(i), expected);
        }
        // Charge did not run again: its result is the substitute.
        QCOMPARE(testing::scheduledNames(fork), (QStringList { QStringLiteral("Quote"), QStringLiteral("Charge") }));
        const auto substituted = std::find_if(fork.cbegin(), fork.cend(), [](const HistoryEvent &e) {
            return e.type == EventType::TaskCompleted && e.name == QLatin1String("Charge");
        });
        QVERIFY(substituted != fork.cend());
        QCOMPARE(substituted->data.value(QStringLiteral("result")).toInt(), 100);

        QCOMPARE(snapshot(hub, original), before);
        QVERIFY(hub.status(original).origin.isEmpty());

        // The next fork of the same instance gets the next free id; the same code by default.
        ForkRequest again;
        again.instanceId = original;
        again.afterSequence = find(history, EventType::TaskCompleted, QStringLiteral("Quote"));
        auto second = testing::wait(hub.engine->fork(again));
        QVERIFY2(second, second ? "" : qPrintable(second.error().message));
        QCOMPARE(second->instanceId, QStringLiteral("pay-1-fork-2"));
        const auto secondDone = hub.finish(second->instanceId);
        QCOMPARE(secondDone.output.toString(), QStringLiteral("v1:11"));
        QCOMPARE(secondDone.version, QStringLiteral("v1"));
        QCOMPARE(snapshot(hub, original), before);
    }

    void divergingCodeIsRefusedAndCreatesNothing()
    {
        testing::ScriptHub hub;
        const QString original = completedRun(hub);
        QVERIFY(!original.isEmpty());
        QVERIFY(hub.loadCode(QStringLiteral("pay.js"), QString::fromUtf8(versionThree), version("v3")));
        const QStringList before = snapshot(hub, original);
        const int count = instanceCount(hub);
        const History history = hub.history(original);

        ForkRequest request;
        request.instanceId = original;
        request.afterSequence = find(history, EventType::TaskScheduled, QStringLiteral("Charge"));
        request.version = QStringLiteral("v3");
        request.newInstanceId = QStringLiteral("pay-v3");
        auto refused = testing::wait(hub.engine->fork(request));
        QVERIFY2(refused, refused ? "" : qPrintable(refused.error().message));
        QCOMPARE(refused->verdict.kind, ReplayVerdict::Kind::Diverged);
        QVERIFY(refused->instanceId.isEmpty());
        QVERIFY(refused->verdict.divergence);
        const Divergence &d = *refused->verdict.divergence;
        QCOMPARE(d.actionId, 0);
        QCOMPARE(d.expected, (ScheduledStep { EventType::TaskScheduled, QStringLiteral("Quote") }));
        QCOMPARE(d.actual, (ScheduledStep { EventType::TaskScheduled, QStringLiteral("Reserve") }));
        QCOMPARE(refused->verdict.sequence, find(history, EventType::TaskScheduled, QStringLiteral("Quote")));

        hub.barrier();
        QCOMPARE(instanceCount(hub), count);
        auto absent = testing::wait(hub.engine->status(QStringLiteral("pay-v3")));
        QVERIFY(!absent && absent.error().code == ErrorCode::NotFound);
        QCOMPARE(snapshot(hub, original), before);
    }

    void forkOfARunInFlightCompletes()
    {
        testing::ScriptHub hub;
        addActivities(hub.registry);
        QVERIFY(hub.loadCode(QStringLiteral("wait.js"), QString::fromUtf8(waits)));
        QVERIFY(hub.open());
        const QString original = hub.start(QStringLiteral("Wait"), 4, QStringLiteral("wait-1"));
        // Quote done, the timer an hour away: the original waits.
        QTRY_VERIFY_WITH_TIMEOUT(find(hub.history(original), EventType::TaskCompleted, QStringLiteral("Quote")) >= 0,
                                 20000);
        const History history = hub.history(original);
        const QStringList before = snapshot(hub, original);

        // After the first episode: Quote scheduled and not done, the timer pending.
        ForkRequest request;
        request.instanceId = original;
        request.afterSequence = find(history, EventType::TaskScheduled, QStringLiteral("Quote"));
        auto forked = testing::wait(hub.engine->fork(request));
        QVERIFY2(forked, forked ? "" : qPrintable(forked.error().message));
        QCOMPARE(forked->verdict.kind, ReplayVerdict::Kind::Deterministic);
        const QString fork = forked->instanceId;
        // Quote runs again in the fork; the fork then waits for its timer as the original does.
        QTRY_VERIFY_WITH_TIMEOUT(find(hub.history(fork), EventType::TaskCompleted, QStringLiteral("Quote")) >= 0,
                                 20000);
        const auto waiting = hub.status(fork);
        QCOMPARE(waiting.status, RuntimeStatus::Running);
        QCOMPARE(waiting.waiting.timers.size(), 1);
        const HistoryEvent timer = history.at(find(history, EventType::TimerCreated, {}));
        QCOMPARE(waiting.waiting.timers.first().fireAt,
                 QDateTime::fromString(timer.data.value(QStringLiteral("fireAt")).toString(), Qt::ISODateWithMs));
        QCOMPARE(snapshot(hub, original), before);

        hub.clock.advance(std::chrono::hours(1));
        QCOMPARE(hub.finish(fork).output.toString(), QStringLiteral("waited:9"));
        QCOMPARE(hub.finish(original).output.toString(), QStringLiteral("waited:9"));
    }

    void badRequestsAreRefused()
    {
        testing::ScriptHub hub;
        const QString original = completedRun(hub);
        QVERIFY(!original.isEmpty());
        const QStringList before = snapshot(hub, original);
        const int count = instanceCount(hub);
        const History history = hub.history(original);
        const auto refusal = [&](ForkRequest request) {
            auto r = testing::wait(hub.engine->fork(request));
            return r ? std::optional<ErrorCode>() : std::optional<ErrorCode>(r.error().code);
        };
        ForkRequest base;
        base.instanceId = original;
        base.afterSequence = 2;

        ForkRequest unknown = base;
        unknown.instanceId = QStringLiteral("nobody");
        QCOMPARE(refusal(unknown), ErrorCode::NotFound);
        ForkRequest range = base;
        range.afterSequence = history.size();
        QCOMPARE(refusal(range), ErrorCode::InvalidArgument);
        range.afterSequence = -1;
        QCOMPARE(refusal(range), ErrorCode::InvalidArgument);
        ForkRequest taken = base;
        taken.newInstanceId = original;
        QCOMPARE(refusal(taken), ErrorCode::AlreadyExists);
        ForkRequest badId = base;
        badId.newInstanceId = QStringLiteral("a/b");
        QCOMPARE(refusal(badId), ErrorCode::InvalidArgument);
        ForkRequest noVersion = base;
        noVersion.version = QStringLiteral("v9");
        QCOMPARE(refusal(noVersion), ErrorCode::UnknownOrchestrator);
        ForkRequest atTheEnd = base;
        atTheEnd.afterSequence = find(history, EventType::ExecutionCompleted, {});
        QCOMPARE(refusal(atTheEnd), ErrorCode::FailedPrecondition);
        ForkRequest noEvent = base;
        noEvent.substitute = ForkRequest::Substitute::EventPayload;
        noEvent.value = 1;
        QCOMPARE(refusal(noEvent), ErrorCode::FailedPrecondition);
        ForkRequest badFailure = base;
        badFailure.substitute = ForkRequest::Substitute::ActivityFailure;
        badFailure.value = QStringLiteral("not an object");
        QCOMPARE(refusal(badFailure), ErrorCode::InvalidArgument);

        hub.barrier();
        QCOMPARE(instanceCount(hub), count);
        QCOMPARE(snapshot(hub, original), before);
    }
};

QTEST_GUILESS_MAIN(TestFork)
#include "tst_fork.moc"
