#include "requestlogmodel.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

RequestLogModel::RequestLogModel(int maxRows, QObject *parent)
    : QAbstractTableModel(parent)
    , m_maxRows(qMax(1, maxRows))
{
}

void RequestLogModel::append(const Entry &entry)
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

void RequestLogModel::clear()
{
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

int RequestLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int RequestLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RequestLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &e = m_entries.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Time:
            return QLocale().toString(e.time.time(), u"HH:mm:ss.zzz");
        case Method:
            return e.method;
        case Path:
            return e.path;
        case Status:
            return e.status == ClientGone ? QVariant(tr("client gone")) : QVariant(e.status);
        case Duration:
            return tr("%1 ms").arg(e.durationMs);
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Time)
        return QLocale().toString(e.time, QLocale::LongFormat);
    if (role == Qt::ToolTipRole && index.column() == Path)
        return e.path;
    if (role == Qt::TextAlignmentRole && (index.column() == Status || index.column() == Duration))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    // Client and server errors stand out in a long log; the hue is the palette-independent part.
    if (role == Qt::ForegroundRole && index.column() == Status && e.status >= 400)
        return QBrush(e.status >= 500 ? QColor(0xc0, 0x1c, 0x28) : QColor(0xb8, 0x5c, 0x00));
    return {};
}

QVariant RequestLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time:
        return tr("Time");
    case Method:
        return tr("Method");
    case Path:
        return tr("Path");
    case Status:
        return tr("Status");
    case Duration:
        return tr("Duration");
    default:
        return {};
    }
}
