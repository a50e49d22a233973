// The server's guard over real sockets, with raw bytes: strict framing (D7), limits on heads,
// connections and time (D3), the key checked before a body is read, the Host check, and instance
// ids that are not valid UTF-8 or are dot segments (D8).
#include "apifixture.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <unistd.h>

using namespace durable;
using durable::http::ApiServer;
using durable::http::ApiServerOptions;

namespace {

const QByteArray mount = "/runtime/webhooks/durabletask/";

/// A client writing raw bytes; the server runs on this thread, so every wait spins the event loop.
class RawClient {
public:
    explicit RawClient(quint16 port)
    {
        QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [this] { received += socket.readAll(); });
        QObject::connect(&socket, &QTcpSocket::disconnected, &socket, [this] { closed = true; });
        socket.connectToHost(QHostAddress::LocalHost, port);
    }
    /// Over an already connected descriptor.
    explicit RawClient(int descriptor)
    {
        QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [this] { received += socket.readAll(); });
        QObject::connect(&socket, &QTcpSocket::disconnected, &socket, [this] { closed = true; });
        socket.setSocketDescriptor(descriptor);
    }
    bool waitConnected()
    {
        return QTest::qWaitFor([this] { return socket.state() == QAbstractSocket::ConnectedState || closed; }, 10000)
            && socket.state() == QAbstractSocket::ConnectedState;
    }
    /// Waits for one complete answer (head + Content-Length body) and removes it from `received`.
    QByteArray nextAnswer()
    {
        const QDeadlineTimer deadline(20000);
        while (!deadline.hasExpired()) {
            const qsizetype end = received.indexOf("\r\n\r\n");
            if (end >= 0) {
                const QByteArray head = received.left(end);
                qsizetype length = 0;
                for (const QByteArray &line : head.split('\n'))
                    if (line.toLower().startsWith("content-length:"))
                        length = line.mid(15).trimmed().toLongLong();
                if (received.size() >= end + 4 + length) {
                    const QByteArray answer = received.left(end + 4 + length);
                    received.remove(0, answer.size());
                    return answer;
                }
            }
            if (closed && socket.bytesAvailable() == 0)
                return {};
            QTest::qWait(5);
        }
        return {};
    }
    bool waitClosed(int ms = 20000)
    {
        return QTest::qWaitFor([this] { return closed; }, ms);
    }
    QTcpSocket socket;
    QByteArray received;
    bool closed = false;
};

int statusOf(const QByteArray &answer)
{
    return answer.startsWith("HTTP/1.1 ") ? answer.mid(9, 3).toInt() : 0;
}

QByteArray request(const QByteArray &method, const QByteArray &path, const QByteArray &extraHeaders = {},
                   const QByteArray &body = {}, bool withKey = true)
{
    QByteArray target = mount + path;
    if (withKey)
        target += (target.contains('?') ? "&code=" : "?code=") + ApiFixture::key;
    return method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extraHeaders + "\r\n" + body;
}

} // namespace

class TestApiGuard : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void badFraming_data();
    void badFraming();
    void framedRequestsStillWork();
    void oversizedHeadsAreCut();
    void keyIsCheckedBeforeTheBody();
    void slowHeadIsClosed();
    void idleConnectionIsClosed();
    void connectionCaps();
    void defaultCapsAllowManyKeepAliveClients();
    void acceptResumesAfterAnAcceptError();
    void acceptResumesAfterDescriptorsRunOut();
    void unknownMethodIsRefusedAtOnce();
    void hostAccepted_data();
    void hostAccepted();
    void foreignHostIsRefused();
    void configuredHostIsAccepted();
    void badInstanceIds_data();
    void badInstanceIds();

private:
    std::unique_ptr<ApiFixture> f;
};

void TestApiGuard::initTestCase()
{
    f = std::make_unique<ApiFixture>(64 * 1024);
    QVERIFY2(f->error().isEmpty(), qPrintable(f->error()));
}

void TestApiGuard::cleanupTestCase()
{
    f.reset();
}

void TestApiGuard::badFraming_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("hidden"); // an instance the bytes would start if misread

    const QByteArray hidden = request("POST", "orchestrators/Quick/%1", "Content-Length: 0\r\n");
    auto startWith = [&](const char *row, const QByteArray &framing, const QByteArray &body = {}) {
        const QString id = QStringLiteral("hidden-") + QString::fromLatin1(row).replace(u' ', u'-');
        QTest::newRow(row) << request("POST", "orchestrators/Quick/outer-" + id.toLatin1(), framing,
                                      body + QString::fromLatin1(hidden).arg(id).toLatin1())
                           << id;
    };
    // D7 as the probe found it: the body of a request with a bad length ran as a second request.
    startWith("length abc", "Content-Length: abc\r\n");
    startWith("length -1", "Content-Length: -1\r\n");
    startWith("length 1e3", "Content-Length: 1e3\r\n");
    startWith("length empty", "Content-Length:\r\n");
    startWith("conflicting lengths", "Content-Length: 0\r\nContent-Length: 200\r\n");
    startWith("length and chunked", "Content-Length: 0\r\nTransfer-Encoding: chunked\r\n");
    startWith("unknown coding", "Transfer-Encoding: identity\r\n");
    startWith("obs-fold", "X-A: a\r\n b\r\nContent-Length: 0\r\n");
    startWith("space before colon", "Content-Length : 0\r\n");
    startWith("header without colon", "Content-Length 0\r\n");
    startWith("nul in header", QByteArray("X-A: a") + '\0' + "\r\nContent-Length: 0\r\n");
    startWith("escape in header", "X-A: \x1b[31m\r\nContent-Length: 0\r\n");
    QTest::newRow("bad chunk size, close")
        << request("POST", "orchestrators/Quick/chunked-close", "Transfer-Encoding: chunked\r\nConnection: close\r\n",
                   "zz\r\n\"x\"\r\n0\r\n\r\n")
        << QStringLiteral("chunked-close");
    QTest::newRow("http/9.9")
        << request("POST", "orchestrators/Quick/v99", "Content-Length: 0\r\n").replace("HTTP/1.1", "HTTP/9.9")
        << QStringLiteral("v99");
    QTest::newRow("bare LF")
        << request("POST", "orchestrators/Quick/bare-lf", "Content-Length: 0\r\n").replace("\r\n", "\n")
        << QStringLiteral("bare-lf");
}

void TestApiGuard::badFraming()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, hidden);
    const QStringList before = f->hubSnapshot();
    QSignalSpy handled(&f->server(), &ApiServer::requestHandled);
    RawClient client(f->server().port());
    QVERIFY(client.waitConnected());
    client.socket.write(bytes);
    const QByteArray answer = client.nextAnswer();
    QVERIFY2(statusOf(answer) == 400, answer.left(300).constData());
    QVERIFY(answer.contains("\r\nConnection: close\r\n"));
    QVERIFY(client.waitClosed());
    // Nothing ran: neither the outer request nor one hidden in its body.
    QVERIFY(f->barrier());
    QCOMPARE(f->hubSnapshot(), before);
    QCOMPARE(f->send("GET", QStringLiteral("instances/") + hidden).status, 404);
    // One log line where the request line was readable (not with bare LF: the line never ended).
    QList<QList<QVariant>> refused;
    for (const auto &line : handled)
        if (line.at(2).toInt() == 400)
            refused.append(line);
    QCOMPARE(refused.size(), qstrcmp(QTest::currentDataTag(), "bare LF") == 0 ? 0 : 1);
    for (const auto &line : refused) {
        QCOMPARE(line.at(0).toString(), QStringLiteral("POST"));
        QVERIFY2(line.at(1).toString().startsWith(QStringLiteral("/runtime/webhooks/durabletask/orchestrators/")),
                 qPrintable(line.at(1).toString()));
        QVERIFY2(!line.at(1).toString().contains(QString::fromLatin1(ApiFixture::key)),
                 qPrintable(line.at(1).toString()));
    }
}

void TestApiGuard::framedRequestsStillWork()
{
    // Pipelined keep-alive requests, a chunked body and an exact Content-Length all still run.
    RawClient client(f->server().port());
    QVERIFY(client.waitConnected());
    client.socket.write(request("POST", "orchestrators/Quick/framed-1",
                                "Content-Type: application/json\r\n"
                                "Content-Length: 4\r\n",
                                "\"a\"\n")
                        + request("POST", "orchestrators/Quick/framed-2",
                                  "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n",
                                  "2\r\n\"b\r\n1\r\n\"\r\n0\r\n\r\n"));
    QCOMPARE(statusOf(client.nextAnswer()), 202);
    QCOMPARE(statusOf(client.nextAnswer()), 202);
    QVERIFY(f->waitForStatus(QStringLiteral("framed-1"), RuntimeStatus::Completed));
    QVERIFY(f->waitForStatus(QStringLiteral("framed-2"), RuntimeStatus::Completed));
    QCOMPARE(f->send("GET", QStringLiteral("instances/framed-2")).json().toObject().value(u"output").toString(),
             QStringLiteral("b"));
    QVERIFY(!client.closed);
}

void TestApiGuard::oversizedHeadsAreCut()
{
    // D3: keyless clients sending headers that never end. Each is answered 431 once its head
    // passes 16 KiB; the server never holds more than that per connection.
    constexpr int clients = 20;
    const int baseline = f->server().connectionCount(); // the fixture's own keep-alive client
    QSignalSpy handled(&f->server(), &ApiServer::requestHandled);
    std::vector<std::unique_ptr<RawClient>> all;
    for (int i = 0; i < clients; ++i) {
        all.push_back(std::make_unique<RawClient>(f->server().port()));
        QVERIFY(all.back()->waitConnected());
    }
    qint64 maxHeld = 0;
    QTimer sampler;
    connect(&sampler, &QTimer::timeout, this, [&] { maxHeld = std::max(maxHeld, f->server().heldRequestBytes()); });
    sampler.start(1);
    const QByteArray filler = "X-Filler: " + QByteArray(1000, 'a') + "\r\n";
    for (auto &client : all) {
        client->socket.write("GET " + mount + "instances HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (int i = 0; i < 256; ++i) // 256 KB each, 5 MB in all
            client->socket.write(filler);
    }
    for (auto &client : all) {
        const QByteArray answer = client->nextAnswer();
        QVERIFY2(statusOf(answer) == 431, answer.left(200).constData());
        QVERIFY(client->waitClosed());
    }
    QTRY_VERIFY(f->server().connectionCount() <= baseline); // all 20 gone
    QVERIFY2(maxHeld <= clients * f->server().options().maxHeadBytes, QByteArray::number(maxHeld).constData());
    QTRY_COMPARE(handled.size(), clients); // logged: the request line was known
    QCOMPARE(handled.first().at(2).toInt(), 431);
}

void TestApiGuard::keyIsCheckedBeforeTheBody()
{
    // A keyless request announcing 3 MB (under the 4 MiB limit) is refused on its head: 401
    // arrives although the body is never sent.
    ApiFixture big(4 * 1024 * 1024);
    QVERIFY2(big.error().isEmpty(), qPrintable(big.error()));
    RawClient client(big.server().port());
    QVERIFY(client.waitConnected());
    client.socket.write(
        request("POST", "orchestrators/Quick/keyless", "Content-Length: 3000000\r\n", QByteArray(1000, ' '), false));
    const QByteArray answer = client.nextAnswer();
    QVERIFY2(statusOf(answer) == 401, answer.left(200).constData());
    QVERIFY(answer.contains("\r\nConnection: close\r\n"));
    QVERIFY(client.waitClosed());
}

void TestApiGuard::slowHeadIsClosed()
{
    ApiServerOptions options;
    options.headerTimeoutMs = 300;
    ApiFixture slow(options);
    QVERIFY2(slow.error().isEmpty(), qPrintable(slow.error()));
    RawClient client(slow.server().port());
    QVERIFY(client.waitConnected());
    client.socket.write("GET " + mount + "instances HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    // A slowloris: one more header line now and then, never the blank line.
    QTimer trickle;
    connect(&trickle, &QTimer::timeout, this, [&] {
        if (client.socket.state() == QAbstractSocket::ConnectedState)
            client.socket.write("X-More: 1\r\n");
    });
    trickle.start(50);
    const QByteArray answer = client.nextAnswer();
    QVERIFY2(statusOf(answer) == 408, answer.left(200).constData());
    QVERIFY(client.waitClosed());
    QTRY_COMPARE(slow.server().connectionCount(), 0);
}

void TestApiGuard::idleConnectionIsClosed()
{
    ApiServerOptions options;
    options.idleTimeoutMs = 2000; // from accept: a loaded machine may take a while to send
    ApiFixture idle(options);
    QVERIFY2(idle.error().isEmpty(), qPrintable(idle.error()));
    RawClient silent(idle.server().port()); // connects and never sends anything
    RawClient client(idle.server().port());
    QVERIFY(silent.waitConnected());
    QVERIFY(client.waitConnected());
    client.socket.write(request("GET", "instances"));
    QCOMPARE(statusOf(client.nextAnswer()), 200);
    QVERIFY(client.waitClosed());
    QVERIFY(silent.waitClosed());
    QTRY_COMPARE(idle.server().connectionCount(), 0);
}

void TestApiGuard::connectionCaps()
{
    ApiServerOptions options;
    options.maxConnectionsPerAddress = 4;
    options.maxConnections = 6;
    ApiFixture capped(options);
    QVERIFY2(capped.error().isEmpty(), qPrintable(capped.error()));
    std::vector<std::unique_ptr<RawClient>> open;
    for (int i = 0; i < 4; ++i) {
        open.push_back(std::make_unique<RawClient>(capped.server().port()));
        QVERIFY(open.back()->waitConnected());
        open.back()->socket.write(request("GET", "instances"));
        QCOMPARE(statusOf(open.back()->nextAnswer()), 200);
    }
    QCOMPARE(capped.server().connectionCount(), 4);
    RawClient excess(capped.server().port());
    excess.socket.write(request("GET", "instances"));
    const QByteArray refused = excess.nextAnswer();
    QVERIFY2(statusOf(refused) == 503, refused.left(200).constData());
    QVERIFY(excess.waitClosed());
    // The existing connections keep working.
    for (auto &client : open) {
        client->socket.write(request("GET", "instances"));
        QCOMPARE(statusOf(client->nextAnswer()), 200);
        QVERIFY(!client->closed);
    }
    QCOMPARE(capped.server().connectionCount(), 4);
    // Once one closes, a new one is accepted.
    open.front()->socket.disconnectFromHost();
    QTRY_COMPARE(capped.server().connectionCount(), 3);
    RawClient next(capped.server().port());
    QVERIFY(next.waitConnected());
    next.socket.write(request("GET", "instances"));
    QCOMPARE(statusOf(next.nextAnswer()), 200);
}

void TestApiGuard::defaultCapsAllowManyKeepAliveClients()
{
    // A load suite runs 32 keep-alive clients; the defaults leave room for at least 64.
    std::vector<std::unique_ptr<RawClient>> open;
    for (int i = 0; i < 64; ++i) {
        open.push_back(std::make_unique<RawClient>(f->server().port()));
        QVERIFY(open.back()->waitConnected());
    }
    for (auto &client : open)
        client->socket.write(request("GET", "instances?top=1"));
    for (auto &client : open)
        QCOMPARE(statusOf(client->nextAnswer()), 200);
    QVERIFY(f->server().connectionCount() >= 64);
    for (auto &client : open)
        QVERIFY(!client->closed);
}

namespace {
QStringList acceptWarnings;
void captureMessages(QtMsgType, const QMessageLogContext &, const QString &message)
{
    if (message.contains(QLatin1String("Cannot accept connections")))
        acceptWarnings.append(message);
}
} // namespace

void TestApiGuard::acceptResumesAfterAnAcceptError()
{
    // What QTcpServer does when accept() fails with EMFILE: it pauses accepting for good and emits
    // acceptError. The real exhaustion is acceptResumesAfterDescriptorsRunOut (opt-in).
    ApiFixture fresh(64 * 1024);
    QVERIFY2(fresh.error().isEmpty(), qPrintable(fresh.error()));
    auto *tcp = fresh.server().findChild<QTcpServer *>();
    QVERIFY(tcp);
    tcp->pauseAccepting();
    Q_EMIT tcp->acceptError(QAbstractSocket::SocketResourceError);
    RawClient client(fresh.server().port());
    QVERIFY(client.waitConnected());
    client.socket.write(request("GET", "instances?top=1"));
    const QByteArray answer = client.nextAnswer();
    QVERIFY2(statusOf(answer) == 200, answer.left(200).constData());
}

void TestApiGuard::unknownMethodIsRefusedAtOnce()
{
    // A method the API does not serve is refused with 501 as soon as its bytes cannot begin a
    // served one. It used to hold its connection (and a place under the per-address cap) for the
    // whole header timeout, and reached the router when its head was complete.
    ApiServerOptions options;
    options.maxConnectionsPerAddress = 4;
    ApiFixture capped(options);
    QVERIFY2(capped.error().isEmpty(), qPrintable(capped.error()));
    for (int i = 0; i < 8; ++i) {
        RawClient client(capped.server().port());
        QVERIFY(client.waitConnected());
        client.socket.write("FOO / HTTP/1.1\r\n"); // the head is never finished
        const QByteArray answer = client.nextAnswer();
        QVERIFY2(statusOf(answer) == 501, answer.left(200).constData());
        QVERIFY(client.waitClosed());
    }
    QTRY_COMPARE(capped.server().connectionCount(), 0);
    RawClient client(capped.server().port());
    QVERIFY(client.waitConnected());
    client.socket.write(request("GET", "instances?top=1"));
    const QByteArray answer = client.nextAnswer();
    QVERIFY2(statusOf(answer) == 200, answer.left(200).constData());
}

void TestApiGuard::acceptResumesAfterDescriptorsRunOut()
{
    // Opt-in: exhausting descriptors process-wide for a moment also hits the engine's and Qt's
    // threads (an SQLite temporary file, a thread's wakeup descriptor), which is not this test's
    // subject and once crashed the suite.
    if (qEnvironmentVariableIsEmpty("DURABLE_TEST_EMFILE"))
        QSKIP("set DURABLE_TEST_EMFILE=1 to exhaust this process's file descriptors for real");
    // QTcpServer stops accepting for good when accept() fails with EMFILE: after one flood the
    // API stayed deaf. The clients connect (the kernel queues them) while this process has no file
    // descriptor left; once some are free again they must be served.
    // Sockets of earlier tests must be gone first: one closing later would free a descriptor.
    QTRY_VERIFY(f->server().connectionCount() < 8);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    ApiFixture fresh(64 * 1024);
    QVERIFY2(fresh.error().isEmpty(), qPrintable(fresh.error()));
    // Plain blocking connects: the kernel completes them without the server (this thread) running.
    std::vector<int> descriptors;
    for (int i = 0; i < 3; ++i) {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        QVERIFY(fd >= 0);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_port = htons(fresh.server().port());
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address), 0);
        descriptors.push_back(fd);
    }
    rlimit saved {};
    QCOMPARE(getrlimit(RLIMIT_NOFILE, &saved), 0);
    rlimit low = saved;
    low.rlim_cur = std::min<rlim_t>(saved.rlim_cur, 4096);
    QCOMPARE(setrlimit(RLIMIT_NOFILE, &low), 0);
    std::vector<int> fillers;
    const auto fill = [&fillers] {
        for (;;) {
            const int fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
            if (fd < 0)
                return;
            fillers.push_back(fd);
        }
    };
    fill();
    acceptWarnings.clear();
    const QtMessageHandler previous = qInstallMessageHandler(captureMessages);
    const bool failed = QTest::qWaitFor(
        [&] {
            fill(); // take any descriptor something else freed meanwhile
            return !acceptWarnings.isEmpty();
        },
        10000);
    qInstallMessageHandler(previous);
    for (const int fd : fillers)
        ::close(fd);
    setrlimit(RLIMIT_NOFILE, &saved);
    QVERIFY2(failed, "accept() never failed: the test did not exhaust the descriptors");
    std::vector<std::unique_ptr<RawClient>> clients;
    for (const int fd : descriptors)
        clients.push_back(std::make_unique<RawClient>(fd));
    for (auto &client : clients) {
        QVERIFY(client->waitConnected());
        client->socket.write(request("GET", "instances?top=1"));
        const QByteArray answer = client->nextAnswer();
        QVERIFY2(statusOf(answer) == 200, answer.left(200).constData());
    }
}

void TestApiGuard::hostAccepted_data()
{
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<bool>("accepted");
    for (const char *ok : { "localhost", "LocalHost:7071", "127.0.0.1", "127.0.0.1:80", "127.45.6.7:1", "[::1]",
                            "[::1]:7071", "10.1.2.3:7071" /* the local address given below */, "workbench.lan:80" })
        QTest::newRow(ok) << QByteArray(ok) << true;
    for (const char *bad : { "", "evil.example.com", "evil.example.com:7071", "localhost.evil.com", "127.0.0.1.nip.io",
                             "2130706433", "127.1", "0x7f.0.0.1", "::1", "[::1", "[::1]x",
                             "localhost:", "localhost:abc", "localhost:123456", "10.1.2.4", "[::2]", "user@localhost" })
        QTest::newRow(bad) << QByteArray(bad) << false;
}

void TestApiGuard::hostAccepted()
{
    QFETCH(QByteArray, host);
    QFETCH(bool, accepted);
    QCOMPARE(
        ApiServer::hostAccepted(host, QHostAddress(QStringLiteral("10.1.2.3")), { QStringLiteral("Workbench.lan") }),
        accepted);
}

void TestApiGuard::foreignHostIsRefused()
{
    // The probe: a request with the key and `Host: evil.example.com` got 202 and a Location with
    // the attacker's host and the key.
    const QStringList before = f->hubSnapshot();
    QSignalSpy handled(&f->server(), &ApiServer::requestHandled);
    RawClient client(f->server().port());
    QVERIFY(client.waitConnected());
    client.socket.write(request("POST", "orchestrators/Quick/rebound", "Content-Length: 0\r\n")
                            .replace("Host: 127.0.0.1", "Host: evil.example.com"));
    const QByteArray answer = client.nextAnswer();
    QVERIFY2(statusOf(answer) == 421, answer.left(300).constData());
    QVERIFY(!answer.contains("evil.example.com"));
    QVERIFY(!answer.contains(ApiFixture::key));
    QVERIFY(client.waitClosed());
    QVERIFY(f->barrier());
    QCOMPARE(f->hubSnapshot(), before);
    QTRY_COMPARE(handled.size(), 1);
    QCOMPARE(handled.first().at(2).toInt(), 421);
}

void TestApiGuard::configuredHostIsAccepted()
{
    ApiServerOptions options;
    options.allowedHosts = { QStringLiteral("workbench.lan") };
    ApiFixture named(options);
    QVERIFY2(named.error().isEmpty(), qPrintable(named.error()));
    RawClient client(named.server().port());
    QVERIFY(client.waitConnected());
    client.socket.write(request("POST", "orchestrators/Quick/named", "Content-Length: 0\r\n")
                            .replace("Host: 127.0.0.1", "Host: workbench.lan:8080"));
    const QByteArray answer = client.nextAnswer();
    QVERIFY2(statusOf(answer) == 202, answer.left(300).constData());
    QVERIFY(answer.contains("Location: http://workbench.lan:8080/runtime/webhooks/durabletask/instances/named"));
}

void TestApiGuard::badInstanceIds_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QString>("message");
    const QString utf8 = QStringLiteral("not valid UTF-8");
    const QString dots = QStringLiteral("The instance id must not be");
    for (const char *id : { "%FF%FE", "%80%81", "%C0%C1", "ok%ED%A0%80" }) {
        QTest::addRow("start %s", id) << QByteArray("POST") << "orchestrators/Quick/" + QByteArray(id) << utf8;
        QTest::addRow("status %s", id) << QByteArray("GET") << "instances/" + QByteArray(id) << utf8;
    }
    QTest::newRow("event name") << QByteArray("POST") << QByteArray("instances/x/raiseEvent/%FF")
                                << QStringLiteral("path is not valid UTF-8");
    for (const char *id : { "%2E", "%2E%2E", "%2e%2E" })
        QTest::addRow("start %s", id) << QByteArray("POST") << "orchestrators/Quick/" + QByteArray(id) << dots;
    QTest::newRow("status ..") << QByteArray("GET") << QByteArray("instances/%2E%2E") << dots;
    QTest::newRow("terminate .") << QByteArray("POST") << QByteArray("instances/%2E/terminate") << dots;
}

void TestApiGuard::badInstanceIds()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(QString, message);
    const QStringList before = f->hubSnapshot();
    RawClient client(f->server().port());
    QVERIFY(client.waitConnected());
    client.socket.write(request(method, path, "Content-Length: 0\r\n"));
    const QByteArray answer = client.nextAnswer();
    QVERIFY2(statusOf(answer) == 400, answer.left(300).constData());
    QVERIFY2(QString::fromUtf8(answer).contains(message), answer.constData());
    QVERIFY(f->barrier());
    QCOMPARE(f->hubSnapshot(), before);
    // The engine itself refuses what the API refuses, for the GUI and the sidecar.
    Client::StartOptions start;
    for (const QString &id : { QStringLiteral(".."), QString(QChar(QChar::ReplacementCharacter)) }) {
        start.instanceId = id;
        auto started = f->engine().start(QStringLiteral("Quick"), {}, start);
        started.waitForFinished();
        QVERIFY(!started.result());
        QCOMPARE(started.result().error().code, ErrorCode::InvalidArgument);
    }
}

QTEST_MAIN(TestApiGuard)
#include "tst_apiguard.moc"
