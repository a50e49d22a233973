#pragma once

#include "error.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

#include <memory>

namespace durable {
class Engine;
}

namespace durable::grpc {

struct SidecarServerOptions {
    /// IP address to bind ("127.0.0.1", "::1", "0.0.0.0", ...) or "localhost".
    QString bindAddress = QStringLiteral("127.0.0.1");
    /// 4001 is where every Durable Task SDK looks by default; 0 picks any free port.
    quint16 port = 4001;
    /// Required when the bind address is not loopback: every call must then carry the metadata
    /// `authorization: Bearer <apiKey>` (else UNAUTHENTICATED). When set on loopback it is
    /// enforced too.
    QString apiKey;
};

/// A worker connected over GetWorkItems (one per open stream).
struct ConnectedWorker {
    QString id; ///< the id under which RemoteWork hands it items
    QString peer; ///< gRPC peer text, e.g. "ipv4:127.0.0.1:53012"
    QDateTime since;
};

/// The Durable Task sidecar protocol (`TaskHubSidecarService`, as the SDKs speak it) over gRPC,
/// so that the Durable Task SDKs' clients and workers use this process as their backend.
///
/// Client calls go to the engine's facade; work items come from Engine::remoteWork(), which
/// listen() enables. Every payload travels verbatim (sidecarconvert.h). Calls are answered on
/// gRPC's callback threads without blocking them: engine futures are continued on the thread
/// this object lives on (which must run an event loop) and the reply is finished from there.
/// Long waits (WaitForInstanceStart/Completion) follow HubClient::changed and honour the client's
/// deadline and cancellation. Entity and task-hub administration calls are UNIMPLEMENTED.
///
/// Call shutdown() (or destroy the server) before the engine goes away: it finishes pending
/// waits and work-item streams, and a stopped event loop could not finish them any more.
class SidecarServer : public QObject {
    Q_OBJECT
public:
    SidecarServer(Engine &engine, const SidecarServerOptions &options = {}, QObject *parent = nullptr);
    ~SidecarServer() override;

    /// Starts listening and returns the bound port. InvalidArgument for an invalid address or a
    /// non-loopback address without an API key; FailedPrecondition when the port cannot be bound
    /// (taken by another process); also FailedPrecondition when already listening.
    /// Also lets clients start orchestrators this process does not know (RemoteWork::setEnabled);
    /// the engine must have been opened with EngineOptions::externalWorkers for their work to
    /// reach the workers.
    Result<quint16> listen();
    /// Stops listening: open calls are finished (UNAVAILABLE) or cancelled within a short
    /// deadline, the workers' hand-outs go back to the queue. Idempotent.
    void shutdown();

    bool isListening() const;
    /// The bound port (0 before listen()).
    quint16 port() const;
    /// "address:port" as bound, e.g. "127.0.0.1:4001" (IPv6 addresses in brackets).
    QString endpoint() const;
    const SidecarServerOptions &options() const;

    /// Workers with an open GetWorkItems stream, oldest first. Thread-safe.
    QList<ConnectedWorker> workers() const;

Q_SIGNALS:
    /// A worker connected or disconnected (emitted on this object's thread).
    void workersChanged();

private:
    class Service;
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace durable::grpc
