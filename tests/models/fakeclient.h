#pragma once

// An in-memory durable::HubClient for model tests: instances live in a list, queries filter, sort
// and page it (continuation = offset), and `hold` keeps query results back until released so tests
// can finish requests out of order. Tests emit its notifications (changed(), ...) themselves.

#include <hubclient.h>

#include <QHash>
#include <QPromise>

#include <algorithm>
#include <memory>

namespace fixtures {

using namespace durable;

template<typename T>
QFuture<T> ready(T value)
{
    QPromise<T> promise;
    promise.start();
    promise.addResult(std::move(value));
    promise.finish();
    return promise.future();
}

inline InstanceInfo instance(const QString &id, RuntimeStatus status, int createdSecs,
                             const QString &name = QStringLiteral("Hello"))
{
    InstanceInfo info;
    info.instanceId = id;
    info.name = name;
    info.status = status;
    info.createdAt = QDateTime(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC).addSecs(createdSecs);
    info.lastUpdatedAt = info.createdAt.addSecs(1);
    return info;
}

class FakeClient final : public HubClient {
public:
    QList<InstanceInfo> instances;
    ManualClock clock_ { QDateTime(QDate(2024, 1, 2), QTime(0, 0), Qt::UTC) };
    Registry reg;
    bool hold = false;
    std::optional<Error> queryError; ///< every query fails with it when set
    int queryCount = 0;
    QList<InstanceQuery> queries;
    QHash<QString, Error> purgeErrors; ///< purge(id) fails with the error given for its id
    int purgeCount = 0;
    std::vector<std::pair<std::shared_ptr<QPromise<Result<InstancePage>>>, Result<InstancePage>>> held;

    /// Completes the held query number `i` (in issue order).
    void release(int i)
    {
        auto &[promise, value] = held.at(i);
        promise->addResult(value);
        promise->finish();
    }

    InstancePage page(const InstanceQuery &q) const
    {
        QList<InstanceInfo> rows;
        for (const auto &i : instances) {
            if (!q.statuses.isEmpty() && !q.statuses.contains(i.status))
                continue;
            if (!q.name.isEmpty() && i.name != q.name)
                continue;
            if (!q.idPrefix.isEmpty() && !i.instanceId.startsWith(q.idPrefix))
                continue;
            if (!q.idContains.isEmpty() && !i.instanceId.contains(q.idContains))
                continue;
            if (q.onlyAwaitingEvents && i.waiting.events.isEmpty())
                continue;
            rows.append(i);
        }
        auto key = [&](const InstanceInfo &i) -> QString {
            switch (q.sortKey) {
            case SortKey::InstanceId:
                return i.instanceId;
            case SortKey::Name:
                return i.name + i.instanceId;
            case SortKey::Status:
                return QString::number(int(i.status)) + i.instanceId;
            case SortKey::LastUpdatedAt:
                return i.lastUpdatedAt.toString(Qt::ISODateWithMs) + i.instanceId;
            case SortKey::Duration:
                return QStringLiteral("%1").arg(i.createdAt.msecsTo(i.lastUpdatedAt), 12, 10, QLatin1Char('0'))
                    + i.instanceId;
            case SortKey::CustomStatus:
                return i.customStatus.toString() + i.instanceId;
            case SortKey::ParentInstanceId:
                return i.parentInstanceId + i.instanceId;
            case SortKey::CreatedAt:
                break;
            }
            return i.createdAt.toString(Qt::ISODateWithMs) + i.instanceId;
        };
        std::stable_sort(rows.begin(), rows.end(), [&](const auto &a, const auto &b) {
            return q.descending ? key(b) < key(a) : key(a) < key(b);
        });
        const int offset = q.continuation.isEmpty() ? 0 : q.continuation.toInt();
        InstancePage result;
        result.instances = rows.mid(offset, q.pageSize);
        if (offset + q.pageSize < rows.size())
            result.continuation = QString::number(offset + q.pageSize);
        return result;
    }

    QFuture<Result<QString>> start(const QString &, const QJsonValue &, const StartOptions &) override
    {
        return ready<Result<QString>>(fail(ErrorCode::InvalidArgument, QStringLiteral("fake")));
    }
    QFuture<Result<InstanceInfo>> status(const QString &id, bool, bool) override
    {
        for (const auto &i : instances) {
            if (i.instanceId == id)
                return ready<Result<InstanceInfo>>(i);
        }
        return ready<Result<InstanceInfo>>(fail(ErrorCode::NotFound, id));
    }
    QFuture<Result<InstancePage>> query(const InstanceQuery &q) override
    {
        ++queryCount;
        queries.append(q);
        if (queryError)
            return ready<Result<InstancePage>>(std::unexpected(*queryError));
        if (!hold)
            return ready<Result<InstancePage>>(page(q));
        auto promise = std::make_shared<QPromise<Result<InstancePage>>>();
        promise->start();
        held.emplace_back(promise, page(q));
        return promise->future();
    }
    QFuture<Result<QList<qint64>>> countByStatus() override { return ready<Result<QList<qint64>>>(QList<qint64>(8)); }
    QFuture<Result<History>> history(const QString &) override { return ready<Result<History>>(History {}); }
    QFuture<Result<QList<LogLine>>> logs(const QString &, qint64) override
    {
        return ready<Result<QList<LogLine>>>(QList<LogLine> {});
    }
    QFuture<Status> raiseEvent(const QString &, const QString &, const QJsonValue &) override
    {
        return ready<Status>({});
    }
    QFuture<Status> terminate(const QString &, const QString &, bool) override { return ready<Status>({}); }
    QFuture<Status> suspend(const QString &, const QString &) override { return ready<Status>({}); }
    QFuture<Status> resume(const QString &, const QString &) override { return ready<Status>({}); }
    QFuture<Status> rewind(const QString &, const QString &) override { return ready<Status>({}); }
    QFuture<Result<QString>> restart(const QString &id, bool) override { return ready<Result<QString>>(id); }
    QFuture<Result<int>> purge(const QString &id, bool) override
    {
        ++purgeCount;
        if (purgeErrors.contains(id))
            return ready<Result<int>>(std::unexpected(purgeErrors.value(id)));
        for (int i = 0; i < instances.size(); ++i) {
            if (instances.at(i).instanceId == id) {
                instances.removeAt(i);
                return ready<Result<int>>(1);
            }
        }
        return ready<Result<int>>(fail(ErrorCode::NotFound, id));
    }
    QFuture<Result<int>> purge(const PurgeFilter &) override { return ready<Result<int>>(0); }
    QFuture<Status> fireTimer(const QString &, int) override { return ready<Status>({}); }
    QFuture<Result<InstanceInfo>> waitForCompletion(const QString &id, int) override
    {
        return status(id, false, false);
    }
    const Registry &registry() const override { return reg; }
    int maxPayloadBytes() const override { return 1 << 20; }

    QString hubName() const override { return QStringLiteral("fake"); }
    Clock *clock() const override { return const_cast<ManualClock *>(&clock_); }
    bool ownsWorkers() const override { return true; }
    std::optional<WorkerOwner> workerOwner() const override { return std::nullopt; }
    QFuture<Result<QList<HubWorker>>> workerSessions() override
    {
        return ready<Result<QList<HubWorker>>>(QList<HubWorker> {});
    }
    int workerLeaseMs() const override { return 15000; }
    QFuture<Result<int>> saveScript(const QString &, const QString &, const QStringList &, const QStringList &) override
    {
        return ready<Result<int>>(fail(ErrorCode::InvalidArgument, QStringLiteral("fake")));
    }
    QFuture<Result<QList<ScriptVersion>>> scriptVersions(const QString &) override
    {
        return ready<Result<QList<ScriptVersion>>>(QList<ScriptVersion> {});
    }
    QFuture<Result<ScriptVersion>> scriptVersion(const QString &fileName, int) override
    {
        return ready<Result<ScriptVersion>>(fail(ErrorCode::NotFound, fileName));
    }
    QFuture<Result<QStringList>> checkIntegrity() override
    {
        return ready<Result<QStringList>>(QStringList { QStringLiteral("ok") });
    }
};

} // namespace fixtures
