#include "engine.h"

#include "dispatcher.h"
#include "hubopen.h"
#include "instanceid.h"
#include "json.h"
#include "postgres/pgstore.h"
#include "remotework.h"
#include "sqlite/sqlitestore.h"

#include <QMutex>
#include <QPromise>
#include <QThread>
#include <QTimer>

#include <atomic>

namespace durable {

namespace {

    Error shutdownError()
    {
        return Error { ErrorCode::Shutdown, QStringLiteral("the engine is shut down") };
    }

    template<typename T>
    void settle(QPromise<T> &promise, T value)
    {
        promise.addResult(std::move(value));
        promise.finish();
    }

    /// Verbatim payloads (json.h) decoded, for everyone but the sidecar.
    InstanceInfo plainInfo(InstanceInfo info)
    {
        info.input = json::plain(info.input);
        info.output = json::plain(info.output);
        info.customStatus = json::plain(info.customStatus);
        if (info.history) {
            for (auto &e : *info.history)
                e.data = json::plainMembers(e.data);
        }
        return info;
    }

    template<typename T>
    Result<T> plainResult(Result<T> result, T (*decode)(T))
    {
        if (result)
            *result = decode(std::move(*result));
        return result;
    }

    InstancePage plainPage(InstancePage page)
    {
        for (auto &info : page.instances)
            info = plainInfo(std::move(info));
        return page;
    }

    /// Queues `task(promise)` to `context`'s thread and returns the promise's future; when the
    /// engine is gone (no context), the future finishes at once with a Shutdown error.
    template<typename T, typename F>
    QFuture<T> queue(QObject *context, F task)
    {
        auto promise = std::make_shared<QPromise<T>>();
        QFuture<T> future = promise->future();
        promise->start();
        const bool queued
            = context
            && QMetaObject::invokeMethod(
                  context, [promise, task = std::move(task)]() mutable { task(promise); }, Qt::QueuedConnection);
        if (!queued)
            settle(*promise, T(std::unexpected(shutdownError())));
        return future;
    }

    /// Runs `body` on `context`'s thread and fulfils the returned future with its result.
    template<typename T, typename F>
    QFuture<T> runOn(QObject *context, F body)
    {
        return queue<T>(context, [body = std::move(body)](const std::shared_ptr<QPromise<T>> &promise) mutable {
            settle(*promise, body());
        });
    }

    /// Runs a client write as a dispatcher command (group-committed with the next batch) and fulfils
    /// the future once it is durable.
    template<typename T, typename F>
    QFuture<T> submitCommand(Dispatcher *dispatcher, F body)
    {
        return queue<T>(dispatcher, [dispatcher, body = std::move(body)](const std::shared_ptr<QPromise<T>> &promise) {
            auto result = std::make_shared<std::optional<T>>();
            dispatcher->submit(Dispatcher::Command {
                [result, body]() mutable {
                    *result = body();
                    return bool(**result);
                },
                [promise, result](const std::optional<Error> &commitError) {
                    if (*result && (!commitError || !**result))
                        settle(*promise, **result); // a refused command reports its own error
                    else
                        settle(*promise, T(std::unexpected(commitError.value_or(shutdownError()))));
                } });
        });
    }

    /// Read side: its own connection on its own thread, so queries never wait for a commit.
    class ReadService : public QObject {
    public:
        explicit ReadService(std::unique_ptr<HubStore> store)
            : m_store(std::move(store))
        {
            m_pollTimer.setInterval(100);
            connect(&m_pollTimer, &QTimer::timeout, this, [this] { checkWaiters({}); });
        }

        HubStore &store() { return *m_store; }
        /// Called with a Corrupt error a waiter's read found (set once at open).
        std::function<void(const Error &)> onCorrupt;

        Result<InstanceInfo> status(const QString &instanceId, bool withHistory, bool withInputs)
        {
            auto info = readStatus(instanceId, withHistory, withInputs);
            if (!info && onCorrupt)
                onCorrupt(info.error());
            return info;
        }

        Result<InstanceInfo> readStatus(const QString &instanceId, bool withHistory, bool withInputs)
        {
            auto found = m_store->instance(instanceId, withInputs);
            if (!found)
                return std::unexpected(found.error());
            if (!*found)
                return fail(ErrorCode::NotFound, QStringLiteral("no instance '%1'").arg(instanceId));
            InstanceInfo info = (*found)->info;
            if (withHistory) {
                auto history = m_store->history(instanceId, info.executionId);
                if (!history)
                    return std::unexpected(history.error());
                info.history = std::move(*history);
            }
            return info;
        }

        struct Waiter {
            QString instanceId;
            qint64 deadline;
            std::shared_ptr<QPromise<Result<InstanceInfo>>> promise;
        };

        void addWaiter(Waiter waiter)
        {
            m_waiters.append(std::move(waiter));
            checkWaiters({ m_waiters.last().instanceId });
            if (!m_waiters.isEmpty() && !m_pollTimer.isActive())
                m_pollTimer.start();
        }

        void checkWaiters(const QSet<QString> &only)
        {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            for (qsizetype i = m_waiters.size() - 1; i >= 0; --i) {
                auto &w = m_waiters[i];
                if (!only.isEmpty() && !only.contains(w.instanceId) && now < w.deadline)
                    continue;
                auto info = status(w.instanceId, false, true);
                const bool done = !info || isTerminal(info->status);
                if (done) {
                    w.promise->addResult(plainResult(std::move(info), &plainInfo));
                } else if (now >= w.deadline) {
                    w.promise->addResult(fail(ErrorCode::FailedPrecondition,
                                              QStringLiteral("timeout: instance '%1' is still %2")
                                                  .arg(w.instanceId, statusName(info->status))));
                } else {
                    continue;
                }
                w.promise->finish();
                m_waiters.removeAt(i);
            }
            if (m_waiters.isEmpty())
                m_pollTimer.stop();
        }

        void cancelWaiters()
        {
            for (auto &w : m_waiters) {
                w.promise->addResult(std::unexpected(shutdownError()));
                w.promise->finish();
            }
            m_waiters.clear();
            m_pollTimer.stop();
        }

    private:
        std::unique_ptr<HubStore> m_store;
        QList<Waiter> m_waiters;
        QTimer m_pollTimer;
    };

} // namespace

struct Engine::Private {
    EngineOptions options;
    Registry &registry;
    SystemClock systemClock;
    Clock *clock = nullptr;
    QThread writerThread;
    QThread readerThread;
    RemoteWork remoteWork;
    Dispatcher *dispatcher = nullptr;
    ReadService *reader = nullptr;
    std::atomic<bool> owner { false };
    mutable QMutex ownerMutex;
    std::optional<WorkerOwner> workerOwner;
    Engine *self = nullptr;
    mutable QMutex damageMutex;
    std::optional<Error> damage;
    QString workerId; ///< the dispatcher's, copied at open

    Private(const EngineOptions &o, Registry &r)
        : options(o)
        , registry(r)
    {
    }

    /// Any thread: a read or write answered Corrupt. The first time, the hub turns damaged: the
    /// dispatcher stops and refuses writes, damaged() is emitted on the engine's thread.
    void noteDamage(const Error &reason)
    {
        if (reason.code != ErrorCode::Corrupt)
            return;
        {
            QMutexLocker lock(&damageMutex);
            if (damage)
                return;
            damage = reason;
        }
        // The dispatcher learns it from its damage source, before its next batch or command.
        QMetaObject::invokeMethod(
            self, [self = self, reason] { Q_EMIT self->damaged(reason); }, Qt::QueuedConnection);
    }

    /// A read's result, noting the damage it found.
    template<typename T>
    T checked(T result)
    {
        if (!result)
            noteDamage(result.error());
        return result;
    }

    /// Runs a read on the reader's thread (see checked()).
    template<typename T, typename F>
    QFuture<T> read(F body)
    {
        return runOn<T>(reader, [this, body = std::move(body)]() mutable { return checked(body()); });
    }

    std::optional<Error> currentDamage() const
    {
        QMutexLocker lock(&damageMutex);
        return damage;
    }

    /// Dispatcher thread.
    void noteWorkers()
    {
        owner = dispatcher->ownsWorkers();
        QMutexLocker lock(&ownerMutex);
        workerOwner = dispatcher->workerOwner();
    }
};

Engine::Engine(const EngineOptions &options, Registry &registry)
    : d(std::make_unique<Private>(options, registry))
{
    d->clock = options.clock ? options.clock : &d->systemClock;
    d->self = this;
    d->writerThread.setObjectName(QStringLiteral("durable-dispatcher"));
    d->readerThread.setObjectName(QStringLiteral("durable-reader"));
}

Result<std::unique_ptr<Engine>> Engine::open(const EngineOptions &options, Registry &registry)
{
    if (options.hubPath.isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("no hub path given"));
    std::unique_ptr<Engine> engine(new Engine(options, registry));
    auto *d = engine->d.get();
    d->writerThread.start();
    d->readerThread.start();

    // Connections belong to the thread that opens them: open each store on its own thread.
    Status opened;
    QObject writerContext;
    writerContext.moveToThread(&d->writerThread);
    QMetaObject::invokeMethod(
        &writerContext,
        [&] {
            auto store = openHubStore(options.hubPath, options.sync, true, options.deepCheckBytes);
            if (!store) {
                opened = std::unexpected(store.error());
                return;
            }
            d->dispatcher = new Dispatcher(options, registry, *d->clock, std::move(*store), d->remoteWork);
            d->workerId = d->dispatcher->workerId();
            d->dispatcher->setDamageSource([d]() -> std::optional<Error> {
                QMutexLocker lock(&d->damageMutex);
                return d->damage;
            });
        },
        Qt::BlockingQueuedConnection);
    if (!opened)
        return std::unexpected(opened.error());
    QObject readerContext;
    readerContext.moveToThread(&d->readerThread);
    QMetaObject::invokeMethod(
        &readerContext,
        [&] {
            // The writer's connection has just checked the hub.
            auto store = openHubStore(options.hubPath, options.sync, false);
            if (!store) {
                opened = std::unexpected(store.error());
                return;
            }
            d->reader = new ReadService(std::move(*store));
        },
        Qt::BlockingQueuedConnection);
    if (!opened)
        return std::unexpected(opened.error());

    Engine *self = engine.get();
    connect(d->dispatcher, &Dispatcher::changed, self, &Engine::changed);
    connect(d->dispatcher, &Dispatcher::backgroundError, self, &Engine::backgroundError);
    connect(
        d->dispatcher, &Dispatcher::damageFound, self, [d](const Error &reason) { d->noteDamage(reason); },
        Qt::DirectConnection);
    d->reader->onCorrupt = [d](const Error &reason) { d->noteDamage(reason); };
    connect(d->dispatcher, &Dispatcher::changed, d->reader, [reader = d->reader](const ChangeSet &changes) {
        reader->checkWaiters(changes.everything ? QSet<QString>() : changes.instances);
    });
    // The state is copied on the dispatcher's thread as it changes, so ownsWorkers() never waits
    // for it; the signal is emitted on the engine's own thread, like the others.
    connect(
        d->dispatcher, &Dispatcher::workersChanged, self,
        [d, self] {
            d->noteWorkers();
            QMetaObject::invokeMethod(self, &Engine::workersChanged, Qt::QueuedConnection);
        },
        Qt::DirectConnection);
    QMetaObject::invokeMethod(
        d->dispatcher,
        [d] {
            d->dispatcher->startUp();
            d->noteWorkers();
        },
        Qt::BlockingQueuedConnection);
    return engine;
}

Engine::~Engine()
{
    if (d->dispatcher) {
        QMetaObject::invokeMethod(
            d->dispatcher,
            [d = d.get()] {
                d->dispatcher->shutDown();
                d->noteWorkers();
                delete d->dispatcher;
                d->dispatcher = nullptr;
            },
            Qt::BlockingQueuedConnection);
    }
    if (d->reader) {
        QMetaObject::invokeMethod(
            d->reader,
            [d = d.get()] {
                d->reader->cancelWaiters();
                delete d->reader;
                d->reader = nullptr;
            },
            Qt::BlockingQueuedConnection);
    }
    d->writerThread.quit();
    d->readerThread.quit();
    d->writerThread.wait();
    d->readerThread.wait();
}

std::optional<Error> Engine::damage() const
{
    return d->currentDamage();
}

QFuture<Result<QStringList>> Engine::checkIntegrity()
{
    auto promise = std::make_shared<QPromise<Result<QStringList>>>();
    QFuture<Result<QStringList>> future = promise->future();
    promise->start();
    // A thread of its own: the check reads every page, and reads on the reader must not wait.
    QThread *thread = QThread::create([promise, path = d->options.hubPath] {
        if (!isServerHub(path)) {
            settle(*promise, sqlite::SqliteStore::integrityCheck(path));
            return;
        }
        // PostgreSQL checks its own pages (checksums, WAL); what the hub can check is its schema:
        // the version and every table and index present and valid.
        auto store = postgres::PgStore::open(path, SyncMode::Full, false);
        if (!store) {
            settle(*promise, Result<QStringList>(std::unexpected(store.error())));
            return;
        }
        settle(*promise, (*store)->integrityCheck());
    });
    thread->setObjectName(QStringLiteral("durable-integrity"));
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
    return future;
}

bool Engine::ownsWorkers() const
{
    return d->owner;
}

std::optional<WorkerOwner> Engine::workerOwner() const
{
    QMutexLocker lock(&d->ownerMutex);
    return d->workerOwner;
}

QString Engine::hubName() const
{
    return d->options.hubPath;
}

QFuture<Result<QList<HubWorker>>> Engine::workerSessions()
{
    // This process's counts are taken now, on the caller's thread, where the dispatcher is alive
    // (a read queued to the reader may run while the engine shuts down).
    const QString me = d->workerId;
    const qint64 activities = d->dispatcher ? d->dispatcher->activitiesDone() : 0;
    const qint64 episodes = d->dispatcher ? d->dispatcher->episodesDone() : 0;
    return d->read<Result<QList<HubWorker>>>([d = d.get(), me, activities, episodes]() -> Result<QList<HubWorker>> {
        auto sessions = d->reader->store().sessions();
        if (!sessions)
            return std::unexpected(sessions.error());
        const bool stored = d->reader->store().capabilities().sharedByWorkers;
        QList<HubWorker> workers;
        workers.reserve(sessions->size());
        for (const auto &info : std::as_const(*sessions)) {
            // A backend may name each session it opens for us after our id (PostgreSQL adds a
            // suffix per session, so a session lost and opened again is a new one).
            const bool mine = !me.isEmpty() && (info.workerId == me || info.workerId.startsWith(me + u'-'));
            HubWorker worker { info, mine, stored };
            if (worker.thisProcess && !stored) {
                // Not stored by this backend: this process's own counts are known here.
                worker.info.activitiesDone = activities;
                worker.info.episodesDone = episodes;
                worker.progressKnown = true;
            }
            workers.append(std::move(worker));
        }
        return workers;
    });
}

std::optional<ActivityBacklog> Engine::activityBacklog() const
{
    if (!d->dispatcher || !ownsWorkers())
        return std::nullopt;
    return d->dispatcher->activityBacklog();
}

int Engine::workerLeaseMs() const
{
    return d->options.ownerLeaseMs;
}

Clock *Engine::clock() const
{
    return d->clock;
}

QString Engine::hubPath() const
{
    return d->options.hubPath;
}

const EngineOptions &Engine::options() const
{
    return d->options;
}

const Registry &Engine::registry() const
{
    return d->registry;
}

int Engine::maxPayloadBytes() const
{
    return d->options.maxPayloadBytes;
}

Status Engine::validateInstanceId(const QString &id, int maxLength)
{
    return instanceIdStatus(id, { .maxLength = maxLength });
}

QFuture<Result<QString>> Engine::start(const QString &name, const QJsonValue &input, const StartOptions &options)
{
    return submitCommand<Result<QString>>(d->dispatcher, [d = d.get(), name, input, options] {
        return d->dispatcher->withCommands([&](ClientCommands &c) { return c.start(name, input, options); });
    });
}

QFuture<Result<InstanceInfo>> Engine::status(const QString &instanceId, bool withHistory, bool withInputs)
{
    return d->read<Result<InstanceInfo>>([d = d.get(), instanceId, withHistory, withInputs] {
        return plainResult(d->reader->status(instanceId, withHistory, withInputs), &plainInfo);
    });
}

QFuture<Result<InstanceInfo>> Engine::verbatimStatus(const QString &instanceId, bool withHistory, bool withInputs)
{
    return d->read<Result<InstanceInfo>>([d = d.get(), instanceId, withHistory, withInputs] {
        return d->reader->status(instanceId, withHistory, withInputs);
    });
}

namespace {
    /// Durations of running instances measured by the engine's clock, the one the views show them with.
    InstanceQuery measuredBy(InstanceQuery query, const Clock &clock)
    {
        if (!query.asOf.isValid())
            query.asOf = clock.now();
        return query;
    }
}

QFuture<Result<InstancePage>> Engine::query(const InstanceQuery &query)
{
    return d->read<Result<InstancePage>>([d = d.get(), query = measuredBy(query, *d->clock)] {
        return plainResult(d->reader->store().query(query), &plainPage);
    });
}

QFuture<Result<InstancePage>> Engine::verbatimQuery(const InstanceQuery &query)
{
    return d->read<Result<InstancePage>>(
        [d = d.get(), query = measuredBy(query, *d->clock)] { return d->reader->store().query(query); });
}

RemoteWork &Engine::remoteWork() const
{
    return d->remoteWork;
}

QFuture<Result<QList<qint64>>> Engine::countByStatus()
{
    return d->read<Result<QList<qint64>>>([d = d.get()] { return d->reader->store().countByStatus(); });
}

QFuture<Result<History>> Engine::history(const QString &instanceId)
{
    return d->read<Result<History>>([d = d.get(), instanceId]() -> Result<History> {
        auto info = d->reader->status(instanceId, true, false);
        if (!info)
            return std::unexpected(info.error());
        return std::move(*plainInfo(std::move(*info)).history);
    });
}

QFuture<Result<QList<LogLine>>> Engine::logs(const QString &instanceId, qint64 afterId)
{
    return d->read<Result<QList<LogLine>>>([d = d.get(), instanceId, afterId]() -> Result<QList<LogLine>> {
        auto info = d->reader->store().instance(instanceId, false);
        if (!info)
            return std::unexpected(info.error());
        if (!*info)
            return fail(ErrorCode::NotFound, QStringLiteral("no instance '%1'").arg(instanceId));
        return d->reader->store().logs(instanceId, (*info)->info.executionId, afterId);
    });
}

QFuture<Status> Engine::raiseEvent(const QString &instanceId, const QString &eventName, const QJsonValue &payload)
{
    return submitCommand<Status>(d->dispatcher, [d = d.get(), instanceId, eventName, payload] {
        return d->dispatcher->withCommands(
            [&](ClientCommands &c) { return c.raiseEvent(instanceId, eventName, payload); });
    });
}

QFuture<Status> Engine::terminate(const QString &instanceId, const QString &reason, bool recursive)
{
    return submitCommand<Status>(d->dispatcher, [d = d.get(), instanceId, reason, recursive] {
        return d->dispatcher->withCommands(
            [&](ClientCommands &c) { return c.terminate(instanceId, reason, recursive); });
    });
}

QFuture<Status> Engine::terminateWith(const QString &instanceId, const QJsonValue &output, bool recursive)
{
    return submitCommand<Status>(d->dispatcher, [d = d.get(), instanceId, output, recursive] {
        return d->dispatcher->withCommands(
            [&](ClientCommands &c) { return c.terminate(instanceId, output, recursive); });
    });
}

QFuture<Status> Engine::suspend(const QString &instanceId, const QString &reason)
{
    return submitCommand<Status>(d->dispatcher, [d = d.get(), instanceId, reason] {
        return d->dispatcher->withCommands([&](ClientCommands &c) { return c.suspend(instanceId, reason); });
    });
}

QFuture<Status> Engine::resume(const QString &instanceId, const QString &reason)
{
    return submitCommand<Status>(d->dispatcher, [d = d.get(), instanceId, reason] {
        return d->dispatcher->withCommands([&](ClientCommands &c) { return c.resume(instanceId, reason); });
    });
}

QFuture<Status> Engine::rewind(const QString &instanceId, const QString &reason)
{
    return submitCommand<Status>(d->dispatcher, [d = d.get(), instanceId, reason] {
        return d->dispatcher->withCommands([&](ClientCommands &c) { return c.rewind(instanceId, reason); });
    });
}

QFuture<Result<QString>> Engine::restart(const QString &instanceId, bool newInstanceId)
{
    return submitCommand<Result<QString>>(d->dispatcher, [d = d.get(), instanceId, newInstanceId] {
        return d->dispatcher->withCommands([&](ClientCommands &c) { return c.restart(instanceId, newInstanceId); });
    });
}

QFuture<Result<int>> Engine::purge(const QString &instanceId, bool recursive)
{
    return runOn<Result<int>>(d->dispatcher, [d = d.get(), instanceId, recursive] {
        return d->dispatcher->withCommands([&](ClientCommands &c) { return c.purge(instanceId, recursive); });
    });
}

QFuture<Result<int>> Engine::purge(const PurgeFilter &filter)
{
    return runOn<Result<int>>(d->dispatcher, [d = d.get(), filter] {
        return d->dispatcher->withCommands([&](ClientCommands &c) { return c.purge(filter); });
    });
}

QFuture<Status> Engine::fireTimer(const QString &instanceId, int timerId)
{
    return submitCommand<Status>(d->dispatcher, [d = d.get(), instanceId, timerId] {
        return d->dispatcher->withCommands([&](ClientCommands &c) { return c.fireTimer(instanceId, timerId); });
    });
}

QFuture<Result<ForkResult>> Engine::fork(const ForkRequest &request)
{
    return submitCommand<Result<ForkResult>>(d->dispatcher, [d = d.get(), request] {
        return d->dispatcher->withCommands([&](ClientCommands &c) { return c.fork(request); });
    });
}

QFuture<Result<bundle::ImportResult>> Engine::importBundle(const QByteArray &bytes, const QString &fileName)
{
    return submitCommand<Result<bundle::ImportResult>>(d->dispatcher, [d = d.get(), bytes, fileName] {
        return d->dispatcher->withCommands([&](ClientCommands &c) { return c.importBundle(bytes, fileName); });
    });
}

QFuture<Result<int>> Engine::saveScript(const QString &fileName, const QString &code, const QStringList &orchestrators,
                                        const QStringList &activities)
{
    return submitCommand<Result<int>>(d->dispatcher, [d = d.get(), fileName, code, orchestrators, activities] {
        return d->dispatcher->withCommands(
            [&](ClientCommands &c) { return c.saveScript(fileName, code, orchestrators, activities); });
    });
}

QFuture<Result<QList<ScriptVersion>>> Engine::scriptVersions(const QString &fileName)
{
    return d->read<Result<QList<ScriptVersion>>>(
        [d = d.get(), fileName] { return d->reader->store().scriptVersions(fileName); });
}

QFuture<Result<ScriptVersion>> Engine::scriptVersion(const QString &fileName, int version)
{
    return d->read<Result<ScriptVersion>>(
        [d = d.get(), fileName, version] { return d->reader->store().scriptVersion(fileName, version); });
}

QFuture<Result<InstanceInfo>> Engine::waitForCompletion(const QString &instanceId, int timeoutMs)
{
    auto promise = std::make_shared<QPromise<Result<InstanceInfo>>>();
    auto future = promise->future();
    promise->start();
    const qint64 deadline = QDateTime::currentMSecsSinceEpoch() + qMax(0, timeoutMs);
    QMetaObject::invokeMethod(
        d->reader,
        [d = d.get(), instanceId, deadline, promise] {
            d->reader->addWaiter(ReadService::Waiter { instanceId, deadline, promise });
        },
        Qt::QueuedConnection);
    return future;
}

} // namespace durable
