// The built-in `http` and `delay` activities, called from a JavaScript orchestrator, against a
// local QHttpServer on 127.0.0.1.
#include "builtinactivities.h"
#include "scriptfixture.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>

using namespace durable;

class TestBuiltins : public QObject {
    Q_OBJECT

private:
    /// Waits while the test's event loop keeps serving HTTP requests.
    static InstanceInfo finishServing(testing::ScriptHub &hub, const QString &id)
    {
        InstanceInfo info;
        [&] { QTRY_VERIFY_WITH_TIMEOUT(isTerminal((info = hub.status(id)).status), 15000); }();
        return info;
    }

private Q_SLOTS:
    void http()
    {
        QHttpServer server;
        QByteArray receivedBody;
        QByteArray receivedHeader;
        server.route(QStringLiteral("/echo"), [&](const QHttpServerRequest &request) {
            receivedBody = request.body();
            receivedHeader = request.value("x-test");
            QJsonObject reply { { QStringLiteral("method"),
                                  request.method() == QHttpServerRequest::Method::Post ? QStringLiteral("POST")
                                                                                       : QStringLiteral("other") },
                                { QStringLiteral("length"), request.body().size() } };
            return QHttpServerResponse(reply, QHttpServerResponder::StatusCode::Created);
        });
        server.route(QStringLiteral("/missing"), [] {
            return QHttpServerResponse(QByteArrayLiteral("text/plain"), QByteArrayLiteral("nope"),
                                       QHttpServerResponder::StatusCode::NotFound);
        });
        const quint16 port = server.listen(QHostAddress::LocalHost);
        QVERIFY(port != 0);
        // A port with nothing listening: bind one, note it, close it.
        quint16 closedPort = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            closedPort = probe.serverPort();
        }

        testing::ScriptHub hub;
        script::registerBuiltinActivities(hub.registry);
        QVERIFY(hub.loadCode(QStringLiteral("Http.js"), QStringLiteral(R"(
const df = require("durable-functions");
df.orchestrator("Http", function* (context) {
    const base = context.df.getInput();
    const posted = yield context.df.callActivity("http", {
        method: "POST", url: base.url + "/echo", headers: { "X-Test": "yes" }, body: { hello: "world" } });
    const missing = yield context.df.callActivity("http", { url: base.url + "/missing" });
    let refused = null;
    try {
        yield context.df.callActivity("http", { url: base.closed + "/", timeoutMs: 5000 });
    } catch (e) {
        refused = e.name;
    }
    let invalid = null;
    try {
        yield context.df.callActivity("http", { url: "not a url" });
    } catch (e) {
        invalid = e.name;
    }
    const waited = yield context.df.callActivity("delay", 20);
    return { posted: posted, missing: missing, refused: refused, invalid: invalid, waited: waited };
});
)")));
        QVERIFY(hub.open());
        const QJsonObject input { { QStringLiteral("url"), QStringLiteral("http://127.0.0.1:%1").arg(port) },
                                  { QStringLiteral("closed"), QStringLiteral("http://127.0.0.1:%1").arg(closedPort) } };
        const QString id = hub.start(QStringLiteral("Http"), input);
        const auto done = finishServing(hub, id);
        QCOMPARE(done.status, RuntimeStatus::Completed);
        const QJsonObject posted = done.output[QLatin1String("posted")].toObject();
        QCOMPARE(posted[QLatin1String("status")].toInt(), 201);
        QCOMPARE(posted[QLatin1String("json")][QLatin1String("method")].toString(), QStringLiteral("POST"));
        QVERIFY(posted[QLatin1String("headers")][QLatin1String("content-type")].toString().contains(u"json"_qs));
        QCOMPARE(QJsonDocument::fromJson(receivedBody).object()[QLatin1String("hello")].toString(), u"world"_qs);
        QCOMPARE(receivedHeader, QByteArrayLiteral("yes"));
        QCOMPARE(done.output[QLatin1String("missing")][QLatin1String("status")].toInt(), 404);
        QCOMPARE(done.output[QLatin1String("missing")][QLatin1String("body")].toString(), QStringLiteral("nope"));
        QCOMPARE(done.output[QLatin1String("refused")].toString(), QStringLiteral("HttpError"));
        QCOMPARE(done.output[QLatin1String("invalid")].toString(), QStringLiteral("HttpError"));
        QCOMPARE(done.output[QLatin1String("waited")].toInt(), 20);
    }

    void httpTimeout()
    {
        // A server that accepts the connection and never answers.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        testing::ScriptHub hub;
        script::registerBuiltinActivities(hub.registry);
        QVERIFY(hub.loadCode(QStringLiteral("Slow.js"), QStringLiteral(R"(
const df = require("durable-functions");
df.orchestrator("Slow", function* (context) {
    return yield context.df.callActivity("http", { url: context.df.getInput(), timeoutMs: 300 });
});
)")));
        QVERIFY(hub.open());
        const QString id
            = hub.start(QStringLiteral("Slow"), QStringLiteral("http://127.0.0.1:%1/").arg(silent.serverPort()));
        const auto done = finishServing(hub, id);
        QCOMPARE(done.status, RuntimeStatus::Failed);
        // The activity's failure escaped the orchestrator: its type heads the details.
        QVERIFY2(done.failure->errorDetails.startsWith(QLatin1String("HttpTimeout: ")),
                 qPrintable(done.failure->errorDetails));
        QVERIFY(done.failure->errorMessage.contains(QLatin1String("no response within 300 ms")));
    }
};

QTEST_GUILESS_MAIN(TestBuiltins)
#include "tst_builtins.moc"
