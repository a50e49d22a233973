#pragma once

#include <registry.h>

#include <QAbstractTableModel>

namespace durable::models {

/// The registered orchestrators (latest version of each), for the catalog and "Start…", followed
/// by the orchestrators and activities that SDK workers run (setRemoteNames()), marked as remote.
/// The registry lives in memory behind a read lock, so reading it on the GUI thread is cheap.
class CatalogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Version, Description, ColumnCount };
    enum Role {
        NameRole = Qt::UserRole + 1,
        VersionsRole, ///< QStringList of all registered versions, oldest first
        SampleInputRole, ///< QJsonValue
        RemoteRole, ///< bool: run by an SDK worker, not registered in this process
        ActivityRole, ///< bool: an activity (only remote rows can be activities)
    };

    /// `registry` must outlive the model.
    explicit CatalogModel(const Registry &registry, QObject *parent = nullptr);

    /// Re-reads the registry (it may have gained orchestrators).
    void reload();
    /// Names seen from SDK workers (RemoteWork::orchestratorNames()/activityNames()). They are
    /// listed after the registered orchestrators, sorted; a name registered here is not repeated.
    /// Rows change only when the names do, so calling it on every worker event is cheap.
    void setRemoteNames(const QStringList &orchestrators, const QStringList &activities);
    /// The row of an orchestrator (registered or remote); -1 when there is none.
    int rowOfName(const QString &name) const;
    /// Only for rows below registeredCount().
    const OrchestratorInfo &orchestratorAt(int row) const { return m_entries.at(row); }
    int registeredCount() const { return int(m_entries.size()); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct RemoteEntry {
        QString name;
        bool activity = false;
        bool operator==(const RemoteEntry &) const = default;
    };
    QList<RemoteEntry> remoteEntries() const;
    QVariant remoteData(const RemoteEntry &entry, int column, int role) const;

    const Registry &m_registry;
    QStringList m_remoteOrchestrators;
    QStringList m_remoteActivities;
    QList<RemoteEntry> m_remote; ///< rows after m_entries
    QList<OrchestratorInfo> m_entries;
    QList<QStringList> m_versions;
};

} // namespace durable::models
