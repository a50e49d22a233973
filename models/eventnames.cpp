#include "eventnames.h"

namespace durable::models {

QString EventNames::readable(EventType type)
{
    switch (type) {
    case EventType::ExecutionStarted:
        return tr("Execution started");
    case EventType::ExecutionCompleted:
        return tr("Execution completed");
    case EventType::ExecutionTerminated:
        return tr("Terminated");
    case EventType::TaskScheduled:
        return tr("Activity scheduled");
    case EventType::TaskCompleted:
        return tr("Activity completed");
    case EventType::TaskFailed:
        return tr("Activity failed");
    case EventType::SubOrchestrationInstanceCreated:
        return tr("Sub-orchestration started");
    case EventType::SubOrchestrationInstanceCompleted:
        return tr("Sub-orchestration completed");
    case EventType::SubOrchestrationInstanceFailed:
        return tr("Sub-orchestration failed");
    case EventType::TimerCreated:
        return tr("Timer created");
    case EventType::TimerFired:
        return tr("Timer fired");
    case EventType::OrchestratorStarted:
        return tr("Episode started");
    case EventType::OrchestratorCompleted:
        return tr("Episode ended");
    case EventType::EventSent:
        return tr("Event sent");
    case EventType::EventRaised:
        return tr("Event received");
    case EventType::ContinueAsNew:
        return tr("Continued as new");
    case EventType::GenericEvent:
        return tr("Engine event");
    case EventType::ExecutionSuspended:
        return tr("Suspended");
    case EventType::ExecutionResumed:
        return tr("Resumed");
    case EventType::ExecutionRewound:
        return tr("Rewound");
    }
    return tr("Engine event");
}

QString EventNames::readable(const HistoryEvent &event)
{
    if (event.type == EventType::ExecutionCompleted && event.data.contains(QStringLiteral("failure")))
        return tr("Execution failed");
    if (event.type != EventType::GenericEvent)
        return readable(event.type);
    // Lifecycle::rewind() stores a failure it sets aside as a GenericEvent carrying the original
    // type under "rewound", and nudges an instance without failures to re-run with an empty one.
    const auto rewound = event.data.value(QStringLiteral("rewound"));
    if (rewound.isString()) {
        const auto original = eventTypeFromName(rewound.toString());
        return tr("Failure rewound (%1)").arg(original ? readable(*original).toLower() : rewound.toString());
    }
    if (event.data.isEmpty())
        return tr("Replay requested");
    return readable(event.type);
}

bool EventNames::isEpisodeMarker(EventType type)
{
    return type == EventType::OrchestratorStarted || type == EventType::OrchestratorCompleted;
}

} // namespace durable::models
