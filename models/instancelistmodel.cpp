#include "instancelistmodel.h"

#include "formatting.h"

#include <QColor>
#include <QGuiApplication>
#include <QPalette>
#include <QTimer>

namespace durable::models {

InstanceListModel::InstanceListModel(Client *client, QObject *parent)
    : InstancePageModel(client, parent)
    , m_tick(new QTimer(this))
{
    // A running instance's duration is measured to now: without a repaint it would stand still
    // between live refreshes (which only come when something in the hub changes).
    connect(m_tick, &QTimer::timeout, this, &InstanceListModel::tick);
    setTickInterval(1000);
}

void InstanceListModel::setTickInterval(int ms)
{
    m_tick->stop();
    if (ms > 0) {
        m_tick->setInterval(ms);
        m_tick->start();
    }
}

void InstanceListModel::tick()
{
    int first = -1;
    int last = -1;
    for (int row = 0; row < rowCount(); ++row) {
        const InstanceInfo &info = instanceAt(row);
        if (info.completedAt.isValid() || isTerminal(info.status))
            continue;
        if (first < 0)
            first = row;
        last = row;
    }
    if (first >= 0)
        Q_EMIT dataChanged(index(first, Duration), index(last, Duration), { Qt::DisplayRole });
}

std::optional<SortKey> InstanceListModel::sortKeyForColumn(int column)
{
    switch (column) {
    case Id:
        return SortKey::InstanceId;
    case Name:
        return SortKey::Name;
    case Status:
        return SortKey::Status;
    case Created:
        return SortKey::CreatedAt;
    case LastUpdated:
        return SortKey::LastUpdatedAt;
    case Duration:
        return SortKey::Duration;
    case CustomStatus:
        return SortKey::CustomStatus;
    case Parent:
        return SortKey::ParentInstanceId;
    default:
        return std::nullopt;
    }
}

QColor InstanceListModel::statusColor(RuntimeStatus status)
{
    switch (status) {
    case RuntimeStatus::Running:
        return QColor(0x1e, 0x88, 0xe5);
    case RuntimeStatus::Completed:
        return QColor(0x2e, 0x9d, 0x4f);
    case RuntimeStatus::ContinuedAsNew:
        return QColor(0x00, 0x97, 0xa7);
    case RuntimeStatus::Failed:
        return QColor(0xd3, 0x2f, 0x2f);
    case RuntimeStatus::Canceled:
    case RuntimeStatus::Terminated:
        return QColor(0x8e, 0x24, 0xaa);
    case RuntimeStatus::Pending:
        return QColor(0x9e, 0x9e, 0x9e);
    case RuntimeStatus::Suspended:
        return QColor(0xf5, 0x7c, 0x00);
    }
    return QColor(Qt::gray);
}

int InstanceListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QDateTime InstanceListModel::now() const
{
    return m_clock ? m_clock->now() : QDateTime::currentDateTimeUtc();
}

QVariant InstanceListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &info = instanceAt(index.row());
    const auto end
        = info.completedAt.isValid() ? info.completedAt : (isTerminal(info.status) ? info.lastUpdatedAt : now());
    const qint64 durationMs = info.createdAt.isValid() ? info.createdAt.msecsTo(end) : 0;
    switch (role) {
    case InstanceIdRole:
        return info.instanceId;
    case StatusRole:
        return int(info.status);
    case Qt::DecorationRole:
        if (index.column() != Status)
            return {};
        // Readable on the current palette's base, light or dark (no palette without a GUI application).
        return qobject_cast<QGuiApplication *>(QCoreApplication::instance())
            ? readableOn(statusColor(info.status), QGuiApplication::palette().color(QPalette::Base))
            : statusColor(info.status);
    case SortValueRole:
        switch (index.column()) {
        case Created:
            return info.createdAt;
        case LastUpdated:
            return info.lastUpdatedAt;
        case Duration:
            return durationMs;
        case Status:
            return int(info.status);
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::ToolTipRole:
        if (index.column() == CustomStatus)
            return jsonPreview(info.customStatus, 2000);
        return data(index, Qt::DisplayRole);
    case Qt::DisplayRole:
        switch (index.column()) {
        case Id:
            return info.instanceId;
        case Name:
            return info.version.isEmpty() ? info.name : info.name + u' ' + versionLabel(info.version);
        case Status:
            // Imported from a repro bundle: a record, not a run of this hub.
            return isImported(info) ? tr("%1 · imported").arg(statusName(info.status)) : statusName(info.status);
        case Created:
            return formatTime(info.createdAt);
        case LastUpdated:
            return formatTime(info.lastUpdatedAt);
        case Duration:
            return formatDuration(durationMs);
        case CustomStatus:
            return jsonPreview(info.customStatus);
        case Parent:
            return info.parentInstanceId;
        }
    }
    return {};
}

QVariant InstanceListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Id:
        return tr("Instance");
    case Name:
        return tr("Orchestrator");
    case Status:
        return tr("Status");
    case Created:
        return tr("Created");
    case LastUpdated:
        return tr("Last updated");
    case Duration:
        return tr("Duration");
    case CustomStatus:
        return tr("Custom status");
    case Parent:
        return tr("Parent");
    }
    return {};
}

void InstanceListModel::sort(int column, Qt::SortOrder order)
{
    const auto key = sortKeyForColumn(column);
    if (!key)
        return;
    auto q = query();
    q.sortKey = *key;
    q.descending = order == Qt::DescendingOrder;
    if (q.sortKey == query().sortKey && q.descending == query().descending && rowCount() > 0)
        return;
    setQuery(q);
}

} // namespace durable::models
