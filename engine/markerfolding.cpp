#include "markerfolding.h"

namespace durable {

namespace {

    bool isMarker(EventType type)
    {
        return type == EventType::OrchestratorStarted || type == EventType::OrchestratorCompleted;
    }

    /// A marker that unfolding rebuilds exactly: only its type, sequence and time carry anything.
    bool isPlainMarker(const HistoryEvent &e)
    {
        return isMarker(e.type) && e.eventId == -1 && e.taskId == -1 && e.name.isEmpty() && e.data.isEmpty()
            && e.encodedData.isEmpty() && e.timestamp.isValid();
    }

    HistoryEvent marker(EventType type, qint64 sequence, const QDateTime &at)
    {
        HistoryEvent e;
        e.sequence = sequence;
        e.type = type;
        e.timestamp = at;
        return e;
    }

} // namespace

QList<FoldedRow> foldMarkers(const History &events)
{
    const qsizetype n = events.size();
    // folded[i]: events[i] is a plain marker kept in its neighbour's row.
    QList<bool> folded(n, false);
    for (qsizetype i = 0; i < n; ++i) {
        const HistoryEvent &e = events.at(i);
        if (!isPlainMarker(e))
            continue;
        if (e.type == EventType::OrchestratorStarted)
            folded[i] = i + 1 < n && !isMarker(events.at(i + 1).type) && events.at(i + 1).sequence == e.sequence + 1;
        else
            folded[i] = i > 0 && !isMarker(events.at(i - 1).type) && events.at(i - 1).sequence == e.sequence - 1;
    }
    QList<FoldedRow> rows;
    rows.reserve(n);
    for (qsizetype i = 0; i < n; ++i) {
        if (folded.at(i))
            continue;
        FoldedRow row { &events.at(i), {}, {} };
        // A folded neighbour of the other kind belongs to the row beyond it.
        if (i > 0 && folded.at(i - 1) && events.at(i - 1).type == EventType::OrchestratorStarted)
            row.openedAt = events.at(i - 1).timestamp;
        if (i + 1 < n && folded.at(i + 1) && events.at(i + 1).type == EventType::OrchestratorCompleted)
            row.closedAt = events.at(i + 1).timestamp;
        rows.append(row);
    }
    return rows;
}

void unfoldRow(History &history, HistoryEvent row, const std::optional<QDateTime> &openedAt,
               const std::optional<QDateTime> &closedAt)
{
    const qint64 sequence = row.sequence;
    if (openedAt)
        history.append(marker(EventType::OrchestratorStarted, sequence - 1, *openedAt));
    history.append(std::move(row));
    if (closedAt)
        history.append(marker(EventType::OrchestratorCompleted, sequence + 1, *closedAt));
}

} // namespace durable
