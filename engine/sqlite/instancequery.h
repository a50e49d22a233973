#pragma once

#include "error.h"
#include "types.h"

#include <QByteArray>
#include <QJsonValue>
#include <QVariantList>

namespace durable::sqlite {

/// The continuation token of an instance query: the last row's sort value and id, so the next
/// page starts strictly after it (keyset paging). Pure functions, tested without SQL.
struct Continuation {
    QJsonValue sortValue;
    QString instanceId;
    QDateTime asOf; ///< the instant durations were measured to (InstanceQuery::asOf); invalid: none
};
/// Opaque text (base64 of a JSON pair) for clients to hand back.
QString encodeContinuation(const Continuation &continuation);
/// InvalidArgument for anything encodeContinuation() did not produce.
Result<Continuation> decodeContinuation(const QString &token);
/// The value of `info` that `key` sorts by, as the token stores it; `asOf` ends the duration of
/// an unfinished instance.
QJsonValue sortValueOf(const InstanceInfo &info, SortKey key, const QDateTime &asOf = {});

/// SQL and bound values of one page of an instance query: every filter value is bound, never
/// written into the SQL text (enum values included).
struct InstanceQuerySql {
    QByteArray sql;
    QVariantList binds;
    int pageSize = 0; ///< the statement fetches pageSize + 1 rows to know whether more follow
    QDateTime asOf; ///< the instant SortKey::Duration measured unfinished instances to
};
/// `columns`: the select list that readInstance() expects.
Result<InstanceQuerySql> buildInstanceQuery(const InstanceQuery &query, const char *columns);

/// SQL and bound values that select the ids of finished instances matching `filter`.
InstanceQuerySql buildPurgeQuery(const PurgeFilter &filter, int limit);

} // namespace durable::sqlite
