// Rejected requests (each followed by a check that the hub did not change), the body limit,
// listing with filters and continuation paging over 250 instances, and purge by filter.
#include "apifixture.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkReply>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace durable;
using Auth = ApiFixture::Auth;

class TestApiInput : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void rejected_data();
    void rejected();
    void rejectedEventIsNotDelivered();
    void oversizedUploadIsCutOff();
    void paging_data();
    void paging();
    void listFilters();
    void purgeByFilter();

private:
    QList<QJsonObject> listAll(const QUrlQuery &query, int *pages, bool *lastPageHadToken);
    std::unique_ptr<ApiFixture> f;
    QDateTime m_pagingStart;
};

void TestApiInput::initTestCase()
{
    f = std::make_unique<ApiFixture>(64 * 1024);
    QVERIFY2(f->error().isEmpty(), qPrintable(f->error()));
    // One running instance that the bad requests target, so "unchanged" covers a live one.
    const HttpResult started = f->send("POST", QStringLiteral("orchestrators/WaitForEvent/target"), {}, {});
    QCOMPARE(started.status, 202);
    QVERIFY(f->waitForStatus(QStringLiteral("target"), RuntimeStatus::Running));
}

void TestApiInput::cleanupTestCase()
{
    f.reset();
}

void TestApiInput::rejected_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("queryText");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message"); // part of the JSON Message; empty: empty body

    const QByteArray json = "application/json";
    QTest::newRow("malformed JSON input")
        << QByteArray("POST") << QStringLiteral("orchestrators/Chain/bad-1") << QString() << QByteArray("{\"a\":")
        << json << 400 << QStringLiteral("Invalid JSON");
    QTest::newRow("bare word input") << QByteArray("POST") << QStringLiteral("orchestrators/Chain/bad-2") << QString()
                                     << QByteArray("go") << json << 400 << QStringLiteral("Invalid JSON");
    QTest::newRow("unknown orchestrator") << QByteArray("POST") << QStringLiteral("orchestrators/NoSuchThing")
                                          << QString() << QByteArray() << json << 400 << QStringLiteral("NoSuchThing");
    QTest::newRow("id starting with @") << QByteArray("POST") << QStringLiteral("orchestrators/Chain/@bad") << QString()
                                        << QByteArray() << json << 400 << QStringLiteral("'@'");
    QTest::newRow("id with hash") << QByteArray("POST") << QStringLiteral("orchestrators/Chain/a%23b") << QString()
                                  << QByteArray() << json << 400 << QStringLiteral("'#'");
    QTest::newRow("id too long") << QByteArray("POST") << QStringLiteral("orchestrators/Chain/") + QString(257, u'x')
                                 << QString() << QByteArray() << json << 400 << QStringLiteral("256");
    QTest::newRow("body too large") << QByteArray("POST") << QStringLiteral("orchestrators/Chain/big") << QString()
                                    << QByteArray('"' + QByteArray(70 * 1024, 'x') + '"') << json << 413
                                    << QStringLiteral("65536");
    QTest::newRow("polling above timeout") << QByteArray("POST") << QStringLiteral("orchestrators/Chain/wait-bad")
                                           << QStringLiteral("timeout=1&pollingInterval=5") << QByteArray("\"go\"")
                                           << json << 400 << QStringLiteral("timeout");
    QTest::newRow("event as text/plain") << QByteArray("POST")
                                         << QStringLiteral("instances/target/raiseEvent/ApprovalEvent") << QString()
                                         << QByteArray("\"x\"") << QByteArray("text/plain") << 400
                                         << QStringLiteral("application/json");
    QTest::newRow("event malformed JSON")
        << QByteArray("POST") << QStringLiteral("instances/target/raiseEvent/ApprovalEvent") << QString()
        << QByteArray("{oops") << json << 400 << QStringLiteral("Invalid JSON");
    QTest::newRow("event too large") << QByteArray("POST")
                                     << QStringLiteral("instances/target/raiseEvent/ApprovalEvent") << QString()
                                     << QByteArray(70 * 1024, ' ') << json << 413 << QStringLiteral("65536");
    QTest::newRow("purge without createdTimeFrom")
        << QByteArray("DELETE") << QStringLiteral("instances") << QString() << QByteArray() << QByteArray() << 400
        << QStringLiteral("Please provide value for 'createdTimeFrom' parameter.");
    QTest::newRow("purge with bad createdTimeFrom")
        << QByteArray("DELETE") << QStringLiteral("instances") << QStringLiteral("createdTimeFrom=yesterday")
        << QByteArray() << QByteArray() << 400 << QStringLiteral("createdTimeFrom");
    QTest::newRow("restart unknown") << QByteArray("POST") << QStringLiteral("instances/nobody/restart") << QString()
                                     << QByteArray() << QByteArray() << 400
                                     << QStringLiteral("InstanceId does not match a valid orchestration instance.");
    QTest::newRow("purge running") << QByteArray("DELETE") << QStringLiteral("instances/target") << QString()
                                   << QByteArray() << QByteArray() << 410 << QStringLiteral("FailedPrecondition");
    QTest::newRow("unknown route") << QByteArray("GET") << QStringLiteral("whatever/else") << QString() << QByteArray()
                                   << QByteArray() << 404 << QString();
    QTest::newRow("outside the mounts") << QByteArray("GET") << QStringLiteral("/api/instances") << QString()
                                        << QByteArray() << QByteArray() << 404 << QString();
    QTest::newRow("wrong method") << QByteArray("PUT") << QStringLiteral("instances/target") << QString()
                                  << QByteArray() << QByteArray() << 404 << QString();
    QTest::newRow("GET on an operation") << QByteArray("GET") << QStringLiteral("instances/target/terminate")
                                         << QString() << QByteArray() << QByteArray() << 404 << QString();
    QTest::newRow("entity signal") << QByteArray("POST") << QStringLiteral("entities/Counter/one") << QString()
                                   << QByteArray("1") << json << 501 << QStringLiteral("entities");
    QTest::newRow("entity list") << QByteArray("GET") << QStringLiteral("/durabletask/entities") << QString()
                                 << QByteArray() << QByteArray() << 501 << QStringLiteral("entities");
    QTest::newRow("makeprimary") << QByteArray("POST") << QStringLiteral("makeprimary") << QString() << QByteArray()
                                 << QByteArray() << 501 << QStringLiteral("fail-over");
}

void TestApiInput::rejected()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QString, queryText);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(int, status);
    QFETCH(QString, message);
    const QStringList before = f->hubSnapshot();
    QVERIFY(!before.isEmpty());
    const HttpResult r = f->send(method, path, QUrlQuery(queryText), body, contentType);
    QCOMPARE(r.status, status);
    if (message.isEmpty()) {
        QVERIFY2(r.body.isEmpty(), r.body.constData());
    } else {
        QVERIFY(r.header("Content-Type").startsWith("application/json"));
        const QString text = r.json().toObject().value(QStringLiteral("Message")).toString();
        QVERIFY2(text.contains(message), qPrintable(text));
    }
    QCOMPARE(f->hubSnapshot(), before);
}

void TestApiInput::rejectedEventIsNotDelivered()
{
    const HttpResult started = f->send("POST", QStringLiteral("orchestrators/WaitForEvent/gate"), {}, {});
    QCOMPARE(started.status, 202);
    QVERIFY(f->waitForStatus(QStringLiteral("gate"), RuntimeStatus::Running));
    QCOMPARE(f->send("POST", QStringLiteral("instances/gate/raiseEvent/ApprovalEvent"), {}, "\"wrong\"", "text/plain")
                 .status,
             400);
    QCOMPARE(f->send("POST", QStringLiteral("instances/gate/raiseEvent/ApprovalEvent"), {}, "\"right\"").status, 202);
    QVERIFY(f->waitForStatus(QStringLiteral("gate"), RuntimeStatus::Completed));
    // Had the rejected event been delivered, it would have been the first one consumed.
    QCOMPARE(
        f->send("GET", QStringLiteral("instances/gate")).json().toObject().value(QStringLiteral("output")).toString(),
        QStringLiteral("right"));
}

void TestApiInput::oversizedUploadIsCutOff()
{
    // A request announcing 32 MiB against a 64 KiB limit, of which only 1 MiB is sent: the server
    // must answer 413 while the body is still incomplete, instead of waiting to buffer all of it.
    const QStringList before = f->hubSnapshot();
    // The server runs on this thread: wait with the event loop spinning, never with waitFor*().
    QTcpSocket socket;
    QByteArray answer;
    connect(&socket, &QTcpSocket::readyRead, this, [&] { answer += socket.readAll(); });
    socket.connectToHost(QHostAddress::LocalHost, f->server().port());
    QTRY_COMPARE(socket.state(), QAbstractSocket::ConnectedState);
    const QByteArray head = "POST /runtime/webhooks/durabletask/orchestrators/Chain/huge?code=" + ApiFixture::key
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
        + QByteArray::number(32 * 1024 * 1024) + "\r\n\r\n";
    socket.write(head);
    socket.write(QByteArray(1024 * 1024, ' '));
    QTRY_VERIFY_WITH_TIMEOUT(answer.contains("exceeds the maximum"), 10000);
    QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.left(200).constData());
    QVERIFY(answer.contains("exceeds the maximum of 65536 bytes"));
    QCOMPARE(f->send("GET", QStringLiteral("instances/target")).status, 202);
    QCOMPARE(f->hubSnapshot(), before);
}

QList<QJsonObject> TestApiInput::listAll(const QUrlQuery &query, int *pages, bool *lastPageHadToken)
{
    QList<QJsonObject> all;
    QByteArray token;
    *pages = 0;
    for (;;) {
        QList<QPair<QByteArray, QByteArray>> headers;
        if (!token.isEmpty())
            headers.append({ "x-ms-continuation-token", token });
        const HttpResult r = f->send("GET", QStringLiteral("instances"), query, {}, {}, Auth::Query, headers);
        // On the last page the token is empty or absent (an empty header value may not survive).
        if (r.status != 200 || *pages > 20) {
            qWarning("list page %d: %d %s", *pages, r.status, r.body.left(300).constData());
            return {};
        }
        ++*pages;
        const QJsonArray items = r.json().toArray();
        for (const auto &item : items)
            all.append(item.toObject());
        token = r.header("x-ms-continuation-token");
        if (token.isEmpty())
            return all;
        *lastPageHadToken = items.isEmpty();
    }
}

void TestApiInput::paging_data()
{
    QTest::addColumn<int>("top");
    QTest::addColumn<int>("pages");
    QTest::newRow("top 100") << 100 << 3;
    QTest::newRow("top 125, last page full") << 125 << 2;
    QTest::newRow("top 250, one full page") << 250 << 1;
    QTest::newRow("default top") << -1 << 3;
}

void TestApiInput::paging()
{
    QFETCH(int, top);
    QFETCH(int, pages);
    if (!m_pagingStart.isValid()) {
        m_pagingStart = QDateTime::currentDateTimeUtc().addSecs(-1);
        for (int i = 0; i < 250; ++i) {
            const HttpResult r
                = f->send("POST", QStringLiteral("orchestrators/Quick/page-%1").arg(i, 3, 10, QLatin1Char('0')), {},
                          QByteArray::number(i));
            QCOMPARE(r.status, 202);
        }
    }
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("instanceIdPrefix"), QStringLiteral("page-"));
    if (top > 0)
        query.addQueryItem(QStringLiteral("top"), QString::number(top));
    int pageCount = 0;
    bool emptyPageWithToken = false;
    const QList<QJsonObject> all = listAll(query, &pageCount, &emptyPageWithToken);
    QCOMPARE(all.size(), 250);
    QVERIFY2(!emptyPageWithToken, "a token led to an empty page");
    QCOMPARE(pageCount, pages);
    QSet<QString> ids;
    for (const QJsonObject &item : all) {
        ids.insert(item.value(QStringLiteral("instanceId")).toString());
        QVERIFY(!item.contains(QStringLiteral("historyEvents")));
        QVERIFY(item.contains(QStringLiteral("input")) && item.contains(QStringLiteral("output")));
    }
    QCOMPARE(ids.size(), 250);
}

void TestApiInput::listFilters()
{
    QVERIFY(f->waitForStatus(QStringLiteral("page-249"), RuntimeStatus::Completed));
    for (int i = 0; i < 250; ++i)
        QVERIFY(f->waitForStatus(QStringLiteral("page-%1").arg(i, 3, 10, QLatin1Char('0')), RuntimeStatus::Completed));
    int pages = 0;
    bool emptyPage = false;
    const auto completedOnly = listAll(
        QUrlQuery(QStringLiteral("instanceIdPrefix=page-1&runtimeStatus=Completed,Failed")), &pages, &emptyPage);
    QCOMPARE(completedOnly.size(), 100); // page-100 .. page-199
    const auto running
        = listAll(QUrlQuery(QStringLiteral("instanceIdPrefix=page-&runtimeStatus=Running")), &pages, &emptyPage);
    QCOMPARE(running.size(), 0);
    QCOMPARE(pages, 1);
    const auto repeated
        = listAll(QUrlQuery(QStringLiteral("runtimeStatus=Running&runtimeStatus=1&instanceIdPrefix=page-02")), &pages,
                  &emptyPage);
    QCOMPARE(repeated.size(), 10);
    const auto noInput
        = listAll(QUrlQuery(QStringLiteral("instanceIdPrefix=page-007&showInput=false")), &pages, &emptyPage);
    QCOMPARE(noInput.size(), 1);
    QVERIFY(noInput.first().value(QStringLiteral("input")).isNull());
    QCOMPARE(noInput.first().value(QStringLiteral("output")).toInt(), 7);
    const QString future = QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODate);
    const auto none
        = listAll(QUrlQuery(QStringLiteral("instanceIdPrefix=page-&createdTimeFrom=") + future), &pages, &emptyPage);
    QCOMPARE(none.size(), 0);
    const QString past = m_pagingStart.addSecs(-3600).toString(Qt::ISODate);
    const auto old
        = listAll(QUrlQuery(QStringLiteral("instanceIdPrefix=page-&createdTimeTo=") + past), &pages, &emptyPage);
    QCOMPARE(old.size(), 0);
    const auto inRange
        = listAll(QUrlQuery(QStringLiteral("instanceIdPrefix=page-&createdTimeFrom=")
                            + m_pagingStart.toString(Qt::ISODate) + QStringLiteral("&createdTimeTo=") + future),
                  &pages, &emptyPage);
    QCOMPARE(inRange.size(), 250);

    QList<QPair<QByteArray, QByteArray>> badToken { { "x-ms-continuation-token", "%%%not-a-token" } };
    QCOMPARE(f->send("GET", QStringLiteral("instances"), {}, {}, {}, Auth::Query, badToken).status, 400);
}

void TestApiInput::purgeByFilter()
{
    const QDateTime from = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < 5; ++i)
        QCOMPARE(f->send("POST", QStringLiteral("orchestrators/Quick/purge-%1").arg(i), {}, "1").status, 202);
    for (int i = 0; i < 5; ++i)
        QVERIFY(f->waitForStatus(QStringLiteral("purge-%1").arg(i), RuntimeStatus::Completed));
    const QStringList before = f->hubSnapshot();
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("createdTimeFrom"), from.toString(Qt::ISODateWithMs));
    query.addQueryItem(QStringLiteral("runtimeStatus"), QStringLiteral("Completed"));
    const HttpResult purged = f->send("DELETE", QStringLiteral("instances"), query);
    QCOMPARE(purged.status, 200);
    QCOMPARE(purged.json().toObject(), (QJsonObject { { QStringLiteral("instancesDeleted"), 5 } }));
    const QStringList after = f->hubSnapshot();
    QCOMPARE(after.size(), before.size() - 5);
    for (const QString &row : after)
        QVERIFY2(!row.startsWith(QLatin1String("purge-")), qPrintable(row));
    QCOMPARE(f->send("DELETE", QStringLiteral("instances"), query).status, 404); // nothing left to delete
    QVERIFY(f->hubSnapshot().contains(before.filter(QStringLiteral("target|")).value(0)));
}

QTEST_GUILESS_MAIN(TestApiInput)
#include "tst_apiinput.moc"
