// The management API over a real socket against a real hub: every endpoint and status code of
// reference/http-api.md A.2, authentication and the request log.
#include "apifixture.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace durable;
using Auth = ApiFixture::Auth;

namespace {

const QRegularExpression statusTime(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$"));

QByteArray jsonText(const char *text)
{
    return QByteArray(text);
}

QUrlQuery query(std::initializer_list<std::pair<const char *, const char *>> items)
{
    QUrlQuery q;
    for (const auto &[k, v] : items)
        q.addQueryItem(QLatin1String(k), QString::fromUtf8(v));
    return q;
}

} // namespace

class TestApi : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void authentication_data();
    void authentication();
    void unauthenticatedStartChangesNothing();
    void startAndFollowLocation();
    void checkStatusPayloadUrls();
    void startWithIdAndDuplicates();
    void startAndWait_data();
    void startAndWait();
    void statusCodes();
    void statusHistory();
    void raiseEvent();
    void terminate();
    void suspendAndResume();
    void rewind();
    void restart();
    void purgeOne();
    void requestLogHidesKey();
    void requestLogHidesKeyInAnyCase();
    void clientGoneWhileWaiting();
    void nonLoopbackBindWarns();

private:
    QString startInstance(const char *name, const QByteArray &input, const QString &id = {});
    std::unique_ptr<ApiFixture> f;
};

void TestApi::initTestCase()
{
    f = std::make_unique<ApiFixture>();
    QVERIFY2(f->error().isEmpty(), qPrintable(f->error()));
}

void TestApi::cleanupTestCase()
{
    f.reset();
}

QString TestApi::startInstance(const char *name, const QByteArray &input, const QString &id)
{
    const QString path
        = QStringLiteral("orchestrators/") + QLatin1String(name) + (id.isEmpty() ? QString() : u'/' + id);
    const HttpResult r = f->send("POST", path, {}, input);
    if (r.status != 202)
        qWarning("start %s -> %d %s", name, r.status, r.body.constData());
    return r.status == 202 ? r.json().toObject().value(QStringLiteral("id")).toString() : QString();
}

void TestApi::authentication_data()
{
    QTest::addColumn<int>("auth"); // 0 none, 1 query, 2 header
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<int>("status");
    QTest::newRow("no key") << 0 << QByteArray() << 401;
    QTest::newRow("right key in query") << 1 << ApiFixture::key << 200;
    QTest::newRow("right key in header") << 2 << ApiFixture::key << 200;
    QTest::newRow("wrong key in query") << 1 << QByteArray("test-key-0123456789abcdefghijkm") << 401;
    QTest::newRow("wrong key in header") << 2 << QByteArray("nope") << 401;
    QTest::newRow("key prefix") << 1 << ApiFixture::key.left(10) << 401;
    QTest::newRow("empty code") << 1 << QByteArray() << 401;
}

void TestApi::authentication()
{
    QFETCH(int, auth);
    QFETCH(QByteArray, key);
    QFETCH(int, status);
    QUrl url(f->origin() + QStringLiteral("/runtime/webhooks/durabletask/instances"));
    QList<QPair<QByteArray, QByteArray>> headers;
    if (auth == 1)
        url.setQuery(QStringLiteral("code=") + QString::fromLatin1(key));
    else if (auth == 2)
        headers.append({ "x-functions-key", key });
    const HttpResult r = f->sendUrl("GET", url, {}, {}, headers);
    QCOMPARE(r.status, status);
    if (status == 401) {
        QVERIFY(r.json().toObject().value(QStringLiteral("Message")).toString().contains(QLatin1String("API key")));
        QVERIFY(!r.hasHeader("x-ms-continuation-token"));
    } else {
        QVERIFY(r.json().isArray());
    }
    // Unknown routes are not revealed without the key either.
    QUrl unknown(f->origin() + QStringLiteral("/no/such/route"));
    if (auth == 1)
        unknown.setQuery(QStringLiteral("code=") + QString::fromLatin1(key));
    QCOMPARE(f->sendUrl("GET", unknown, {}, {}, headers).status, status == 401 ? 401 : 404);
}

void TestApi::unauthenticatedStartChangesNothing()
{
    const QStringList before = f->hubSnapshot();
    QCOMPARE(f->send("POST", QStringLiteral("orchestrators/Chain/noauth"), {}, "\"go\"", "application/json", Auth::None)
                 .status,
             401);
    QCOMPARE(f->send("POST", QStringLiteral("orchestrators/Chain/noauth"), {}, "\"go\"", "application/json", Auth::None,
                     { { "x-functions-key", "wrong-key" } })
                 .status,
             401);
    QCOMPARE(f->send("DELETE", QStringLiteral("instances"), query({ { "createdTimeFrom", "2000-01-01T00:00:00Z" } }),
                     {}, {}, Auth::None)
                 .status,
             401);
    QCOMPARE(f->hubSnapshot(), before);
}

void TestApi::startAndFollowLocation()
{
    const HttpResult started = f->send("POST", QStringLiteral("orchestrators/Chain"), {}, jsonText("\"go\""));
    QCOMPARE(started.status, 202);
    QCOMPARE(started.header("Retry-After"), QByteArray("10"));
    QVERIFY(started.header("Content-Type").startsWith("application/json"));
    const QJsonObject payload = started.json().toObject();
    const QString id = payload.value(QStringLiteral("id")).toString();
    QVERIFY2(QRegularExpression(QStringLiteral("^[0-9a-f]{32}$")).match(id).hasMatch(), qPrintable(id));
    QCOMPARE(QString::fromUtf8(started.header("Location")),
             payload.value(QStringLiteral("statusQueryGetUri")).toString());

    // The curl/Logic Apps pattern: follow Location while 202, stop at 200.
    QUrl location(QString::fromUtf8(started.header("Location")));
    HttpResult status;
    QDeadlineTimer deadline(20000);
    do {
        status = f->sendUrl("GET", location);
        if (status.status == 202) {
            QCOMPARE(status.header("Retry-After"), QByteArray("5"));
            QCOMPARE(QUrl(QString::fromUtf8(status.header("Location"))), location);
            QTest::qWait(20);
        }
    } while (status.status == 202 && !deadline.hasExpired());
    QCOMPARE(status.status, 200);
    const QJsonObject done = status.json().toObject();
    QCOMPARE(done.value(QStringLiteral("output")).toString(), QStringLiteral("go>F1>F2>F3>F4"));
    QCOMPARE(done.value(QStringLiteral("runtimeStatus")).toString(), QStringLiteral("Completed"));
    QCOMPARE(done.value(QStringLiteral("name")).toString(), QStringLiteral("Chain"));
    QCOMPARE(done.value(QStringLiteral("instanceId")).toString(), id);
    QCOMPARE(done.value(QStringLiteral("input")).toString(), QStringLiteral("go"));
    QVERIFY(done.contains(QStringLiteral("customStatus")));
    QVERIFY(!done.contains(QStringLiteral("historyEvents")));
    QVERIFY(statusTime.match(done.value(QStringLiteral("createdTime")).toString()).hasMatch());
    QVERIFY(statusTime.match(done.value(QStringLiteral("lastUpdatedTime")).toString()).hasMatch());
}

void TestApi::checkStatusPayloadUrls()
{
    // Through the alias mount, with taskHub/connection echoed and the key in the header only.
    const HttpResult r = f->send("POST", QStringLiteral("/durabletask/orchestrators/Quick/urls-1"),
                                 query({ { "taskHub", "MyHub" }, { "connection", "Storage" } }), "1",
                                 "application/json", Auth::Header);
    QCOMPARE(r.status, 202);
    const QJsonObject p = r.json().toObject();
    const QString base = f->origin() + QStringLiteral("/durabletask/instances/urls-1");
    const QString q = QStringLiteral("taskHub=MyHub&connection=Storage");
    QCOMPARE(p.size(), 9);
    QCOMPARE(p.value(QStringLiteral("statusQueryGetUri")).toString(), base + u'?' + q);
    QCOMPARE(p.value(QStringLiteral("sendEventPostUri")).toString(),
             base + QStringLiteral("/raiseEvent/{eventName}?") + q);
    QCOMPARE(p.value(QStringLiteral("terminatePostUri")).toString(),
             base + QStringLiteral("/terminate?reason={text}&") + q);
    QCOMPARE(p.value(QStringLiteral("purgeHistoryDeleteUri")).toString(), base + u'?' + q);
    QCOMPARE(p.value(QStringLiteral("restartPostUri")).toString(), base + QStringLiteral("/restart?") + q);
    QCOMPARE(p.value(QStringLiteral("suspendPostUri")).toString(),
             base + QStringLiteral("/suspend?reason={text}&") + q);
    QCOMPARE(p.value(QStringLiteral("resumePostUri")).toString(), base + QStringLiteral("/resume?reason={text}&") + q);
    QCOMPARE(p.value(QStringLiteral("rewindPostUri")).toString(), base + QStringLiteral("/rewind?reason={text}&") + q);

    // With the key in the query, generated URLs carry it, so a client can follow them as they are.
    const HttpResult withCode = f->send("POST", QStringLiteral("orchestrators/Quick/urls-2"), {}, "2");
    QCOMPARE(withCode.status, 202);
    const QUrl statusUrl(withCode.json().toObject().value(QStringLiteral("statusQueryGetUri")).toString());
    QCOMPARE(QUrlQuery(statusUrl).queryItemValue(QStringLiteral("code")), QString::fromLatin1(ApiFixture::key));
    QVERIFY(f->waitForStatus(QStringLiteral("urls-2"), RuntimeStatus::Completed));
    QCOMPARE(f->sendUrl("GET", statusUrl).status, 200);
}

void TestApi::startWithIdAndDuplicates()
{
    QCOMPARE(startInstance("WaitForEvent", {}, QStringLiteral("dup-1")), QStringLiteral("dup-1"));
    QVERIFY(f->waitForStatus(QStringLiteral("dup-1"), RuntimeStatus::Running));
    const QStringList before = f->hubSnapshot();
    const HttpResult again = f->send("POST", QStringLiteral("orchestrators/WaitForEvent/dup-1"), {}, {});
    QCOMPARE(again.status, 500); // a running id cannot be overwritten (the handler answers 500)
    QVERIFY(
        again.json().toObject().value(QStringLiteral("Message")).toString().contains(QLatin1String("AlreadyExists")));
    QCOMPARE(f->hubSnapshot(), before);

    QCOMPARE(f->send("POST", QStringLiteral("instances/dup-1/terminate"), query({ { "reason", "done" } })).status, 202);
    QVERIFY(f->waitForStatus(QStringLiteral("dup-1"), RuntimeStatus::Terminated));
    // A finished instance is replaced by a new start with the same id.
    QCOMPARE(startInstance("Quick", "\"second\"", QStringLiteral("dup-1")), QStringLiteral("dup-1"));
    QVERIFY(f->waitForStatus(QStringLiteral("dup-1"), RuntimeStatus::Completed));
    const HttpResult status = f->send("GET", QStringLiteral("instances/dup-1"));
    QCOMPARE(status.json().toObject().value(QStringLiteral("output")).toString(), QStringLiteral("second"));
    QCOMPARE(status.json().toObject().value(QStringLiteral("name")).toString(), QStringLiteral("Quick"));
}

void TestApi::startAndWait_data()
{
    QTest::addColumn<QString>("orchestrator");
    QTest::addColumn<QString>("queryText");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("expected"); // body output, runtimeStatus, or "check-status"
    QTest::newRow("completes in time") << QStringLiteral("Chain") << QStringLiteral("timeout=20&pollingInterval=1")
                                       << 200 << QStringLiteral("output:go>F1>F2>F3>F4");
    QTest::newRow("still running") << QStringLiteral("WaitForEvent") << QStringLiteral("timeout=1&pollingInterval=1")
                                   << 202 << QStringLiteral("check-status");
    QTest::newRow("failed") << QStringLiteral("Fail") << QStringLiteral("timeout=20&pollingInterval=1") << 200
                            << QStringLiteral("status:Failed");
    QTest::newRow("failed as 500") << QStringLiteral(
        "Fail") << QStringLiteral("timeout=20&pollingInterval=1&returnInternalServerErrorOnFailure=true")
                                   << 500 << QStringLiteral("status:Failed");
    QTest::newRow("only timeout: no wait")
        << QStringLiteral("Chain") << QStringLiteral("timeout=20") << 202 << QStringLiteral("check-status");
}

void TestApi::startAndWait()
{
    QFETCH(QString, orchestrator);
    QFETCH(QString, queryText);
    QFETCH(int, status);
    QFETCH(QString, expected);
    const HttpResult r
        = f->send("POST", QStringLiteral("orchestrators/") + orchestrator, QUrlQuery(queryText), "\"go\"");
    QCOMPARE(r.status, status);
    if (expected.startsWith(QLatin1String("output:"))) {
        QCOMPARE(r.json().toString(), expected.mid(7));
    } else if (expected.startsWith(QLatin1String("status:"))) {
        const QJsonObject payload = r.json().toObject();
        QCOMPARE(payload.value(QStringLiteral("runtimeStatus")).toString(), expected.mid(7));
        QVERIFY(payload.value(QStringLiteral("output")).toString().contains(QLatin1String("it broke")));
    } else {
        QCOMPARE(r.json().toObject().size(), 9);
        QVERIFY(r.hasHeader("Location"));
        QCOMPARE(r.header("Retry-After"), QByteArray("10"));
    }
}

void TestApi::statusCodes()
{
    QCOMPARE(f->send("GET", QStringLiteral("instances/no-such-instance")).status, 404);

    const QString running = startInstance("WaitForEvent", "{\"who\":\"me\"}", QStringLiteral("codes-running"));
    QVERIFY(f->waitForStatus(running, RuntimeStatus::Running));
    const HttpResult r = f->send("GET", QStringLiteral("instances/codes-running"), query({ { "showInput", "false" } }));
    QCOMPARE(r.status, 202);
    QCOMPARE(r.header("Retry-After"), QByteArray("5"));
    QCOMPARE(QUrl(QString::fromUtf8(r.header("Location"))).path(),
             QStringLiteral("/runtime/webhooks/durabletask/instances/codes-running"));
    QVERIFY(r.json().toObject().contains(QStringLiteral("input")));
    QVERIFY(r.json().toObject().value(QStringLiteral("input")).isNull());
    const HttpResult withInput = f->send("GET", QStringLiteral("instances/codes-running"));
    QCOMPARE(
        withInput.json().toObject().value(QStringLiteral("input")).toObject().value(QStringLiteral("who")).toString(),
        QStringLiteral("me"));

    const QString failed = startInstance("Fail", {}, QStringLiteral("codes-failed"));
    QVERIFY(f->waitForStatus(failed, RuntimeStatus::Failed));
    QCOMPARE(f->send("GET", QStringLiteral("instances/codes-failed")).status, 200);
    QCOMPARE(f->send("GET", QStringLiteral("instances/codes-failed"),
                     query({ { "returnInternalServerErrorOnFailure", "true" } }))
                 .status,
             500);
    QCOMPARE(f->send("GET", QStringLiteral("instances/codes-failed"),
                     query({ { "returnInternalServerErrorOnFailure", "false" } }))
                 .status,
             200);
    QCOMPARE(f->send("POST", QStringLiteral("instances/codes-running/terminate")).status, 202);
}

void TestApi::statusHistory()
{
    const QString id = startInstance("Chain", "\"h\"", QStringLiteral("history-1"));
    QVERIFY(f->waitForStatus(id, RuntimeStatus::Completed));
    const HttpResult plain
        = f->send("GET", QStringLiteral("instances/history-1"), query({ { "showHistory", "true" } }));
    QCOMPARE(plain.status, 200);
    const QJsonArray events = plain.json().toObject().value(QStringLiteral("historyEvents")).toArray();
    QVERIFY(!events.isEmpty());
    QCOMPARE(events.first().toObject().value(QStringLiteral("EventType")).toString(),
             QStringLiteral("ExecutionStarted"));
    QCOMPARE(events.first().toObject().value(QStringLiteral("FunctionName")).toString(), QStringLiteral("Chain"));
    QCOMPARE(events.last().toObject().value(QStringLiteral("EventType")).toString(),
             QStringLiteral("ExecutionCompleted"));
    QCOMPARE(events.last().toObject().value(QStringLiteral("OrchestrationStatus")).toString(),
             QStringLiteral("Completed"));
    int completions = 0;
    for (const auto &e : events) {
        const QJsonObject o = e.toObject();
        const QString type = o.value(QStringLiteral("EventType")).toString();
        QVERIFY2(type != QLatin1String("OrchestratorStarted") && type != QLatin1String("TaskScheduled"),
                 qPrintable(type));
        QVERIFY(o.value(QStringLiteral("Timestamp")).toString().endsWith(u'Z'));
        if (type == QLatin1String("TaskCompleted")) {
            ++completions;
            QCOMPARE(o.value(QStringLiteral("FunctionName")).toString(), QStringLiteral("Append"));
            QVERIFY(o.contains(QStringLiteral("ScheduledTime")));
            QVERIFY(!o.contains(QStringLiteral("Result")));
        }
    }
    QCOMPARE(completions, 4);
    const HttpResult withOutput = f->send("GET", QStringLiteral("instances/history-1"),
                                          query({ { "showHistory", "true" }, { "showHistoryOutput", "true" } }));
    const QJsonArray outputs = withOutput.json().toObject().value(QStringLiteral("historyEvents")).toArray();
    QCOMPARE(outputs.last().toObject().value(QStringLiteral("Result")).toString(), QStringLiteral("h>F1>F2>F3>F4"));
}

void TestApi::raiseEvent()
{
    QCOMPARE(f->send("POST", QStringLiteral("instances/nobody/raiseEvent/ApprovalEvent"), {}, "true").status, 404);
    const QString id = startInstance("WaitForEvent", {}, QStringLiteral("raise-1"));
    QVERIFY(f->waitForStatus(id, RuntimeStatus::Running));
    const HttpResult raised = f->send("POST", QStringLiteral("instances/raise-1/raiseEvent/ApprovalEvent"), {},
                                      "{\"approved\":true}", "application/json; charset=utf-8");
    QCOMPARE(raised.status, 202);
    QVERIFY(raised.body.isEmpty());
    QVERIFY(f->waitForStatus(id, RuntimeStatus::Completed));
    const HttpResult status = f->send("GET", QStringLiteral("instances/raise-1"));
    QCOMPARE(
        status.json().toObject().value(QStringLiteral("output")).toObject().value(QStringLiteral("approved")).toBool(),
        true);
    QCOMPARE(f->send("POST", QStringLiteral("instances/raise-1/raiseEvent/ApprovalEvent"), {}, "true").status, 410);
}

void TestApi::terminate()
{
    QCOMPARE(f->send("POST", QStringLiteral("instances/nobody/terminate")).status, 404);
    const QString id = startInstance("WaitForEvent", {}, QStringLiteral("term-1"));
    QVERIFY(f->waitForStatus(id, RuntimeStatus::Running));
    const HttpResult r
        = f->send("POST", QStringLiteral("instances/term-1/terminate"), query({ { "reason", "user asked" } }));
    QCOMPARE(r.status, 202);
    QVERIFY(r.body.isEmpty());
    QVERIFY(f->waitForStatus(id, RuntimeStatus::Terminated));
    const QJsonObject status = f->send("GET", QStringLiteral("instances/term-1")).json().toObject();
    QCOMPARE(status.value(QStringLiteral("runtimeStatus")).toString(), QStringLiteral("Terminated"));
    QCOMPARE(status.value(QStringLiteral("output")).toString(), QStringLiteral("user asked"));
    QCOMPARE(f->send("POST", QStringLiteral("instances/term-1/terminate")).status, 410);
    QCOMPARE(f->send("POST", QStringLiteral("instances/term-1/suspend")).status, 410);
    QCOMPARE(f->send("POST", QStringLiteral("instances/term-1/resume")).status, 410);
}

void TestApi::suspendAndResume()
{
    QCOMPARE(f->send("POST", QStringLiteral("instances/nobody/suspend")).status, 404);
    QCOMPARE(f->send("POST", QStringLiteral("instances/nobody/resume")).status, 404);
    const QString id = startInstance("WaitForEvent", {}, QStringLiteral("susp-1"));
    QVERIFY(f->waitForStatus(id, RuntimeStatus::Running));
    QCOMPARE(f->send("POST", QStringLiteral("instances/susp-1/suspend"), query({ { "reason", "pause" } })).status, 202);
    QVERIFY(f->waitForStatus(id, RuntimeStatus::Suspended));
    const HttpResult suspended = f->send("GET", QStringLiteral("instances/susp-1"));
    QCOMPARE(suspended.status, 202);
    QCOMPARE(suspended.json().toObject().value(QStringLiteral("runtimeStatus")).toString(),
             QStringLiteral("Suspended"));
    // An event raised while suspended is held until resume.
    QCOMPARE(f->send("POST", QStringLiteral("instances/susp-1/raiseEvent/ApprovalEvent"), {}, "\"held\"").status, 202);
    // A batch after the one that stored the event: had the event been delivered, it would have run.
    QVERIFY(f->barrier());
    QCOMPARE(f->send("GET", QStringLiteral("instances/susp-1"))
                 .json()
                 .toObject()
                 .value(QStringLiteral("runtimeStatus"))
                 .toString(),
             QStringLiteral("Suspended"));
    QCOMPARE(f->send("POST", QStringLiteral("instances/susp-1/resume"), query({ { "reason", "go on" } })).status, 202);
    QVERIFY(f->waitForStatus(id, RuntimeStatus::Completed));
    QCOMPARE(
        f->send("GET", QStringLiteral("instances/susp-1")).json().toObject().value(QStringLiteral("output")).toString(),
        QStringLiteral("held"));
    QCOMPARE(f->send("POST", QStringLiteral("instances/susp-1/suspend")).status, 410);
}

void TestApi::rewind()
{
    QCOMPARE(f->send("POST", QStringLiteral("instances/nobody/rewind")).status, 404);
    ApiFixture::failuresLeft = 1;
    const QString id = startInstance("FailOnce", {}, QStringLiteral("rewind-1"));
    QVERIFY(f->waitForStatus(id, RuntimeStatus::Failed));
    QCOMPARE(f->send("POST", QStringLiteral("instances/rewind-1/rewind"), query({ { "reason", "fixed" } })).status,
             202);
    QVERIFY(f->waitForStatus(id, RuntimeStatus::Completed));
    QCOMPARE(f->send("GET", QStringLiteral("instances/rewind-1"))
                 .json()
                 .toObject()
                 .value(QStringLiteral("output"))
                 .toString(),
             QStringLiteral("recovered"));
    QCOMPARE(f->send("POST", QStringLiteral("instances/rewind-1/rewind")).status, 410); // completed

    const QString running = startInstance("WaitForEvent", {}, QStringLiteral("rewind-running"));
    QVERIFY(f->waitForStatus(running, RuntimeStatus::Running));
    const QStringList before = f->hubSnapshot();
    QCOMPARE(f->send("POST", QStringLiteral("instances/rewind-running/rewind")).status, 500);
    QCOMPARE(f->hubSnapshot(), before);
    QCOMPARE(f->send("POST", QStringLiteral("instances/rewind-running/terminate")).status, 202);
}

void TestApi::restart()
{
    QCOMPARE(f->send("POST", QStringLiteral("instances/nobody/restart")).status, 400);
    const QString id = startInstance("Chain", "\"r\"", QStringLiteral("restart-1"));
    QVERIFY(f->waitForStatus(id, RuntimeStatus::Completed));

    const HttpResult same = f->send("POST", QStringLiteral("instances/restart-1/restart"),
                                    query({ { "restartWithNewInstanceId", "false" } }));
    QCOMPARE(same.status, 202);
    QCOMPARE(same.json().toObject().value(QStringLiteral("id")).toString(), id);
    QCOMPARE(same.header("Retry-After"), QByteArray("10"));
    QVERIFY(f->waitForStatus(id, RuntimeStatus::Completed));

    const HttpResult fresh = f->send("POST", QStringLiteral("instances/restart-1/restart"),
                                     query({ { "timeout", "20" }, { "pollingInterval", "1" } }));
    QCOMPARE(fresh.status, 200); // waited, new id by default
    QCOMPARE(fresh.json().toString(), QStringLiteral("r>F1>F2>F3>F4"));
}

void TestApi::purgeOne()
{
    QCOMPARE(f->send("DELETE", QStringLiteral("instances/nobody")).status, 404);
    const QString id = startInstance("Quick", "5", QStringLiteral("purge-1"));
    QVERIFY(f->waitForStatus(id, RuntimeStatus::Completed));
    const HttpResult purged = f->send("DELETE", QStringLiteral("instances/purge-1"));
    QCOMPARE(purged.status, 200);
    QCOMPARE(purged.json().toObject(), (QJsonObject { { QStringLiteral("instancesDeleted"), 1 } }));
    QCOMPARE(f->send("GET", QStringLiteral("instances/purge-1")).status, 404);
    QCOMPARE(f->send("DELETE", QStringLiteral("instances/purge-1")).status, 404);
}

void TestApi::requestLogHidesKey()
{
    QSignalSpy spy(&f->server(), &http::ApiServer::requestHandled);
    QCOMPARE(f->send("GET", QStringLiteral("instances/nobody"), query({ { "showInput", "false" } })).status, 404);
    QCOMPARE(f->send("GET", QStringLiteral("instances"), {}, {}, {}, Auth::None).status, 401);
    QTRY_COMPARE(spy.count(), 2);
    QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("GET"));
    QCOMPARE(spy.at(0).at(1).toString(),
             QStringLiteral("/runtime/webhooks/durabletask/instances/nobody?showInput=false"));
    QCOMPARE(spy.at(0).at(2).toInt(), 404);
    QVERIFY(spy.at(0).at(3).toLongLong() >= 0);
    QCOMPARE(spy.at(1).at(2).toInt(), 401);
    for (const auto &entry : spy)
        QVERIFY(!entry.at(1).toString().contains(QString::fromLatin1(ApiFixture::key)));
}

void TestApi::requestLogHidesKeyInAnyCase()
{
    // Refused (the parameter is named `code`), but the valid key it carries must not be logged.
    QSignalSpy spy(&f->server(), &http::ApiServer::requestHandled);
    const QString key = QString::fromLatin1(ApiFixture::key);
    for (const char *name : { "Code", "CODE", "cOdE" }) {
        QUrlQuery q;
        q.addQueryItem(QString::fromLatin1(name), key);
        q.addQueryItem(QStringLiteral("showInput"), QStringLiteral("false"));
        QCOMPARE(f->send("GET", QStringLiteral("instances"), q, {}, {}, ApiFixture::Auth::None).status, 401);
    }
    QTRY_COMPARE(spy.count(), 3);
    for (const auto &entry : std::as_const(spy)) {
        QVERIFY2(!entry.at(1).toString().contains(key), qPrintable(entry.at(1).toString()));
        QVERIFY(entry.at(1).toString().endsWith(QStringLiteral("?showInput=false")));
    }
}

void TestApi::clientGoneWhileWaiting()
{
    // A waiting start whose client disconnects: the answer is dropped, nothing is written to a
    // dead socket, and the server keeps serving.
    QSignalSpy spy(&f->server(), &http::ApiServer::requestHandled);
    QSignalSpy abandoned(&f->server(), &http::ApiServer::requestAbandoned);
    QNetworkAccessManager nam;
    QUrl url(f->origin() + QStringLiteral("/runtime/webhooks/durabletask/orchestrators/WaitForEvent/gone-1"));
    url.setQuery(QStringLiteral("timeout=1&pollingInterval=1&code=") + QString::fromLatin1(ApiFixture::key));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    QNetworkReply *reply = nam.post(request, QByteArray("{}"));
    QVERIFY(f->waitForStatus(QStringLiteral("gone-1"), RuntimeStatus::Running));
    reply->abort();
    reply->deleteLater();
    // After the wait's timeout the answer is ready, for a closed socket: dropped, not written.
    QVERIFY(abandoned.wait(10000));
    QCOMPARE(abandoned.first().at(0).toString(), QStringLiteral("POST"));
    QCOMPARE(spy.count(), 0);
    QCOMPARE(f->send("GET", QStringLiteral("instances/gone-1")).status, 202);
    QCOMPARE(f->send("POST", QStringLiteral("instances/gone-1/terminate")).status, 202);
}

void TestApi::nonLoopbackBindWarns()
{
    http::ApiServerOptions options;
    options.bindAddress = QHostAddress(QHostAddress::AnyIPv4);
    http::ApiServer open(f->engine(), ApiFixture::key, options);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("not a loopback address")));
    QVERIFY(open.listen().has_value());

    // A port that is taken gives an error instead of a silent failure; loopback logs nothing.
    http::ApiServerOptions taken;
    taken.port = f->server().port();
    http::ApiServer second(f->engine(), ApiFixture::key, taken);
    const auto result = second.listen();
    QVERIFY(!result);
    QVERIFY2(result.error().contains(QString::number(taken.port)), qPrintable(result.error()));
}

QTEST_GUILESS_MAIN(TestApi)
#include "tst_api.moc"
