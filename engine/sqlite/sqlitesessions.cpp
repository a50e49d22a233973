// The owner row: the single worker session of an SQLite hub. Lease times are the hub's own
// clock (SQLite's 'now'), so every process on the file judges a lease by the same clock and no
// process's injected or jumped clock can expire another's lease.
#include "sqlitestatement.h"
#include "sqlitestore.h"
#include "sqlitevalues.h"

#include <csignal>

namespace durable::sqlite {

namespace {

    // Milliseconds since the Unix epoch by SQLite's clock.
    constexpr auto HubNow = "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)";

    /// Runs `body` in a transaction of its own; rolls back when it fails.
    template<typename F>
    auto ownTransaction(HubStore &store, F &&body) -> decltype(body())
    {
        if (auto s = store.begin(); !s)
            return std::unexpected(s.error());
        auto result = body();
        if (!result) {
            store.rollback();
            return result;
        }
        if (auto s = store.commit(); !s)
            return std::unexpected(s.error());
        return result;
    }

} // namespace

Result<std::optional<WorkerInfo>> SqliteStore::owner()
{
    static const QByteArray sql
        = QByteArrayLiteral("SELECT owner_id, host, pid, since, heartbeat FROM owner WHERE id = 1");
    auto &q = prepared(sql.constData());
    if (auto s = q.exec(); !s)
        return std::unexpected(s.error());
    std::optional<WorkerInfo> result;
    if (q.next()) {
        result = WorkerInfo { q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong(), fromMs(q.value(3)),
                              fromMs(q.value(4)) };
    }
    q.finish();
    return result;
}

Result<std::optional<WorkerSession>> SqliteStore::openSession(const WorkerInfo &me, qint64 leaseMs)
{
    return ownTransaction(*this, [&]() -> Result<std::optional<WorkerSession>> {
        static const QByteArray ageSql = QByteArrayLiteral("SELECT ") + HubNow + " - heartbeat FROM owner WHERE id = 1";
        auto current = owner();
        if (!current)
            return std::unexpected(current.error());
        const bool ours = *current && (*current)->workerId == me.workerId;
        bool free = !*current || ours;
        if (!free) {
            auto &age = prepared(ageSql.constData());
            if (auto s = age.exec(); !s)
                return std::unexpected(s.error());
            free = age.next() && age.value(0).toLongLong() > leaseMs;
            age.finish();
        }
        if (!free && (*current)->host == me.host && (*current)->pid != me.pid) {
            // A process killed without releasing its lease: on this host we can tell it is gone.
            free = ::kill(pid_t((*current)->pid), 0) != 0 && errno == ESRCH;
        }
        if (!free)
            return std::optional<WorkerSession>();
        static const QByteArray claimSql
            = QByteArrayLiteral(
                  "INSERT OR REPLACE INTO owner (id, owner_id, host, pid, since, heartbeat) VALUES (1, ?, "
                  "?, ?, coalesce(?, ")
            + HubNow + "), " + HubNow + ")";
        auto &q = prepared(claimSql.constData());
        q.bindValue(0, me.workerId);
        q.bindValue(1, me.host);
        q.bindValue(2, me.pid);
        q.bindValue(3,
                    ours && (*current)->since.isValid() ? QVariant((*current)->since.toMSecsSinceEpoch())
                                                        : QVariant(QMetaType::fromType<qint64>()));
        if (auto s = q.exec(); !s)
            return std::unexpected(s.error());
        return std::optional<WorkerSession>(WorkerSession { me.workerId, 0 });
    });
}

Result<bool> SqliteStore::renewSession(const WorkerSession &session)
{
    return ownTransaction(*this, [&]() -> Result<bool> {
        static const QByteArray sql
            = QByteArrayLiteral("UPDATE owner SET heartbeat = ") + HubNow + " WHERE id = 1 AND owner_id = ?";
        auto &q = prepared(sql.constData());
        q.bindValue(0, session.workerId);
        if (auto s = q.exec(); !s)
            return std::unexpected(s.error());
        return q.numRowsAffected() == 1;
    });
}

Status SqliteStore::closeSession(const WorkerSession &session)
{
    return ownTransaction(*this, [&]() -> Status {
        auto &q = prepared("DELETE FROM owner WHERE id = 1 AND owner_id = ?");
        q.bindValue(0, session.workerId);
        return q.exec();
    });
}

Result<bool> SqliteStore::verifySession(const WorkerSession &session)
{
    auto &q = prepared("SELECT owner_id = ? FROM owner WHERE id = 1");
    q.bindValue(0, session.workerId);
    if (auto s = q.exec(); !s)
        return std::unexpected(s.error());
    const bool ours = q.next() && q.value(0).toBool();
    q.finish();
    return ours;
}

Result<QList<WorkerInfo>> SqliteStore::sessions()
{
    auto current = owner();
    if (!current)
        return std::unexpected(current.error());
    if (!*current)
        return QList<WorkerInfo> {};
    // The single owner holds every work row: what it runs now is the whole work table (kept
    // small: rows go as their results commit). Progress counts are not stored on SQLite.
    WorkerInfo info = **current;
    auto &q = prepared("SELECT count(*), count(DISTINCT instance_id) FROM work");
    if (auto s = q.exec(); !s)
        return std::unexpected(s.error());
    if (q.next()) {
        info.workHeld = q.value(0).toLongLong();
        info.instancesHeld = q.value(1).toLongLong();
    }
    q.finish();
    return QList<WorkerInfo> { info };
}

} // namespace durable::sqlite
