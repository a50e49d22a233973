#pragma once

#include "hubclient.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QList>

/// The Hub Workers panel's table: one row per worker session of the hub (every process that runs
/// workers on it, HubClient::workerSessions()), oldest first, with what each holds and has done,
/// and the hub's throughput measured from the growth of the activities done between refreshes.
class HubWorkersModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        Host,
        Pid,
        Started,
        Heartbeat,
        Running,
        Instances,
        ActivitiesDone,
        EpisodesDone,
        Throughput,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, ///< a number or time for sorting (the text would sort "10" before "9")
        WorkerIdRole,
        ThisProcessRole,
        StaleRole ///< the heartbeat is older than the lease
    };
    /// Throughput is taken over this window: long enough to smooth a bursty fan-out, short
    /// enough to follow a change within seconds.
    static constexpr qint64 WindowMs = 5000;

    using QAbstractTableModel::QAbstractTableModel;

    /// Replaces the rows with `workers` seen at `now` (local time of the read). The same workers
    /// in the same order only change cells, so a view keeps its selection across refreshes.
    /// `leaseMs`: a heartbeat older than this turns the row stale.
    void setWorkers(const QList<durable::HubWorker> &workers, const QDateTime &now, qint64 leaseMs);
    const QList<durable::HubWorker> &workers() const { return m_workers; }
    /// Activities per second of one worker over the last WindowMs; nullopt until two samples
    /// (or when the backend reports no progress for it).
    std::optional<double> throughput(const QString &workerId) const;
    /// The sum over the workers whose throughput is known; nullopt when none is.
    std::optional<double> totalThroughput() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// "4.2 s", "3 min" (translated): how long ago a heartbeat was.
    static QString ageText(qint64 ms);

private:
    struct Sample {
        qint64 atMs;
        qint64 activitiesDone;
    };
    qint64 heartbeatAgeMs(const durable::HubWorker &worker) const;

    QList<durable::HubWorker> m_workers;
    QDateTime m_now;
    qint64 m_leaseMs = 0;
    /// Per worker id, the samples of the last WindowMs (oldest first).
    QHash<QString, QList<Sample>> m_samples;
};
