#pragma once

// Internal to the API server: the TCP side in front of Qt HttpServer.

#include "httpreply.h"
#include "requestframing.h"

#include <QTcpServer>

#include <functional>
#include <memory>
#include <optional>

class QTcpSocket;

namespace durable::http {

struct GuardOptions {
    FramingLimits framing;
    int headerTimeoutMs = 10'000;
    int idleTimeoutMs = 60'000;
    int maxConnections = 512;
    int maxConnectionsPerAddress = 128;
};

/// A QTcpServer whose sockets are watched before Qt HttpServer reads from them. Our readyRead
/// slot is connected first, so it sees every chunk before Qt's parser does (which reads all that
/// is available): each chunk goes through RequestFraming, and on the first framing error, an
/// oversized head or body, or a head that `admit` refuses, the server's slot is disconnected
/// before it reads the chunk, the answer is written with `Connection: close` and the connection
/// closed. So only correctly framed, admitted requests reach the handlers, and a request refused
/// on its head (401, 421) is refused before its body is read. A request before a framing error in
/// the same chunk is dropped with it (nothing of that chunk runs).
///
/// Timeouts: a request head must be complete within headerTimeoutMs of its first byte (408
/// otherwise); a body must make progress every idleTimeoutMs; a connection with nothing in
/// flight is closed after idleTimeoutMs. Connections over maxConnections in total or
/// maxConnectionsPerAddress from one client address get 503 and are closed at once (under a
/// flood, beyond a few such answers in progress, closed without one). An accept error such as
/// running out of file descriptors is logged once and accepting resumes shortly after, instead
/// of QTcpServer's default of stopping for good.
class GuardedTcpServer final : public QTcpServer {
public:
    /// An answer for a complete head (nullopt: let it through); runs on the server's thread.
    using Admit = std::function<std::optional<HttpReply>(const RequestHead &, QTcpSocket *)>;
    /// Called for every answer the guard writes where the request line is known.
    using Log = std::function<void(const QByteArray &method, const QByteArray &target, int status, qint64 ms)>;

    GuardedTcpServer(const GuardOptions &options, Admit admit, Log log, QObject *parent);
    ~GuardedTcpServer() override;

    /// Open connections handed to the HTTP server (refused ones are not counted).
    int connectionCount() const;
    /// Bytes of requests in progress that the HTTP server may be holding (heads and bodies not
    /// yet complete), over all connections: bounded by the limits times the connection cap.
    qint64 heldRequestBytes() const;

    /// The handler wrote the answer of one request on `socket` (starts the idle timeout once
    /// nothing else is in flight).
    static void answerWritten(QTcpSocket *socket);

    struct Shared;

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    std::shared_ptr<Shared> m_shared;
};

} // namespace durable::http
