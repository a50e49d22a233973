#include "clock.h"

#include <ctime>

namespace durable {

QDateTime SystemClock::now() const
{
    return QDateTime::currentDateTimeUtc();
}

ManualClock::ManualClock(const QDateTime &start, QObject *parent)
    : Clock(parent)
    , m_now(start.toUTC())
{
}

QDateTime ManualClock::now() const
{
    QMutexLocker lock(&m_mutex);
    return m_now;
}

void ManualClock::advance(std::chrono::milliseconds by)
{
    {
        QMutexLocker lock(&m_mutex);
        m_now = m_now.addMSecs(by.count());
    }
    Q_EMIT jumped();
}

void ManualClock::set(const QDateTime &to)
{
    {
        QMutexLocker lock(&m_mutex);
        m_now = to.toUTC();
    }
    Q_EMIT jumped();
}

qint64 steadyMs()
{
#ifdef CLOCK_BOOTTIME
    // Unlike CLOCK_MONOTONIC (steady_clock), it also runs while the machine is suspended: a
    // laptop that slept past its lease must not trust the lease on waking.
    timespec now {};
    if (clock_gettime(CLOCK_BOOTTIME, &now) == 0)
        return qint64(now.tv_sec) * 1000 + now.tv_nsec / 1'000'000;
#endif
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace durable
