#include "dispatcher.h"

#include <QCoreApplication>
#include <QHostInfo>
#include <QScopeGuard>

#include <unistd.h>

namespace durable {

namespace {

    constexpr int BatchLimit = 5000;
    constexpr int RetryMs = 1000;
    constexpr int NotifyMs = 100;
    /// A process that does not run the workers follows the hub's changes at this pace at most.
    constexpr int ClientPollMs = 250;

    Error lostWorkersError()
    {
        return Error { ErrorCode::Busy, QStringLiteral("another process took over this hub's workers") };
    }

} // namespace

Dispatcher::Dispatcher(const EngineOptions &options, Registry &registry, Clock &clock, std::unique_ptr<HubStore> store,
                       RemoteWork &remote)
    : m_options(options)
    , m_registry(registry)
    , m_clock(clock)
    , m_store(std::move(store))
    , m_ownership(*m_store, QHostInfo::localHostName(), qint64(::getpid()), options.ownerLeaseMs)
    , m_lifecycle(std::make_unique<Lifecycle>(*m_store, registry, clock, m_changes))
    , m_commands(
          std::make_unique<ClientCommands>(*m_store, registry, clock, *m_lifecycle, m_changes, m_options, &remote))
    , m_activities(
          registry, options.activityThreads, options.maxPayloadBytes, qMax(1, options.resultsPerBatch),
          [this] { QMetaObject::invokeMethod(this, &Dispatcher::resultsArrived, Qt::QueuedConnection); }, &clock)
    , m_cache(qMax(1, options.cacheSize))
    , m_remote(remote)
    , m_shared(m_store->capabilities().sharedByWorkers)
{
    // Completions arrive on the workers' connection threads: they join the next batch here.
    m_remote.setSink(RemoteWork::Sink {
        [this](RemoteOrchestratorItem item, RemoteOrchestratorResult result) {
            auto promise = std::make_shared<QPromise<Status>>();
            promise->start();
            QFuture<Status> future = promise->future();
            QMetaObject::invokeMethod(
                this,
                [this, item = std::move(item), result = std::move(result), promise]() mutable {
                    if (m_stopping || !m_ownership.owns()) {
                        promise->addResult(fail(ErrorCode::Shutdown, QStringLiteral("the hub's workers stopped")));
                        promise->finish();
                        return;
                    }
                    if (checkDamage()) {
                        promise->addResult(std::unexpected(*m_damage));
                        promise->finish();
                        return;
                    }
                    m_remoteCompletions.append(RemoteCompletion { std::move(item), std::move(result), promise, {} });
                    scheduleDispatch();
                },
                Qt::QueuedConnection);
            return future;
        },
        [this](RemoteActivityItem item, RemoteActivityResult result) -> Status {
            ActivityResult r;
            r.item = WorkItem { item.workId, item.instanceId, item.executionId, item.taskId,
                                item.name,   item.input,      item.attempt };
            if (result.succeeded)
                r.succeed(result.result);
            else
                r.fail(result.failure);
            QMetaObject::invokeMethod(
                this,
                [this, r = std::move(r)]() mutable {
                    if (m_stopping || !m_ownership.owns() || checkDamage())
                        return; // its work row runs again under whoever holds the hub
                    m_results.append(std::move(r));
                    resultsArrived();
                },
                Qt::QueuedConnection);
            return {};
        } });
    m_dueTimer.setSingleShot(true);
    m_retryTimer.setSingleShot(true);
    m_notifyTimer.setSingleShot(true);
    m_notifyTimer.setInterval(NotifyMs);
    connect(&m_dueTimer, &QTimer::timeout, this, &Dispatcher::scheduleDispatch);
    connect(&m_retryTimer, &QTimer::timeout, this, &Dispatcher::scheduleDispatch);
    connect(&m_heartbeatTimer, &QTimer::timeout, this, &Dispatcher::heartbeat);
    connect(&m_pollTimer, &QTimer::timeout, this, &Dispatcher::pollExternal);
    connect(&m_notifyTimer, &QTimer::timeout, this, &Dispatcher::flushChanges);
    connect(&m_clock, &Clock::jumped, this, &Dispatcher::scheduleDispatch);
}

Dispatcher::~Dispatcher()
{
    m_remote.setSink({});
    // Activity threads post to this object: they must be gone before it is.
    m_activities.stop();
}

void Dispatcher::startUp()
{
    m_changeCounter = m_store->changeCounter().value_or(-1);
    m_heartbeatTimer.start(qMax(500, m_options.ownerLeaseMs / 3));
    m_pollTimer.start(qMax(ClientPollMs, m_options.pollIntervalMs));
    heartbeat();
}

void Dispatcher::shutDown()
{
    m_stopping = true;
    m_dueTimer.stop();
    m_retryTimer.stop();
    m_heartbeatTimer.stop();
    m_pollTimer.stop();
    m_activities.stop();
    // Results of activities that finished meanwhile: checkpoint them now.
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
    collectResults();
    if (m_ownership.owns() && (!m_results.isEmpty() || !m_queuedCommands.isEmpty())) {
        m_stopping = false;
        m_finalBatch = true;
        dispatch();
        m_finalBatch = false;
        m_stopping = true;
        // That batch started its activities before committing; whatever they finish now is not
        // committed, and their work rows run again at the next start.
        m_activities.stop();
    }
    for (auto &c : std::exchange(m_queuedCommands, {})) {
        c.run();
        c.finish(std::nullopt);
    }
    dropRemote(QStringLiteral("the engine is shutting down"));
    m_remote.setSink({});
    if (auto s = m_ownership.release(); !s)
        qWarning("durable: releasing the hub's workers failed: %s", qPrintable(s.error().message));
    afterWrite();
    flushChanges();
    m_cache.clear();
    m_commands.reset();
    m_lifecycle.reset();
}

void Dispatcher::scheduleDispatch()
{
    if (m_dispatchQueued || m_stopping || checkDamage() || !m_ownership.owns())
        return;
    m_dispatchQueued = true;
    QMetaObject::invokeMethod(this, &Dispatcher::dispatch, Qt::QueuedConnection);
}

void Dispatcher::submit(Command command)
{
    if (!m_ownership.owns() || m_stopping || checkDamage()) {
        const bool ok = command.run();
        Q_UNUSED(ok);
        command.finish(std::nullopt); // committed (or refused) by its own transaction
        return;
    }
    m_queuedCommands.append(std::move(command));
    scheduleDispatch();
}

void Dispatcher::dispatch()
{
    m_dispatchQueued = false;
    if (m_stopping || checkDamage() || !m_ownership.owns())
        return;
    collectResults();
    Checkpoint checkpoint;
    QSet<QString> touched;
    // The batch's share of the results, the oldest first; batchFailed() gives them back.
    const qsizetype taken = resultsForBatch();
    const auto results = m_results.first(taken);
    m_results.remove(0, taken);
    const auto commands = std::exchange(m_queuedCommands, {});
    auto completions = std::exchange(m_remoteCompletions, {});
    auto processed = runBatch(checkpoint, touched, results, commands, completions);
    if (!processed) {
        for (auto &c : completions) {
            // The worker's hand-out is gone: the step must go out again, or the instance waits
            // for an answer that can no longer come.
            const auto step = m_remoteSteps.constFind(c.item.instanceId);
            if (step != m_remoteSteps.cend() && step->dispatch == c.item.dispatch)
                m_remoteSteps.erase(step);
            c.promise->addResult(std::unexpected(processed.error()));
            c.promise->finish();
        }
        batchFailed(processed.error(), checkpoint, touched, results, commands);
        return;
    }
    for (const auto &c : commands)
        c.finish(std::nullopt);
    for (auto &c : completions) {
        c.promise->addResult(c.status);
        c.promise->finish();
    }
    postRemote(checkpoint);
    for (auto &[id, cached] : checkpoint.runs) {
        if (m_options.cacheSize > 0 && cached.run && !cached.run->outcome() && !isTerminal(cached.record.info.status))
            m_cache.insert(id, new CachedRun(std::move(cached)));
    }
    afterWrite();
    // Only after a batch that wrote: an empty batch rolls back and proves nothing about space.
    if (m_reclaimLog && *processed && m_store->reclaimLogSpace())
        m_reclaimLog = false;
    if (*processed || !m_results.isEmpty() || m_activities.waitingResults() > 0)
        scheduleDispatch(); // more may be runnable (see runBatch()), or results beyond the limit wait
    armTimer();
}

void Dispatcher::batchFailed(const Error &error, const Checkpoint &checkpoint, const QSet<QString> &touched,
                             const QList<ActivityResult> &results, const QList<Command> &commands)
{
    if (m_store->inTransaction())
        m_store->rollback();
    m_activities.voidLaunches(checkpoint.launches);
    for (const auto &id : touched)
        m_cache.remove(id);
    if (!m_ownership.owns()) {
        // The fence: another process holds the hub now. Nothing of this batch was written; its
        // commands are still ours to answer, as a client's.
        m_queuedCommands = commands + m_queuedCommands;
        loseWorkers(QStringLiteral("the batch found the hub owned by another process"));
        return;
    }
    if (m_shared && error.code == ErrorCode::Storage) {
        // The connection failed, possibly in a COMMIT that did commit: the work this batch leased
        // may be this session's now, and nothing here will run it. Give the session up; once its
        // lease runs out the rows are free for any worker, this one under its next session.
        for (const auto &c : commands)
            c.finish(error);
        m_ownership.lose();
        loseWorkers(QStringLiteral("its batch failed on the connection: %1").arg(error.message));
        return;
    }
    // The results were taken for this batch: give them back so the retry applies them.
    m_results = results + m_results;
    if (error.code == ErrorCode::Corrupt) {
        // Damaged before the commands hear of it, so that their callers see the state. No retry:
        // the same page would fail again.
        Q_EMIT damageFound(error);
        enterDamaged(error);
    }
    if (error.code == ErrorCode::Storage)
        m_reclaimLog = true;
    for (const auto &c : commands)
        c.finish(error);
    if (error.code == ErrorCode::Corrupt || error.code == ErrorCode::Damaged)
        return; // the damaged state was entered and reported; a retry would meet the page again

    Q_EMIT backgroundError(error);
    m_retryTimer.start(RetryMs);
}

Result<bool> Dispatcher::runBatch(Checkpoint &checkpoint, QSet<QString> &touched, QList<ActivityResult> results,
                                  const QList<Command> &commands, QList<RemoteCompletion> &completions)
{
    const qint64 messagesBefore = m_store->messagesInserted();
    if (auto s = m_store->begin(); !s)
        return std::unexpected(s.error());
    // The fence, first in the transaction: from here to the commit the write lock keeps any
    // other process from taking the hub over, so nothing stale can commit.
    auto ours = m_ownership.verify();
    if (!ours || !*ours)
        return std::unexpected(ours ? lostWorkersError() : ours.error());
    // Starts due now hand their ExecutionStarted to this batch, which runs the first episode in
    // the same commit. Shared by workers, starts go through the inbox, where the worker that
    // holds the instance finds them.
    // Bounded like the inbox's messages: a burst of starts beyond it waits in the inbox.
    // The row each start wrote goes with its message, so that the first episode does not read it
    // back (m_created; afterWrite() voids a copy that a later command evicts).
    QList<InboxMessage> started;
    m_created.clear();
    if (!m_shared) {
        m_lifecycle->setStartSink([&](const InboxMessage &m, const InstanceRecord &record) {
            if (started.size() >= BatchLimit)
                return false;
            started.append(m);
            m_created.insert(m.instanceId, Created { record, m_command });
            return true;
        });
    }
    const auto unsetSink = qScopeGuard([this] {
        m_lifecycle->setStartSink({});
        m_command = -1;
        m_created.clear(); // on every exit: a failed batch's rows were never written
    });
    for (m_command = 0; m_command < commands.size(); ++m_command) {
        if (commands.at(m_command).run())
            continue;
        // Refused: its savepoint is gone, and with it any row it wrote. Its start message stays
        // and the first episode reads the row, as before the hand-over: none, nothing runs.
        for (auto it = m_created.begin(); it != m_created.end();)
            it = it->command == m_command ? m_created.erase(it) : std::next(it);
    }
    m_command = -1;
    m_lifecycle->setStartSink({});
    if (m_damage)
        return std::unexpected(*m_damage); // a command met a damaged page: nothing of this batch commits
    for (auto &c : completions)
        c.status = applyRemoteStep(c, checkpoint);
    afterWrite(); // a command may have voided cached runs this batch is about to use
    // After the commands: an instance started just now runs its first episode in this commit.
    const QDateTime now = m_clock.now();
    m_batchTime = now;
    auto messages = m_store->dueMessages(now, BatchLimit);
    if (!messages)
        return std::unexpected(messages.error());
    // A result counts only while its work row is there (and, shared, still leased to this
    // worker at this attempt): otherwise the instance moved on or the row runs again elsewhere,
    // and applying it would record the task twice.
    const qsizetype resultsTaken = results.size();
    qsizetype resultsCounted = 0;
    if (auto s = acceptResults(results, *messages, resultsCounted); !s)
        return std::unexpected(s.error());
    auto claimed = claimFreeWork();
    if (!claimed)
        return std::unexpected(claimed.error());
    if (messages->isEmpty() && started.isEmpty() && results.isEmpty() && commands.isEmpty() && completions.isEmpty()
        && claimed->isEmpty() && resultsTaken == 0) {
        m_store->rollback();
        return false;
    }
    QStringList order;
    QHash<QString, Pending> pending;
    const auto slot = [&](const QString &instanceId) -> Pending & {
        auto it = pending.find(instanceId);
        if (it == pending.end()) {
            order.append(instanceId);
            it = pending.insert(instanceId, {});
        }
        return *it;
    };
    for (auto &m : started) {
        Pending &p = slot(m.instanceId);
        if (const auto it = m_created.find(m.instanceId); it != m_created.end())
            p.created = std::move(it->record);
        p.messages.append(std::move(m));
    }
    m_created.clear();
    for (auto &m : *messages)
        slot(m.instanceId).messages.append(std::move(m));
    for (auto &r : results)
        slot(r.item.instanceId).results.append(std::move(r));
    for (const auto &id : std::as_const(order)) {
        touched.insert(id);
        if (auto s = processInstance(id, pending[id], checkpoint); !s)
            return std::unexpected(s.error());
    }
    // The batch's activities start now and run while the commit syncs: a chain's next activity is
    // usually done by the time the commit returns. A result still commits only in a later batch,
    // after the scheduling it answers. A failed commit voids these launches (batchFailed()); a
    // crash before the commit loses the scheduling and replay schedules the activity again, the
    // same at-least-once run as a crash between an activity's end and the commit of its result.
    QList<qint64> leased;
    for (auto item : std::as_const(checkpoint.newWork)) {
        // Shared by workers: local first up to what this process's threads take soon; the rest
        // stays free for any worker (claimFreeWork()).
        if (m_shared && m_activities.queued() >= m_options.activityThreads)
            continue;
        item.attempt = 1;
        startWork(item, &checkpoint);
        leased.append(item.id);
    }
    if (m_shared && !leased.isEmpty()) {
        if (auto s = m_store->leaseWork(leased); !s)
            return std::unexpected(s.error());
    }
    if (auto s = m_store->commit(); !s)
        return std::unexpected(s.error());
    // Claimed rows start only once their new attempt is committed: started before, a crash in
    // between would let the next worker run the same attempt number again.
    for (const auto &item : std::as_const(*claimed))
        startWork(item, nullptr);
    // Every result this worker committed counts, the ones it routed to another worker's instance
    // included: that worker applies them as messages, not as its own results.
    m_store->countProgress(int(resultsCounted), int(checkpoint.runs.size()));
    m_activitiesDone.fetch_add(resultsCounted, std::memory_order_relaxed);
    m_episodesDone.fetch_add(checkpoint.runs.size(), std::memory_order_relaxed);
    // Another batch right away unless this one only applied activity results and wrote no
    // message: then nothing it did can be runnable now (a child's start, a sent event, held
    // messages of a resumed instance, messages beyond the batch limit all involve messages), and
    // a chain's next step starts when its activity's result arrives, without an empty batch (a
    // write lock taken and released) in between.
    // Messages left waiting for a step in flight at an external worker do not count: the step's
    // result brings the next batch.
    return messages->size() > checkpoint.waitingMessages || !commands.isEmpty() || !completions.isEmpty()
        || m_store->messagesInserted() != messagesBefore || !claimed->isEmpty();
}

Status Dispatcher::processInstance(const QString &instanceId, Pending &pending, Checkpoint &checkpoint)
{
    Result<std::optional<InstanceRecord>> found;
    // Shared by workers, another worker may have run episodes since: the row (locked by this
    // batch) is the truth, and runFor() keeps the cached run only when it is in step with it.
    const CachedRun *cached = m_shared ? nullptr : m_cache.object(instanceId);
    if (cached)
        found = std::optional<InstanceRecord>(cached->record);
    else if (pending.created)
        found = std::move(pending.created);
    else
        found = m_store->instance(instanceId);
    if (!found)
        return std::unexpected(found.error());
    if (*found && !isTerminal((*found)->info.status) && !isImported((*found)->info) && isRemote((*found)->info)
        && std::none_of(pending.messages.cbegin(), pending.messages.cend(),
                        [](const InboxMessage &m) { return m.type == EventType::ExecutionTerminated; }))
        return processRemote(**found, pending, checkpoint);
    // Whatever a step in flight would bring is void now (the instance is terminated or over).
    m_remoteSteps.remove(instanceId);
    for (const auto &m : pending.messages) {
        if (m.id == 0)
            continue; // handed over by a start in this batch, never in the inbox
        if (auto s = m_store->deleteMessage(m.id); !s)
            return s;
    }
    if (!*found || isImported((*found)->info))
        return {}; // messages for unknown (purged) instances never resurrect them; imported ones never run
    InstanceRecord &record = **found;
    const bool terminal = isTerminal(record.info.status);
    for (const auto &m : pending.messages) {
        if (m.type == EventType::ExecutionTerminated && !terminal)
            return m_lifecycle->terminate(record, m);
        if (m.type == EventType::ExecutionRewound && record.info.status == RuntimeStatus::Failed)
            return m_lifecycle->rewind(record, m, checkpoint.newWork);
    }
    if (terminal)
        return {}; // late results and events for a finished instance are dropped
    if (auto s = m_lifecycle->resumeFork(record, pending.messages, checkpoint.newWork); !s)
        return s;
    auto delivery = episodes::deliver(record, pending.messages, std::move(pending.results), m_clock.now());
    for (const auto &held : std::as_const(delivery.held)) {
        if (auto id = m_store->insertMessage(held); !id)
            return std::unexpected(id.error());
    }
    if (auto s = m_store->insertLogs(delivery.heldLogs); !s)
        return s;
    if (delivery.newEvents.isEmpty())
        return {};
    return runEpisode(record, std::move(delivery), checkpoint);
}

Result<std::unique_ptr<OrchestrationRun>> Dispatcher::runFor(const InstanceRecord &record)
{
    const auto &info = record.info;
    std::unique_ptr<OrchestrationRun> run;
    if (std::unique_ptr<CachedRun> cached { m_cache.take(info.instanceId) })
        run = std::move(cached->run);
    if (run && run->executionId() == info.executionId && run->appliedCount() == record.historyLength)
        return run;
    OrchestratorFunction function;
    if (const auto orchestrator = m_registry.orchestrator(info.name, info.version)) {
        function = orchestrator->function;
    } else {
        const QString missing
            = QStringLiteral("no orchestrator named '%1'%2 is registered")
                  .arg(info.name, info.version.isEmpty() ? QString() : QStringLiteral(" version ") + info.version);
        function = [missing](OrchestrationContext &) -> Task<QJsonValue> {
            throw ActivityError(QStringLiteral("OrchestratorNotFound"), missing);
            co_return QJsonValue();
        };
    }
    run = std::make_unique<OrchestrationRun>(info.instanceId, info.executionId, std::move(function));
    auto history = m_store->history(info.instanceId, info.executionId, HubStore::HistoryRead::Replay);
    if (!history)
        return std::unexpected(history.error());
    for (const auto &e : std::as_const(*history))
        run->apply(e, true);
    (void)run->takeNewActions(); // all matched by history, or a divergence already recorded
    return run;
}

Status Dispatcher::runEpisode(const InstanceRecord &stored, episodes::Delivery delivery, Checkpoint &checkpoint)
{
    InstanceRecord record = stored;
    if (delivery.status)
        record.info.status = *delivery.status;
    auto run = runFor(record);
    if (!run)
        return std::unexpected(run.error());
    const QDateTime now = m_clock.now();
    History delivered = episodes::openEpisode(record, delivery.newEvents, now);
    for (const auto &e : std::as_const(delivered))
        (*run)->apply(e, false);
    episodes::OrchestratorStep step;
    step.actions = (*run)->takeNewActions();
    step.outcome = (*run)->outcome();
    if ((*run)->customStatusChanged()) {
        step.customStatus = (*run)->customStatus();
        (*run)->clearCustomStatusChanged();
    }
    step.waiting = (*run)->waitState();
    step.logs = (*run)->takeLogLines();
    m_changes.activitiesCompleted(int(delivery.results.size()));
    auto episode = episodes::closeEpisode(record, std::move(delivered), delivery.results, std::move(step), now);
    (*run)->setCommittedLength(episode.record.historyLength);
    if (auto s = m_lifecycle->persist(episode, checkpoint.newWork); !s)
        return s;
    checkpoint.runs.emplace_back(record.info.instanceId, CachedRun { std::move(*run), std::move(episode.record) });
    return {};
}

void Dispatcher::launchWork(const QList<WorkItem> &items)
{
    for (const auto &item : items)
        startWork(item, nullptr);
}

void Dispatcher::resultsArrived()
{
    // Called from the event loop: dispatch at once rather than queue a second event.
    if (m_dispatchQueued)
        return;
    m_dispatchQueued = true;
    dispatch();
}

void Dispatcher::armTimer()
{
    // Relative to the time the last batch looked, not to now: a message that became due in
    // between must still arm the timer (with no wait), or it would sit until the next event.
    auto due = m_store->nextDue(m_batchTime.isValid() ? m_batchTime : m_clock.now());
    if (!due) {
        // Not silently: a timer that is never armed is an instance that never wakes up.
        if (due.error().code == ErrorCode::Corrupt)
            Q_EMIT damageFound(due.error());
        else
            Q_EMIT backgroundError(due.error());
        m_retryTimer.start(RetryMs);
        return;
    }
    if (!due->isValid()) {
        m_dueTimer.stop();
        return;
    }
    const qint64 wait = std::clamp<qint64>(m_clock.now().msecsTo(*due), 0, 60'000);
    m_dueTimer.start(int(wait) + 1);
}

void Dispatcher::heartbeat()
{
    const auto ownerBefore = m_ownership.workerOwner();
    if (!m_options.runWorkers) {
        auto changed = m_ownership.refreshOwner();
        if (changed && *changed)
            Q_EMIT workersChanged();
        return;
    }
    auto change = m_ownership.tick();
    if (!change) {
        Q_EMIT backgroundError(change.error());
        return;
    }
    applyOwnershipChange(*change);
    if (*change == Ownership::Change::None && !Ownership::sameOwner(ownerBefore, m_ownership.workerOwner()))
        Q_EMIT workersChanged();
    // Shared by workers: a fallback for wake-ups that no notification brought (work freed by a
    // lost worker's expiry, a due timer another worker's batch armed).
    if (m_shared)
        scheduleDispatch();
}

void Dispatcher::applyOwnershipChange(Ownership::Change change)
{
    if (change == Ownership::Change::Lost) {
        // Before anything touches the start gate: the queue must be gone when it would reopen.
        loseWorkers(QStringLiteral("its lease was renewed by another process"));
        return;
    }
    if (checkDamage()) {
        // A damaged hub starts nothing, whoever holds the lease.
        m_activities.setStartDeadline(0);
        if (change == Ownership::Change::Gained)
            Q_EMIT workersChanged();
        return;
    }
    // No lease: closed (0 is long past on the monotonic clock).
    m_activities.setStartDeadline(m_ownership.trustedUntil().value_or(0));
    switch (change) {
    case Ownership::Change::None:
    case Ownership::Change::Lost:
        return;
    case Ownership::Change::Gained:
        // Work rows that exist now were in flight when the previous owner stopped: run them again.
        // Shared by workers, only free rows are this worker's to run: each batch claims some.
        if (!m_shared) {
            if (auto work = m_store->allWork())
                launchWork(*work);
            else if (work.error().code == ErrorCode::Corrupt)
                Q_EMIT damageFound(work.error());
            else
                Q_EMIT backgroundError(work.error());
        }
        m_pollTimer.start(qMax(20, m_options.pollIntervalMs));
        scheduleDispatch();
        Q_EMIT workersChanged();
        return;
    }
}

void Dispatcher::loseWorkers(const QString &why)
{
    m_activities.setStartDeadline(0);
    const int dropped = m_activities.abandonAll();
    m_results.clear();
    m_cache.clear();
    dropRemote(QStringLiteral("another process took over this hub's workers"));
    m_dueTimer.stop();
    m_retryTimer.stop();
    m_pollTimer.start(qMax(ClientPollMs, m_options.pollIntervalMs));
    (void)m_ownership.refreshOwner();
    Error error = lostWorkersError();
    error.message
        += QStringLiteral(" (%1); %2 queued activities dropped, results in flight void").arg(why).arg(dropped);
    Q_EMIT backgroundError(error);
    Q_EMIT workersChanged();
    // Commands waiting for a batch are still ours to answer: they commit on their own now, as a
    // client's do.
    for (auto &c : std::exchange(m_queuedCommands, {})) {
        c.run();
        c.finish(std::nullopt);
    }
    afterWrite();
}

void Dispatcher::pollExternal()
{
    auto counter = m_store->changeCounter();
    if (!counter) {
        if (!std::exchange(m_pollFailing, true))
            Q_EMIT backgroundError(counter.error()); // once, not at every poll
        return;
    }
    m_pollFailing = false;
    if (*counter == m_changeCounter)
        return;
    m_changeCounter = *counter;
    // Another process committed: this one cannot tell what, so its views re-read everything.
    m_changes.everything();
    afterWrite();
    if (m_ownership.owns()) {
        scheduleDispatch(); // commands written by a client process
    } else if (m_options.runWorkers && !m_stopping) {
        auto changed = m_ownership.refreshOwner();
        if (changed && !m_ownership.workerOwner())
            heartbeat(); // the owner let go: take the workers over now, not at the next beat
        else if (changed && *changed)
            Q_EMIT workersChanged();
    }
}

void Dispatcher::afterWrite()
{
    for (const auto &id : m_changes.takeEvictions()) {
        m_cache.remove(id);
        // A start evicts its own instance; an eviction by a later command of the batch (one that
        // changed the row) voids the copy the start handed over.
        if (const auto it = m_created.constFind(id); it != m_created.cend() && it->command < m_command)
            m_created.erase(it);
    }
    if (m_changes.hasChanges() && !m_notifyTimer.isActive())
        m_notifyTimer.start();
}

void Dispatcher::flushChanges()
{
    if (m_changes.hasChanges())
        Q_EMIT changed(m_changes.takeChanges());
}

} // namespace durable
