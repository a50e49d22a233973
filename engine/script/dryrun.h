#pragma once

#include "designservice.h"
#include "run.h"

#include <functional>

namespace durable::script {

/// One thing orchestrator code did in a dry run (declared with the DesignService that reports it).
using durable::DryRunStep;

struct DryRunResult {
    QList<DryRunStep> steps;
    std::optional<Outcome> outcome; ///< unset: still waiting, or the step limit was reached
    bool stepLimitReached = false;
    QList<LogLine> logs;
};

/// Answers an activity, sub-orchestration or awaited event of a dry run. Throwing ActivityError
/// for an activity or sub-orchestration fails that call with the error's details.
using DryRunStub = std::function<QJsonValue(const DryRunStep &)>;

/// Runs `code` on `input` without a hub: drives an OrchestrationRun with synthesized history, the
/// way the dispatcher would, answering every activity and sub-orchestration with `stub` (all in
/// the episode after they were scheduled), then any awaited external event, and only when
/// nothing else is pending the earliest timer (engine time jumps to it). Stops when the code
/// finishes, waits for nothing, or took `maxSteps` steps. `stub` unset: activities and
/// sub-orchestrations return their input, events carry null. Runs on the calling thread.
DryRunResult dryRun(const OrchestratorFunction &code, const QJsonValue &input, const DryRunStub &stub = {},
                    const QDateTime &startTime = QDateTime(QDate(2026, 1, 1), QTime(9, 0), Qt::UTC),
                    int maxSteps = 200);

} // namespace durable::script
