#include "replaytest.h"
#include "run.h"

#include <QRegularExpression>

namespace durable::script {

namespace {

    bool isScheduling(EventType type)
    {
        return type == EventType::TaskScheduled || type == EventType::TimerCreated
            || type == EventType::SubOrchestrationInstanceCreated || type == EventType::EventSent;
    }

    int actionIdIn(const QString &message)
    {
        static const QRegularExpression pattern(QStringLiteral("at id (\\d+)"));
        const auto match = pattern.match(message);
        return match.hasMatch() ? match.captured(1).toInt() : -1;
    }

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
        if (run.outcome() && isScheduling(event.type)) {
            verdict.kind = ReplayVerdict::Kind::Diverged;
            verdict.actionId = event.eventId;
            verdict.sequence = event.sequence;
            verdict.message = QStringLiteral("expected %1 '%2' at id %3, code now has already finished")
                                  .arg(eventTypeName(event.type), event.name)
                                  .arg(event.eventId);
            return verdict;
        }
        run.apply(event, true);
        const auto &outcome = run.outcome();
        if (outcome && outcome->failure
            && outcome->failure->errorType == QLatin1String("NonDeterministicOrchestrationError")) {
            verdict.kind = ReplayVerdict::Kind::Diverged;
            verdict.message = outcome->failure->errorMessage;
            verdict.actionId = actionIdIn(verdict.message);
            verdict.sequence = event.sequence;
            return verdict;
        }
        if (outcome && outcome->status == RuntimeStatus::Failed && !storedFailed) {
            verdict.kind = ReplayVerdict::Kind::Failed;
            verdict.message = outcome->failure
                ? outcome->failure->errorType + QStringLiteral(": ") + outcome->failure->errorMessage
                : QString();
            verdict.sequence = event.sequence;
            return verdict;
        }
    }
    // A finished history: the new code must not want to do more than the old code did.
    const QList<Action> extra = run.takeNewActions();
    if (stored && !extra.isEmpty() && !run.outcome()) {
        verdict.kind = ReplayVerdict::Kind::Diverged;
        verdict.actionId = extra.first().id;
        verdict.sequence = stored->sequence;
        verdict.message = QStringLiteral("the execution ended at this point, code now does %1 '%2' at id %3")
                              .arg(eventTypeName(extra.first().eventType()), extra.first().name)
                              .arg(extra.first().id);
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
