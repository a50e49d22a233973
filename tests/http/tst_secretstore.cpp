// SecretStore against the real secret service of the test session (scripts/headless-session.sh
// runs gnome-keyring in a private D-Bus session), the API key's life cycle, key files, and the
// refusal when no keychain is reachable (a child process whose D-Bus address is dead).
#include "apikey.h"
#include "secretstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFutureWatcher>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <cstdio>
#include <fcntl.h>
#include <future>
#include <sys/stat.h>
#include <unistd.h>

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
    void keyFileOfOneLine_data();
    void keyFileOfOneLine();
    void keyFileMustBeRegular();
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
    // Neither joined into one key nor cut: refused with the reason.
    QTest::newRow("two lines") << QByteArray("0123456789abcdef0123\nsecond\n") << int(0600)
                               << QStringLiteral("more than one line");
    QTest::newRow("second line empty") << QByteArray("0123456789abcdef0123\n\n") << int(0600)
                                       << QStringLiteral("more than one line");
    QTest::newRow("carriage return inside")
        << QByteArray("0123456789\rabcdef0123") << int(0600) << QStringLiteral("more than one line");
    QTest::newRow("4097 characters") << QByteArray(4097, 'k') << int(0600) << QStringLiteral("longer than 4096");
    QTest::newRow("5000 characters and a newline") << QByteArray(5000, 'k') + '\n'
                                                   << int(0600) << QStringLiteral("longer than 4096");
    QTest::newRow("blanks hiding a second line")
        << QByteArray(4096, 'k') + QByteArray(8, ' ') + "\nsecond" << int(0600) << QStringLiteral("longer than 4096");
    QTest::newRow("control character") << QByteArray("0123456789abcdef\x01"
                                                     "0123")
                                       << int(0600) << QStringLiteral("control characters");
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

void TestSecretStore::keyFileOfOneLine_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QByteArray>("key");
    const QByteArray key(20, 'k');
    QTest::newRow("no newline") << key << key;
    QTest::newRow("newline") << key + '\n' << key;
    QTest::newRow("CR LF") << key + "\r\n" << key;
    QTest::newRow("4096 characters") << QByteArray(4096, 'x') + '\n' << QByteArray(4096, 'x');
}

void TestSecretStore::keyFileOfOneLine()
{
    QFETCH(QByteArray, content);
    QFETCH(QByteArray, key);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("api.key"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly, QFile::ReadOwner | QFile::WriteOwner));
    file.write(content);
    file.close();
    const auto result = ApiKeys::readOrCreateKeyFile(path);
    QVERIFY2(result, result ? "" : qPrintable(result.error()));
    QCOMPARE(*result, key);
}

void TestSecretStore::keyFileMustBeRegular()
{
    QTemporaryDir dir;
    // A FIFO with no writer: opening it for reading the ordinary way blocks until one comes.
    const QString fifo = dir.filePath(QStringLiteral("fifo.key"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    auto read = std::async(std::launch::async, [fifo] { return ApiKeys::readOrCreateKeyFile(fifo); });
    const bool returned = read.wait_for(std::chrono::seconds(30)) == std::future_status::ready;
    if (!returned) {
        // Release the reader so that the test can end: a writer that opens and closes at once.
        const int writer = ::open(QFile::encodeName(fifo).constData(), O_WRONLY | O_NONBLOCK);
        if (writer >= 0)
            ::close(writer);
    }
    QVERIFY2(returned, "reading a FIFO key file must not wait for a writer");
    const auto fromFifo = read.get();
    QVERIFY(!fromFifo);
    QVERIFY2(fromFifo.error().contains(QLatin1String("not a regular file")), qPrintable(fromFifo.error()));

    const QString folder = dir.filePath(QStringLiteral("folder.key"));
    QVERIFY(QDir().mkdir(folder));
    QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    const auto fromFolder = ApiKeys::readOrCreateKeyFile(folder);
    QVERIFY(!fromFolder);
    QVERIFY2(fromFolder.error().contains(QLatin1String("not a regular file")), qPrintable(fromFolder.error()));
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
