#include "fanoutseries.h"

#include <historyvocabulary.h>

#include <algorithm>
#include <array>
#include <vector>

namespace durable::models {

FanOutSeries FanOutSeries::build(const History &history, int buckets, const QDateTime &now)
{
    FanOutSeries series;
    struct Mark {
        qint64 ms;
        int kind; // 0 scheduled, 1 completed, 2 failed
    };
    std::vector<Mark> marks;
    const HistoryPairing pairing(history);
    bool workPending = false;
    for (qsizetype i = 0; i < history.size(); ++i) {
        const auto &e = history.at(i);
        if (schedulesWork(e.type)) {
            marks.push_back({ e.timestamp.toMSecsSinceEpoch(), 0 });
            ++series.total;
            workPending |= pairing.completionOf(i) < 0;
            continue;
        }
        // Only completions of work count; a fired timer is no work done.
        const qsizetype scheduling = pairing.scheduledOf(i);
        if (scheduling < 0 || !schedulesWork(history.at(scheduling).type))
            continue;
        const bool failed = isFailure(e.type);
        marks.push_back({ e.timestamp.toMSecsSinceEpoch(), failed ? 2 : 1 });
        ++(failed ? series.failed : series.completed);
    }
    if (marks.empty() || buckets < 1)
        return series;
    qint64 first = marks.front().ms;
    qint64 last = first;
    for (const auto &m : marks) {
        first = std::min(first, m.ms);
        last = std::max(last, m.ms);
    }
    if (workPending && now.isValid())
        last = std::max(last, now.toMSecsSinceEpoch());
    const qint64 span = std::max<qint64>(last - first, 1);
    const int count = int(std::min<qint64>(buckets, span));
    std::vector<std::array<int, 3>> perBucket(count + 1, { 0, 0, 0 });
    for (const auto &m : marks) {
        // Bucket b covers (first + span*(b-1)/count, first + span*b/count]; bucket 0 is the start.
        const qint64 offset = m.ms - first;
        const int b = offset <= 0 ? 0 : int((offset * count + span - 1) / span);
        ++perBucket[std::clamp(b, 0, count)][m.kind];
    }
    FanOutPoint point;
    for (int b = 0; b <= count; ++b) {
        point.time = QDateTime::fromMSecsSinceEpoch(first + span * b / count, Qt::UTC);
        point.scheduled += perBucket[b][0];
        point.completed += perBucket[b][1];
        point.failed += perBucket[b][2];
        point.running = point.scheduled - point.completed - point.failed;
        series.points.append(point);
    }
    return series;
}

} // namespace durable::models
