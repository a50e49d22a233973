#pragma once

#include "remotework.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>
#include <QString>

/// The Workers panel's table of connected SDK workers: one row per open GetWorkItems stream,
/// oldest first, with what each holds now (RemoteWork::loads()).
class WorkerTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Peer, Since, Steps, Activities, LastActivity, ColumnCount };
    enum Role { WorkerIdRole = Qt::UserRole + 1 };

    struct Row {
        QString id; ///< RemoteWork's worker id
        QString peer;
        QDateTime since;
        int steps = 0; ///< orchestration steps handed out and not yet completed
        int activities = 0;
        QDateTime lastActivity; ///< invalid: nothing handed out yet
        bool operator==(const Row &) const = default;
    };

    using QAbstractTableModel::QAbstractTableModel;

    /// Replaces the rows. The same workers in the same order only change cells, so the view keeps
    /// its selection and scroll position across the frequent refreshes.
    void setRows(const QList<Row> &rows);
    const QList<Row> &rows() const { return m_rows; }
    /// gRPC's peer text ("ipv4:127.0.0.1:53012", "ipv6:%5B::1%5D:53012") as shown: without the
    /// scheme, brackets decoded. Tooltips keep the text as given.
    static QString peerText(const QString &peer);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Row> m_rows;
};

/// The Workers panel's log of work items: one row per hand-out, give-back, completion or refused
/// completion (RemoteWork::workEvent), newest last. Holds at most maxRows() rows; the oldest go
/// first, so a busy hub cannot grow it without bound.
class WorkLogModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Time, Worker, Event, Kind, Name, Instance, ColumnCount };
    enum Role { KindRole = Qt::UserRole + 1 }; ///< durable::RemoteWorkEvent::Kind as int

    struct Entry {
        durable::RemoteWorkEvent event;
        QString worker; ///< how the worker is shown (its peer), resolved when the event arrived
    };

    explicit WorkLogModel(int maxRows = 1000, QObject *parent = nullptr);

    int maxRows() const { return m_maxRows; }
    void append(const Entry &entry);
    void clear();
    const Entry &entry(int row) const { return m_entries.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// "handed out", "returned", "completed", "refused" (translated).
    static QString kindText(durable::RemoteWorkEvent::Kind kind);

private:
    int m_maxRows;
    QList<Entry> m_entries;
};
