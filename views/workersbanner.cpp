#include "workersbanner.h"

#include "hubopen.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>

namespace durable::views {

WorkersBanner::WorkersBanner(HubClient *client, QWidget *parent)
    : QFrame(parent)
    , m_client(client)
    , m_label(new QLabel(this))
{
    setObjectName(QStringLiteral("workersBanner"));
    setFrameShape(QFrame::StyledPanel);
    setStyleSheet(QStringLiteral("#workersBanner { background: #e8f0fe; } #workersBanner QLabel { color: #174ea6; }"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_label, 1);
    connect(client, &HubClient::workersChanged, this, &WorkersBanner::update);
    update();
}

QString WorkersBanner::message() const
{
    return isHidden() ? QString() : m_label->text();
}

void WorkersBanner::update()
{
    const auto owner = m_client->workerOwner();
    if (m_client->ownsWorkers() || (owner && owner->thisProcess)) {
        hide();
        return;
    }
    if (isServerHub(m_client->hubName())) {
        // Shared by worker processes: nobody takes "the" workers over, any number may join.
        m_label->setText(owner ? tr("This window is a client of a hub that worker processes share (View ▸ Hub Workers "
                                    "lists them): it shows their changes as they happen and runs no workers itself "
                                    "(start it with --workers to run some here too).")
                               : tr("No worker process serves this hub: new work waits until one starts (for example "
                                    "durable-workbench --headless --hub URL --no-http)."));
    } else if (!owner) {
        m_label->setText(tr("No process runs this hub's workers: new work waits until one does."));
    } else {
        const QString since = owner->since.isValid()
            ? QLocale().toString(owner->since.toLocalTime(), QLocale::ShortFormat)
            : tr("an unknown time");
        m_label->setText(tr("The workers of this hub run in process %1 on %2 (since %3). This window shows their "
                            "changes as they happen and takes the workers over when that process stops.")
                             .arg(owner->pid)
                             .arg(owner->host, since));
    }
    show();
}

} // namespace durable::views
