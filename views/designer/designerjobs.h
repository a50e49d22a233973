#pragma once

#include <dryrun.h>
#include <engine.h>
#include <replaytest.h>

#include <QHash>

namespace durable::views::designer {

/// What the Designer's background jobs need to know about the code in the editor.
struct Draft {
    QString fileName;
    QString code;
    QString orchestrator;
};

/// Loads the draft into a private registry (never the engine's) and dry-runs its orchestrator on
/// `input`; activities and events named in `stubs` get that answer, other activities return their
/// input and other events carry null. A draft that does not load is the error of loading it.
/// Runs the script on the calling thread: call it on a thread of its own.
Result<script::DryRunResult> dryRunDraft(const Draft &draft, const QJsonValue &input, const QJsonObject &stubs,
                                         const QDateTime &startTime);

struct ReplayTestResult {
    QList<script::ReplayVerdict> verdicts;
    QHash<QString, QString> versions; ///< version each instance started on, by instance id
    std::optional<Error> error; ///< the draft did not load, or the hub could not be read
};

/// Replays the stored histories of the draft orchestrator's instances (all but pending ones, at
/// most `maxInstances`) against the draft. Blocks on `engine`: call it on a thread of its own.
ReplayTestResult replayTestDraft(Engine &engine, const Draft &draft, int maxInstances = 500);

} // namespace durable::views::designer
