#include "json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <cmath>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace durable::json {

namespace {

    // The writer the engine's hot path uses: QJsonDocument::toJson converts every value to CBOR
    // first, and cost a quarter of a fan-out's writer time. Its output is byte for byte
    // QJsonDocument's compact form (tests/engine/tst_json checks a corpus against it), so the
    // stored text does not depend on which one wrote it.
    constexpr char Hex[] = "0123456789abcdef";

    void writeEscape(QByteArray &out, char16_t unit)
    {
        const char escaped[]
            = { '\\', 'u', Hex[(unit >> 12) & 0xf], Hex[(unit >> 8) & 0xf], Hex[(unit >> 4) & 0xf], Hex[unit & 0xf] };
        out.append(escaped, sizeof escaped);
    }

    void writeString(QByteArray &out, QStringView text)
    {
        out += '"';
        // Printable ASCII without quote or backslash, the usual content, is copied as it is; the
        // first character that is not switches to the general loop.
        const qsizetype start = out.size();
        out.resize(start + text.size());
        char *to = out.data() + start;
        qsizetype k = 0;
        const qsizetype size = text.size();
        const char16_t *from = text.utf16();
#if defined(__SSE2__)
        // Eight UTF-16 units at a time while all eight are plain (x86-64 always has SSE2). Signed
        // compares: a unit >= 0x8000 is negative and fails the "at least a space" test too.
        const __m128i space = _mm_set1_epi16(0x20);
        const __m128i ascii = _mm_set1_epi16(0x7f);
        const __m128i quote = _mm_set1_epi16('"');
        const __m128i backslash = _mm_set1_epi16('\\');
        for (; k + 8 <= size; k += 8) {
            const __m128i units = _mm_loadu_si128(reinterpret_cast<const __m128i *>(from + k));
            const __m128i outside = _mm_or_si128(_mm_cmplt_epi16(units, space), _mm_cmpgt_epi16(units, ascii));
            const __m128i special = _mm_or_si128(_mm_cmpeq_epi16(units, quote), _mm_cmpeq_epi16(units, backslash));
            if (_mm_movemask_epi8(_mm_or_si128(outside, special)) != 0)
                break;
            _mm_storel_epi64(reinterpret_cast<__m128i *>(to), _mm_packus_epi16(units, units));
            to += 8;
        }
#endif
        for (; k < size; ++k) {
            const char16_t unit = from[k];
            if (unit < 0x20 || unit >= 0x80 || unit == u'"' || unit == u'\\')
                break;
            *to++ = char(unit);
        }
        out.truncate(start + k);
        for (; k < size; ++k) {
            const char16_t unit = text[k].unicode();
            if (unit < 0x80) {
                switch (unit) {
                case u'"':
                    out += "\\\"";
                    break;
                case u'\\':
                    out += "\\\\";
                    break;
                case u'\b':
                    out += "\\b";
                    break;
                case u'\f':
                    out += "\\f";
                    break;
                case u'\n':
                    out += "\\n";
                    break;
                case u'\r':
                    out += "\\r";
                    break;
                case u'\t':
                    out += "\\t";
                    break;
                default:
                    if (unit < 0x20)
                        writeEscape(out, unit);
                    else
                        out += char(unit);
                }
            } else if (QChar::isHighSurrogate(unit) && k + 1 < size && text[k + 1].isLowSurrogate()) {
                const char32_t code = QChar::surrogateToUcs4(unit, text[k + 1].unicode());
                ++k;
                const char utf8[] = { char(0xf0 | (code >> 18)), char(0x80 | ((code >> 12) & 0x3f)),
                                      char(0x80 | ((code >> 6) & 0x3f)), char(0x80 | (code & 0x3f)) };
                out.append(utf8, sizeof utf8);
            } else if (QChar::isSurrogate(unit)) {
                writeEscape(out, unit); // unpaired: not encodable as UTF-8
            } else if (unit < 0x800) {
                const char utf8[] = { char(0xc0 | (unit >> 6)), char(0x80 | (unit & 0x3f)) };
                out.append(utf8, sizeof utf8);
            } else {
                const char utf8[]
                    = { char(0xe0 | (unit >> 12)), char(0x80 | ((unit >> 6) & 0x3f)), char(0x80 | (unit & 0x3f)) };
                out.append(utf8, sizeof utf8);
            }
        }
        out += '"';
    }

    void write(QByteArray &out, const QJsonValue &value)
    {
        switch (value.type()) {
        case QJsonValue::Null:
        case QJsonValue::Undefined:
            out += "null";
            break;
        case QJsonValue::Bool:
            out += value.toBool() ? "true" : "false";
            break;
        case QJsonValue::Double: {
            // A QJsonValue keeps integers as integers (64 bits, exact) and writes them so.
            if (value.toVariant().typeId() == QMetaType::LongLong) {
                out += QByteArray::number(value.toInteger());
                break;
            }
            const double d = value.toDouble();
            if (std::isfinite(d))
                out += QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
            else
                out += "null"; // JSON has no NaN or infinity
            break;
        }
        case QJsonValue::String:
            writeString(out, value.toString());
            break;
        case QJsonValue::Array: {
            out += '[';
            bool first = true;
            for (const auto &element : value.toArray()) {
                if (!first)
                    out += ',';
                first = false;
                write(out, element);
            }
            out += ']';
            break;
        }
        case QJsonValue::Object: {
            out += '{';
            const QJsonObject object = value.toObject();
            bool first = true;
            for (auto it = object.begin(); it != object.end(); ++it) {
                if (!first)
                    out += ',';
                first = false;
                writeString(out, it.key());
                out += ':';
                write(out, it.value());
            }
            out += '}';
            break;
        }
        }
    }

} // namespace

QByteArray toText(const QJsonValue &value)
{
    if (value.isUndefined())
        return {};
    QByteArray out;
    out.reserve(64);
    write(out, value);
    return out;
}

QByteArray toText(const QJsonObject &object)
{
    QByteArray out;
    out.reserve(64);
    write(out, object);
    return out;
}

QByteArray memberText(QStringView key, const QJsonValue &value)
{
    if (value.isUndefined())
        return {};
    QByteArray out;
    out.reserve(64);
    out += '{';
    writeString(out, key);
    out += ':';
    write(out, value);
    out += '}';
    return out;
}

QByteArray memberText(QStringView key, QByteArrayView valueText)
{
    if (valueText.isEmpty())
        return {};
    QByteArray out;
    out.reserve(valueText.size() + key.size() + 8);
    out += '{';
    writeString(out, key);
    out += ':';
    out += valueText;
    out += '}';
    return out;
}

QJsonObject parseObject(QByteArrayView text)
{
    if (text.isEmpty())
        return {};
    // Parsed where it lies: no copy, and no round trip through UTF-16 as a QString would take.
    return QJsonDocument::fromJson(QByteArray::fromRawData(text.data(), text.size())).object();
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

namespace {
    const QString VerbatimKey = QStringLiteral("$verbatim");
} // namespace

QJsonValue verbatim(const QByteArray &text)
{
    if (text.isNull())
        return QJsonValue(QJsonValue::Undefined);
    return QJsonObject { { VerbatimKey, QString::fromUtf8(text) } };
}

std::optional<QByteArray> verbatimText(const QJsonValue &value)
{
    if (!value.isObject())
        return std::nullopt;
    const QJsonObject object = value.toObject();
    if (object.size() != 1)
        return std::nullopt;
    const auto it = object.constFind(VerbatimKey);
    if (it == object.constEnd() || !it->isString())
        return std::nullopt;
    return it->toString().toUtf8();
}

QByteArray payloadText(const QJsonValue &value)
{
    if (value.isUndefined())
        return {};
    if (auto text = verbatimText(value))
        return std::move(*text);
    return toText(value);
}

QJsonValue plain(const QJsonValue &value)
{
    auto text = verbatimText(value);
    if (!text)
        return value;
    if (text->isEmpty())
        return QString();
    if (auto parsed = parse(*text))
        return *parsed;
    return QString::fromUtf8(*text);
}

QJsonObject plainMembers(const QJsonObject &data)
{
    // Read through the shared original: a mutable iterator would copy every event's data even
    // when, as nearly always, no member is verbatim.
    QJsonObject out = data;
    for (auto it = data.constBegin(); it != data.constEnd(); ++it) {
        if (it->isObject() && verbatimText(*it))
            out.insert(it.key(), plain(*it));
    }
    return out;
}

} // namespace durable::json
