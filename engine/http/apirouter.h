#pragma once

#include <QByteArray>
#include <QString>

namespace durable::http {

/// The operations of the Durable Functions management API (reference/http-api.md, A.2).
enum class Endpoint {
    None, ///< no route matched (or wrong method): 404 with an empty body
    StartOrchestration,
    GetStatus,
    ListInstances,
    RaiseEvent,
    Terminate,
    Suspend,
    Resume,
    Rewind,
    Restart,
    PurgeInstance,
    PurgeByFilter,
    Entities, ///< entity routes: deliberately not implemented (501)
    MakePrimary, ///< task hub fail-over of the Functions host: deliberately not implemented (501)
};

/// Result of routing one request: the operation and its path captures, already percent-decoded.
struct Route {
    Endpoint endpoint = Endpoint::None;
    QString mount; ///< canonical spelling of the matched base path, e.g. "/runtime/webhooks/durabletask"
    QString functionName; ///< StartOrchestration
    QString instanceId; ///< empty for StartOrchestration without id, ListInstances, PurgeByFilter
    QString eventName; ///< RaiseEvent
    /// Set when a matched route cannot be served as written (400 with this text): a segment that
    /// is not valid UTF-8 once percent-decoded, or an instance id "." or ".." (which URL
    /// normalisation would turn into another route).
    QString problem;
};

/// Routes `method` + encoded `path` (QUrl::path(QUrl::FullyEncoded)) as the handler's
/// TemplateMatcher does: both mounts, case-insensitive literal segments and operation names,
/// tolerant of a trailing '/'. Pure function; a wrong method on a known path gives Endpoint::None.
/// Percent-decoding is strict: invalid UTF-8 is never replaced by U+FFFD (see Route::problem).
Route routeRequest(const QByteArray &method, const QString &encodedPath);

/// The two mounts: the public webhook path and the local RPC alias.
inline constexpr auto webhookMount = "/runtime/webhooks/durabletask";
inline constexpr auto rpcMount = "/durabletask";

} // namespace durable::http
