// The parts of the HTTP API that need no engine: routing, parameter parsing, payload shapes,
// error mapping and key comparison.
#include "apiparams.h"
#include "apipayloads.h"
#include "apirouter.h"
#include "apiserver.h"
#include "httpreply.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace durable;
using namespace durable::http;

class TestRouter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void routes_data();
    void routes();
    void undecodablePaths_data();
    void undecodablePaths();
    void booleansAndIntegers_data();
    void booleansAndIntegers();
    void statuses_data();
    void statuses();
    void dates_data();
    void dates();
    void instanceIds_data();
    void instanceIds();
    void jsonBodies_data();
    void jsonBodies();
    void mediaTypes_data();
    void mediaTypes();
    void continuationRoundTrip();
    void errorMapping_data();
    void errorMapping();
    void statusPayloadShape();
    void checkStatusUris();
    void historyFolding();
    void keyComparison();
};

void TestRouter::routes_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("endpoint");
    QTest::addColumn<QString>("capture"); // function name, instance id or "id|event"

    const auto row = [](const char *name, const char *method, const char *path, Endpoint e, const char *capture = "") {
        QTest::newRow(name) << QByteArray(method) << QString::fromUtf8(path) << int(e) << QString::fromUtf8(capture);
    };
    row("start", "POST", "/runtime/webhooks/durabletask/orchestrators/FunctionChaining", Endpoint::StartOrchestration,
        "FunctionChaining");
    row("start with id", "POST", "/runtime/webhooks/durabletask/orchestrators/Approval/abc",
        Endpoint::StartOrchestration, "Approval|abc");
    row("start alias", "POST", "/durabletask/orchestrators/X/", Endpoint::StartOrchestration, "X");
    row("start wrong method", "GET", "/durabletask/orchestrators/X", Endpoint::None);
    row("literal case", "POST", "/Runtime/Webhooks/DurableTask/Orchestrators/X", Endpoint::StartOrchestration, "X");
    row("status", "GET", "/durabletask/instances/abc", Endpoint::GetStatus, "abc");
    row("status encoded", "GET", "/durabletask/instances/a%20b", Endpoint::GetStatus, "a b");
    row("status encoded slash", "GET", "/durabletask/instances/a%2Fb", Endpoint::GetStatus, "a/b");
    row("list", "GET", "/durabletask/instances", Endpoint::ListInstances);
    row("list slash", "GET", "/runtime/webhooks/durabletask/instances/", Endpoint::ListInstances);
    row("purge filter", "DELETE", "/durabletask/instances", Endpoint::PurgeByFilter);
    row("purge one", "DELETE", "/durabletask/instances/abc", Endpoint::PurgeInstance, "abc");
    row("raise", "POST", "/durabletask/instances/abc/raiseEvent/ApprovalEvent", Endpoint::RaiseEvent,
        "abc|ApprovalEvent");
    row("raise case", "POST", "/durabletask/instances/abc/RAISEEVENT/e", Endpoint::RaiseEvent, "abc|e");
    row("raise no name", "POST", "/durabletask/instances/abc/raiseEvent", Endpoint::None);
    row("terminate", "POST", "/durabletask/instances/abc/terminate", Endpoint::Terminate, "abc");
    row("terminate case", "POST", "/durabletask/instances/abc/Terminate", Endpoint::Terminate, "abc");
    row("terminate get", "GET", "/durabletask/instances/abc/terminate", Endpoint::None);
    row("suspend", "POST", "/durabletask/instances/abc/suspend", Endpoint::Suspend, "abc");
    row("resume", "POST", "/durabletask/instances/abc/resume", Endpoint::Resume, "abc");
    row("rewind", "POST", "/durabletask/instances/abc/rewind", Endpoint::Rewind, "abc");
    row("restart", "POST", "/durabletask/instances/abc/restart", Endpoint::Restart, "abc");
    row("unknown op", "POST", "/durabletask/instances/abc/explode", Endpoint::None);
    row("entities", "GET", "/durabletask/entities/Counter/k", Endpoint::Entities);
    row("entities list", "GET", "/durabletask/entities", Endpoint::Entities);
    row("makeprimary", "POST", "/durabletask/makeprimary", Endpoint::MakePrimary);
    row("other mount", "GET", "/api/instances", Endpoint::None);
    row("mount prefix only", "GET", "/durabletaskx/instances", Endpoint::None);
    row("bare mount", "GET", "/durabletask", Endpoint::None);
    row("too deep", "GET", "/durabletask/instances/a/b/c/d", Endpoint::None);
}

void TestRouter::routes()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(int, endpoint);
    QFETCH(QString, capture);
    const Route route = routeRequest(method, path);
    QCOMPARE(int(route.endpoint), endpoint);
    if (route.endpoint == Endpoint::None)
        return;
    QVERIFY(route.mount == QLatin1String(webhookMount) || route.mount == QLatin1String(rpcMount));
    QString actual;
    if (route.endpoint == Endpoint::StartOrchestration)
        actual = route.instanceId.isEmpty() ? route.functionName : route.functionName + u'|' + route.instanceId;
    else if (route.endpoint == Endpoint::RaiseEvent)
        actual = route.instanceId + u'|' + route.eventName;
    else
        actual = route.instanceId;
    QCOMPARE(actual, capture);
}

void TestRouter::booleansAndIntegers_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<bool>("flag");
    QTest::addColumn<int>("top"); // -1: not an int
    QTest::newRow("defaults") << QString() << true << -1;
    QTest::newRow("false") << QStringLiteral("showInput=false&top=5") << false << 5;
    QTest::newRow("case") << QStringLiteral("SHOWINPUT=FaLsE&Top=%2012%20") << false << 12;
    QTest::newRow("garbage") << QStringLiteral("showInput=no&top=ten") << true << -1;
    QTest::newRow("negative") << QStringLiteral("showInput=TRUE&top=-3") << true << -3;
}

void TestRouter::booleansAndIntegers()
{
    QFETCH(QString, query);
    QFETCH(bool, flag);
    QFETCH(int, top);
    const QueryParams params { QUrlQuery(query) };
    QCOMPARE(params.boolean(QStringLiteral("showInput"), true), flag);
    QCOMPARE(params.integer(QStringLiteral("top")).value_or(-1), top);
}

void TestRouter::statuses_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QList<int>>("expected");
    QTest::newRow("none") << QString() << QList<int> {};
    QTest::newRow("one") << QStringLiteral("runtimeStatus=Running") << QList<int> { 0 };
    QTest::newRow("comma") << QStringLiteral("runtimeStatus=Completed,Failed") << QList<int> { 1, 3 };
    QTest::newRow("repeated") << QStringLiteral("runtimeStatus=Pending&runtimeStatus=Suspended") << QList<int> { 6, 7 };
    QTest::newRow("numbers") << QStringLiteral("runtimeStatus=5,2") << QList<int> { 2, 5 };
    QTest::newRow("case sensitive names") << QStringLiteral("runtimeStatus=running,Completed") << QList<int> { 1 };
    QTest::newRow("invalid dropped") << QStringLiteral("runtimeStatus=Bogus,9,Terminated") << QList<int> { 5 };
}

void TestRouter::statuses()
{
    QFETCH(QString, query);
    QFETCH(QList<int>, expected);
    const auto set = QueryParams(QUrlQuery(query)).statuses(QStringLiteral("runtimeStatus"));
    QList<int> actual;
    for (auto s : set)
        actual.append(int(s));
    std::sort(actual.begin(), actual.end());
    QCOMPARE(actual, expected);
}

void TestRouter::dates_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("expected");
    const QDateTime base(QDate(2024, 1, 2), QTime(3, 4, 5), Qt::UTC);
    QTest::newRow("zulu") << QStringLiteral("2024-01-02T03:04:05Z") << base;
    QTest::newRow("no zone is utc") << QStringLiteral("2024-01-02T03:04:05") << base;
    QTest::newRow("offset") << QStringLiteral("2024-01-02T05:04:05+02:00") << base;
    QTest::newRow("offset plus as space") << QStringLiteral("2024-01-02T05:04:05 02:00") << base;
    QTest::newRow("millis") << QStringLiteral("2024-01-02T03:04:05.250Z") << base.addMSecs(250);
    QTest::newRow("date only") << QStringLiteral("2024-01-02") << QDateTime(QDate(2024, 1, 2), QTime(0, 0), Qt::UTC);
    QTest::newRow("garbage") << QStringLiteral("yesterday") << QDateTime();
    QTest::newRow("empty") << QString() << QDateTime();
}

void TestRouter::dates()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, expected);
    const QDateTime parsed = parseApiDateTime(text);
    QCOMPARE(parsed.isValid(), expected.isValid());
    if (expected.isValid())
        QCOMPARE(parsed.toMSecsSinceEpoch(), expected.toMSecsSinceEpoch());
    QCOMPARE(formatStatusTime(QDateTime(QDate(2024, 1, 2), QTime(3, 4, 5, 999), Qt::UTC)),
             QStringLiteral("2024-01-02T03:04:05Z"));
    QCOMPARE(formatHistoryTime(QDateTime(QDate(2024, 1, 2), QTime(3, 4, 5, 7), Qt::UTC)),
             QStringLiteral("2024-01-02T03:04:05.007Z"));
}

void TestRouter::instanceIds_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("valid");
    QTest::newRow("plain") << QStringLiteral("order-42") << true;
    QTest::newRow("spaces and unicode") << QStringLiteral("a b é") << true;
    QTest::newRow("max length") << QString(256, u'x') << true;
    QTest::newRow("too long") << QString(257, u'x') << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("at") << QStringLiteral("@entity") << false;
    QTest::newRow("slash") << QStringLiteral("a/b") << false;
    QTest::newRow("backslash") << QStringLiteral("a\\b") << false;
    QTest::newRow("hash") << QStringLiteral("a#b") << false;
    QTest::newRow("question") << QStringLiteral("a?b") << false;
    QTest::newRow("control") << QStringLiteral("a\tb") << false;
}

void TestRouter::instanceIds()
{
    QFETCH(QString, id);
    QFETCH(bool, valid);
    QCOMPARE(!instanceIdProblem(id).has_value(), valid);
}

void TestRouter::jsonBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QByteArray>("canonical");
    QTest::newRow("empty") << QByteArray() << true << QByteArray("null");
    QTest::newRow("whitespace") << QByteArray(" \n") << true << QByteArray("null");
    QTest::newRow("string") << QByteArray("\"go\"") << true << QByteArray("\"go\"");
    QTest::newRow("number") << QByteArray("5") << true << QByteArray("5");
    QTest::newRow("object") << QByteArray("{\"a\": [1, true]}") << true << QByteArray("{\"a\":[1,true]}");
    QTest::newRow("null") << QByteArray("null") << true << QByteArray("null");
    QTest::newRow("bare word") << QByteArray("go") << false << QByteArray();
    QTest::newRow("truncated") << QByteArray("{\"a\":") << false << QByteArray();
    QTest::newRow("two values") << QByteArray("1],[2") << false << QByteArray();
    QTest::newRow("trailing comma") << QByteArray("1,") << false << QByteArray();
}

void TestRouter::jsonBodies()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, ok);
    QFETCH(QByteArray, canonical);
    const auto parsed = parseJsonBody(body);
    QCOMPARE(parsed.has_value(), ok);
    if (ok)
        QCOMPARE(toJsonBytes(*parsed), canonical);
    else
        QVERIFY(parsed.error().startsWith(QLatin1String("Invalid JSON")));
}

void TestRouter::mediaTypes_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<bool>("json");
    QTest::newRow("plain") << QByteArray("application/json") << true;
    QTest::newRow("charset") << QByteArray("application/json; charset=utf-8") << true;
    QTest::newRow("case") << QByteArray("Application/JSON") << true;
    QTest::newRow("text") << QByteArray("text/plain") << false;
    QTest::newRow("missing") << QByteArray() << false;
    QTest::newRow("json suffix") << QByteArray("application/jsonx") << false;
}

void TestRouter::mediaTypes()
{
    QFETCH(QByteArray, contentType);
    QFETCH(bool, json);
    QCOMPARE(isJsonMediaType(contentType), json);
}

void TestRouter::continuationRoundTrip()
{
    const QString token = QStringLiteral("2024-01-01T00:00:00.000Z|id with spaces/ü");
    const QByteArray header = encodeContinuation(token);
    for (const char c : header)
        QVERIFY2(QChar::fromLatin1(c).isLetterOrNumber() || c == '-' || c == '_', header.constData());
    QCOMPARE(decodeContinuation(header).value_or(QString()), token);
    QCOMPARE(encodeContinuation(QString()), QByteArray());
    QCOMPARE(decodeContinuation(QByteArray()).value_or(QStringLiteral("x")), QString());
    QVERIFY(!decodeContinuation("not base64 !!").has_value());
}

void TestRouter::errorMapping_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("status");
    QTest::newRow("InvalidArgument") << int(ErrorCode::InvalidArgument) << 400;
    QTest::newRow("PayloadTooLarge") << int(ErrorCode::PayloadTooLarge) << 413;
    QTest::newRow("UnknownOrchestrator") << int(ErrorCode::UnknownOrchestrator) << 400;
    QTest::newRow("NotFound") << int(ErrorCode::NotFound) << 404;
    QTest::newRow("AlreadyExists") << int(ErrorCode::AlreadyExists) << 500;
    QTest::newRow("FailedPrecondition") << int(ErrorCode::FailedPrecondition) << 410;
    QTest::newRow("Storage") << int(ErrorCode::Storage) << 500;
    QTest::newRow("Busy") << int(ErrorCode::Busy) << 503;
    QTest::newRow("Corrupt") << int(ErrorCode::Corrupt) << 500;
    QTest::newRow("SchemaTooNew") << int(ErrorCode::SchemaTooNew) << 500;
    QTest::newRow("ReadOnly") << int(ErrorCode::ReadOnly) << 500;
    QTest::newRow("Shutdown") << int(ErrorCode::Shutdown) << 503;
}

void TestRouter::errorMapping()
{
    QFETCH(int, code);
    QFETCH(int, status);
    const auto errorCode = static_cast<ErrorCode>(code);
    QCOMPARE(httpStatusFor(errorCode), status);
    const HttpReply reply = errorReply(Error { errorCode, QStringLiteral("detail") });
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.contentType, QByteArray("application/json; charset=utf-8"));
    const QString message = QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("Message")).toString();
    QCOMPARE(message, errorCodeName(errorCode) + QStringLiteral(": detail"));
}

void TestRouter::statusPayloadShape()
{
    InstanceInfo info;
    info.instanceId = QStringLiteral("i1");
    info.name = QStringLiteral("Approval");
    info.status = RuntimeStatus::Failed;
    info.input = QJsonValue(QStringLiteral("in"));
    info.failure = FailureDetails { QStringLiteral("Boom"), QStringLiteral("it broke"), {}, false };
    info.createdAt = QDateTime(QDate(2024, 5, 6), QTime(7, 8, 9, 123), Qt::UTC);
    info.lastUpdatedAt = info.createdAt.addSecs(1);
    const QJsonObject payload = statusPayload(info, true);
    QCOMPARE(payload.keys(),
             (QStringList { QStringLiteral("createdTime"), QStringLiteral("customStatus"), QStringLiteral("input"),
                            QStringLiteral("instanceId"), QStringLiteral("lastUpdatedTime"), QStringLiteral("name"),
                            QStringLiteral("output"), QStringLiteral("runtimeStatus") }));
    QCOMPARE(payload.value(QStringLiteral("runtimeStatus")).toString(), QStringLiteral("Failed"));
    QCOMPARE(payload.value(QStringLiteral("createdTime")).toString(), QStringLiteral("2024-05-06T07:08:09Z"));
    QCOMPARE(payload.value(QStringLiteral("lastUpdatedTime")).toString(), QStringLiteral("2024-05-06T07:08:10Z"));
    QCOMPARE(payload.value(QStringLiteral("output")).toString(), QStringLiteral("it broke"));
    QVERIFY(payload.value(QStringLiteral("customStatus")).isNull());
    QCOMPARE(payload.value(QStringLiteral("input")).toString(), QStringLiteral("in"));
    QVERIFY(statusPayload(info, false).value(QStringLiteral("input")).isNull());
    QVERIFY(statusPayload(info, false).contains(QStringLiteral("input")));
}

void TestRouter::checkStatusUris()
{
    UrlContext urls;
    urls.origin = QStringLiteral("http://127.0.0.1:7071");
    urls.mount = QLatin1String(webhookMount);
    urls.common.addQueryItem(QStringLiteral("taskHub"), QStringLiteral("hub"));
    urls.common.addQueryItem(QStringLiteral("code"), QStringLiteral("k3y"));
    const QJsonObject p = checkStatusPayload(urls, QStringLiteral("a b"));
    const QString base = QStringLiteral("http://127.0.0.1:7071/runtime/webhooks/durabletask/instances/a%20b");
    const QString q = QStringLiteral("taskHub=hub&code=k3y");
    QCOMPARE(p.size(), 9);
    QCOMPARE(p.value(QStringLiteral("id")).toString(), QStringLiteral("a b"));
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

    UrlContext bare = urls;
    bare.common.clear();
    const QJsonObject b = checkStatusPayload(bare, QStringLiteral("x"), true);
    const QString bareBase = QStringLiteral("http://127.0.0.1:7071/runtime/webhooks/durabletask/instances/x");
    QCOMPARE(b.value(QStringLiteral("statusQueryGetUri")).toString(),
             bareBase + QStringLiteral("?returnInternalServerErrorOnFailure=true"));
    QCOMPARE(b.value(QStringLiteral("purgeHistoryDeleteUri")).toString(), bareBase);
    QCOMPARE(b.value(QStringLiteral("terminatePostUri")).toString(),
             bareBase + QStringLiteral("/terminate?reason={text}"));
}

void TestRouter::historyFolding()
{
    const QDateTime t0(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC);
    const auto ev = [&](qint64 seq, EventType type, int eventId, int taskId, const QString &name, QJsonObject data) {
        return HistoryEvent { seq, type, eventId, taskId, name, data, t0.addMSecs(seq * 10) };
    };
    const History history {
        ev(0, EventType::OrchestratorStarted, -1, -1, {}, {}),
        ev(1, EventType::ExecutionStarted, -1, -1, QStringLiteral("Chain"), { { QStringLiteral("input"), 1 } }),
        ev(2, EventType::TaskScheduled, 0, -1, QStringLiteral("F1"),
           { { QStringLiteral("input"), QStringLiteral("a") } }),
        ev(3, EventType::OrchestratorCompleted, -1, -1, {}, {}),
        ev(4, EventType::TaskCompleted, -1, 0, {}, { { QStringLiteral("result"), QStringLiteral("b") } }),
        ev(5, EventType::TaskScheduled, 1, -1, QStringLiteral("F2"),
           { { QStringLiteral("input"), QStringLiteral("b") } }),
    };
    const QJsonArray plain = historyEvents(history, true, false);
    QCOMPARE(plain.size(), 3);
    const QJsonObject started = plain.at(0).toObject();
    QCOMPARE(started.value(QStringLiteral("EventType")).toString(), QStringLiteral("ExecutionStarted"));
    QCOMPARE(started.value(QStringLiteral("FunctionName")).toString(), QStringLiteral("Chain"));
    QCOMPARE(started.value(QStringLiteral("Timestamp")).toString(), QStringLiteral("2024-01-01T00:00:00.010Z"));
    const QJsonObject completed = plain.at(1).toObject();
    QCOMPARE(completed.value(QStringLiteral("EventType")).toString(), QStringLiteral("TaskCompleted"));
    QCOMPARE(completed.value(QStringLiteral("FunctionName")).toString(), QStringLiteral("F1"));
    QCOMPARE(completed.value(QStringLiteral("ScheduledTime")).toString(), QStringLiteral("2024-01-01T00:00:00.020Z"));
    QCOMPARE(completed.value(QStringLiteral("Input")).toString(), QStringLiteral("a"));
    QVERIFY(!completed.contains(QStringLiteral("Result")));
    QVERIFY(!completed.contains(QStringLiteral("TaskScheduledId")));
    const QJsonObject pending = plain.at(2).toObject();
    QCOMPARE(pending.value(QStringLiteral("EventType")).toString(), QStringLiteral("TaskScheduled"));
    QCOMPARE(pending.value(QStringLiteral("Name")).toString(), QStringLiteral("F2"));

    const QJsonArray withOutput = historyEvents(history, false, true);
    QCOMPARE(withOutput.at(1).toObject().value(QStringLiteral("Result")).toString(), QStringLiteral("b"));
    QVERIFY(!withOutput.at(1).toObject().contains(QStringLiteral("Input")));
    QVERIFY(!withOutput.at(0).toObject().contains(QStringLiteral("Input")));
}

void TestRouter::keyComparison()
{
    QVERIFY(ApiServer::keysEqual("secret-key", "secret-key"));
    QVERIFY(!ApiServer::keysEqual("secret-key", "secret-kez"));
    QVERIFY(!ApiServer::keysEqual("secret-key", "secret-key-longer"));
    QVERIFY(!ApiServer::keysEqual("secret-key", QByteArray()));
}

void TestRouter::undecodablePaths_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("problem"); // empty: none
    QTest::addColumn<QString>("instanceId");
    const QString m = QStringLiteral("/runtime/webhooks/durabletask/");
    const QString utf8 = QStringLiteral("The instance id is not valid UTF-8 once percent-decoded.");
    const QString dots = QStringLiteral("The instance id must not be \".\" or \"..\".");
    QTest::newRow("valid utf-8") << QByteArray("GET") << m + QStringLiteral("instances/caf%C3%A9") << QString()
                                 << QStringLiteral("caf\u00e9");
    QTest::newRow("ff fe") << QByteArray("GET") << m + QStringLiteral("instances/%FF%FE") << utf8 << QString();
    QTest::newRow("lone continuation") << QByteArray("POST") << m + QStringLiteral("orchestrators/F/%80%81") << utf8
                                       << QString();
    QTest::newRow("overlong") << QByteArray("POST") << m + QStringLiteral("orchestrators/F/%C0%C1") << utf8
                              << QString();
    QTest::newRow("encoded surrogate") << QByteArray("GET") << m + QStringLiteral("instances/%ED%A0%80") << utf8
                                       << QString();
    QTest::newRow("bad event name") << QByteArray("POST") << m + QStringLiteral("instances/a/raiseEvent/%FF")
                                    << QStringLiteral("The request path is not valid UTF-8 once percent-decoded.")
                                    << QStringLiteral("a");
    QTest::newRow("dot") << QByteArray("GET") << m + QStringLiteral("instances/%2E") << dots << QStringLiteral(".");
    QTest::newRow("dot dot") << QByteArray("POST") << m + QStringLiteral("orchestrators/F/%2e%2e") << dots
                             << QStringLiteral("..");
    QTest::newRow("three dots") << QByteArray("GET") << m + QStringLiteral("instances/...") << QString()
                                << QStringLiteral("...");
    QTest::newRow("unrouted stays 404") << QByteArray("GET") << m + QStringLiteral("nowhere/%FF") << QString()
                                        << QString();
}

void TestRouter::undecodablePaths()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QString, problem);
    QFETCH(QString, instanceId);
    const Route route = routeRequest(method, path);
    QCOMPARE(route.problem, problem);
    if (problem.isEmpty() || !instanceId.isEmpty())
        QCOMPARE(route.instanceId, instanceId);
}

QTEST_GUILESS_MAIN(TestRouter)
#include "tst_router.moc"
