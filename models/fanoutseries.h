#pragma once

#include <types.h>

namespace durable::models {

/// Activity and sub-orchestration counts of one execution over time, for the fan-out chart.
/// "running" means scheduled and not finished yet: the history records when work was scheduled and
/// when its result was applied, not when a worker picked it up.
struct FanOutPoint {
    QDateTime time; ///< end of the bucket
    int scheduled = 0; ///< cumulative
    int running = 0;
    int completed = 0; ///< cumulative
    int failed = 0; ///< cumulative
};

struct FanOutSeries {
    QList<FanOutPoint> points;
    int total = 0;
    int completed = 0;
    int failed = 0;
    int running() const { return total - completed - failed; }
    int done() const { return completed + failed; }

    /// Buckets the history into at most `buckets` points between the first scheduling and the last
    /// completion (or `now` while work is pending): O(history + buckets), so a 10,000-activity
    /// fan-out stays cheap to recompute on every live update.
    static FanOutSeries build(const History &history, int buckets = 120, const QDateTime &now = {});
};

} // namespace durable::models
