#include "apiserver.h"

#include "apihandlers.h"
#include "connectionguard.h"

#include <QAbstractHttpServer>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QLoggingCategory>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

Q_LOGGING_CATEGORY(lcHttpApi, "durable.http")

namespace durable::http {

namespace {

    QByteArray methodName(QHttpServerRequest::Method method)
    {
        switch (method) {
        case QHttpServerRequest::Method::Get:
            return "GET";
        case QHttpServerRequest::Method::Put:
            return "PUT";
        case QHttpServerRequest::Method::Delete:
            return "DELETE";
        case QHttpServerRequest::Method::Post:
            return "POST";
        case QHttpServerRequest::Method::Head:
            return "HEAD";
        case QHttpServerRequest::Method::Options:
            return "OPTIONS";
        case QHttpServerRequest::Method::Patch:
            return "PATCH";
        default:
            return "OTHER";
        }
    }

    /// Path and query as logged: a `code` parameter (the API key, or a guess at it) never reaches
    /// the log, however its name is cased.
    QString loggedPath(const QUrl &url)
    {
        QUrlQuery query(url.query(QUrl::FullyEncoded));
        auto items = query.queryItems(QUrl::FullyEncoded);
        items.removeIf([](const QPair<QString, QString> &item) {
            return item.first.compare(QLatin1String("code"), Qt::CaseInsensitive) == 0;
        });
        query.setQueryItems(items);
        const QString rest = query.toString(QUrl::FullyEncoded);
        return url.path(QUrl::FullyEncoded) + (rest.isEmpty() ? QString() : QLatin1Char('?') + rest);
    }

} // namespace

/// The Qt HttpServer side: every request goes to ApiServer::Private::dispatch, routing is ours.
class ApiServer::Frontend final : public QAbstractHttpServer {
public:
    using Handler = std::function<void(const QHttpServerRequest &, QTcpSocket *)>;
    Frontend(Handler handler, QObject *parent)
        : QAbstractHttpServer(parent)
        , m_handler(std::move(handler))
    {
    }
    static QHttpServerResponder responderFor(const QHttpServerRequest &request, QTcpSocket *socket)
    {
        return makeResponder(request, socket);
    }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        m_handler(request, socket);
        return true;
    }
    void missingHandler(const QHttpServerRequest &, QTcpSocket *) override { }

private:
    Handler m_handler;
};

struct ApiServer::Private {
    ApiServer *q;
    Client &client;
    QByteArray apiKey;
    ApiServerOptions options;
    ApiHandlers handlers;
    Frontend *frontend = nullptr;
    GuardedTcpServer *tcp = nullptr;

    Private(ApiServer *owner, Client &c, const QByteArray &key, const ApiServerOptions &o)
        : q(owner)
        , client(c)
        , apiKey(key)
        , options(o)
        , handlers(c)
    {
    }

    void dispatch(const QHttpServerRequest &request, QTcpSocket *socket);
    bool authorized(const QByteArray &headerKey, const QUrlQuery &query) const;
    std::optional<HttpReply> admit(const RequestHead &head, QTcpSocket *socket) const;
    UrlContext urlContext(const QHttpServerRequest &request, const Route &route, QTcpSocket *socket) const;
};

ApiServer::ApiServer(Client &client, const QByteArray &apiKey, const ApiServerOptions &options, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this, client, apiKey, options))
{
    d->frontend = new Frontend(
        [this](const QHttpServerRequest &request, QTcpSocket *socket) { d->dispatch(request, socket); }, this);
}

ApiServer::~ApiServer()
{
    // Sockets and pending continuations go before the handlers they refer to.
    delete d->frontend;
    d->frontend = nullptr;
}

std::expected<quint16, QString> ApiServer::listen()
{
    if (d->tcp)
        return d->tcp->serverPort();
    GuardOptions guard;
    guard.framing.maxBodyBytes = d->options.maxBodyBytes;
    guard.framing.maxHeadBytes = d->options.maxHeadBytes;
    guard.headerTimeoutMs = d->options.headerTimeoutMs;
    guard.idleTimeoutMs = d->options.idleTimeoutMs;
    guard.maxConnections = d->options.maxConnections;
    guard.maxConnectionsPerAddress = d->options.maxConnectionsPerAddress;
    auto *tcp = new GuardedTcpServer(
        guard, [this](const RequestHead &head, QTcpSocket *socket) { return d->admit(head, socket); },
        [this](const QByteArray &method, const QByteArray &target, int status, qint64 ms) {
            Q_EMIT requestHandled(QString::fromLatin1(method), loggedPath(QUrl::fromEncoded(target)), status, ms);
        },
        d->frontend);
    if (!tcp->listen(d->options.bindAddress, d->options.port)) {
        const QString error = QStringLiteral("Cannot listen on %1:%2: %3")
                                  .arg(d->options.bindAddress.toString())
                                  .arg(d->options.port)
                                  .arg(tcp->errorString());
        delete tcp;
        return std::unexpected(error);
    }
    if (!d->options.bindAddress.isLoopback())
        qCWarning(lcHttpApi,
                  "The HTTP API listens on %s, which is not a loopback address: other machines can reach "
                  "the task hub (the API key is still required).",
                  qPrintable(d->options.bindAddress.toString()));
    d->frontend->bind(tcp);
    d->tcp = tcp;
    return tcp->serverPort();
}

bool ApiServer::isListening() const
{
    return d->tcp && d->tcp->isListening();
}

quint16 ApiServer::port() const
{
    return d->tcp ? d->tcp->serverPort() : 0;
}

const ApiServerOptions &ApiServer::options() const
{
    return d->options;
}

QUrl ApiServer::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(d->options.bindAddress.toString());
    url.setPort(port());
    url.setPath(QLatin1String(webhookMount));
    return url;
}

int ApiServer::connectionCount() const
{
    return d->tcp ? d->tcp->connectionCount() : 0;
}

qint64 ApiServer::heldRequestBytes() const
{
    return d->tcp ? d->tcp->heldRequestBytes() : 0;
}

bool ApiServer::hostAccepted(const QByteArray &host, const QHostAddress &localAddress, const QStringList &allowed)
{
    // host = name [":" port] | "[" IPv6 "]" [":" port]
    QByteArray name;
    QByteArray port;
    if (host.startsWith('[')) {
        const qsizetype close = host.indexOf(']');
        if (close < 0)
            return false;
        name = host.mid(1, close - 1);
        const QByteArray rest = host.mid(close + 1);
        if (!rest.isEmpty() && !rest.startsWith(':'))
            return false;
        port = rest.mid(1);
        if (rest.startsWith(':') && port.isEmpty())
            return false;
    } else {
        const qsizetype colon = host.indexOf(':');
        if (colon >= 0 && host.indexOf(':', colon + 1) >= 0)
            return false; // an IPv6 address must be in brackets
        name = colon < 0 ? host : host.left(colon);
        if (colon >= 0) {
            port = host.mid(colon + 1);
            if (port.isEmpty())
                return false;
        }
    }
    if (name.isEmpty() || port.size() > 5)
        return false;
    for (const char c : port)
        if (c < '0' || c > '9')
            return false;
    const QString text = QString::fromLatin1(name).toLower();
    if (text == QLatin1String("localhost"))
        return true;
    for (const QString &allowedName : allowed)
        if (text.compare(allowedName, Qt::CaseInsensitive) == 0)
            return true;
    // An IP literal: loopback or the address this connection came in on (a literal cannot be
    // rebound by DNS). Only dotted quads and IPv6: QHostAddress would also take "2130706433".
    bool literal = host.startsWith('[');
    if (!literal) {
        literal = !name.isEmpty();
        for (const char c : name)
            literal = literal && ((c >= '0' && c <= '9') || c == '.');
        literal = literal && name.count('.') == 3;
    }
    if (!literal)
        return false;
    const QHostAddress address(text);
    if (address.isNull())
        return false;
    return address.isLoopback() || (!localAddress.isNull() && address.isEqual(localAddress));
}

void ApiServer::setApiKey(const QByteArray &apiKey)
{
    d->apiKey = apiKey;
}

bool ApiServer::keysEqual(const QByteArray &a, const QByteArray &b)
{
    const QByteArray ha = QCryptographicHash::hash(a, QCryptographicHash::Sha256);
    const QByteArray hb = QCryptographicHash::hash(b, QCryptographicHash::Sha256);
    unsigned char diff = 0;
    for (qsizetype i = 0; i < ha.size(); ++i)
        diff |= static_cast<unsigned char>(ha.at(i) ^ hb.at(i));
    return diff == 0;
}

std::optional<HttpReply> ApiServer::Private::admit(const RequestHead &head, QTcpSocket *socket) const
{
    // Checked first: a page on another site that a browser sends here under a rebound name must
    // not even learn whether its guess at the key was right.
    const QByteArray host = head.value("host");
    if (!(head.minorVersion == 0 && !head.has("host"))
        && !ApiServer::hostAccepted(host, socket->localAddress(), options.allowedHosts))
        return HttpReply::message(421,
                                  QStringLiteral("The Host header names neither this machine (localhost, "
                                                 "127.0.0.0/8, ::1) nor a name the server was configured with."));
    if (!authorized(head.value("x-functions-key"), QUrlQuery(QUrl::fromEncoded(head.target).query())))
        return HttpReply::message(401,
                                  QStringLiteral("A valid API key is required (query parameter 'code' "
                                                 "or header 'x-functions-key')."));
    return std::nullopt;
}

bool ApiServer::Private::authorized(const QByteArray &header, const QUrlQuery &query) const
{
    if (apiKey.isEmpty())
        return false; // a server without a key refuses everything rather than allowing everything
    const QByteArray code = query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded).toUtf8();
    // Evaluate both so the answer time does not depend on which one was sent.
    const bool headerOk = !header.isEmpty() && keysEqual(header, apiKey);
    const bool codeOk = !code.isEmpty() && keysEqual(code, apiKey);
    return headerOk || codeOk;
}

UrlContext ApiServer::Private::urlContext(const QHttpServerRequest &request, const Route &route,
                                          QTcpSocket *socket) const
{
    UrlContext urls;
    // The Host was accepted by admit() (a loopback or configured name), so the URLs below, which
    // may carry the key, only ever point back at this server.
    const QByteArray host = request.value("host");
    if (!host.isEmpty()) {
        urls.origin = QStringLiteral("http://") + QString::fromLatin1(host);
    } else {
        const QHostAddress local = socket->localAddress();
        const QString address = local.protocol() == QAbstractSocket::IPv6Protocol
            ? QLatin1Char('[') + local.toString() + QLatin1Char(']')
            : local.toString();
        urls.origin = QStringLiteral("http://%1:%2").arg(address).arg(socket->localPort());
    }
    urls.mount = route.mount;
    const QueryParams params(request.query());
    for (const char *name : { "taskHub", "connection", "code" }) {
        const QString key = QLatin1String(name);
        if (params.contains(key))
            urls.common.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(params.value(key))));
    }
    return urls;
}

void ApiServer::Private::dispatch(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QElapsedTimer timer;
    timer.start();
    const QByteArray method = methodName(request.method());
    const QString path = loggedPath(request.url());
    // The request object lives as long as its socket (Qt deletes it with the socket); the socket
    // may go away while the engine works, so the answer checks it before writing.
    const QPointer<QTcpSocket> guard(socket);
    const QHttpServerRequest *requestPtr = &request;
    auto respond = [this, guard, requestPtr, method, path, timer](const HttpReply &reply) {
        if (!guard || guard->state() != QAbstractSocket::ConnectedState) {
            Q_EMIT q->requestAbandoned(QString::fromLatin1(method), path, timer.elapsed());
            return;
        }
        QHttpServerResponse response(reply.contentType, reply.body,
                                     static_cast<QHttpServerResponder::StatusCode>(reply.status));
        for (const auto &[name, value] : reply.headers)
            response.addHeader(name, value);
        response.write(Frontend::responderFor(*requestPtr, guard.data()));
        GuardedTcpServer::answerWritten(guard.data());
        Q_EMIT q->requestHandled(QString::fromLatin1(method), path, reply.status, timer.elapsed());
    };

    if (!authorized(request.value("x-functions-key"), request.query()))
        return respond(HttpReply::message(401,
                                          QStringLiteral("A valid API key is required (query parameter 'code' "
                                                         "or header 'x-functions-key').")));
    if (request.body().size() > options.maxBodyBytes)
        return respond(HttpReply::message(
            413, QStringLiteral("The request body exceeds the maximum of %1 bytes.").arg(options.maxBodyBytes)));

    const QUrl url = request.url();
    ApiRequest apiRequest;
    apiRequest.method = method;
    apiRequest.route = routeRequest(method, url.path(QUrl::FullyEncoded));
    if (apiRequest.route.endpoint == Endpoint::None)
        return respond(HttpReply::empty(404));
    apiRequest.query = QueryParams(request.query());
    apiRequest.contentType = request.value("content-type");
    apiRequest.continuation = request.value("x-ms-continuation-token");
    apiRequest.body = request.body();
    apiRequest.urls = urlContext(request, apiRequest.route, socket);
    const QString query = url.query(QUrl::FullyEncoded);
    apiRequest.requestUrl = apiRequest.urls.origin + url.path(QUrl::FullyEncoded)
        + (query.isEmpty() ? QString() : QLatin1Char('?') + query);
    handlers.handle(apiRequest, respond);
}

} // namespace durable::http
