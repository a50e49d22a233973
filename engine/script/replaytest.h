#pragma once

#include "orchestration.h"
#include "types.h"

#include <QList>

namespace durable::script {

/// One stored execution to replay: what Client::status and Client::history return.
struct ReplayCase {
    QString instanceId;
    QString executionId;
    History history;
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

/// Replays `history` through a fresh OrchestrationRun with `code`, as the engine would after a
/// restart, and reports whether the code still matches it. Pure: touches no hub. Runs the code on
/// the calling thread (script orchestrators use that thread's script engine).
ReplayVerdict replayHistory(const ReplayCase &replayCase, const OrchestratorFunction &code);
/// replayHistory() for each case, in order.
QList<ReplayVerdict> replayTest(const QList<ReplayCase> &cases, const OrchestratorFunction &code);

/// "Deterministic", "Diverged" or "Failed".
QString verdictName(ReplayVerdict::Kind kind);

} // namespace durable::script
