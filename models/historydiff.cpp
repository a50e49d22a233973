#include "historydiff.h"

#include "formatting.h"

#include <historyvocabulary.h>

#include <QColor>
#include <QHash>

#include <algorithm>
#include <limits>

namespace durable::models {

namespace {

    std::optional<RunAction::Kind> actionKind(EventType type)
    {
        switch (type) {
        case EventType::TaskScheduled:
            return RunAction::Kind::Activity;
        case EventType::SubOrchestrationInstanceCreated:
            return RunAction::Kind::SubOrchestration;
        case EventType::TimerCreated:
            return RunAction::Kind::Timer;
        case EventType::EventSent:
            return RunAction::Kind::EventSent;
        default:
            return std::nullopt;
        }
    }

    QJsonValue valueOf(const QJsonObject &data, const QString &key)
    {
        return data.contains(key) ? data.value(key) : QJsonValue(QJsonValue::Undefined);
    }

    /// What a completion or an end event reports: its failure, result, new input or reason.
    QJsonValue outputOf(const HistoryEvent &e)
    {
        for (const auto *key : { "failure", "result", "input", "reason" }) {
            if (e.data.contains(QLatin1String(key)))
                return e.data.value(QLatin1String(key));
        }
        return QJsonValue(QJsonValue::Undefined);
    }

    QString key(const RunAction &a)
    {
        return QStringLiteral("%1\x1f%2\x1f%3").arg(int(a.kind)).arg(a.actionId).arg(a.name);
    }

    /// Who the timing sentence names: "Activity F2", "Sub-orchestration Child", "The run".
    QString subject(const RunAction &a)
    {
        switch (a.kind) {
        case RunAction::Kind::Activity:
            return HistoryDiffModel::tr("Activity %1").arg(a.name);
        case RunAction::Kind::SubOrchestration:
            return HistoryDiffModel::tr("Sub-orchestration %1").arg(a.name);
        case RunAction::Kind::Timer:
            return HistoryDiffModel::tr("Timer #%1").arg(a.actionId);
        case RunAction::Kind::End:
            return HistoryDiffModel::tr("The run");
        default:
            return a.label();
        }
    }

    /// Indexes (into `values`) of one longest strictly increasing subsequence, O(n log n).
    QList<int> longestIncreasing(const QList<int> &values)
    {
        QList<int> tails; // index of the smallest tail of an increasing run of each length
        QList<int> previous(values.size(), -1);
        for (int i = 0; i < values.size(); ++i) {
            const auto it = std::lower_bound(tails.begin(), tails.end(), values.at(i),
                                             [&](int index, int value) { return values.at(index) < value; });
            if (it != tails.begin())
                previous[i] = *(it - 1);
            if (it == tails.end())
                tails.append(i);
            else
                *it = i;
        }
        QList<int> result;
        for (int i = tails.isEmpty() ? -1 : tails.last(); i >= 0; i = previous.at(i))
            result.prepend(i);
        return result;
    }

} // namespace

QString RunAction::outcomeText() const
{
    if (kind == Kind::End) {
        if (failure)
            return HistoryDiffModel::tr("failed");
        if (outcome == EventType::ExecutionTerminated)
            return HistoryDiffModel::tr("terminated");
        if (outcome == EventType::ContinueAsNew)
            return HistoryDiffModel::tr("continued as new");
        return HistoryDiffModel::tr("completed");
    }
    if (kind == Kind::Start || kind == Kind::EventSent || kind == Kind::EventRaised)
        return HistoryDiffModel::tr("recorded");
    if (endPosition < 0)
        return HistoryDiffModel::tr("not completed");
    if (kind == Kind::Timer)
        return HistoryDiffModel::tr("fired");
    return failure ? HistoryDiffModel::tr("failed") : HistoryDiffModel::tr("completed");
}

QString RunAction::label() const
{
    switch (kind) {
    case Kind::Start:
        return HistoryDiffModel::tr("start");
    case Kind::End:
        return HistoryDiffModel::tr("end");
    case Kind::Timer:
        return HistoryDiffModel::tr("timer #%1").arg(actionId);
    case Kind::EventRaised:
        return actionId > 0 ? HistoryDiffModel::tr("event %1 (%2)").arg(name).arg(actionId + 1)
                            : HistoryDiffModel::tr("event %1").arg(name);
    default:
        return QStringLiteral("%1 (#%2)").arg(name).arg(actionId);
    }
}

QList<RunAction> runActions(const History &history)
{
    const HistoryPairing pairing(history);
    QList<RunAction> actions;
    QHash<QString, int> raised; // occurrences per event name
    bool started = false;
    for (int i = 0; i < history.size(); ++i) {
        const auto &e = history.at(i);
        RunAction a;
        a.position = i;
        a.sequence = e.sequence;
        a.name = e.name;
        if (e.type == EventType::ExecutionStarted && !started) {
            started = true;
            a.kind = RunAction::Kind::Start;
            a.input = valueOf(e.data, QStringLiteral("input"));
        } else if (const auto kind = actionKind(e.type)) {
            a.kind = *kind;
            a.actionId = e.eventId;
            // A timer's due time is absolute: it differs between any two runs, so it is no input.
            if (a.kind != RunAction::Kind::Timer)
                a.input = valueOf(e.data, QStringLiteral("input"));
            if (const auto end = pairing.completionOf(i); end >= 0) {
                const auto &c = history.at(end);
                a.endPosition = int(end);
                a.endSequence = c.sequence;
                a.outcome = c.type;
                a.failure = isFailure(c.type);
                if (a.kind != RunAction::Kind::Timer)
                    a.output = outputOf(c);
                if (e.timestamp.isValid() && c.timestamp.isValid())
                    a.durationMs = e.timestamp.msecsTo(c.timestamp);
            }
        } else if (e.type == EventType::EventRaised) {
            a.kind = RunAction::Kind::EventRaised;
            a.actionId = raised[e.name]++;
            a.input = valueOf(e.data, QStringLiteral("input"));
        } else if (endsExecution(e.type)) {
            a.kind = RunAction::Kind::End;
            a.name.clear();
            a.endPosition = i;
            a.endSequence = e.sequence;
            a.outcome = e.type;
            a.failure = e.data.value(QStringLiteral("status")).toInt(-1) == int(RuntimeStatus::Failed);
            a.output = outputOf(e);
            if (!history.isEmpty() && history.first().timestamp.isValid() && e.timestamp.isValid())
                a.durationMs = history.first().timestamp.msecsTo(e.timestamp);
        } else {
            continue;
        }
        actions.append(a);
    }
    return actions;
}

double HistoryDiff::Row::ratio() const
{
    if (!left || !right || left->durationMs < 0 || right->durationMs < 0)
        return 0;
    const auto [fast, slow] = std::minmax(left->durationMs, right->durationMs);
    return double(slow) / double(std::max<qint64>(fast, 1));
}

HistoryDiff HistoryDiff::compare(const History &leftHistory, const History &rightHistory)
{
    const auto left = runActions(leftHistory);
    const auto right = runActions(rightHistory);
    // Match by kind, action id and name; each right action pairs with at most one left one.
    QHash<QString, QList<int>> rightByKey;
    for (int j = right.size() - 1; j >= 0; --j)
        rightByKey[key(right.at(j))].append(j); // reversed: takeLast() yields the first
    QList<int> partnerOfLeft(left.size(), -1);
    QList<int> partnerOfRight(right.size(), -1);
    for (int i = 0; i < left.size(); ++i) {
        auto it = rightByKey.find(key(left.at(i)));
        if (it != rightByKey.end() && !it->isEmpty()) {
            partnerOfLeft[i] = it->takeLast();
            partnerOfRight[partnerOfLeft.at(i)] = i;
        }
    }
    // Unmatched right actions go after the row of the matched right action before them.
    QHash<int, QList<int>> rightOnlyAfter; // left index (-1: before everything) -> right indexes
    int anchor = -1;
    for (int j = 0; j < right.size(); ++j) {
        if (partnerOfRight.at(j) >= 0)
            anchor = partnerOfRight.at(j);
        else
            rightOnlyAfter[anchor].append(j);
    }
    HistoryDiff diff;
    // Right-only rows wait until the next matched row; left-only rows between interleave with them
    // by event number, so that F3 (#5) on one side sits next to F3 (#6) on the other.
    QList<int> waiting = rightOnlyAfter.value(-1);
    const auto flush = [&](qint64 before) {
        while (!waiting.isEmpty() && right.at(waiting.first()).sequence <= before)
            diff.rows.append(Row { std::nullopt, right.at(waiting.takeFirst()), Missing });
    };
    for (int i = 0; i < left.size(); ++i) {
        Row row { left.at(i), std::nullopt, None };
        if (partnerOfLeft.at(i) < 0) {
            flush(left.at(i).sequence);
            row.differences = Missing;
        } else {
            flush(std::numeric_limits<qint64>::max());
            const auto &a = left.at(i);
            const auto &b = right.at(partnerOfLeft.at(i));
            row.right = b;
            if (a.outcome != b.outcome || a.failure != b.failure)
                row.differences |= Outcome;
            if (a.input != b.input)
                row.differences |= Input;
            if (a.output != b.output)
                row.differences |= Output;
            if (a.durationMs >= 0 && b.durationMs >= 0 && row.ratio() >= TimingRatio
                && std::abs(a.durationMs - b.durationMs) >= TimingMinMs)
                row.differences |= Timing;
        }
        diff.rows.append(row);
        waiting.append(rightOnlyAfter.value(i));
    }
    flush(std::numeric_limits<qint64>::max());
    // Order: among the actions completed on both sides, those outside a longest run completed in
    // the same order on both sides moved (one swap flags one action, not every one after it).
    QList<int> rowsByLeftEnd;
    for (int r = 0; r < diff.rows.size(); ++r) {
        const auto &row = diff.rows.at(r);
        if (row.left && row.right && row.left->endPosition >= 0 && row.right->endPosition >= 0
            && row.left->kind != RunAction::Kind::End)
            rowsByLeftEnd.append(r);
    }
    std::ranges::sort(rowsByLeftEnd, [&](int a, int b) {
        return diff.rows.at(a).left->endPosition < diff.rows.at(b).left->endPosition;
    });
    QList<int> rightEnds;
    for (int r : rowsByLeftEnd)
        rightEnds.append(diff.rows.at(r).right->endPosition);
    QList<bool> inOrder(rowsByLeftEnd.size(), false);
    for (int k : longestIncreasing(rightEnds))
        inOrder[k] = true;
    for (int k = 0; k < rowsByLeftEnd.size(); ++k) {
        if (!inOrder.at(k)) {
            diff.rows[rowsByLeftEnd.at(k)].differences |= Order;
            ++diff.orderRows;
        }
    }
    double largest = 0;
    for (int r = 0; r < diff.rows.size(); ++r) {
        const auto &row = diff.rows.at(r);
        if (diff.divergenceRow < 0 && (row.differences & (Missing | Outcome)))
            diff.divergenceRow = r;
        if (diff.firstOutputRow < 0 && !(row.differences & (Missing | Outcome)) && (row.differences & (Input | Output)))
            diff.firstOutputRow = r;
        // The run's own duration only when no action explains it.
        if ((row.differences & Timing) && row.left->kind != RunAction::Kind::End && row.ratio() > largest) {
            largest = row.ratio();
            diff.timingRow = r;
        }
    }
    if (diff.timingRow < 0 && !diff.rows.isEmpty() && (diff.rows.last().differences & Timing))
        diff.timingRow = int(diff.rows.size()) - 1;
    return diff;
}

bool HistoryDiff::identical() const
{
    return std::ranges::all_of(rows, [](const Row &row) { return row.differences == None; });
}

QString HistoryDiff::summary() const
{
    QStringList sentences;
    if (divergenceRow >= 0) {
        const auto &row = rows.at(divergenceRow);
        if (row.left && row.right) {
            const qint64 at = row.left->endSequence >= 0 ? row.left->endSequence : row.left->sequence;
            sentences << HistoryDiffModel::tr("Diverges at event %1: %2 %3 on the left, %4 on the right.")
                             .arg(at)
                             .arg(row.left->label(), row.left->outcomeText(), row.right->outcomeText());
        } else if (row.left) {
            sentences << HistoryDiffModel::tr("Diverges at event %1: %2 only on the left.")
                             .arg(row.left->sequence)
                             .arg(row.left->label());
        } else {
            sentences << HistoryDiffModel::tr("Diverges at event %1: %2 only on the right.")
                             .arg(row.right->sequence)
                             .arg(row.right->label());
        }
    } else if (firstOutputRow >= 0) {
        const auto &row = rows.at(firstOutputRow);
        sentences << ((row.differences & Output) ? HistoryDiffModel::tr("Identical actions; outputs differ at %1.")
                                                 : HistoryDiffModel::tr("Identical actions; inputs differ at %1."))
                         .arg(row.left->label());
    } else {
        sentences << HistoryDiffModel::tr("Identical actions, inputs and outputs.");
    }
    if (timingRow >= 0) {
        const auto &row = rows.at(timingRow);
        sentences << HistoryDiffModel::tr("%1 took %2 vs %3.")
                         .arg(subject(*row.left), formatDuration(row.left->durationMs),
                              formatDuration(row.right->durationMs));
    }
    if (orderRows > 0 && divergenceRow < 0)
        sentences << HistoryDiffModel::tr("%n action(s) completed in another order.", nullptr, orderRows);
    return sentences.join(u' ');
}

void HistoryDiffModel::setDiff(const HistoryDiff &diff)
{
    beginResetModel();
    m_diff = diff;
    endResetModel();
}

int HistoryDiffModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_diff.rows.size());
}

int HistoryDiffModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString HistoryDiffModel::differencesText(HistoryDiff::Differences differences)
{
    QStringList parts;
    if (differences & HistoryDiff::Missing)
        parts << tr("one side only");
    if (differences & HistoryDiff::Outcome)
        parts << tr("outcome");
    if (differences & HistoryDiff::Input)
        parts << tr("input");
    if (differences & HistoryDiff::Output)
        parts << tr("output");
    if (differences & HistoryDiff::Timing)
        parts << tr("timing");
    if (differences & HistoryDiff::Order)
        parts << tr("order");
    return parts.join(QStringLiteral(", "));
}

QVariant HistoryDiffModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &row = m_diff.rows.at(index.row());
    const int column = index.column();
    const bool leftColumn = column >= LeftEvent && column <= LeftDuration;
    const bool rightColumn = column >= RightEvent && column <= RightDuration;
    const auto &side = leftColumn ? row.left : row.right;
    if (role == DifferencesRole)
        return int(row.differences);
    if (role == Qt::BackgroundRole) {
        // Translucent, so that light and dark palettes both keep their text readable.
        if ((leftColumn && !row.left) || (rightColumn && !row.right))
            return QColor(128, 128, 128, 70);
        const bool differs = (column == Action && row.differences != HistoryDiff::None)
            || ((column == LeftOutcome || column == RightOutcome) && (row.differences & HistoryDiff::Outcome))
            || ((column == LeftDuration || column == RightDuration || column == Ratio)
                && (row.differences & HistoryDiff::Timing))
            || ((column == LeftEvent || column == RightEvent) && (row.differences & HistoryDiff::Order))
            || (column == Differs && row.differences != HistoryDiff::None);
        return differs ? QVariant(QColor(255, 179, 0, 90)) : QVariant();
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Action:
        return (row.left ? row.left : row.right)->label();
    case LeftEvent:
    case RightEvent:
        if (!side)
            return {};
        return side->endSequence >= 0 && side->endSequence != side->sequence
            ? QStringLiteral("%1 → %2").arg(side->sequence).arg(side->endSequence)
            : QString::number(side->sequence >= 0 ? side->sequence : side->endSequence);
    case LeftOutcome:
    case RightOutcome:
        return side ? side->outcomeText() : QVariant();
    case LeftDuration:
    case RightDuration:
        return side && side->durationMs >= 0 ? formatDuration(side->durationMs) : QVariant();
    case Ratio:
        return row.ratio() > 0 ? QStringLiteral("×%1").arg(row.ratio(), 0, 'f', 1) : QVariant();
    case Differs:
        return differencesText(row.differences);
    default:
        return {};
    }
}

QVariant HistoryDiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Action:
        return tr("Action");
    case LeftEvent:
        return tr("Left: events");
    case LeftOutcome:
        return tr("Left: outcome");
    case LeftDuration:
        return tr("Left: took");
    case RightEvent:
        return tr("Right: events");
    case RightOutcome:
        return tr("Right: outcome");
    case RightDuration:
        return tr("Right: took");
    case Ratio:
        return tr("Ratio");
    case Differs:
        return tr("Differs in");
    default:
        return {};
    }
}

} // namespace durable::models
