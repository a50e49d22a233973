#pragma once

#include "designservice.h"
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

/// What replaying one stored history against new code showed (declared with the DesignService
/// that reports it).
using durable::ReplayVerdict;

/// Replays `history` through a fresh OrchestrationRun with `code`, as the engine would after a
/// restart, and reports whether the code still matches it. Pure: touches no hub. Runs the code on
/// the calling thread (script orchestrators use that thread's script engine).
ReplayVerdict replayHistory(const ReplayCase &replayCase, const OrchestratorFunction &code);
/// replayHistory() for each case, in order.
QList<ReplayVerdict> replayTest(const QList<ReplayCase> &cases, const OrchestratorFunction &code);

/// "Deterministic", "Diverged" or "Failed".
QString verdictName(ReplayVerdict::Kind kind);

} // namespace durable::script
