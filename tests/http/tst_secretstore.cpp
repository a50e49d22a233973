// SecretStore against the real secret service of the test session (scripts/headless-session.sh
// runs gnome-keyring in a private D-Bus session), the API key's life cycle, key files, and the
// refusal when no keychain is reachable (a child process whose D-Bus address is dead).
#include "apikey.h"
#include "secretstore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFutureWatcher>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace durable;
using namespace durable::http;
using Code = SecretStore::SecretError::Code;

namespace {

const QString testService = QStringLiteral("Durable Workbench tests");
constexpr auto childFlag = "--no-keychain-child";

QString uniqueName(const char *stem)
{
    return QStringLiteral("%1-%2").arg(QLatin1String(stem)).arg(QRandomGenerator::global()->generate64(), 0, 16);
}

/// The child's side of noKeychainRefused: reports what the store and the key logic say when the
/// D-Bus session address points at nothing.
int runNoKeychainChild(const QString &keyFile)
{
    SecretStore store(testService);
    store.setTimeout(5000);
    const auto read = store.readSync(QStringLiteral("anything"));
    std::printf("read=%s\n", read ? "ok" : qPrintable(SecretStore::codeName(read.error().code)));
    const auto obtained = ApiKeys::obtain(store, ApiKeySource {});
    std::printf("obtain=%s\n", obtained ? "ok" : qPrintable(obtained.error()));
    const auto fromFile = ApiKeys::obtain(store, ApiKeySource { keyFile });
    std::printf("keyfile=%s\n", fromFile ? fromFile->constData() : qPrintable(fromFile.error()));
    std::fflush(stdout);
    return 0;
}

} // namespace

class TestSecretStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTrip();
    void asyncRead();
    void keyCreatedOnceAndRegenerated();
    void keyFileCreatedOwnerOnly();
    void keyFileRefusals_data();
    void keyFileRefusals();
    void noKeychainRefused();
};

void TestSecretStore::roundTrip()
{
    SecretStore store(testService);
    const QString name = uniqueName("roundtrip");
    const auto missing = store.readSync(name);
    QVERIFY2(!missing, "a fresh name must not exist");
    QVERIFY2(missing.error().code == Code::NotFound,
             qPrintable(QStringLiteral("expected NotFound (is the test session's gnome-keyring running?), got %1: %2")
                            .arg(SecretStore::codeName(missing.error().code), missing.error().message)));

    // Binary secrets survive whole: the bytes after an embedded NUL, and bytes that are no UTF-8.
    const QByteArray binary = QByteArrayLiteral("first\0binary\xff\xfe");
    QCOMPARE(binary.size(), 14);
    QVERIFY(store.writeSync(name, binary));
    QCOMPARE(store.readSync(name).value_or(QByteArray()), binary);
    QVERIFY(store.writeSync(name, "second"));
    QCOMPARE(store.readSync(name).value_or(QByteArray()), QByteArray("second"));

    QVERIFY(store.removeSync(name));
    const auto removed = store.readSync(name);
    QVERIFY(!removed);
    QCOMPARE(removed.error().code, Code::NotFound);
    QVERIFY2(store.removeSync(name), "deleting a missing secret succeeds");
}

void TestSecretStore::asyncRead()
{
    SecretStore store(testService);
    const QString name = uniqueName("async");
    QVERIFY(store.writeSync(name, "value"));
    QFuture<SecretStore::Result<QByteArray>> future = store.read(name);
    QVERIFY2(!future.isFinished(), "read() must return before the secret service answered");
    QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), 10000);
    QCOMPARE(future.result().value_or(QByteArray()), QByteArray("value"));
    QVERIFY(store.removeSync(name));
}

void TestSecretStore::keyCreatedOnceAndRegenerated()
{
    SecretStore store(testService);
    const ApiKeySource source { QString(), uniqueName("apikey") };
    const auto first = ApiKeys::obtain(store, source);
    QVERIFY2(first, first ? "" : qPrintable(first.error()));
    QCOMPARE(first->size(), 43); // 32 random bytes, base64url without padding
    QCOMPARE(store.readSync(source.secretName).value_or(QByteArray()), *first);
    const auto again = ApiKeys::obtain(store, source);
    QCOMPARE(again.value_or(QByteArray()), *first);

    const auto renewed = ApiKeys::regenerate(store, source);
    QVERIFY(renewed);
    QVERIFY(*renewed != *first);
    QCOMPARE(ApiKeys::obtain(store, source).value_or(QByteArray()), *renewed);
    QVERIFY(ApiKeys::generate() != ApiKeys::generate());
    QVERIFY(store.removeSync(source.secretName));
}

void TestSecretStore::keyFileCreatedOwnerOnly()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("api.key"));
    const auto created = ApiKeys::readOrCreateKeyFile(path);
    QVERIFY2(created, created ? "" : qPrintable(created.error()));
    QCOMPARE(QFile::permissions(path), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser);
    QCOMPARE(ApiKeys::readOrCreateKeyFile(path).value_or(QByteArray()), *created);
    const auto rewritten = ApiKeys::rewriteKeyFile(path);
    QVERIFY(rewritten && *rewritten != *created);
    QCOMPARE(ApiKeys::readOrCreateKeyFile(path).value_or(QByteArray()), *rewritten);
    QCOMPARE(QFile::permissions(path), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser);
}

void TestSecretStore::keyFileRefusals_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("permissions");
    QTest::addColumn<QString>("expected");
    QTest::newRow("group readable") << QByteArray("0123456789abcdef0123") << int(0640) << QStringLiteral("chmod 600");
    QTest::newRow("world readable") << QByteArray("0123456789abcdef0123") << int(0604) << QStringLiteral("chmod 600");
    QTest::newRow("too short") << QByteArray("short\n") << int(0600) << QStringLiteral("at least 16");
}

void TestSecretStore::keyFileRefusals()
{
    QFETCH(QByteArray, content);
    QFETCH(int, permissions);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("api.key"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    QFile::Permissions perms;
    if (permissions & 0400)
        perms |= QFile::ReadOwner | QFile::ReadUser;
    if (permissions & 0200)
        perms |= QFile::WriteOwner | QFile::WriteUser;
    if (permissions & 0040)
        perms |= QFile::ReadGroup;
    if (permissions & 0004)
        perms |= QFile::ReadOther;
    QVERIFY(QFile::setPermissions(path, perms));
    const auto result = ApiKeys::readOrCreateKeyFile(path);
    QVERIFY(!result);
    QVERIFY2(result.error().contains(expected), qPrintable(result.error()));
}

void TestSecretStore::noKeychainRefused()
{
    QTemporaryDir dir;
    const QString keyFile = dir.filePath(QStringLiteral("child.key"));
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
               QStringLiteral("unix:path=") + dir.filePath(QStringLiteral("no-bus-here")));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    child.setProcessEnvironment(env);
    QElapsedTimer timer;
    timer.start();
    child.start(QCoreApplication::applicationFilePath(), { QLatin1String(childFlag), keyFile });
    QVERIFY(child.waitForFinished(60000));
    QCOMPARE(child.exitStatus(), QProcess::NormalExit);
    QCOMPARE(child.exitCode(), 0);
    QVERIFY2(timer.elapsed() < 30000, "the store must give up instead of hanging");
    const QString out = QString::fromUtf8(child.readAllStandardOutput());
    QVERIFY2(out.contains(QLatin1String("read=NoBackend")) || out.contains(QLatin1String("read=Timeout")),
             qPrintable(out));
    QVERIFY2(out.contains(QLatin1String("obtain=No keychain is reachable")), qPrintable(out));
    QVERIFY2(out.contains(QLatin1String("--http-key-file")), qPrintable(out));
    // The explicit key file still works, and holds what the child reported.
    QVERIFY(QFile::exists(keyFile));
    const QByteArray key = ApiKeys::readOrCreateKeyFile(keyFile).value_or(QByteArray());
    QCOMPARE(key.size(), 43);
    QVERIFY2(out.contains(QLatin1String("keyfile=") + QString::fromLatin1(key)), qPrintable(out));
}

int main(int argc, char **argv)
{
    if (argc == 3 && qstrcmp(argv[1], childFlag) == 0) {
        QCoreApplication app(argc, argv);
        return runNoKeychainChild(QString::fromLocal8Bit(argv[2]));
    }
    QCoreApplication app(argc, argv);
    TestSecretStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_secretstore.moc"
