#pragma once

#include <error.h>
#include <types.h>

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>

namespace durable::models {

// Files the workbench writes for other tools: a history as JSON (read back by historyFromJson) or
// CSV, the instance list as CSV or JSON. Pure functions except writeFile(); all text is UTF-8.

/// One CSV field per RFC 4180: quoted when it holds a comma, a quote, CR or LF (quotes doubled),
/// as is otherwise.
QString csvField(const QString &value);
/// The fields as one CSV record ending in CRLF, UTF-8.
QByteArray csvRecord(const QStringList &fields);

/// An event as JSON: sequence, type (the engine's name), readable (the interface's name),
/// eventId/taskId when set, name when set, data when not empty, timestamp (ISO 8601 UTC, ms).
QJsonObject eventToJson(const HistoryEvent &event);
/// The inverse of eventToJson; InvalidArgument naming what is wrong (unknown type, missing or
/// mistyped field, bad timestamp).
Result<HistoryEvent> eventFromJson(const QJsonObject &object);
/// An instance's summary: id, name, version, executionId, status, created/lastUpdated/completed
/// (ISO 8601 UTC), parent, and input/output/customStatus/failure when known.
QJsonObject instanceToJson(const InstanceInfo &info);

/// The history download: { "format": "durable-workbench-history", "version": 1,
/// "instance": instanceToJson(info), "events": [eventToJson…] }.
QJsonObject historyDocument(const InstanceInfo &info, const History &history);
/// The events of a history download. InvalidArgument for anything that is not one (not JSON, other
/// format, a bad event: the error names its index).
Result<History> historyFromJson(const QByteArray &json);
/// The history as CSV with a header: sequence, type, event, id, name, timestamp, payload (JSON).
QByteArray historyCsv(const History &history);

/// Columns of the instance list export, in order.
QStringList instanceCsvHeader();
/// One instance as the fields of instanceCsvHeader(); JSON values as compact JSON.
QStringList instanceCsvFields(const InstanceInfo &info);

/// Writes `bytes` to `path` atomically (QSaveFile): the file is replaced only when everything was
/// written. Storage error with the reason otherwise; an existing file is then left as it was.
Status writeFile(const QString &path, const QByteArray &bytes);

} // namespace durable::models
