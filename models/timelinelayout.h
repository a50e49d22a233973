#pragma once

#include <types.h>

namespace durable::models {

/// One bar or marker of the history timeline.
struct TimelineItem {
    enum class Kind { Activity, SubOrchestration, Timer, Event };
    enum class Outcome { Pending, Completed, Failed, Fired, Cancelled, Marker };

    Kind kind = Kind::Event;
    Outcome outcome = Outcome::Marker;
    int actionId = -1;
    QString name;
    QDateTime start; ///< scheduled (or the event's time for markers)
    QDateTime end; ///< completed; a timer's due time; invalid for pending activities
    qint64 startSequence = -1;
    qint64 endSequence = -1; ///< -1 while pending
    int lane = 0; ///< 0: event markers; one lane per activity, sub-orchestration and timer from 1
};

/// The timeline of a history: bars from scheduling to completion, timers to their due time, events
/// as markers on lane 0. Linear in the history length (completions are matched through a hash).
/// The time range covers the events (and `now`), not far-away timer due times: a 72-hour timeout
/// would otherwise squash every other bar into a pixel. Timers still pending when the execution
/// ended were cancelled: they end there.
struct TimelineLayout {
    QList<TimelineItem> items; ///< ordered by start sequence
    QDateTime begin;
    QDateTime end;
    int laneCount = 1;

    /// `now` extends the bars of pending work (and the time range) while an instance runs.
    static TimelineLayout build(const History &history, const QDateTime &now = {});
    /// Index of the item started or finished by the event at `sequence`; -1 if none.
    int itemForSequence(qint64 sequence) const;
};

} // namespace durable::models
