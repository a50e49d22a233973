#include "replaytest.h"

#include "historyvocabulary.h"
#include "run.h"

namespace durable::script {

namespace {

    /// How the stored execution ended, if it did.
    const HistoryEvent *completion(const History &history)
    {
        for (const auto &e : history) {
            if (e.type == EventType::ExecutionCompleted || e.type == EventType::ContinueAsNew)
                return &e;
        }
        return nullptr;
    }

} // namespace

QString verdictName(ReplayVerdict::Kind kind)
{
    switch (kind) {
    case ReplayVerdict::Kind::Deterministic:
        return QStringLiteral("Deterministic");
    case ReplayVerdict::Kind::Diverged:
        return QStringLiteral("Diverged");
    case ReplayVerdict::Kind::Failed:
        return QStringLiteral("Failed");
    }
    return {};
}

ReplayVerdict replayHistory(const ReplayCase &replayCase, const OrchestratorFunction &code)
{
    ReplayVerdict verdict;
    verdict.instanceId = replayCase.instanceId;
    const HistoryEvent *stored = completion(replayCase.history);
    const bool storedFailed = stored && stored->type == EventType::ExecutionCompleted
        && stored->data.value(QStringLiteral("status")).toInt() == int(RuntimeStatus::Failed);

    OrchestrationRun run(replayCase.instanceId, replayCase.executionId, code);
    for (const auto &event : replayCase.history) {
        // The new code finished before the history did: any later action it no longer takes.
        if (run.outcome() && recordsAction(event.type)) {
            verdict.kind = ReplayVerdict::Kind::Diverged;
            verdict.divergence = Divergence { event.eventId, ScheduledStep { event.type, event.name }, std::nullopt };
            verdict.sequence = event.sequence;
            return verdict;
        }
        run.apply(event, true);
        const auto &outcome = run.outcome();
        if (outcome && outcome->failure && outcome->failure->divergence) {
            verdict.kind = ReplayVerdict::Kind::Diverged;
            verdict.divergence = outcome->failure->divergence;
            verdict.sequence = event.sequence;
            return verdict;
        }
        if (outcome && outcome->status == RuntimeStatus::Failed && !storedFailed) {
            verdict.kind = ReplayVerdict::Kind::Failed;
            verdict.failure = outcome->failure;
            verdict.sequence = event.sequence;
            return verdict;
        }
    }
    // A finished history: the new code must not want to do more than the old code did.
    const QList<Action> extra = run.takeNewActions();
    if (stored && !extra.isEmpty() && !run.outcome()) {
        verdict.kind = ReplayVerdict::Kind::Diverged;
        verdict.divergence = Divergence { extra.first().id, std::nullopt,
                                          ScheduledStep { extra.first().eventType(), extra.first().name } };
        verdict.sequence = stored->sequence;
    }
    return verdict;
}

QList<ReplayVerdict> replayTest(const QList<ReplayCase> &cases, const OrchestratorFunction &code)
{
    QList<ReplayVerdict> verdicts;
    verdicts.reserve(cases.size());
    for (const auto &c : cases)
        verdicts.append(replayHistory(c, code));
    return verdicts;
}

} // namespace durable::script
