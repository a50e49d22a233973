#include "activityrunner.h"

#include "clock.h"
#include "json.h"

#include <cxxabi.h>

#include <algorithm>
#include <iterator>
#include <limits>
#include <typeinfo>

namespace durable {

namespace {

    QString exceptionTypeName(const std::exception &e)
    {
        int status = 0;
        char *name = abi::__cxa_demangle(typeid(e).name(), nullptr, nullptr, &status);
        QString result = QString::fromUtf8(status == 0 && name ? name : typeid(e).name());
        std::free(name);
        return result;
    }

} // namespace

ActivityRunner::ActivityRunner(Registry &registry, int threads, int maxPayloadBytes, qsizetype maxWaitingResults,
                               std::function<void()> resultsReady, const Clock *clock)
    : m_registry(registry)
    , m_clock(clock)
    , m_maxPayloadBytes(maxPayloadBytes)
    , m_maxWaitingResults(qMax<qsizetype>(1, maxWaitingResults))
    , m_resultsReady(std::move(resultsReady))
{
    m_pool.setMaxThreadCount(qMax(1, threads));
    m_pool.setExpiryTimeout(-1);
}

ActivityRunner::~ActivityRunner()
{
    // Drainers use the queue and the results: they must be gone before those members are.
    stop();
}

quint64 ActivityRunner::launch(const WorkItem &item)
{
    const auto activity = m_registry.activity(item.name);
    const quint64 token = ++m_lastLaunch;
    const qint64 now = m_clock ? m_clock->now().toMSecsSinceEpoch() : QDateTime::currentMSecsSinceEpoch();
    int start = 0;
    {
        QMutexLocker lock(&m_jobsMutex);
        auto queue = m_queues.find(item.instanceId);
        if (queue == m_queues.end()) {
            // Last in turn: the instances already waiting are served first.
            queue = m_queues.insert(item.instanceId, {});
            m_turns.push_back(item.instanceId);
        }
        queue->push_back(Job { item, activity ? activity->function : ActivityFunction(), token, now });
        ++m_queued;
        start = drainersWanted();
    }
    for (int i = 0; i < start; ++i)
        m_pool.start([this] { drain(); });
    return token;
}

int ActivityRunner::drainersWanted()
{
    // A pool task per activity would wake a thread per activity; a fan-out of 10,000 spent most
    // of its time in those wake-ups. Up to maxThreadCount drainers take jobs until none is left.
    if (!gateOpen())
        return 0;
    // Drainers may be busy with a long activity: every queued job may need a drainer of its own.
    const int start = qMin(m_pool.maxThreadCount() - m_drainers, m_queued);
    m_drainers += qMax(0, start);
    return qMax(0, start);
}

bool ActivityRunner::gateOpen() const
{
    const qint64 deadline = m_startDeadline.load();
    return deadline < 0 || steadyMs() < deadline;
}

ActivityRunner::Job ActivityRunner::takeNext()
{
    // Round robin: the instance in turn gives its oldest job and, with more queued, goes last.
    const QString instanceId = std::move(m_turns.front());
    m_turns.pop_front();
    auto queue = m_queues.find(instanceId);
    Job job = std::move(queue->front());
    queue->pop_front();
    if (queue->empty())
        m_queues.erase(queue);
    else
        m_turns.push_back(instanceId);
    --m_queued;
    return job;
}

void ActivityRunner::waitForRoom()
{
    QMutexLocker lock(&m_resultsMutex);
    while (m_results.size() >= m_maxWaitingResults && !m_stopping)
        m_room.wait(&m_resultsMutex);
}

void ActivityRunner::drain()
{
    bool ran = false;
    for (;;) {
        if (std::exchange(ran, false)) {
            QMutexLocker lock(&m_jobsMutex);
            --m_running;
        }
        waitForRoom();
        Job job;
        {
            QMutexLocker lock(&m_jobsMutex);
            // Checked under the lock for every job: a process resumed after a long stop must not
            // start the activities it queued before, which another process now owns.
            if (m_queued == 0 || !gateOpen()) {
                --m_drainers;
                return;
            }
            job = takeNext();
            ++m_running;
        }
        ran = true;
        ActivityResult result = run(job);
        bool wake = false;
        {
            QMutexLocker lock(&m_resultsMutex);
            if (result.launch <= m_voidThrough || m_void.remove(result.launch))
                continue;
            wake = m_results.isEmpty();
            m_results.append(std::move(result));
        }
        // One wake-up per batch, not per result: the results that follow join the same list.
        if (wake && m_resultsReady)
            m_resultsReady();
    }
}

ActivityResult ActivityRunner::run(const Job &job) const
{
    const WorkItem &item = job.item;
    ActivityResult r;
    r.item = item;
    // Nothing reads a result's input again, and a fan-out's results wait for the writer by the
    // thousand: they do not keep it alive.
    r.item.input = QJsonValue();
    r.launch = job.token;
    ActivityContext context(item.instanceId, item.executionId, item.name, item.taskId, item.attempt);
    if (!job.function) {
        r.fail(FailureDetails { QStringLiteral("ActivityNotFound"),
                                QStringLiteral("no activity named '%1' is registered").arg(item.name),
                                {},
                                true });
        return r;
    }
    try {
        r.succeed(job.function(context, json::plain(item.input)));
    } catch (const ActivityError &e) {
        r.fail(e.details());
    } catch (const std::exception &e) {
        r.fail(FailureDetails { exceptionTypeName(e), QString::fromUtf8(e.what()), {}, false });
    } catch (...) {
        r.fail(FailureDetails { QStringLiteral("UnknownException"),
                                QStringLiteral("the activity threw a non-standard exception"),
                                {},
                                false });
    }
    if (r.succeeded && r.resultBytes() > m_maxPayloadBytes) {
        r.fail(FailureDetails { QStringLiteral("PayloadTooLarge"),
                                QStringLiteral("the activity result exceeds %1 bytes").arg(m_maxPayloadBytes),
                                {},
                                true });
    }
    r.logs = context.logLines();
    for (auto &line : r.logs)
        line.executionId = item.executionId;
    return r;
}

QList<ActivityResult> ActivityRunner::takeResults(qsizetype max)
{
    QList<ActivityResult> taken;
    {
        QMutexLocker lock(&m_resultsMutex);
        if (max >= m_results.size()) {
            taken = std::exchange(m_results, {});
        } else if (max > 0) {
            taken.reserve(max);
            std::move(m_results.begin(), m_results.begin() + max, std::back_inserter(taken));
            m_results.remove(0, max);
        }
    }
    if (!taken.isEmpty())
        m_room.wakeAll();
    return taken;
}

qsizetype ActivityRunner::waitingResults() const
{
    QMutexLocker lock(&m_resultsMutex);
    return m_results.size();
}

void ActivityRunner::voidLaunches(const QList<quint64> &tokens)
{
    {
        // Not started yet: they never will (the scheduling they answer was not committed).
        const QSet<quint64> voided(tokens.cbegin(), tokens.cend());
        QMutexLocker lock(&m_jobsMutex);
        for (auto queue = m_queues.begin(); queue != m_queues.end();) {
            m_queued -= int(std::erase_if(*queue, [&](const Job &job) { return voided.contains(job.token); }));
            if (queue->empty()) {
                std::erase(m_turns, queue.key());
                queue = m_queues.erase(queue);
            } else {
                ++queue;
            }
        }
    }
    QMutexLocker lock(&m_resultsMutex);
    for (const quint64 token : tokens) {
        // A result that already arrived is taken out; one still running is dropped on arrival.
        const auto removed = m_results.removeIf([token](const ActivityResult &r) { return r.launch == token; });
        if (removed == 0)
            m_void.insert(token);
    }
    m_room.wakeAll();
}

int ActivityRunner::abandonAll()
{
    int dropped = 0;
    {
        QMutexLocker lock(&m_jobsMutex);
        dropped = std::exchange(m_queued, 0);
        m_queues.clear();
        m_turns.clear();
    }
    QMutexLocker lock(&m_resultsMutex);
    m_results.clear();
    m_void.clear();
    m_voidThrough = m_lastLaunch;
    m_room.wakeAll();
    return dropped;
}

void ActivityRunner::setStartDeadline(std::optional<qint64> steadyMs)
{
    m_startDeadline.store(steadyMs.value_or(-1));
    int start = 0;
    {
        QMutexLocker lock(&m_jobsMutex);
        start = drainersWanted();
    }
    for (int i = 0; i < start; ++i)
        m_pool.start([this] { drain(); });
}

void ActivityRunner::stop()
{
    {
        QMutexLocker lock(&m_jobsMutex);
        m_queues.clear();
        m_turns.clear();
        m_queued = 0;
    }
    {
        // A drainer waiting for room would wait for a taker that is now waiting for it.
        QMutexLocker lock(&m_resultsMutex);
        m_stopping = true;
        m_room.wakeAll();
    }
    m_pool.waitForDone();
    QMutexLocker lock(&m_resultsMutex);
    m_stopping = false;
}

int ActivityRunner::queued() const
{
    QMutexLocker lock(&m_jobsMutex);
    return m_queued;
}

ActivityBacklog ActivityRunner::backlog() const
{
    QMutexLocker lock(&m_jobsMutex);
    ActivityBacklog b { m_queued, m_running, {} };
    // Each queue is oldest first: the oldest job is one of the fronts (one per waiting instance).
    qint64 oldest = std::numeric_limits<qint64>::max();
    for (const auto &queue : m_queues)
        oldest = qMin(oldest, queue.front().queuedAtMs);
    if (m_queued > 0)
        b.oldestQueuedAt = QDateTime::fromMSecsSinceEpoch(oldest, Qt::UTC);
    return b;
}

} // namespace durable
