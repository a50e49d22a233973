// The engine's side of external workers: steps and activities of orchestrations this process
// does not know go to RemoteWork, and what a worker answers is applied once, through the same
// episode builder as in-process code. The "worker" here is this test, taking items off the queue
// as the sidecar's streams do.
#include "enginefixture.h"
#include "episodebuilder.h"
#include "json.h"
#include "remotework.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>

using namespace durable;
using namespace testing;

namespace {

const QString Worker = QStringLiteral("worker-1");

/// Waits for the next item of the queue (posted after a commit on the dispatcher thread).
std::optional<RemoteItem> next(RemoteWork &work, const QString &worker = Worker, int timeoutMs = 5000)
{
    std::optional<RemoteItem> item;
    const bool ok = QTest::qWaitFor([&] { return (item = work.take(worker)).has_value(); }, timeoutMs);
    return ok ? item : std::nullopt;
}

Action scheduleTask(int id, const QString &name, const QByteArray &input)
{
    Action a;
    a.kind = Action::Kind::ScheduleTask;
    a.id = id;
    a.name = name;
    a.input = json::verbatim(input);
    return a;
}

Outcome completed(const QByteArray &output)
{
    Outcome o;
    o.status = RuntimeStatus::Completed;
    o.output = json::verbatim(output);
    return o;
}

QList<EventType> types(const History &events)
{
    QList<EventType> out;
    for (const auto &e : events)
        out.append(e.type);
    return out;
}

} // namespace

class TestRemoteWork : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<EngineFixture> f;

    RemoteWork &work() { return f->engine->remoteWork(); }

private Q_SLOTS:
    void init()
    {
        f = std::make_unique<EngineFixture>();
        f->registry.addActivity(QStringLiteral("LocalDouble"),
                                [](ActivityContext &, const QJsonValue &v) -> QJsonValue { return v.toInt() * 2; });
        f->options.externalWorkers = true;
        QVERIFY(f->open());
        work().setEnabled(true); // the sidecar is on
    }
    void cleanup() { f.reset(); }

    void unknownNamesAreRefusedWhileDisabled()
    {
        work().setEnabled(false);
        auto r = wait(f->engine->start(QStringLiteral("SdkOrchestrator"), {}));
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::UnknownOrchestrator);
    }

    void stepActivityAndCompletionKeepPayloadsVerbatim()
    {
        const QByteArray input = R"({"b":1,"a":2})";
        const QString id = f->start(QStringLiteral("SdkOrchestrator"), json::verbatim(input), QStringLiteral("r1"));
        QCOMPARE(id, QStringLiteral("r1"));

        auto first = next(work());
        QVERIFY(first);
        QVERIFY(first->isOrchestrator());
        const auto step = std::get<RemoteOrchestratorItem>(first->item);
        QCOMPARE(step.name, QStringLiteral("SdkOrchestrator"));
        QVERIFY(step.pastEvents.isEmpty());
        QCOMPARE(types(step.newEvents), (QList { EventType::OrchestratorStarted, EventType::ExecutionStarted }));
        QCOMPARE(json::payloadText(step.newEvents.at(1).data.value(QStringLiteral("input"))), input);

        RemoteOrchestratorResult schedule;
        schedule.token = first->token;
        schedule.instanceId = id;
        schedule.actions = { scheduleTask(0, QStringLiteral("SdkActivity"), R"("x")") };
        schedule.customStatus = json::verbatim("foobaz"); // not JSON: kept as text
        QVERIFY(wait(work().completeOrchestrator(schedule)));

        auto activity = next(work());
        QVERIFY(activity);
        QVERIFY(!activity->isOrchestrator());
        const auto call = std::get<RemoteActivityItem>(activity->item);
        QCOMPARE(call.name, QStringLiteral("SdkActivity"));
        QCOMPARE(call.taskId, 0);
        QCOMPARE(json::payloadText(call.input), QByteArray(R"("x")"));

        RemoteActivityResult done;
        done.token = activity->token;
        done.instanceId = id;
        done.taskId = 0;
        done.result = json::verbatim(R"({"z":[1,2.50]})");
        QVERIFY(work().completeActivity(done));
        // Accepted once: the same hand-out cannot complete twice.
        QCOMPARE(work().completeActivity(done).error().code, ErrorCode::NotFound);

        auto second = next(work());
        QVERIFY(second);
        const auto step2 = std::get<RemoteOrchestratorItem>(second->item);
        QCOMPARE(types(step2.pastEvents).first(), EventType::OrchestratorStarted);
        QVERIFY(types(step2.pastEvents).contains(EventType::TaskScheduled));
        QCOMPARE(types(step2.newEvents), (QList { EventType::OrchestratorStarted, EventType::TaskCompleted }));
        QCOMPARE(step2.newEvents.at(1).taskId, 0);
        QCOMPARE(json::payloadText(step2.newEvents.at(1).data.value(QStringLiteral("result"))),
                 QByteArray(R"({"z":[1,2.50]})"));

        RemoteOrchestratorResult finish;
        finish.token = second->token;
        finish.instanceId = id;
        finish.outcome = completed(R"({"b":1,"a":2})");
        QVERIFY(wait(work().completeOrchestrator(finish)));

        const InstanceInfo plain = f->finish(id);
        QCOMPARE(plain.status, RuntimeStatus::Completed);
        // The facade decodes: the GUI and the HTTP API see values.
        QCOMPARE(plain.output, QJsonValue(QJsonObject { { QStringLiteral("a"), 2 }, { QStringLiteral("b"), 1 } }));
        QCOMPARE(plain.customStatus, QJsonValue(QStringLiteral("foobaz")));
        auto stored = wait(f->engine->verbatimStatus(id, true, true));
        QVERIFY(stored);
        QCOMPARE(json::payloadText(stored->output), QByteArray(R"({"b":1,"a":2})"));
        QCOMPARE(json::payloadText(stored->input), input);
        QCOMPARE(json::verbatimText(stored->customStatus).value_or(QByteArray()), QByteArray("foobaz"));
        QCOMPARE(stored->history->last().type, EventType::OrchestratorCompleted);
        QVERIFY(work().orchestratorNames().contains(QStringLiteral("SdkOrchestrator")));
        QVERIFY(work().activityNames().contains(QStringLiteral("SdkActivity")));
    }

    void goneWorkersItemsAreRedeliveredAndOldTokensRefused()
    {
        QSignalSpy events(&work(), &RemoteWork::workEvent);
        const QString id = f->start(QStringLiteral("SdkOrchestrator"), {}, QStringLiteral("r2"));
        auto first = next(work());
        QVERIFY(first);
        QCOMPARE(work().loads().value(Worker).orchestrators, 1);
        work().workerGone(Worker);
        QCOMPARE(events.size(), 2);
        const auto handedOut = events.at(0).at(0).value<RemoteWorkEvent>();
        QCOMPARE(handedOut.kind, RemoteWorkEvent::Kind::HandedOut);
        QCOMPARE(handedOut.workerId, Worker);
        QCOMPARE(handedOut.name, QStringLiteral("SdkOrchestrator"));
        QCOMPARE(events.at(1).at(0).value<RemoteWorkEvent>().kind, RemoteWorkEvent::Kind::Returned);
        auto again = next(work(), QStringLiteral("worker-2"));
        QVERIFY(again);
        QVERIFY(again->token != first->token);
        QCOMPARE(std::get<RemoteOrchestratorItem>(again->item).newEvents.size(), 2);

        RemoteOrchestratorResult late;
        late.token = first->token;
        late.instanceId = id;
        late.outcome = completed("1");
        QCOMPARE(wait(work().completeOrchestrator(late)).error().code, ErrorCode::NotFound);

        RemoteOrchestratorResult current = late;
        current.token = again->token;
        current.outcome = completed("2");
        QVERIFY(wait(work().completeOrchestrator(current)));
        QCOMPARE(f->finish(id).output, QJsonValue(2));
        QCOMPARE(history(id).count(EventType::ExecutionCompleted), 1);
    }

    void eventsArrivingWhileAStepIsOutWaitForTheNextStep()
    {
        const QString id = f->start(QStringLiteral("SdkOrchestrator"), {}, QStringLiteral("r3"));
        auto first = next(work());
        QVERIFY(first);
        QVERIFY(wait(f->engine->raiseEvent(id, QStringLiteral("Approval"), json::verbatim("true"))));
        f->barrier();
        QCOMPARE(work().queued(), 0); // one step per instance at a time
        RemoteOrchestratorResult idle;
        idle.token = first->token;
        idle.instanceId = id;
        QVERIFY(wait(work().completeOrchestrator(idle)));
        auto second = next(work());
        QVERIFY(second);
        const auto step = std::get<RemoteOrchestratorItem>(second->item);
        QCOMPARE(types(step.newEvents), (QList { EventType::OrchestratorStarted, EventType::EventRaised }));
        QCOMPARE(step.newEvents.at(1).name, QStringLiteral("Approval"));
    }

    void continueAsNewCarriesEventsBeforeThoseRaisedMeanwhile()
    {
        const QString id = f->start(QStringLiteral("SdkOrchestrator"), {}, QStringLiteral("r8"));
        auto first = next(work());
        QVERIFY(first);
        // Raised while the step is out: they wait for the next step.
        QVERIFY(wait(f->engine->raiseEvent(id, QStringLiteral("inc"), json::verbatim("3"))));
        QVERIFY(wait(f->engine->raiseEvent(id, QStringLiteral("inc"), json::verbatim("4"))));
        RemoteOrchestratorResult again;
        again.token = first->token;
        again.instanceId = id;
        Outcome outcome;
        outcome.status = RuntimeStatus::ContinuedAsNew;
        outcome.continueInput = json::verbatim("[1]");
        outcome.carriedEvents.append(episodes::makeEvent(EventType::EventRaised, -1, -1, QStringLiteral("inc"),
                                                         { { QStringLiteral("input"), json::verbatim("2") } }));
        again.outcome = outcome;
        QVERIFY(wait(work().completeOrchestrator(again)));

        auto second = next(work());
        QVERIFY(second);
        const auto step = std::get<RemoteOrchestratorItem>(second->item);
        QVERIFY(step.pastEvents.isEmpty()); // a new execution
        QCOMPARE(types(step.newEvents),
                 (QList { EventType::OrchestratorStarted, EventType::ExecutionStarted, EventType::EventRaised,
                          EventType::EventRaised, EventType::EventRaised }));
        QCOMPARE(json::payloadText(step.newEvents.at(1).data.value(QStringLiteral("input"))), QByteArray("[1]"));
        QByteArrayList order;
        for (qsizetype i = 2; i < step.newEvents.size(); ++i)
            order.append(json::payloadText(step.newEvents.at(i).data.value(QStringLiteral("input"))));
        QCOMPARE(order, (QByteArrayList { "2", "3", "4" }));
    }

    void aCompletionAfterTerminationIsRefused()
    {
        const QString id = f->start(QStringLiteral("SdkOrchestrator"), {}, QStringLiteral("r4"));
        auto first = next(work());
        QVERIFY(first);
        QVERIFY(wait(f->engine->terminateWith(id, json::verbatim(R"("You got terminated!")"), false)));
        const InstanceInfo info = f->finish(id);
        QCOMPARE(info.status, RuntimeStatus::Terminated);
        QCOMPARE(info.output, QJsonValue(QStringLiteral("You got terminated!")));
        auto stored = wait(f->engine->verbatimStatus(id, false, true));
        QCOMPARE(json::payloadText(stored->output), QByteArray(R"("You got terminated!")"));

        RemoteOrchestratorResult late;
        late.token = first->token;
        late.instanceId = id;
        late.outcome = completed("1");
        QVERIFY(!wait(work().completeOrchestrator(late)));
        QCOMPARE(f->finish(id).status, RuntimeStatus::Terminated);
    }

    void remoteOrchestratorCallsAnInProcessActivity()
    {
        const QString id = f->start(QStringLiteral("SdkOrchestrator"), {}, QStringLiteral("r5"));
        auto first = next(work());
        RemoteOrchestratorResult schedule;
        schedule.token = first->token;
        schedule.instanceId = id;
        schedule.actions = { scheduleTask(0, QStringLiteral("LocalDouble"), "21") };
        QVERIFY(wait(work().completeOrchestrator(schedule)));
        // The in-process activity runs here; its result reaches the worker with the next step.
        auto second = next(work());
        QVERIFY(second);
        const auto step = std::get<RemoteOrchestratorItem>(second->item);
        QCOMPARE(step.newEvents.at(1).type, EventType::TaskCompleted);
        QCOMPARE(json::plain(step.newEvents.at(1).data.value(QStringLiteral("result"))), QJsonValue(42));
    }

    void malformedActionsFailTheInstance()
    {
        // Sent again, the step would come back the same: the instance fails, with the reason.
        const QString id = f->start(QStringLiteral("SdkOrchestrator"), {}, QStringLiteral("r6"));
        auto first = next(work());
        RemoteOrchestratorResult bad;
        bad.token = first->token;
        bad.instanceId = id;
        bad.actions = { scheduleTask(3, QStringLiteral("A"), "1"), scheduleTask(3, QStringLiteral("B"), "2") };
        auto refused = wait(work().completeOrchestrator(bad));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::InvalidArgument);
        const InstanceInfo info = f->finish(id);
        QCOMPARE(info.status, RuntimeStatus::Failed);
        QVERIFY(info.failure);
        QCOMPARE(info.failure->errorType, QStringLiteral("InvalidOrchestratorAction"));
        QVERIFY2(info.failure->errorMessage.contains(QStringLiteral("action id 3")),
                 qPrintable(info.failure->errorMessage));
        QVERIFY(!history(id).contains(EventType::TaskScheduled)); // none of its actions applied
        f->barrier();
        QCOMPARE(work().queued(), 0); // and nothing goes out again
    }

    void workRowsLeftByACrashGoOutAgainAfterReopen()
    {
        const QString id = f->start(QStringLiteral("SdkOrchestrator"), {}, QStringLiteral("r7"));
        auto first = next(work());
        RemoteOrchestratorResult schedule;
        schedule.token = first->token;
        schedule.instanceId = id;
        schedule.actions = { scheduleTask(0, QStringLiteral("SdkActivity"), "1"),
                             scheduleTask(1, QStringLiteral("SdkActivity"), "2") };
        QVERIFY(wait(work().completeOrchestrator(schedule)));
        QVERIFY(next(work())); // handed out, never answered
        f->close();
        QVERIFY(f->open()); // with the sidecar still off: the work waits for it
        f->barrier();
        QSet<int> tasks;
        while (auto item = next(work(), Worker, 2000))
            tasks.insert(std::get<RemoteActivityItem>(item->item).taskId);
        QCOMPARE(tasks, (QSet<int> { 0, 1 }));
    }

private:
    QList<EventType> history(const QString &id) { return types(f->history(id)); }
};

QTEST_GUILESS_MAIN(TestRemoteWork)
#include "tst_remotework.moc"
