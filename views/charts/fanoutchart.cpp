#include "fanoutchart.h"

#include <formatting.h>

#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QEvent>
#include <QGraphicsLayout>
#include <QLabel>
#include <QLineSeries>
#include <QProgressBar>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace durable::views {

class FanOutChartPrivate {
public:
    QChart *chart = new QChart;
    QLineSeries *scheduled = new QLineSeries;
    QLineSeries *running = new QLineSeries;
    QLineSeries *completed = new QLineSeries;
    QLineSeries *failed = new QLineSeries;
    QValueAxis *x = new QValueAxis;
    QValueAxis *y = new QValueAxis;
};

FanOutChart::FanOutChart(QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<FanOutChartPrivate>())
    , m_progress(new QLabel(this))
    , m_bar(new QProgressBar(this))
{
    d->scheduled->setName(tr("Scheduled"));
    d->running->setName(tr("In flight"));
    d->completed->setName(tr("Completed"));
    d->failed->setName(tr("Failed"));
    for (auto *s : { d->scheduled, d->running, d->completed, d->failed })
        d->chart->addSeries(s);
    d->x->setTitleText(tr("seconds since first scheduled"));
    d->x->setLabelFormat(QStringLiteral("%.1f"));
    d->y->setTitleText(tr("activities"));
    d->y->setLabelFormat(QStringLiteral("%d"));
    d->chart->addAxis(d->x, Qt::AlignBottom);
    d->chart->addAxis(d->y, Qt::AlignLeft);
    for (auto *s : { d->scheduled, d->running, d->completed, d->failed }) {
        s->attachAxis(d->x);
        s->attachAxis(d->y);
    }
    // Every pixel of height to the axes: in a short detail pane QtCharts cuts their labels to "…".
    // The legend goes beside the plot, the margins go.
    d->chart->legend()->setAlignment(Qt::AlignRight);
    d->chart->setMargins(QMargins(0, 0, 0, 0));
    d->chart->layout()->setContentsMargins(0, 0, 0, 0);
    d->chart->setBackgroundRoundness(0);
    applyPalette();
    auto *view = new QChartView(d->chart, this);
    view->setRenderHint(QPainter::Antialiasing);
    m_progress->setObjectName(QStringLiteral("fanOutProgress"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_progress);
    layout->addWidget(m_bar);
    layout->addWidget(view, 1);
    setHistory({}, {});
}

void FanOutChart::applyPalette()
{
    // The chart theme follows the palette (light or dark); the series keep their meaning's colours,
    // adjusted to stay readable on the theme's background. setTheme() resets series colours, so
    // they are set after it.
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    d->chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    const QColor background = d->chart->backgroundBrush().color();
    d->scheduled->setColor(models::readableOn(QColor(0x9e, 0x9e, 0x9e), background));
    d->running->setColor(models::readableOn(QColor(0x1e, 0x88, 0xe5), background));
    d->completed->setColor(models::readableOn(QColor(0x2e, 0x9d, 0x4f), background));
    d->failed->setColor(models::readableOn(QColor(0xd3, 0x2f, 0x2f), background));
}

void FanOutChart::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

FanOutChart::~FanOutChart() = default;

QString FanOutChart::progressText() const
{
    return m_progress->text();
}

namespace {

    /// The smallest of 1, 2 or 5 × 10^k that is at least `raw` (> 0).
    double roundStep(double raw)
    {
        raw = std::max(raw, 1e-3);
        const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
        for (double factor : { 1.0, 2.0, 5.0 }) {
            if (factor * magnitude >= raw * (1 - 1e-9))
                return factor * magnitude;
        }
        return 10 * magnitude;
    }

    /// Range and tick step together. The axis lays out its ticks at every change, so for a moment
    /// the old step would meet the new range: a step of 1 ms over a range of three days (a timer
    /// that fired after 72 h) is millions of labels. Fixed ticks while both change avoid that.
    void setRoundTicks(QValueAxis *axis, double max, double step)
    {
        axis->setTickType(QValueAxis::TicksFixed);
        axis->setRange(0, max);
        axis->setTickAnchor(0);
        axis->setTickInterval(step);
        axis->setTickType(QValueAxis::TicksDynamic);
    }

} // namespace

void FanOutChart::setHistory(const History &history, const QDateTime &now)
{
    m_series = models::FanOutSeries::build(history, 120, now);
    QList<QPointF> scheduled, running, completed, failed;
    const auto start = m_series.points.isEmpty() ? QDateTime() : m_series.points.first().time;
    for (const auto &p : m_series.points) {
        const double x = start.msecsTo(p.time) / 1000.0;
        scheduled.append({ x, double(p.scheduled) });
        running.append({ x, double(p.running) });
        completed.append({ x, double(p.completed) });
        failed.append({ x, double(p.failed) });
    }
    d->scheduled->replace(scheduled);
    d->running->replace(running);
    d->completed->replace(completed);
    d->failed->replace(failed);
    const double span = scheduled.isEmpty() ? 1.0 : std::max(scheduled.last().x(), 0.001);
    // Round steps on both axes (0, 50, 100… activities; 0, 0.05, 0.1… s), labelled with as many
    // decimals as the step needs, so rounding never repeats a label.
    const double xStep = roundStep(span / 5.0);
    setRoundTicks(d->x, span, xStep);
    const int total = std::max(1, m_series.total);
    setRoundTicks(d->y, total, std::max(1.0, roundStep(total / 4.0)));
    const int decimals = std::clamp(int(-std::floor(std::log10(xStep) + 1e-9)), 0, 3);
    d->x->setLabelFormat(QStringLiteral("%.") + QString::number(decimals) + u'f');
    if (m_series.total == 0) {
        m_progress->setText(tr("No activities scheduled yet"));
    } else {
        m_progress->setText(tr("%1 of %2 done (%3 failed, %4 in flight)")
                                .arg(m_series.done())
                                .arg(m_series.total)
                                .arg(m_series.failed)
                                .arg(m_series.running()));
    }
    m_bar->setRange(0, std::max(1, m_series.total));
    m_bar->setValue(m_series.done());
}

} // namespace durable::views
