#pragma once

#include "designservice.h"
#include "error.h"
#include "types.h"

#include <QHash>
#include <QJSEngine>
#include <QJSValue>
#include <QString>
#include <QStringList>

#include <exception>
#include <memory>

namespace durable::script {

/// An immutable script file: what the loader read and the engines evaluate. Shared by every
/// orchestrator and activity the file defines and by every thread that runs them.
struct ScriptSource {
    QString fileName; ///< shown in error messages and stack traces
    QString baseName; ///< name of an orchestrator exported with `module.exports = df(...)`
    QString code;
    QString version; ///< the version its orchestrators are registered under
    int timeLimitMs = 2000; ///< longest a single call into orchestrator code may run
    int activityTimeLimitMs = 60000; ///< longest a JavaScript activity may run
};

/// What a script file defines (declared with the DesignService that reports it).
using durable::ScriptDefinitions;

/// An error thrown by script code, or a script that ran too long; becomes the failure of the
/// orchestration or activity. `what()` is "<type>: <message>" with the script location.
class ScriptError : public std::exception {
public:
    ScriptError(QString type, QString message, QString location = {});
    QString type() const { return m_type; }
    QString message() const { return m_message; }
    QString location() const { return m_location; }
    const char *what() const noexcept override { return m_what.constData(); }

    /// Where in the user's file it was thrown (0: unknown) and the stack without the prelude's frames.
    QString file;
    int line = 0;
    QString stack;
    /// Set when the error is a task's failure the script let escape: that failure, as JSON text.
    QString taskFailureJson;

    /// The failure an activity reports: the script's error type and message, file, line, stack.
    FailureDetails activityFailure() const;
    /// The failure an orchestrator reports: as activityFailure(); a task failure that escaped
    /// becomes taskFailedException() of it.
    FailureDetails orchestratorFailure() const;

private:
    QString m_type;
    QString m_message;
    QString m_location;
    QByteArray m_what;
};

/// One QJSEngine with one script file evaluated in it, for one role on one thread. Orchestrator
/// engines install the determinism guard (Date, Math.random); activity engines do not.
/// Not thread-safe: use it only on the thread that created it (see forThread()).
class ScriptRuntime {
public:
    enum class Role { Orchestrator, Activity };

    /// Evaluates the prelude and the file. Errors: InvalidArgument with
    /// "file:line:column: SyntaxError: message" for a syntax error the parser finds ("file:line:
    /// SyntaxError: ..." for one found after parsing, such as a redeclared `let`), "file:line:
    /// message" for an exception thrown while the file's top level runs.
    static Result<std::shared_ptr<ScriptRuntime>> create(const std::shared_ptr<const ScriptSource> &source, Role role);
    /// The runtime of `source` and `role` for the calling thread, created on first use and kept
    /// until the thread ends. Orchestrations hold a reference, so a runtime outlives its thread's
    /// cache only as long as the orchestrations that use it.
    static Result<std::shared_ptr<ScriptRuntime>> forThread(const std::shared_ptr<const ScriptSource> &source,
                                                            Role role);

    ~ScriptRuntime();
    ScriptRuntime(const ScriptRuntime &) = delete;
    ScriptRuntime &operator=(const ScriptRuntime &) = delete;

    QJSEngine &engine() { return *m_engine; }
    const ScriptSource &source() const { return *m_source; }
    const ScriptDefinitions &definitions() const { return m_definitions; }
    QJSValue orchestrator(const QString &name) const { return m_orchestrators.value(name); }
    QJSValue activity(const QString &name) const { return m_activities.value(name); }
    /// The prelude's host object (makeOrchestrationContext, start, step, toJson, fromJson...).
    QJSValue host() const { return m_host; }

    /// Calls `function` with the watchdog armed for the source's time limit. A JavaScript
    /// exception or an interruption is thrown as ScriptError.
    QJSValue call(const QJSValue &function, const QJSValueList &arguments);
    /// JSON text from the prelude's toJson; empty for undefined.
    QByteArray toJsonText(const QJSValue &value);
    QJSValue fromJsonText(const QByteArray &text);

    /// ScriptError from an error value (name, message, file:line).
    ScriptError errorFrom(const QJSValue &error) const;

private:
    ScriptRuntime(std::shared_ptr<const ScriptSource> source, Role role);
    Status load();

    std::shared_ptr<const ScriptSource> m_source;
    Role m_role;
    std::unique_ptr<QJSEngine> m_engine;
    QJSValue m_host;
    QHash<QString, QJSValue> m_orchestrators;
    QHash<QString, QJSValue> m_activities;
    ScriptDefinitions m_definitions;
};

/// Location "file:line" of a JavaScript error value, without the "file:" URL scheme QJSEngine adds:
/// the first stack frame outside the prelude (in `userFile` when one is), else the error's own.
QString errorLocation(const QJSValue &error, const QString &userFile = {});

/// A frame of a JavaScript stack: function (may be empty), file, line (0: unknown).
struct StackFrame {
    QString function;
    QString file;
    int line = 0;
};
/// The frames of `error`'s stack that are not the prelude's, innermost first.
QList<StackFrame> userStackFrames(const QJSValue &error);

} // namespace durable::script
