#pragma once

#include "registry.h"
#include "scriptruntime.h"

#include <QStringList>

namespace durable::script {

/// How script code is registered and run.
struct ScriptOptions {
    /// Version the file's orchestrators are registered under. Empty: "js-" and the first 12 hex
    /// digits of the SHA-256 of the code, so a changed file is a new version and instances that
    /// started on the old code keep replaying it while it stays registered.
    QString version;
    /// Longest one call into orchestrator code (the start, or the code between two yields) may
    /// run before it is interrupted and the instance fails.
    int timeLimitMs = 2000;
    /// Longest one JavaScript activity call may run.
    int activityTimeLimitMs = 60000;
};

/// Checks and evaluates `code` (as file `fileName`) and lists what it defines, without
/// registering anything. Errors: InvalidArgument "file:line:column: SyntaxError: ..." for a syntax
/// error (see ScriptRuntime::create()), an exception thrown by the file's top level, or a file that
/// defines nothing.
Result<ScriptDefinitions> checkScript(const QString &fileName, const QString &code, const ScriptOptions &options = {});

/// Registers the orchestrators and activities `code` defines. A file defines them with
/// `df.orchestrator("Name", function* (context) {...})`, `df.activity("Name", function (context,
/// input) {...})`, or, as in the Durable Functions samples, `module.exports = df(function* ...)`,
/// which names the orchestrator after the file (its name up to the first dot: "Chain.js" →
/// "Chain"); `module.exports = { Name: df(function* ...) }` names it after the key.
/// Orchestrators run on the engine's dispatcher thread in one QJSEngine per file and thread;
/// activities in one QJSEngine per activity thread. Errors as checkScript().
Result<ScriptDefinitions> loadScript(const QString &fileName, const QString &code, Registry &registry,
                                     const ScriptOptions &options = {});

/// Reads `path` (UTF-8) and loads it; returns the names it registered, orchestrators first.
/// Errors: NotFound when the file cannot be read, otherwise as loadScript().
Result<QStringList> loadScriptFile(const QString &path, Registry &registry, const ScriptOptions &options = {});

/// The ActivityFunction of activity `name` of a script.
ActivityFunction scriptActivity(std::shared_ptr<const ScriptSource> source, QString name);

/// The version loadScript() gives `code` when none is set.
QString contentVersion(const QString &code);

} // namespace durable::script
