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
    layout->addWidget(m_chart, 1);
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
