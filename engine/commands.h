#pragma once

#include "bundle.h"
#include "client.h"
#include "fork.h"
#include "lifecycle.h"

namespace durable {

struct EngineOptions;
class RemoteWork;

/// The client's write operations: validate, then write inside a transaction of their own or,
/// during a batch, inside a savepoint of the batch's transaction (a refused command undoes only
/// itself; many commands share one commit). Every operation's errors are those documented on
/// Client. Messages for the dispatcher go to the inbox; nothing here runs orchestrator code.
/// Dispatcher thread only.
class ClientCommands {
public:
    /// With `remote` enabled, start() accepts names this process does not know (external workers
    /// run them).
    ClientCommands(HubStore &store, const Registry &registry, Clock &clock, Lifecycle &lifecycle,
                   ChangeTracker &changes, const EngineOptions &options, const RemoteWork *remote = nullptr);

    Result<QString> start(const QString &name, const QJsonValue &input, const Client::StartOptions &options);
    Status raiseEvent(const QString &instanceId, const QString &eventName, const QJsonValue &payload);
    /// `output` becomes the terminated instance's output (a string reason, or a verbatim payload).
    Status terminate(const QString &instanceId, const QJsonValue &output, bool recursive);
    Status suspend(const QString &instanceId, const QString &reason);
    Status resume(const QString &instanceId, const QString &reason);
    Status rewind(const QString &instanceId, const QString &reason);
    Result<QString> restart(const QString &instanceId, bool newInstanceId);
    Result<int> purge(const QString &instanceId, bool recursive);
    /// In transactions of at most 500 instances, so the dispatcher and readers are not starved.
    Result<int> purge(const PurgeFilter &filter);
    Status fireTimer(const QString &instanceId, int timerId);
    /// A what-if fork (fork.cpp): checks the chosen code against the prefix first; a refusal is a
    /// verdict in the result and writes nothing. Errors: NotFound, UnknownOrchestrator,
    /// InvalidArgument, FailedPrecondition (see planFork()), AlreadyExists, PayloadTooLarge.
    Result<ForkResult> fork(const ForkRequest &request);
    /// Imports a repro bundle (bundle.cpp); see HubClient::importBundle().
    Result<bundle::ImportResult> importBundle(const QByteArray &bytes, const QString &fileName);
    Result<int> saveScript(const QString &fileName, const QString &code, const QStringList &orchestrators,
                           const QStringList &activities);

private:
    /// Which instances a message may be sent to.
    enum class Accepts { Unfinished, OnlyFailed };
    /// Inserts `message` for an existing instance whose status `accepts` it; otherwise NotFound or
    /// FailedPrecondition with `refusal` (%1 id, %2 status).
    Status send(const InboxMessage &message, Accepts accepts, const QString &refusal);
    /// The instance's record; NotFound when there is none.
    Result<InstanceRecord> existing(const QString &instanceId, bool withInputs = false);
    Result<int> purgeTree(const QString &instanceId, bool recursive);
    Status checkPayload(const QJsonValue &value, const QString &what) const;
    template<typename F>
    auto transaction(F &&body) -> decltype(body());

    HubStore &m_store;
    const Registry &m_registry;
    Clock &m_clock;
    Lifecycle &m_lifecycle;
    ChangeTracker &m_changes;
    const EngineOptions &m_options;
    const RemoteWork *m_remote;
};

template<typename F>
auto ClientCommands::transaction(F &&body) -> decltype(body())
{
    if (m_store.inTransaction()) {
        // Part of a group commit: a savepoint undoes a refused command without touching the rest.
        if (auto s = m_store.savepoint(); !s)
            return std::unexpected(s.error());
        auto result = body();
        if (!result) {
            m_store.rollbackToSavepoint();
            return result;
        }
        if (auto s = m_store.releaseSavepoint(); !s)
            return std::unexpected(s.error());
        return result;
    }
    if (auto s = m_store.begin(); !s)
        return std::unexpected(s.error());
    auto result = body();
    if (!result) {
        m_store.rollback();
        return result;
    }
    if (auto s = m_store.commit(); !s)
        return std::unexpected(s.error());
    return result;
}

} // namespace durable
