#include "json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace durable::json {

QByteArray toText(const QJsonValue &value)
{
    if (value.isUndefined())
        return {};
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    // QJsonDocument holds only containers: wrap the scalar and strip the brackets.
    const QByteArray wrapped = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

std::optional<QJsonValue> parse(const QByteArray &text, QString *error)
{
    const QByteArray trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        if (error)
            *error = QStringLiteral("empty document");
        return std::nullopt;
    }
    QJsonParseError parseError;
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
        const auto doc = QJsonDocument::fromJson(trimmed, &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            if (error)
                *error = parseError.errorString() + QStringLiteral(" at offset ") + QString::number(parseError.offset);
            return std::nullopt;
        }
        return doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
    }
    const auto doc = QJsonDocument::fromJson("[" + trimmed + "]", &parseError);
    if (parseError.error != QJsonParseError::NoError || doc.array().size() != 1) {
        if (error)
            *error = parseError.error != QJsonParseError::NoError ? parseError.errorString()
                    + QStringLiteral(" at offset ") + QString::number(qMax(0, parseError.offset - 1))
                                                                  : QStringLiteral("more than one value");
        return std::nullopt;
    }
    return doc.array().first();
}

} // namespace durable::json
