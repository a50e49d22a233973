#pragma once

#include <registry.h>

#include <QAbstractTableModel>

namespace durable::models {

/// The registered orchestrators (latest version of each), for the catalog and "Start…".
/// The registry lives in memory behind a read lock, so reading it on the GUI thread is cheap.
class CatalogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Version, Description, ColumnCount };
    enum Role {
        NameRole = Qt::UserRole + 1,
        VersionsRole, ///< QStringList of all registered versions, oldest first
        SampleInputRole, ///< QJsonValue
    };

    /// `registry` must outlive the model.
    explicit CatalogModel(const Registry &registry, QObject *parent = nullptr);

    /// Re-reads the registry (it may have gained orchestrators).
    void reload();
    int rowOfName(const QString &name) const;
    const OrchestratorInfo &orchestratorAt(int row) const { return m_entries.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const Registry &m_registry;
    QList<OrchestratorInfo> m_entries;
    QList<QStringList> m_versions;
};

} // namespace durable::models
