#include "instancetracker.h"

namespace durable::models {

InstanceTracker::InstanceTracker(Client *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(250);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_wantStatus)
            readStatus();
        if (m_wantLogs)
            readLogs();
        m_wantStatus = m_wantLogs = false;
    });
}

void InstanceTracker::setInstanceId(const QString &instanceId)
{
    if (instanceId == m_instanceId)
        return;
    m_instanceId = instanceId;
    ++m_generation;
    m_timer.stop();
    m_info.reset();
    m_history.clear();
    m_logs.clear();
    m_logsInFlight = m_logsAgain = false;
    Q_EMIT infoChanged();
    Q_EMIT historyChanged();
    Q_EMIT logsChanged(true);
    setLoading(!m_instanceId.isEmpty());
    reload();
}

void InstanceTracker::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

void InstanceTracker::reload()
{
    if (m_instanceId.isEmpty())
        return;
    readStatus();
    readLogs();
}

void InstanceTracker::watch(HubClient *client)
{
    connect(client, &HubClient::changed, this, &InstanceTracker::notifyChanged);
}

void InstanceTracker::notifyChanged(const ChangeSet &changes)
{
    if (m_instanceId.isEmpty())
        return;
    // A purge by filter does not name the instances it deleted: re-read to learn whether ours went.
    m_wantStatus |= changes.everything || changes.purged || changes.instances.contains(m_instanceId)
        || changes.history.contains(m_instanceId);
    m_wantLogs |= changes.everything || changes.logs.contains(m_instanceId);
    if ((m_wantStatus || m_wantLogs) && !m_timer.isActive())
        m_timer.start();
}

void InstanceTracker::readStatus()
{
    const auto request = ++m_statusRequest;
    const auto generation = m_generation;
    m_client->status(m_instanceId, true, true).then(this, [this, request, generation](const Result<InstanceInfo> &r) {
        if (generation != m_generation || request != m_statusRequest)
            return;
        if (!r) {
            setLoading(false);
            if (r.error().code == ErrorCode::NotFound && (m_info || !m_history.isEmpty() || !m_logs.isEmpty())) {
                // Purged (or never there): show nothing of it, so no action offers itself for it.
                m_info.reset();
                m_history.clear();
                m_logs.clear();
                Q_EMIT infoChanged();
                Q_EMIT historyChanged();
                Q_EMIT logsChanged(true);
            }
            Q_EMIT errorOccurred(r.error());
            if (r.error().code == ErrorCode::Corrupt)
                readStatusWithoutHistory(); // a damaged history page: the instance row may still read
            return;
        }
        const bool newExecution = m_info && m_info->executionId != r->executionId;
        m_info = *r;
        const History history = r->history.value_or(History {});
        m_info->history.reset(); // kept once, in m_history
        Q_EMIT infoChanged();
        if (history != m_history) {
            m_history = history;
            Q_EMIT historyChanged();
        }
        if (newExecution) {
            // Continue-as-new: logs belong to the current execution, read them afresh.
            m_logs.clear();
            Q_EMIT logsChanged(true);
            readLogs();
        }
        setLoading(false); // after historyChanged: the views have taken the history in
    });
}

void InstanceTracker::readStatusWithoutHistory()
{
    const auto request = m_statusRequest;
    const auto generation = m_generation;
    m_client->status(m_instanceId, false, true).then(this, [this, request, generation](const Result<InstanceInfo> &r) {
        if (generation != m_generation || request != m_statusRequest || !r)
            return;
        m_info = *r;
        m_info->history.reset();
        Q_EMIT infoChanged();
        if (!m_history.isEmpty()) {
            m_history.clear();
            Q_EMIT historyChanged();
        }
    });
}

void InstanceTracker::readLogs()
{
    if (m_logsInFlight) {
        m_logsAgain = true; // incremental reads must not overlap: they would duplicate lines
        return;
    }
    m_logsInFlight = true;
    const auto request = ++m_logsRequest;
    const auto generation = m_generation;
    const qint64 after = m_logs.isEmpty() ? 0 : m_logs.last().id;
    m_client->logs(m_instanceId, after).then(this, [this, request, generation](const Result<QList<LogLine>> &r) {
        if (generation != m_generation || request != m_logsRequest)
            return;
        m_logsInFlight = false;
        if (!r) {
            Q_EMIT errorOccurred(r.error());
        } else if (!r->isEmpty()) {
            const bool reset = m_logs.isEmpty();
            for (const auto &line : *r) {
                if (m_logs.isEmpty() || line.id > m_logs.last().id)
                    m_logs.append(line);
            }
            Q_EMIT logsChanged(reset);
        }
        if (m_logsAgain) {
            m_logsAgain = false;
            readLogs();
        }
    });
}

} // namespace durable::models
