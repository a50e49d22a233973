// The HTTP API panel against a real engine on a temporary hub and the real keychain of the test
// session (run under scripts/headless-session.sh, like the whole suite).

#include "apiserver.h"
#include "engine.h"
#include "httppanel.h"
#include "requestlogmodel.h"
#include "secretstore.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QEventLoop>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

class TestHttpPanel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void initialValuesComeFromTheCommandLine();
    void openingLeavesTheKeychainAlone();
    void showingTheKeyReadsIt();
    void servesWithTheShownKeyAndLogsRequests();
    void regenerateInvalidatesTheOldKey();
    void turningOffClosesThePort();
    void portInUseIsShownInThePanel();
    void invalidBindAddressIsRefused();
    void keyFileIsUsedWhenGiven();
    void regenerateAsksFirst();
    void withoutKeychainOffersAKeyFile();
    void logIsCappedNewestLast();

private:
    struct Answer {
        int status = 0;
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
    };
    /// GET `path` below the base URL with `key` in the x-functions-key header. Runs the event loop
    /// until the reply finishes; a reply that never does is aborted after 30 s (the check on the
    /// result then fails), so a broken server cannot hang the test.
    Answer get(const QUrl &baseUrl, const QString &path, const QByteArray &key);

    QTemporaryDir *m_dir = nullptr;
    durable::Registry *m_registry = nullptr;
    std::unique_ptr<durable::Engine> m_engine;
    QNetworkAccessManager *m_nam = nullptr;
};

void TestHttpPanel::init()
{
    m_dir = new QTemporaryDir;
    QVERIFY(m_dir->isValid());
    m_registry = new durable::Registry;
    durable::EngineOptions options;
    options.hubPath = m_dir->filePath(u"hub.sqlite"_s);
    options.sync = durable::SyncMode::Normal;
    auto engine = durable::Engine::open(options, *m_registry);
    QVERIFY2(engine, engine ? "" : qPrintable(engine.error().message));
    m_engine = std::move(*engine);
    m_nam = new QNetworkAccessManager;
}

void TestHttpPanel::cleanup()
{
    delete m_nam;
    m_engine.reset();
    delete m_registry;
    delete m_dir;
}

TestHttpPanel::Answer TestHttpPanel::get(const QUrl &baseUrl, const QString &path, const QByteArray &key)
{
    QUrl url = baseUrl;
    url.setPath(baseUrl.path() + path);
    QNetworkRequest request(url);
    request.setRawHeader("x-functions-key", key);
    QNetworkReply *reply = m_nam->get(request);
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer guard;
    guard.setSingleShot(true);
    connect(&guard, &QTimer::timeout, reply, &QNetworkReply::abort);
    guard.start(30000);
    if (!reply->isFinished())
        loop.exec();
    Answer answer { reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->error() };
    reply->deleteLater();
    return answer;
}

void TestHttpPanel::initialValuesComeFromTheCommandLine()
{
    HttpPanel panel(*m_engine, 7071, QHostAddress(u"0.0.0.0"_s), {});
    QCOMPARE(panel.findChild<QSpinBox *>(u"port"_s)->value(), 7071);
    QCOMPARE(panel.findChild<QLineEdit *>(u"bindAddress"_s)->text(), u"0.0.0.0"_s);
    auto *warning = panel.findChild<QLabel *>(u"bindWarning"_s);
    QVERIFY(!warning->isHidden());
    QVERIFY(warning->text().contains("loopback"_L1));
    panel.findChild<QLineEdit *>(u"bindAddress"_s)->setText(u"127.0.0.1"_s);
    QVERIFY(warning->isHidden());
    QVERIFY(!panel.isServing());
    QVERIFY(panel.findChild<QCheckBox *>(u"serveToggle"_s)->isEnabled());
}

// Defect 6 of issue 16: merely opening the dock created the key in the keychain (and, on a desktop
// without a default keyring, prompted for a new keyring password). Checked on the real keychain
// of the test session: after the panel was shown and its events processed no key exists; the
// switch then creates the one the server uses.
void TestHttpPanel::openingLeavesTheKeychainAlone()
{
    durable::SecretStore keychain(QLatin1String(durable::http::keychainService));
    const durable::http::ApiKeySource source;
    QVERIFY(keychain.removeSync(source.secretName));
    QCOMPARE(keychain.readSync(source.secretName).error().code, durable::SecretStore::SecretError::Code::NotFound);

    HttpPanel panel(*m_engine, 0, QHostAddress(QHostAddress::LocalHost), {});
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QCoreApplication::processEvents();
    QVERIFY(panel.apiKey().isEmpty());
    QVERIFY(panel.errorText().isEmpty());
    const auto afterShow = keychain.readSync(source.secretName);
    QVERIFY2(!afterShow, "showing the panel created the API key in the keychain");
    QCOMPARE(afterShow.error().code, durable::SecretStore::SecretError::Code::NotFound);
    auto *toggle = panel.findChild<QCheckBox *>(u"serveToggle"_s);
    QVERIFY(toggle->isEnabled());
    QVERIFY(panel.findChild<QLabel *>(u"keyLocation"_s)->text().contains("keychain"_L1));

    toggle->click();
    QVERIFY2(panel.isServing(), qPrintable(panel.errorText()));
    const auto stored = keychain.readSync(source.secretName);
    QVERIFY2(stored, stored ? "" : qPrintable(stored.error().message));
    QCOMPARE(*stored, panel.apiKey());
    QCOMPARE(get(panel.baseUrl(), u"/instances"_s, *stored).status, 200);
}

void TestHttpPanel::showingTheKeyReadsIt()
{
    HttpPanel panel(*m_engine, 0, QHostAddress(QHostAddress::LocalHost), {});
    panel.show();
    QCoreApplication::processEvents();
    QVERIFY(panel.apiKey().isEmpty());
    auto *keyEdit = panel.findChild<QLineEdit *>(u"apiKey"_s);
    QVERIFY(keyEdit->text().isEmpty());
    panel.findChild<QPushButton *>(u"showKey"_s)->click();
    QVERIFY2(!panel.apiKey().isEmpty(), qPrintable(panel.errorText()));
    QCOMPARE(keyEdit->text().toLatin1(), panel.apiKey());
    QCOMPARE(keyEdit->echoMode(), QLineEdit::Normal);
    QVERIFY(!panel.isServing());
}

void TestHttpPanel::servesWithTheShownKeyAndLogsRequests()
{
    HttpPanel panel(*m_engine, 0, QHostAddress(QHostAddress::LocalHost), {});
    QAbstractItemModelTester tester(panel.logModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    panel.show();
    auto *keyEdit = panel.findChild<QLineEdit *>(u"apiKey"_s);
    QCOMPARE(keyEdit->echoMode(), QLineEdit::Password);
    auto *toggle = panel.findChild<QCheckBox *>(u"serveToggle"_s);
    toggle->click();
    QVERIFY2(panel.isServing(), qPrintable(panel.errorText()));
    QVERIFY(toggle->isChecked());
    QVERIFY(!panel.apiKey().isEmpty());
    QCOMPARE(keyEdit->text().toLatin1(), panel.apiKey());
    QCOMPARE(keyEdit->echoMode(), QLineEdit::Password);
    panel.findChild<QPushButton *>(u"showKey"_s)->click();
    QCOMPARE(keyEdit->echoMode(), QLineEdit::Normal);
    const QUrl base(panel.findChild<QLineEdit *>(u"baseUrl"_s)->text());
    QCOMPARE(base, panel.baseUrl());
    QVERIFY(base.port() > 0);
    QVERIFY(!panel.findChild<QSpinBox *>(u"port"_s)->isEnabled());

    const Answer answer = get(base, u"/instances"_s, keyEdit->text().toLatin1());
    QCOMPARE(answer.status, 200);
    QCOMPARE(panel.logModel()->rowCount(), 1);
    const auto &row = panel.logModel()->entry(0);
    QCOMPARE(row.method, u"GET"_s);
    QVERIFY2(row.path.endsWith("/instances"_L1), qPrintable(row.path));
    QCOMPARE(row.status, 200);
    QCOMPARE(panel.logModel()->index(0, RequestLogModel::Status).data().toInt(), 200);
    QVERIFY(!panel.logModel()->index(0, RequestLogModel::Path).data().toString().contains(keyEdit->text()));
}

void TestHttpPanel::regenerateInvalidatesTheOldKey()
{
    HttpPanel panel(*m_engine, 0, QHostAddress(QHostAddress::LocalHost), {});
    panel.setServing(true);
    QVERIFY2(panel.isServing(), qPrintable(panel.errorText()));
    const QByteArray oldKey = panel.apiKey();
    QCOMPARE(get(panel.baseUrl(), u"/instances"_s, oldKey).status, 200);

    QVERIFY2(panel.regenerateKey(), qPrintable(panel.errorText()));
    const QByteArray newKey = panel.apiKey();
    QVERIFY(newKey != oldKey);
    QCOMPARE(panel.findChild<QLineEdit *>(u"apiKey"_s)->text().toLatin1(), newKey);
    QCOMPARE(get(panel.baseUrl(), u"/instances"_s, oldKey).status, 401);
    QCOMPARE(get(panel.baseUrl(), u"/instances"_s, newKey).status, 200);
    QCOMPARE(panel.logModel()->rowCount(), 3);
    QCOMPARE(panel.logModel()->entry(1).status, 401);

    // Stored where it was read from: a new panel (as after a restart) gets the new key.
    HttpPanel again(*m_engine, 0, QHostAddress(QHostAddress::LocalHost), {});
    again.setServing(true);
    QVERIFY2(again.isServing(), qPrintable(again.errorText()));
    QCOMPARE(again.apiKey(), newKey);
}

void TestHttpPanel::turningOffClosesThePort()
{
    HttpPanel panel(*m_engine, 0, QHostAddress(QHostAddress::LocalHost), {});
    panel.setServing(true);
    QVERIFY2(panel.isServing(), qPrintable(panel.errorText()));
    const QUrl base = panel.baseUrl();
    QCOMPARE(get(base, u"/instances"_s, panel.apiKey()).status, 200);

    panel.findChild<QCheckBox *>(u"serveToggle"_s)->click();
    QVERIFY(!panel.isServing());
    QVERIFY(panel.findChild<QLineEdit *>(u"baseUrl"_s)->text().isEmpty());
    QVERIFY(panel.findChild<QSpinBox *>(u"port"_s)->isEnabled());
    const Answer answer = get(base, u"/instances"_s, panel.apiKey());
    QCOMPARE(answer.status, 0);
    QCOMPARE(answer.error, QNetworkReply::ConnectionRefusedError);
}

void TestHttpPanel::portInUseIsShownInThePanel()
{
    durable::http::ApiServer blocker(*m_engine, "some-other-key-0123456789");
    const auto port = blocker.listen();
    QVERIFY(port);
    HttpPanel panel(*m_engine, *port, QHostAddress(QHostAddress::LocalHost), {});
    panel.setServing(true);
    QVERIFY(!panel.isServing());
    QVERIFY(!panel.findChild<QCheckBox *>(u"serveToggle"_s)->isChecked());
    QVERIFY2(panel.errorText().contains(QString::number(*port)), qPrintable(panel.errorText()));
    QVERIFY(!panel.findChild<QLabel *>(u"error"_s)->isHidden());
}

void TestHttpPanel::invalidBindAddressIsRefused()
{
    HttpPanel panel(*m_engine, 0, QHostAddress(QHostAddress::LocalHost), {});
    panel.findChild<QLineEdit *>(u"bindAddress"_s)->setText(u"localhost.invalid"_s);
    panel.setServing(true);
    QVERIFY(!panel.isServing());
    QVERIFY2(panel.errorText().contains("localhost.invalid"_L1), qPrintable(panel.errorText()));
}

void TestHttpPanel::keyFileIsUsedWhenGiven()
{
    const QString keyFile = m_dir->filePath(u"api.key"_s);
    HttpPanel panel(*m_engine, 0, QHostAddress(QHostAddress::LocalHost), keyFile);
    panel.setServing(true);
    QVERIFY2(panel.isServing(), qPrintable(panel.errorText()));
    QFile file(keyFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().trimmed(), panel.apiKey());
    file.close();
    QVERIFY(panel.findChild<QLabel *>(u"keyLocation"_s)->text().contains(keyFile));

    QVERIFY(panel.regenerateKey());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().trimmed(), panel.apiKey());
    QCOMPARE(get(panel.baseUrl(), u"/instances"_s, panel.apiKey()).status, 200);
}

void TestHttpPanel::regenerateAsksFirst()
{
    HttpPanel panel(*m_engine, 0, QHostAddress(QHostAddress::LocalHost), {});
    panel.show();
    panel.findChild<QPushButton *>(u"showKey"_s)->click();
    const QByteArray original = panel.apiKey();
    QVERIFY2(!original.isEmpty(), qPrintable(panel.errorText()));
    auto *button = panel.findChild<QPushButton *>(u"regenerateKey"_s);

    // The box is modal: the answer is given from the event loop it runs.
    QString question;
    auto answer = [&question](QMessageBox::StandardButton choice) {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        question = box->text();
        box->button(choice)->click();
    };
    QTimer::singleShot(0, &panel, [&answer] { answer(QMessageBox::Cancel); });
    button->click();
    QVERIFY2(question.contains("401"_L1), qPrintable(question));
    QCOMPARE(panel.apiKey(), original);

    question.clear();
    QTimer::singleShot(0, &panel, [&answer] { answer(QMessageBox::Yes); });
    button->click();
    QVERIFY(!question.isEmpty());
    QVERIFY(panel.apiKey() != original);
    QCOMPARE(panel.findChild<QLineEdit *>(u"apiKey"_s)->text().toLatin1(), panel.apiKey());
}

// Without a session bus QtKeychain has no secret service to talk to. The session bus of this
// process is already connected, so the check runs in a child process of this test binary. The
// panel says why it cannot start and offers a key file chosen now, without a restart; switching
// on then completes with that file's key.
void TestHttpPanel::withoutKeychainOffersAKeyFile()
{
    if (qEnvironmentVariableIsSet("HTTPPANEL_NO_KEYCHAIN_CHILD")) {
        HttpPanel panel(*m_engine, 0, QHostAddress(QHostAddress::LocalHost), {});
        panel.show();
        QCoreApplication::processEvents();
        auto *toggle = panel.findChild<QCheckBox *>(u"serveToggle"_s);
        auto *retry = panel.findChild<QPushButton *>(u"retryKey"_s);
        auto *useKeyFile = panel.findChild<QPushButton *>(u"useKeyFile"_s);
        QVERIFY(panel.errorText().isEmpty());
        QVERIFY(toggle->isEnabled());
        QVERIFY(!retry->isVisible());

        toggle->click();
        QVERIFY(!panel.isServing());
        QVERIFY(!toggle->isChecked());
        QVERIFY(panel.apiKey().isEmpty());
        QVERIFY2(panel.errorText().contains("keychain"_L1), qPrintable(panel.errorText()));
        QVERIFY(retry->isVisible());
        QVERIFY(useKeyFile->isVisible());
        QVERIFY(useKeyFile->isEnabled());
        QVERIFY(!toggle->isEnabled());
        QVERIFY(!panel.findChild<QPushButton *>(u"regenerateKey"_s)->isEnabled());
        retry->click(); // still no keychain: the same answer, nothing else changes
        QVERIFY(!panel.isServing());
        QVERIFY(retry->isVisible());

        const QString keyFile = m_dir->filePath(u"chosen.key"_s);
        QVERIFY2(panel.useKeyFile(keyFile), qPrintable(panel.errorText()));
        QVERIFY2(panel.isServing(), qPrintable(panel.errorText())); // the pending switch-on completed
        QVERIFY(toggle->isChecked());
        QVERIFY(!retry->isVisible());
        QVERIFY(panel.errorText().isEmpty());
        QFile file(keyFile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().trimmed(), panel.apiKey());
        const QString location = panel.findChild<QLabel *>(u"keyLocation"_s)->text();
        QVERIFY2(location.contains(keyFile) && location.contains("--http-key-file"_L1), qPrintable(location));
        QCOMPARE(get(panel.baseUrl(), u"/instances"_s, panel.apiKey()).status, 200);
        return;
    }
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"HTTPPANEL_NO_KEYCHAIN_CHILD"_s, u"1"_s);
    env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=/nonexistent/durable-no-bus"_s);
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.start(QCoreApplication::applicationFilePath(), { u"withoutKeychainOffersAKeyFile"_s });
    QVERIFY(child.waitForStarted(-1));
    QVERIFY(child.waitForFinished(-1));
    const QByteArray output = child.readAll();
    QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0, output.constData());
    QVERIFY2(output.contains("PASS   : TestHttpPanel::withoutKeychainOffersAKeyFile()"), output.constData());
}

void TestHttpPanel::logIsCappedNewestLast()
{
    RequestLogModel model(3);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int i = 0; i < 5; ++i)
        model.append({ QDateTime::currentDateTime(), u"GET"_s, u"/p%1"_s.arg(i), 200 + i, i });
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.entry(0).path, u"/p2"_s);
    QCOMPARE(model.entry(2).path, u"/p4"_s);
    QCOMPARE(model.index(2, RequestLogModel::Method).data().toString(), u"GET"_s);
    model.append({ QDateTime::currentDateTime(), u"POST"_s, u"/wait"_s, RequestLogModel::ClientGone, 1000 });
    QCOMPARE(model.index(2, RequestLogModel::Status).data().toString(), u"client gone"_s);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

QTEST_MAIN(TestHttpPanel)
#include "tst_httppanel.moc"
