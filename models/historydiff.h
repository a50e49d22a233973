#pragma once

#include <types.h>

#include <QAbstractTableModel>

#include <optional>

namespace durable::models {

/// One action of a run as the comparison sees it: a scheduled step (activity, sub-orchestration,
/// timer, event sent) with its completion, or an event of the execution itself (its start, its
/// end, an event raised). Positions are history indexes; `sequence` numbers are shown to users.
struct RunAction {
    enum class Kind { Start, Activity, SubOrchestration, Timer, EventSent, EventRaised, End };
    Kind kind = Kind::Activity;
    int actionId = -1; ///< the action's id; for raised events the occurrence of that name (0, 1, …)
    QString name;
    int position = -1; ///< scheduling event (or the event itself)
    int endPosition = -1; ///< completion, -1 when none (pending, or an event without one)
    qint64 sequence = -1; ///< of the scheduling event
    qint64 endSequence = -1;
    EventType outcome = EventType::GenericEvent; ///< type of the completion (or of the end event)
    QJsonValue input; ///< undefined when the event carries none
    QJsonValue output; ///< result or failure; undefined when none
    qint64 durationMs = -1; ///< scheduling to completion (the end: the whole run); -1 when not completed
    bool failure = false; ///< failed completion, or an end with status Failed

    bool failed() const { return failure; }
    /// "completed", "failed", "fired", "pending", … for the summary line.
    QString outcomeText() const;
    /// "F2 (#3)", "timer #4", "start", … as the comparison names the action.
    QString label() const;
};

/// The actions of one history in the order they were scheduled (the end last).
QList<RunAction> runActions(const History &history);

/// Two histories aligned by action: rows pair actions with the same kind, action id and name;
/// an action that only one side has leaves a gap on the other. Rows follow the left run's order;
/// the right run's unmatched actions come before the next matched row, interleaved by event
/// number with the left run's unmatched ones there. Pure data, built in O(n + m) (matching through a hash); no Qt
/// object.
struct HistoryDiff {
    enum Difference {
        None = 0,
        Missing = 1, ///< only one side has the action
        Outcome = 2, ///< completed on one side, failed (or pending) on the other
        Input = 4,
        Output = 8,
        Timing = 16, ///< durations differ by a factor of at least TimingRatio and TimingMinMs
        Order = 32, ///< completed in a different place among the matched actions
    };
    Q_DECLARE_FLAGS(Differences, Difference)

    struct Row {
        std::optional<RunAction> left;
        std::optional<RunAction> right;
        Differences differences;
        /// Slower over faster duration, 0 when not both completed.
        double ratio() const;
    };

    static constexpr double TimingRatio = 2.0;
    static constexpr qint64 TimingMinMs = 100;

    QList<Row> rows;
    int divergenceRow = -1; ///< first row (in the left run's order) with a gap or another outcome
    int firstOutputRow = -1; ///< first row whose input or output differs (outcomes alike)
    int timingRow = -1; ///< the row with the largest timing difference
    int orderRows = 0; ///< rows flagged Order

    static HistoryDiff compare(const History &left, const History &right);
    /// One or two sentences: where the runs diverge ("Diverges at event 12: F3 failed on the
    /// left, completed on the right."), else which outputs differ, and the largest timing
    /// difference; "Identical actions, inputs and outputs." when nothing differs.
    QString summary() const;
    bool identical() const;
};

Q_DECLARE_OPERATORS_FOR_FLAGS(HistoryDiff::Differences)

/// A HistoryDiff as a table: the action, each side's event, outcome and duration, the ratio, and
/// what differs. Rows with differences carry a background (gaps grey, differences highlighted).
class HistoryDiffModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Action,
        LeftEvent,
        LeftOutcome,
        LeftDuration,
        RightEvent,
        RightOutcome,
        RightDuration,
        Ratio,
        Differs,
        ColumnCount
    };
    enum Role { DifferencesRole = Qt::UserRole + 1 };

    using QAbstractTableModel::QAbstractTableModel;
    void setDiff(const HistoryDiff &diff);
    const HistoryDiff &diff() const { return m_diff; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    /// "outcome, output, timing" for a row's differences.
    static QString differencesText(HistoryDiff::Differences differences);

private:
    HistoryDiff m_diff;
};

} // namespace durable::models
