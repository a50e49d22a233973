#include "builtinactivities.h"
#include "json.h"

#include <QEventLoop>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QThread>
#include <QThreadStorage>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace durable::script {

namespace {
    // One manager per activity thread, deleted with the thread.
    QThreadStorage<QNetworkAccessManager *> managers;

    QNetworkAccessManager &manager()
    {
        if (!managers.hasLocalData())
            managers.setLocalData(new QNetworkAccessManager);
        return *managers.localData();
    }

    [[noreturn]] void httpError(const QString &message)
    {
        throw ActivityError(QStringLiteral("HttpError"), message);
    }
} // namespace

QJsonValue httpActivity(ActivityContext &context, const QJsonValue &input)
{
    const QJsonObject request = input.isString() ? QJsonObject { { QStringLiteral("url"), input } } : input.toObject();
    const QUrl url(request.value(QStringLiteral("url")).toString(), QUrl::StrictMode);
    if (!url.isValid() || url.scheme().isEmpty() || url.host().isEmpty())
        httpError(
            QStringLiteral("not a valid absolute URL: '%1'").arg(request.value(QStringLiteral("url")).toString()));
    const QByteArray method
        = request.value(QStringLiteral("method")).toString(QStringLiteral("GET")).toUpper().toUtf8();
    const int timeoutMs = request.value(QStringLiteral("timeoutMs")).toInt(30000);

    QNetworkRequest networkRequest(url);
    QByteArray body;
    const QJsonValue bodyValue = request.value(QStringLiteral("body"));
    if (bodyValue.isString()) {
        body = bodyValue.toString().toUtf8();
    } else if (!bodyValue.isUndefined() && !bodyValue.isNull()) {
        body = json::toText(bodyValue);
        networkRequest.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    }
    const QJsonObject headers = request.value(QStringLiteral("headers")).toObject();
    for (auto it = headers.begin(); it != headers.end(); ++it)
        networkRequest.setRawHeader(it.key().toUtf8(), it.value().toVariant().toString().toUtf8());

    context.log(LogLevel::Debug, QStringLiteral("%1 %2").arg(QString::fromUtf8(method), url.toString()));
    const std::unique_ptr<QNetworkReply> reply(manager().sendCustomRequest(networkRequest, method, body));
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    timeout.start(qMax(1, timeoutMs));
    if (!reply->isFinished())
        loop.exec();
    if (!reply->isFinished()) {
        reply->abort();
        throw ActivityError(QStringLiteral("HttpTimeout"),
                            QStringLiteral("%1 %2: no response within %3 ms")
                                .arg(QString::fromUtf8(method), url.toString())
                                .arg(timeoutMs));
    }
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid()) // no HTTP response at all: refused, unknown host, TLS failure...
        httpError(QStringLiteral("%1 %2: %3").arg(QString::fromUtf8(method), url.toString(), reply->errorString()));

    QJsonObject responseHeaders;
    for (const auto &[name, value] : reply->rawHeaderPairs())
        responseHeaders.insert(QString::fromUtf8(name).toLower(), QString::fromUtf8(value));
    const QByteArray responseBody = reply->readAll();
    QJsonObject result { { QStringLiteral("status"), status.toInt() },
                         { QStringLiteral("headers"), responseHeaders },
                         { QStringLiteral("body"), QString::fromUtf8(responseBody) } };
    if (reply->header(QNetworkRequest::ContentTypeHeader).toString().contains(QLatin1String("json"))) {
        if (auto parsed = json::parse(responseBody))
            result.insert(QStringLiteral("json"), *parsed);
    }
    return result;
}

QJsonValue delayActivity(ActivityContext &, const QJsonValue &input)
{
    const qint64 ms = input.isObject() ? qint64(input[QLatin1String("ms")].toDouble()) : qint64(input.toDouble());
    if (ms < 0)
        throw ActivityError(QStringLiteral("InvalidArgument"), QStringLiteral("delay: negative duration"), {}, true);
    QThread::msleep(ulong(ms));
    return double(ms);
}

void registerBuiltinActivities(Registry &registry)
{
    registry.addActivity(QStringLiteral("http"), httpActivity,
                         QStringLiteral("HTTP request: {method, url, headers, body, timeoutMs} → {status, headers, "
                                        "body}"));
    registry.addActivity(QStringLiteral("delay"), delayActivity, QStringLiteral("Waits input milliseconds."));
}

} // namespace durable::script
