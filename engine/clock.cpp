#include "clock.h"

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
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace durable
