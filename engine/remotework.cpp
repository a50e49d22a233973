#include "remotework.h"

#include <QPromise>

namespace durable {

namespace {

    const QString &instanceOf(const std::variant<RemoteOrchestratorItem, RemoteActivityItem> &item)
    {
        return std::visit([](const auto &i) -> const QString & { return i.instanceId; }, item);
    }

    QFuture<Status> finished(Status status)
    {
        QPromise<Status> promise;
        promise.start();
        promise.addResult(std::move(status));
        promise.finish();
        return promise.future();
    }

    RemoteWorkEvent makeEvent(RemoteWorkEvent::Kind kind, const QString &workerId,
                              const std::variant<RemoteOrchestratorItem, RemoteActivityItem> &item, quint64 token)
    {
        const bool orchestrator = std::holds_alternative<RemoteOrchestratorItem>(item);
        return RemoteWorkEvent { kind,
                                 QDateTime::currentDateTimeUtc(),
                                 workerId,
                                 instanceOf(item),
                                 orchestrator ? std::get<RemoteOrchestratorItem>(item).name
                                              : std::get<RemoteActivityItem>(item).name,
                                 orchestrator,
                                 token };
    }

    Error notCurrent(const QString &what)
    {
        return Error { ErrorCode::NotFound,
                       QStringLiteral("%1 is no longer handed out to this worker (abandoned, redelivered or "
                                      "already completed)")
                           .arg(what) };
    }

} // namespace

QString RemoteItem::instanceId() const
{
    return instanceOf(item);
}

RemoteWork::RemoteWork(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<durable::RemoteWorkEvent>();
}

void RemoteWork::setEnabled(bool enabled)
{
    QMutexLocker lock(&m_mutex);
    m_enabled = enabled;
}

bool RemoteWork::isEnabled() const
{
    QMutexLocker lock(&m_mutex);
    return m_enabled;
}

void RemoteWork::setSink(Sink sink)
{
    QMutexLocker lock(&m_mutex);
    m_sink = std::move(sink);
}

void RemoteWork::post(std::variant<RemoteOrchestratorItem, RemoteActivityItem> item)
{
    {
        QMutexLocker lock(&m_mutex);
        if (const auto *o = std::get_if<RemoteOrchestratorItem>(&item))
            m_orchestratorNames.insert(o->name);
        else
            m_activityNames.insert(std::get<RemoteActivityItem>(item).name);
        m_queue.push_back(std::move(item));
    }
    Q_EMIT available();
}

void RemoteWork::clear()
{
    {
        QMutexLocker lock(&m_mutex);
        m_queue.clear();
        m_handedOut.clear();
        for (auto &load : m_loads)
            load.orchestrators = load.activities = 0;
    }
    Q_EMIT activity();
}

std::optional<RemoteItem> RemoteWork::take(const QString &workerId)
{
    std::optional<RemoteItem> taken;
    {
        QMutexLocker lock(&m_mutex);
        if (m_queue.empty())
            return std::nullopt;
        taken = RemoteItem { m_nextToken++, std::move(m_queue.front()) };
        m_queue.pop_front();
        m_handedOut.insert(taken->token, HandedOut { workerId, taken->item });
        auto &load = m_loads[workerId];
        (taken->isOrchestrator() ? load.orchestrators : load.activities)++;
        load.lastActivity = QDateTime::currentDateTimeUtc();
    }
    Q_EMIT workEvent(makeEvent(RemoteWorkEvent::Kind::HandedOut, workerId, taken->item, taken->token));
    Q_EMIT activity();
    return taken;
}

bool RemoteWork::abandon(quint64 token)
{
    RemoteWorkEvent returned;
    {
        QMutexLocker lock(&m_mutex);
        auto it = m_handedOut.find(token);
        if (it == m_handedOut.end())
            return false;
        returned = makeEvent(RemoteWorkEvent::Kind::Returned, it->workerId, it->item, token);
        auto &load = m_loads[it->workerId];
        (std::holds_alternative<RemoteOrchestratorItem>(it->item) ? load.orchestrators : load.activities)--;
        m_queue.push_front(std::move(it->item));
        m_handedOut.erase(it);
    }
    Q_EMIT workEvent(returned);
    Q_EMIT available();
    Q_EMIT activity();
    return true;
}

void RemoteWork::workerGone(const QString &workerId)
{
    QList<RemoteWorkEvent> returned;
    {
        QMutexLocker lock(&m_mutex);
        // Oldest hand-out first at the front, as they were taken.
        QList<quint64> tokens;
        for (auto it = m_handedOut.cbegin(); it != m_handedOut.cend(); ++it) {
            if (it->workerId == workerId)
                tokens.append(it.key());
        }
        std::sort(tokens.begin(), tokens.end(), std::greater<>());
        for (const quint64 token : std::as_const(tokens)) {
            auto item = m_handedOut.take(token).item;
            returned.append(makeEvent(RemoteWorkEvent::Kind::Returned, workerId, item, token));
            m_queue.push_front(std::move(item));
        }
        m_loads.remove(workerId);
    }
    for (const auto &e : std::as_const(returned))
        Q_EMIT workEvent(e);
    if (!returned.isEmpty())
        Q_EMIT available();
    Q_EMIT activity();
}

QFuture<Status> RemoteWork::completeOrchestrator(RemoteOrchestratorResult result)
{
    QFuture<Status> applied;
    RemoteWorkEvent completed;
    {
        QMutexLocker lock(&m_mutex);
        auto it = m_handedOut.end();
        if (result.token != 0) {
            it = m_handedOut.find(result.token);
        } else {
            for (auto i = m_handedOut.begin(); i != m_handedOut.end(); ++i) {
                const auto *o = std::get_if<RemoteOrchestratorItem>(&i->item);
                if (o && o->instanceId == result.instanceId) {
                    it = i;
                    break;
                }
            }
        }
        if (it == m_handedOut.end() || !std::holds_alternative<RemoteOrchestratorItem>(it->item)
            || instanceOf(it->item) != result.instanceId) {
            lock.unlock();
            Q_EMIT workEvent(RemoteWorkEvent { RemoteWorkEvent::Kind::Refused,
                                               QDateTime::currentDateTimeUtc(),
                                               {},
                                               result.instanceId,
                                               {},
                                               true,
                                               result.token });
            return finished(std::unexpected(notCurrent(QStringLiteral("This orchestration step"))));
        }
        completed = makeEvent(RemoteWorkEvent::Kind::Completed, it->workerId, it->item, it.key());
        RemoteOrchestratorItem item = std::get<RemoteOrchestratorItem>(std::move(it->item));
        auto &load = m_loads[it->workerId];
        load.orchestrators--;
        load.lastActivity = QDateTime::currentDateTimeUtc();
        m_handedOut.erase(it);
        // Under the lock: once setSink({}) returned, no call into the old sink is under way.
        applied = m_sink.orchestrator ? m_sink.orchestrator(std::move(item), std::move(result))
                                      : finished(fail(ErrorCode::Shutdown, QStringLiteral("the engine is shut down")));
    }
    Q_EMIT workEvent(completed);
    Q_EMIT activity();
    return applied;
}

Status RemoteWork::completeActivity(RemoteActivityResult result)
{
    Status accepted;
    RemoteWorkEvent completed;
    {
        QMutexLocker lock(&m_mutex);
        auto it = m_handedOut.end();
        if (result.token != 0) {
            it = m_handedOut.find(result.token);
        } else {
            for (auto i = m_handedOut.begin(); i != m_handedOut.end(); ++i) {
                const auto *a = std::get_if<RemoteActivityItem>(&i->item);
                if (a && a->instanceId == result.instanceId && a->taskId == result.taskId) {
                    it = i;
                    break;
                }
            }
        }
        if (it == m_handedOut.end() || !std::holds_alternative<RemoteActivityItem>(it->item)
            || instanceOf(it->item) != result.instanceId) {
            lock.unlock();
            Q_EMIT workEvent(RemoteWorkEvent { RemoteWorkEvent::Kind::Refused,
                                               QDateTime::currentDateTimeUtc(),
                                               {},
                                               result.instanceId,
                                               {},
                                               false,
                                               result.token });
            return std::unexpected(notCurrent(QStringLiteral("This activity")));
        }
        completed = makeEvent(RemoteWorkEvent::Kind::Completed, it->workerId, it->item, it.key());
        RemoteActivityItem item = std::get<RemoteActivityItem>(std::move(it->item));
        auto &load = m_loads[it->workerId];
        load.activities--;
        load.lastActivity = QDateTime::currentDateTimeUtc();
        m_handedOut.erase(it);
        accepted = m_sink.activity ? m_sink.activity(std::move(item), std::move(result))
                                   : fail(ErrorCode::Shutdown, QStringLiteral("the engine is shut down"));
    }
    Q_EMIT workEvent(completed);
    Q_EMIT activity();
    return accepted;
}

int RemoteWork::queued() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_queue.size());
}

QHash<QString, RemoteWork::WorkerLoad> RemoteWork::loads() const
{
    QMutexLocker lock(&m_mutex);
    return m_loads;
}

QStringList RemoteWork::orchestratorNames() const
{
    QMutexLocker lock(&m_mutex);
    QStringList names(m_orchestratorNames.cbegin(), m_orchestratorNames.cend());
    names.sort();
    return names;
}

QStringList RemoteWork::activityNames() const
{
    QMutexLocker lock(&m_mutex);
    QStringList names(m_activityNames.cbegin(), m_activityNames.cend());
    names.sort();
    return names;
}

} // namespace durable
