#include "hubworkerspanel.h"

#include "errortext.h"
#include "hubclient.h"
#include "hubworkersmodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

HubWorkersPanel::HubWorkersPanel(durable::HubClient &client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_model(new HubWorkersModel(this))
    , m_sorted(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this))
    , m_summary(new QLabel(this))
    , m_error(new QLabel(this))
    , m_timer(new QTimer(this))
{
    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(HubWorkersModel::SortRole);
    m_view->setObjectName(u"hubWorkers"_s);
    m_view->setAccessibleName(tr("Worker processes of the hub"));
    m_view->setModel(m_sorted);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(HubWorkersModel::Started, Qt::AscendingOrder);
    m_view->verticalHeader()->hide();
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setTabKeyNavigation(false); // rows with the arrows; Tab moves on
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_summary->setObjectName(u"summary"_s);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_summary->setFocusPolicy(Qt::TabFocus);
    m_summary->setAccessibleName(tr("Hub throughput"));
    m_error->setObjectName(u"error"_s);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(u"color: #c01c28;"_s);
    m_error->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_error);
    layout->addWidget(m_view, 1);

    m_timer->setInterval(RefreshIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &HubWorkersPanel::refresh);
    // A worker that appears or goes is worth showing at once, not at the next tick.
    connect(&m_client, &durable::HubClient::workersChanged, this, [this] {
        if (isVisible())
            refresh();
    });
    updateSummary();
}

void HubWorkersPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_timer->start();
    refresh();
}

void HubWorkersPanel::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_timer->stop();
}

void HubWorkersPanel::refresh()
{
    // One read at a time: a slow hub must not pile reads up behind each other.
    if (m_reading)
        return;
    m_reading = true;
    m_client.workerSessions().then(this, [this](const durable::Result<QList<durable::HubWorker>> &workers) {
        m_reading = false;
        if (!workers) {
            m_error->setText(durable::views::ErrorText::report(tr("Cannot read the hub's workers."), workers.error()));
            m_error->show();
            return;
        }
        m_error->hide();
        m_model->setWorkers(*workers, QDateTime::currentDateTimeUtc(), m_client.workerLeaseMs());
        updateSummary();
        Q_EMIT refreshed();
    });
}

void HubWorkersPanel::updateSummary()
{
    const int count = m_model->rowCount();
    if (count == 0) {
        m_summary->setText(tr("No process runs workers on this hub: instances wait until one does."));
        return;
    }
    qint64 running = 0;
    for (const auto &worker : m_model->workers())
        running += worker.info.workHeld;
    const auto rate = m_model->totalThroughput();
    const QLocale locale;
    m_summary->setText(
        tr("Worker processes: %1 · activities running: %2 · activities/s: %3")
            .arg(locale.toString(count), locale.toString(running), rate ? locale.toString(*rate, 'f', 1) : u"—"_s));
}
