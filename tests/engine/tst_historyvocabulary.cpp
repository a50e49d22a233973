// The history vocabulary without a hub: event classification and the pairing of scheduled events
// with their completions, on histories written out by hand in the shapes the engine records.
#include "historyvocabulary.h"

#include <QTest>

using namespace durable;

Q_DECLARE_METATYPE(durable::EventType)
Q_DECLARE_METATYPE(std::optional<durable::EventType>)

namespace {

/// A history written event by event; positions are returned so the tests name what they pair.
class Builder {
public:
    qsizetype schedule(EventType type, int actionId, const QString &name = {}) { return add(type, actionId, -1, name); }
    qsizetype complete(EventType type, int actionId) { return add(type, -1, actionId); }
    qsizetype other(EventType type, const QString &name = {}) { return add(type, -1, -1, name); }
    /// A failure as rewind leaves it: a GenericEvent that keeps the task id and names what it was.
    qsizetype rewound(EventType was, int actionId)
    {
        const qsizetype at = add(EventType::GenericEvent, -1, actionId);
        m_history[at].data.insert(QStringLiteral("rewound"), eventTypeName(was));
        return at;
    }
    const History &history() const { return m_history; }

private:
    qsizetype add(EventType type, int eventId, int taskId, const QString &name = {})
    {
        HistoryEvent e;
        e.sequence = m_history.size();
        e.type = type;
        e.eventId = eventId;
        e.taskId = taskId;
        e.name = name;
        m_history.append(e);
        return e.sequence;
    }
    History m_history;
};

} // namespace

class TestHistoryVocabulary : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void classification_data();
    void classification();
    void activitiesTimersAndSubOrchestrations();
    void eventsSentAndRaisedPairWithNothing();
    void failureThenRetry();
    void rewoundFailureReopensItsTask();
    void firstCompletionWins();
    void completionMustMatchTypeAndComeLater();
    void continueAsNewRestartsIds();
    void outOfRange();
};

void TestHistoryVocabulary::classification_data()
{
    QTest::addColumn<EventType>("type");
    QTest::addColumn<bool>("recordsAction");
    QTest::addColumn<bool>("awaitsCompletion");
    QTest::addColumn<bool>("schedulesWork");
    QTest::addColumn<bool>("isFailure");
    QTest::addColumn<bool>("endsExecution");
    QTest::addColumn<std::optional<EventType>>("scheduledType");
    const std::optional<EventType> none;
    const auto row
        = [](EventType type) -> QTestData & { return QTest::newRow(qPrintable(eventTypeName(type))) << type; };
    row(EventType::ExecutionStarted) << false << false << false << false << false << none;
    row(EventType::ExecutionCompleted) << false << false << false << false << true << none;
    row(EventType::ExecutionTerminated) << false << false << false << false << true << none;
    row(EventType::TaskScheduled) << true << true << true << false << false << none;
    row(EventType::TaskCompleted) << false << false << false << false << false
                                  << std::optional(EventType::TaskScheduled);
    row(EventType::TaskFailed) << false << false << false << true << false << std::optional(EventType::TaskScheduled);
    row(EventType::SubOrchestrationInstanceCreated) << true << true << true << false << false << none;
    row(EventType::SubOrchestrationInstanceCompleted)
        << false << false << false << false << false << std::optional(EventType::SubOrchestrationInstanceCreated);
    row(EventType::SubOrchestrationInstanceFailed)
        << false << false << false << true << false << std::optional(EventType::SubOrchestrationInstanceCreated);
    row(EventType::TimerCreated) << true << true << false << false << false << none;
    row(EventType::TimerFired) << false << false << false << false << false << std::optional(EventType::TimerCreated);
    row(EventType::OrchestratorStarted) << false << false << false << false << false << none;
    row(EventType::OrchestratorCompleted) << false << false << false << false << false << none;
    row(EventType::EventSent) << true << false << false << false << false << none;
    row(EventType::EventRaised) << false << false << false << false << false << none;
    row(EventType::ContinueAsNew) << false << false << false << false << true << none;
    row(EventType::GenericEvent) << false << false << false << false << false << none;
    row(EventType::ExecutionSuspended) << false << false << false << false << false << none;
    row(EventType::ExecutionResumed) << false << false << false << false << false << none;
    row(EventType::ExecutionRewound) << false << false << false << false << false << none;
}

void TestHistoryVocabulary::classification()
{
    QFETCH(EventType, type);
    QFETCH(bool, recordsAction);
    QFETCH(bool, awaitsCompletion);
    QFETCH(bool, schedulesWork);
    QFETCH(bool, isFailure);
    QFETCH(bool, endsExecution);
    QFETCH(std::optional<EventType>, scheduledType);
    QCOMPARE(durable::recordsAction(type), recordsAction);
    QCOMPARE(durable::awaitsCompletion(type), awaitsCompletion);
    QCOMPARE(durable::schedulesWork(type), schedulesWork);
    QCOMPARE(durable::isFailure(type), isFailure);
    QCOMPARE(durable::endsExecution(type), endsExecution);
    QCOMPARE(durable::scheduledTypeOf(type), scheduledType);
    QCOMPARE(durable::isCompletion(type), scheduledType.has_value());
}

void TestHistoryVocabulary::activitiesTimersAndSubOrchestrations()
{
    Builder b;
    b.other(EventType::ExecutionStarted, QStringLiteral("Parent"));
    b.other(EventType::OrchestratorStarted);
    const auto task = b.schedule(EventType::TaskScheduled, 0, QStringLiteral("Charge"));
    const auto timer = b.schedule(EventType::TimerCreated, 1);
    const auto child = b.schedule(EventType::SubOrchestrationInstanceCreated, 2, QStringLiteral("Ship"));
    const auto otherChild = b.schedule(EventType::SubOrchestrationInstanceCreated, 3, QStringLiteral("Ship"));
    const auto pending = b.schedule(EventType::TaskScheduled, 4, QStringLiteral("Audit"));
    b.other(EventType::OrchestratorCompleted);
    b.other(EventType::OrchestratorStarted);
    // Completions arrive in any order, not in the order of scheduling.
    const auto childFailed = b.complete(EventType::SubOrchestrationInstanceFailed, 2);
    const auto fired = b.complete(EventType::TimerFired, 1);
    const auto taskDone = b.complete(EventType::TaskCompleted, 0);
    const auto childDone = b.complete(EventType::SubOrchestrationInstanceCompleted, 3);
    b.other(EventType::OrchestratorCompleted);

    const HistoryPairing pairing(b.history());
    QCOMPARE(pairing.size(), b.history().size());
    QCOMPARE(pairing.completionOf(task), taskDone);
    QCOMPARE(pairing.scheduledOf(taskDone), task);
    QCOMPARE(pairing.completionOf(timer), fired);
    QCOMPARE(pairing.scheduledOf(fired), timer);
    QCOMPARE(pairing.completionOf(child), childFailed);
    QCOMPARE(pairing.scheduledOf(childFailed), child);
    QCOMPARE(pairing.completionOf(otherChild), childDone);
    QCOMPARE(pairing.scheduledOf(childDone), otherChild);
    QCOMPARE(pairing.completionOf(pending), qsizetype(-1));
    // Each lookup answers in its own direction only.
    QCOMPARE(pairing.scheduledOf(task), qsizetype(-1));
    QCOMPARE(pairing.completionOf(taskDone), qsizetype(-1));
    for (qsizetype i = 0; i < 2; ++i) {
        QCOMPARE(pairing.completionOf(i), qsizetype(-1));
        QCOMPARE(pairing.scheduledOf(i), qsizetype(-1));
    }
}

void TestHistoryVocabulary::eventsSentAndRaisedPairWithNothing()
{
    Builder b;
    const auto sent = b.schedule(EventType::EventSent, 0, QStringLiteral("Approve"));
    // A raised event carries no task id, but even one that did must not complete the sent event.
    const auto raised = b.complete(EventType::EventRaised, 0);
    const HistoryPairing pairing(b.history());
    QCOMPARE(pairing.completionOf(sent), qsizetype(-1));
    QCOMPARE(pairing.scheduledOf(raised), qsizetype(-1));
}

void TestHistoryVocabulary::failureThenRetry()
{
    // callActivityWithRetry: the failed attempt, a back-off timer, a new attempt under a new id.
    Builder b;
    const auto first = b.schedule(EventType::TaskScheduled, 0, QStringLiteral("Flaky"));
    const auto failed = b.complete(EventType::TaskFailed, 0);
    const auto backOff = b.schedule(EventType::TimerCreated, 1);
    const auto fired = b.complete(EventType::TimerFired, 1);
    const auto second = b.schedule(EventType::TaskScheduled, 2, QStringLiteral("Flaky"));
    const auto done = b.complete(EventType::TaskCompleted, 2);
    const HistoryPairing pairing(b.history());
    QCOMPARE(pairing.completionOf(first), failed);
    QCOMPARE(pairing.scheduledOf(failed), first);
    QCOMPARE(pairing.completionOf(backOff), fired);
    QCOMPARE(pairing.completionOf(second), done);
    QCOMPARE(pairing.scheduledOf(done), second);
}

void TestHistoryVocabulary::rewoundFailureReopensItsTask()
{
    // Rewind turns the failures that ended the instance into GenericEvents; the re-run activity then
    // completes under the original id.
    Builder b;
    const auto task = b.schedule(EventType::TaskScheduled, 0, QStringLiteral("Charge"));
    const auto child = b.schedule(EventType::SubOrchestrationInstanceCreated, 1, QStringLiteral("Ship"));
    const auto rewoundTask = b.rewound(EventType::TaskFailed, 0);
    const auto rewoundChild = b.rewound(EventType::SubOrchestrationInstanceFailed, 1);
    b.rewound(EventType::ExecutionCompleted, -1);
    b.other(EventType::ExecutionRewound);
    const auto rerun = b.complete(EventType::TaskCompleted, 0);
    const auto childRerun = b.complete(EventType::SubOrchestrationInstanceCompleted, 1);
    const HistoryPairing pairing(b.history());
    QCOMPARE(pairing.scheduledOf(rewoundTask), qsizetype(-1));
    QCOMPARE(pairing.scheduledOf(rewoundChild), qsizetype(-1));
    QCOMPARE(pairing.completionOf(task), rerun);
    QCOMPARE(pairing.scheduledOf(rerun), task);
    QCOMPARE(pairing.completionOf(child), childRerun);
}

void TestHistoryVocabulary::firstCompletionWins()
{
    Builder b;
    const auto task = b.schedule(EventType::TaskScheduled, 0);
    const auto done = b.complete(EventType::TaskCompleted, 0);
    const auto again = b.complete(EventType::TaskFailed, 0);
    const HistoryPairing pairing(b.history());
    QCOMPARE(pairing.completionOf(task), done);
    QCOMPARE(pairing.scheduledOf(again), qsizetype(-1));
}

void TestHistoryVocabulary::completionMustMatchTypeAndComeLater()
{
    Builder b;
    const auto early = b.complete(EventType::TaskCompleted, 0); // before its scheduling
    const auto task = b.schedule(EventType::TaskScheduled, 0);
    const auto timer = b.schedule(EventType::TimerCreated, 1);
    const auto wrongType = b.complete(EventType::TimerFired, 0); // id of the task, type of a timer
    const auto unknown = b.complete(EventType::TaskCompleted, 9);
    const auto done = b.complete(EventType::TaskCompleted, 0);
    const HistoryPairing pairing(b.history());
    QCOMPARE(pairing.scheduledOf(early), qsizetype(-1));
    QCOMPARE(pairing.scheduledOf(wrongType), qsizetype(-1));
    QCOMPARE(pairing.scheduledOf(unknown), qsizetype(-1));
    QCOMPARE(pairing.completionOf(task), done);
    QCOMPARE(pairing.completionOf(timer), qsizetype(-1));
}

void TestHistoryVocabulary::continueAsNewRestartsIds()
{
    Builder b;
    b.other(EventType::ExecutionStarted);
    const auto firstTask = b.schedule(EventType::TaskScheduled, 0);
    const auto firstDone = b.complete(EventType::TaskCompleted, 0);
    const auto abandonedTimer = b.schedule(EventType::TimerCreated, 1);
    const auto continued = b.other(EventType::ContinueAsNew);
    b.other(EventType::ExecutionStarted);
    const auto secondTask = b.schedule(EventType::TaskScheduled, 0);
    const auto secondTimer = b.schedule(EventType::TimerCreated, 1);
    const auto secondDone = b.complete(EventType::TaskCompleted, 0);
    const auto fired = b.complete(EventType::TimerFired, 1);
    QVERIFY(endsExecution(b.history().at(continued).type));
    const HistoryPairing pairing(b.history());
    QCOMPARE(pairing.completionOf(firstTask), firstDone);
    QCOMPARE(pairing.completionOf(abandonedTimer), qsizetype(-1));
    QCOMPARE(pairing.completionOf(secondTask), secondDone);
    QCOMPARE(pairing.completionOf(secondTimer), fired);
    QCOMPARE(pairing.scheduledOf(fired), secondTimer);
}

void TestHistoryVocabulary::outOfRange()
{
    const HistoryPairing empty;
    QCOMPARE(empty.size(), qsizetype(0));
    QCOMPARE(empty.completionOf(0), qsizetype(-1));
    Builder b;
    b.schedule(EventType::TaskScheduled, 0);
    b.complete(EventType::TaskCompleted, 0);
    const HistoryPairing pairing(b.history());
    QCOMPARE(pairing.completionOf(-1), qsizetype(-1));
    QCOMPARE(pairing.scheduledOf(2), qsizetype(-1));
    QCOMPARE(pairing.scheduledOf(1), qsizetype(0));
}

QTEST_GUILESS_MAIN(TestHistoryVocabulary)
#include "tst_historyvocabulary.moc"
