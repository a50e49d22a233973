#pragma once

#include <fanoutseries.h>

#include <QWidget>

class QLabel;
class QProgressBar;

namespace durable::views {

class FanOutChartPrivate;

/// Fan-out tab: scheduled / running / completed / failed activities over time (Qt Charts), with
/// "k of n done" and a progress bar. setHistory() recomputes the bucketed series, so live updates
/// of a 10,000-activity fan-out stay cheap.
class FanOutChart : public QWidget {
    Q_OBJECT
public:
    explicit FanOutChart(QWidget *parent = nullptr);
    ~FanOutChart() override;

    void setHistory(const History &history, const QDateTime &now);
    const models::FanOutSeries &series() const { return m_series; }
    QString progressText() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyPalette();

    std::unique_ptr<FanOutChartPrivate> d;
    models::FanOutSeries m_series;
    QLabel *m_progress;
    QProgressBar *m_bar;
};

} // namespace durable::views
