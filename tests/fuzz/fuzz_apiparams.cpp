// HTTP query parameters and continuation tokens, as the list handler reads them: the bytes up to
// the first NUL are the query string, the rest the x-ms-continuation-token header. The decoded
// query is then built into SQL the way the SQLite backend does it.
#include "apiparams.h"
#include "fuzzcommon.h"
#include "sqlite/instancequery.h"

#include <QUrlQuery>

#include <cstddef>
#include <cstdint>

using namespace durable;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype split = input.indexOf('\0');
    const QByteArray queryText = split < 0 ? input : input.left(split);
    const QByteArray header = split < 0 ? QByteArray() : input.mid(split + 1);

    const http::QueryParams q(QUrlQuery(QString::fromUtf8(queryText)));
    InstanceQuery query;
    query.statuses = q.statuses(QStringLiteral("runtimeStatus"));
    query.idPrefix = q.value(QStringLiteral("instanceIdPrefix"));
    query.createdFrom = q.dateTime(QStringLiteral("createdTimeFrom"));
    if (const QDateTime to = q.dateTime(QStringLiteral("createdTimeTo")); to.isValid())
        query.createdTo = to.addMSecs(1);
    query.pageSize = qBound(1, q.integer(QStringLiteral("top")).value_or(100), 1000);
    (void)q.boolean(QStringLiteral("showInput"), true);
    (void)http::instanceIdProblem(q.value(QStringLiteral("instanceId")));
    (void)http::formatStatusTime(query.createdFrom);
    (void)http::formatHistoryTime(query.createdTo);

    const auto continuation = http::decodeContinuation(header);
    if (continuation) {
        // Any engine token survives the header's encoding unchanged.
        fuzz::require(http::decodeContinuation(http::encodeContinuation(*continuation)) == *continuation,
                      "continuation header round trip");
        query.continuation = *continuation;
        if (const auto engineToken = sqlite::decodeContinuation(*continuation)) {
            fuzz::require(sqlite::decodeContinuation(sqlite::encodeContinuation(*engineToken)).has_value(),
                          "engine continuation round trip");
        }
        (void)sqlite::buildInstanceQuery(query, "instance_id");
    }
    return 0;
}
