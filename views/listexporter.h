#pragma once

#include <listexport.h>

#include <QObject>
#include <QPointer>
#include <QProgressDialog>

class QWidget;

namespace durable::views {

/// File ▸ Export List…: writes every instance an instance-list query matches (all pages, not
/// just the loaded rows) to CSV or JSON, chosen by the file's extension, with a progress dialog
/// whose Cancel leaves no file behind. One export at a time.
class ListExporter : public QObject {
    Q_OBJECT
public:
    /// `client` must outlive the exporter; dialogs are parented to `parent`.
    ListExporter(Client *client, QWidget *parent);

    /// Asks for the file (a save dialog), then exports to it.
    void exportList(const InstanceQuery &query);
    /// Exports to `path` without asking. Returns the running job, or nullptr when the path has no
    /// .csv or .json extension or an export is running (the reason is shown, nothing is written).
    models::ListExportJob *exportTo(const InstanceQuery &query, const QString &path);
    QProgressDialog *progressDialog() const { return m_progress; }
    bool isRunning() const { return !m_job.isNull(); }

Q_SIGNALS:
    /// The export ended; `message` says how (written with the count, cancelled, or the error).
    void finished(bool written, const QString &message);

private:
    void showError(const QString &text);

    Client *m_client;
    QPointer<QWidget> m_parent;
    QPointer<models::ListExportJob> m_job;
    QPointer<QProgressDialog> m_progress;
};

} // namespace durable::views
