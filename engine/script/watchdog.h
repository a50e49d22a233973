#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <thread>

class QJSEngine;

namespace durable::script {

/// Interrupts script code that runs too long. One background thread serves every engine: a call
/// into JavaScript arms it with a deadline (Watchdog::Guard), and when the deadline passes first
/// it calls QJSEngine::setInterrupted(true), which QJSEngine allows from another thread. The
/// engine stays interrupted until the guard is destroyed on the engine's own thread.
class Watchdog {
public:
    static Watchdog &instance();
    ~Watchdog();

    /// Arms the watchdog for one call; destroy it right after the call returns.
    class Guard {
    public:
        Guard(QJSEngine &engine, std::chrono::milliseconds limit);
        ~Guard();
        Guard(const Guard &) = delete;
        Guard &operator=(const Guard &) = delete;
        /// True when the deadline passed and the engine was interrupted. Disarms.
        bool fired();

    private:
        QJSEngine &m_engine;
        std::uint64_t m_token;
        bool m_disarmed = false;
        bool m_fired = false;
    };

private:
    Watchdog();
    std::uint64_t arm(QJSEngine *engine, std::chrono::steady_clock::time_point deadline);
    bool disarm(std::uint64_t token);
    void run();

    struct Entry {
        QJSEngine *engine;
        std::chrono::steady_clock::time_point deadline;
        bool fired = false;
    };
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::map<std::uint64_t, Entry> m_entries;
    std::uint64_t m_nextToken = 1;
    bool m_stop = false;
    std::thread m_thread;
};

} // namespace durable::script
