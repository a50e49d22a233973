// The dispatcher's side of external workers (SDK apps through the sidecar): orchestration steps
// and activities handed to RemoteWork, and the steps' results applied in a batch like in-process
// episodes (see RemoteWork for the hand-out protocol).
#include "dispatcher.h"

namespace durable {

bool Dispatcher::isRemote(const InstanceInfo &info) const
{
    return m_options.externalWorkers && !m_registry.orchestrator(info.name, info.version);
}

bool Dispatcher::isRemoteActivity(const QString &name) const
{
    return m_options.externalWorkers && !m_registry.activity(name);
}

Status Dispatcher::processRemote(const InstanceRecord &record, Pending &pending, Checkpoint &checkpoint)
{
    const auto &info = record.info;
    const QDateTime now = m_clock.now();
    // Results of in-process activities join the inbox: like every message, they reach the code
    // with the next step sent out.
    for (auto &r : pending.results) {
        if (r.item.executionId != info.executionId)
            continue;
        const EventType type = r.succeeded ? EventType::TaskCompleted : EventType::TaskFailed;
        const QJsonObject data = r.eventData();
        InboxMessage message
            = InboxMessage::completion(info.instanceId, info.executionId, type, r.item.taskId, r.item.name, data, now);
        auto id = m_store->insertMessage(message);
        if (!id)
            return std::unexpected(id.error());
        message.id = *id;
        pending.messages.append(message);
        if (auto s = m_store->insertLogs(r.logs); !s)
            return s;
    }
    m_changes.activitiesCompleted(int(pending.results.size()));
    if (m_remoteSteps.contains(info.instanceId)) {
        checkpoint.waitingMessages += int(pending.messages.size());
        return {};
    }
    auto delivery = episodes::deliver(record, pending.messages, {}, now);
    if (delivery.newEvents.isEmpty()) {
        // Nothing for the code: messages of an earlier execution, or held while suspended.
        for (const auto &m : std::as_const(pending.messages)) {
            if (auto s = m_store->deleteMessage(m.id); !s)
                return s;
        }
        for (const auto &held : std::as_const(delivery.held)) {
            if (auto id = m_store->insertMessage(held); !id)
                return std::unexpected(id.error());
        }
        return {};
    }
    RemoteStep step;
    step.dispatch = m_nextDispatch++;
    step.executionId = info.executionId;
    step.historyLength = record.historyLength;
    for (const auto &m : std::as_const(pending.messages))
        step.messageIds.append(m.id);
    step.held = std::move(delivery.held);
    step.status = delivery.status;
    InstanceRecord opened = record;
    if (delivery.status)
        opened.info.status = *delivery.status;
    step.delivered = episodes::openEpisode(opened, delivery.newEvents, now);
    auto past = m_store->history(info.instanceId, info.executionId);
    if (!past)
        return std::unexpected(past.error());
    RemoteOrchestratorItem item { info.instanceId,  info.executionId, info.name,    info.version,
                                  std::move(*past), step.delivered,   step.dispatch };
    checkpoint.remoteSteps.append({ std::move(step), std::move(item) });
    return {};
}

Status Dispatcher::applyRemoteStep(RemoteCompletion &completion, Checkpoint &checkpoint)
{
    const auto &item = completion.item;
    auto &result = completion.result;
    const auto it = m_remoteSteps.constFind(item.instanceId);
    if (it == m_remoteSteps.cend() || it->dispatch != item.dispatch)
        return fail(ErrorCode::NotFound,
                    QStringLiteral("the orchestration step of '%1' is no longer current").arg(item.instanceId));
    const RemoteStep step = *it;
    // Taken out now: whether it applies or not, the instance's next step may go out in this batch.
    m_remoteSteps.remove(item.instanceId);
    auto found = m_store->instance(item.instanceId);
    if (!found)
        return std::unexpected(found.error());
    if (!*found || (*found)->info.executionId != step.executionId || (*found)->historyLength != step.historyLength
        || isTerminal((*found)->info.status))
        return fail(ErrorCode::FailedPrecondition,
                    QStringLiteral("instance '%1' moved on while its step was out").arg(item.instanceId));
    // Actions are checked before anything is written. A malformed result would come back the
    // same every time the step is sent again: it fails the instance instead, with the reason.
    const auto check = [&]() -> Status {
        QSet<int> ids;
        for (auto &a : result.actions) {
            if (ids.contains(a.id) || a.id < 0)
                return fail(ErrorCode::InvalidArgument,
                            QStringLiteral("action id %1 is used twice or negative").arg(a.id));
            ids.insert(a.id);
            if (a.kind == Action::Kind::CreateSubOrchestration && a.instanceId.isEmpty())
                a.instanceId = item.instanceId + QStringLiteral(":%1").arg(a.id, 4, 16, QLatin1Char('0'));
            if ((a.kind == Action::Kind::CreateSubOrchestration || a.kind == Action::Kind::SendEvent)) {
                if (auto s = instanceIdStatus(a.instanceId, { .maxLength = m_options.maxInstanceIdLength }); !s)
                    return s;
            }
        }
        return {};
    };
    const Status valid = check();
    if (!valid) {
        result.actions.clear();
        result.terminations.clear();
        result.outcome = Outcome {
            .status = RuntimeStatus::Failed,
            .output = QJsonValue(QJsonValue::Undefined),
            .failure = FailureDetails { QStringLiteral("InvalidOrchestratorAction"), valid.error().message, {}, true },
            .continueInput = {},
            .carriedEvents = {}
        };
    }
    if (auto s = m_store->savepoint(); !s)
        return s;
    const qsizetype workBefore = checkpoint.newWork.size();
    const auto written = [&]() -> Status {
        for (const qint64 id : step.messageIds) {
            if (auto s = m_store->deleteMessage(id); !s)
                return s;
        }
        for (const auto &held : step.held) {
            if (auto id = m_store->insertMessage(held); !id)
                return std::unexpected(id.error());
        }
        InstanceRecord record = **found;
        if (step.status)
            record.info.status = *step.status;
        episodes::OrchestratorStep os;
        os.actions = result.actions;
        os.outcome = result.outcome;
        os.customStatus = result.customStatus;
        History all = item.pastEvents + step.delivered;
        for (const auto &a : std::as_const(os.actions))
            all.append(episodes::actionEvent(a));
        if (os.outcome)
            all.append(episodes::outcomeEvent(*os.outcome));
        os.waiting = episodes::waitingOf(all);
        // Messages that arrived while the step was out come after the events a continue-as-new
        // carries over (those were raised first): they move behind them in the inbox.
        QList<InboxMessage> arrived;
        if (os.outcome && os.outcome->status == RuntimeStatus::ContinuedAsNew) {
            auto all = m_store->messagesOf(item.instanceId);
            if (!all)
                return std::unexpected(all.error());
            const QSet<qint64> consumed(step.messageIds.cbegin(), step.messageIds.cend());
            for (const auto &m : std::as_const(*all)) {
                if (consumed.contains(m.id))
                    continue;
                if (auto s = m_store->deleteMessage(m.id); !s)
                    return s;
                arrived.append(m);
            }
        }
        const QDateTime now = m_clock.now();
        auto episode = episodes::closeEpisode(record, step.delivered, {}, std::move(os), now);
        if (auto s = m_lifecycle->persist(episode, checkpoint.newWork); !s)
            return s;
        for (const auto &m : std::as_const(arrived)) {
            if (auto id = m_store->insertMessage(m); !id)
                return std::unexpected(id.error());
        }
        for (const auto &t : std::as_const(result.terminations)) {
            // A target that is gone or over is no reason to lose the step.
            (void)m_commands->terminate(t.instanceId, t.reason, t.recursive);
        }
        return {};
    }();
    if (!written) {
        m_store->rollbackToSavepoint();
        checkpoint.newWork.resize(workBefore); // their rows were rolled back: nothing to start
        return written;
    }
    if (auto s = m_store->releaseSavepoint(); !s)
        return s;
    return valid; // the worker learns why its result failed the instance
}

void Dispatcher::startWork(const WorkItem &item, Checkpoint *checkpoint)
{
    if (!isRemoteActivity(item.name)) {
        const quint64 launch = m_activities.launch(item);
        if (checkpoint)
            checkpoint->launches.append(launch);
        return;
    }
    RemoteActivityItem remote { item.instanceId, item.executionId, item.taskId, item.name,
                                item.input,      item.id,          item.attempt };
    if (checkpoint)
        checkpoint->remoteActivities.append(std::move(remote));
    else
        m_remote.post(std::move(remote));
}

void Dispatcher::postRemote(Checkpoint &checkpoint)
{
    for (auto &[step, item] : checkpoint.remoteSteps) {
        m_remoteSteps.insert(item.instanceId, std::move(step));
        m_remote.post(std::move(item));
    }
    for (auto &item : checkpoint.remoteActivities)
        m_remote.post(std::move(item));
}

void Dispatcher::dropRemote(const QString &why)
{
    m_remote.clear();
    m_remoteSteps.clear();
    for (auto &c : std::exchange(m_remoteCompletions, {})) {
        c.promise->addResult(fail(ErrorCode::Shutdown, why));
        c.promise->finish();
    }
}

} // namespace durable
