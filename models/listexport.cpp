#include "listexport.h"

#include "historyexport.h"

#include <QFileInfo>
#include <QJsonDocument>

namespace durable::models {

std::optional<ListExportJob::Format> ListExportJob::formatForPath(const QString &path)
{
    const auto suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("csv"))
        return Format::Csv;
    if (suffix == QLatin1String("json"))
        return Format::Json;
    return std::nullopt;
}

ListExportJob::ListExportJob(Client *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
}

ListExportJob::~ListExportJob()
{
    if (m_file)
        m_file->cancelWriting();
}

void ListExportJob::start(const InstanceQuery &query, const QString &path, Format format)
{
    m_format = format;
    m_file = std::make_unique<QSaveFile>(path);
    if (!m_file->open(QIODevice::WriteOnly))
        return end(fail(ErrorCode::Storage, QStringLiteral("%1: %2").arg(path, m_file->errorString())), false);
    m_file->write(format == Format::Csv ? csvRecord(instanceCsvHeader()) : QByteArray("[\n"));
    InstanceQuery first = query;
    first.continuation.clear();
    first.pageSize = m_pageSize;
    first.includeInputs = true; // input, output, custom status and failure go into the file
    // Queued: a query answered before its continuation is attached runs that continuation at once,
    // and a whole small export could then finish inside start(), before a cancel() could count.
    QMetaObject::invokeMethod(
        this, [this, first] { nextPage(first); }, Qt::QueuedConnection);
}

void ListExportJob::nextPage(InstanceQuery query)
{
    m_client->query(query).then(this, [this, query](const Result<InstancePage> &page) mutable {
        if (m_cancelRequested)
            return end({}, true);
        if (!page)
            return end(std::unexpected(page.error()), false);
        QByteArray chunk;
        for (const auto &info : page->instances) {
            if (m_format == Format::Csv) {
                chunk += csvRecord(instanceCsvFields(info));
            } else {
                if (m_exported > 0)
                    chunk += ",\n";
                chunk += QJsonDocument(instanceToJson(info)).toJson(QJsonDocument::Compact);
            }
            ++m_exported;
        }
        if (m_file->write(chunk) != chunk.size())
            return end(fail(ErrorCode::Storage, m_file->errorString()), false);
        Q_EMIT progress(m_exported);
        if (page->continuation.isEmpty())
            return end({}, false);
        query.continuation = page->continuation;
        nextPage(query);
    });
}

void ListExportJob::end(const Status &status, bool cancelled)
{
    Status result = status;
    if (result && !cancelled) {
        if (m_format == Format::Json)
            m_file->write(m_exported > 0 ? "\n]\n" : "]\n");
        if (!m_file->commit())
            result = fail(ErrorCode::Storage, QStringLiteral("%1: %2").arg(m_file->fileName(), m_file->errorString()));
    } else if (m_file) {
        m_file->cancelWriting();
    }
    m_file.reset();
    if (!result)
        m_error = result.error();
    Q_EMIT finished(cancelled, m_exported);
}

} // namespace durable::models
