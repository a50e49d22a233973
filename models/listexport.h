#pragma once

#include <client.h>

#include <QObject>
#include <QSaveFile>

#include <memory>
#include <optional>

namespace durable::models {

/// Exports every instance an instance-list query matches (its filters and sort order, all pages,
/// not just the ones a view has loaded) to a CSV or JSON file. It pages through the hub with the
/// asynchronous client, so the GUI thread only writes each page as it arrives; cancel() stops after
/// the page in flight and leaves no file behind (nor touches one that was there). The file is
/// written atomically: it appears, or is replaced, only when every page was written.
///
/// CSV: instanceCsvHeader() then one record per instance (instanceCsvFields). JSON: an array of
/// instanceToJson() objects. Both UTF-8.
class ListExportJob : public QObject {
    Q_OBJECT
public:
    enum class Format { Csv, Json };
    /// The format a file name asks for by its extension (.csv, .json; any case); nullopt otherwise.
    static std::optional<Format> formatForPath(const QString &path);

    /// `client` must outlive the job.
    explicit ListExportJob(Client *client, QObject *parent = nullptr);
    ~ListExportJob() override;

    /// Rows per query: large enough that a big hub takes few round trips.
    void setPageSize(int size) { m_pageSize = size; }
    /// Starts the export; finished() follows once. Start a job once.
    void start(const InstanceQuery &query, const QString &path, Format format);
    /// Stops after the page in flight; finished() then reports cancelled.
    void cancel() { m_cancelRequested = true; }
    int exported() const { return m_exported; }
    /// Why the job failed; nullopt when it did not (or has not ended).
    const std::optional<Error> &error() const { return m_error; }

Q_SIGNALS:
    /// `exported` instances written so far (after each page).
    void progress(int exported);
    /// The job ended: written, failed (error() says why: the query's or the file's error), or
    /// cancelled. Only a written job left a file.
    void finished(bool cancelled, int exported);

private:
    void nextPage(InstanceQuery query);
    void end(const Status &status, bool cancelled);

    Client *m_client;
    std::unique_ptr<QSaveFile> m_file;
    Format m_format = Format::Csv;
    int m_pageSize = 500;
    int m_exported = 0;
    std::optional<Error> m_error;
    bool m_cancelRequested = false;
};

} // namespace durable::models
