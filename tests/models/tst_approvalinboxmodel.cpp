#include "fakeclient.h"

#include <approvalinboxmodel.h>

#include <QAbstractItemModelTester>
#include <QTest>

using namespace durable;
using namespace durable::models;

class TestApprovalInboxModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void listsOnlyInstancesAwaitingEvents()
    {
        fixtures::FakeClient client;
        auto waiting = fixtures::instance(QStringLiteral("a"), RuntimeStatus::Running, 0, QStringLiteral("Approval"));
        waiting.waiting.events = { QStringLiteral("ApprovalEvent") };
        const auto due = waiting.createdAt.addSecs(72 * 3600);
        waiting.waiting.timers = { { 3, due.addSecs(60) }, { 1, due } };
        auto busy = fixtures::instance(QStringLiteral("b"), RuntimeStatus::Running, 1);
        busy.waiting.activities = 2;
        client.instances = { waiting, busy };
        ManualClock clock(waiting.lastUpdatedAt.addSecs(3600));

        ApprovalInboxModel model(&client);
        model.setClock(&clock);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.reload();
        QTRY_COMPARE(model.rowCount(), 1);
        QVERIFY(client.queries.last().onlyAwaitingEvents);
        const auto row = [&](int column) { return model.index(0, column); };
        QCOMPARE(row(ApprovalInboxModel::Instance).data().toString(), QStringLiteral("a"));
        QCOMPARE(row(0).data(ApprovalInboxModel::EventsRole).toStringList(),
                 QStringList { QStringLiteral("ApprovalEvent") });
        QCOMPARE(row(0).data(ApprovalInboxModel::TimerIdRole).toInt(), 1);
        QCOMPARE(row(0).data(ApprovalInboxModel::TimerDueRole).toDateTime(), due);
        QCOMPARE(row(ApprovalInboxModel::WaitingFor).data().toString(), QStringLiteral("1 h 00 min"));
        QVERIFY(row(ApprovalInboxModel::TimerDue).data().toString().contains(QStringLiteral("in 2 d 22 h")));
    }

    void withoutTimerNoRace()
    {
        WaitState state;
        state.events = { QStringLiteral("X") };
        QVERIFY(!ApprovalInboxModel::racingTimer(state));
        state.timers = { { 7, QDateTime::currentDateTimeUtc() } };
        QCOMPARE(ApprovalInboxModel::racingTimer(state)->id, 7);
    }
};

QTEST_GUILESS_MAIN(TestApprovalInboxModel)
#include "tst_approvalinboxmodel.moc"
