#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace durable::json {

/// Compact JSON text of any value, scalars included ("42", "\"s\"", "null"), byte for byte what
/// QJsonDocument::toJson(Compact) writes, several times faster. An undefined value gives an empty
/// array of bytes.
QByteArray toText(const QJsonValue &value);
/// Compact JSON text of an object ("{}" when empty).
QByteArray toText(const QJsonObject &object);
/// Parses any JSON text, scalars included. nullopt on a syntax error, with the reason in `error`.
std::optional<QJsonValue> parse(const QByteArray &text, QString *error = nullptr);

} // namespace durable::json
