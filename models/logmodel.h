#pragma once

#include <types.h>

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

namespace durable::models {

/// Log lines of one execution in emission order; appendLines() for live increments.
class LogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Time, Level, Source, Replay, Message, ColumnCount };
    enum Role {
        ReplayingRole = Qt::UserRole + 1, ///< bool: emitted while the orchestrator replayed
        HistorySequenceRole, ///< qint64: history position the line was emitted at
        LevelRole, ///< int value of durable::LogLevel
        LineIdRole, ///< qint64
    };

    using QAbstractTableModel::QAbstractTableModel;

    void setLines(const QList<LogLine> &lines);
    /// Appends lines with ids above the last one held; others are ignored.
    void appendLines(const QList<LogLine> &lines);
    const QList<LogLine> &lines() const { return m_lines; }
    qint64 lastId() const { return m_lines.isEmpty() ? 0 : m_lines.last().id; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<LogLine> m_lines;
};

/// Hides lines emitted while replaying when asked to.
class LogFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setHideReplayed(bool hide);
    bool hideReplayed() const { return m_hideReplayed; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool m_hideReplayed = false;
};

} // namespace durable::models
