#pragma once

#include "instancepagemodel.h"

namespace durable::models {

/// Instances currently waiting on an external event (InstanceQuery::onlyAwaitingEvents), longest
/// waiting first, with the durable timer that races the wait: the earliest pending timer of the
/// instance (the engine does not record which timer an orchestrator races against which event).
class ApprovalInboxModel : public InstancePageModel {
    Q_OBJECT
public:
    /// Request: the instance's input (what is to be approved).
    enum Column { Instance, Orchestrator, Events, WaitingFor, TimerDue, Request, ColumnCount };
    enum Role {
        EventsRole = InstancePageModel::NextRole, ///< QStringList of awaited event names
        WaitingSinceRole, ///< QDateTime of the checkpoint that started the wait
        TimerIdRole, ///< int, -1 without a racing timer
        TimerDueRole, ///< QDateTime, invalid without a racing timer
    };

    explicit ApprovalInboxModel(Client *client, QObject *parent = nullptr);

    /// Loads (or reloads) the inbox.
    void reload();
    /// Time source for "waiting for" and the countdown; nullptr: the system clock.
    void setClock(const Clock *clock) { m_clock = clock; }

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Earliest pending timer of a wait state, or nullopt.
    static std::optional<WaitState::Timer> racingTimer(const WaitState &waiting);

private:
    QDateTime now() const;
    const Clock *m_clock = nullptr;
};

} // namespace durable::models
