#pragma once

#include "error.h"

#include <QChar>
#include <QString>

#include <optional>

namespace durable {

// The rules for instance ids, in one place for the engine (Engine::validateInstanceId, which every
// start goes through) and the HTTP layer (which checks a caller's id before it reaches the engine,
// to answer in the API's words). Pure functions: callable from any thread.

/// A new unique id for an instance, an execution or a worker: 32 lowercase hex digits, laid out as
/// a UUID version 7 (RFC 9562): the current Unix time in milliseconds first, then 74 random bits.
/// Ids made in a later millisecond sort later (unless the clock steps back), so the rows of new
/// instances go to the end of every table and index keyed by id (the history, the instance list)
/// instead of to a random page of a large hub: each commit writes fewer pages, and a finished
/// instance's pages are never written again. The id shows when it was made. Any thread may call it.
QString newId();

/// Longest instance id the engine accepts unless EngineOptions::maxInstanceIdLength says otherwise.
/// It is also the length the Durable Functions HTTP API allows.
inline constexpr int DefaultMaxInstanceIdLength = 256;

/// Which rules apply. The engine checks everything but the entity prefix.
struct InstanceIdRules {
    int maxLength = DefaultMaxInstanceIdLength;
    /// Refuse ids starting with '@': the Durable Functions API reserves them for entity ids
    /// ("@name@key"), so its clients must not start orchestrations under them.
    bool refuseEntityPrefix = false;
};

/// The rule an instance id breaks.
enum class InstanceIdRule {
    Empty,
    TooLong, ///< more than InstanceIdRules::maxLength UTF-16 code units
    EntityPrefix, ///< starts with '@' (only with InstanceIdRules::refuseEntityPrefix)
    /// '/', '\\', '#' or '?': ids appear in URL paths and queries, where these would split them.
    ForbiddenCharacter,
    ControlCharacter, ///< a character of category Cc (tab, newline, NUL, ...)
    /// Leading or trailing white space: an id that looks the same as another must be the same.
    SurroundingWhiteSpace,
    /// "." or "..": in a URL path these are dot segments, which normalisation removes, so the
    /// instance's status URL would name another resource.
    DotSegment,
    /// An unpaired surrogate, or U+FFFD: the trace of bytes that were not valid UTF-8 (the
    /// sidecar and the HTTP API refuse those instead of decoding them lossily).
    InvalidEncoding,
};

struct InstanceIdProblem {
    InstanceIdRule rule = InstanceIdRule::Empty;
    QChar character; ///< the offending character for ForbiddenCharacter and ControlCharacter
    qsizetype length = 0; ///< the id's length for TooLong
    int maxLength = 0; ///< the limit for TooLong

    /// The engine's untranslated description, e.g. "the instance id is empty".
    QString detail() const;
    bool operator==(const InstanceIdProblem &) const = default;
};

/// Checks `id` against `rules` in this order and returns the first rule it breaks: empty, too long,
/// entity prefix, dot segment, forbidden, control or invalidly encoded character (whichever comes
/// first in the id), surrounding white space. nullopt for a valid id.
std::optional<InstanceIdProblem> checkInstanceId(const QString &id, const InstanceIdRules &rules = {});

/// checkInstanceId as an engine status: InvalidArgument with the problem's detail when invalid.
Status instanceIdStatus(const QString &id, const InstanceIdRules &rules = {});

} // namespace durable
