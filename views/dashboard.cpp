#include "dashboard.h"

#include "charts/throughputchart.h"
#include "errortext.h"

#include <formatting.h>
#include <instancelistmodel.h>

#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace durable::views {

Dashboard::Dashboard(HubClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_queued(new QLabel(this))
    , m_running(new QLabel(this))
    , m_oldestWait(new QLabel(this))
    , m_chart(new ThroughputChart(this))
{
    auto *layout = new QVBoxLayout(this);
    auto *grid = new QGridLayout;
    for (int s = 0; s < RuntimeStatusCount; ++s) {
        auto *swatch = new QLabel(this);
        swatch->setFixedSize(12, 12);
        swatch->setStyleSheet(QStringLiteral("background: %1; border-radius: 6px")
                                  .arg(models::readableOn(models::InstanceListModel::statusColor(RuntimeStatus(s)),
                                                          palette().color(QPalette::Window))
                                           .name()));
        auto *name = new QLabel(statusName(RuntimeStatus(s)), this);
        auto *count = new QLabel(QStringLiteral("–"), this);
        count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        QFont bold = count->font();
        bold.setBold(true);
        count->setFont(bold);
        grid->addWidget(swatch, s / 2, (s % 2) * 3);
        grid->addWidget(name, s / 2, (s % 2) * 3 + 1);
        grid->addWidget(count, s / 2, (s % 2) * 3 + 2);
        m_labels.append(count);
    }
    layout->addLayout(grid);
    // The backlog: how far behind this process's activity threads are, and whether anything has
    // waited long (one instance's fan-out no longer holds up the others, but threads can be few).
    auto *backlog = new QGridLayout;
    auto *heading = new QLabel(tr("Activity backlog"), this);
    QFont headingFont = heading->font();
    headingFont.setBold(true);
    heading->setFont(headingFont);
    heading->setToolTip(tr("Activities this process's threads have to run for the hub"));
    backlog->addWidget(heading, 0, 0, 1, 6);
    const std::pair<QString, QLabel *> figures[]
        = { { tr("Queued"), m_queued }, { tr("Running"), m_running }, { tr("Oldest wait"), m_oldestWait } };
    m_queued->setObjectName(QStringLiteral("backlogQueued"));
    m_running->setObjectName(QStringLiteral("backlogRunning"));
    m_oldestWait->setObjectName(QStringLiteral("backlogOldestWait"));
    int column = 0;
    for (const auto &[name, value] : figures) {
        value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        QFont bold = value->font();
        bold.setBold(true);
        value->setFont(bold);
        backlog->addWidget(new QLabel(name, this), 1, column++);
        backlog->addWidget(value, 1, column++);
    }
    layout->addLayout(backlog);
    layout->addWidget(m_chart, 1);
    m_backlogTimer.setInterval(1000);
    connect(&m_backlogTimer, &QTimer::timeout, this, &Dashboard::refreshBacklog);
    m_backlogTimer.start();
    connect(client, &HubClient::workersChanged, this, &Dashboard::refreshBacklog);
    refreshBacklog();
    m_reload.setSingleShot(true);
    m_reload.setInterval(500);
    connect(&m_reload, &QTimer::timeout, this, &Dashboard::reload);
    connect(client, &HubClient::changed, this, [this](const ChangeSet &changes) {
        m_chart->addSample(changes.instancesCompleted, changes.activitiesCompleted);
        if ((!changes.instances.isEmpty() || changes.purged || changes.everything) && !m_reload.isActive())
            m_reload.start();
    });
    reload();
}

void Dashboard::refreshBacklog()
{
    m_backlog = m_client->activityBacklog();
    if (!m_backlog) {
        const QString why = tr("Another process runs this hub's workers: its backlog is not known here");
        for (auto *label : { m_queued, m_running, m_oldestWait }) {
            label->setText(QStringLiteral("–"));
            label->setToolTip(why);
        }
        return;
    }
    m_queued->setText(QLocale().toString(m_backlog->queued));
    m_running->setText(QLocale().toString(m_backlog->running));
    m_queued->setToolTip({});
    m_running->setToolTip({});
    m_oldestWait->setToolTip(tr("How long the oldest queued activity has waited for a thread"));
    const QDateTime oldest = m_backlog->oldestQueuedAt;
    m_oldestWait->setText(oldest.isNull()
                              ? QStringLiteral("–")
                              : models::formatDuration(qMax<qint64>(0, oldest.msecsTo(m_client->clock()->now()))));
}

void Dashboard::reload()
{
    const auto request = ++m_request;
    m_client->countByStatus().then(this, [this, request](const Result<QList<qint64>> &counts) {
        if (request != m_request)
            return;
        if (!counts) {
            Q_EMIT backgroundError(ErrorText::report(tr("Could not count instances."), counts.error()));
            return;
        }
        m_counts = *counts;
        for (int s = 0; s < m_labels.size() && s < m_counts.size(); ++s)
            m_labels.at(s)->setText(QLocale().toString(m_counts.at(s)));
        Q_EMIT countsChanged(m_counts);
    });
}

} // namespace durable::views
