#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace durable::json {

/// Compact JSON text of any value, scalars included ("42", "\"s\"", "null").
/// An undefined value gives an empty array of bytes.
QByteArray toText(const QJsonValue &value);
/// Parses any JSON text, scalars included. nullopt on a syntax error, with the reason in `error`.
std::optional<QJsonValue> parse(const QByteArray &text, QString *error = nullptr);

} // namespace durable::json
