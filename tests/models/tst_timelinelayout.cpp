#include "historyfixtures.h"

#include <timelinelayout.h>

#include <QTest>

using namespace durable;
using namespace durable::models;
using Kind = TimelineItem::Kind;
using Outcome = TimelineItem::Outcome;

class TestTimelineLayout : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void barsAndMarkers()
    {
        const auto layout = TimelineLayout::build(fixtures::approvalHistory());
        // ExecutionStarted, RequestApproval, timer, EventRaised, ProcessApproval, ExecutionCompleted
        QCOMPARE(layout.items.size(), 6);
        QCOMPARE(layout.laneCount, 4);
        const auto &request = layout.items.at(1);
        QCOMPARE(request.kind, Kind::Activity);
        QCOMPARE(request.outcome, Outcome::Completed);
        QCOMPARE(request.startSequence, 2);
        QCOMPARE(request.endSequence, 5);
        QCOMPARE(request.start.msecsTo(request.end), 1000);
        const auto &timer = layout.items.at(2);
        QCOMPARE(timer.kind, Kind::Timer);
        // Never fired and the execution completed: cancelled, ending with the execution, and the
        // 72-hour due time does not stretch the range.
        QCOMPARE(timer.outcome, Outcome::Cancelled);
        QCOMPARE(timer.end, layout.end);
        QCOMPARE(layout.begin.msecsTo(layout.end), 6000);
        const auto running = TimelineLayout::build(fixtures::approvalHistory().mid(0, 8));
        QCOMPARE(running.items.at(2).outcome, Outcome::Pending);
        QCOMPARE(running.items.at(2).end, QDateTime(QDate(2024, 1, 4), QTime(12, 0, 1), Qt::UTC));
        QCOMPARE(running.begin.msecsTo(running.end), 1000);
        const auto &raised = layout.items.at(3);
        QCOMPARE(raised.kind, Kind::Event);
        QCOMPARE(raised.lane, 0);
        QCOMPARE(raised.name, QStringLiteral("ApprovalEvent"));
        QCOMPARE(layout.itemForSequence(13), 4);
        QCOMPARE(layout.itemForSequence(3), -1);
    }

    void failuresAndPending()
    {
        const auto history = fixtures::fanOutHistory(6, 3, 2);
        const auto now = history.last().timestamp.addSecs(5);
        const auto layout = TimelineLayout::build(history, now);
        int failed = 0, pending = 0, completed = 0;
        for (const auto &item : layout.items) {
            failed += item.outcome == Outcome::Failed;
            pending += item.outcome == Outcome::Pending;
            completed += item.outcome == Outcome::Completed;
        }
        QCOMPARE(failed, 1);
        QCOMPARE(pending, 2);
        QCOMPARE(completed, 3);
        QCOMPARE(layout.end, now);
        QCOMPARE(layout.laneCount, 7);
    }
};

QTEST_GUILESS_MAIN(TestTimelineLayout)
#include "tst_timelinelayout.moc"
