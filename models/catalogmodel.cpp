#include "catalogmodel.h"

#include "formatting.h"

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
    // A plugin or script may now register a name an SDK worker ran before: it is local from now.
    m_remote = remoteEntries();
    endResetModel();
}

void CatalogModel::setRemoteNames(const QStringList &orchestrators, const QStringList &activities)
{
    m_remoteOrchestrators = orchestrators;
    m_remoteActivities = activities;
    auto remote = remoteEntries();
    if (remote == m_remote)
        return;
    // The names only grow while the engine runs; a reset keeps this simple and the list is short.
    beginResetModel();
    m_remote = std::move(remote);
    endResetModel();
}

QList<CatalogModel::RemoteEntry> CatalogModel::remoteEntries() const
{
    QList<RemoteEntry> entries;
    auto orchestrators = m_remoteOrchestrators;
    orchestrators.sort(Qt::CaseInsensitive);
    orchestrators.removeDuplicates();
    for (const auto &name : std::as_const(orchestrators)) {
        if (!m_registry.orchestrator(name))
            entries.append({ name, false });
    }
    auto activities = m_remoteActivities;
    activities.sort(Qt::CaseInsensitive);
    activities.removeDuplicates();
    for (const auto &name : std::as_const(activities)) {
        if (!m_registry.activity(name))
            entries.append({ name, true });
    }
    return entries;
}

int CatalogModel::rowOfName(const QString &name) const
{
    for (int i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).name == name)
            return i;
    }
    for (int i = 0; i < m_remote.size(); ++i) {
        if (!m_remote.at(i).activity && m_remote.at(i).name == name)
            return int(m_entries.size()) + i;
    }
    return -1;
}

int CatalogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size() + m_remote.size());
}

int CatalogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CatalogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (index.row() >= m_entries.size())
        return remoteData(m_remote.at(index.row() - m_entries.size()), index.column(), role);
    const auto &entry = m_entries.at(index.row());
    switch (role) {
    case NameRole:
        return entry.name;
    case VersionsRole:
        return m_versions.at(index.row());
    case SampleInputRole:
        return QVariant::fromValue(entry.sampleInput);
    case RemoteRole:
    case ActivityRole:
        return false;
    case Qt::ToolTipRole:
        return translatedDescription(entry.description);
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            return entry.name;
        case Version:
            return m_versions.at(index.row()).join(QStringLiteral(", "));
        case Description:
            return translatedDescription(entry.description);
        }
    }
    return {};
}

QVariant CatalogModel::remoteData(const RemoteEntry &entry, int column, int role) const
{
    switch (role) {
    case NameRole:
        return entry.name;
    case VersionsRole:
        return QStringList();
    case SampleInputRole:
        return QVariant::fromValue(QJsonValue());
    case RemoteRole:
        return true;
    case ActivityRole:
        return entry.activity;
    case Qt::ToolTipRole:
        return entry.activity
            ? tr("Activity %1 runs in an SDK worker connected over the Durable Task sidecar (gRPC). It is "
                 "listed because a worker was handed work for it since the hub was opened.")
                  .arg(entry.name)
            : tr("Orchestrator %1 runs in an SDK worker connected over the Durable Task sidecar (gRPC). It is "
                 "listed because a worker was handed work for it since the hub was opened; start it from the "
                 "SDK's client.")
                  .arg(entry.name);
    case Qt::DisplayRole:
        switch (column) {
        case Name:
            return entry.name;
        case Version:
            return QString();
        case Description:
            return entry.activity ? tr("Activity — remote (SDK worker)") : tr("Orchestrator — remote (SDK worker)");
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
