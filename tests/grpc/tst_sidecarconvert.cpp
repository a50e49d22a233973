// The sidecar protocol's conversions: engine history → wire events, SDK answers → engine results,
// payloads kept byte for byte, failures and instance state.
#include "json.h"
#include "sidecarconvert.h"

#include <QTest>

#include <limits>

using namespace durable;
using namespace durable::grpc;

namespace {

HistoryEvent row(EventType type, int eventId, int taskId, const QString &name, const QJsonObject &data)
{
    return HistoryEvent { .sequence = 0,
                          .type = type,
                          .eventId = eventId,
                          .taskId = taskId,
                          .name = name,
                          .data = data,
                          .timestamp = QDateTime::fromMSecsSinceEpoch(1'700'000'000'123, Qt::UTC) };
}

QJsonValue v(const char *text)
{
    return json::verbatim(QByteArray(text));
}

const QDateTime FireAt = QDateTime::fromMSecsSinceEpoch(1'700'000'005'250, Qt::UTC);

qint64 ms(const google::protobuf::Timestamp &t)
{
    return t.seconds() * 1000 + t.nanos() / 1000000;
}

} // namespace

class TestSidecarConvert : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void payloadsStayVerbatim_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("object, keys unsorted") << QByteArray(R"({"b":1,"a":2})");
        QTest::newRow("not JSON (dapr custom status)") << QByteArray("foobaz");
        QTest::newRow("string with spaces") << QByteArray(R"( "Hello, 世界!" )");
        QTest::newRow("number text") << QByteArray("1.50");
    }
    void payloadsStayVerbatim()
    {
        QFETCH(QByteArray, text);
        google::protobuf::StringValue wire;
        wire.set_value(text.toStdString());
        const QJsonValue value = payloadFromWire(true, wire);
        QCOMPARE(json::verbatimText(value), std::optional<QByteArray>(text));
        const auto back = payloadToWire(value);
        QVERIFY(back);
        QCOMPARE(QByteArray::fromStdString(*back), text);
    }

    void absentAndEmptyPayloads()
    {
        google::protobuf::StringValue wire;
        QVERIFY(payloadFromWire(false, wire).isUndefined());
        const QJsonValue empty = payloadFromWire(true, wire);
        QVERIFY(!empty.isUndefined());
        QCOMPARE(json::verbatimText(empty), std::optional<QByteArray>(QByteArray("")));
        // Nothing to send either way: the StringValue stays unset.
        QVERIFY(!payloadToWire(QJsonValue(QJsonValue::Undefined)));
        QVERIFY(!payloadToWire(empty));
        // In-process payloads go out as compact JSON.
        QCOMPARE(payloadToWire(QJsonObject { { QStringLiteral("x"), 1 } }), std::optional<std::string>("{\"x\":1}"));
        QCOMPARE(payloadToWire(QJsonValue()), std::optional<std::string>("null"));
    }

    void executionStarted()
    {
        const auto e = historyEventToWire(row(EventType::ExecutionStarted, -1, -1, QStringLiteral("Orch"),
                                              { { QStringLiteral("version"), QStringLiteral("2") },
                                                { QStringLiteral("input"), v("[1,2]") },
                                                { QStringLiteral("parentInstanceId"), QStringLiteral("parent") },
                                                { QStringLiteral("parentTaskId"), 3 } }),
                                          QStringLiteral("child"), QStringLiteral("exec-1"));
        QVERIFY(e.has_executionstarted());
        QCOMPARE(e.eventid(), -1);
        QCOMPARE(ms(e.timestamp()), 1'700'000'000'123);
        const auto &s = e.executionstarted();
        QCOMPARE(s.name(), "Orch");
        QCOMPARE(s.version().value(), "2");
        QCOMPARE(s.input().value(), "[1,2]");
        QCOMPARE(s.orchestrationinstance().instanceid(), "child");
        QCOMPARE(s.orchestrationinstance().executionid().value(), "exec-1");
        QVERIFY(s.has_parentinstance());
        QCOMPARE(s.parentinstance().taskscheduledid(), 3);
        QCOMPARE(s.parentinstance().orchestrationinstance().instanceid(), "parent");

        const auto top = historyEventToWire(row(EventType::ExecutionStarted, -1, -1, QStringLiteral("Orch"), {}),
                                            QStringLiteral("i"), QStringLiteral("e"));
        QVERIFY(!top.executionstarted().has_parentinstance());
        QVERIFY(!top.executionstarted().has_input());
        QVERIFY(!top.executionstarted().has_version());
    }

    void executionCompleted()
    {
        const auto ok = historyEventToWire(row(EventType::ExecutionCompleted, -1, -1, {},
                                               { { QStringLiteral("status"), int(RuntimeStatus::Completed) },
                                                 { QStringLiteral("result"), v(R"({"b":1,"a":2})") } }),
                                           {}, {});
        QVERIFY(ok.has_executioncompleted());
        QCOMPARE(ok.executioncompleted().orchestrationstatus(), sidecar::ORCHESTRATION_STATUS_COMPLETED);
        QCOMPARE(ok.executioncompleted().result().value(), R"({"b":1,"a":2})");
        QVERIFY(!ok.executioncompleted().has_failuredetails());

        const FailureDetails failure { QStringLiteral("Boom"), QStringLiteral("it broke"), QStringLiteral("at x"),
                                       true };
        const auto failed = historyEventToWire(row(EventType::ExecutionCompleted, -1, -1, {},
                                                   { { QStringLiteral("status"), int(RuntimeStatus::Failed) },
                                                     { QStringLiteral("failure"), failure.toJson() } }),
                                               {}, {});
        QCOMPARE(failed.executioncompleted().orchestrationstatus(), sidecar::ORCHESTRATION_STATUS_FAILED);
        QVERIFY(!failed.executioncompleted().has_result());
        QCOMPARE(failed.executioncompleted().failuredetails().errortype(), "Boom");
        QCOMPARE(failed.executioncompleted().failuredetails().errormessage(), "it broke");
        QCOMPARE(failed.executioncompleted().failuredetails().stacktrace().value(), "at x");
        QVERIFY(failed.executioncompleted().failuredetails().isnonretriable());
    }

    void executionTerminated()
    {
        const auto plain = historyEventToWire(
            row(EventType::ExecutionTerminated, -1, -1, {},
                { { QStringLiteral("reason"), QStringLiteral("stop") }, { QStringLiteral("recurse"), true } }),
            {}, {});
        QVERIFY(plain.has_executionterminated());
        QCOMPARE(plain.executionterminated().input().value(), "\"stop\"");
        QVERIFY(plain.executionterminated().recurse());

        const auto verbatim = historyEventToWire(row(EventType::ExecutionTerminated, -1, -1, {},
                                                     { { QStringLiteral("output"), v("\"You got terminated!\"") } }),
                                                 {}, {});
        QCOMPARE(verbatim.executionterminated().input().value(), "\"You got terminated!\"");
        QVERIFY(!verbatim.executionterminated().recurse());
    }

    void tasks()
    {
        const auto scheduled = historyEventToWire(
            row(EventType::TaskScheduled, 4, -1, QStringLiteral("Hello"), { { QStringLiteral("input"), v("\"x\"") } }),
            {}, {});
        QCOMPARE(scheduled.eventid(), 4);
        QVERIFY(scheduled.has_taskscheduled());
        QCOMPARE(scheduled.taskscheduled().name(), "Hello");
        QCOMPARE(scheduled.taskscheduled().input().value(), "\"x\"");

        const auto completed = historyEventToWire(
            row(EventType::TaskCompleted, -1, 4, {}, { { QStringLiteral("result"), v("42") } }), {}, {});
        QVERIFY(completed.has_taskcompleted());
        QCOMPARE(completed.taskcompleted().taskscheduledid(), 4);
        QCOMPARE(completed.taskcompleted().result().value(), "42");

        const auto noResult = historyEventToWire(row(EventType::TaskCompleted, -1, 5, {}, {}), {}, {});
        QVERIFY(!noResult.taskcompleted().has_result());

        const FailureDetails f { QStringLiteral("E"), QStringLiteral("m"), {}, false };
        const auto failed = historyEventToWire(
            row(EventType::TaskFailed, -1, 4, {}, { { QStringLiteral("failure"), f.toJson() } }), {}, {});
        QVERIFY(failed.has_taskfailed());
        QCOMPARE(failed.taskfailed().taskscheduledid(), 4);
        QCOMPARE(failed.taskfailed().failuredetails().errortype(), "E");
        QVERIFY(!failed.taskfailed().failuredetails().has_stacktrace());
    }

    void subOrchestrations()
    {
        const auto created = historyEventToWire(
            row(EventType::SubOrchestrationInstanceCreated, 2, -1, QStringLiteral("Child"),
                { { QStringLiteral("instanceId"), QStringLiteral("p:0002") }, { QStringLiteral("input"), v("7") } }),
            {}, {});
        QVERIFY(created.has_suborchestrationinstancecreated());
        QCOMPARE(created.eventid(), 2);
        QCOMPARE(created.suborchestrationinstancecreated().instanceid(), "p:0002");
        QCOMPARE(created.suborchestrationinstancecreated().name(), "Child");
        QCOMPARE(created.suborchestrationinstancecreated().input().value(), "7");

        const auto completed = historyEventToWire(
            row(EventType::SubOrchestrationInstanceCompleted, -1, 2, {}, { { QStringLiteral("result"), v("8") } }), {},
            {});
        QVERIFY(completed.has_suborchestrationinstancecompleted());
        QCOMPARE(completed.suborchestrationinstancecompleted().taskscheduledid(), 2);
        QCOMPARE(completed.suborchestrationinstancecompleted().result().value(), "8");

        const FailureDetails f { QStringLiteral("Child failed"), QStringLiteral("no"), {}, false };
        const auto failed = historyEventToWire(
            row(EventType::SubOrchestrationInstanceFailed, -1, 2, {}, { { QStringLiteral("failure"), f.toJson() } }),
            {}, {});
        QVERIFY(failed.has_suborchestrationinstancefailed());
        QCOMPARE(failed.suborchestrationinstancefailed().taskscheduledid(), 2);
        QCOMPARE(failed.suborchestrationinstancefailed().failuredetails().errortype(), "Child failed");
    }

    void timers()
    {
        const QString fireAt = FireAt.toString(Qt::ISODateWithMs);
        const auto created = historyEventToWire(
            row(EventType::TimerCreated, 1, -1, {}, { { QStringLiteral("fireAt"), fireAt } }), {}, {});
        QVERIFY(created.has_timercreated());
        QCOMPARE(created.eventid(), 1);
        QCOMPARE(ms(created.timercreated().fireat()), FireAt.toMSecsSinceEpoch());

        const auto fired = historyEventToWire(
            row(EventType::TimerFired, -1, 1, {}, { { QStringLiteral("fireAt"), fireAt } }), {}, {});
        QVERIFY(fired.has_timerfired());
        QCOMPARE(fired.timerfired().timerid(), 1);
        QCOMPARE(ms(fired.timerfired().fireat()), FireAt.toMSecsSinceEpoch());
    }

    void events()
    {
        const auto sent = historyEventToWire(
            row(EventType::EventSent, 6, -1, QStringLiteral("Go"),
                { { QStringLiteral("instanceId"), QStringLiteral("other") }, { QStringLiteral("input"), v("true") } }),
            {}, {});
        QVERIFY(sent.has_eventsent());
        QCOMPARE(sent.eventid(), 6);
        QCOMPARE(sent.eventsent().instanceid(), "other");
        QCOMPARE(sent.eventsent().name(), "Go");
        QCOMPARE(sent.eventsent().input().value(), "true");

        const auto raised = historyEventToWire(
            row(EventType::EventRaised, -1, -1, QStringLiteral("Go"), { { QStringLiteral("input"), v("{\"z\":0}") } }),
            {}, {});
        QVERIFY(raised.has_eventraised());
        QCOMPARE(raised.eventraised().name(), "Go");
        QCOMPARE(raised.eventraised().input().value(), "{\"z\":0}");
    }

    void markersAndLifecycle()
    {
        QVERIFY(
            historyEventToWire(row(EventType::OrchestratorStarted, -1, -1, {}, {}), {}, {}).has_orchestratorstarted());
        QVERIFY(historyEventToWire(row(EventType::OrchestratorCompleted, -1, -1, {},
                                       { { QStringLiteral("customStatus"), v("\"s\"") } }),
                                   {}, {})
                    .has_orchestratorcompleted());

        const auto can = historyEventToWire(row(EventType::ContinueAsNew, -1, -1, {},
                                                { { QStringLiteral("status"), int(RuntimeStatus::ContinuedAsNew) },
                                                  { QStringLiteral("input"), v("11") } }),
                                            {}, {});
        QVERIFY(can.has_continueasnew());
        QCOMPARE(can.continueasnew().input().value(), "11");

        const auto generic = historyEventToWire(
            row(EventType::GenericEvent, -1, -1, {}, { { QStringLiteral("rewound"), QStringLiteral("TaskFailed") } }),
            {}, {});
        QVERIFY(generic.has_genericevent());
        QCOMPARE(generic.genericevent().data().value(), R"({"rewound":"TaskFailed"})");

        const auto suspended = historyEventToWire(
            row(EventType::ExecutionSuspended, -1, -1, {}, { { QStringLiteral("reason"), QStringLiteral("pause") } }),
            {}, {});
        QVERIFY(suspended.has_executionsuspended());
        QCOMPARE(suspended.executionsuspended().input().value(), "pause");
        const auto resumed = historyEventToWire(
            row(EventType::ExecutionResumed, -1, -1, {}, { { QStringLiteral("reason"), QStringLiteral("go") } }), {},
            {});
        QVERIFY(resumed.has_executionresumed());
        QCOMPARE(resumed.executionresumed().input().value(), "go");

        const auto rewound = historyEventToWire(
            row(EventType::ExecutionRewound, -1, -1, {}, { { QStringLiteral("reason"), QStringLiteral("retry") } }), {},
            {});
        QVERIFY(rewound.has_executionrewound());
        QCOMPARE(rewound.executionrewound().reason().value(), "retry");
    }

    void everyEventTypeHasAWireCase()
    {
        for (int t = 0; t <= int(EventType::ExecutionRewound); ++t) {
            const auto e = historyEventToWire(row(EventType(t), -1, -1, {}, {}), {}, {});
            QVERIFY2(e.eventType_case() != sidecar::HistoryEvent::EVENTTYPE_NOT_SET,
                     qPrintable(eventTypeName(EventType(t))));
        }
    }

    void workItems()
    {
        RemoteOrchestratorItem o;
        o.instanceId = QStringLiteral("i1");
        o.executionId = QStringLiteral("e1");
        o.pastEvents = { row(EventType::OrchestratorStarted, -1, -1, {}, {}),
                         row(EventType::ExecutionStarted, -1, -1, QStringLiteral("Orch"), {}) };
        o.newEvents = { row(EventType::OrchestratorStarted, -1, -1, {}, {}),
                        row(EventType::TaskCompleted, -1, 0, {}, { { QStringLiteral("result"), v("1") } }) };
        const auto w = workItemToWire(RemoteItem { 17, o });
        QCOMPARE(w.completiontoken(), "17");
        QVERIFY(w.has_orchestratorrequest());
        QCOMPARE(w.orchestratorrequest().instanceid(), "i1");
        QCOMPARE(w.orchestratorrequest().executionid().value(), "e1");
        QCOMPARE(w.orchestratorrequest().pastevents_size(), 2);
        QCOMPARE(w.orchestratorrequest().pastevents(1).executionstarted().orchestrationinstance().instanceid(), "i1");
        QCOMPARE(w.orchestratorrequest().newevents_size(), 2);
        QCOMPARE(w.orchestratorrequest().newevents(1).taskcompleted().result().value(), "1");

        RemoteActivityItem a;
        a.instanceId = QStringLiteral("i1");
        a.executionId = QStringLiteral("e1");
        a.taskId = 3;
        a.name = QStringLiteral("Hello");
        a.input = v(R"({"b":1,"a":2})");
        const auto act = workItemToWire(RemoteItem { 18, a });
        QCOMPARE(act.completiontoken(), "18");
        QVERIFY(act.has_activityrequest());
        QCOMPARE(act.activityrequest().name(), "Hello");
        QCOMPARE(act.activityrequest().taskid(), 3);
        QCOMPARE(act.activityrequest().input().value(), R"({"b":1,"a":2})");
        QCOMPARE(act.activityrequest().orchestrationinstance().instanceid(), "i1");
        QCOMPARE(act.activityrequest().orchestrationinstance().executionid().value(), "e1");
    }

    void tokens()
    {
        QCOMPARE(tokenFromWire("").value_or(999), quint64(0));
        QCOMPARE(tokenFromWire("123").value_or(999), quint64(123));
        QVERIFY(!tokenFromWire("12x"));
        QCOMPARE(tokenFromWire("-1").error().code, ErrorCode::InvalidArgument);
        QCOMPARE(tokenToWire(0), "");
        QCOMPARE(tokenToWire(42), "42");
    }

    void actionsToResult()
    {
        sidecar::OrchestratorResponse r;
        r.set_instanceid("i1");
        r.set_completiontoken("9");
        r.mutable_customstatus()->set_value("foobaz");
        auto *a0 = r.add_actions();
        a0->set_id(0);
        a0->mutable_scheduletask()->set_name("Hello");
        a0->mutable_scheduletask()->mutable_input()->set_value(R"({"b":1,"a":2})");
        auto *a1 = r.add_actions();
        a1->set_id(1);
        *a1->mutable_createtimer()->mutable_fireat() = *timestampToWire(FireAt);
        auto *a2 = r.add_actions();
        a2->set_id(2);
        a2->mutable_createsuborchestration()->set_instanceid("i1:0002");
        a2->mutable_createsuborchestration()->set_name("Child");
        auto *a3 = r.add_actions();
        a3->set_id(3);
        a3->mutable_sendevent()->mutable_instance()->set_instanceid("other");
        a3->mutable_sendevent()->set_name("Go");
        a3->mutable_sendevent()->mutable_data()->set_value("5");
        auto *a4 = r.add_actions();
        a4->set_id(4);
        a4->mutable_terminateorchestration()->set_instanceid("victim");
        a4->mutable_terminateorchestration()->mutable_reason()->set_value(R"("bye")");
        a4->mutable_terminateorchestration()->set_recurse(true);
        auto *done = r.add_actions();
        done->set_id(5);
        done->mutable_completeorchestration()->set_orchestrationstatus(sidecar::ORCHESTRATION_STATUS_COMPLETED);
        done->mutable_completeorchestration()->mutable_result()->set_value("[3,2,1]");
        auto *late = r.add_actions();
        late->set_id(6);
        late->mutable_createtimer()->mutable_fireat()->set_seconds(1);

        const auto result = orchestratorResultFromWire(r);
        QVERIFY(result);
        QCOMPARE(result->token, 9u);
        QCOMPARE(result->instanceId, QStringLiteral("i1"));
        QVERIFY(result->customStatus);
        QCOMPARE(json::payloadText(*result->customStatus), QByteArray("foobaz"));
        QCOMPARE(result->actions.size(), 4); // the timer after the completion is dropped
        const Action &t = result->actions.at(0);
        QCOMPARE(t.kind, Action::Kind::ScheduleTask);
        QCOMPARE(t.id, 0);
        QCOMPARE(t.name, QStringLiteral("Hello"));
        QCOMPARE(json::payloadText(t.input), QByteArray(R"({"b":1,"a":2})"));
        QCOMPARE(result->actions.at(1).kind, Action::Kind::CreateTimer);
        QCOMPARE(result->actions.at(1).fireAt, FireAt);
        QCOMPARE(result->actions.at(2).kind, Action::Kind::CreateSubOrchestration);
        QCOMPARE(result->actions.at(2).instanceId, QStringLiteral("i1:0002"));
        QCOMPARE(result->actions.at(2).name, QStringLiteral("Child"));
        QVERIFY(result->actions.at(2).input.isUndefined());
        QCOMPARE(result->actions.at(3).kind, Action::Kind::SendEvent);
        QCOMPARE(result->actions.at(3).instanceId, QStringLiteral("other"));
        QCOMPARE(result->actions.at(3).name, QStringLiteral("Go"));
        QCOMPARE(json::payloadText(result->actions.at(3).input), QByteArray("5"));
        QCOMPARE(result->terminations.size(), 1);
        QCOMPARE(result->terminations.at(0).instanceId, QStringLiteral("victim"));
        QCOMPARE(json::payloadText(result->terminations.at(0).reason), QByteArray(R"("bye")"));
        QVERIFY(result->terminations.at(0).recursive);
        QVERIFY(result->outcome);
        QCOMPARE(result->outcome->status, RuntimeStatus::Completed);
        QCOMPARE(json::payloadText(result->outcome->output), QByteArray("[3,2,1]"));
        QVERIFY(!result->outcome->failure);
    }

    void noCustomStatusAndNoToken()
    {
        sidecar::OrchestratorResponse r;
        r.set_instanceid("i1");
        const auto result = orchestratorResultFromWire(r);
        QVERIFY(result);
        QCOMPARE(result->token, 0u);
        QVERIFY(!result->customStatus);
        QVERIFY(!result->outcome);
        QVERIFY(result->actions.isEmpty());
    }

    void continueAsNewCarriesEvents()
    {
        sidecar::OrchestratorResponse r;
        auto *c = r.add_actions()->mutable_completeorchestration();
        c->set_orchestrationstatus(sidecar::ORCHESTRATION_STATUS_CONTINUED_AS_NEW);
        c->mutable_result()->set_value("10");
        auto *e1 = c->add_carryoverevents();
        e1->set_eventid(-1);
        e1->mutable_eventraised()->set_name("flag");
        e1->mutable_eventraised()->mutable_input()->set_value("true");
        auto *e2 = c->add_carryoverevents();
        e2->mutable_eventraised()->set_name("empty");
        const auto result = orchestratorResultFromWire(r);
        QVERIFY(result);
        QVERIFY(result->outcome);
        QCOMPARE(result->outcome->status, RuntimeStatus::ContinuedAsNew);
        QCOMPARE(json::payloadText(result->outcome->continueInput), QByteArray("10"));
        QCOMPARE(result->outcome->carriedEvents.size(), 2);
        const HistoryEvent &carried = result->outcome->carriedEvents.at(0);
        QCOMPARE(carried.type, EventType::EventRaised);
        QCOMPARE(carried.name, QStringLiteral("flag"));
        QCOMPARE(json::payloadText(carried.data.value(QStringLiteral("input"))), QByteArray("true"));
        QVERIFY(!result->outcome->carriedEvents.at(1).data.contains(QStringLiteral("input")));
    }

    void failedAndTerminatedOutcomes()
    {
        sidecar::OrchestratorResponse r;
        auto *c = r.add_actions()->mutable_completeorchestration();
        c->set_orchestrationstatus(sidecar::ORCHESTRATION_STATUS_FAILED);
        c->mutable_failuredetails()->set_errortype("Error");
        c->mutable_failuredetails()->set_errormessage("Child failed");
        auto failed = orchestratorResultFromWire(r);
        QVERIFY(failed);
        QCOMPARE(failed->outcome->status, RuntimeStatus::Failed);
        QVERIFY(failed->outcome->failure);
        QCOMPARE(failed->outcome->failure->errorMessage, QStringLiteral("Child failed"));

        c->Clear();
        c->set_orchestrationstatus(sidecar::ORCHESTRATION_STATUS_TERMINATED);
        c->mutable_result()->set_value("\"You got terminated!\"");
        auto terminated = orchestratorResultFromWire(r);
        QVERIFY(terminated);
        QCOMPARE(terminated->outcome->status, RuntimeStatus::Terminated);
        QCOMPARE(json::payloadText(terminated->outcome->output), QByteArray("\"You got terminated!\""));
    }

    void refusedActions()
    {
        sidecar::OrchestratorResponse entity;
        entity.add_actions()->mutable_sendentitymessage();
        QCOMPARE(orchestratorResultFromWire(entity).error().code, ErrorCode::InvalidArgument);

        sidecar::OrchestratorResponse rewind;
        rewind.add_actions()->mutable_rewindorchestration();
        QCOMPARE(orchestratorResultFromWire(rewind).error().code, ErrorCode::InvalidArgument);

        sidecar::OrchestratorResponse badStatus;
        badStatus.add_actions()->mutable_completeorchestration()->set_orchestrationstatus(
            sidecar::ORCHESTRATION_STATUS_RUNNING);
        QCOMPARE(orchestratorResultFromWire(badStatus).error().code, ErrorCode::InvalidArgument);

        sidecar::OrchestratorResponse carryTimer;
        auto *c = carryTimer.add_actions()->mutable_completeorchestration();
        c->set_orchestrationstatus(sidecar::ORCHESTRATION_STATUS_CONTINUED_AS_NEW);
        c->add_carryoverevents()->mutable_timerfired();
        QCOMPARE(orchestratorResultFromWire(carryTimer).error().code, ErrorCode::InvalidArgument);

        sidecar::OrchestratorResponse badToken;
        badToken.set_completiontoken("abc");
        QCOMPARE(orchestratorResultFromWire(badToken).error().code, ErrorCode::InvalidArgument);
    }

    void activityResults()
    {
        sidecar::ActivityResponse ok;
        ok.set_instanceid("i1");
        ok.set_taskid(4);
        ok.set_completiontoken("33");
        ok.mutable_result()->set_value(R"({"b":1,"a":2})");
        const auto r = activityResultFromWire(ok);
        QVERIFY(r);
        QCOMPARE(r->token, 33u);
        QCOMPARE(r->instanceId, QStringLiteral("i1"));
        QCOMPARE(r->taskId, 4);
        QVERIFY(r->succeeded);
        QCOMPARE(json::payloadText(r->result), QByteArray(R"({"b":1,"a":2})"));

        sidecar::ActivityResponse none;
        const auto n = activityResultFromWire(none);
        QVERIFY(n);
        QVERIFY(n->succeeded);
        QVERIFY(n->result.isUndefined());

        sidecar::ActivityResponse bad;
        bad.mutable_failuredetails()->set_errortype("TypeError");
        bad.mutable_failuredetails()->set_errormessage("x is undefined");
        const auto f = activityResultFromWire(bad);
        QVERIFY(f);
        QVERIFY(!f->succeeded);
        QCOMPARE(f->failure.errorType, QStringLiteral("TypeError"));
        QCOMPARE(f->failure.errorMessage, QStringLiteral("x is undefined"));
    }

    void failureDetails()
    {
        const FailureDetails engine { QStringLiteral("E"), QStringLiteral("msg"), QStringLiteral("stack"), true };
        const auto wire = failureToWire(engine);
        QCOMPARE(wire.errortype(), "E");
        QCOMPARE(wire.errormessage(), "msg");
        QCOMPARE(wire.stacktrace().value(), "stack");
        QVERIFY(wire.isnonretriable());
        QVERIFY(!wire.has_innerfailure());
        QCOMPARE(failureFromWire(wire), engine);

        sidecar::TaskFailureDetails nested;
        nested.set_errortype("Outer");
        nested.set_errormessage("outer");
        nested.mutable_stacktrace()->set_value("at outer");
        nested.mutable_innerfailure()->set_errortype("Inner");
        nested.mutable_innerfailure()->set_errormessage("inner");
        const FailureDetails flat = failureFromWire(nested);
        QCOMPARE(flat.errorType, QStringLiteral("Outer"));
        QCOMPARE(flat.errorDetails,
                 QStringLiteral("at outer\nInner failure: {\"errorMessage\":\"inner\",\"errorType\":\"Inner\"}"));
        QVERIFY(!flat.nonRetriable);

        QVERIFY(
            !failureToWire(FailureDetails { QStringLiteral("E"), QStringLiteral("m"), {}, false }).has_stacktrace());
    }

    void instanceState()
    {
        InstanceInfo info;
        info.instanceId = QStringLiteral("i1");
        info.name = QStringLiteral("Orch");
        info.executionId = QStringLiteral("e1");
        info.status = RuntimeStatus::Completed;
        info.input = v(R"({"b":1,"a":2})");
        info.output = v("42");
        info.customStatus = v("foobaz");
        info.failure = FailureDetails { QStringLiteral("stale"), QStringLiteral("not sent"), {}, false };
        info.createdAt = QDateTime::fromMSecsSinceEpoch(1000, Qt::UTC);
        info.lastUpdatedAt = QDateTime::fromMSecsSinceEpoch(2500, Qt::UTC);
        info.completedAt = QDateTime::fromMSecsSinceEpoch(2500, Qt::UTC);
        info.parentInstanceId = QStringLiteral("parent");
        const auto s = instanceToWire(info);
        QCOMPARE(s.instanceid(), "i1");
        QCOMPARE(s.name(), "Orch");
        QCOMPARE(s.orchestrationstatus(), sidecar::ORCHESTRATION_STATUS_COMPLETED);
        QCOMPARE(s.input().value(), R"({"b":1,"a":2})");
        QCOMPARE(s.output().value(), "42");
        QCOMPARE(s.customstatus().value(), "foobaz");
        QVERIFY(!s.has_failuredetails()); // only for FAILED
        QCOMPARE(ms(s.createdtimestamp()), 1000);
        QCOMPARE(ms(s.lastupdatedtimestamp()), 2500);
        QCOMPARE(ms(s.completedtimestamp()), 2500);
        QCOMPARE(s.executionid().value(), "e1");
        QCOMPARE(s.parentinstanceid().value(), "parent");
        QVERIFY(!s.has_version());

        info.status = RuntimeStatus::Failed;
        // A failed row's output column reads back as null: it must not go out as "null".
        info.output = QJsonValue(QJsonValue::Null);
        info.customStatus = QJsonValue(QJsonValue::Undefined);
        info.completedAt = {};
        info.parentInstanceId.clear();
        const auto f = instanceToWire(info);
        QCOMPARE(f.orchestrationstatus(), sidecar::ORCHESTRATION_STATUS_FAILED);
        QVERIFY(f.has_failuredetails());
        QCOMPARE(f.failuredetails().errortype(), "stale");
        QVERIFY(!f.has_output());
        QVERIFY(!f.has_customstatus());
        QVERIFY(!f.has_completedtimestamp());
        QVERIFY(!f.has_parentinstanceid());
    }

    void statusNumbersMatch()
    {
        for (int s = 0; s < RuntimeStatusCount; ++s) {
            InstanceInfo info;
            info.status = RuntimeStatus(s);
            QCOMPARE(int(instanceToWire(info).orchestrationstatus()), s);
        }
        QCOMPARE(int(sidecar::ORCHESTRATION_STATUS_SUSPENDED), int(RuntimeStatus::Suspended));
        QCOMPARE(int(sidecar::ORCHESTRATION_STATUS_PENDING), int(RuntimeStatus::Pending));
    }

    void timestampsBeforeEpoch()
    {
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(-1500, Qt::UTC);
        const auto wire = timestampToWire(t);
        QVERIFY(wire);
        QCOMPARE(wire->seconds(), -2);
        QCOMPARE(wire->nanos(), 500'000'000);
        QCOMPARE(timestampFromWire(*wire), t);
        QVERIFY(!timestampToWire(QDateTime()));
    }

    void timestampsOutOfRange_data()
    {
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<int>("nanos");
        QTest::addColumn<QDateTime>("expected");
        const QDateTime last(QDate(9999, 12, 31), QTime(23, 59, 59), Qt::UTC);
        const QDateTime first(QDate(1, 1, 1), QTime(0, 0), Qt::UTC);
        const QDateTime epoch = QDateTime::fromMSecsSinceEpoch(0, Qt::UTC);
        // Timestamp's range is years 1 to 9999; seconds * 1000 used to overflow for the first two
        // (the fuzzer's regression input tests/fuzz/corpus/sidecar/regression-timestamp-overflow).
        QTest::newRow("largest seconds") << std::numeric_limits<qint64>::max() << 0 << last;
        QTest::newRow("smallest seconds") << std::numeric_limits<qint64>::min() << 0 << first;
        QTest::newRow("fuzzer's") << qint64(-576'460'752'303'423'489) << 0 << first;
        QTest::newRow("after 9999") << qint64(253'402'300'800) << 0 << last;
        QTest::newRow("before year 1") << qint64(-62'135'596'801) << 0 << first;
        QTest::newRow("negative nanos") << qint64(0) << -1 << epoch;
        QTest::newRow("a second of nanos") << qint64(0) << 1'000'000'000 << epoch.addMSecs(999);
        QTest::newRow("last millisecond") << qint64(253'402'300'799) << 999'999'999 << last.addMSecs(999);
    }

    void timestampsOutOfRange()
    {
        QFETCH(qint64, seconds);
        QFETCH(int, nanos);
        QFETCH(QDateTime, expected);
        google::protobuf::Timestamp t;
        t.set_seconds(seconds);
        t.set_nanos(nanos);
        QCOMPARE(timestampFromWire(t), expected);
    }

    void errorsToStatus()
    {
        const auto code = [](ErrorCode c) { return statusFromError(Error { c, QStringLiteral("why") }).error_code(); };
        QCOMPARE(code(ErrorCode::NotFound), ::grpc::StatusCode::NOT_FOUND);
        QCOMPARE(code(ErrorCode::AlreadyExists), ::grpc::StatusCode::ALREADY_EXISTS);
        QCOMPARE(code(ErrorCode::InvalidArgument), ::grpc::StatusCode::INVALID_ARGUMENT);
        QCOMPARE(code(ErrorCode::PayloadTooLarge), ::grpc::StatusCode::INVALID_ARGUMENT);
        QCOMPARE(code(ErrorCode::UnknownOrchestrator), ::grpc::StatusCode::INVALID_ARGUMENT);
        QCOMPARE(code(ErrorCode::FailedPrecondition), ::grpc::StatusCode::FAILED_PRECONDITION);
        QCOMPARE(code(ErrorCode::Busy), ::grpc::StatusCode::UNAVAILABLE);
        QCOMPARE(code(ErrorCode::Shutdown), ::grpc::StatusCode::UNAVAILABLE);
        QCOMPARE(code(ErrorCode::Storage), ::grpc::StatusCode::INTERNAL);
        QCOMPARE(statusFromError(Error { ErrorCode::NotFound, QStringLiteral("no 'x'") }).error_message(), "no 'x'");
    }
};

QTEST_GUILESS_MAIN(TestSidecarConvert)
#include "tst_sidecarconvert.moc"
