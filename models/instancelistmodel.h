#pragma once

#include "instancepagemodel.h"

class QTimer;

namespace durable::models {

/// The instance list: one row per instance matching the query, paged and live (see
/// InstancePageModel). Sorting goes to the engine through InstanceQuery::sortKey (every column
/// has one), so the order is the same across pages.
class InstanceListModel : public InstancePageModel {
    Q_OBJECT
public:
    enum Column { Id, Name, Status, Created, LastUpdated, Duration, CustomStatus, Parent, ColumnCount };

    explicit InstanceListModel(Client *client, QObject *parent = nullptr);

    /// Source of "now" for the duration of running instances; nullptr: the system clock.
    void setClock(const Clock *clock) { m_clock = clock; }
    /// The sort key for a column, or nullopt for a column number out of range.
    static std::optional<SortKey> sortKeyForColumn(int column);
    /// Colour used for a status's icon (shared with the views' legends and charts).
    static QColor statusColor(RuntimeStatus status);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    /// How often the Duration cells of running rows are announced as changed (dataChanged), so a
    /// view repaints them counting up; 0 stops it. Default 1000 ms.
    void setTickInterval(int ms);

private:
    QDateTime now() const;
    void tick();
    const Clock *m_clock = nullptr;
    QTimer *m_tick;
};

} // namespace durable::models
