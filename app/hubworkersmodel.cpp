#include "hubworkersmodel.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QLocale>

#include <optional>

using namespace Qt::StringLiterals;

void HubWorkersModel::setWorkers(const QList<durable::HubWorker> &workers, const QDateTime &now, qint64 leaseMs)
{
    m_now = now;
    m_leaseMs = leaseMs;
    const qint64 nowMs = now.toMSecsSinceEpoch();
    QHash<QString, QList<Sample>> samples;
    for (const auto &worker : workers) {
        if (!worker.progressKnown)
            continue;
        QList<Sample> kept = m_samples.value(worker.info.workerId);
        kept.append({ nowMs, worker.info.activitiesDone });
        // Keep one sample at or before the window's start, so the rate spans the whole window.
        while (kept.size() > 2 && kept.at(1).atMs <= nowMs - WindowMs)
            kept.removeFirst();
        samples.insert(worker.info.workerId, kept);
    }
    // Workers gone take their samples with them; one that comes back starts afresh.
    m_samples = std::move(samples);

    bool sameRows = workers.size() == m_workers.size();
    for (qsizetype i = 0; sameRows && i < workers.size(); ++i)
        sameRows = workers.at(i).info.workerId == m_workers.at(i).info.workerId;
    if (!sameRows) {
        beginResetModel();
        m_workers = workers;
        endResetModel();
        return;
    }
    m_workers = workers;
    if (!m_workers.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

std::optional<double> HubWorkersModel::throughput(const QString &workerId) const
{
    const auto it = m_samples.constFind(workerId);
    if (it == m_samples.cend() || it->size() < 2)
        return std::nullopt;
    const Sample &first = it->constFirst();
    const Sample &last = it->constLast();
    if (last.atMs <= first.atMs)
        return std::nullopt;
    // A counter that went down belongs to a new session under the same id: no rate yet.
    if (last.activitiesDone < first.activitiesDone)
        return std::nullopt;
    return double(last.activitiesDone - first.activitiesDone) * 1000.0 / double(last.atMs - first.atMs);
}

std::optional<double> HubWorkersModel::totalThroughput() const
{
    std::optional<double> total;
    for (const auto &worker : m_workers) {
        if (const auto rate = throughput(worker.info.workerId))
            total = total.value_or(0.0) + *rate;
    }
    return total;
}

qint64 HubWorkersModel::heartbeatAgeMs(const durable::HubWorker &worker) const
{
    // The heartbeat is on the hub's clock and `now` on this machine's: a small skew between them
    // shows as an age a little off, never below zero.
    if (!worker.info.heartbeat.isValid() || !m_now.isValid())
        return 0;
    return qMax<qint64>(0, worker.info.heartbeat.msecsTo(m_now));
}

QString HubWorkersModel::ageText(qint64 ms)
{
    if (ms < 60000)
        return tr("%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', 1));
    if (ms < 3600000)
        return tr("%1 min").arg(ms / 60000);
    return tr("%1 h").arg(ms / 3600000);
}

int HubWorkersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_workers.size());
}

int HubWorkersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HubWorkersModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_workers.size())
        return {};
    const durable::HubWorker &worker = m_workers.at(index.row());
    const durable::WorkerInfo &info = worker.info;
    const qint64 age = heartbeatAgeMs(worker);
    const bool stale = age > m_leaseMs;
    const QLocale locale;
    switch (role) {
    case WorkerIdRole:
        return info.workerId;
    case ThisProcessRole:
        return worker.thisProcess;
    case StaleRole:
        return stale;
    case Qt::ForegroundRole:
        if (index.column() == Heartbeat && stale)
            return QBrush(QColor(0xc0, 0x1c, 0x28));
        return {};
    case Qt::FontRole:
        if (worker.thisProcess && index.column() == Host) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() != Host)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case Host:
            return tr("Worker session %1").arg(info.workerId);
        case Heartbeat:
            return stale ? tr("Last heartbeat %1 ago, longer than the lease (%2): the worker is gone or stopped, "
                              "and what it held returns to the hub.")
                               .arg(ageText(age), ageText(m_leaseMs))
                         : tr("Last heartbeat %1 ago (%2)")
                               .arg(ageText(age), locale.toString(info.heartbeat.toLocalTime(), QLocale::LongFormat));
        case Started:
            return locale.toString(info.since.toLocalTime(), QLocale::LongFormat);
        default:
            return {};
        }
    case Qt::AccessibleTextRole:
    case Qt::DisplayRole:
    case SortRole:
        break;
    default:
        return {};
    }
    const bool sort = role == SortRole;
    const auto count = [&](qint64 value, bool known) -> QVariant {
        if (sort)
            return known ? value : -1;
        return known ? locale.toString(value) : u"—"_s;
    };
    switch (index.column()) {
    case Host:
        if (sort)
            return info.host;
        return worker.thisProcess ? tr("%1 (this process)").arg(info.host) : info.host;
    case Pid:
        return sort ? QVariant(info.pid) : QVariant(QString::number(info.pid));
    case Started:
        if (sort)
            return info.since;
        return locale.toString(info.since.toLocalTime(), QLocale::ShortFormat);
    case Heartbeat:
        if (sort)
            return age;
        return stale ? tr("%1 ago (lease over)").arg(ageText(age)) : tr("%1 ago").arg(ageText(age));
    case Running:
        return count(info.workHeld, true);
    case Instances:
        return count(info.instancesHeld, true);
    case ActivitiesDone:
        return count(info.activitiesDone, worker.progressKnown);
    case EpisodesDone:
        return count(info.episodesDone, worker.progressKnown);
    case Throughput: {
        const auto rate = throughput(info.workerId);
        if (sort)
            return rate.value_or(-1.0);
        return rate ? tr("%1/s").arg(locale.toString(*rate, 'f', 1)) : u"—"_s;
    }
    default:
        return {};
    }
}

QVariant HubWorkersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Running:
            return tr("Activities the worker runs now");
        case Instances:
            return tr("Instances whose activities the worker runs now");
        case ActivitiesDone:
            return tr("Activity results the worker committed since it started");
        case EpisodesDone:
            return tr("Orchestrator episodes the worker committed since it started");
        case Throughput:
            return tr("Activities completed per second over the last %n second(s)", nullptr, int(WindowMs / 1000));
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Host:
        return tr("Host");
    case Pid:
        return tr("PID");
    case Started:
        return tr("Started");
    case Heartbeat:
        return tr("Last heartbeat");
    case Running:
        return tr("Running");
    case Instances:
        return tr("Instances");
    case ActivitiesDone:
        return tr("Activities done");
    case EpisodesDone:
        return tr("Episodes done");
    case Throughput:
        return tr("Activities/s");
    default:
        return {};
    }
}
