#pragma once

#include "error.h"
#include "types.h"

#include <QFuture>
#include <QHash>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace durable {

/// Code in the Designer's editor, not (yet) saved in the hub.
struct ScriptDraft {
    QString fileName; ///< as it would be saved; script errors name their place in it
    QString code;
    QString orchestrator; ///< the orchestrator a dry run or a replay test runs
};

/// What a script file defines.
struct ScriptDefinitions {
    QStringList orchestrators;
    QStringList activities;
};

/// One thing orchestrator code did in a dry run, and the answer the stubs gave it.
struct DryRunStep {
    enum class Kind { Activity, SubOrchestration, Timer, SendEvent, WaitForEvent };
    Kind kind = Kind::Activity;
    int id = -1; ///< action id; -1 for WaitForEvent
    int episode = 0; ///< the episode (0, 1, ...) in which the code took the step
    QString name; ///< activity, orchestrator or event name
    QJsonValue input;
    QDateTime fireAt; ///< timers
    QJsonValue answer; ///< what the stub returned (activities, sub-orchestrations, events)
    /// Set when the activity failed: an activity of the draft's own file that threw (with its
    /// file and line). `answer` is then unset.
    std::optional<FailureDetails> failure {};
};

/// How a dry run ended.
struct DryRunOutcome {
    RuntimeStatus status = RuntimeStatus::Completed; ///< Completed, Failed or ContinuedAsNew
    QJsonValue output;
    std::optional<FailureDetails> failure; ///< Failed: what the code threw
    QJsonValue continueInput; ///< ContinuedAsNew: the input of the next execution
};

/// The steps of a dry run and how it ended.
struct DryRunReport {
    QList<DryRunStep> steps;
    std::optional<DryRunOutcome> outcome; ///< unset: still waiting, or the step limit was reached
    bool stepLimitReached = false;
};

/// What replaying one stored history against new orchestrator code showed.
struct ReplayVerdict {
    enum class Kind {
        Deterministic, ///< the new code takes every action the history records, at the same ids
        Diverged, ///< the new code takes a different action (or none) where the history has one
        Failed, ///< the new code threw where the old code had not finished that way
    };
    QString instanceId;
    Kind kind = Kind::Deterministic;
    qint64 sequence = -1; ///< history position at which the difference showed
    std::optional<Divergence> divergence; ///< Diverged: the first action that differs, both sides
    std::optional<FailureDetails> failure; ///< Failed: what the new code threw
};

/// The verdicts of a replay test, one per stored instance, in the hub's order.
struct ReplayTestReport {
    QList<ReplayVerdict> verdicts;
    QHash<QString, QString> versions; ///< version each instance started on, by instance id
};

/// What the Designer asks of the hub about code that is being written: check it, dry-run it,
/// replay stored histories against it, and register a version once the client saved it
/// (HubClient::saveScript). Together with HubClient it is all the Designer uses, so the Designer
/// works the same whether the script runtime is in this process or behind a server.
///
/// Every call returns at once; the QFuture finishes on a thread of the service (chain with
/// `.then(context, ...)`). Script code never runs on the caller's thread, so a draft that loops
/// cannot freeze the GUI (a script's own time limit stops it). Errors are values, never
/// exceptions. Calls are made from one thread (the GUI's); results may be awaited from any.
/// Destroying the service waits for the jobs it started; it must not outlive the hub it was
/// created for.
class DesignService {
public:
    virtual ~DesignService() = default;

    /// Checks and evaluates `code` as file `fileName` and lists what it defines; registers nothing.
    /// Errors: InvalidArgument "file:line:column: SyntaxError: ..." ("file:line: ..." when the
    /// column is unknown) for a syntax error, an exception thrown by the file's top level, or a
    /// file that defines nothing.
    virtual QFuture<Result<ScriptDefinitions>> check(const QString &fileName, const QString &code) = 0;

    /// Runs the draft's orchestrator on `input` without a hub, engine time starting at
    /// `startTime`: activities and events named in `stubs` get that answer, activities the draft
    /// defines itself run (with the script's time limit; one that throws fails its call, as in a
    /// real run), other activities and sub-orchestrations return their input, other events carry
    /// null; timers fire when nothing
    /// else is pending. Stops when the code ends, waits for something no stub answers, or after a
    /// step limit. A failure of the code is the outcome, not an error. Errors: those of check()
    /// for a draft that does not load; UnknownOrchestrator (detail: the name) when it defines no
    /// orchestrator named draft.orchestrator.
    virtual QFuture<Result<DryRunReport>> dryRun(const ScriptDraft &draft, const QJsonValue &input,
                                                 const QJsonObject &stubs, const QDateTime &startTime)
        = 0;

    /// Replays the stored histories of the instances of draft.orchestrator (all but pending ones,
    /// at most `maxInstances`, in the hub's default order) against the draft. Touches nothing in
    /// the hub. Errors: as dryRun() for the draft; those of Client::query() when the hub cannot be
    /// read (instances purged meanwhile are skipped).
    virtual QFuture<Result<ReplayTestReport>> replayTest(const ScriptDraft &draft, int maxInstances) = 0;

    /// Registers saved version `version` of script file `fileName`, whose code is `code`, with the
    /// engine under versionName(version), so that new instances of its orchestrators start on it.
    /// Returns that name. Errors: those of check().
    virtual QFuture<Result<QString>> registerVersion(const QString &fileName, const QString &code, int version) = 0;

    /// The engine version under which saved version `version` of a script runs ("v<version>").
    virtual QString versionName(int version) const = 0;
};

} // namespace durable
