// Disk full for real: the hub on a small tmpfs the test mounts (root only: skipped otherwise, and
// when the mount is refused, e.g. in a container without CAP_SYS_ADMIN). The mount lives in a
// private mount namespace of this process, so even a crash cannot leave it behind; it is unmounted
// in cleanup anyway. With the disk full: writes are refused with a clear error through the facade
// and over HTTP, reads are served, the WAL does not grow; once space is back (the filler deleted,
// or the file system remounted bigger) everything completes with exact outputs.
#include "apiserver.h"
#include "engine.h"
#include "enginefixture.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <sqlite3.h>

#include <sched.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

using namespace durable;

namespace {

const QByteArray Key = QByteArrayLiteral("diskfull-key-0123456789abcdef");

/// Activities of "GatedChain" wait for this: the chain is mid-run when the disk fills, and its
/// next commits fail in the background, not in a client call.
std::atomic<bool> gateOpen { false };

Task<QJsonValue> gatedChain(OrchestrationContext &ctx)
{
    double value = 0;
    for (int i = 0; i < ctx.input().toInt(); ++i)
        value = (co_await ctx.callActivity(QStringLiteral("Gated"), value)).toDouble();
    co_return value;
}

Task<QJsonValue> chain(OrchestrationContext &ctx)
{
    double value = 0;
    for (int i = 0; i < ctx.input().toInt(); ++i)
        value = (co_await ctx.callActivity(QStringLiteral("Step"), value)).toDouble();
    co_return value;
}

/// Returns the length of its input (a large string) after one activity: a start with a big input
/// is a big write.
Task<QJsonValue> echoLength(OrchestrationContext &ctx)
{
    co_return co_await ctx.callActivity(QStringLiteral("Length"), ctx.input());
}

Task<QJsonValue> waiter(OrchestrationContext &ctx)
{
    co_return QString(QStringLiteral("got:") + (co_await ctx.waitForExternalEvent(QStringLiteral("Go"))).toString());
}

using testing::await;

qint64 fileSize(const QString &path)
{
    return QFileInfo(path).exists() ? QFileInfo(path).size() : 0;
}

qint64 freeBytes(const QString &dir)
{
    struct statvfs s { };
    if (::statvfs(QFile::encodeName(dir).constData(), &s) != 0)
        return -1;
    return qint64(s.f_bavail) * qint64(s.f_frsize);
}

QString integrity(const QString &path)
{
    sqlite3 *db = nullptr;
    QString result = QStringLiteral("cannot open");
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
        sqlite3_stmt *q = nullptr;
        if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &q, nullptr) == SQLITE_OK
            && sqlite3_step(q) == SQLITE_ROW)
            result = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(q, 0)));
        else
            result = QString::fromUtf8(sqlite3_errmsg(db));
        sqlite3_finalize(q);
    }
    sqlite3_close(db);
    return result;
}

} // namespace

class TestDiskFull : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_mount;
    bool m_mounted = false;
    Registry m_registry;

    bool mountTmpfs(const QByteArray &size, QString *why)
    {
        const QByteArray options = "size=" + size + ",mode=0700";
        if (::mount("tmpfs", QFile::encodeName(m_mount).constData(), "tmpfs", 0, options.constData()) != 0) {
            *why = QString::fromLocal8Bit(std::strerror(errno));
            return false;
        }
        m_mounted = true;
        return true;
    }

    bool remount(const QByteArray &size)
    {
        const QByteArray options = "size=" + size + ",mode=0700";
        return ::mount("tmpfs", QFile::encodeName(m_mount).constData(), "tmpfs", MS_REMOUNT, options.constData()) == 0;
    }

    void unmount()
    {
        if (m_mounted && ::umount2(QFile::encodeName(m_mount).constData(), MNT_DETACH) == 0)
            m_mounted = false;
    }

    /// Fills the file system with `path` until writes fail with ENOSPC.
    static qint64 fill(const QString &path)
    {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
            return -1;
        const QByteArray chunk(4096, 'x');
        qint64 written = 0;
        while (f.write(chunk) == chunk.size())
            written += chunk.size();
        // The last partial block: byte by byte until the file system refuses.
        while (f.write("x", 1) == 1)
            ++written;
        f.close();
        return written;
    }

    std::unique_ptr<Engine> open(const QString &hub)
    {
        EngineOptions o;
        o.hubPath = hub;
        o.sync = SyncMode::Full;
        auto engine = Engine::open(o, m_registry);
        if (!engine) {
            qWarning("open: %s", qPrintable(engine.error().message));
            return {};
        }
        return std::move(*engine);
    }

    Result<QString> start(Engine &engine, const QString &name, const QJsonValue &input, const QString &id)
    {
        Client::StartOptions o;
        o.instanceId = id;
        return await(engine.start(name, input, o));
    }

    struct Http {
        int status = 0;
        QByteArray body;
    };

    Http request(QNetworkAccessManager &nam, const QByteArray &method, const QUrl &url, const QByteArray &body = {})
    {
        QNetworkRequest r(url);
        r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        r.setRawHeader("x-functions-key", Key);
        QNetworkReply *reply = nam.sendCustomRequest(r, method, body);
        QDeadlineTimer deadline(30000);
        while (!reply->isFinished() && !deadline.hasExpired())
            QTest::qWait(5);
        Http h { reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll() };
        reply->deleteLater();
        return h;
    }

    /// Everything done and exact, then the file checked.
    void finishAndCheck(Engine &engine, const QMap<QString, QJsonValue> &expected)
    {
        for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
            auto done = await(engine.waitForCompletion(it.key(), 30000));
            QVERIFY2(done, qPrintable(it.key() + QStringLiteral(": ") + (done ? QString() : done.error().message)));
            QCOMPARE(statusName(done->status), statusName(RuntimeStatus::Completed));
            QCOMPARE(done->output, it.value());
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (::geteuid() != 0)
            QSKIP("disk-full tests mount a tmpfs and need root; run as root to include them");
        // A mount namespace of our own: the tmpfs vanishes with this process whatever happens.
        if (::unshare(CLONE_NEWNS) != 0)
            QSKIP(qPrintable(QStringLiteral("cannot create a private mount namespace (%1); disk-full tests skipped")
                                 .arg(QString::fromLocal8Bit(std::strerror(errno)))));
        if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
            QSKIP(qPrintable(QStringLiteral("cannot make mounts private (%1); disk-full tests skipped")
                                 .arg(QString::fromLocal8Bit(std::strerror(errno)))));
        QVERIFY(m_dir.isValid());
        m_mount = m_dir.filePath(QStringLiteral("small"));
        QVERIFY(QDir().mkpath(m_mount));
        m_registry.addOrchestrator(QStringLiteral("Chain"), chain);
        m_registry.addOrchestrator(QStringLiteral("EchoLength"), echoLength);
        m_registry.addOrchestrator(QStringLiteral("Waiter"), waiter);
        m_registry.addOrchestrator(QStringLiteral("GatedChain"), gatedChain);
        m_registry.addActivity(QStringLiteral("Gated"), [](ActivityContext &, const QJsonValue &v) -> QJsonValue {
            while (!gateOpen.load())
                QThread::msleep(1);
            return v.toDouble() + 1;
        });
        m_registry.addActivity(QStringLiteral("Step"),
                               [](ActivityContext &, const QJsonValue &v) -> QJsonValue { return v.toDouble() + 1; });
        m_registry.addActivity(QStringLiteral("Length"), [](ActivityContext &, const QJsonValue &v) -> QJsonValue {
            return double(v.toString().size());
        });
    }

    void init()
    {
        QString why;
        if (!mountTmpfs("4m", &why))
            QSKIP(qPrintable(QStringLiteral("mount -t tmpfs refused (%1); disk-full tests skipped").arg(why)));
    }

    void cleanup()
    {
        unmount();
        QVERIFY2(!m_mounted, "the tmpfs could not be unmounted");
    }

    void cleanupTestCase() { unmount(); }

    /// A filler file takes the last free byte while a chain runs and events wait; deleting it
    /// lets everything finish.
    void fullByFillerThenFreed()
    {
        const QString hub = m_mount + QStringLiteral("/hub.sqlite");
        const QString wal = hub + QStringLiteral("-wal");
        auto engine = open(hub);
        QVERIFY(engine);
        QStringList background;
        connect(engine.get(), &Engine::backgroundError, this,
                [&background](const Error &e) { background.append(e.message); });
        http::ApiServer server(*engine, Key);
        QVERIFY(server.listen().has_value());
        const QString base = QStringLiteral("http://127.0.0.1:%1/runtime/webhooks/durabletask/").arg(server.port());
        QNetworkAccessManager nam;

        QMap<QString, QJsonValue> expected;
        for (int i = 0; i < 5; ++i) {
            const QString id = QStringLiteral("wait-%1").arg(i);
            QVERIFY(start(*engine, QStringLiteral("Waiter"), {}, id));
            expected.insert(id, QStringLiteral("got:%1").arg(i));
        }
        gateOpen = false;
        QVERIFY(start(*engine, QStringLiteral("GatedChain"), 20, QStringLiteral("chain")));
        expected.insert(QStringLiteral("chain"), 20.0);

        const QString filler = m_mount + QStringLiteral("/filler");
        QVERIFY(fill(filler) > 0);
        QCOMPARE(freeBytes(m_mount), 0);

        // Writes are refused with a clear error: through the facade...
        const QString big(300 * 1024, u'y');
        Result<QString> refused;
        for (int i = 0; i < 50; ++i) {
            refused = start(*engine, QStringLiteral("EchoLength"), big, QStringLiteral("refused-%1").arg(i));
            if (!refused)
                break;
            expected.insert(*refused, double(big.size())); // fitted in free pages of the file
        }
        QVERIFY2(!refused, "no write was refused on a full disk");
        QCOMPARE(int(refused.error().code), int(ErrorCode::Storage));
        QVERIFY2(refused.error().message.contains(QLatin1String("full")), qPrintable(refused.error().message));
        qInfo("refused with: %s", qPrintable(refused.error().message));
        auto raised = await(engine->raiseEvent(QStringLiteral("wait-0"), QStringLiteral("Go"), QStringLiteral("0")));
        // ...and over HTTP: 500 with the reason in the body.
        const Http refusedHttp
            = request(nam, "POST", QUrl(base + QStringLiteral("orchestrators/EchoLength/http-refused")),
                      QJsonDocument(QJsonObject { { QStringLiteral("s"), big } }).toJson(QJsonDocument::Compact));
        QCOMPARE(refusedHttp.status, 500);
        QVERIFY2(refusedHttp.body.contains("full"), refusedHttp.body.constData());

        // Reads are served.
        auto status = await(engine->status(QStringLiteral("wait-1")));
        QVERIFY2(status, qPrintable(status ? QString() : status.error().message));
        QCOMPARE(statusName(status->status), statusName(RuntimeStatus::Running));
        QVERIFY(await(engine->history(QStringLiteral("chain"))));
        gateOpen = true; // the chain's next commit meets the full disk
        QVERIFY(await(engine->query(InstanceQuery {})));
        const Http read = request(nam, "GET", QUrl(base + QStringLiteral("instances/wait-1")));
        QCOMPARE(read.status, 202); // the Durable Functions answer for a running instance
        QVERIFY2(read.body.contains("\"Running\""), read.body.constData());

        // The WAL does not grow while the disk stays full, however often writes are tried.
        const qint64 walFull = fileSize(wal);
        for (int i = 0; i < 20; ++i)
            QVERIFY(!start(*engine, QStringLiteral("EchoLength"), big, QStringLiteral("again-%1").arg(i)));
        QCOMPARE(fileSize(wal), walFull);
        // The chain was running when the disk filled: its batches failed in the background.
        QTRY_VERIFY_WITH_TIMEOUT(!background.isEmpty(), 20000);
        qInfo("background: %s", qPrintable(background.constFirst()));
        qInfo("full: hub %lld bytes, WAL %lld bytes, %lld free", fileSize(hub), walFull, freeBytes(m_mount));

        // Space is back: retry what was refused, and everything completes.
        QVERIFY(QFile::remove(filler));
        const int firstRaise = raised ? 1 : 0;
        for (int i = firstRaise; i < 5; ++i)
            QVERIFY(
                await(engine->raiseEvent(QStringLiteral("wait-%1").arg(i), QStringLiteral("Go"), QString::number(i))));
        auto retried = start(*engine, QStringLiteral("EchoLength"), big, QStringLiteral("retried"));
        QVERIFY2(retried, qPrintable(retried ? QString() : retried.error().message));
        expected.insert(QStringLiteral("retried"), double(big.size()));
        finishAndCheck(*engine, expected);
        const Http afterHttp = request(nam, "POST", QUrl(base + QStringLiteral("orchestrators/Chain/http-after")),
                                       QByteArrayLiteral("3"));
        QCOMPARE(afterHttp.status, 202);
        finishAndCheck(*engine, { { QStringLiteral("http-after"), 3.0 } });
        qInfo("freed: hub %lld bytes, WAL %lld bytes, %lld free", fileSize(hub), fileSize(wal), freeBytes(m_mount));
        engine.reset();
        QCOMPARE(integrity(hub), QStringLiteral("ok"));
    }

    /// The workload itself fills the file system; remounting it bigger lets everything finish.
    void fullByWorkloadThenRemountedBigger()
    {
        const QString hub = m_mount + QStringLiteral("/hub.sqlite");
        const QString wal = hub + QStringLiteral("-wal");
        auto engine = open(hub);
        QVERIFY(engine);
        QMap<QString, QJsonValue> expected;
        const QString big(64 * 1024, u'z');
        Result<QString> refused;
        int started = 0;
        for (; started < 400; ++started) {
            refused = start(*engine, QStringLiteral("EchoLength"), big, QStringLiteral("fill-%1").arg(started));
            if (!refused)
                break;
            expected.insert(*refused, double(big.size()));
        }
        QVERIFY2(!refused, "the file system never filled");
        QVERIFY2(refused.error().message.contains(QLatin1String("full")), qPrintable(refused.error().message));
        qInfo("%d instances of 64 KiB started before the disk was full; refused with: %s", started,
              qPrintable(refused.error().message));
        QVERIFY(await(engine->status(QStringLiteral("fill-0"))));
        const qint64 walFull = fileSize(wal);
        for (int i = 0; i < 20; ++i)
            QVERIFY(!start(*engine, QStringLiteral("EchoLength"), big, QStringLiteral("again-%1").arg(i)));
        QCOMPARE(fileSize(wal), walFull);
        qInfo("full: hub %lld bytes, WAL %lld bytes, %lld free", fileSize(hub), walFull, freeBytes(m_mount));

        QVERIFY(remount("32m"));
        for (int i = started; i < started + 5; ++i) {
            auto r = start(*engine, QStringLiteral("EchoLength"), big, QStringLiteral("fill-%1").arg(i));
            QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
            expected.insert(*r, double(big.size()));
        }
        finishAndCheck(*engine, expected);
        qInfo("remounted: hub %lld bytes, WAL %lld bytes, %lld free", fileSize(hub), fileSize(wal), freeBytes(m_mount));
        // The WAL had taken the whole disk; once writes work again it gives that space back.
        QVERIFY2(fileSize(wal) < walFull,
                 qPrintable(QStringLiteral("WAL %1 bytes, %2 when the disk was full").arg(fileSize(wal)).arg(walFull)));
        engine.reset();
        QCOMPARE(integrity(hub), QStringLiteral("ok"));
    }
};

QTEST_GUILESS_MAIN(TestDiskFull)
#include "tst_diskfull.moc"
