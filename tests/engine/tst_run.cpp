#include "run.h"

#include <QTest>

using namespace durable;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(durable::Divergence)
Q_DECLARE_METATYPE(durable::OrchestratorFunction)

namespace {

HistoryEvent event(qint64 sequence, EventType type, int eventId = -1, const QString &name = {}, int taskId = -1)
{
    return HistoryEvent { sequence, type, eventId, taskId, name, {}, QDateTime::currentDateTimeUtc() };
}

/// The history the old code wrote: activity F1 at id 0 completed, then activity F2 scheduled at id 1.
History oldHistory()
{
    return { event(0, EventType::OrchestratorStarted),       event(1, EventType::ExecutionStarted, -1, u"Chain"_s),
             event(2, EventType::TaskScheduled, 0, u"F1"_s), event(3, EventType::OrchestratorCompleted),
             event(4, EventType::OrchestratorStarted),       event(5, EventType::TaskCompleted, -1, {}, 0),
             event(6, EventType::TaskScheduled, 1, u"F2"_s), event(7, EventType::OrchestratorCompleted) };
}

OrchestratorFunction calling(QStringList activities)
{
    return [activities](OrchestrationContext &ctx) -> Task<QJsonValue> {
        for (const QString &name : activities)
            co_await ctx.callActivity(name, {});
        co_return co_await ctx.waitForExternalEvent(u"Go"_s);
    };
}

OrchestratorFunction timerThenWait()
{
    return [](OrchestrationContext &ctx) -> Task<QJsonValue> {
        co_await ctx.callActivity(u"F1"_s, {});
        co_await ctx.createTimer(ctx.currentUtcDateTime().addSecs(60));
        co_return co_await ctx.waitForExternalEvent(u"Go"_s);
    };
}

} // namespace

class TestRun : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void divergenceIsStructured_data();
    void divergenceIsStructured();
    void matchingCodeDoesNotDiverge();
    void failureJsonKeepsItsFieldsAndReadsOldRows();
};

void TestRun::divergenceIsStructured_data()
{
    QTest::addColumn<OrchestratorFunction>("code");
    QTest::addColumn<Divergence>("expected");
    QTest::newRow("other activity") << calling({ u"F1"_s, u"F3"_s })
                                    << Divergence { 1, ScheduledStep { EventType::TaskScheduled, u"F2"_s },
                                                    ScheduledStep { EventType::TaskScheduled, u"F3"_s } };
    QTest::newRow("other kind") << timerThenWait()
                                << Divergence { 1, ScheduledStep { EventType::TaskScheduled, u"F2"_s },
                                                ScheduledStep { EventType::TimerCreated, {} } };
    QTest::newRow("nothing there") << calling(
        { u"F1"_s }) << Divergence { 1, ScheduledStep { EventType::TaskScheduled, u"F2"_s }, std::nullopt };
    QTest::newRow("first action") << calling({ u"F0"_s })
                                  << Divergence { 0, ScheduledStep { EventType::TaskScheduled, u"F1"_s },
                                                  ScheduledStep { EventType::TaskScheduled, u"F0"_s } };
}

void TestRun::divergenceIsStructured()
{
    QFETCH(OrchestratorFunction, code);
    QFETCH(Divergence, expected);
    OrchestrationRun run(u"i"_s, u"e"_s, code);
    for (const auto &e : oldHistory())
        run.apply(e, true);
    QVERIFY(run.outcome());
    QCOMPARE(run.outcome()->status, RuntimeStatus::Failed);
    const auto &failure = run.outcome()->failure;
    QVERIFY(failure);
    QCOMPARE(failure->errorType, u"NonDeterministicOrchestrationError"_s);
    QVERIFY(failure->nonRetriable);
    QVERIFY(failure->divergence);
    QCOMPARE(failure->divergence->actionId, expected.actionId);
    QCOMPARE(failure->divergence->expected, expected.expected);
    QCOMPARE(failure->divergence->actual, expected.actual);
    // Stored as JSON in the history and the instance row: the structure survives the round trip.
    QCOMPARE(FailureDetails::fromJson(failure->toJson()), *failure);
}

void TestRun::matchingCodeDoesNotDiverge()
{
    OrchestrationRun run(u"i"_s, u"e"_s, calling({ u"F1"_s, u"F2"_s }));
    for (const auto &e : oldHistory())
        run.apply(e, true);
    QVERIFY(!run.outcome());
    QCOMPARE(run.waitState().activities, 1);
}

void TestRun::failureJsonKeepsItsFieldsAndReadsOldRows()
{
    const FailureDetails failure { u"NonDeterministicOrchestrationError"_s,
                                   u"expected X"_s,
                                   {},
                                   true,
                                   Divergence { 2, std::nullopt, ScheduledStep { EventType::EventSent, u"Ping"_s } } };
    const QJsonObject json = failure.toJson();
    // Readers that predate divergences still find the type and message where they were.
    QCOMPARE(json.value("errorType"_L1).toString(), failure.errorType);
    QCOMPARE(json.value("errorMessage"_L1).toString(), failure.errorMessage);
    QCOMPARE(json.value("divergence"_L1).toObject().value("actionId"_L1).toInt(), 2);
    QVERIFY(json.value("divergence"_L1).toObject().value("expected"_L1).isNull());
    QCOMPARE(FailureDetails::fromJson(json), failure);

    QJsonObject old = json;
    old.remove("divergence"_L1);
    const auto read = FailureDetails::fromJson(old);
    QCOMPARE(read.errorMessage, failure.errorMessage);
    QVERIFY(!read.divergence);
}

QTEST_GUILESS_MAIN(TestRun)
#include "tst_run.moc"
