#include "instancequery.h"

#include "json.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace durable::sqlite {

namespace {

    qint64 ms(const QDateTime &t)
    {
        return t.isValid() ? t.toMSecsSinceEpoch() : 0;
    }

    const char *sortColumn(SortKey key)
    {
        switch (key) {
        case SortKey::CreatedAt:
            return "created_at";
        case SortKey::LastUpdatedAt:
            return "updated_at";
        case SortKey::Name:
            return "name";
        case SortKey::InstanceId:
            return "instance_id";
        case SortKey::Status:
            return "status";
        case SortKey::Duration:
            return nullptr; // depends on the instant: durationColumn()
        case SortKey::CustomStatus:
            return "coalesce(custom_status, '')";
        case SortKey::ParentInstanceId:
            return "coalesce(parent_instance_id, '')";
        }
        return "created_at";
    }

    const QSet<RuntimeStatus> &finalStatuses()
    {
        static const QSet<RuntimeStatus> statuses { RuntimeStatus::Completed, RuntimeStatus::Failed,
                                                    RuntimeStatus::Canceled, RuntimeStatus::Terminated };
        return statuses;
    }

    /// "?, ?, ?" for the statuses, bound in a stable order so equal filters share a plan.
    QString statusPlaceholders(const QSet<RuntimeStatus> &statuses, QVariantList &binds)
    {
        QList<int> values;
        for (auto s : statuses)
            values.append(int(s));
        std::sort(values.begin(), values.end());
        QStringList marks;
        for (int v : values) {
            marks.append(QStringLiteral("?"));
            binds.append(v);
        }
        return marks.join(QStringLiteral(", "));
    }

    /// The duration as the list's cell computes it: to completed_at, else to the last update of a
    /// finished row (none the engine writes lacks completed_at), else to `asOf`. Appends its binds.
    QString durationColumn(qint64 asOf, QVariantList &binds)
    {
        const QString marks = statusPlaceholders(finalStatuses(), binds);
        binds.append(asOf);
        return QStringLiteral(
                   "(coalesce(completed_at, CASE WHEN status IN (%1) THEN updated_at ELSE ? END) - created_at)")
            .arg(marks);
    }

} // namespace

QString encodeContinuation(const Continuation &c)
{
    QJsonArray pair { c.sortValue, c.instanceId };
    if (c.asOf.isValid())
        pair.append(c.asOf.toMSecsSinceEpoch());
    return QString::fromLatin1(QJsonDocument(pair).toJson(QJsonDocument::Compact).toBase64());
}

Result<Continuation> decodeContinuation(const QString &token)
{
    QJsonParseError error;
    const auto document = QJsonDocument::fromJson(QByteArray::fromBase64(token.toLatin1()), &error);
    const auto pair = document.array();
    if (error.error != QJsonParseError::NoError || !document.isArray() || pair.size() < 2 || pair.size() > 3
        || !pair.at(1).isString() || (pair.size() == 3 && !pair.at(2).isDouble()))
        return fail(ErrorCode::InvalidArgument, QStringLiteral("invalid continuation token"));
    Continuation c { pair.at(0), pair.at(1).toString(), {} };
    if (pair.size() == 3)
        c.asOf = QDateTime::fromMSecsSinceEpoch(pair.at(2).toInteger(), Qt::UTC);
    return c;
}

QJsonValue sortValueOf(const InstanceInfo &info, SortKey key, const QDateTime &asOf)
{
    switch (key) {
    case SortKey::CreatedAt:
        return ms(info.createdAt);
    case SortKey::LastUpdatedAt:
        return ms(info.lastUpdatedAt);
    case SortKey::Name:
        return info.name;
    case SortKey::InstanceId:
        return info.instanceId;
    case SortKey::Status:
        return int(info.status);
    case SortKey::Duration:
        return ms(info.completedAt.isValid()                  ? info.completedAt
                      : finalStatuses().contains(info.status) ? info.lastUpdatedAt
                                                              : asOf)
            - ms(info.createdAt);
    case SortKey::CustomStatus:
        return QString::fromUtf8(json::toText(info.customStatus));
    case SortKey::ParentInstanceId:
        return info.parentInstanceId;
    }
    return {};
}

Result<InstanceQuerySql> buildInstanceQuery(const InstanceQuery &query, const char *columns)
{
    InstanceQuerySql result;
    std::optional<Continuation> token;
    if (!query.continuation.isEmpty()) {
        auto decoded = decodeContinuation(query.continuation);
        if (!decoded)
            return std::unexpected(decoded.error());
        token = *decoded;
    }
    // One instant for every page of a query, so a running instance's duration does not move
    // between pages.
    result.asOf = token && token->asOf.isValid() ? token->asOf
        : query.asOf.isValid()                   ? query.asOf.toUTC()
                                                 : QDateTime::currentDateTimeUtc();
    const bool byDuration = query.sortKey == SortKey::Duration;
    QVariantList columnBinds; // bound again wherever the column appears
    const QString column
        = byDuration ? durationColumn(ms(result.asOf), columnBinds) : QString::fromLatin1(sortColumn(query.sortKey));
    QStringList where;
    auto &binds = result.binds;
    if (!query.statuses.isEmpty())
        where.append(QStringLiteral("status IN (%1)").arg(statusPlaceholders(query.statuses, binds)));
    if (!query.name.isEmpty()) {
        where.append(QStringLiteral("name = ?"));
        binds.append(query.name);
    }
    if (!query.idPrefix.isEmpty()) {
        // Range instead of LIKE: uses the primary key and treats % and _ literally.
        where.append(QStringLiteral("instance_id >= ? AND instance_id < ?"));
        binds.append(query.idPrefix);
        binds.append(QString(query.idPrefix + QChar(0xFFFF)));
    }
    if (!query.idContains.isEmpty()) {
        where.append(QStringLiteral("instr(instance_id, ?) > 0"));
        binds.append(query.idContains);
    }
    if (query.createdFrom.isValid()) {
        where.append(QStringLiteral("created_at >= ?"));
        binds.append(ms(query.createdFrom));
    }
    if (query.createdTo.isValid()) {
        where.append(QStringLiteral("created_at < ?"));
        binds.append(ms(query.createdTo));
    }
    if (!query.parentInstanceId.isEmpty()) {
        where.append(QStringLiteral("parent_instance_id = ?"));
        binds.append(query.parentInstanceId);
    }
    if (query.onlyAwaitingEvents)
        where.append(QStringLiteral("awaits_event = 1"));
    const QString cmp = query.descending ? QStringLiteral("<") : QStringLiteral(">");
    if (token) {
        if (query.sortKey == SortKey::InstanceId) {
            where.append(QStringLiteral("instance_id %1 ?").arg(cmp));
            binds.append(token->instanceId);
        } else {
            where.append(QStringLiteral("(%1, instance_id) %2 (?, ?)").arg(column, cmp));
            binds.append(columnBinds);
            binds.append(token->sortValue.toVariant());
            binds.append(token->instanceId);
        }
    }
    result.pageSize = std::clamp(query.pageSize, 1, 1000);
    binds.append(columnBinds); // ORDER BY comes after every WHERE value
    const QString order = query.descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    result.sql = QStringLiteral("SELECT %1, %2 FROM instances %3 ORDER BY %4 %5, instance_id %5 LIMIT %6")
                     .arg(QString::fromLatin1(columns),
                          query.includeInputs ? QStringLiteral("input, output, custom_status, failure")
                                              : QStringLiteral("custom_status, failure"),
                          where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND ")),
                          column, order)
                     .arg(result.pageSize + 1)
                     .toUtf8();
    return result;
}

InstanceQuerySql buildPurgeQuery(const PurgeFilter &filter, int limit)
{
    InstanceQuerySql result;
    QSet<RuntimeStatus> statuses;
    for (auto s : filter.statuses.isEmpty() ? QSet<RuntimeStatus> { RuntimeStatus::Completed, RuntimeStatus::Failed,
                                                                    RuntimeStatus::Canceled, RuntimeStatus::Terminated }
                                            : filter.statuses) {
        if (isTerminal(s))
            statuses.insert(s);
    }
    if (statuses.isEmpty())
        return result; // nothing finished can match: no SQL at all
    QString sql = QStringLiteral("SELECT instance_id FROM instances WHERE status IN (%1)")
                      .arg(statusPlaceholders(statuses, result.binds));
    if (filter.createdFrom.isValid()) {
        sql += QStringLiteral(" AND created_at >= ?");
        result.binds.append(ms(filter.createdFrom));
    }
    if (filter.createdTo.isValid()) {
        sql += QStringLiteral(" AND created_at < ?");
        result.binds.append(ms(filter.createdTo));
    }
    sql += QStringLiteral(" LIMIT ?");
    result.binds.append(limit);
    result.sql = sql.toUtf8();
    result.pageSize = limit;
    return result;
}

} // namespace durable::sqlite
