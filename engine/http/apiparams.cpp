#include "apiparams.h"

#include "instanceid.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QTimeZone>

namespace durable::http {

QueryParams::QueryParams(const QUrlQuery &query)
{
    for (const auto &[name, value] : query.queryItems(QUrl::FullyDecoded))
        m_values[name.toLower()].append(value);
}

bool QueryParams::contains(const QString &name) const
{
    return m_values.contains(name.toLower());
}

QString QueryParams::value(const QString &name) const
{
    const auto it = m_values.constFind(name.toLower());
    return it == m_values.cend() || it->isEmpty() ? QString() : it->first();
}

QStringList QueryParams::values(const QString &name) const
{
    return m_values.value(name.toLower());
}

bool QueryParams::boolean(const QString &name, bool fallback) const
{
    const QString text = value(name).trimmed();
    if (text.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0)
        return true;
    if (text.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0)
        return false;
    return fallback;
}

std::optional<int> QueryParams::integer(const QString &name) const
{
    bool ok = false;
    const int number = value(name).trimmed().toInt(&ok);
    return ok ? std::optional<int>(number) : std::nullopt;
}

QDateTime QueryParams::dateTime(const QString &name) const
{
    return parseApiDateTime(value(name));
}

QSet<RuntimeStatus> QueryParams::statuses(const QString &name) const
{
    QSet<RuntimeStatus> result;
    for (const QString &joined : values(name)) {
        for (const QString &raw : joined.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString item = raw.trimmed();
            bool isNumber = false;
            const int number = item.toInt(&isNumber);
            if (isNumber) {
                if (number >= 0 && number < RuntimeStatusCount)
                    result.insert(static_cast<RuntimeStatus>(number));
                continue;
            }
            for (int i = 0; i < RuntimeStatusCount; ++i) {
                if (item == statusName(static_cast<RuntimeStatus>(i)))
                    result.insert(static_cast<RuntimeStatus>(i));
            }
        }
    }
    return result;
}

QDateTime parseApiDateTime(const QString &text)
{
    QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {};
    // An unencoded '+' of an offset arrives as a space in some clients' query strings.
    if (trimmed.size() > 19 && trimmed.at(19) == QLatin1Char(' '))
        trimmed[19] = QLatin1Char('+');
    QDateTime parsed = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
    if (!parsed.isValid()) {
        const QDate date = QDate::fromString(trimmed, Qt::ISODate);
        if (!date.isValid())
            return {};
        parsed = date.startOfDay(Qt::UTC);
    }
    if (parsed.timeSpec() == Qt::LocalTime) // no zone given: the API works in UTC
        parsed.setTimeSpec(Qt::UTC);
    return parsed.toUTC();
}

QString formatStatusTime(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + QLatin1Char('Z');
}

QString formatHistoryTime(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) + QLatin1Char('Z');
}

std::optional<QString> instanceIdProblem(const QString &id, int maxLength)
{
    const auto problem = checkInstanceId(id, { .maxLength = maxLength, .refuseEntityPrefix = true });
    if (!problem)
        return std::nullopt;
    switch (problem->rule) {
    case InstanceIdRule::Empty:
        return QStringLiteral("Instance id must not be empty.");
    case InstanceIdRule::TooLong:
        return QStringLiteral("Instance id is longer than %1 characters.").arg(maxLength);
    case InstanceIdRule::EntityPrefix:
        return QStringLiteral("Instance id must not start with '@'.");
    case InstanceIdRule::ForbiddenCharacter:
        return QStringLiteral("Instance id must not contain '%1'.").arg(problem->character);
    case InstanceIdRule::ControlCharacter:
        return QStringLiteral("Instance id must not contain control characters.");
    case InstanceIdRule::SurroundingWhiteSpace:
        return QStringLiteral("Instance id must not start or end with white space.");
    case InstanceIdRule::DotSegment:
        return QStringLiteral("Instance id must not be \".\" or \"..\".");
    case InstanceIdRule::InvalidEncoding:
        return QStringLiteral("Instance id is not valid UTF-8.");
    }
    return problem->detail();
}

std::expected<QJsonValue, QString> parseJsonBody(const QByteArray &body)
{
    if (body.trimmed().isEmpty())
        return QJsonValue();
    // QJsonDocument only holds objects and arrays: parse the body as the single element of an
    // array. A body like `1],[2` yields two elements and is rejected.
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson('[' + body + ']', &error);
    if (error.error != QJsonParseError::NoError || !document.isArray() || document.array().size() != 1)
        return std::unexpected(error.error != QJsonParseError::NoError
                                   ? QStringLiteral("Invalid JSON: %1 at offset %2.")
                                         .arg(error.errorString())
                                         .arg(qMax(0, error.offset - 1))
                                   : QStringLiteral("Invalid JSON: expected a single value."));
    return document.array().first();
}

bool isJsonMediaType(const QByteArray &contentType)
{
    const QByteArray mediaType = contentType.split(';').first().trimmed();
    return mediaType.compare("application/json", Qt::CaseInsensitive) == 0;
}

QJsonValue payloadValue(const QJsonValue &stored)
{
    return stored.isUndefined() ? QJsonValue() : stored;
}

QByteArray encodeContinuation(const QString &engineToken)
{
    if (engineToken.isEmpty())
        return {};
    return engineToken.toUtf8().toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

std::optional<QString> decodeContinuation(const QByteArray &headerValue)
{
    const QByteArray trimmed = headerValue.trimmed();
    if (trimmed.isEmpty())
        return QString();
    const auto decoded = QByteArray::fromBase64Encoding(
        trimmed, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return QString::fromUtf8(*decoded);
}

} // namespace durable::http
