#pragma once

#include "registry.h"

namespace durable::script {

/// Registers the built-in activities:
///
/// `http`: input `{ method = "GET", url, headers = {}, body, timeoutMs = 30000 }` (a non-string
/// body is sent as JSON with Content-Type application/json); result `{ status, headers, body }`
/// with the body as text, plus `json` when the response says it is JSON and parses. Any HTTP
/// status is a result (the monitor pattern looks at it); a missing or invalid URL, a network
/// error or the timeout fail the activity (errorType "HttpError" or "HttpTimeout"). Runs a
/// QNetworkAccessManager of the activity's own thread in a local event loop.
///
/// `delay`: waits `input` milliseconds (a number, or `{ ms }`) on the activity thread and returns
/// the number waited; for demos and tests of slow work.
void registerBuiltinActivities(Registry &registry);

/// The `http` activity itself.
QJsonValue httpActivity(ActivityContext &context, const QJsonValue &input);
/// The `delay` activity itself.
QJsonValue delayActivity(ActivityContext &context, const QJsonValue &input);

} // namespace durable::script
