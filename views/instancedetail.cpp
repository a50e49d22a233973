#include "instancedetail.h"

#include "charts/fanoutchart.h"
#include "historypage.h"
#include "logspage.h"
#include "summarypage.h"
#include "timelineview.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>

namespace durable::views {

InstanceDetail::InstanceDetail(HubClient *client, QWidget *parent)
    : QTabWidget(parent)
    , m_client(client)
    , m_tracker(new models::InstanceTracker(client, this))
    , m_summary(new SummaryPage(this))
    , m_history(new HistoryPage(this))
    , m_logs(new LogsPage(this))
    , m_fanOut(new FanOutChart(this))
{
    m_tracker->watch(client);
    // Nested Gantt: a sub-orchestration's history is read through the client, off the GUI thread.
    m_history->timeline()->setChildLoader([client](const QString &instanceId) { return client->history(instanceId); });
    // Busy indicator in the tab bar's corner while an instance (a large history) loads.
    m_busy = new QWidget(this);
    m_busy->setObjectName(QStringLiteral("detailBusy"));
    auto *busyLayout = new QHBoxLayout(m_busy);
    busyLayout->setContentsMargins(4, 0, 4, 0);
    auto *bar = new QProgressBar(m_busy);
    bar->setRange(0, 0);
    bar->setTextVisible(false);
    bar->setMaximumWidth(100);
    bar->setAccessibleName(tr("Loading the instance"));
    busyLayout->addWidget(new QLabel(tr("Loading history…"), m_busy));
    busyLayout->addWidget(bar);
    setCornerWidget(m_busy, Qt::TopRightCorner);
    m_busy->hide();
    connect(m_tracker, &models::InstanceTracker::loadingChanged, m_busy, &QWidget::setVisible);
    addTab(m_summary, tr("&Summary"));
    addTab(m_history, tr("His&tory"));
    addTab(m_logs, tr("&Logs"));
    addTab(m_fanOut, tr("Fan-&out"));
    connect(m_tracker, &models::InstanceTracker::infoChanged, this, [this] {
        m_summary->setInstance(m_tracker->info(), now());
        m_history->setInstance(m_tracker->info());
        Q_EMIT currentInfoChanged(m_tracker->info());
    });
    connect(m_tracker, &models::InstanceTracker::historyChanged, this, &InstanceDetail::refreshHistory);
    connect(m_tracker, &models::InstanceTracker::logsChanged, this, [this](bool reset) {
        if (reset)
            m_logs->setLines(m_tracker->logs(), true);
        else
            m_logs->model()->appendLines(m_tracker->logs());
        refreshHistory(); // the cursor panel lists log lines
    });
    connect(m_logs, &LogsPage::historySequenceActivated, this,
            [this](qint64 sequence) { m_history->selectSequence(sequence); });
}

QDateTime InstanceDetail::now() const
{
    return m_client->clock()->now();
}

void InstanceDetail::setInstanceId(const QString &instanceId)
{
    m_tracker->setInstanceId(instanceId);
}

void InstanceDetail::refreshHistory()
{
    const auto &info = m_tracker->info();
    const bool running = info && !isTerminal(info->status);
    const QDateTime until = running ? now() : QDateTime();
    m_history->setData(m_tracker->history(), m_tracker->logs(),
                       info ? info->customStatus : QJsonValue(QJsonValue::Undefined), until);
    m_fanOut->setHistory(m_tracker->history(), until);
    m_summary->setHistory(m_tracker->history());
}

} // namespace durable::views
