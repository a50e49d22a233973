#include "historymodel.h"

#include "eventnames.h"
#include "formatting.h"

namespace durable::models {

void HistoryModel::setHistory(const History &history)
{
    const bool extends = !m_history.isEmpty() && history.size() > m_history.size()
        && history.first() == m_history.first() && history.at(m_history.size() - 1) == m_history.last();
    if (extends) {
        const auto from = m_history.size();
        beginInsertRows({}, int(from), int(history.size() - 1));
        m_history = history;
        indexNames(from);
        endInsertRows();
        return;
    }
    if (history == m_history)
        return;
    beginResetModel();
    m_history = history;
    m_actionNames.clear();
    indexNames(0);
    endResetModel();
}

void HistoryModel::indexNames(qsizetype from)
{
    for (auto i = from; i < m_history.size(); ++i) {
        const auto &e = m_history.at(i);
        if (e.eventId >= 0 && !e.name.isEmpty())
            m_actionNames.insert(e.eventId, e.name);
    }
}

void HistoryModel::setReadableNames(bool readable)
{
    if (readable == m_readableNames)
        return;
    m_readableNames = readable;
    if (!m_history.isEmpty())
        Q_EMIT dataChanged(index(0, Type), index(rowCount() - 1, Type), { Qt::DisplayRole, Qt::ToolTipRole });
}

int HistoryModel::rowOfSequence(qint64 sequence) const
{
    // Sequences are dense from 0 in the engine; fall back to a scan for partial histories.
    if (sequence >= 0 && sequence < m_history.size() && m_history.at(sequence).sequence == sequence)
        return int(sequence);
    for (int i = 0; i < m_history.size(); ++i) {
        if (m_history.at(i).sequence == sequence)
            return i;
    }
    return -1;
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_history.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QJsonValue HistoryModel::payloadOf(const HistoryEvent &event)
{
    static const QStringList keys { QStringLiteral("result"), QStringLiteral("input"),  QStringLiteral("failure"),
                                    QStringLiteral("reason"), QStringLiteral("fireAt"), QStringLiteral("output") };
    for (const auto &key : keys) {
        if (event.data.contains(key))
            return event.data.value(key);
    }
    return event.data.isEmpty() ? QJsonValue() : QJsonValue(event.data);
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &e = m_history.at(index.row());
    const int correlation = e.eventId >= 0 ? e.eventId : e.taskId;
    switch (role) {
    case EventTypeRole:
        return int(e.type);
    case SequenceRole:
        return e.sequence;
    case CorrelationIdRole:
        return correlation;
    case Qt::ToolTipRole:
        if (index.column() == Payload)
            return jsonPreview(e.data, 4000);
        if (index.column() == Type) // the other name of the two
            return m_readableNames ? eventTypeName(e.type) : EventNames::readable(e);
        return data(index, Qt::DisplayRole);
    case Qt::DisplayRole:
        switch (index.column()) {
        case Sequence:
            return e.sequence;
        case Type:
            if (m_readableNames)
                return EventNames::readable(e);
            // The engine's names; a GenericEvent's alone tells nothing, so it says what it is.
            return e.type == EventType::GenericEvent
                ? QStringLiteral("%1 (%2)").arg(eventTypeName(e.type), EventNames::readable(e))
                : eventTypeName(e.type);
        case ActionId:
            return correlation >= 0 ? QVariant(correlation) : QVariant();
        case Name:
            // Completions carry only the action id; show the name of what they complete.
            return e.name.isEmpty() && e.taskId >= 0 ? m_actionNames.value(e.taskId) : e.name;
        case Timestamp:
            return e.timestamp.isValid() ? e.timestamp.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"))
                                         : QString();
        case Payload:
            return jsonPreview(payloadOf(e));
        }
    }
    return {};
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Sequence:
        return tr("#");
    case Type:
        return tr("Event");
    case ActionId:
        return tr("Id");
    case Name:
        return tr("Name");
    case Timestamp:
        return tr("Time");
    case Payload:
        return tr("Payload");
    }
    return {};
}

void HistoryTypeFilterProxy::setAcceptedTypes(const QSet<EventType> &types)
{
    if (types == m_types)
        return;
    m_types = types;
    invalidateFilter();
}

void HistoryTypeFilterProxy::setCompact(bool compact)
{
    if (compact == m_compact)
        return;
    m_compact = compact;
    invalidateFilter();
}

bool HistoryTypeFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const auto index = sourceModel()->index(sourceRow, 0, sourceParent);
    const auto type = EventType(index.data(HistoryModel::EventTypeRole).toInt());
    if (m_compact && EventNames::isEpisodeMarker(type))
        return false;
    return m_types.isEmpty() || m_types.contains(type);
}

} // namespace durable::models
