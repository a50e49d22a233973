#include "activityrunner.h"

#include "clock.h"
#include "json.h"

#include <cxxabi.h>

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

ActivityRunner::ActivityRunner(Registry &registry, int threads, int maxPayloadBytes, std::function<void()> resultsReady)
    : m_registry(registry)
    , m_maxPayloadBytes(maxPayloadBytes)
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
    int start = 0;
    {
        QMutexLocker lock(&m_jobsMutex);
        m_jobs.push_back(Job { item, activity ? activity->function : ActivityFunction(), token });
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
    const int start = int(qMin(qsizetype(m_pool.maxThreadCount() - m_drainers), qsizetype(m_jobs.size())));
    m_drainers += qMax(0, start);
    return qMax(0, start);
}

bool ActivityRunner::gateOpen() const
{
    const qint64 deadline = m_startDeadline.load();
    return deadline < 0 || steadyMs() < deadline;
}

void ActivityRunner::drain()
{
    for (;;) {
        Job job;
        {
            QMutexLocker lock(&m_jobsMutex);
            // Checked under the lock for every job: a process resumed after a long stop must not
            // start the activities it queued before, which another process now owns.
            if (m_jobs.empty() || !gateOpen()) {
                --m_drainers;
                return;
            }
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
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
    ActivityResult r { item, false, {}, {}, {}, job.token };
    ActivityContext context(item.instanceId, item.executionId, item.name, item.taskId, item.attempt);
    if (!job.function) {
        r.failure = FailureDetails { QStringLiteral("ActivityNotFound"),
                                     QStringLiteral("no activity named '%1' is registered").arg(item.name),
                                     {},
                                     true };
        return r;
    }
    try {
        r.result = job.function(context, json::plain(item.input));
        r.succeeded = true;
    } catch (const ActivityError &e) {
        r.failure = e.details();
    } catch (const std::exception &e) {
        r.failure = FailureDetails { exceptionTypeName(e), QString::fromUtf8(e.what()), {}, false };
    } catch (...) {
        r.failure = FailureDetails {
            QStringLiteral("UnknownException"), QStringLiteral("the activity threw a non-standard exception"), {}, false
        };
    }
    if (r.succeeded && json::toText(r.result).size() > m_maxPayloadBytes) {
        r.succeeded = false;
        r.failure = FailureDetails { QStringLiteral("PayloadTooLarge"),
                                     QStringLiteral("the activity result exceeds %1 bytes").arg(m_maxPayloadBytes),
                                     {},
                                     true };
    }
    r.logs = context.logLines();
    for (auto &line : r.logs)
        line.executionId = item.executionId;
    return r;
}

QList<ActivityResult> ActivityRunner::takeResults()
{
    QMutexLocker lock(&m_resultsMutex);
    return std::exchange(m_results, {});
}

void ActivityRunner::voidLaunches(const QList<quint64> &tokens)
{
    {
        // Not started yet: they never will (the scheduling they answer was not committed).
        const QSet<quint64> voided(tokens.cbegin(), tokens.cend());
        QMutexLocker lock(&m_jobsMutex);
        std::erase_if(m_jobs, [&](const Job &job) { return voided.contains(job.token); });
    }
    QMutexLocker lock(&m_resultsMutex);
    for (const quint64 token : tokens) {
        // A result that already arrived is taken out; one still running is dropped on arrival.
        const auto removed = m_results.removeIf([token](const ActivityResult &r) { return r.launch == token; });
        if (removed == 0)
            m_void.insert(token);
    }
}

int ActivityRunner::abandonAll()
{
    int dropped = 0;
    {
        QMutexLocker lock(&m_jobsMutex);
        dropped = int(m_jobs.size());
        m_jobs.clear();
    }
    QMutexLocker lock(&m_resultsMutex);
    m_results.clear();
    m_void.clear();
    m_voidThrough = m_lastLaunch;
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
        m_jobs.clear();
    }
    m_pool.waitForDone();
}

int ActivityRunner::queued() const
{
    QMutexLocker lock(&m_jobsMutex);
    return int(m_jobs.size());
}

} // namespace durable
