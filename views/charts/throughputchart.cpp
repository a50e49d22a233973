#include "throughputchart.h"

#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QLineSeries>
#include <QTimer>
#include <QVBoxLayout>
#include <QValueAxis>

namespace durable::views {

namespace {
    constexpr int Window = 60;
}

class ThroughputChartPrivate {
public:
    QChart *chart = new QChart;
    QLineSeries *instances = new QLineSeries;
    QLineSeries *activities = new QLineSeries;
    QValueAxis *x = new QValueAxis;
    QValueAxis *y = new QValueAxis;
    QList<QPair<int, int>> buckets = QList<QPair<int, int>>(Window, { 0, 0 });
    int currentInstances = 0;
    int currentActivities = 0;
};

ThroughputChart::ThroughputChart(QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<ThroughputChartPrivate>())
{
    d->instances->setName(tr("Instances completed / s"));
    d->activities->setName(tr("Activities completed / s"));
    d->chart->addSeries(d->instances);
    d->chart->addSeries(d->activities);
    d->x->setRange(-Window + 1, 0);
    d->x->setTitleText(tr("seconds"));
    d->x->setLabelFormat(QStringLiteral("%d"));
    d->y->setRange(0, 10);
    d->y->setLabelFormat(QStringLiteral("%d"));
    d->chart->addAxis(d->x, Qt::AlignBottom);
    d->chart->addAxis(d->y, Qt::AlignLeft);
    for (auto *s : { d->instances, d->activities }) {
        s->attachAxis(d->x);
        s->attachAxis(d->y);
    }
    d->chart->legend()->setAlignment(Qt::AlignBottom);
    applyPalette();
    auto *view = new QChartView(d->chart, this);
    view->setRenderHint(QPainter::Antialiasing);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view);
    auto *timer = new QTimer(this);
    timer->setInterval(1000);
    connect(timer, &QTimer::timeout, this, &ThroughputChart::tick);
    timer->start();
    tick();
}

void ThroughputChart::applyPalette()
{
    d->chart->setTheme(palette().color(QPalette::Window).lightness() < 128 ? QChart::ChartThemeDark
                                                                           : QChart::ChartThemeLight);
}

void ThroughputChart::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

ThroughputChart::~ThroughputChart() = default;

void ThroughputChart::addSample(int instancesCompleted, int activitiesCompleted)
{
    d->currentInstances += instancesCompleted;
    d->currentActivities += activitiesCompleted;
}

void ThroughputChart::tick()
{
    d->buckets.removeFirst();
    d->buckets.append({ d->currentInstances, d->currentActivities });
    d->currentInstances = d->currentActivities = 0;
    QList<QPointF> instances, activities;
    int top = 10;
    for (int i = 0; i < d->buckets.size(); ++i) {
        const double x = i - Window + 1;
        instances.append({ x, double(d->buckets.at(i).first) });
        activities.append({ x, double(d->buckets.at(i).second) });
        top = std::max({ top, d->buckets.at(i).first, d->buckets.at(i).second });
    }
    d->instances->replace(instances);
    d->activities->replace(activities);
    d->y->setRange(0, top * 1.1);
}

int ThroughputChart::lastActivitiesPerSecond() const
{
    return d->buckets.last().second;
}

} // namespace durable::views
