#include "logmodel.h"

namespace durable::models {

void LogModel::setLines(const QList<LogLine> &lines)
{
    beginResetModel();
    m_lines = lines;
    endResetModel();
}

void LogModel::appendLines(const QList<LogLine> &lines)
{
    QList<LogLine> fresh;
    const auto last = lastId();
    for (const auto &line : lines) {
        if (line.id > last && (fresh.isEmpty() || line.id > fresh.last().id))
            fresh.append(line);
    }
    if (fresh.isEmpty())
        return;
    beginInsertRows({}, int(m_lines.size()), int(m_lines.size() + fresh.size() - 1));
    m_lines.append(fresh);
    endInsertRows();
}

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

int LogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &line = m_lines.at(index.row());
    switch (role) {
    case ReplayingRole:
        return line.replaying;
    case HistorySequenceRole:
        return line.historySequence;
    case LevelRole:
        return int(line.level);
    case LineIdRole:
        return line.id;
    case Qt::ToolTipRole:
        if (line.replaying)
            return tr("Logged again while the orchestrator replayed its history (history event #%1)")
                .arg(line.historySequence);
        return tr("History event #%1").arg(line.historySequence);
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time:
            return line.timestamp.isValid() ? line.timestamp.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"))
                                            : QString();
        case Level:
            return logLevelName(line.level);
        case Source:
            return line.taskId >= 0 ? QStringLiteral("%1 #%2").arg(line.source).arg(line.taskId) : line.source;
        case Replay:
            return line.replaying ? tr("replay") : QString();
        case Message:
            return line.message;
        }
    }
    return {};
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time:
        return tr("Time");
    case Level:
        return tr("Level");
    case Source:
        return tr("Source");
    case Replay:
        return tr("Replay");
    case Message:
        return tr("Message");
    }
    return {};
}

void LogFilterProxy::setHideReplayed(bool hide)
{
    if (hide == m_hideReplayed)
        return;
    m_hideReplayed = hide;
    invalidateFilter();
}

bool LogFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_hideReplayed)
        return true;
    return !sourceModel()->index(sourceRow, 0, sourceParent).data(LogModel::ReplayingRole).toBool();
}

} // namespace durable::models
