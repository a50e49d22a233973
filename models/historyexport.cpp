#include "historyexport.h"

#include "eventnames.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace durable::models {

namespace {

    QString isoUtc(const QDateTime &time)
    {
        return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
    }

    // Any JSON value as compact text (scalars included); empty for undefined.
    QString compactJson(const QJsonValue &value)
    {
        if (value.isUndefined())
            return {};
        const auto text = QString::fromUtf8(QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact));
        return text.mid(1, text.size() - 2);
    }

    void insertIfDefined(QJsonObject &object, const QString &key, const QJsonValue &value)
    {
        if (!value.isUndefined())
            object.insert(key, value);
    }

} // namespace

QString csvField(const QString &value)
{
    static const QString special = QStringLiteral(",\"\r\n");
    bool quote = false;
    for (const QChar c : value)
        quote = quote || special.contains(c);
    if (!quote)
        return value;
    QString escaped = value;
    escaped.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QByteArray csvRecord(const QStringList &fields)
{
    QStringList quoted;
    quoted.reserve(fields.size());
    for (const auto &field : fields)
        quoted.append(csvField(field));
    return quoted.join(QLatin1Char(',')).toUtf8() + "\r\n";
}

QJsonObject eventToJson(const HistoryEvent &event)
{
    QJsonObject object { { QStringLiteral("sequence"), event.sequence },
                         { QStringLiteral("type"), eventTypeName(event.type) },
                         { QStringLiteral("readable"), EventNames::readable(event) },
                         { QStringLiteral("timestamp"), isoUtc(event.timestamp) } };
    if (event.eventId >= 0)
        object.insert(QStringLiteral("eventId"), event.eventId);
    if (event.taskId >= 0)
        object.insert(QStringLiteral("taskId"), event.taskId);
    if (!event.name.isEmpty())
        object.insert(QStringLiteral("name"), event.name);
    if (!event.data.isEmpty())
        object.insert(QStringLiteral("data"), event.data);
    return object;
}

Result<HistoryEvent> eventFromJson(const QJsonObject &object)
{
    HistoryEvent event;
    const auto sequence = object.value(QStringLiteral("sequence"));
    if (!sequence.isDouble())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("\"sequence\" is missing or not a number"));
    event.sequence = qint64(sequence.toDouble());
    const auto type = eventTypeFromName(object.value(QStringLiteral("type")).toString());
    if (!type)
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("unknown event type \"%1\"").arg(object.value(QStringLiteral("type")).toString()));
    event.type = *type;
    for (const auto &[key, field] : { std::pair { QStringLiteral("eventId"), &event.eventId },
                                      std::pair { QStringLiteral("taskId"), &event.taskId } }) {
        const auto value = object.value(key);
        if (value.isUndefined())
            continue;
        if (!value.isDouble())
            return fail(ErrorCode::InvalidArgument, QStringLiteral("\"%1\" is not a number").arg(key));
        *field = value.toInt();
    }
    const auto name = object.value(QStringLiteral("name"));
    if (!name.isUndefined() && !name.isString())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("\"name\" is not a string"));
    event.name = name.toString();
    const auto data = object.value(QStringLiteral("data"));
    if (!data.isUndefined() && !data.isObject())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("\"data\" is not an object"));
    event.data = data.toObject();
    const auto timestamp = object.value(QStringLiteral("timestamp")).toString();
    if (!timestamp.isEmpty()) {
        event.timestamp = QDateTime::fromString(timestamp, Qt::ISODateWithMs);
        if (!event.timestamp.isValid())
            return fail(ErrorCode::InvalidArgument, QStringLiteral("bad timestamp \"%1\"").arg(timestamp));
    }
    return event;
}

QJsonObject instanceToJson(const InstanceInfo &info)
{
    QJsonObject object { { QStringLiteral("instanceId"), info.instanceId },
                         { QStringLiteral("name"), info.name },
                         { QStringLiteral("executionId"), info.executionId },
                         { QStringLiteral("status"), statusName(info.status) },
                         { QStringLiteral("createdAt"), isoUtc(info.createdAt) },
                         { QStringLiteral("lastUpdatedAt"), isoUtc(info.lastUpdatedAt) } };
    if (!info.version.isEmpty())
        object.insert(QStringLiteral("version"), info.version);
    if (info.completedAt.isValid())
        object.insert(QStringLiteral("completedAt"), isoUtc(info.completedAt));
    if (!info.parentInstanceId.isEmpty())
        object.insert(QStringLiteral("parentInstanceId"), info.parentInstanceId);
    insertIfDefined(object, QStringLiteral("input"), info.input);
    insertIfDefined(object, QStringLiteral("output"), info.output);
    if (!info.customStatus.isNull())
        insertIfDefined(object, QStringLiteral("customStatus"), info.customStatus);
    if (info.failure)
        object.insert(QStringLiteral("failure"), info.failure->toJson());
    return object;
}

QJsonObject historyDocument(const InstanceInfo &info, const History &history)
{
    QJsonArray events;
    for (const auto &event : history)
        events.append(eventToJson(event));
    return QJsonObject { { QStringLiteral("format"), QStringLiteral("durable-workbench-history") },
                         { QStringLiteral("version"), 1 },
                         { QStringLiteral("instance"), instanceToJson(info) },
                         { QStringLiteral("events"), events } };
}

Result<History> historyFromJson(const QByteArray &json)
{
    QJsonParseError error;
    const auto document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("not JSON: %1 at offset %2").arg(error.errorString()).arg(error.offset));
    const auto root = document.object();
    if (root.value(QStringLiteral("format")).toString() != QLatin1String("durable-workbench-history"))
        return fail(ErrorCode::InvalidArgument, QStringLiteral("not a history download of the workbench"));
    if (root.value(QStringLiteral("version")).toInt() != 1)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("unsupported history version"));
    const auto events = root.value(QStringLiteral("events"));
    if (!events.isArray())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("\"events\" is missing or not an array"));
    History history;
    const auto array = events.toArray();
    history.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        auto event = eventFromJson(array.at(i).toObject());
        if (!event)
            return fail(ErrorCode::InvalidArgument, QStringLiteral("event %1: %2").arg(i).arg(event.error().message));
        history.append(*event);
    }
    return history;
}

QByteArray historyCsv(const History &history)
{
    QByteArray csv
        = csvRecord({ QStringLiteral("sequence"), QStringLiteral("type"), QStringLiteral("event"), QStringLiteral("id"),
                      QStringLiteral("name"), QStringLiteral("timestamp"), QStringLiteral("data") });
    for (const auto &e : history) {
        const int id = e.eventId >= 0 ? e.eventId : e.taskId;
        csv += csvRecord({ QString::number(e.sequence), eventTypeName(e.type), EventNames::readable(e),
                           id >= 0 ? QString::number(id) : QString(), e.name, isoUtc(e.timestamp),
                           e.data.isEmpty() ? QString() : compactJson(e.data) });
    }
    return csv;
}

QStringList instanceCsvHeader()
{
    return { QStringLiteral("instanceId"),  QStringLiteral("name"),         QStringLiteral("version"),
             QStringLiteral("status"),      QStringLiteral("createdAt"),    QStringLiteral("lastUpdatedAt"),
             QStringLiteral("completedAt"), QStringLiteral("customStatus"), QStringLiteral("parentInstanceId"),
             QStringLiteral("executionId"), QStringLiteral("input"),        QStringLiteral("output"),
             QStringLiteral("failure") };
}

QStringList instanceCsvFields(const InstanceInfo &info)
{
    return { info.instanceId,
             info.name,
             info.version,
             statusName(info.status),
             isoUtc(info.createdAt),
             isoUtc(info.lastUpdatedAt),
             isoUtc(info.completedAt),
             info.customStatus.isString() ? info.customStatus.toString()
                                          : (info.customStatus.isNull() ? QString() : compactJson(info.customStatus)),
             info.parentInstanceId,
             info.executionId,
             compactJson(info.input),
             compactJson(info.output),
             info.failure ? compactJson(info.failure->toJson()) : QString() };
}

Status writeFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(ErrorCode::Storage, QStringLiteral("%1: %2").arg(path, file.errorString()));
    if (file.write(bytes) != bytes.size() || !file.commit())
        return fail(ErrorCode::Storage, QStringLiteral("%1: %2").arg(path, file.errorString()));
    return {};
}

} // namespace durable::models
