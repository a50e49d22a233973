#pragma once

// A real engine on a SQLite hub in a temporary directory, the API server on an ephemeral port of
// 127.0.0.1 and a QNetworkAccessManager to talk to it: what every over-the-socket test needs.

#include "apiserver.h"
#include "engine.h"

#include <QJsonValue>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QTemporaryDir>
#include <QUrlQuery>

#include <atomic>
#include <memory>

struct HttpResult {
    int status = 0;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray header(const QByteArray &name) const;
    bool hasHeader(const QByteArray &name) const;
    QJsonValue json() const; ///< the body parsed as any JSON value; Undefined when not JSON
};

class ApiFixture {
public:
    static inline const QByteArray key = QByteArrayLiteral("test-key-0123456789abcdefghijkl");

    /// Orchestrators of the tests:
    /// - Chain: input s → s>F1>F2>F3>F4 through four activity calls
    /// - WaitForEvent: returns the payload of "ApprovalEvent"
    /// - Fail: an activity throws; fails the instance
    /// - FailOnce: fails while `failuresLeft` > 0, then returns "recovered" (for rewind)
    /// - Quick: returns its input without any activity
    explicit ApiFixture(qint64 maxBodyBytes = 64 * 1024);
    /// With every server option given (limits, timeouts, caps, allowed hosts).
    explicit ApiFixture(const durable::http::ApiServerOptions &serverOptions);
    ~ApiFixture();

    /// Empty when everything started; else what failed.
    QString error() const { return m_error; }
    durable::Engine &engine() { return *m_engine; }
    durable::http::ApiServer &server() { return *m_server; }
    /// http://127.0.0.1:<port>
    QString origin() const;

    /// Sends one request and waits for the answer (at most 30 s). `path` is relative to the
    /// webhook mount unless it starts with '/'. The key goes into `code` unless `auth` says otherwise.
    enum class Auth { Query, Header, None };
    HttpResult send(const QByteArray &method, const QString &path, const QUrlQuery &query = {},
                    const QByteArray &body = {}, const QByteArray &contentType = "application/json",
                    Auth auth = Auth::Query, const QList<QPair<QByteArray, QByteArray>> &extraHeaders = {});
    HttpResult sendUrl(const QByteArray &method, const QUrl &url, const QByteArray &body = {},
                       const QByteArray &contentType = "application/json",
                       const QList<QPair<QByteArray, QByteArray>> &extraHeaders = {});

    /// Every instance with status, last update, output, custom status: compared before and after
    /// a rejected request to prove the hub did not change.
    QStringList hubSnapshot();
    /// Waits until the instance reaches `status` (engine status, not HTTP), at most 20 s.
    bool waitForStatus(const QString &instanceId, durable::RuntimeStatus status);
    /// Returns once the dispatcher has run a batch after everything sent to the engine before this
    /// call (a client command finishes only after the batch it ran in has committed); false if the
    /// barrier command did not come back as expected. Use it to check that something did *not*
    /// happen, instead of sleeping.
    bool barrier();

    static std::atomic<int> failuresLeft;

private:
    QTemporaryDir m_dir;
    durable::Registry m_registry;
    std::unique_ptr<durable::Engine> m_engine;
    std::unique_ptr<durable::http::ApiServer> m_server;
    QNetworkAccessManager m_nam;
    QString m_error;
};
