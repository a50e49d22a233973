#pragma once

#include <QByteArray>
#include <QByteArrayView>
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
/// toText() of the one-member object {key: value}, without building the object (building it
/// costs more than writing it: every value is converted to CBOR on insertion). Empty for an
/// undefined value, as such an object has no member and is stored as no data at all.
QByteArray memberText(QStringView key, const QJsonValue &value);
/// memberText() from the value's text (toText()) when that was written already: the same bytes.
QByteArray memberText(QStringView key, QByteArrayView valueText);
/// Parses any JSON text, scalars included. nullopt on a syntax error, with the reason in `error`.
std::optional<QJsonValue> parse(const QByteArray &text, QString *error = nullptr);
/// The object a stored text holds: an empty object for empty text, text that is not a JSON
/// object or is malformed (stored data is the engine's own writing; damage reads as nothing).
QJsonObject parseObject(QByteArrayView text);

// Verbatim payloads. External workers (the Durable Task SDKs) compare payloads as the text they
// serialized, and some send text that is not JSON at all (a plain custom status). Such a payload
// travels through the engine as a one-member object {"$verbatim": "<text>"} wrapped around the
// exact text, so that it is stored and handed back byte for byte. In-process code, the GUI and
// the HTTP API see the decoded value (plain()).

/// Wraps `text` as a verbatim payload; a null `text` (an absent payload) gives Undefined.
QJsonValue verbatim(const QByteArray &text);
/// The text of a verbatim payload; nullopt when `value` is none.
std::optional<QByteArray> verbatimText(const QJsonValue &value);
/// The payload as text for an external worker: a verbatim payload's own text, any other value
/// in its compact JSON form, an undefined value as a null array (absent).
QByteArray payloadText(const QJsonValue &value);
/// The payload as a value: a verbatim payload parsed (text that is not JSON becomes a string),
/// anything else unchanged.
QJsonValue plain(const QJsonValue &value);
/// plain() applied to every member of an event's data (its payloads are top-level members).
QJsonObject plainMembers(const QJsonObject &data);

} // namespace durable::json
