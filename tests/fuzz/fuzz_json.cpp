// JSON payloads: the engine's parser and writer (engine/json), request bodies (parseJsonBody) and
// verbatim payloads. Properties: the writer is byte for byte QJsonDocument's compact form, and
// what it writes parses back to the same value.
#include "apiparams.h"
#include "fuzzcommon.h"
#include "json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstddef>
#include <cstdint>

using namespace durable;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));

    if (const auto body = http::parseJsonBody(text)) {
        const QByteArray written = json::toText(*body);
        const auto again = json::parse(written);
        fuzz::require(again.has_value(), "written JSON parses");
        fuzz::require(json::toText(*again) == written, "JSON text is stable after one round trip");
        if (body->isObject())
            fuzz::require(written == QJsonDocument(body->toObject()).toJson(QJsonDocument::Compact),
                          "object text equals QJsonDocument's");
        if (body->isArray())
            fuzz::require(written == QJsonDocument(body->toArray()).toJson(QJsonDocument::Compact),
                          "array text equals QJsonDocument's");
        if (body->isObject())
            (void)json::plainMembers(body->toObject());
    }

    QString error;
    (void)json::parse(text, &error);

    // A verbatim payload hands back exactly the text it wraps (text that is valid UTF-8; the
    // sidecar's strings are UTF-8 by the protocol).
    const QJsonValue wrapped = json::verbatim(text);
    if (QString::fromUtf8(text).toUtf8() == text)
        fuzz::require(json::payloadText(wrapped) == text, "verbatim payload text round trip");
    (void)json::plain(wrapped);
    (void)json::plainMembers(QJsonObject { { QStringLiteral("input"), wrapped } });
    return 0;
}
