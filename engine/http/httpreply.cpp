#include "httpreply.h"

#include <QJsonArray>
#include <QJsonObject>

namespace durable::http {

namespace {
    const QByteArray jsonContentType = QByteArrayLiteral("application/json; charset=utf-8");
}

QByteArray HttpReply::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

HttpReply HttpReply::empty(int status)
{
    HttpReply reply;
    reply.status = status;
    return reply;
}

HttpReply HttpReply::json(int status, const QJsonValue &value)
{
    HttpReply reply;
    reply.status = status;
    reply.contentType = jsonContentType;
    reply.body = toJsonBytes(value);
    return reply;
}

HttpReply HttpReply::message(int status, const QString &text)
{
    return json(status, QJsonObject { { QStringLiteral("Message"), text } });
}

int httpStatusFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidArgument:
    case ErrorCode::UnknownOrchestrator:
        return 400;
    case ErrorCode::PayloadTooLarge:
        return 413;
    case ErrorCode::NotFound:
        return 404;
    case ErrorCode::FailedPrecondition:
        return 410;
    case ErrorCode::Busy:
    case ErrorCode::Shutdown:
    case ErrorCode::Damaged: // the message says how to check the hub
    case ErrorCode::Cancelled:
        return 503;
    case ErrorCode::AlreadyExists: // the Durable Functions handler answers 500 here, clients expect it
    case ErrorCode::Storage:
    case ErrorCode::Corrupt:
    case ErrorCode::SchemaTooNew:
    case ErrorCode::ReadOnly:
        return 500;
    }
    return 500;
}

HttpReply errorReply(const Error &error)
{
    const QString text = error.message.isEmpty() ? errorCodeName(error.code)
                                                 : errorCodeName(error.code) + QStringLiteral(": ") + error.message;
    return HttpReply::message(httpStatusFor(error.code), text);
}

QByteArray toJsonBytes(const QJsonValue &value)
{
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    // Serialize the scalar inside an array and strip the brackets: same escaping rules as objects.
    QByteArray wrapped
        = QJsonDocument(QJsonArray { value.isUndefined() ? QJsonValue() : value }).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

} // namespace durable::http
