#include "approvalinboxmodel.h"

#include "formatting.h"

namespace durable::models {

ApprovalInboxModel::ApprovalInboxModel(Client *client, QObject *parent)
    : InstancePageModel(client, parent)
{
}

void ApprovalInboxModel::reload()
{
    InstanceQuery q;
    q.onlyAwaitingEvents = true;
    q.statuses = { RuntimeStatus::Running, RuntimeStatus::Suspended };
    q.sortKey = SortKey::LastUpdatedAt;
    q.descending = false;
    q.pageSize = 200;
    q.includeInputs = true; // the request to approve
    setQuery(q);
}

std::optional<WaitState::Timer> ApprovalInboxModel::racingTimer(const WaitState &waiting)
{
    std::optional<WaitState::Timer> earliest;
    for (const auto &timer : waiting.timers) {
        if (!earliest || timer.fireAt < earliest->fireAt)
            earliest = timer;
    }
    return earliest;
}

QDateTime ApprovalInboxModel::now() const
{
    return m_clock ? m_clock->now() : QDateTime::currentDateTimeUtc();
}

int ApprovalInboxModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ApprovalInboxModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &info = instanceAt(index.row());
    const auto timer = racingTimer(info.waiting);
    switch (role) {
    case InstanceIdRole:
        return info.instanceId;
    case StatusRole:
        return int(info.status);
    case EventsRole:
        return info.waiting.events;
    case WaitingSinceRole:
        return info.lastUpdatedAt;
    case TimerIdRole:
        return timer ? timer->id : -1;
    case TimerDueRole:
        return timer ? timer->fireAt : QDateTime();
    case Qt::ToolTipRole:
        if (index.column() == TimerDue && timer)
            return tr("%1 (in %2)").arg(formatTime(timer->fireAt), formatDuration(now().msecsTo(timer->fireAt)));
        if (index.column() == Request)
            return jsonPreview(info.input, 2000);
        return data(index, Qt::DisplayRole);
    case Qt::DisplayRole:
        switch (index.column()) {
        case Instance:
            return info.instanceId;
        case Orchestrator:
            return info.name;
        case Events:
            return info.waiting.events.join(QStringLiteral(", "));
        case WaitingFor:
            return formatDuration(info.lastUpdatedAt.msecsTo(now()));
        case TimerDue:
            if (!timer)
                return QString();
            // The countdown alone, so it fits a narrow pane; the due time is in the tooltip.
            return tr("in %1").arg(formatDuration(now().msecsTo(timer->fireAt)));
        case Request:
            return jsonPreview(info.input);
        }
    }
    return {};
}

QVariant ApprovalInboxModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Instance:
        return tr("Instance");
    case Orchestrator:
        return tr("Orchestrator");
    case Events:
        return tr("Awaited events");
    case WaitingFor:
        return tr("Waiting for");
    case TimerDue:
        return tr("Timer due");
    case Request:
        return tr("Request");
    }
    return {};
}

} // namespace durable::models
