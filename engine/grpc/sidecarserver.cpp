#include "sidecarserver.h"

#include "engine.h"
#include "json.h"
#include "remotework.h"
#include "sidecarconvert.h"

#include "sidecar_service.grpc.pb.h"

#include <grpcpp/grpcpp.h>

#include <QCryptographicHash>
#include <QHostAddress>
#include <QMutex>
#include <QTimer>
#include <QUuid>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <vector>

namespace durable::grpc {

namespace {

    using ::grpc::CallbackServerContext;
    using ::grpc::ServerUnaryReactor;
    using ::grpc::StatusCode;
    namespace gpb = ::google::protobuf;

    constexpr int HistoryChunkSize = 200;
    constexpr int ShutdownGraceMs = 250;

    ::grpc::Status grpcError(StatusCode code, const QString &message)
    {
        return ::grpc::Status(code, message.toStdString());
    }

    ::grpc::Status shuttingDown()
    {
        return grpcError(StatusCode::UNAVAILABLE, QStringLiteral("the sidecar server is shutting down"));
    }

    /// SHA-256 of both sides, then a full-length XOR fold: neither the first differing byte nor
    /// the key length shows in the time taken.
    bool keysEqual(const QByteArray &a, const QByteArray &b)
    {
        const QByteArray ha = QCryptographicHash::hash(a, QCryptographicHash::Sha256);
        const QByteArray hb = QCryptographicHash::hash(b, QCryptographicHash::Sha256);
        unsigned char diff = 0;
        for (qsizetype i = 0; i < ha.size(); ++i)
            diff |= static_cast<unsigned char>(ha.at(i) ^ hb.at(i));
        return diff == 0;
    }

    /// The once-only finish of a unary call, shared by its reactor and the continuations that
    /// answer it. Whoever finishes first wins; the others find the call finished and do nothing,
    /// so a reply that arrives after a cancellation never touches a finished reactor.
    class CallState {
    public:
        explicit CallState(std::function<void(::grpc::Status)> finisher)
            : m_finisher(std::move(finisher))
        {
        }
        bool isFinished() const
        {
            std::lock_guard lock(m_mutex);
            return m_finished;
        }
        /// Runs `fill` (which writes the response) and finishes with the status it returns.
        template<typename F>
        void answer(F &&fill)
        {
            std::lock_guard lock(m_mutex);
            if (m_finished)
                return;
            m_finished = true;
            m_finisher(fill());
        }
        void finish(::grpc::Status status)
        {
            answer([&] { return std::move(status); });
        }
        /// Runs `f` while the call is not finished (its reactor is alive); false when finished.
        template<typename F>
        bool whileLive(F &&f)
        {
            std::lock_guard lock(m_mutex);
            if (m_finished)
                return false;
            f();
            return true;
        }

    private:
        mutable std::recursive_mutex m_mutex;
        bool m_finished = false;
        std::function<void(::grpc::Status)> m_finisher;
    };

    /// A unary reactor answered later; cancellation (client gone, deadline, shutdown) finishes it.
    class UnaryCall final : public ServerUnaryReactor {
    public:
        UnaryCall()
            : state(std::make_shared<CallState>([this](::grpc::Status s) { Finish(std::move(s)); }))
        {
        }
        void OnCancel() override
        {
            // A local reference: finishing may end the reactor (OnDone) before this returns.
            const auto keep = state;
            keep->finish(::grpc::Status::CANCELLED);
        }
        void OnDone() override { delete this; }

        const std::shared_ptr<CallState> state;
    };

    /// A server stream finished at once (refused calls).
    template<typename Message>
    class RefusedStream final : public ::grpc::ServerWriteReactor<Message> {
    public:
        explicit RefusedStream(::grpc::Status status) { this->Finish(std::move(status)); }
        void OnDone() override { delete this; }
    };

    /// StreamInstanceHistory: writes prepared chunks one at a time.
    class ChunkWriter final : public ::grpc::ServerWriteReactor<proto::HistoryChunk> {
    public:
        ChunkWriter()
            : state(std::make_shared<CallState>([this](::grpc::Status s) { Finish(std::move(s)); }))
        {
        }
        /// Starts writing (any thread); finishes with OK after the last chunk.
        /// Under the state's lock (whileLive), so a cancellation cannot free the writer meanwhile.
        void begin(std::vector<proto::HistoryChunk> chunks)
        {
            m_chunks = std::move(chunks);
            next();
        }
        void OnWriteDone(bool ok) override
        {
            if (!ok) {
                const auto keep = state;
                keep->finish(grpcError(StatusCode::UNAVAILABLE, QStringLiteral("the history stream broke")));
                return;
            }
            next();
        }
        void OnCancel() override
        {
            // A local reference: finishing may end the reactor (OnDone) before this returns.
            const auto keep = state;
            keep->finish(::grpc::Status::CANCELLED);
        }
        void OnDone() override { delete this; }

        const std::shared_ptr<CallState> state;

    private:
        void next()
        {
            if (m_next >= m_chunks.size()) {
                state->finish(::grpc::Status::OK);
                return;
            }
            state->whileLive([this] { StartWrite(&m_chunks[m_next++]); });
        }
        std::vector<proto::HistoryChunk> m_chunks;
        size_t m_next = 0;
    };

    class WorkStream;
    struct StreamSlot;

    /// What a work-item stream needs from the server.
    class StreamHost {
    public:
        /// Hands waiting items to idle streams (server thread).
        virtual void pump() = 0;
        /// Any thread: queue `f` on the server's thread.
        virtual void post(std::function<void()> f) = 0;
        virtual void streamClosed(const std::shared_ptr<StreamSlot> &slot) = 0;

    protected:
        ~StreamHost() = default;
    };

    /// One GetWorkItems stream as the server sees it. `stream` is cleared when the reactor is
    /// done; everything here is guarded by `mutex`.
    struct StreamSlot {
        std::recursive_mutex mutex;
        WorkStream *stream = nullptr;
        bool finished = false;
        bool writing = false;
        ConnectedWorker worker;
    };

    /// Waits on the server's thread until an instance reaches a state, re-reading it when the hub
    /// reports a change to it. Gives up quietly when its call was cancelled.
    class InstanceWaiter : public QObject {
    public:
        using Done = std::function<void(Result<InstanceInfo>)>;

        InstanceWaiter(Engine &engine, QString instanceId, std::function<bool(RuntimeStatus)> reached, bool withInputs,
                       std::function<bool()> cancelled, Done done, std::set<InstanceWaiter *> &registry,
                       QObject *parent)
            : QObject(parent)
            , m_engine(engine)
            , m_instanceId(std::move(instanceId))
            , m_reached(std::move(reached))
            , m_withInputs(withInputs)
            , m_cancelled(std::move(cancelled))
            , m_done(std::move(done))
            , m_registry(registry)
        {
            m_registry.insert(this);
            connect(&m_engine, &HubClient::changed, this, [this](const ChangeSet &changes) {
                if (changes.everything || changes.purged || changes.instances.contains(m_instanceId))
                    read();
            });
            // Cancelled calls are dropped within a second; a slow re-read is a safety net for
            // changes that are not itemised.
            connect(&m_tick, &QTimer::timeout, this, [this] {
                if (m_cancelled()) {
                    finish(std::nullopt);
                    return;
                }
                if (++m_ticks % 5 == 0)
                    read();
            });
            m_tick.start(1000);
            read();
        }
        ~InstanceWaiter() override { m_registry.erase(this); }

        /// Ends the wait with `result` (or silently with nullopt).
        void finish(std::optional<Result<InstanceInfo>> result)
        {
            if (m_finished)
                return;
            m_finished = true;
            m_tick.stop();
            if (result)
                m_done(std::move(*result));
            deleteLater();
        }

    private:
        void read()
        {
            if (m_finished)
                return;
            if (m_reading) {
                m_again = true;
                return;
            }
            m_reading = true;
            m_engine.verbatimStatus(m_instanceId, false, m_withInputs).then(this, [this](Result<InstanceInfo> r) {
                m_reading = false;
                if (m_finished)
                    return;
                if (m_cancelled()) {
                    finish(std::nullopt);
                    return;
                }
                if (!r || m_reached(r->status)) {
                    finish(std::move(r));
                    return;
                }
                if (std::exchange(m_again, false))
                    read();
            });
        }

        Engine &m_engine;
        QString m_instanceId;
        std::function<bool(RuntimeStatus)> m_reached;
        bool m_withInputs;
        std::function<bool()> m_cancelled;
        Done m_done;
        std::set<InstanceWaiter *> &m_registry;
        QTimer m_tick;
        int m_ticks = 0;
        bool m_reading = false;
        bool m_again = false;
        bool m_finished = false;
    };

} // namespace

struct SidecarServer::Private final : StreamHost {
    // Defined after Service: a constructor destroys its members when it throws, and clang
    // instantiates that destructor of unique_ptr<Service> where the constructor is defined.
    Private(SidecarServer *server, Engine &e, const SidecarServerOptions &o);

    SidecarServer *q;
    Engine &engine;
    SidecarServerOptions options;
    std::unique_ptr<Service> service;
    std::unique_ptr<::grpc::Server> server;
    quint16 port = 0;
    QString host; ///< as used in endpoint()

    mutable QMutex streamsMutex;
    std::vector<std::shared_ptr<StreamSlot>> streams; ///< oldest first
    size_t nextStream = 0; ///< round-robin start (server thread)

    std::set<InstanceWaiter *> waiters; ///< server thread only

    void pump() override;
    void streamOpened(const std::shared_ptr<StreamSlot> &slot);
    void streamClosed(const std::shared_ptr<StreamSlot> &slot) override;
    void post(std::function<void()> f) override { QMetaObject::invokeMethod(q, std::move(f), Qt::QueuedConnection); }
};

namespace {

    /// GetWorkItems: one worker's stream. Items are written one at a time, taken from RemoteWork
    /// only when no write is in flight; whatever the worker holds goes back when the stream ends.
    class WorkStream final : public ::grpc::ServerWriteReactor<proto::WorkItem> {
    public:
        WorkStream(StreamHost *d, std::shared_ptr<StreamSlot> slot)
            : m_d(d)
            , m_slot(std::move(slot))
        {
            m_slot->stream = this;
        }

        /// Server thread, under the slot's mutex: writes `item`.
        void write(proto::WorkItem item)
        {
            m_current = std::move(item);
            StartWrite(&m_current);
        }

        void OnWriteDone(bool ok) override
        {
            // Locals: finishing may end the reactor (OnDone) before this returns.
            const auto slot = m_slot;
            StreamHost *d = m_d;
            {
                std::lock_guard lock(slot->mutex);
                slot->writing = false;
                if (!ok && !slot->finished) {
                    slot->finished = true;
                    Finish(grpcError(StatusCode::UNAVAILABLE, QStringLiteral("the work-item stream broke")));
                }
            }
            if (ok)
                d->post([d] { d->pump(); });
        }
        void OnCancel() override
        {
            const auto slot = m_slot;
            std::lock_guard lock(slot->mutex);
            if (!slot->finished) {
                slot->finished = true;
                Finish(::grpc::Status::CANCELLED);
            }
        }
        void OnDone() override
        {
            {
                std::lock_guard lock(m_slot->mutex);
                m_slot->stream = nullptr;
            }
            m_d->streamClosed(m_slot);
            delete this;
        }

    private:
        StreamHost *m_d;
        std::shared_ptr<StreamSlot> m_slot;
        proto::WorkItem m_current;
    };

    bool finishStream(StreamSlot &slot, ::grpc::Status status)
    {
        std::lock_guard lock(slot.mutex);
        if (slot.finished || !slot.stream)
            return false;
        slot.finished = true;
        slot.stream->Finish(std::move(status));
        return true;
    }

} // namespace

void SidecarServer::Private::pump()
{
    RemoteWork &work = engine.remoteWork();
    std::vector<std::shared_ptr<StreamSlot>> open;
    {
        QMutexLocker lock(&streamsMutex);
        open = streams;
    }
    if (open.empty())
        return;
    // Round robin over the streams, one item per idle stream per pass, until the queue is empty.
    bool wrote = true;
    while (wrote) {
        wrote = false;
        for (size_t i = 0; i < open.size(); ++i) {
            StreamSlot &slot = *open[(nextStream + i) % open.size()];
            std::lock_guard lock(slot.mutex);
            if (!slot.stream || slot.finished || slot.writing)
                continue;
            auto item = work.take(slot.worker.id);
            if (!item)
                return;
            slot.writing = true;
            slot.stream->write(workItemToWire(*item));
            wrote = true;
        }
        nextStream = (nextStream + 1) % open.size();
    }
}

void SidecarServer::Private::streamOpened(const std::shared_ptr<StreamSlot> &slot)
{
    {
        QMutexLocker lock(&streamsMutex);
        streams.push_back(slot);
    }
    post([this] {
        Q_EMIT q->workersChanged();
        pump();
    });
}

void SidecarServer::Private::streamClosed(const std::shared_ptr<StreamSlot> &slot)
{
    {
        QMutexLocker lock(&streamsMutex);
        std::erase(streams, slot);
    }
    engine.remoteWork().workerGone(slot->worker.id);
    post([this] {
        Q_EMIT q->workersChanged();
        pump(); // the worker's items are back in the queue
    });
}

class SidecarServer::Service final : public ::TaskHubSidecarService::CallbackService {
public:
    explicit Service(Private *d)
        : m_d(d)
        , m_expectedKey(QByteArrayLiteral("Bearer ") + d->options.apiKey.toUtf8())
    {
    }

    // ---- helpers -------------------------------------------------------------------------

    bool authorized(CallbackServerContext *ctx) const
    {
        if (m_d->options.apiKey.isEmpty())
            return true;
        const auto &metadata = ctx->client_metadata();
        const auto it = metadata.find("authorization");
        if (it == metadata.end())
            return false;
        return keysEqual(QByteArray(it->second.data(), qsizetype(it->second.size())), m_expectedKey);
    }

    static ::grpc::Status unauthenticated()
    {
        return grpcError(StatusCode::UNAUTHENTICATED,
                         QStringLiteral("missing or wrong API key (metadata 'authorization: Bearer <key>')"));
    }

    static ServerUnaryReactor *now(CallbackServerContext *ctx, ::grpc::Status status)
    {
        auto *reactor = ctx->DefaultReactor();
        reactor->Finish(std::move(status));
        return reactor;
    }

    /// The reactor of a refused call, or nullptr when the caller may proceed.
    ServerUnaryReactor *refused(CallbackServerContext *ctx) const
    {
        return authorized(ctx) ? nullptr : now(ctx, unauthenticated());
    }

    static ServerUnaryReactor *unimplemented(CallbackServerContext *ctx, const QString &message)
    {
        return now(ctx, grpcError(StatusCode::UNIMPLEMENTED, message));
    }

    ServerUnaryReactor *entities(CallbackServerContext *ctx) const
    {
        if (auto *r = refused(ctx))
            return r;
        return unimplemented(ctx, QStringLiteral("entities are not supported by Durable Workbench"));
    }

    /// Answers `call` when `future` finishes: `fill(result)` writes the response and returns the
    /// status. Runs on the server's thread.
    template<typename T, typename F>
    ServerUnaryReactor *reply(UnaryCall *call, QFuture<T> future, F fill)
    {
        future.then(m_d->q, [state = call->state, fill = std::move(fill)](T result) mutable {
            state->answer([&] { return fill(std::move(result)); });
        });
        return call;
    }

    /// For calls whose response carries nothing: OK or the engine's error.
    static ::grpc::Status statusOf(const durable::Status &s)
    {
        return s ? ::grpc::Status::OK : statusFromError(s.error());
    }

    /// Starts a wait on the server's thread for `call`.
    void waitFor(const std::shared_ptr<CallState> &state, QString id, std::function<bool(RuntimeStatus)> reached,
                 bool withInputs, InstanceWaiter::Done done)
    {
        m_d->post([d = m_d, state, id = std::move(id), reached = std::move(reached), withInputs,
                   done = std::move(done)]() mutable {
            new InstanceWaiter(
                d->engine, std::move(id), std::move(reached), withInputs, [state] { return state->isFinished(); },
                std::move(done), d->waiters, d->q);
        });
    }

    ServerUnaryReactor *waitRpc(CallbackServerContext *ctx, const proto::GetInstanceRequest *request,
                                proto::GetInstanceResponse *response, std::function<bool(RuntimeStatus)> reached)
    {
        if (auto *r = refused(ctx))
            return r;
        auto *call = new UnaryCall;
        auto state = call->state;
        waitFor(
            state, fromWire(request->instanceid()), std::move(reached), request->getinputsandoutputs(),
            [state, response](Result<InstanceInfo> r) { state->answer([&] { return fillInstance(r, response); }); });
        return call;
    }

    static ::grpc::Status fillInstance(const Result<InstanceInfo> &r, proto::GetInstanceResponse *response)
    {
        if (!r) {
            if (r.error().code != ErrorCode::NotFound)
                return statusFromError(r.error());
            response->set_exists(false);
            return ::grpc::Status::OK;
        }
        response->set_exists(true);
        *response->mutable_orchestrationstate() = instanceToWire(*r);
        return ::grpc::Status::OK;
    }

    static QSet<RuntimeStatus> statusesFromWire(const gpb::RepeatedField<int> &statuses)
    {
        QSet<RuntimeStatus> out;
        for (int s : statuses) {
            if (s >= 0 && s < RuntimeStatusCount)
                out.insert(RuntimeStatus(s));
        }
        return out;
    }

    // ---- client calls ----------------------------------------------------------------------

    ServerUnaryReactor *Hello(CallbackServerContext *ctx, const gpb::Empty *, gpb::Empty *) override
    {
        if (auto *r = refused(ctx))
            return r;
        return now(ctx, ::grpc::Status::OK);
    }

    struct StartRequest {
        QString name;
        QJsonValue input;
        Client::StartOptions options;
        std::optional<QSet<RuntimeStatus>> replaceable;
    };

    ServerUnaryReactor *StartInstance(CallbackServerContext *ctx, const proto::CreateInstanceRequest *request,
                                      proto::CreateInstanceResponse *response) override
    {
        if (auto *r = refused(ctx))
            return r;
        StartRequest start;
        start.name = fromWire(request->name());
        start.input = payloadFromWire(request->has_input(), request->input());
        start.options.instanceId = fromWire(request->instanceid());
        if (request->has_version())
            start.options.version = fromWire(request->version().value());
        // The SDKs send epoch 0 when not scheduling: anything not in the future starts now.
        if (request->has_scheduledstarttimestamp()) {
            const QDateTime at = timestampFromWire(request->scheduledstarttimestamp());
            if (at > QDateTime::currentDateTimeUtc())
                start.options.scheduledStart = at;
        }
        if (request->has_orchestrationidreusepolicy())
            start.replaceable = statusesFromWire(request->orchestrationidreusepolicy().replaceablestatus());

        auto *call = new UnaryCall;
        auto state = call->state;
        if (!start.replaceable || start.options.instanceId.isEmpty()) {
            startNow(state, std::move(start), response);
            return call;
        }
        // A reuse policy: look at the existing instance first.
        const QString id = start.options.instanceId;
        m_d->engine.verbatimStatus(id, false, false)
            .then(m_d->q, [this, state, start = std::move(start), response](Result<InstanceInfo> r) mutable {
                if (!r) {
                    if (r.error().code == ErrorCode::NotFound)
                        startNow(state, std::move(start), response);
                    else
                        state->finish(statusFromError(r.error()));
                    return;
                }
                if (!start.replaceable->contains(r->status)) {
                    state->finish(alreadyExists(start.options.instanceId));
                    return;
                }
                if (isTerminal(r->status)) {
                    startNow(state, std::move(start), response); // the engine replaces finished instances
                    return;
                }
                replaceRunning(state, std::move(start), response);
            });
        return call;
    }

    static ::grpc::Status alreadyExists(const QString &id)
    {
        return grpcError(StatusCode::ALREADY_EXISTS,
                         QStringLiteral("orchestration instance already exists: '%1'").arg(id));
    }

    void startNow(const std::shared_ptr<CallState> &state, StartRequest start, proto::CreateInstanceResponse *response)
    {
        const QString id = start.options.instanceId;
        m_d->engine.start(start.name, start.input, start.options)
            .then(m_d->q, [state, response, id](Result<QString> r) {
                state->answer([&] {
                    if (!r) {
                        if (r.error().code == ErrorCode::AlreadyExists)
                            return alreadyExists(id);
                        return statusFromError(r.error());
                    }
                    response->set_instanceid(toWire(*r));
                    return ::grpc::Status::OK;
                });
            });
    }

    /// Terminates the running instance, waits until it is final, then starts the new one.
    void replaceRunning(const std::shared_ptr<CallState> &state, StartRequest start,
                        proto::CreateInstanceResponse *response)
    {
        const QString id = start.options.instanceId;
        m_d->engine.terminateWith(id, QJsonValue(QStringLiteral("replaced by a new instance with the same id")), false)
            .then(m_d->q, [this, state, id, start = std::move(start), response](durable::Status s) mutable {
                // FailedPrecondition: it finished meanwhile, which is as good.
                if (!s && s.error().code != ErrorCode::FailedPrecondition) {
                    state->finish(statusFromError(s.error()));
                    return;
                }
                auto startShared = std::make_shared<StartRequest>(std::move(start));
                new InstanceWaiter(
                    m_d->engine, id, [](RuntimeStatus status) { return isTerminal(status); }, false,
                    [state] { return state->isFinished(); },
                    [this, state, startShared, response](Result<InstanceInfo> r) {
                        if (!r && r.error().code != ErrorCode::NotFound) {
                            state->finish(statusFromError(r.error()));
                            return;
                        }
                        startNow(state, std::move(*startShared), response);
                    },
                    m_d->waiters, m_d->q);
            });
    }

    ServerUnaryReactor *GetInstance(CallbackServerContext *ctx, const proto::GetInstanceRequest *request,
                                    proto::GetInstanceResponse *response) override
    {
        if (auto *r = refused(ctx))
            return r;
        return reply(new UnaryCall,
                     m_d->engine.verbatimStatus(fromWire(request->instanceid()), false, request->getinputsandoutputs()),
                     [response](Result<InstanceInfo> r) { return fillInstance(r, response); });
    }

    ServerUnaryReactor *WaitForInstanceStart(CallbackServerContext *ctx, const proto::GetInstanceRequest *request,
                                             proto::GetInstanceResponse *response) override
    {
        return waitRpc(ctx, request, response, [](RuntimeStatus s) { return s != RuntimeStatus::Pending; });
    }

    ServerUnaryReactor *WaitForInstanceCompletion(CallbackServerContext *ctx, const proto::GetInstanceRequest *request,
                                                  proto::GetInstanceResponse *response) override
    {
        return waitRpc(ctx, request, response, [](RuntimeStatus s) { return isTerminal(s); });
    }

    ServerUnaryReactor *RaiseEvent(CallbackServerContext *ctx, const proto::RaiseEventRequest *request,
                                   proto::RaiseEventResponse *) override
    {
        if (auto *r = refused(ctx))
            return r;
        return reply(new UnaryCall,
                     m_d->engine.raiseEvent(fromWire(request->instanceid()), fromWire(request->name()),
                                            payloadFromWire(request->has_input(), request->input())),
                     statusOf);
    }

    ServerUnaryReactor *TerminateInstance(CallbackServerContext *ctx, const proto::TerminateRequest *request,
                                          proto::TerminateResponse *) override
    {
        if (auto *r = refused(ctx))
            return r;
        return reply(new UnaryCall,
                     m_d->engine.terminateWith(fromWire(request->instanceid()),
                                               payloadFromWire(request->has_output(), request->output()),
                                               request->recursive()),
                     statusOf);
    }

    ServerUnaryReactor *SuspendInstance(CallbackServerContext *ctx, const proto::SuspendRequest *request,
                                        proto::SuspendResponse *) override
    {
        if (auto *r = refused(ctx))
            return r;
        return reply(new UnaryCall,
                     m_d->engine.suspend(fromWire(request->instanceid()), fromWire(request->reason().value())),
                     statusOf);
    }

    ServerUnaryReactor *ResumeInstance(CallbackServerContext *ctx, const proto::ResumeRequest *request,
                                       proto::ResumeResponse *) override
    {
        if (auto *r = refused(ctx))
            return r;
        return reply(new UnaryCall,
                     m_d->engine.resume(fromWire(request->instanceid()), fromWire(request->reason().value())),
                     statusOf);
    }

    ServerUnaryReactor *RewindInstance(CallbackServerContext *ctx, const proto::RewindInstanceRequest *request,
                                       proto::RewindInstanceResponse *) override
    {
        if (auto *r = refused(ctx))
            return r;
        return reply(new UnaryCall,
                     m_d->engine.rewind(fromWire(request->instanceid()), fromWire(request->reason().value())),
                     statusOf);
    }

    ServerUnaryReactor *RestartInstance(CallbackServerContext *ctx, const proto::RestartInstanceRequest *request,
                                        proto::RestartInstanceResponse *response) override
    {
        if (auto *r = refused(ctx))
            return r;
        return reply(new UnaryCall,
                     m_d->engine.restart(fromWire(request->instanceid()), request->restartwithnewinstanceid()),
                     [response](Result<QString> r) {
                         if (!r)
                             return statusFromError(r.error());
                         response->set_instanceid(toWire(*r));
                         return ::grpc::Status::OK;
                     });
    }

    ServerUnaryReactor *QueryInstances(CallbackServerContext *ctx, const proto::QueryInstancesRequest *request,
                                       proto::QueryInstancesResponse *response) override
    {
        if (auto *r = refused(ctx))
            return r;
        const proto::InstanceQuery &q = request->query();
        InstanceQuery query;
        query.statuses = statusesFromWire(q.runtimestatus());
        if (q.has_createdtimefrom())
            query.createdFrom = timestampFromWire(q.createdtimefrom());
        if (q.has_createdtimeto())
            query.createdTo = timestampFromWire(q.createdtimeto());
        if (q.has_instanceidprefix())
            query.idPrefix = fromWire(q.instanceidprefix().value());
        if (q.has_continuationtoken())
            query.continuation = fromWire(q.continuationtoken().value());
        query.pageSize = q.maxinstancecount() > 0 ? std::min(q.maxinstancecount(), 1000) : 100;
        query.includeInputs = q.fetchinputsandoutputs();
        return reply(new UnaryCall, m_d->engine.verbatimQuery(query), [response](Result<InstancePage> r) {
            if (!r)
                return statusFromError(r.error());
            for (const auto &info : r->instances)
                *response->add_orchestrationstate() = instanceToWire(info);
            if (!r->continuation.isEmpty())
                response->mutable_continuationtoken()->set_value(toWire(r->continuation));
            return ::grpc::Status::OK;
        });
    }

    /// Terminal instances ordered by their last update (their completion), oldest first; the
    /// completed-time range filters within each page, so a page may hold fewer than pageSize ids.
    ServerUnaryReactor *ListInstanceIds(CallbackServerContext *ctx, const proto::ListInstanceIdsRequest *request,
                                        proto::ListInstanceIdsResponse *response) override
    {
        if (auto *r = refused(ctx))
            return r;
        InstanceQuery query;
        const QSet<RuntimeStatus> terminal { RuntimeStatus::Completed, RuntimeStatus::Failed, RuntimeStatus::Canceled,
                                             RuntimeStatus::Terminated };
        query.statuses = statusesFromWire(request->runtimestatus());
        query.statuses = query.statuses.isEmpty() ? terminal : query.statuses.intersect(terminal);
        if (query.statuses.isEmpty())
            return now(ctx, ::grpc::Status::OK); // only non-terminal statuses asked for
        query.sortKey = SortKey::LastUpdatedAt;
        query.descending = false;
        query.pageSize = request->pagesize() > 0 ? std::min(request->pagesize(), 1000) : 100;
        if (request->has_lastinstancekey())
            query.continuation = fromWire(request->lastinstancekey().value());
        const QDateTime from
            = request->has_completedtimefrom() ? timestampFromWire(request->completedtimefrom()) : QDateTime();
        const QDateTime to
            = request->has_completedtimeto() ? timestampFromWire(request->completedtimeto()) : QDateTime();
        return reply(new UnaryCall, m_d->engine.verbatimQuery(query), [response, from, to](Result<InstancePage> r) {
            if (!r)
                return statusFromError(r.error());
            for (const auto &info : r->instances) {
                const QDateTime done = info.completedAt.isValid() ? info.completedAt : info.lastUpdatedAt;
                if ((from.isValid() && done < from) || (to.isValid() && done >= to))
                    continue;
                response->add_instanceids(toWire(info.instanceId));
            }
            if (!r->continuation.isEmpty())
                response->mutable_lastinstancekey()->set_value(toWire(r->continuation));
            return ::grpc::Status::OK;
        });
    }

    ServerUnaryReactor *PurgeInstances(CallbackServerContext *ctx, const proto::PurgeInstancesRequest *request,
                                       proto::PurgeInstancesResponse *response) override
    {
        if (auto *r = refused(ctx))
            return r;
        auto *call = new UnaryCall;
        const bool recursive = request->recursive();
        switch (request->request_case()) {
        case proto::PurgeInstancesRequest::kInstanceId:
            purgeBatch(call->state, { fromWire(request->instanceid()) }, recursive, response);
            return call;
        case proto::PurgeInstancesRequest::kInstanceBatch: {
            QStringList ids;
            for (const auto &id : request->instancebatch().instanceids())
                ids.append(fromWire(id));
            if (ids.size() > 500) {
                call->state->finish(grpcError(StatusCode::INVALID_ARGUMENT,
                                              QStringLiteral("at most 500 instance ids can be purged at once")));
                return call;
            }
            purgeBatch(call->state, ids, recursive, response);
            return call;
        }
        case proto::PurgeInstancesRequest::kPurgeInstanceFilter: {
            const auto &f = request->purgeinstancefilter();
            PurgeFilter filter;
            if (f.has_createdtimefrom())
                filter.createdFrom = timestampFromWire(f.createdtimefrom());
            if (f.has_createdtimeto())
                filter.createdTo = timestampFromWire(f.createdtimeto());
            filter.statuses = statusesFromWire(f.runtimestatus());
            return reply(call, m_d->engine.purge(filter), [response](Result<int> r) {
                if (!r)
                    return statusFromError(r.error());
                response->set_deletedinstancecount(*r);
                response->mutable_iscomplete()->set_value(true);
                return ::grpc::Status::OK;
            });
        }
        case proto::PurgeInstancesRequest::REQUEST_NOT_SET:
            break;
        }
        call->state->finish(grpcError(StatusCode::INVALID_ARGUMENT,
                                      QStringLiteral("give an instance id, a purge filter or a batch of ids")));
        return call;
    }

    /// Purges `ids` one after the other; unknown ids count 0, any other error ends the call.
    void purgeBatch(std::shared_ptr<CallState> state, QStringList ids, bool recursive,
                    proto::PurgeInstancesResponse *response, int index = 0, int deleted = 0)
    {
        if (index >= ids.size() || state->isFinished()) {
            state->answer([&] {
                response->set_deletedinstancecount(deleted);
                response->mutable_iscomplete()->set_value(true);
                return ::grpc::Status::OK;
            });
            return;
        }
        const QString id = ids.at(index);
        m_d->engine.purge(id, recursive)
            .then(m_d->q,
                  [this, state, ids = std::move(ids), recursive, response, index, deleted](Result<int> r) mutable {
                      if (!r && r.error().code != ErrorCode::NotFound) {
                          state->finish(statusFromError(r.error()));
                          return;
                      }
                      purgeBatch(state, std::move(ids), recursive, response, index + 1, deleted + (r ? *r : 0));
                  });
    }

    ::grpc::ServerWriteReactor<proto::HistoryChunk> *
    StreamInstanceHistory(CallbackServerContext *ctx, const proto::StreamInstanceHistoryRequest *request) override
    {
        if (!authorized(ctx))
            return new RefusedStream<proto::HistoryChunk>(unauthenticated());
        auto *writer = new ChunkWriter;
        const QString id = fromWire(request->instanceid());
        const QString execution = request->has_executionid() ? fromWire(request->executionid().value()) : QString();
        // verbatimStatus, not history(): it keeps payloads verbatim and names the execution.
        m_d->engine.verbatimStatus(id, true, true)
            .then(m_d->q, [writer, state = writer->state, execution](Result<InstanceInfo> r) {
                if (!r) {
                    state->finish(statusFromError(r.error()));
                    return;
                }
                if (!execution.isEmpty() && execution != r->executionId) {
                    state->finish(grpcError(StatusCode::NOT_FOUND,
                                            QStringLiteral("only the current execution's history is kept")));
                    return;
                }
                std::vector<proto::HistoryChunk> chunks;
                const History history = r->history.value_or(History {});
                for (qsizetype i = 0; i < history.size(); ++i) {
                    if (i % HistoryChunkSize == 0)
                        chunks.emplace_back();
                    *chunks.back().add_events() = historyEventToWire(history.at(i), r->instanceId, r->executionId);
                }
                state->whileLive([&] { writer->begin(std::move(chunks)); });
            });
        return writer;
    }

    // ---- worker calls ----------------------------------------------------------------------

    ::grpc::ServerWriteReactor<proto::WorkItem> *GetWorkItems(CallbackServerContext *ctx,
                                                              const proto::GetWorkItemsRequest *) override
    {
        if (!authorized(ctx))
            return new RefusedStream<proto::WorkItem>(unauthenticated());
        auto slot = std::make_shared<StreamSlot>();
        slot->worker = ConnectedWorker { QUuid::createUuid().toString(QUuid::WithoutBraces), fromWire(ctx->peer()),
                                         QDateTime::currentDateTimeUtc() };
        auto *stream = new WorkStream(m_d, slot);
        m_d->streamOpened(slot);
        return stream;
    }

    ServerUnaryReactor *CompleteOrchestratorTask(CallbackServerContext *ctx, const proto::OrchestratorResponse *request,
                                                 proto::CompleteTaskResponse *) override
    {
        if (auto *r = refused(ctx))
            return r;
        auto result = orchestratorResultFromWire(*request);
        if (!result)
            return now(ctx, statusFromError(result.error()));
        return reply(new UnaryCall, m_d->engine.remoteWork().completeOrchestrator(std::move(*result)), statusOf);
    }

    ServerUnaryReactor *CompleteActivityTask(CallbackServerContext *ctx, const proto::ActivityResponse *request,
                                             proto::CompleteTaskResponse *) override
    {
        if (auto *r = refused(ctx))
            return r;
        auto result = activityResultFromWire(*request);
        if (!result)
            return now(ctx, statusFromError(result.error()));
        return now(ctx, statusOf(m_d->engine.remoteWork().completeActivity(std::move(*result))));
    }

    ServerUnaryReactor *abandon(CallbackServerContext *ctx, const std::string &token)
    {
        if (auto *r = refused(ctx))
            return r;
        auto t = tokenFromWire(token);
        if (!t)
            return now(ctx, statusFromError(t.error()));
        if (!m_d->engine.remoteWork().abandon(*t))
            return now(
                ctx,
                grpcError(
                    StatusCode::NOT_FOUND,
                    QStringLiteral("no work item is handed out under completion token '%1'").arg(fromWire(token))));
        m_d->post([d = m_d] { d->pump(); });
        return now(ctx, ::grpc::Status::OK);
    }

    ServerUnaryReactor *AbandonTaskActivityWorkItem(CallbackServerContext *ctx,
                                                    const proto::AbandonActivityTaskRequest *request,
                                                    proto::AbandonActivityTaskResponse *) override
    {
        return abandon(ctx, request->completiontoken());
    }

    ServerUnaryReactor *AbandonTaskOrchestratorWorkItem(CallbackServerContext *ctx,
                                                        const proto::AbandonOrchestrationTaskRequest *request,
                                                        proto::AbandonOrchestrationTaskResponse *) override
    {
        return abandon(ctx, request->completiontoken());
    }

    // ---- not supported ---------------------------------------------------------------------

    ServerUnaryReactor *CompleteEntityTask(CallbackServerContext *ctx, const proto::EntityBatchResult *,
                                           proto::CompleteTaskResponse *) override
    {
        return entities(ctx);
    }
    ServerUnaryReactor *AbandonTaskEntityWorkItem(CallbackServerContext *ctx, const proto::AbandonEntityTaskRequest *,
                                                  proto::AbandonEntityTaskResponse *) override
    {
        return entities(ctx);
    }
    ServerUnaryReactor *SignalEntity(CallbackServerContext *ctx, const proto::SignalEntityRequest *,
                                     proto::SignalEntityResponse *) override
    {
        return entities(ctx);
    }
    ServerUnaryReactor *GetEntity(CallbackServerContext *ctx, const proto::GetEntityRequest *,
                                  proto::GetEntityResponse *) override
    {
        return entities(ctx);
    }
    ServerUnaryReactor *QueryEntities(CallbackServerContext *ctx, const proto::QueryEntitiesRequest *,
                                      proto::QueryEntitiesResponse *) override
    {
        return entities(ctx);
    }
    ServerUnaryReactor *CleanEntityStorage(CallbackServerContext *ctx, const proto::CleanEntityStorageRequest *,
                                           proto::CleanEntityStorageResponse *) override
    {
        return entities(ctx);
    }
    ServerUnaryReactor *CreateTaskHub(CallbackServerContext *ctx, const proto::CreateTaskHubRequest *,
                                      proto::CreateTaskHubResponse *) override
    {
        if (auto *r = refused(ctx))
            return r;
        return unimplemented(ctx, QStringLiteral("Durable Workbench creates its task hub when the hub file is opened"));
    }
    ServerUnaryReactor *DeleteTaskHub(CallbackServerContext *ctx, const proto::DeleteTaskHubRequest *,
                                      proto::DeleteTaskHubResponse *) override
    {
        if (auto *r = refused(ctx))
            return r;
        return unimplemented(ctx,
                             QStringLiteral("Durable Workbench does not delete task hubs over the sidecar "
                                            "protocol; delete the hub file instead"));
    }
    ServerUnaryReactor *
    SkipGracefulOrchestrationTerminations(CallbackServerContext *ctx,
                                          const proto::SkipGracefulOrchestrationTerminationsRequest *,
                                          proto::SkipGracefulOrchestrationTerminationsResponse *) override
    {
        if (auto *r = refused(ctx))
            return r;
        return unimplemented(ctx,
                             QStringLiteral("SkipGracefulOrchestrationTerminations is not supported by Durable "
                                            "Workbench; use TerminateInstance"));
    }

private:
    Private *m_d;
    QByteArray m_expectedKey;
};

SidecarServer::Private::Private(SidecarServer *server, Engine &e, const SidecarServerOptions &o)
    : q(server)
    , engine(e)
    , options(o)
{
}

SidecarServer::SidecarServer(Engine &engine, const SidecarServerOptions &options, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this, engine, options))
{
    d->service = std::make_unique<Service>(d.get());
    connect(&engine.remoteWork(), &RemoteWork::available, this, [this] { d->pump(); });
}

SidecarServer::~SidecarServer()
{
    shutdown();
    // A continuation that ran after shutdown() may have started a wait; its call is finished.
    while (!d->waiters.empty())
        delete *d->waiters.begin();
}

Result<quint16> SidecarServer::listen()
{
    if (d->server)
        return fail(ErrorCode::FailedPrecondition, QStringLiteral("the sidecar server is already listening"));
    const QString host = d->options.bindAddress.trimmed();
    QString target;
    bool loopback = false;
    if (host.compare(QStringLiteral("localhost"), Qt::CaseInsensitive) == 0) {
        loopback = true;
        target = QStringLiteral("localhost");
    } else {
        QHostAddress address;
        if (!address.setAddress(host))
            return fail(ErrorCode::InvalidArgument, QStringLiteral("'%1' is not an IP address").arg(host));
        loopback = address.isLoopback();
        target = address.protocol() == QAbstractSocket::IPv6Protocol ? QStringLiteral("[%1]").arg(address.toString())
                                                                     : address.toString();
    }
    if (!loopback && d->options.apiKey.isEmpty())
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("an API key is required to serve the sidecar protocol on %1").arg(host));

    ::grpc::ServerBuilder builder;
    // gRPC sets SO_REUSEPORT by default: a second server on the same port would then "succeed".
    builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
    // Orchestrator answers carry whole payloads; the engine enforces its own payload limit.
    builder.SetMaxReceiveMessageSize(64 * 1024 * 1024);
    // Work-item streams idle for long stretches: keepalive pings notice a worker whose machine
    // vanished, so that its stream ends and its hand-outs go back to the queue.
    builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, 30000);
    builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 10000);
    int selected = 0;
    builder.AddListeningPort(QStringLiteral("%1:%2").arg(target).arg(d->options.port).toStdString(),
                             ::grpc::InsecureServerCredentials(), &selected);
    builder.RegisterService(d->service.get());
    d->server = builder.BuildAndStart();
    if (!d->server || selected == 0) {
        d->server.reset();
        return fail(ErrorCode::FailedPrecondition,
                    QStringLiteral("cannot listen on %1 port %2: the port is in use or the address is not available "
                                   "on this machine")
                        .arg(host)
                        .arg(d->options.port));
    }
    d->port = quint16(selected);
    d->host = target;
    // Orchestrators and activities not registered in-process now go to the connected workers.
    d->engine.remoteWork().setEnabled(true);
    return d->port;
}

void SidecarServer::shutdown()
{
    if (!d->server)
        return;
    // Finish what waits on this thread first: while Shutdown() blocks, no continuation can run.
    const std::set<InstanceWaiter *> waiters = d->waiters;
    for (InstanceWaiter *w : waiters)
        w->finish(
            Result<InstanceInfo>(fail(ErrorCode::Shutdown, QStringLiteral("the sidecar server is shutting down"))));
    std::vector<std::shared_ptr<StreamSlot>> streams;
    {
        QMutexLocker lock(&d->streamsMutex);
        streams = d->streams;
    }
    for (const auto &slot : streams)
        finishStream(*slot, shuttingDown());
    // Calls still waiting for an engine future are cancelled after the grace period.
    d->server->Shutdown(std::chrono::system_clock::now() + std::chrono::milliseconds(ShutdownGraceMs));
    d->server.reset();
    d->port = 0;
    while (!d->waiters.empty())
        delete *d->waiters.begin(); // finished above; they only waited for deleteLater
}

bool SidecarServer::isListening() const
{
    return d->server != nullptr;
}

quint16 SidecarServer::port() const
{
    return d->port;
}

QString SidecarServer::endpoint() const
{
    if (!d->server)
        return {};
    return QStringLiteral("%1:%2").arg(d->host).arg(d->port);
}

const SidecarServerOptions &SidecarServer::options() const
{
    return d->options;
}

QList<ConnectedWorker> SidecarServer::workers() const
{
    QMutexLocker lock(&d->streamsMutex);
    QList<ConnectedWorker> out;
    for (const auto &slot : d->streams)
        out.append(slot->worker);
    return out;
}

} // namespace durable::grpc
