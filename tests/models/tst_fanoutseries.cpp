#include "historyfixtures.h"

#include <fanoutseries.h>

#include <QTest>

using namespace durable;
using namespace durable::models;

class TestFanOutSeries : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void countsOverTime()
    {
        // 10 activities scheduled at 0 ms, one finishing every 10 ms, every 5th failing.
        const auto series = FanOutSeries::build(fixtures::fanOutHistory(10, 5), 10);
        QCOMPARE(series.total, 10);
        QCOMPARE(series.completed, 8);
        QCOMPARE(series.failed, 2);
        QCOMPARE(series.done(), 10);
        QCOMPARE(series.points.size(), 11);
        const auto &start = series.points.first();
        QCOMPARE(start.scheduled, 10);
        QCOMPARE(start.running, 10);
        QCOMPARE(start.completed, 0);
        const auto &mid = series.points.at(5); // 50 ms: activities 0..4 done, #4 failed
        QCOMPARE(mid.completed + mid.failed, 5);
        QCOMPARE(mid.failed, 1);
        QCOMPARE(mid.running, 5);
        const auto &end = series.points.last();
        QCOMPARE(end.running, 0);
        QCOMPARE(end.completed, 8);
        QCOMPARE(end.failed, 2);
        // Cumulative counts never go down.
        for (int i = 1; i < series.points.size(); ++i)
            QVERIFY(series.points.at(i).completed >= series.points.at(i - 1).completed);
    }

    void pendingWorkExtendsToNow()
    {
        const auto history = fixtures::fanOutHistory(4, 0, 2);
        const auto now = history.first().timestamp.addSecs(10);
        const auto series = FanOutSeries::build(history, 20, now);
        QCOMPARE(series.running(), 2);
        QCOMPARE(series.points.last().time, now);
        QCOMPARE(series.points.last().running, 2);
    }

    void tenThousandActivitiesStayBounded()
    {
        // However many activities, the chart gets the number of buckets asked for (how fast they are
        // built is for a benchmark, not a pass/fail test on a shared machine).
        const auto series = FanOutSeries::build(fixtures::fanOutHistory(10000, 7), 120);
        QCOMPARE(series.points.size(), 121);
        QCOMPARE(series.done(), 10000);
        QCOMPARE(series.failed, 10000 / 7);
    }

    void noActivities()
    {
        QVERIFY(FanOutSeries::build(fixtures::HistoryBuilder().add(EventType::OrchestratorStarted).build())
                    .points.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestFanOutSeries)
#include "tst_fanoutseries.moc"
