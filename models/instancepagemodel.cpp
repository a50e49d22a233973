#include "instancepagemodel.h"

#include <QHash>

#include <algorithm>

namespace durable::models {

namespace {
    constexpr int MaxPage = 1000; // the engine's limit for InstanceQuery::pageSize
}

InstancePageModel::InstancePageModel(Client *client, QObject *parent)
    : QAbstractTableModel(parent)
    , m_client(client)
{
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(300);
    connect(&m_refreshTimer, &QTimer::timeout, this, [this] { requery(true); });
}

void InstancePageModel::setQuery(const InstanceQuery &query)
{
    m_query = query;
    m_query.continuation.clear();
    m_query.pageSize = std::clamp(m_query.pageSize, 1, MaxPage);
    beginResetModel();
    m_rows.clear();
    m_continuation.clear();
    m_exhausted = false;
    endResetModel();
    const auto id = ++m_lastRequest;
    m_refreshAfterCurrent = false;
    m_liveRequest = 0;
    setDirty(false);
    startRequest(id, m_query);
}

void InstancePageModel::startRequest(quint64 requestId, const InstanceQuery &query)
{
    setInFlight(requestId);
    m_client->query(query).then(this, [this, requestId](const Result<InstancePage> &result) {
        if (requestId != m_lastRequest)
            return; // superseded by a newer filter, page or refresh
        if (!result) {
            fail(requestId, result.error());
            return;
        }
        appendPage(*result);
    });
}

void InstancePageModel::appendPage(const InstancePage &page)
{
    // Continuation first and still "loading" while rows go in: views (and the model tester) may
    // call canFetchMore/fetchMore from the rowsInserted handlers and must not re-fetch this page.
    m_continuation = page.continuation;
    m_exhausted = page.continuation.isEmpty();
    QSet<QString> known;
    for (const auto &row : std::as_const(m_rows))
        known.insert(row.instanceId);
    QList<InstanceInfo> added;
    for (const auto &info : page.instances) {
        if (!known.contains(info.instanceId))
            added.append(info);
    }
    if (!added.isEmpty()) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size() - 1));
        m_rows.append(added);
        endInsertRows();
    }
    setInFlight(0);
    Q_EMIT pageApplied();
    refreshAfterCurrent();
}

void InstancePageModel::refreshAfterCurrent()
{
    if (!m_refreshAfterCurrent)
        return;
    m_refreshAfterCurrent = false;
    requery(m_afterCurrentLive);
}

void InstancePageModel::refresh()
{
    requery(false);
}

void InstancePageModel::requery(bool live)
{
    if (m_paused) {
        setDirty(true);
        return;
    }
    if (m_inFlight) {
        // Let the running request finish (a fetchMore or the previous refresh) and refresh after.
        m_afterCurrentLive = m_refreshAfterCurrent ? m_afterCurrentLive && live : live;
        m_refreshAfterCurrent = true;
        return;
    }
    // While held, what waits keeps waiting until the result shows whether it still does.
    if (!(live && m_held))
        setDirty(false);
    const auto id = ++m_lastRequest;
    m_liveRequest = live ? id : 0;
    setInFlight(id);
    fetchWindow(id, {}, {}, std::max(int(m_rows.size()), m_query.pageSize));
}

void InstancePageModel::fetchWindow(quint64 requestId, QString continuation, QList<InstanceInfo> accumulated,
                                    int target)
{
    InstanceQuery q = m_query;
    q.continuation = continuation;
    q.pageSize = std::clamp(target - int(accumulated.size()), 1, MaxPage);
    m_client->query(q).then(this, [this, requestId, accumulated, target](const Result<InstancePage> &result) mutable {
        if (requestId != m_lastRequest)
            return;
        if (!result) {
            fail(requestId, result.error());
            return;
        }
        accumulated.append(result->instances);
        if (accumulated.size() < target && !result->continuation.isEmpty()) {
            fetchWindow(requestId, result->continuation, std::move(accumulated), target);
            return;
        }
        mergeWindow(requestId, std::move(accumulated), result->continuation);
    });
}

void InstancePageModel::mergeWindow(quint64 requestId, QList<InstanceInfo> fresh, const QString &continuation)
{
    if (m_held && requestId == m_liveRequest) {
        // Held: only what moves no row now; the rest is read afresh on release.
        m_liveRequest = 0;
        setDirty(mergeInPlace(fresh));
        setInFlight(0);
        refreshAfterCurrent();
        return;
    }
    setDirty(false);
    m_liveRequest = 0;
    m_continuation = continuation;
    m_exhausted = continuation.isEmpty();
    QHash<QString, int> freshIndex;
    QList<InstanceInfo> unique;
    for (auto &info : fresh) {
        if (freshIndex.contains(info.instanceId))
            continue;
        freshIndex.insert(info.instanceId, int(unique.size()));
        unique.append(std::move(info));
    }
    // 1. Remove rows that left the window, back to front in contiguous blocks.
    for (int row = int(m_rows.size()) - 1; row >= 0;) {
        if (freshIndex.contains(m_rows.at(row).instanceId)) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && !freshIndex.contains(m_rows.at(first - 1).instanceId))
            --first;
        beginRemoveRows({}, first, row);
        m_rows.remove(first, row - first + 1);
        endRemoveRows();
        row = first - 1;
    }
    // 2. Append rows that are new to the window.
    QSet<QString> present;
    for (const auto &row : std::as_const(m_rows))
        present.insert(row.instanceId);
    QList<InstanceInfo> added;
    for (const auto &info : std::as_const(unique)) {
        if (!present.contains(info.instanceId))
            added.append(info);
    }
    if (!added.isEmpty()) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size() - 1));
        m_rows.append(added);
        endInsertRows();
    }
    // 3. Reorder to the engine's order, keeping persistent indexes on their instances.
    bool sameOrder = true;
    for (int i = 0; i < m_rows.size() && sameOrder; ++i)
        sameOrder = m_rows.at(i).instanceId == unique.at(i).instanceId;
    if (!sameOrder) {
        Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
        const auto before = persistentIndexList();
        QList<QString> ids;
        for (const auto &index : before)
            ids.append(m_rows.at(index.row()).instanceId);
        m_rows = unique;
        QModelIndexList after;
        for (int i = 0; i < before.size(); ++i)
            after.append(index(freshIndex.value(ids.at(i)), before.at(i).column()));
        changePersistentIndexList(before, after);
        Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    } else {
        m_rows = unique;
    }
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, columnCount() - 1));
    setInFlight(0);
    Q_EMIT pageApplied();
    refreshAfterCurrent();
}

bool InstancePageModel::mergeInPlace(const QList<InstanceInfo> &fresh)
{
    // By id, not by position: a row inserted above (a new instance, newest first) shifts every
    // position without moving any shown row, and must not hold back their status changes.
    QHash<QString, int> freshIndex;
    for (int i = 0; i < fresh.size(); ++i)
        freshIndex.insert(fresh.at(i).instanceId, i);
    bool waits = fresh.size() != m_rows.size();
    int previous = -1;
    int first = -1;
    int last = -1;
    for (int row = 0; row < m_rows.size(); ++row) {
        const int at = freshIndex.value(m_rows.at(row).instanceId, -1);
        if (at < 0) {
            waits = true; // removed: waits
            continue;
        }
        waits |= at < previous; // reordered: waits, the data still updates where it is
        previous = at;
        m_rows[row] = fresh.at(at);
        if (first < 0)
            first = row;
        last = row;
    }
    if (first >= 0)
        Q_EMIT dataChanged(index(first, 0), index(last, columnCount() - 1));
    return waits;
}

void InstancePageModel::setDirty(bool dirty)
{
    if (m_dirty == dirty)
        return;
    m_dirty = dirty;
    Q_EMIT updatesWaitingChanged(dirty);
}

void InstancePageModel::setInFlight(quint64 requestId)
{
    const bool wasLoading = isLoading();
    m_inFlight = requestId;
    if (wasLoading != isLoading())
        Q_EMIT loadingChanged(isLoading());
}

void InstancePageModel::fail(quint64, const Error &error)
{
    setInFlight(0);
    m_refreshAfterCurrent = false;
    m_liveRequest = 0;
    Q_EMIT errorOccurred(error);
}

void InstancePageModel::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    Q_EMIT pausedChanged(paused);
    if (!paused && m_dirty)
        requery(true);
}

void InstancePageModel::setHeld(bool held)
{
    if (m_held == held)
        return;
    m_held = held;
    if (!held && m_dirty)
        requery(true);
}

void InstancePageModel::setRefreshInterval(int ms)
{
    m_refreshTimer.setInterval(ms);
}

int InstancePageModel::refreshInterval() const
{
    return m_refreshTimer.interval();
}

void InstancePageModel::watch(HubClient *client)
{
    connect(client, &HubClient::changed, this, &InstancePageModel::notifyChanged);
}

void InstancePageModel::notifyChanged(const ChangeSet &changes)
{
    if (changes.instances.isEmpty() && !changes.purged && !changes.everything)
        return;
    if (m_paused) {
        setDirty(true);
        return;
    }
    // Not restarted on every notification: a continuous stream still refreshes once per interval.
    if (!m_refreshTimer.isActive())
        m_refreshTimer.start();
}

int InstancePageModel::rowOfInstance(const QString &instanceId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).instanceId == instanceId)
            return i;
    }
    return -1;
}

int InstancePageModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

bool InstancePageModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_exhausted && !m_continuation.isEmpty() && !isLoading();
}

void InstancePageModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    InstanceQuery q = m_query;
    q.continuation = m_continuation;
    startRequest(++m_lastRequest, q);
}

} // namespace durable::models
