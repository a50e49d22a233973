// The history table of an SQLite hub: an instance's events, keyed by its row's integer key and
// their sequence number (schema 8), and the keys each connection remembers for its appends.
#include "markerfolding.h"
#include "sqlitestatement.h"
#include "sqlitestore.h"
#include "sqlitevalues.h"

#include <array>
#include <bit>

namespace durable::sqlite {

namespace {
    /// A folded episode marker's time, NULL when there is none (markerfolding.h).
    void bindMarker(Statement &q, int index, const std::optional<QDateTime> &at)
    {
        if (at)
            q.bindValue(index, ms(*at));
        else
            q.bindNull(index);
    }

    HistoryEvent readEvent(const Statement &q, HubStore::HistoryRead read)
    {
        // Typed reads, the data parsed from SQLite's own UTF-8: a cold replay reads every row.
        HistoryEvent e;
        e.sequence = q.int64(0);
        e.type = static_cast<EventType>(q.int64(1));
        e.eventId = int(q.int64(2));
        e.taskId = int(q.int64(3));
        e.name = q.string(4);
        if (HubStore::readsData(read, e.type))
            e.data = json::parseObject(q.utf8(5));
        e.timestamp = q.isNull(6) ? QDateTime() : fromMs(q.int64(6));
        return e;
    }
} // namespace

Result<std::optional<qint64>> SqliteStore::instanceKey(const QString &instanceId, const QString &executionId)
{
    if (m_guard.open) {
        if (const auto it = m_keys.constFind(instanceId); it != m_keys.cend() && it->executionId == executionId)
            return it->key;
    }
    auto &q = prepared("SELECT instance_key FROM instances WHERE instance_id = ? AND execution_id = ?");
    q.bindValue(0, instanceId);
    q.bindValue(1, executionId);
    if (auto s = q.exec(); !s)
        return std::unexpected(s.error());
    std::optional<qint64> key;
    if (q.next())
        key = q.int64(0);
    const Status read = q.error();
    q.finish();
    if (!read)
        return std::unexpected(read.error());
    if (key)
        rememberKey(instanceId, *key, executionId);
    return key;
}

void SqliteStore::rememberKey(const QString &instanceId, qint64 key, const QString &executionId)
{
    // Bounded: a hub's finished instances are never looked up again.
    if (m_keys.size() >= 16384)
        m_keys.clear();
    m_keys.insert(instanceId, { key, executionId });
}

Result<History> SqliteStore::history(const QString &instanceId, const QString &executionId, HistoryRead purpose)
{
    // Through the instance row: the rows are keyed by its integer key, and only its current
    // execution has any (schema 8).
    auto &q = prepared("SELECT h.sequence, h.event_type, h.event_id, h.task_id, h.name, h.data, h.timestamp, "
                       "h.opened_at, h.closed_at FROM instances i JOIN history h ON h.instance_key = i.instance_key "
                       "WHERE i.instance_id = ? AND i.execution_id = ? ORDER BY h.sequence");
    q.bindValue(0, instanceId);
    q.bindValue(1, executionId);
    if (auto s = q.exec(); !s)
        return std::unexpected(s.error());
    History events;
    const auto marker = [&q](int column) {
        return q.isNull(column) ? std::nullopt : std::optional<QDateTime>(fromMs(q.int64(column)));
    };
    while (q.next())
        unfoldRow(events, readEvent(q, purpose), marker(7), marker(8));
    const Status read = q.error();
    q.finish();
    if (!read)
        return std::unexpected(read.error());
    return events;
}

namespace {
    /// INSERT statements of 1, 2, 4, ... HistoryChunkRows rows: an episode's rows go in as few
    /// statements as its count has bits (a statement's own cost is about a third of a row's).
    /// OR FAIL: SQLite then keeps no statement journal, which for ABORT it would fill with a copy
    /// of every page a multi-row statement touches; a failure rolls back the caller's
    /// transaction or savepoint anyway (appendHistory()'s contract).
    constexpr int HistoryChunkBits = 6;
    constexpr int HistoryChunkRows = 1 << (HistoryChunkBits - 1);
    constexpr int HistoryColumns = 10;

    const char *historyInsert(int rows)
    {
        static const auto statements = [] {
            std::array<QByteArray, HistoryChunkBits> sql;
            for (int bit = 0; bit < HistoryChunkBits; ++bit) {
                sql[size_t(bit)]
                    = "INSERT OR FAIL INTO history (instance_key, sequence, event_type, event_id, task_id, name, "
                      "data, timestamp, opened_at, closed_at) VALUES ";
                for (int row = 0; row < (1 << bit); ++row)
                    sql[size_t(bit)] += row ? ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
            }
            return sql;
        }();
        Q_ASSERT(std::has_single_bit(unsigned(rows)) && rows <= HistoryChunkRows);
        return statements[size_t(std::countr_zero(unsigned(rows)))].constData();
    }
} // namespace

Status SqliteStore::appendHistory(const QString &instanceId, const QString &executionId, const History &events)
{
    const QList<FoldedRow> rows = foldMarkers(events);
    if (rows.isEmpty())
        return {};
    const auto key = instanceKey(instanceId, executionId);
    if (!key)
        return std::unexpected(key.error());
    if (!*key)
        return fail(ErrorCode::NotFound,
                    QStringLiteral("instance '%1' has no execution '%2' to append to").arg(instanceId, executionId));
    // Typed binds: every step of every instance comes here.
    for (qsizetype done = 0; done < rows.size();) {
        int chunk = HistoryChunkRows;
        while (chunk > rows.size() - done)
            chunk /= 2;
        auto &q = prepared(historyInsert(chunk));
        for (int row = 0; row < chunk; ++row) {
            const FoldedRow &folded = rows.at(done + row);
            const HistoryEvent &e = *folded.event;
            const int first = row * HistoryColumns;
            q.bindValue(first, **key);
            q.bindValue(first + 1, e.sequence);
            q.bindValue(first + 2, int(e.type));
            q.bindValue(first + 3, e.eventId);
            q.bindValue(first + 4, e.taskId);
            bindName(q, first + 5, e.name);
            bindText(q, first + 6, e.dataText());
            q.bindValue(first + 7, ms(e.timestamp));
            bindMarker(q, first + 8, folded.openedAt);
            bindMarker(q, first + 9, folded.closedAt);
        }
        if (auto s = q.exec(); !s)
            return s;
        done += chunk;
    }
    return {};
}

Status SqliteStore::replaceHistoryEvent(const QString &instanceId, const QString &executionId, const HistoryEvent &e)
{
    auto &q = prepared("UPDATE history SET event_type = ?, event_id = ?, task_id = ?, name = ?, data = ? "
                       "WHERE instance_key = (SELECT instance_key FROM instances WHERE instance_id = ? AND "
                       "execution_id = ?) AND sequence = ?");
    q.bindValue(0, int(e.type));
    q.bindValue(1, e.eventId);
    q.bindValue(2, e.taskId);
    q.bindValue(3, nullableString(e.name));
    bindText(q, 4, e.dataText());
    q.bindValue(5, instanceId);
    q.bindValue(6, executionId);
    q.bindValue(7, e.sequence);
    if (auto s = q.exec(); !s)
        return s;
    // A folded episode marker has no row of its own to replace (markerfolding.h).
    if (q.numRowsAffected() != 1)
        return fail(ErrorCode::NotFound,
                    QStringLiteral("history event %1 of '%2' is not stored as a row").arg(e.sequence).arg(instanceId));
    return {};
}

} // namespace durable::sqlite
