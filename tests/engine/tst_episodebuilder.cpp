// The episode builder alone: what an episode delivers, writes and schedules, without SQL or a clock.
#include "episodebuilder.h"

#include <QTest>

using namespace durable;
using namespace durable::episodes;

class TestEpisodeBuilder : public QObject {
    Q_OBJECT

private:
    const QDateTime m_now { QDate(2026, 6, 1), QTime(8, 0), Qt::UTC };

    static InstanceRecord running(qint64 historyLength = 5)
    {
        InstanceRecord r;
        r.info.instanceId = QStringLiteral("i1");
        r.info.executionId = QStringLiteral("e1");
        r.info.name = QStringLiteral("Flow");
        r.info.status = RuntimeStatus::Running;
        r.historyLength = historyLength;
        return r;
    }

    static Action action(Action::Kind kind, int id, const QString &name, const QJsonValue &input = {})
    {
        Action a;
        a.kind = kind;
        a.id = id;
        a.name = name;
        a.input = input;
        return a;
    }

    static ActivityResult result(int taskId, bool succeeded, const QString &executionId = QStringLiteral("e1"))
    {
        ActivityResult r;
        r.item = WorkItem { 7, QStringLiteral("i1"), executionId, taskId, QStringLiteral("F"), {} };
        if (succeeded)
            r.succeed(taskId * 10);
        else
            r.fail(FailureDetails { QStringLiteral("Boom"), QStringLiteral("went wrong"), {}, false });
        LogLine line;
        line.instanceId = QStringLiteral("i1");
        line.source = QStringLiteral("F");
        line.message = QStringLiteral("line of %1").arg(taskId);
        r.logs = { line };
        return r;
    }

private Q_SLOTS:
    void openNumbersFromTheHistoryLength()
    {
        const auto delivered
            = openEpisode(running(5), { makeEvent(EventType::EventRaised, -1, -1, QStringLiteral("Go")) }, m_now);
        QCOMPARE(delivered.size(), 2);
        QCOMPARE(delivered.at(0).type, EventType::OrchestratorStarted);
        QCOMPARE(delivered.at(0).sequence, 5);
        QCOMPARE(delivered.at(1).type, EventType::EventRaised);
        QCOMPARE(delivered.at(1).sequence, 6);
        QCOMPARE(delivered.at(1).timestamp, m_now);
    }

    void actionsBecomeEventsAndEffects()
    {
        const auto record = running(3);
        const auto delivered = openEpisode(record, {}, m_now);
        OrchestratorStep step;
        step.actions
            = { action(Action::Kind::ScheduleTask, 0, QStringLiteral("F1"), 1),
                action(Action::Kind::CreateTimer, 1, {}), action(Action::Kind::SendEvent, 2, QStringLiteral("Go")),
                action(Action::Kind::CreateSubOrchestration, 3, QStringLiteral("Child")) };
        step.actions[1].fireAt = m_now.addSecs(60);
        step.actions[2].instanceId = QStringLiteral("other");
        step.actions[3].instanceId = QStringLiteral("i1:0");
        step.waiting.activities = 1;
        const auto episode = closeEpisode(record, delivered, {}, step, m_now);
        // OrchestratorStarted, four actions, OrchestratorCompleted: numbered on without gaps.
        QCOMPARE(episode.events.size(), 6);
        for (qsizetype i = 0; i < episode.events.size(); ++i)
            QCOMPARE(episode.events.at(i).sequence, 3 + i);
        QCOMPARE(episode.events.at(1).type, EventType::TaskScheduled);
        QCOMPARE(episode.events.at(1).eventId, 0);
        // Its data goes to the store as text only: made once, never built as an object.
        QVERIFY(episode.events.at(1).data.isEmpty());
        QCOMPARE(episode.events.at(1).dataText(), QByteArray(R"({"input":1})"));
        QCOMPARE(episode.events.at(2).dataText(), json::toText(episode.events.at(2).data));
        QCOMPARE(episode.events.at(2).type, EventType::TimerCreated);
        QCOMPARE(episode.events.at(3).type, EventType::EventSent);
        QCOMPARE(episode.events.at(4).type, EventType::SubOrchestrationInstanceCreated);
        QCOMPARE(episode.events.last().type, EventType::OrchestratorCompleted);
        QCOMPARE(episode.record.historyLength, 9);
        QCOMPARE(episode.work.size(), 1);
        QCOMPARE(episode.work.first().taskId, 0);
        QCOMPARE(episode.work.first().executionId, QStringLiteral("e1"));
        // The same text as the event's, written once: the work row stores it.
        QCOMPARE(episode.workInputText, QList<QByteArray> { "1" });
        QCOMPARE(episode.work.first().input, QJsonValue(1));
        QCOMPARE(episode.timers.size(), 1);
        QCOMPARE(episode.timers.first().type, EventType::TimerFired);
        QCOMPARE(episode.timers.first().visibleAt, m_now.addSecs(60));
        QCOMPARE(episode.sentEvents.size(), 1);
        QCOMPARE(episode.subOrchestrations.size(), 1);
        // Written in the order the code acted: the event is sent before the child exists.
        QCOMPARE(episode.effects.size(), 4);
        QCOMPARE(episode.effects.at(0).kind, Action::Kind::ScheduleTask);
        QCOMPARE(episode.effects.at(1).kind, Action::Kind::CreateTimer);
        QCOMPARE(episode.effects.at(2).kind, Action::Kind::SendEvent);
        QCOMPARE(episode.effects.at(3).kind, Action::Kind::CreateSubOrchestration);
        QVERIFY(episode.hadActivities);
        QVERIFY(!episode.outcome);
        QCOMPARE(episode.record.info.waiting.activities, 1);
    }

    void outcomeAndCustomStatusCloseTheEpisode()
    {
        const auto record = running(10);
        const auto delivered = openEpisode(record, {}, m_now);
        OrchestratorStep step;
        step.outcome = Outcome { RuntimeStatus::Completed, 42, std::nullopt, {}, {} };
        step.customStatus = QStringLiteral("done");
        const auto episode = closeEpisode(record, delivered, {}, step, m_now);
        QCOMPARE(episode.events.size(), 3);
        QCOMPARE(episode.events.at(1).type, EventType::ExecutionCompleted);
        QCOMPARE(episode.events.at(1).data.value(QStringLiteral("result")).toInt(), 42);
        QCOMPARE(episode.events.at(2).data.value(QStringLiteral("customStatus")).toString(), QStringLiteral("done"));
        QCOMPARE(episode.record.info.customStatus.toString(), QStringLiteral("done"));
        QVERIFY(episode.outcome);
        QVERIFY(!episode.hadActivities);
    }

    void aStartedPendingInstanceRuns()
    {
        auto record = running(0);
        record.info.status = RuntimeStatus::Pending;
        const auto delivered = openEpisode(record, { makeEvent(EventType::ExecutionStarted) }, m_now);
        const auto episode = closeEpisode(record, delivered, {}, {}, m_now);
        QCOMPARE(episode.record.info.status, RuntimeStatus::Running);
        QCOMPARE(episode.record.info.lastUpdatedAt, m_now);
        // Nothing started it (a stray message): it stays pending.
        const auto idle = closeEpisode(record, openEpisode(record, {}, m_now), {}, {}, m_now);
        QCOMPARE(idle.record.info.status, RuntimeStatus::Pending);
    }

    void theNextExecutionOfAContinueAsNewRuns()
    {
        // Continue-as-new leaves the row ContinuedAsNew until the next execution's first episode;
        // from then on it runs (an eternal orchestration waiting for an event is Running).
        auto record = running(0);
        record.info.status = RuntimeStatus::ContinuedAsNew;
        const auto delivered = openEpisode(record, { makeEvent(EventType::ExecutionStarted) }, m_now);
        const auto episode = closeEpisode(record, delivered, {}, {}, m_now);
        QCOMPARE(episode.record.info.status, RuntimeStatus::Running);
        // Nothing started it yet: it stays ContinuedAsNew.
        const auto idle = closeEpisode(record, openEpisode(record, {}, m_now), {}, {}, m_now);
        QCOMPARE(idle.record.info.status, RuntimeStatus::ContinuedAsNew);
    }

    void activityLinesLinkToTheirResultEvent()
    {
        const auto record = running(4);
        auto delivery = deliver(record, {}, { result(1, true), result(2, false) }, m_now);
        QCOMPARE(delivery.newEvents.size(), 2);
        QCOMPARE(delivery.newEvents.at(0).type, EventType::TaskCompleted);
        QCOMPARE(delivery.newEvents.at(1).type, EventType::TaskFailed);
        // A success carries the text its activity thread made, the same as its data's; a failure
        // is written from its data.
        QCOMPARE(delivery.newEvents.at(0).data.value(QStringLiteral("result")).toInt(), 10);
        QCOMPARE(delivery.newEvents.at(0).encodedData, QByteArray(R"({"result":10})"));
        QVERIFY(delivery.newEvents.at(1).encodedData.isEmpty());
        QCOMPARE(delivery.newEvents.at(1).dataText(), json::toText(delivery.newEvents.at(1).data));
        QCOMPARE(delivery.newEvents.at(1)
                     .data.value(QStringLiteral("failure"))
                     .toObject()
                     .value(QStringLiteral("errorType")),
                 QStringLiteral("Boom"));
        const auto delivered = openEpisode(record, delivery.newEvents, m_now);
        const auto episode = closeEpisode(record, delivered, delivery.results, {}, m_now);
        QCOMPARE(episode.logs.size(), 2);
        QCOMPARE(episode.logs.at(0).historySequence, 5); // after OrchestratorStarted at 4
        QCOMPARE(episode.logs.at(1).historySequence, 6);
        QCOMPARE(episode.logs.at(1).executionId, QStringLiteral("e1"));
    }

    void aSuspendedInstanceHoldsWhatArrives()
    {
        auto record = running();
        record.info.status = RuntimeStatus::Suspended;
        const QList<InboxMessage> messages { InboxMessage::event(QStringLiteral("i1"), QStringLiteral("Go"), 1,
                                                                 m_now) };
        const auto delivery = deliver(record, messages, { result(3, true) }, m_now);
        QVERIFY(delivery.newEvents.isEmpty());
        QCOMPARE(delivery.held.size(), 2);
        QCOMPARE(delivery.held.at(0).type, EventType::EventRaised);
        QCOMPARE(delivery.held.at(1).type, EventType::TaskCompleted);
        QCOMPARE(delivery.held.at(1).taskId, 3);
        QCOMPARE(delivery.heldLogs.size(), 1);
        QVERIFY(!delivery.status);
    }

    void resumeDeliversAndChangesStatus()
    {
        auto record = running();
        record.info.status = RuntimeStatus::Suspended;
        const QList<InboxMessage> messages {
            InboxMessage::command(QStringLiteral("i1"), EventType::ExecutionResumed, {}, m_now),
            InboxMessage::event(QStringLiteral("i1"), QStringLiteral("Go"), 1, m_now),
        };
        const auto delivery = deliver(record, messages, {}, m_now);
        QCOMPARE(delivery.newEvents.size(), 2);
        QCOMPARE(delivery.newEvents.at(0).type, EventType::ExecutionResumed);
        QCOMPARE(delivery.status, std::optional(RuntimeStatus::Running));
        QVERIFY(delivery.held.isEmpty());
    }

    void executionStartedComesFirst()
    {
        // Events raised while a continue-as-new step was out are older than the new execution's
        // ExecutionStarted, yet its history must start with it.
        InstanceRecord record = running();
        record.info.status = RuntimeStatus::ContinuedAsNew;
        InstanceInfo next = record.info;
        next.input = 2;
        const QList<InboxMessage> messages {
            InboxMessage::event(QStringLiteral("i1"), QStringLiteral("A"), 1, m_now),
            InboxMessage::event(QStringLiteral("i1"), QStringLiteral("B"), 2, m_now),
            InboxMessage::executionStarted(next, m_now),
            InboxMessage::event(QStringLiteral("i1"), QStringLiteral("C"), 3, m_now),
        };
        const auto delivery = deliver(record, messages, {}, m_now);
        QCOMPARE(delivery.newEvents.size(), 4);
        QCOMPARE(delivery.newEvents.at(0).type, EventType::ExecutionStarted);
        QCOMPARE(delivery.newEvents.at(1).name, QStringLiteral("A"));
        QCOMPARE(delivery.newEvents.at(2).name, QStringLiteral("B"));
        QCOMPARE(delivery.newEvents.at(3).name, QStringLiteral("C"));
    }

    void anotherExecutionsMessagesAreDropped()
    {
        const auto record = running();
        InboxMessage timer = InboxMessage::timer(QStringLiteral("i1"), QStringLiteral("old"), 0, m_now);
        const auto delivery = deliver(record, { timer }, { result(1, true, QStringLiteral("old")) }, m_now);
        QVERIFY(delivery.newEvents.isEmpty());
        QVERIFY(delivery.held.isEmpty());
        QVERIFY(delivery.results.isEmpty());
    }

    void markerEpisodeBracketsOneEvent()
    {
        const auto events = markerEpisode(7, makeEvent(EventType::ExecutionTerminated), m_now);
        QCOMPARE(events.size(), 3);
        QCOMPARE(events.at(0).type, EventType::OrchestratorStarted);
        QCOMPARE(events.at(1).type, EventType::ExecutionTerminated);
        QCOMPARE(events.at(2).type, EventType::OrchestratorCompleted);
        QCOMPARE(events.at(2).sequence, 9);
    }

    void namedMessagesCarryTheirFields()
    {
        InstanceInfo child;
        child.instanceId = QStringLiteral("c");
        child.executionId = QStringLiteral("ce");
        child.name = QStringLiteral("Child");
        child.version = QStringLiteral("2");
        child.input = 5;
        child.parentInstanceId = QStringLiteral("p");
        child.parentTaskId = 4;
        const auto started = InboxMessage::executionStarted(child, m_now);
        QCOMPARE(started.type, EventType::ExecutionStarted);
        QCOMPARE(started.executionId, QStringLiteral("ce"));
        QCOMPARE(started.data.value(QStringLiteral("input")).toInt(), 5);
        QCOMPARE(started.data.value(QStringLiteral("parentTaskId")).toInt(), 4);
        QCOMPARE(started.data.value(QStringLiteral("version")).toString(), QStringLiteral("2"));
        const auto event = InboxMessage::event(QStringLiteral("x"), QStringLiteral("Go"), QStringLiteral("v"), m_now);
        QCOMPARE(event.data.value(QStringLiteral("input")).toString(), QStringLiteral("v"));
        QVERIFY(event.executionId.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestEpisodeBuilder)
#include "tst_episodebuilder.moc"
