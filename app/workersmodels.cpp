#include "workersmodels.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace {

QString clockTime(const QDateTime &at)
{
    return at.isValid() ? QLocale().toString(at.toLocalTime().time(), u"HH:mm:ss"_s) : QString();
}

} // namespace

QString WorkerTableModel::peerText(const QString &peer)
{
    QString text = peer;
    if (text.startsWith("ipv4:"_L1) || text.startsWith("ipv6:"_L1))
        text = text.mid(5);
    return text.replace("%5B"_L1, "["_L1).replace("%5D"_L1, "]"_L1);
}

void WorkerTableModel::setRows(const QList<Row> &rows)
{
    if (rows == m_rows)
        return;
    bool sameWorkers = rows.size() == m_rows.size();
    for (qsizetype i = 0; sameWorkers && i < rows.size(); ++i)
        sameWorkers = rows.at(i).id == m_rows.at(i).id;
    if (sameWorkers) {
        m_rows = rows;
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int WorkerTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int WorkerTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WorkerTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    if (role == WorkerIdRole)
        return row.id;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Peer:
            return peerText(row.peer);
        case Since:
            return clockTime(row.since);
        case Steps:
            return row.steps;
        case Activities:
            return row.activities;
        case LastActivity:
            return row.lastActivity.isValid() ? clockTime(row.lastActivity) : tr("none yet");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Peer:
            return tr("Worker %1 at %2").arg(row.id, row.peer);
        case Since:
            return QLocale().toString(row.since.toLocalTime(), QLocale::LongFormat);
        case LastActivity:
            return row.lastActivity.isValid() ? QLocale().toString(row.lastActivity.toLocalTime(), QLocale::LongFormat)
                                              : QVariant();
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Steps || index.column() == Activities))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant WorkerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Peer:
        return tr("Worker");
    case Since:
        return tr("Connected since");
    case Steps:
        return tr("Steps in flight");
    case Activities:
        return tr("Activities in flight");
    case LastActivity:
        return tr("Last activity");
    default:
        return {};
    }
}

WorkLogModel::WorkLogModel(int maxRows, QObject *parent)
    : QAbstractTableModel(parent)
    , m_maxRows(qMax(1, maxRows))
{
}

void WorkLogModel::append(const Entry &entry)
{
    if (m_entries.size() >= m_maxRows) {
        const int excess = int(m_entries.size()) - m_maxRows + 1;
        beginRemoveRows({}, 0, excess - 1);
        m_entries.remove(0, excess);
        endRemoveRows();
    }
    const int row = int(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.append(entry);
    endInsertRows();
}

void WorkLogModel::clear()
{
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

int WorkLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int WorkLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString WorkLogModel::kindText(durable::RemoteWorkEvent::Kind kind)
{
    using Kind = durable::RemoteWorkEvent::Kind;
    switch (kind) {
    case Kind::HandedOut:
        return tr("handed out");
    case Kind::Returned:
        return tr("returned");
    case Kind::Completed:
        return tr("completed");
    case Kind::Refused:
        return tr("refused");
    }
    return {};
}

QVariant WorkLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &e = m_entries.at(index.row());
    const auto &event = e.event;
    if (role == KindRole)
        return int(event.kind);
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Time:
            return QLocale().toString(event.at.toLocalTime().time(), u"HH:mm:ss.zzz"_s);
        case Worker:
            return e.worker;
        case Event:
            return kindText(event.kind);
        case Kind:
            // A refused completion matched no hand-out: what it was for is not known.
            if (event.kind == durable::RemoteWorkEvent::Kind::Refused && event.name.isEmpty())
                return QString();
            return event.orchestrator ? tr("orchestration") : tr("activity");
        case Name:
            return event.name;
        case Instance:
            return event.instanceId;
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Time:
            return QLocale().toString(event.at.toLocalTime(), QLocale::LongFormat);
        case Worker:
            return event.workerId;
        case Event:
            if (event.kind == durable::RemoteWorkEvent::Kind::Returned)
                return tr("The worker gave the item back (or disconnected): it goes to the next worker.");
            if (event.kind == durable::RemoteWorkEvent::Kind::Refused)
                return tr("A result for an item that is no longer handed out (already completed or given to "
                          "another worker) was ignored.");
            return {};
        case Instance:
            return event.instanceId;
        default:
            return {};
        }
    }
    if (role == Qt::ForegroundRole && index.column() == Event) {
        if (event.kind == durable::RemoteWorkEvent::Kind::Refused)
            return QBrush(QColor(0xc0, 0x1c, 0x28));
        if (event.kind == durable::RemoteWorkEvent::Kind::Returned)
            return QBrush(QColor(0xb8, 0x5c, 0x00));
    }
    return {};
}

QVariant WorkLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time:
        return tr("Time");
    case Worker:
        return tr("Worker");
    case Event:
        return tr("Event");
    case Kind:
        return tr("Kind");
    case Name:
        return tr("Name");
    case Instance:
        return tr("Instance");
    default:
        return {};
    }
}
