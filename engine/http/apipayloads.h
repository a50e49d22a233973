#pragma once

#include "types.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QUrlQuery>

namespace durable::http {

/// Where generated management URLs point: scheme + authority of the request, the mount it came
/// in on, and the common query parameters to echo (taskHub, connection, code).
struct UrlContext {
    QString origin; ///< "http://127.0.0.1:7071"
    QString mount; ///< "/runtime/webhooks/durabletask"
    QUrlQuery common; ///< echoed into every URL, in this order
};

/// The status payload (StatusResponsePayload): name, instanceId, runtimeStatus, input,
/// customStatus, output, createdTime, lastUpdatedTime, and historyEvents when `history` is set.
/// Every key but historyEvents is always present (null allowed). `showInput` false nulls input.
QJsonObject statusPayload(const InstanceInfo &info, bool showInput);

/// The history array of a single status GET, rewritten as the handler does (A.5): episode
/// markers dropped, completions folded with their scheduling event, PascalCase names.
QJsonArray historyEvents(const History &history, bool showInput, bool showHistoryOutput);

/// The check-status ("HTTP management") payload with all nine URIs.
QJsonObject checkStatusPayload(const UrlContext &urls, const QString &instanceId,
                               bool returnInternalServerErrorOnFailure = false);
/// statusQueryGetUri alone, for the Location header.
QString statusQueryUrl(const UrlContext &urls, const QString &instanceId,
                       bool returnInternalServerErrorOnFailure = false);

} // namespace durable::http
