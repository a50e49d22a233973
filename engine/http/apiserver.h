#pragma once

#include "engine.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QStringList>
#include <QUrl>

#include <expected>
#include <memory>

namespace durable::http {

struct ApiServerOptions {
    /// Loopback by default; anything else exposes the hub to the network (a warning is logged).
    QHostAddress bindAddress = QHostAddress(QHostAddress::LocalHost);
    /// 0: an ephemeral port (see ApiServer::port()).
    quint16 port = 0;
    /// Requests with a larger body are answered 413 before they reach the engine.
    qint64 maxBodyBytes = 4 * 1024 * 1024;
    /// Request line plus headers; a larger head is answered 431 and the connection closed.
    qint64 maxHeadBytes = 16 * 1024;
    /// A request head must be complete this long after its first byte (408 and close otherwise).
    int headerTimeoutMs = 10'000;
    /// A connection with nothing in flight, or a body that stops arriving, is closed after this.
    int idleTimeoutMs = 60'000;
    /// Connections beyond these caps get 503 and are closed at once. The defaults leave room for
    /// 128 concurrent keep-alive clients on one address.
    int maxConnections = 512;
    int maxConnectionsPerAddress = 128;
    /// Host names accepted in the Host header besides loopback (localhost, 127.0.0.0/8, ::1) and
    /// the address the connection arrived on; any other Host is answered 421 (DNS rebinding).
    QStringList allowedHosts;
};

/// The Durable Functions-compatible management API (reference/http-api.md) on Qt HttpServer,
/// mounted at /runtime/webhooks/durabletask/ and /durabletask/. Uses the client facade only.
///
/// Every request must carry the API key, as `code` query parameter or `x-functions-key` header;
/// it is compared in constant time and a missing or wrong key gets 401 as soon as the request's
/// head is complete, before its body is read. Before that, the request's framing is checked
/// strictly (RequestFraming: 400, 413, 431, all with `Connection: close`) and its Host (421);
/// see ApiServerOptions for the limits on connections and timeouts. Lives on the thread that created it; answers are
/// written when the engine's futures finish, never blocking that thread. `client` must outlive the server.
class ApiServer : public QObject {
    Q_OBJECT
public:
    ApiServer(Client &client, const QByteArray &apiKey, const ApiServerOptions &options = {},
              QObject *parent = nullptr);
    ~ApiServer() override;

    /// Starts listening. Returns the bound port, or the socket error text.
    std::expected<quint16, QString> listen();
    bool isListening() const;
    quint16 port() const;
    const ApiServerOptions &options() const;
    /// http://address:port/runtime/webhooks/durabletask (valid once listening).
    QUrl baseUrl() const;
    /// Open connections, and bytes of unfinished requests they hold (see GuardedTcpServer).
    int connectionCount() const;
    qint64 heldRequestBytes() const;
    /// Whether `host` (a Host header value) names this server: loopback, `localAddress`, or one
    /// of `allowed` (case-insensitive), with or without a port. Empty is not accepted.
    static bool hostAccepted(const QByteArray &host, const QHostAddress &localAddress, const QStringList &allowed);
    /// Replaces the key (after a regeneration); requests with the old key fail from now on.
    void setApiKey(const QByteArray &apiKey);

    /// Constant-time comparison of two keys (SHA-256 of both, then a full-length XOR fold), so
    /// neither the position of the first wrong byte nor the key length leaks through timing.
    static bool keysEqual(const QByteArray &a, const QByteArray &b);

Q_SIGNALS:
    /// One per answered request, for a live log: method, path and query with the key removed,
    /// the status code and the time from arrival to the answer.
    void requestHandled(const QString &method, const QString &path, int status, qint64 durationMs);
    /// The client closed the connection before its answer was ready (a long wait it gave up on):
    /// nothing was written. Path as in requestHandled().
    void requestAbandoned(const QString &method, const QString &path, qint64 durationMs);

private:
    class Frontend;
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace durable::http
