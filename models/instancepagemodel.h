#pragma once

#include <hubclient.h>

#include <QAbstractTableModel>
#include <QTimer>

namespace durable::models {

/// Base of the models listing instances: pages are fetched through the Client (keyset
/// continuation, canFetchMore/fetchMore), every request carries an id and results of superseded
/// requests are dropped. Change notifications of the hub are coalesced into one re-query of the loaded
/// window at most every refreshInterval() ms; the result is merged row by row (removals, inserts,
/// a layout change for reordering) so selections and scroll positions survive live updates.
/// Never blocks: every call returns at once, results arrive through the event loop.
class InstancePageModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role {
        InstanceIdRole = Qt::UserRole + 1,
        StatusRole, ///< int value of durable::RuntimeStatus
        SortValueRole, ///< raw value of the cell (QDateTime, qint64, QString) for delegates and tests
        NextRole,
    };

    /// `client` must outlive the model.
    explicit InstancePageModel(Client *client, QObject *parent = nullptr);

    /// Replaces the filter, drops loaded rows and loads the first page.
    void setQuery(const InstanceQuery &query);
    const InstanceQuery &query() const { return m_query; }
    /// Re-queries the loaded window now (merged, not reset).
    void refresh();

    /// While paused, change notifications are remembered and applied on resume.
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    /// While held (the view holds it while the pointer is over the rows), live refreshes still run
    /// but apply only what changes no row's position: the data of the rows shown, where they are
    /// (a status change). Inserts, removals and reordering wait (updatesWaiting()): no row moves,
    /// appears or disappears under the mouse or the selection. Unlike pausing it is not the user's
    /// choice but the view's: setQuery(), fetchMore() and an explicit refresh() still apply in
    /// full; on release a refresh runs when something waited.
    void setHeld(bool held);
    bool isHeld() const { return m_held; }
    /// Changes are known that the rows do not show yet (paused, or held back by a hold).
    bool updatesWaiting() const { return m_dirty; }
    void setRefreshInterval(int ms);
    int refreshInterval() const;

    /// Connects HubClient::changed to notifyChanged (queued to this model's thread).
    void watch(HubClient *client);
    /// Schedules a coalesced refresh when the change concerns the instance rows.
    void notifyChanged(const ChangeSet &changes);
    /// Whether a re-query is scheduled: the coalescing interval runs, or a refresh waits for the
    /// running request. A paused model schedules none; it refreshes on resume.
    bool refreshPending() const { return m_refreshTimer.isActive() || m_refreshAfterCurrent; }

    bool isLoading() const { return m_inFlight != 0; }
    const InstanceInfo &instanceAt(int row) const { return m_rows.at(row); }
    /// -1 when the instance is not among the loaded rows.
    int rowOfInstance(const QString &instanceId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void loadingChanged(bool loading);
    void pausedChanged(bool paused);
    /// A page or a refresh was applied.
    void pageApplied();
    void errorOccurred(const durable::Error &error);
    void updatesWaitingChanged(bool waiting);

protected:
    Client *m_client;

private:
    void startRequest(quint64 requestId, const InstanceQuery &query);
    /// refresh(), or a live one (change notifications, resume, release) that a hold defers.
    void requery(bool live);
    void fetchWindow(quint64 requestId, QString continuation, QList<InstanceInfo> accumulated, int target);
    void appendPage(const InstancePage &page);
    void mergeWindow(quint64 requestId, QList<InstanceInfo> fresh, const QString &continuation);
    /// The held part of mergeWindow(): updates the data of every shown row still in `fresh`
    /// where it is; true when rows would appear, vanish or move (that waits).
    bool mergeInPlace(const QList<InstanceInfo> &fresh);
    void setDirty(bool dirty);
    void refreshAfterCurrent();
    void setInFlight(quint64 requestId);
    void fail(quint64 requestId, const Error &error);

    QList<InstanceInfo> m_rows;
    InstanceQuery m_query;
    QString m_continuation;
    bool m_exhausted = false;
    quint64 m_lastRequest = 0;
    quint64 m_inFlight = 0;
    bool m_paused = false;
    bool m_held = false;
    bool m_dirty = false;
    bool m_refreshAfterCurrent = false;
    bool m_afterCurrentLive = true; ///< the deferred refresh is a live one
    quint64 m_liveRequest = 0; ///< the request of the running live refresh, 0: none
    QTimer m_refreshTimer;
};

} // namespace durable::models
