#pragma once

#include <QJsonValue>

#include <coroutine>
#include <exception>
#include <optional>
#include <utility>

namespace durable {

/// A lazily started coroutine returning T, used to write orchestrators and helpers:
/// `durable::Task<QJsonValue> myOrchestrator(durable::OrchestrationContext &ctx)`.
/// Awaiting a Task starts it and resumes the awaiter when it returns (symmetric transfer);
/// an exception escaping the coroutine is rethrown in the awaiter. Single-threaded: orchestrator
/// code always runs on the engine's dispatcher thread.
template<typename T>
class [[nodiscard]] Task;

namespace detail {

    struct TaskPromiseBase {
        std::coroutine_handle<> continuation;
        std::exception_ptr exception;

        std::suspend_always initial_suspend() noexcept { return {}; }
        struct FinalAwaiter {
            bool await_ready() noexcept { return false; }
            template<typename P>
            std::coroutine_handle<> await_suspend(std::coroutine_handle<P> h) noexcept
            {
                if (auto c = h.promise().continuation)
                    return c;
                return std::noop_coroutine();
            }
            void await_resume() noexcept { }
        };
        FinalAwaiter final_suspend() noexcept { return {}; }
        void unhandled_exception() noexcept { exception = std::current_exception(); }
    };

    template<typename T>
    struct TaskPromise : TaskPromiseBase {
        std::optional<T> value;
        Task<T> get_return_object() noexcept;
        void return_value(T v) { value.emplace(std::move(v)); }
    };

    template<>
    struct TaskPromise<void> : TaskPromiseBase {
        Task<void> get_return_object() noexcept;
        void return_void() noexcept { }
    };

} // namespace detail

template<typename T>
class [[nodiscard]] Task {
public:
    using promise_type = detail::TaskPromise<T>;
    using Handle = std::coroutine_handle<promise_type>;

    Task() = default;
    explicit Task(Handle h)
        : m_handle(h)
    {
    }
    Task(Task &&other) noexcept
        : m_handle(std::exchange(other.m_handle, {}))
    {
    }
    Task &operator=(Task &&other) noexcept
    {
        if (this != &other) {
            reset();
            m_handle = std::exchange(other.m_handle, {});
        }
        return *this;
    }
    Task(const Task &) = delete;
    Task &operator=(const Task &) = delete;
    ~Task() { reset(); }

    bool isValid() const { return bool(m_handle); }
    bool isDone() const { return m_handle && m_handle.done(); }
    /// Starts a task that nobody awaits (the top-level orchestrator, internal helpers).
    void start()
    {
        if (m_handle && !m_handle.done())
            m_handle.resume();
    }
    /// Rethrows the coroutine's exception, if any. Precondition: isDone().
    void rethrowIfFailed() const
    {
        if (m_handle.promise().exception)
            std::rethrow_exception(m_handle.promise().exception);
    }
    std::exception_ptr exception() const { return m_handle ? m_handle.promise().exception : nullptr; }
    /// The returned value. Precondition: isDone() and no exception.
    decltype(auto) value() const requires(!std::is_void_v<T>) { return *m_handle.promise().value; }

    bool await_ready() const noexcept { return !m_handle || m_handle.done(); }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<> awaiter) noexcept
    {
        m_handle.promise().continuation = awaiter;
        return m_handle;
    }
    T await_resume()
    {
        rethrowIfFailed();
        if constexpr (!std::is_void_v<T>)
            return std::move(*m_handle.promise().value);
    }

private:
    void reset()
    {
        if (m_handle)
            m_handle.destroy();
        m_handle = {};
    }
    Handle m_handle;
};

namespace detail {
    template<typename T>
    Task<T> TaskPromise<T>::get_return_object() noexcept
    {
        return Task<T>(std::coroutine_handle<TaskPromise<T>>::from_promise(*this));
    }
    inline Task<void> TaskPromise<void>::get_return_object() noexcept
    {
        return Task<void>(std::coroutine_handle<TaskPromise<void>>::from_promise(*this));
    }
} // namespace detail

} // namespace durable
