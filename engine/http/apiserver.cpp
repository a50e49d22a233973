#include "apiserver.h"

#include "apihandlers.h"

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

    /// A Host header is echoed into generated URLs only when it looks like host[:port].
    bool plausibleHost(const QByteArray &host)
    {
        if (host.isEmpty() || host.size() > 255)
            return false;
        for (const char c : host) {
            const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                || c == '-' || c == ':' || c == '[' || c == ']' || c == '_';
            if (!ok)
                return false;
        }
        return true;
    }

    /// Cuts off a request whose bytes exceed the body limit (plus room for the request line and
    /// headers) while it is still arriving. Qt 6.4's HttpServer buffers a whole request, of any size,
    /// before handing it over; without this a single client could make the process hold gigabytes.
    /// Our readyRead slot is connected before the server's, so it sees each chunk before the parser
    /// reads it; the count restarts with every dispatched request.
    class LimitedTcpServer final : public QTcpServer {
    public:
        static constexpr qint64 headerAllowance = 64 * 1024;
        static constexpr const char *counter = "durableRequestBytes";

        LimitedTcpServer(qint64 maxBodyBytes, QObject *parent)
            : QTcpServer(parent)
            , m_limit(maxBodyBytes + headerAllowance)
            , m_maxBodyBytes(maxBodyBytes)
        {
        }

    protected:
        // As QTcpServer's own, plus our slot: connected here, before the HTTP server sees the socket,
        // so it runs first on every readyRead.
        void incomingConnection(qintptr descriptor) override
        {
            auto *socket = new QTcpSocket(this);
            if (!socket->setSocketDescriptor(descriptor)) {
                delete socket;
                return;
            }
            connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { inspect(socket); });
            addPendingConnection(socket);
        }

    public:
        static void requestDispatched(QTcpSocket *socket) { socket->setProperty(counter, 0); }

    private:
        void inspect(QTcpSocket *socket) const
        {
            const qint64 seen = socket->property(counter).toLongLong() + socket->bytesAvailable();
            socket->setProperty(counter, seen);
            if (seen <= m_limit)
                return;
            // Stop the parser and stop reading (TCP back-pressure), answer 413, close.
            QObject::disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr);
            socket->setReadBufferSize(1);
            const HttpReply reply = HttpReply::message(
                413, QStringLiteral("The request body exceeds the maximum of %1 bytes.").arg(m_maxBodyBytes));
            socket->write("HTTP/1.1 413 Payload Too Large\r\nContent-Type: " + reply.contentType
                          + "\r\nContent-Length: " + QByteArray::number(reply.body.size())
                          + "\r\nConnection: close\r\n\r\n" + reply.body);
            socket->disconnectFromHost();
            qCInfo(lcHttpApi, "Closed a connection whose request exceeded %lld bytes.", m_limit);
        }

        const qint64 m_limit;
        const qint64 m_maxBodyBytes;
    };

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
    QTcpServer *tcp = nullptr;

    Private(ApiServer *owner, Client &c, const QByteArray &key, const ApiServerOptions &o)
        : q(owner)
        , client(c)
        , apiKey(key)
        , options(o)
        , handlers(c)
    {
    }

    void dispatch(const QHttpServerRequest &request, QTcpSocket *socket);
    bool authorized(const QHttpServerRequest &request) const;
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
    auto *tcp = new LimitedTcpServer(d->options.maxBodyBytes, d->frontend);
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

bool ApiServer::Private::authorized(const QHttpServerRequest &request) const
{
    if (apiKey.isEmpty())
        return false; // a server without a key refuses everything rather than allowing everything
    const QByteArray header = request.value("x-functions-key");
    const QUrlQuery query = request.query();
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
    const QByteArray host = request.value("host");
    if (plausibleHost(host)) {
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
    LimitedTcpServer::requestDispatched(socket);
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
        Q_EMIT q->requestHandled(QString::fromLatin1(method), path, reply.status, timer.elapsed());
    };

    if (!authorized(request))
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
