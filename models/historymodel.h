#pragma once

#include <types.h>

#include <QAbstractTableModel>
#include <QHash>
#include <QSortFilterProxyModel>

namespace durable::models {

/// The history table of one execution. setHistory() with a longer history of the same execution
/// appends rows (live updates keep the selection); anything else resets.
class HistoryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Sequence, Type, ActionId, Name, Timestamp, Payload, ColumnCount };
    enum Role {
        EventTypeRole = Qt::UserRole + 1, ///< int value of durable::EventType
        SequenceRole, ///< qint64
        CorrelationIdRole, ///< action id: eventId for scheduling events, taskId for completions, else -1
    };

    using QAbstractTableModel::QAbstractTableModel;

    void setHistory(const History &history);
    /// Type column: readable names (EventNames::readable, the default) or the engine's type names,
    /// as the "All events" view shows them (a GenericEvent still says what it is).
    void setReadableNames(bool readable);
    bool readableNames() const { return m_readableNames; }
    const History &history() const { return m_history; }
    /// Row of the event with that sequence number, -1 if absent.
    int rowOfSequence(qint64 sequence) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// The payload worth previewing for an event: result, input, failure, reason, ... or the data.
    static QJsonValue payloadOf(const HistoryEvent &event);

private:
    void indexNames(qsizetype from);

    History m_history;
    QHash<int, QString> m_actionNames; ///< action id -> name of its scheduling event
    bool m_readableNames = true;
};

/// Shows only events of the accepted types (all when the set is empty); compact (the default)
/// (set by the History page by default) also hides the episode markers (OrchestratorStarted/Completed).
class HistoryTypeFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setAcceptedTypes(const QSet<EventType> &types);
    const QSet<EventType> &acceptedTypes() const { return m_types; }
    void setCompact(bool compact);
    bool isCompact() const { return m_compact; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QSet<EventType> m_types;
    bool m_compact = false;
};

} // namespace durable::models
