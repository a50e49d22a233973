#pragma once

#include <QDateTime>
#include <QWidget>

namespace durable::views {

class ThroughputChartPrivate;

/// Dashboard chart: instances and activities completed per second over the last minute, fed by
/// the engine's ChangeSet counters (addSample) and advanced once a second (tick).
class ThroughputChart : public QWidget {
    Q_OBJECT
public:
    explicit ThroughputChart(QWidget *parent = nullptr);
    ~ThroughputChart() override;

    void addSample(int instancesCompleted, int activitiesCompleted);
    /// Closes the current one-second bucket and scrolls the chart.
    void tick();
    int lastActivitiesPerSecond() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyPalette();
    std::unique_ptr<ThroughputChartPrivate> d;
};

} // namespace durable::views
