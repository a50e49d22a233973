// The fan-out chart's axes: labels readable at any span (a 0.3 s fan-out once read "0.0, 0.1, 0.1,
// 0.1, 0.2, 0.2, 0.3").
#include "../models/historyfixtures.h"

#include <charts/fanoutchart.h>

#include <QChart>
#include <QChartView>
#include <QTest>
#include <QValueAxis>

using namespace durable;
using namespace durable::views;

namespace {

/// The labels the axis draws, computed the way Qt Charts places ticks for either tick type.
QStringList tickLabels(const QValueAxis *axis)
{
    QList<double> values;
    if (axis->tickType() == QValueAxis::TicksDynamic) {
        const double step = axis->tickInterval();
        const double first = axis->tickAnchor() + std::ceil((axis->min() - axis->tickAnchor()) / step) * step;
        for (double v = first; v <= axis->max() + step * 1e-9; v += step)
            values << v;
    } else {
        for (int i = 0; i < axis->tickCount(); ++i)
            values << axis->min() + i * (axis->max() - axis->min()) / (axis->tickCount() - 1);
    }
    QStringList labels;
    for (double v : values)
        labels << QString::asprintf(axis->labelFormat().toLatin1().constData(), v);
    return labels;
}

} // namespace

class TestFanOutChart : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void timeLabelsNeverRepeat_data();
    void timeLabelsNeverRepeat();
    void aSpanThatJumpsKeepsAFewTicks();
};

void TestFanOutChart::timeLabelsNeverRepeat_data()
{
    QTest::addColumn<int>("activities"); // activity i completes at (i + 1) × 10 ms
    QTest::newRow("0.3 s") << 30;
    QTest::newRow("2 s") << 200;
    QTest::newRow("37 s") << 3700;
}

void TestFanOutChart::timeLabelsNeverRepeat()
{
    QFETCH(int, activities);
    FanOutChart chart;
    chart.resize(900, 500);
    const History history = fixtures::fanOutHistory(activities);
    chart.setHistory(history, history.last().timestamp);
    const auto *view = chart.findChild<QChartView *>();
    QVERIFY(view);
    const auto axes = view->chart()->axes(Qt::Horizontal);
    QCOMPARE(axes.size(), 1);
    const auto *x = qobject_cast<const QValueAxis *>(axes.first());
    QVERIFY(x);
    const QStringList labels = tickLabels(x);
    QVERIFY2(labels.size() >= 3 && labels.size() <= 12, qPrintable(labels.join(u", ")));
    QVERIFY2(QSet<QString>(labels.begin(), labels.end()).size() == labels.size(), qPrintable(labels.join(u", ")));
}

// A short fan-out, then a timer that fires three days later (the Approval sample's escalation): the
// chart laid out millions of 1 ms ticks and froze the window.
void TestFanOutChart::aSpanThatJumpsKeepsAFewTicks()
{
    FanOutChart chart;
    chart.resize(900, 500);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    // One activity still pending: the series runs to "now".
    const History history = fixtures::fanOutHistory(3, 0, 1);
    const QDateTime end = history.last().timestamp;
    chart.setHistory(history, end);
    chart.setHistory(history, end.addDays(3));
    const auto *x
        = qobject_cast<const QValueAxis *>(chart.findChild<QChartView *>()->chart()->axes(Qt::Horizontal).first());
    QStringList labels = tickLabels(x);
    QVERIFY2(labels.size() >= 3 && labels.size() <= 12, qPrintable(labels.join(u", ")));
    chart.setHistory(history, end);
    labels = tickLabels(x);
    QVERIFY2(labels.size() >= 3 && labels.size() <= 12, qPrintable(labels.join(u", ")));
}

QTEST_MAIN(TestFanOutChart)
#include "tst_fanoutchart.moc"
