#include "commands.h"

#include "engine.h"
#include "json.h"
#include "remotework.h"

namespace durable {

namespace {

    constexpr int PurgeBatch = 500;

    QJsonObject reasonData(const QString &reason)
    {
        return QJsonObject { { QStringLiteral("reason"), reason } };
    }

    /// Imported instances are records of a run elsewhere: nothing may act on them but purge.
    std::unexpected<Error> readOnly(const QString &instanceId)
    {
        return fail(ErrorCode::FailedPrecondition,
                    QStringLiteral("instance '%1' was imported from a repro bundle and is read-only (fork it to run "
                                   "it again, or purge it)")
                        .arg(instanceId));
    }

} // namespace

ClientCommands::ClientCommands(HubStore &store, const Registry &registry, Clock &clock, Lifecycle &lifecycle,
                               ChangeTracker &changes, const EngineOptions &options, const RemoteWork *remote)
    : m_store(store)
    , m_registry(registry)
    , m_clock(clock)
    , m_lifecycle(lifecycle)
    , m_changes(changes)
    , m_options(options)
    , m_remote(remote)
{
}

Status ClientCommands::checkPayload(const QJsonValue &value, const QString &what) const
{
    const auto size = json::toText(value).size();
    if (size > m_options.maxPayloadBytes)
        return fail(
            ErrorCode::PayloadTooLarge,
            QStringLiteral("%1 is %2 bytes; the limit is %3 bytes").arg(what).arg(size).arg(m_options.maxPayloadBytes));
    return {};
}

Result<InstanceRecord> ClientCommands::existing(const QString &instanceId, bool withInputs)
{
    return andThen(m_store.instance(instanceId, withInputs),
                   [&](std::optional<InstanceRecord> found) -> Result<InstanceRecord> {
                       if (!found)
                           return fail(ErrorCode::NotFound, QStringLiteral("no instance '%1'").arg(instanceId));
                       return std::move(*found);
                   });
}

Result<QString> ClientCommands::start(const QString &name, const QJsonValue &input, const Client::StartOptions &options)
{
    const auto orchestrator = m_registry.orchestrator(name, options.version);
    // Names this process does not know are run by external workers when they are enabled.
    const bool remote = !orchestrator && m_remote && m_remote->isEnabled();
    if (remote && name.trimmed().isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("the orchestrator name is empty"));
    if (!orchestrator && !remote)
        return fail(ErrorCode::UnknownOrchestrator,
                    options.version.isEmpty()
                        ? QStringLiteral("no orchestrator named '%1'").arg(name)
                        : QStringLiteral("no orchestrator named '%1' with version '%2'").arg(name, options.version));
    const QString id = options.instanceId.isEmpty() ? newId() : options.instanceId;
    if (auto s = Engine::validateInstanceId(id, m_options.maxInstanceIdLength); !s)
        return std::unexpected(s.error());
    if (auto s = checkPayload(input, QStringLiteral("the input")); !s)
        return std::unexpected(s.error());
    return transaction([&]() -> Result<QString> {
        auto found = m_store.instance(id, false);
        if (!found)
            return std::unexpected(found.error());
        if (*found && !isTerminal((*found)->info.status))
            return fail(
                ErrorCode::AlreadyExists,
                QStringLiteral("instance '%1' already exists and is %2").arg(id, statusName((*found)->info.status)));
        if (*found && options.onlyIfNew)
            return fail(ErrorCode::AlreadyExists,
                        QStringLiteral("instance '%1' already exists (%2)").arg(id, statusName((*found)->info.status)));
        if (*found && isImported((*found)->info))
            return readOnly(id);
        if (*found && !options.replaceExecutionId.isEmpty() && (*found)->info.executionId != options.replaceExecutionId)
            return fail(ErrorCode::AlreadyExists,
                        QStringLiteral("instance '%1' has run again since: it is another %2 execution")
                            .arg(id, statusName((*found)->info.status)));
        InstanceInfo info;
        info.instanceId = id;
        info.name = name;
        info.version = orchestrator ? orchestrator->version : options.version;
        info.input = input;
        const QDateTime visible = options.scheduledStart.isValid() ? options.scheduledStart.toUTC() : m_clock.now();
        return andThen(m_lifecycle.create(info, visible, found->has_value()), [&]() -> Result<QString> { return id; });
    });
}

Status ClientCommands::send(const InboxMessage &message, Accepts accepts, const QString &refusal)
{
    return transaction([&]() -> Status {
        return andThen(existing(message.instanceId), [&](const InstanceRecord &record) -> Status {
            if (isImported(record.info))
                return readOnly(message.instanceId);
            const RuntimeStatus status = record.info.status;
            const bool refused = accepts == Accepts::OnlyFailed ? status != RuntimeStatus::Failed : isTerminal(status);
            if (refused)
                return fail(ErrorCode::FailedPrecondition, refusal.arg(message.instanceId, statusName(status)));
            InboxMessage m = message;
            m.visibleAt = m_clock.now();
            return discardValue(m_store.insertMessage(m));
        });
    });
}

Status ClientCommands::raiseEvent(const QString &instanceId, const QString &eventName, const QJsonValue &payload)
{
    if (eventName.trimmed().isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("the event name is empty"));
    if (auto s = checkPayload(payload, QStringLiteral("the event payload")); !s)
        return s;
    return send(InboxMessage::event(instanceId, eventName, payload, {}), Accepts::Unfinished,
                QStringLiteral("instance '%1' is %2 and takes no more events"));
}

Status ClientCommands::terminate(const QString &instanceId, const QJsonValue &output, bool recursive)
{
    if (auto s = checkPayload(output, QStringLiteral("the termination output")); !s)
        return s;
    QJsonObject data { { QStringLiteral("reason"), output } };
    data.insert(QStringLiteral("recurse"), recursive);
    return send(InboxMessage::command(instanceId, EventType::ExecutionTerminated, data, {}), Accepts::Unfinished,
                QStringLiteral("instance '%1' is already %2"));
}

Status ClientCommands::suspend(const QString &instanceId, const QString &reason)
{
    return send(InboxMessage::command(instanceId, EventType::ExecutionSuspended, reasonData(reason), {}),
                Accepts::Unfinished, QStringLiteral("instance '%1' is %2"));
}

Status ClientCommands::resume(const QString &instanceId, const QString &reason)
{
    return send(InboxMessage::command(instanceId, EventType::ExecutionResumed, reasonData(reason), {}),
                Accepts::Unfinished, QStringLiteral("instance '%1' is %2"));
}

Status ClientCommands::rewind(const QString &instanceId, const QString &reason)
{
    return send(InboxMessage::command(instanceId, EventType::ExecutionRewound, reasonData(reason), {}),
                Accepts::OnlyFailed, QStringLiteral("only failed instances can be rewound; '%1' is %2"));
}

Result<QString> ClientCommands::restart(const QString &instanceId, bool newInstanceId)
{
    return andThen(existing(instanceId, true), [&](const InstanceRecord &record) -> Result<QString> {
        const auto &info = record.info;
        if (isImported(info))
            return readOnly(instanceId);
        if (!newInstanceId && !isTerminal(info.status))
            return fail(ErrorCode::FailedPrecondition,
                        QStringLiteral("instance '%1' is %2; restart it under a new id or terminate it first")
                            .arg(instanceId, statusName(info.status)));
        Client::StartOptions options;
        options.instanceId = newInstanceId ? QString() : instanceId;
        options.version = m_registry.orchestrator(info.name, info.version) ? info.version : QString();
        return start(info.name, info.input, options);
    });
}

Result<int> ClientCommands::purgeTree(const QString &instanceId, bool recursive)
{
    auto found = existing(instanceId);
    if (!found)
        return std::unexpected(found.error());
    // An imported instance may be purged in any status: it never runs here.
    if (!isTerminal(found->info.status) && !isImported(found->info))
        return fail(ErrorCode::FailedPrecondition,
                    QStringLiteral("instance '%1' is %2; only finished instances can "
                                   "be purged")
                        .arg(instanceId, statusName(found->info.status)));
    int count = 0;
    if (recursive) {
        auto children = m_store.children(instanceId);
        if (!children)
            return std::unexpected(children.error());
        for (const auto &child : *children) {
            auto n = purgeTree(child, true);
            if (!n)
                return n;
            count += *n;
        }
    }
    if (auto s = m_store.deleteInstance(instanceId); !s)
        return std::unexpected(s.error());
    m_changes.evict(instanceId);
    m_changes.instance(instanceId, true, true);
    m_changes.purged();
    return count + 1;
}

Result<int> ClientCommands::purge(const QString &instanceId, bool recursive)
{
    return transaction([&] { return purgeTree(instanceId, recursive); });
}

Result<int> ClientCommands::purge(const PurgeFilter &filter)
{
    int total = 0;
    for (;;) {
        auto batch = transaction([&]() -> Result<int> {
            auto ids = m_store.purgeCandidates(filter, PurgeBatch);
            if (!ids)
                return std::unexpected(ids.error());
            for (const auto &id : *ids) {
                if (auto s = m_store.deleteInstance(id); !s)
                    return std::unexpected(s.error());
                m_changes.evict(id);
            }
            return int(ids->size());
        });
        if (!batch)
            return batch;
        total += *batch;
        if (*batch < PurgeBatch)
            break;
    }
    if (total > 0)
        m_changes.purged();
    return total;
}

Status ClientCommands::fireTimer(const QString &instanceId, int timerId)
{
    return transaction([&]() -> Status {
        auto record = m_store.instance(instanceId, false);
        if (!record)
            return std::unexpected(record.error());
        if (*record && isImported((*record)->info))
            return readOnly(instanceId);
        return andThen(m_store.fireTimer(instanceId, timerId, m_clock.now()), [&](bool fired) -> Status {
            if (!fired)
                return fail(ErrorCode::NotFound,
                            QStringLiteral("instance '%1' has no pending timer %2").arg(instanceId).arg(timerId));
            return {};
        });
    });
}

Result<int> ClientCommands::saveScript(const QString &fileName, const QString &code, const QStringList &orchestrators,
                                       const QStringList &activities)
{
    if (fileName.trimmed().isEmpty() || code.trimmed().isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("a script needs a file name and code"));
    if (code.toUtf8().size() > m_options.maxPayloadBytes)
        return fail(ErrorCode::PayloadTooLarge,
                    QStringLiteral("the script is larger than %1 bytes").arg(m_options.maxPayloadBytes));
    return transaction(
        [&] { return m_store.saveScriptVersion(fileName, code, orchestrators, activities, m_clock.now()); });
}

} // namespace durable
