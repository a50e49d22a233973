#include "catalogmodel.h"

namespace durable::models {

CatalogModel::CatalogModel(const Registry &registry, QObject *parent)
    : QAbstractTableModel(parent)
    , m_registry(registry)
{
    reload();
}

void CatalogModel::reload()
{
    beginResetModel();
    m_entries = m_registry.orchestrators();
    m_versions.clear();
    for (const auto &entry : std::as_const(m_entries)) {
        QStringList versions;
        for (const auto &v : m_registry.versions(entry.name))
            versions.append(v.version);
        m_versions.append(versions);
    }
    endResetModel();
}

int CatalogModel::rowOfName(const QString &name) const
{
    for (int i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).name == name)
            return i;
    }
    return -1;
}

int CatalogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int CatalogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CatalogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &entry = m_entries.at(index.row());
    switch (role) {
    case NameRole:
        return entry.name;
    case VersionsRole:
        return m_versions.at(index.row());
    case SampleInputRole:
        return QVariant::fromValue(entry.sampleInput);
    case Qt::ToolTipRole:
        return entry.description;
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            return entry.name;
        case Version:
            return m_versions.at(index.row()).join(QStringLiteral(", "));
        case Description:
            return entry.description;
        }
    }
    return {};
}

QVariant CatalogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Orchestrator");
    case Version:
        return tr("Versions");
    case Description:
        return tr("Description");
    }
    return {};
}

} // namespace durable::models
