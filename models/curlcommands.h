#pragma once

#include <types.h>

#include <QCoreApplication>

namespace durable::models {

/// Shell command lines (POSIX sh) for the HTTP API calls that start an instance like a given one
/// and act on it. The API key is never written out: every command sends the header
/// `x-functions-key: $DURABLE_KEY`, so the caller sets that variable from the key it keeps.
class CurlCommands {
    Q_DECLARE_TR_FUNCTIONS(CurlCommands)
public:
    /// One shell word: in single quotes, an embedded ' written as '\''.
    static QString shellQuote(const QString &text);
    /// The commands for `info`, each on one line after a `# …` comment line saying what it does:
    /// start (same orchestrator and input; no id, so a new one), status, raise each awaited event,
    /// terminate, suspend or resume, and purge, as far as they apply to its status. `baseUrl` is the
    /// API's mount, e.g. http://127.0.0.1:7071/runtime/webhooks/durabletask.
    static QString forInstance(const InstanceInfo &info, const QString &baseUrl);
    /// The start command alone (for tests and the first line of forInstance).
    static QString start(const QString &name, const QJsonValue &input, const QString &baseUrl);
};

} // namespace durable::models
