#pragma once

#include <QMetaType>
#include <QString>

#include <expected>

namespace durable {

/// Kinds of failure an engine operation reports. Callers map them (HTTP status, dialog text);
/// the engine itself never formats user-facing, translated text.
enum class ErrorCode {
    InvalidArgument, ///< malformed input: bad JSON, bad instance id, bad option
    PayloadTooLarge, ///< a payload exceeds EngineOptions::maxPayloadBytes
    UnknownOrchestrator, ///< no orchestrator registered under that name (and version)
    NotFound, ///< no such instance
    AlreadyExists, ///< an instance with that id is still running (or pending/suspended)
    FailedPrecondition, ///< the instance is in a state that does not allow the operation
    Storage, ///< SQLite reported an error (I/O, disk full, ...)
    Busy, ///< the hub file is locked by another process for longer than the busy timeout
    Corrupt, ///< the file is not a task hub or the database is damaged
    SchemaTooNew, ///< the hub was written by a newer version of the product
    ReadOnly, ///< the hub file or its directory is not writable
    Shutdown, ///< the engine is shutting down or closed
    /// A damaged page was found after the hub was opened: it is read-only until it is repaired
    /// (writes are refused with this code; see HubClient::damage()).
    Damaged,
    /// The caller cancelled a long operation (a hub upgrade) before it finished; what it had done
    /// was rolled back.
    Cancelled,
};

/// An error value: a code plus an untranslated detail string for logs and dialogs.
struct Error {
    ErrorCode code = ErrorCode::Storage;
    QString message;
};

template<typename T>
using Result = std::expected<T, Error>;

/// std::expected<void, Error>, for operations without a value.
using Status = std::expected<void, Error>;

inline std::unexpected<Error> fail(ErrorCode code, const QString &message)
{
    return std::unexpected(Error { code, message });
}

// std::expected's monadic operations (and_then, transform) come with GCC 13's library; these are
// the forms the engine uses, to keep error plumbing to one line.

/// `f(value)` when `r` holds a value, else r's error (f returns a Result or Status).
template<typename T, typename F>
auto andThen(Result<T> r, F &&f) -> decltype(f(std::move(*r)))
{
    if (!r)
        return std::unexpected(std::move(r.error()));
    return f(std::move(*r));
}

/// `f()` when `s` succeeded, else its error.
template<typename F>
auto andThen(Status s, F &&f) -> decltype(f())
{
    if (!s)
        return std::unexpected(std::move(s.error()));
    return f();
}

/// The error of `r`, without its value.
template<typename T>
Status discardValue(const Result<T> &r)
{
    if (!r)
        return std::unexpected(r.error());
    return {};
}

/// Stable machine name of a code ("NotFound"), used in logs and the HTTP API.
QString errorCodeName(ErrorCode code);

} // namespace durable

Q_DECLARE_METATYPE(durable::Error)
