// The real binary in --headless mode: started as a child process, driven over HTTP, stopped with
// SIGTERM; then the hub is reopened to check that it is consistent.
#include "apikey.h"
#include "engine.h"
#include "secretstore.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>
#include <sys/stat.h>

using namespace durable;

namespace {

struct Answer {
    int status = 0;
    QByteArray body;
    QByteArray location;
    QJsonObject object() const { return QJsonDocument::fromJson(body).object(); }
};

} // namespace

class TestHeadless : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void drivenOverHttpAndStoppedBySigterm();
    void keychainKeyIsUsed();
    void refusesWithoutKeychainOrKeyFile();
    void badKeyFileRefusedAtStartUp_data();
    void badKeyFileRefusedAtStartUp();
    void portInUse();
    void requestLogIsLiteral();
    void backgroundErrorsReachStderrOnce();
    void badCommandLine_data();
    void badCommandLine();

private:
    bool startBinary(const QStringList &extraArguments,
                     const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
    Answer call(const QByteArray &method, const QUrl &url, const QByteArray &body = {});
    QUrl url(const QString &path, const QString &query = {}) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_process;
    QNetworkAccessManager m_nam;
    QString m_base; // http://127.0.0.1:port/runtime/webhooks/durabletask/
    QByteArray m_key;
    QByteArray m_stderr; ///< what a failed start printed
    std::function<void()> m_processSetup; ///< runs in the child before exec (limits)
};

void TestHeadless::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_base.clear();
    m_key.clear();
    m_stderr.clear();
    m_processSetup = {};
}

void TestHeadless::cleanup()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
    m_process.reset();
}

bool TestHeadless::startBinary(const QStringList &extraArguments, const QProcessEnvironment &env)
{
    m_process = std::make_unique<QProcess>();
    m_process->setProcessEnvironment(env);
    if (m_processSetup)
        m_process->setChildProcessModifier(m_processSetup);
    QStringList arguments { QStringLiteral("--headless"), QStringLiteral("--hub"),
                            m_dir->filePath(QStringLiteral("hub.sqlite")), QStringLiteral("--http-port"),
                            QStringLiteral("0") };
    m_process->start(QStringLiteral(DURABLE_WORKBENCH_BINARY), arguments + extraArguments);
    if (!m_process->waitForStarted(10000))
        return false;
    // The base URL line says the server is listening.
    const QRegularExpression baseLine(QStringLiteral("HTTP API: (http://127\\.0\\.0\\.1:\\d+/\\S+/)"));
    QByteArray out;
    QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired() && m_process->state() == QProcess::Running) {
        m_process->waitForReadyRead(200);
        out += m_process->readAllStandardOutput();
        if (const auto match = baseLine.match(QString::fromUtf8(out)); match.hasMatch()) {
            m_base = match.captured(1);
            return true;
        }
    }
    m_stderr = m_process->readAllStandardError();
    qWarning("no base URL; stdout: %s stderr: %s", out.constData(), m_stderr.constData());
    return false;
}

QUrl TestHeadless::url(const QString &path, const QString &query) const
{
    QUrl u(m_base + path);
    u.setQuery(QStringLiteral("code=") + QString::fromLatin1(m_key) + (query.isEmpty() ? QString() : u'&' + query));
    return u;
}

Answer TestHeadless::call(const QByteArray &method, const QUrl &target, const QByteArray &body)
{
    QNetworkRequest request(target);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    QNetworkReply *reply = m_nam.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    Answer answer;
    if (reply->isFinished() || finished.wait(30000)) {
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.body = reply->readAll();
        answer.location = reply->rawHeader("Location");
    }
    reply->deleteLater();
    return answer;
}

void TestHeadless::drivenOverHttpAndStoppedBySigterm()
{
    const QString keyFile = m_dir->filePath(QStringLiteral("api.key"));
    QVERIFY(startBinary({ QStringLiteral("--http-key-file"), keyFile }));
    QCOMPARE(QFile::permissions(keyFile), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser);
    m_key = http::ApiKeys::readOrCreateKeyFile(keyFile).value_or(QByteArray());
    QCOMPARE(m_key.size(), 43);

    // FunctionChaining: follow Location while 202.
    Answer started = call("POST", url(QStringLiteral("orchestrators/FunctionChaining/chain-1")), "\"go\"");
    QCOMPARE(started.status, 202);
    Answer status;
    QTRY_VERIFY_WITH_TIMEOUT((status = call("GET", QUrl(QString::fromUtf8(started.location)))).status != 202, 20000);
    QCOMPARE(status.status, 200);
    QCOMPARE(status.object().value(QStringLiteral("output")).toString(), QStringLiteral("go>F1>F2>F3>F4"));

    // Approval: raise the event, wait for the result.
    QCOMPARE(call("POST", url(QStringLiteral("orchestrators/Approval/approval-1")), "{}").status, 202);
    QCOMPARE(call("POST", url(QStringLiteral("instances/approval-1/raiseEvent/ApprovalEvent")), "true").status, 202);
    const Answer approved = call(
        "POST", url(QStringLiteral("orchestrators/FanOutFanIn/fan-1"), QStringLiteral("timeout=20&pollingInterval=1")),
        "4");
    QCOMPARE(approved.status, 200);
    QCOMPARE(approved.body, QByteArray("30")); // 1+4+9+16
    QTRY_COMPARE_WITH_TIMEOUT(
        call("GET", url(QStringLiteral("instances/approval-1"))).object().value(QStringLiteral("output")).toString(),
        QStringLiteral("approved"), 10000);

    // Terminate a waiting approval, then leave one running across the shutdown.
    QCOMPARE(call("POST", url(QStringLiteral("orchestrators/Approval/approval-2")), "{}").status, 202);
    QCOMPARE(
        call("POST", url(QStringLiteral("instances/approval-2/terminate"), QStringLiteral("reason=no")), {}).status,
        202);
    QCOMPARE(call("POST", url(QStringLiteral("orchestrators/Approval/approval-3")), "{}").status, 202);
    QTRY_COMPARE_WITH_TIMEOUT(call("GET", url(QStringLiteral("instances/approval-2")))
                                  .object()
                                  .value(QStringLiteral("runtimeStatus"))
                                  .toString(),
                              QStringLiteral("Terminated"), 10000);
    QCOMPARE(call("GET", url(QStringLiteral("instances"))).status, 200);

    m_process->terminate(); // SIGTERM
    QVERIFY(m_process->waitForFinished(30000));
    QCOMPARE(m_process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_process->exitCode(), 0);
    const QString out = QString::fromUtf8(m_process->readAllStandardOutput());
    QVERIFY2(out.contains(QLatin1String("Stopped.")), qPrintable(out));
    QVERIFY2(!out.contains(QString::fromLatin1(m_key)), "the key must not be printed");
    QVERIFY2(out.contains(QLatin1String("/instances/approval-2/terminate?reason=no 202")), qPrintable(out));

    // The hub opens cleanly and holds what the API reported.
    Registry registry;
    EngineOptions options;
    options.hubPath = m_dir->filePath(QStringLiteral("hub.sqlite"));
    options.runWorkers = false;
    auto engine = Engine::open(options, registry);
    QVERIFY2(engine.has_value(), engine ? "" : qPrintable(engine.error().message));
    const auto expect = [&](const char *id, RuntimeStatus expected, const QJsonValue &output) {
        auto future = (*engine)->status(QLatin1String(id), false, true);
        future.waitForFinished();
        const auto info = future.result();
        QVERIFY2(info, id);
        QCOMPARE(statusName(info->status), statusName(expected));
        if (!output.isUndefined())
            QCOMPARE(info->output, output);
    };
    expect("chain-1", RuntimeStatus::Completed, QStringLiteral("go>F1>F2>F3>F4"));
    expect("approval-1", RuntimeStatus::Completed, QStringLiteral("approved"));
    expect("fan-1", RuntimeStatus::Completed, 30);
    expect("approval-2", RuntimeStatus::Terminated, QStringLiteral("no"));
    expect("approval-3", RuntimeStatus::Running, QJsonValue(QJsonValue::Undefined));
}

void TestHeadless::keychainKeyIsUsed()
{
    QVERIFY(startBinary({}));
    SecretStore store(QLatin1String(http::keychainService));
    const auto key = store.readSync(http::ApiKeySource().secretName);
    QVERIFY2(key, key ? "" : qPrintable(key.error().message));
    m_key = *key;
    QCOMPARE(call("GET", url(QStringLiteral("instances"))).status, 200);
    m_key = "wrong-key-wrong-key-wrong-key";
    QCOMPARE(call("GET", url(QStringLiteral("instances"))).status, 401);
    m_process->terminate();
    QVERIFY(m_process->waitForFinished(30000));
    QCOMPARE(m_process->exitCode(), 0);
}

void TestHeadless::refusesWithoutKeychainOrKeyFile()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
               QStringLiteral("unix:path=") + m_dir->filePath(QStringLiteral("dead")));
    QVERIFY(!startBinary({}, env));
    QVERIFY(m_process->state() == QProcess::NotRunning || m_process->waitForFinished(30000));
    QCOMPARE(m_process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_process->exitCode(), 3);
    const QString err = QString::fromUtf8(m_stderr + m_process->readAllStandardError());
    QVERIFY2(err.contains(QLatin1String("--http-key-file")), qPrintable(err));
    QVERIFY2(!QFile::exists(m_dir->filePath(QStringLiteral("hub.sqlite"))), "nothing may be touched before the key");

    // The same environment with an explicit key file starts.
    QVERIFY(startBinary({ QStringLiteral("--http-key-file"), m_dir->filePath(QStringLiteral("k")) }, env));
    m_process->terminate();
    QVERIFY(m_process->waitForFinished(30000));
    QCOMPARE(m_process->exitCode(), 0);
}

void TestHeadless::badKeyFileRefusedAtStartUp_data()
{
    QTest::addColumn<QByteArray>("content"); // empty: a FIFO without a writer
    QTest::addColumn<QString>("message");
    QTest::newRow("two lines") << QByteArray("0123456789abcdef0123\nsecond\n") << QStringLiteral("more than one line");
    QTest::newRow("4097 characters") << QByteArray(4097, 'k') << QStringLiteral("longer than 4096");
    QTest::newRow("FIFO") << QByteArray() << QStringLiteral("not a regular file");
}

void TestHeadless::badKeyFileRefusedAtStartUp()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    const QString keyFile = m_dir->filePath(QStringLiteral("api.key"));
    if (content.isEmpty()) {
        QCOMPARE(::mkfifo(QFile::encodeName(keyFile).constData(), 0600), 0);
    } else {
        QFile file(keyFile);
        QVERIFY(file.open(QIODevice::WriteOnly, QFile::ReadOwner | QFile::WriteOwner));
        file.write(content);
    }
    // The process ends by itself, before anything listens; a FIFO used to block it for good.
    QVERIFY(!startBinary({ QStringLiteral("--http-key-file"), keyFile }));
    QVERIFY(m_process->state() == QProcess::NotRunning || m_process->waitForFinished(30000));
    QCOMPARE(m_process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_process->exitCode(), 3);
    const QString err = QString::fromUtf8(m_stderr + m_process->readAllStandardError());
    QVERIFY2(err.contains(message), qPrintable(err));
    QVERIFY2(err.contains(keyFile), qPrintable(err));
    QVERIFY2(!QFile::exists(m_dir->filePath(QStringLiteral("hub.sqlite"))), "nothing may be touched before the key");
}

void TestHeadless::requestLogIsLiteral()
{
    // A path with escapes that look like .arg() markers once decoded must be logged as sent.
    const QString keyFile = m_dir->filePath(QStringLiteral("api.key"));
    QVERIFY(startBinary({ QStringLiteral("--http-key-file"), keyFile }));
    m_key = http::ApiKeys::readOrCreateKeyFile(keyFile).value_or(QByteArray());
    QUrl target(m_base + QStringLiteral("x%2F%2F%2F"), QUrl::StrictMode);
    const Answer answer = call("GET", target);
    QVERIFY(answer.status == 401 || answer.status == 404);
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += m_process->readAllStandardOutput()).contains("x%2F%2F%2F"), 10000);
    const auto lines = out.split('\n');
    for (const auto &line : lines) {
        if (!line.contains("x%2F"))
            continue;
        QVERIFY2(line.contains(QByteArray("/x%2F%2F%2F " + QByteArray::number(answer.status) + " ")), line.constData());
        QVERIFY2(line.endsWith(" ms"), line.constData());
    }
}

void TestHeadless::backgroundErrorsReachStderrOnce()
{
    // The process may write at most 2 MB to any file: the hub opens, but a commit of a large
    // input cannot grow the WAL (a full disk as SQLite sees it).
    m_processSetup = [] {
        std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit { 2 * 1024 * 1024, 2 * 1024 * 1024 };
        ::setrlimit(RLIMIT_FSIZE, &limit);
    };
    const QString keyFile = m_dir->filePath(QStringLiteral("api.key"));
    QVERIFY(startBinary({ QStringLiteral("--http-key-file"), keyFile }));
    m_key = http::ApiKeys::readOrCreateKeyFile(keyFile).value_or(QByteArray());
    const QByteArray big = '"' + QByteArray(3 * 1024 * 1024, 'x') + '"';
    QCOMPARE(call("POST", url(QStringLiteral("orchestrators/FunctionChaining/big-1")), big).status, 500);
    QCOMPARE(call("POST", url(QStringLiteral("orchestrators/FunctionChaining/big-2")), big).status, 500);
    // A later request is answered after the failures' notifications were handled (one thread).
    QCOMPARE(call("GET", url(QStringLiteral("instances/nobody"))).status, 404);
    QByteArray err;
    QTRY_VERIFY_WITH_TIMEOUT((err += m_process->readAllStandardError()).contains("Details:"), 10000);
    const QRegularExpression stampedLine(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d .+"));
    int problems = 0;
    for (const auto &line : err.split('\n')) {
        if (line.contains("The database reported an error")) {
            ++problems;
            QVERIFY2(stampedLine.match(QString::fromUtf8(line)).hasMatch(), line.constData());
        }
    }
    QCOMPARE(problems, 1); // the same failure again (the second start, the retries) is not repeated
}

void TestHeadless::portInUse()
{
    QTcpServer occupier;
    QVERIFY(occupier.listen(QHostAddress::LocalHost));
    QProcess process;
    process.start(QStringLiteral(DURABLE_WORKBENCH_BINARY),
                  { QStringLiteral("--headless"), QStringLiteral("--hub"),
                    m_dir->filePath(QStringLiteral("hub.sqlite")), QStringLiteral("--http-port"),
                    QString::number(occupier.serverPort()), QStringLiteral("--http-key-file"),
                    m_dir->filePath(QStringLiteral("k")) });
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 4);
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(err.contains(QString::number(occupier.serverPort())), qPrintable(err));
}

void TestHeadless::badCommandLine_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("port") << QStringList { QStringLiteral("--http-port"), QStringLiteral("70000") }
                          << QStringLiteral("--http-port");
    QTest::newRow("bind") << QStringList { QStringLiteral("--http-bind"), QStringLiteral("localhost.example") }
                          << QStringLiteral("--http-bind");
}

void TestHeadless::badCommandLine()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    QProcess process;
    process.start(QStringLiteral(DURABLE_WORKBENCH_BINARY), QStringList { QStringLiteral("--headless") } + arguments);
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 1);
    QVERIFY(QString::fromUtf8(process.readAllStandardError()).contains(message));
}

QTEST_GUILESS_MAIN(TestHeadless)
#include "tst_headless.moc"
