#include "listexporter.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QProgressDialog>

namespace durable::views {

ListExporter::ListExporter(Client *client, QWidget *parent)
    : QObject(parent)
    , m_client(client)
    , m_parent(parent)
{
}

void ListExporter::exportList(const InstanceQuery &query)
{
    if (isRunning()) {
        m_progress->raise();
        return;
    }
    QString filter;
    const QString csv = tr("CSV files (*.csv)");
    const QString json = tr("JSON files (*.json)");
    QString path = QFileDialog::getSaveFileName(m_parent, tr("Export Instance List"), QStringLiteral("instances.csv"),
                                                csv + QStringLiteral(";;") + json, &filter);
    if (path.isEmpty())
        return;
    // A name without an extension takes the one of the chosen filter.
    if (QFileInfo(path).suffix().isEmpty())
        path += filter == json ? QStringLiteral(".json") : QStringLiteral(".csv");
    exportTo(query, path);
}

models::ListExportJob *ListExporter::exportTo(const InstanceQuery &query, const QString &path)
{
    if (isRunning())
        return nullptr;
    const auto format = models::ListExportJob::formatForPath(path);
    if (!format) {
        showError(tr("Choose a file name ending in .csv or .json: the extension decides the format."));
        return nullptr;
    }
    auto *job = new models::ListExportJob(m_client, this);
    m_job = job;
    m_progress = new QProgressDialog(tr("Exporting the instance list…"), tr("Cancel"), 0, 0, m_parent);
    m_progress->setObjectName(QStringLiteral("listExportProgress"));
    m_progress->setWindowTitle(tr("Export Instance List"));
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(300); // a small list is written before it would show
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    connect(m_progress, &QProgressDialog::canceled, job, &models::ListExportJob::cancel);
    connect(job, &models::ListExportJob::progress, m_progress,
            [this](int exported) { m_progress->setLabelText(tr("Exported %n instance(s)…", nullptr, exported)); });
    connect(job, &models::ListExportJob::finished, this, [this, job, path](bool cancelled, int exported) {
        if (m_progress)
            m_progress->deleteLater();
        job->deleteLater();
        if (cancelled) {
            Q_EMIT finished(false, tr("Export cancelled; nothing was written."));
        } else if (job->error()) {
            const auto message = tr("The instance list could not be exported: %1").arg(job->error()->message);
            showError(message);
            Q_EMIT finished(false, message);
        } else {
            Q_EMIT finished(true, tr("Exported %n instance(s) to %1.", nullptr, exported).arg(path));
        }
    });
    job->start(query, path, *format);
    return job;
}

void ListExporter::showError(const QString &text)
{
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Export Instance List"), text, QMessageBox::Ok, m_parent);
    box->setObjectName(QStringLiteral("listExportError"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace durable::views
