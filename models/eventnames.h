#pragma once

#include <types.h>

#include <QCoreApplication>

namespace durable::models {

/// User-facing names of history events, in the interface language. Every event gets one, the
/// engine's bookkeeping events included: a GenericEvent says what it stands for (a failure that a
/// rewind set aside, the nudge that makes a rewound instance replay) instead of its raw type.
class EventNames {
    Q_DECLARE_TR_FUNCTIONS(EventNames)
public:
    /// "Activity scheduled", "Timer fired", "Failure rewound (activity failed)", "Replay requested", …
    static QString readable(const HistoryEvent &event);
    /// As readable(), from the type alone (GenericEvent: "Engine event").
    static QString readable(EventType type);
    /// OrchestratorStarted/OrchestratorCompleted: the bounds of one episode of the orchestrator,
    /// which the compact history hides.
    static bool isEpisodeMarker(EventType type);
};

} // namespace durable::models
