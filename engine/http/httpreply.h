#pragma once

#include "error.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QList>
#include <QPair>

namespace durable::http {

/// One HTTP answer, independent of the server library: the handlers build these, the server
/// writes them. `contentType` empty means no body and no Content-Type.
struct HttpReply {
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    HttpReply &withHeader(const QByteArray &name, const QByteArray &value)
    {
        headers.append({ name, value });
        return *this;
    }
    /// Value of the first header with that name (case-insensitive), empty when absent.
    QByteArray header(const QByteArray &name) const;

    /// A body-less answer (e.g. 202 of raise event, 404 of an unknown route).
    static HttpReply empty(int status);
    /// Any JSON value as the body, `application/json; charset=utf-8` (scalars included).
    static HttpReply json(int status, const QJsonValue &value);
    /// The ASP.NET HttpError shape the Durable Functions handler uses: {"Message": "..."}.
    static HttpReply message(int status, const QString &text);
};

/// The one place that maps an engine error kind to an HTTP status (qBittorrent's habit): every
/// handler answers engine failures through errorReply(), so the same error always means the same
/// code. Operation-specific answers that depend on an instance's state (410 for a finished
/// instance, 500 for rewinding a running one) are decided from the status snapshot by the handler.
int httpStatusFor(ErrorCode code);
HttpReply errorReply(const Error &error);

/// Serializes a JSON value compactly; QJsonDocument alone cannot hold a top-level scalar.
QByteArray toJsonBytes(const QJsonValue &value);

} // namespace durable::http
