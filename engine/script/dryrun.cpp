#include "dryrun.h"

#include <algorithm>

namespace durable::script {

namespace {

    DryRunStep::Kind stepKind(Action::Kind kind)
    {
        switch (kind) {
        case Action::Kind::ScheduleTask:
            return DryRunStep::Kind::Activity;
        case Action::Kind::CreateTimer:
            return DryRunStep::Kind::Timer;
        case Action::Kind::CreateSubOrchestration:
            return DryRunStep::Kind::SubOrchestration;
        case Action::Kind::SendEvent:
            return DryRunStep::Kind::SendEvent;
        }
        return DryRunStep::Kind::Activity;
    }

    /// Feeds synthesized history to a run, numbering the events as a stored history would be.
    class Driver {
    public:
        Driver(OrchestrationRun &run, QDateTime now)
            : m_run(run)
            , m_now(std::move(now))
        {
        }

        void apply(EventType type, int eventId, int taskId, const QString &name, const QJsonObject &data)
        {
            m_run.apply(HistoryEvent { m_sequence++, type, eventId, taskId, name, data, m_now }, false);
        }
        void committed() { ++m_sequence; }
        void beginEpisode() { apply(EventType::OrchestratorStarted, -1, -1, {}, {}); }
        void advanceTo(const QDateTime &time) { m_now = std::max(m_now, time); }

    private:
        OrchestrationRun &m_run;
        QDateTime m_now;
        qint64 m_sequence = 0;
    };

} // namespace

DryRunResult dryRun(const OrchestratorFunction &code, const QJsonValue &input, const DryRunStub &stub,
                    const QDateTime &startTime, int maxSteps)
{
    const DryRunStub answer = stub ? stub : [](const DryRunStep &step) {
        return step.kind == DryRunStep::Kind::WaitForEvent ? QJsonValue(QJsonValue::Null) : step.input;
    };
    DryRunResult result;
    OrchestrationRun run(QStringLiteral("dry-run"), QStringLiteral("dry-run"), code);
    Driver driver(run, startTime);
    driver.beginEpisode();
    driver.apply(EventType::ExecutionStarted, -1, -1, QStringLiteral("dry-run"),
                 { { QStringLiteral("input"), input } });

    QList<DryRunStep> pending; // activities, sub-orchestrations and timers not answered yet
    for (int episode = 0; !run.outcome(); ++episode) {
        // Record and commit the actions the code took, as the dispatcher writes them to history.
        for (const Action &a : run.takeNewActions()) {
            DryRunStep step { stepKind(a.kind), a.id, episode, a.name, a.input, a.fireAt, {} };
            // Taking the action is what the dispatcher commits; the run matches it by itself.
            driver.committed();
            if (step.kind != DryRunStep::Kind::SendEvent)
                pending.append(step);
            result.steps.append(step);
        }
        result.logs.append(run.takeLogLines());
        if (run.outcome())
            break;
        if (result.steps.size() >= maxSteps) {
            result.stepLimitReached = true;
            break;
        }

        const auto isTimer = [](const DryRunStep &s) { return s.kind == DryRunStep::Kind::Timer; };
        const bool answersWork
            = std::any_of(pending.cbegin(), pending.cend(), [&](const auto &s) { return !isTimer(s); });
        if (answersWork) {
            driver.beginEpisode();
            for (auto &s : pending) {
                if (isTimer(s))
                    continue;
                const bool activity = s.kind == DryRunStep::Kind::Activity;
                try {
                    s.answer = answer(s);
                    driver.apply(activity ? EventType::TaskCompleted : EventType::SubOrchestrationInstanceCompleted, -1,
                                 s.id, s.name, { { QStringLiteral("result"), s.answer } });
                } catch (const ActivityError &e) {
                    s.failure = e.details();
                    driver.apply(activity ? EventType::TaskFailed : EventType::SubOrchestrationInstanceFailed, -1, s.id,
                                 s.name, { { QStringLiteral("failure"), e.details().toJson() } });
                }
                for (auto &recorded : result.steps) {
                    if (recorded.id == s.id) {
                        recorded.answer = s.answer;
                        recorded.failure = s.failure;
                    }
                }
            }
            pending.removeIf([&](const DryRunStep &s) { return !isTimer(s); });
            continue;
        }
        const QStringList events = run.waitState().events;
        if (!events.isEmpty()) {
            DryRunStep step { DryRunStep::Kind::WaitForEvent, -1, episode, events.first(), {}, {}, {} };
            step.answer = answer(step);
            result.steps.append(step);
            driver.beginEpisode();
            driver.apply(EventType::EventRaised, -1, -1, step.name, { { QStringLiteral("input"), step.answer } });
            continue;
        }
        const auto timer = std::min_element(pending.begin(), pending.end(),
                                            [](const auto &a, const auto &b) { return a.fireAt < b.fireAt; });
        if (timer == pending.end())
            break; // waits for nothing the dry run can answer
        driver.advanceTo(timer->fireAt);
        driver.beginEpisode();
        driver.apply(EventType::TimerFired, -1, timer->id, {},
                     { { QStringLiteral("fireAt"), timer->fireAt.toString(Qt::ISODateWithMs) } });
        pending.erase(timer);
    }
    result.outcome = run.outcome();
    result.logs.append(run.takeLogLines());
    return result;
}

} // namespace durable::script
