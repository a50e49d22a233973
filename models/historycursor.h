#pragma once

#include <historyvocabulary.h>
#include <types.h>

#include <optional>

namespace durable::models {

/// A scheduled piece of work as seen from a cursor position.
struct CursorWork {
    EventType scheduledAs = EventType::TaskScheduled; ///< TaskScheduled, SubOrchestrationInstanceCreated, TimerCreated
    int actionId = -1;
    QString name;
    qint64 scheduledSequence = -1;
    QDateTime scheduledAt;
    QDateTime fireAt; ///< timers only
    /// Completions only: TaskCompleted, TaskFailed, TimerFired, SubOrchestrationInstance*.
    std::optional<EventType> outcome;
    qint64 completedSequence = -1;
    QJsonValue result; ///< result or failure details
};

/// The orchestration as it stood right after the event at a cursor position.
struct CursorState {
    int position = -1; ///< index into the history; -1 for an empty history
    HistoryEvent event;
    QList<CursorWork> pending; ///< scheduled and not completed yet, in scheduling order
    QList<CursorWork> completed; ///< completed up to here, in completion order
    QStringList eventsReceived; ///< EventRaised names up to here
    bool customStatusKnown = false; ///< an OrchestratorCompleted up to here recorded a custom status
    QJsonValue customStatus;
    QList<LogLine> logs; ///< lines emitted at or before this history position
    bool finished = false; ///< ExecutionCompleted/Terminated/ContinueAsNew reached
};

/// Steps through one execution's history. A pure function of (history, logs, position), so the
/// side panel of the timeline and the tests compute the same thing. Scheduled work is paired with its
/// completion by HistoryPairing, built once per history; a state is then linear in the position.
class HistoryCursor {
public:
    HistoryCursor() = default;
    HistoryCursor(History history, QList<LogLine> logs);

    void setHistory(History history);
    void setLogs(QList<LogLine> logs) { m_logs = std::move(logs); }
    /// The instance's current custom status, shown at the last position. The history records each
    /// change on the episode's OrchestratorCompleted event; this covers a status that was set before
    /// the recorded history (continue-as-new carries it over) or by an engine that did not record it.
    void setCurrentCustomStatus(const QJsonValue &status) { m_currentCustomStatus = status; }
    const History &history() const { return m_history; }
    int count() const { return int(m_history.size()); }

    /// State after the event at `position` (clamped to the history).
    CursorState stateAt(int position) const;
    /// As stateAt, for a history without a cursor; pairs the whole history first (linear in its length).
    static CursorState compute(const History &history, const QList<LogLine> &logs, int position,
                               const QJsonValue &currentCustomStatus = QJsonValue(QJsonValue::Undefined));

private:
    static CursorState compute(const History &history, const HistoryPairing &pairing, const QList<LogLine> &logs,
                               int position, const QJsonValue &currentCustomStatus);

    History m_history;
    HistoryPairing m_pairing; // of m_history, rebuilt with it
    QList<LogLine> m_logs;
    QJsonValue m_currentCustomStatus = QJsonValue(QJsonValue::Undefined);
};

} // namespace durable::models
