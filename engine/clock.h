#pragma once

#include <QDateTime>
#include <QMutex>
#include <QObject>

#include <chrono>

namespace durable {

/// Source of time for the engine: episode timestamps, timer due times, leases.
/// Injected so tests can run a 72-hour timer without waiting. Thread-safe.
class Clock : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    /// Current UTC time, millisecond precision.
    virtual QDateTime now() const = 0;

Q_SIGNALS:
    /// Emitted when time moved in a way wall-clock timers cannot see (a test advancing a
    /// ManualClock). The engine re-checks due timers.
    void jumped();
};

class SystemClock final : public Clock {
    Q_OBJECT
public:
    using Clock::Clock;
    QDateTime now() const override;
};

/// Milliseconds since boot (CLOCK_BOOTTIME): never jumps, and runs on while the process is
/// stopped or the machine sleeps, so a process that resumes sees how long it was gone. For
/// deadlines of this process only; never stored or compared across processes.
qint64 steadyMs();

/// A clock that only moves when told to; for tests.
class ManualClock final : public Clock {
    Q_OBJECT
public:
    explicit ManualClock(const QDateTime &start, QObject *parent = nullptr);
    QDateTime now() const override;
    void advance(std::chrono::milliseconds by);
    void set(const QDateTime &to);

private:
    mutable QMutex m_mutex;
    QDateTime m_now;
};

} // namespace durable
