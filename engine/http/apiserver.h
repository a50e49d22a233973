#pragma once

#include "engine.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
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
};

/// The Durable Functions-compatible management API (reference/http-api.md) on Qt HttpServer,
/// mounted at /runtime/webhooks/durabletask/ and /durabletask/. Uses the client facade only.
///
/// Every request must carry the API key, as `code` query parameter or `x-functions-key` header;
/// it is compared in constant time and a missing or wrong key gets 401 before anything else
/// happens. Lives on the thread that created it; answers are written when the engine's futures
/// finish, never blocking that thread. `client` must outlive the server.
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
