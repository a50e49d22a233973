#include "apifixture.h"

#include "orchestration.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace durable;

std::atomic<int> ApiFixture::failuresLeft { 0 };

namespace {

Task<QJsonValue> chain(OrchestrationContext &ctx)
{
    QJsonValue value = ctx.input();
    const QStringList steps { QStringLiteral("F1"), QStringLiteral("F2"), QStringLiteral("F3"), QStringLiteral("F4") };
    for (const QString &step : steps) {
        // Built before the co_await: GCC 12 cannot keep an initializer list alive across a suspension.
        QJsonObject request;
        request.insert(QStringLiteral("s"), value);
        request.insert(QStringLiteral("suffix"), step);
        value = co_await ctx.callActivity(QStringLiteral("Append"), request);
    }
    co_return value;
}

Task<QJsonValue> waitForEvent(OrchestrationContext &ctx)
{
    co_return co_await ctx.waitForExternalEvent(QStringLiteral("ApprovalEvent"));
}

Task<QJsonValue> failing(OrchestrationContext &ctx)
{
    co_return co_await ctx.callActivity(QStringLiteral("Boom"), ctx.input());
}

Task<QJsonValue> failOnce(OrchestrationContext &ctx)
{
    co_return co_await ctx.callActivity(QStringLiteral("Flaky"), ctx.input());
}

Task<QJsonValue> quick(OrchestrationContext &ctx)
{
    co_return ctx.input();
}

QJsonValue append(ActivityContext &, const QJsonValue &input)
{
    const QJsonObject o = input.toObject();
    return QString(o.value(QStringLiteral("s")).toString() + u'>' + o.value(QStringLiteral("suffix")).toString());
}

QJsonValue boom(ActivityContext &, const QJsonValue &)
{
    throw ActivityError(QStringLiteral("BoomError"), QStringLiteral("it broke"));
}

QJsonValue flaky(ActivityContext &, const QJsonValue &)
{
    if (ApiFixture::failuresLeft.fetch_sub(1) > 0)
        throw ActivityError(QStringLiteral("FlakyError"), QStringLiteral("not yet"));
    return QStringLiteral("recovered");
}

template<typename T>
T await(QFuture<T> future)
{
    future.waitForFinished();
    return future.result();
}

} // namespace

QByteArray HttpResult::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool HttpResult::hasHeader(const QByteArray &name) const
{
    for (const auto &pair : headers) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QJsonValue HttpResult::json() const
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson('[' + body + ']', &error);
    if (error.error != QJsonParseError::NoError || doc.array().size() != 1)
        return QJsonValue(QJsonValue::Undefined);
    return doc.array().first();
}

ApiFixture::ApiFixture(qint64 maxBodyBytes)
    : ApiFixture([maxBodyBytes] {
        http::ApiServerOptions o;
        o.maxBodyBytes = maxBodyBytes;
        return o;
    }())
{
}

ApiFixture::ApiFixture(const http::ApiServerOptions &serverOptions)
{
    m_registry.addActivity(QStringLiteral("Append"), append);
    m_registry.addActivity(QStringLiteral("Boom"), boom);
    m_registry.addActivity(QStringLiteral("Flaky"), flaky);
    m_registry.addOrchestrator(QStringLiteral("Chain"), chain);
    m_registry.addOrchestrator(QStringLiteral("WaitForEvent"), waitForEvent);
    m_registry.addOrchestrator(QStringLiteral("Fail"), failing);
    m_registry.addOrchestrator(QStringLiteral("FailOnce"), failOnce);
    m_registry.addOrchestrator(QStringLiteral("Quick"), quick);

    EngineOptions options;
    options.hubPath = m_dir.filePath(QStringLiteral("hub.sqlite"));
    options.sync = SyncMode::Normal;
    auto opened = Engine::open(options, m_registry);
    if (!opened) {
        m_error = QStringLiteral("Engine::open: ") + opened.error().message;
        return;
    }
    m_engine = std::move(*opened);
    m_server = std::make_unique<http::ApiServer>(*m_engine, key, serverOptions);
    if (const auto port = m_server->listen(); !port)
        m_error = port.error();
}

ApiFixture::~ApiFixture()
{
    m_server.reset();
    m_engine.reset();
}

QString ApiFixture::origin() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_server->port());
}

HttpResult ApiFixture::send(const QByteArray &method, const QString &path, const QUrlQuery &query,
                            const QByteArray &body, const QByteArray &contentType, Auth auth,
                            const QList<QPair<QByteArray, QByteArray>> &extraHeaders)
{
    QUrl url(origin());
    url.setPath(path.startsWith(QLatin1Char('/')) ? path : QStringLiteral("/runtime/webhooks/durabletask/") + path,
                QUrl::TolerantMode);
    QUrlQuery q = query;
    if (auth == Auth::Query)
        q.addQueryItem(QStringLiteral("code"), QString::fromLatin1(key));
    url.setQuery(q);
    auto headers = extraHeaders;
    if (auth == Auth::Header)
        headers.append({ "x-functions-key", key });
    return sendUrl(method, url, body, contentType, headers);
}

HttpResult ApiFixture::sendUrl(const QByteArray &method, const QUrl &url, const QByteArray &body,
                               const QByteArray &contentType, const QList<QPair<QByteArray, QByteArray>> &extraHeaders)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (!contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    for (const auto &[name, value] : extraHeaders)
        request.setRawHeader(name, value);
    QNetworkReply *reply = m_nam.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    HttpResult result;
    if (!reply->isFinished() && !finished.wait(30000)) {
        reply->abort();
        reply->deleteLater();
        return result;
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return result;
}

QStringList ApiFixture::hubSnapshot()
{
    QStringList rows;
    InstanceQuery query;
    query.pageSize = 1000;
    query.includeInputs = true;
    for (;;) {
        const auto page = await(m_engine->query(query));
        if (!page)
            return { QStringLiteral("query failed: ") + page.error().message };
        for (const InstanceInfo &info : page->instances) {
            rows.append(QStringList { info.instanceId, statusName(info.status),
                                      info.lastUpdatedAt.toString(Qt::ISODateWithMs),
                                      QString::fromUtf8(QJsonDocument(QJsonArray { info.output }).toJson()),
                                      QString::number(info.history ? info.history->size() : -1) }
                            .join(QLatin1Char('|')));
        }
        if (page->continuation.isEmpty())
            break;
        query.continuation = page->continuation;
    }
    rows.sort();
    return rows;
}

bool ApiFixture::barrier()
{
    const Status done
        = await(m_engine->raiseEvent(QStringLiteral("no-such-instance (barrier)"), QStringLiteral("barrier"), {}));
    return !done && done.error().code == ErrorCode::NotFound;
}

bool ApiFixture::waitForStatus(const QString &instanceId, RuntimeStatus status)
{
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired()) {
        const auto info = await(m_engine->status(instanceId, false, false));
        if (info && info->status == status)
            return true;
        QTest::qWait(20);
    }
    return false;
}
