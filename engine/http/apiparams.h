#pragma once

#include "instanceid.h"
#include "types.h"

#include <QDateTime>
#include <QHash>
#include <QJsonValue>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

#include <expected>
#include <optional>

namespace durable::http {

/// Query parameters with ASP.NET's rules: names compared case-insensitively, values fully
/// decoded, a repeated name keeps every value in order.
class QueryParams {
public:
    QueryParams() = default;
    explicit QueryParams(const QUrlQuery &query);

    bool contains(const QString &name) const;
    /// First value, or a null QString when absent.
    QString value(const QString &name) const;
    QStringList values(const QString &name) const;

    /// `true`/`false` in any case; anything else (or absent) gives `fallback` (bool.TryParse).
    bool boolean(const QString &name, bool fallback) const;
    /// A decimal int with optional sign and surrounding spaces (int.TryParse), else nullopt.
    std::optional<int> integer(const QString &name) const;
    /// An ISO-8601 date or date-time; without a zone it is taken as UTC. Invalid when unparseable.
    QDateTime dateTime(const QString &name) const;
    /// `runtimeStatus` as a comma list and/or repeated: exact enum names or numbers 0..7;
    /// unknown values are dropped (Enum.TryParse).
    QSet<RuntimeStatus> statuses(const QString &name) const;

private:
    QHash<QString, QStringList> m_values; // lower-case name -> values
};

/// Parses an ISO-8601 date/time as the API accepts it (see QueryParams::dateTime).
QDateTime parseApiDateTime(const QString &text);

/// `createdTime`/`lastUpdatedTime` format: second precision, UTC, trailing Z.
QString formatStatusTime(const QDateTime &time);
/// History timestamps: full (millisecond) precision, UTC, trailing Z.
QString formatHistoryTime(const QDateTime &time);

/// The engine's instance-id rules (checkInstanceId in instanceid.h) plus the handler's own: an id
/// must not start with '@'. Returns the reason in the API's words when invalid. `maxLength` should be
/// the engine's EngineOptions::maxInstanceIdLength, so the API refuses no id the engine would take.
std::optional<QString> instanceIdProblem(const QString &id, int maxLength = DefaultMaxInstanceIdLength);

/// A request body as one JSON value of any kind (object, array, string, number, bool, null).
/// An empty or whitespace-only body is JSON null. Returns the parser's message on error.
std::expected<QJsonValue, QString> parseJsonBody(const QByteArray &body);

/// True when the Content-Type header's media type (before any ';') is application/json.
bool isJsonMediaType(const QByteArray &contentType);

/// A payload field as emitted: the engine already keeps payloads as JSON values, so only an absent
/// value (Undefined) becomes null; the key is always present in the payload.
QJsonValue payloadValue(const QJsonValue &stored);

/// The x-ms-continuation-token wraps the engine's keyset continuation: base64url, so any engine
/// token survives as an HTTP header value. Decoding fails for text that is not base64url.
QByteArray encodeContinuation(const QString &engineToken);
std::optional<QString> decodeContinuation(const QByteArray &headerValue);

} // namespace durable::http
