#include "watchdog.h"

#include <QJSEngine>

namespace durable::script {

Watchdog &Watchdog::instance()
{
    static Watchdog watchdog;
    return watchdog;
}

Watchdog::Watchdog()
    : m_thread([this] { run(); })
{
}

Watchdog::~Watchdog()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

std::uint64_t Watchdog::arm(QJSEngine *engine, std::chrono::steady_clock::time_point deadline)
{
    std::uint64_t token;
    {
        std::lock_guard lock(m_mutex);
        token = m_nextToken++;
        m_entries.emplace(token, Entry { engine, deadline });
    }
    m_wake.notify_all();
    return token;
}

bool Watchdog::disarm(std::uint64_t token)
{
    // Under the mutex, so the watchdog never touches an engine after its call returned.
    std::lock_guard lock(m_mutex);
    const auto it = m_entries.find(token);
    if (it == m_entries.end())
        return false;
    const bool fired = it->second.fired;
    m_entries.erase(it);
    return fired;
}

void Watchdog::run()
{
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        auto next = std::chrono::steady_clock::time_point::max();
        const auto now = std::chrono::steady_clock::now();
        for (auto &[token, entry] : m_entries) {
            if (entry.fired)
                continue;
            if (entry.deadline <= now) {
                entry.engine->setInterrupted(true);
                entry.fired = true;
            } else {
                next = std::min(next, entry.deadline);
            }
        }
        if (next == std::chrono::steady_clock::time_point::max())
            m_wake.wait(lock);
        else
            m_wake.wait_until(lock, next);
    }
}

Watchdog::Guard::Guard(QJSEngine &engine, std::chrono::milliseconds limit)
    : m_engine(engine)
    , m_token(Watchdog::instance().arm(&engine, std::chrono::steady_clock::now() + limit))
{
}

Watchdog::Guard::~Guard()
{
    fired();
}

bool Watchdog::Guard::fired()
{
    if (!m_disarmed) {
        m_disarmed = true;
        m_fired = Watchdog::instance().disarm(m_token);
        if (m_fired)
            m_engine.setInterrupted(false);
    }
    return m_fired;
}

} // namespace durable::script
