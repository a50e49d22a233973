#pragma once

#include "types.h"

#include <optional>

namespace durable {

// How the stores keep a history in fewer rows. Every episode is bracketed by OrchestratorStarted
// and OrchestratorCompleted; a chain step is four events, two of them markers that carry nothing
// but a time. A store keeps a plain marker (no ids, no name, no data) in the row of its neighbour
// in the same episode: an OrchestratorStarted in the event after it ("opened at"), an
// OrchestratorCompleted in the event before it ("closed at"). Reading brings them back at their
// own sequence numbers, so every reader (replay, HTTP API, GUI, sidecar, bundles) sees the
// history as it was appended. A marker that cannot fold (custom status in its data, no plain
// neighbour in the same append) stays a row of its own; a history written before folding existed
// reads unchanged.
//
// Pure functions of their arguments: no state, callable from any thread.

/// One row to store: the event, and the markers folded into it.
struct FoldedRow {
    const HistoryEvent *event = nullptr;
    std::optional<QDateTime> openedAt; ///< an OrchestratorStarted at sequence - 1
    std::optional<QDateTime> closedAt; ///< an OrchestratorCompleted at sequence + 1
};

/// The rows that keep `events` (one append, numbered consecutively). Pointers into `events`.
QList<FoldedRow> foldMarkers(const History &events);

/// Appends a stored row to `history` with the markers folded into it, in sequence order.
void unfoldRow(History &history, HistoryEvent row, const std::optional<QDateTime> &openedAt,
               const std::optional<QDateTime> &closedAt);

} // namespace durable
