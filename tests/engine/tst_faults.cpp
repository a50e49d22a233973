// I/O fault injection: every workload runs once clean to count its SQLite I/O calls (reads,
// writes, syncs, truncates of the hub, its WAL and journals), then once per fault with call N made
// to fail (I/O error, disk full or short write; sticky like a dead device, or transient). After each
// fault: the process is alive, an error reached the caller (a future or backgroundError) unless the
// workload completed anyway, and after a reopen without faults, with the failed client calls
// retried, everything completes with exact outputs, no activity whose completion was committed
// runs again, and PRAGMA integrity_check says ok.
//
// CI samples a deterministic stride of N per workload; DURABLE_FAULTS_FULL=1 injects at every call
// (DURABLE_FAULTS_SAMPLES=k sets the stride's sample count).
#include "engine.h"
#include "faultvfs.h"
#include "faultworkloads.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <functional>

using namespace durable;
using namespace faults;

namespace {

// --- Checks on the file itself. ----------------------------------------------------------------------

QString integrity(const QString &path)
{
    sqlite3 *db = nullptr;
    QString result;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        result = QStringLiteral("cannot open: ") + QString::fromUtf8(sqlite3_errmsg(db));
    } else {
        sqlite3_stmt *q = nullptr;
        if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &q, nullptr) == SQLITE_OK
            && sqlite3_step(q) == SQLITE_ROW)
            result = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(q, 0)));
        else
            result = QStringLiteral("integrity_check failed: ") + QString::fromUtf8(sqlite3_errmsg(db));
        sqlite3_finalize(q);
    }
    sqlite3_close(db);
    return result;
}

} // namespace

class TestFaults : public QObject {
    Q_OBJECT

private:
    struct Outcome {
        bool injected = false;
        QString failure; // empty: survived
        QStringList errors; // what reached the caller
        qint64 perOp[4] {}; // counted calls by operation, with the total
    };

    QTemporaryDir m_dir;
    QString m_hub;
    QString m_side;
    int m_totalInjected = 0;
    int m_totalSurvived = 0;
    QMap<QString, int> m_messages; // distinct errors seen, for the summary

    EngineOptions options() const
    {
        EngineOptions o;
        o.hubPath = m_hub;
        o.sync = SyncMode::Full; // every commit syncs: sync faults are part of the workload
        o.activityThreads = 4;
        // A close under a sticky fault cannot release the owner row; the reopen in this same
        // process then waits for the lease to expire (another pid on this host would be seen dead).
        o.ownerLeaseMs = 1000;
        return o;
    }

    void freshFiles()
    {
        for (const char *suffix : { "", "-wal", "-shm", "-journal" })
            QFile::remove(m_hub + QLatin1String(suffix));
        if (sideFile >= 0)
            ::close(sideFile);
        sideFile = ::open(QFile::encodeName(m_side).constData(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
        phase = 1;
    }

    /// Where every expected instance stands: empty when all are where they must end.
    static QString unfinished(Engine &engine, const Workload &w, QStringList *errors)
    {
        for (const auto &x : w.expects) {
            auto s = await(engine.status(x.instanceId));
            if (!s) {
                if (x.purged && s.error().code == ErrorCode::NotFound)
                    continue;
                if (errors)
                    errors->append(s.error().message);
                return s.error().message;
            }
            if (x.purged || s->status != x.status || s->output != x.output)
                return QStringLiteral("%1 is %2 with %3")
                    .arg(x.instanceId, statusName(s->status),
                         QString::fromUtf8(QJsonDocument(QJsonArray { s->output }).toJson(QJsonDocument::Compact)));
        }
        return {};
    }

    /// Activities whose completion is in the hub: inputs of TaskScheduled events answered by a
    /// TaskCompleted, plus the earlier executions a continue-as-new instance left behind.
    QSet<QString> committedActivities(const Workload &w)
    {
        Registry registry;
        EngineOptions o = options();
        o.runWorkers = false; // inspect only
        auto engine = Engine::open(o, registry);
        if (!engine)
            return {};
        QSet<QString> keys;
        for (const auto &x : w.expects) {
            auto history = await((*engine)->history(x.instanceId));
            if (!history)
                continue;
            QHash<int, QString> scheduled;
            for (const auto &e : *history) {
                if (e.type == EventType::TaskScheduled)
                    scheduled.insert(e.eventId,
                                     x.instanceId + u'|' + e.name + u'|'
                                         + QString::number(e.data.value(QStringLiteral("input")).toDouble()));
                else if (e.type == EventType::TaskCompleted && scheduled.contains(e.taskId))
                    keys.insert(scheduled.value(e.taskId));
            }
            auto info = await((*engine)->status(x.instanceId));
            if (info && info->name == QLatin1String("Counter")) {
                for (int n = 0; n < info->input.toInt(); ++n)
                    keys.insert(x.instanceId + QStringLiteral("|Step|") + QString::number(n));
            }
        }
        return keys;
    }

    QStringList ranAgain(const QSet<QString> &committed) const
    {
        QStringList again;
        QFile f(m_side);
        if (!f.open(QIODevice::ReadOnly))
            return { QStringLiteral("side file unreadable") };
        for (const auto &line : f.readAll().split('\n')) {
            const auto parts = line.split(' ');
            if (parts.size() == 2 && parts.at(1) == "2" && committed.contains(QString::fromUtf8(parts.at(0))))
                again.append(QString::fromUtf8(parts.at(0)));
        }
        return again;
    }

    /// One run of `w` with the fault at call `n` (0: none). Returns the clean count in `calls`.
    Outcome runOnce(const Workload &w, qint64 n, faultvfs::Kind kind, bool sticky, qint64 *calls = nullptr,
                    std::optional<faultvfs::Op> only = std::nullopt)
    {
        Outcome out;
        const auto counted = [&] {
            if (!calls)
                return;
            *calls = faultvfs::calls();
            for (int op = 0; op < 4; ++op)
                out.perOp[op] = faultvfs::calls(faultvfs::Op(op));
        };
        freshFiles();
        succeeded.clear();
        Registry registry;
        registerAll(registry);
        faultvfs::reset();
        std::unique_ptr<Engine> engine;
        std::unique_ptr<Engine> clientEngine;
        const auto openClient = [&]() -> bool {
            if (!w.withClient)
                return true;
            EngineOptions o = options();
            o.runWorkers = false;
            auto opened = Engine::open(o, registry);
            if (!opened) {
                out.failure = QStringLiteral("clean open of the client failed: ") + opened.error().message;
                return false;
            }
            clientEngine = std::move(*opened);
            client = clientEngine.get();
            return true;
        };
        struct ClientReset {
            ~ClientReset() { client = nullptr; }
        } clientReset;
        const auto closeClient = [&] {
            client = nullptr;
            clientEngine.reset();
        };
        if (!w.faultInOpen) {
            auto opened = Engine::open(options(), registry);
            if (!opened) {
                out.failure = QStringLiteral("clean open failed: ") + opened.error().message;
                return out;
            }
            engine = std::move(*opened);
            if (!openClient())
                return out;
            faultvfs::reset();
        }
        if (n > 0)
            faultvfs::arm(n, kind, sticky, only);
        qsizetype firstFailed = w.calls.size();
        if (w.faultInOpen) {
            auto opened = Engine::open(options(), registry);
            if (!opened) {
                out.errors.append(opened.error().message);
                firstFailed = 0;
            } else {
                engine = std::move(*opened);
            }
            counted();
        }
        if (engine) {
            QObject::connect(engine.get(), &Engine::backgroundError, engine.get(),
                             [&out](const Error &e) { out.errors.append(e.message); });
            for (qsizetype i = 0; i < w.calls.size(); ++i) {
                if (auto s = w.calls.at(i).run(*engine); !s) {
                    out.errors.append(s.error().message);
                    firstFailed = i;
                    break;
                }
            }
            // Until everything is done, or (a device that died) an error reached the caller.
            // A transient fault must heal in-process: the engine retries its batch.
            QDeadlineTimer deadline(20000);
            while (!deadline.hasExpired()) {
                if (firstFailed < w.calls.size())
                    break;
                if (unfinished(*engine, w, &out.errors).isEmpty())
                    break;
                if (sticky && n > 0 && !out.errors.isEmpty())
                    break;
                QTest::qWait(20);
            }
            if (n == 0 || !sticky) {
                if (firstFailed == w.calls.size()) {
                    if (auto left = unfinished(*engine, w, nullptr); !left.isEmpty())
                        out.failure
                            = QStringLiteral("not done in-process after %1: %2")
                                  .arg(n == 0 ? QStringLiteral("a clean run") : QStringLiteral("a transient fault"),
                                       left);
                    if (w.extra && out.failure.isEmpty() && !w.extra(*engine).isEmpty()) {
                        // A transient fault may hit the check's own read: that answer was an
                        // error, not a wrong value; ask again.
                        out.failure = w.extra(*engine);
                    }
                }
            } else if (out.errors.isEmpty() && !unfinished(*engine, w, nullptr).isEmpty()) {
                out.failure = QStringLiteral("the workload stalled and no error reached the caller");
            }
            closeClient();
            engine.reset(); // shut down with the fault still armed: closing must cope too
        }
        if (!w.faultInOpen)
            counted();
        out.injected = faultvfs::injected() > 0;
        faultvfs::disarm();
        if (!out.failure.isEmpty())
            return out;
        if (n == 0 && !out.errors.isEmpty()) {
            out.failure = QStringLiteral("errors in a clean run: ") + out.errors.join(QStringLiteral("; "));
            return out;
        }
        for (const auto &e : std::as_const(out.errors)) {
            if (e.trimmed().isEmpty())
                out.failure = QStringLiteral("an error without a message reached the caller");
        }

        // Reopen without faults, retry what failed, let everything finish.
        if (QFile::exists(m_hub)) {
            if (auto ok = integrity(m_hub); ok != QLatin1String("ok")) {
                out.failure = QStringLiteral("integrity after the fault: ") + ok;
                return out;
            }
        }
        const QSet<QString> committed = committedActivities(w);
        phase = 2;
        auto reopened = Engine::open(options(), registry);
        if (!reopened) {
            out.failure = QStringLiteral("reopen failed: ") + reopened.error().message;
            return out;
        }
        if (!openClient())
            return out;
        for (qsizetype i = firstFailed; i < w.calls.size(); ++i) {
            const auto &call = w.calls.at(i);
            if (auto s = call.run(**reopened); !s) {
                // A failed read cannot leave a commit half-known: then a call told it failed
                // must not have taken effect, and its retry must not find it done.
                const bool unambiguous
                    = n > 0 && !sticky && out.injected && faultvfs::firstInjectedOp() == faultvfs::Op::Read;
                if (unambiguous || !call.retryMayFind.contains(s.error().code)) {
                    out.failure = QStringLiteral("after reopen, %1: %2").arg(call.what, s.error().message);
                    return out;
                }
            }
        }
        QString left;
        QDeadlineTimer deadline(30000);
        while (!(left = unfinished(**reopened, w, nullptr)).isEmpty() && !deadline.hasExpired())
            QTest::qWait(20);
        if (!left.isEmpty()) {
            out.failure = QStringLiteral("after reopen: ") + left;
            return out;
        }
        if (w.extra) {
            if (auto bad = w.extra(**reopened); !bad.isEmpty()) {
                out.failure = QStringLiteral("after reopen: ") + bad;
                return out;
            }
        }
        closeClient();
        reopened->reset();
        if (auto again = ranAgain(committed); !again.isEmpty()) {
            out.failure = QStringLiteral("committed activities ran again: ") + again.join(u',');
            return out;
        }
        if (auto ok = integrity(m_hub); ok != QLatin1String("ok"))
            out.failure = QStringLiteral("integrity at the end: ") + ok;
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(faultvfs::install(), "cannot register the fault-injection VFS");
        m_hub = m_dir.filePath(QStringLiteral("hub.sqlite"));
        m_side = m_dir.filePath(QStringLiteral("activities.log"));
    }

    void cleanupTestCase()
    {
        if (sideFile >= 0)
            ::close(sideFile);
        qInfo("faults: %d injected, %d survived", m_totalInjected, m_totalSurvived);
        for (auto it = m_messages.cbegin(); it != m_messages.cend(); ++it)
            qInfo("  %5d x %s", it.value(), qPrintable(it.key()));
    }

    void faults_data()
    {
        QTest::addColumn<int>("index");
        const auto all = workloads();
        for (int i = 0; i < all.size(); ++i)
            QTest::newRow(qPrintable(all.at(i).name)) << i;
    }

    void faults()
    {
        QFETCH(int, index);
        const Workload w = workloads().at(index);
        QElapsedTimer timer;
        timer.start();

        qint64 total = 0;
        const Outcome clean = runOnce(w, 0, faultvfs::Kind::IoError, false, &total);
        QVERIFY2(clean.failure.isEmpty(), qPrintable(clean.failure));
        QVERIFY2(total > 0, "the workload made no I/O call through the shim");

        const bool full = qEnvironmentVariableIntValue("DURABLE_FAULTS_FULL") == 1;
        const int samples = qEnvironmentVariableIsSet("DURABLE_FAULTS_SAMPLES")
            ? qEnvironmentVariableIntValue("DURABLE_FAULTS_SAMPLES")
            : 6;
        struct Fault {
            qint64 n;
            faultvfs::Kind kind;
            bool sticky;
            std::optional<faultvfs::Op> only;
        };
        const auto stride = [&](qint64 count, int k) {
            QList<qint64> points;
            if (full || k >= count) {
                for (qint64 n = 1; n <= count; ++n)
                    points.append(n);
            } else {
                for (int i = 0; i < k; ++i)
                    points.append(1 + i * (count - 1) / qMax(1, k - 1));
            }
            return points;
        };
        QList<Fault> faults;
        const auto any = stride(total, samples);
        for (qsizetype i = 0; i < any.size(); ++i) // every fourth fault is transient
            faults.append(Fault { any.at(i), faultvfs::Kind(any.at(i) % 3), i % 4 != 3, std::nullopt });
        // Transient read errors on their own: most land inside a transaction (a stale page cache
        // after another connection's commit), where nothing of the transaction may be kept.
        for (const qint64 n : stride(clean.perOp[int(faultvfs::Op::Read)], samples))
            faults.append(Fault { n, faultvfs::Kind::IoError, false, faultvfs::Op::Read });

        int injected = 0;
        int survived = 0;
        QStringList failures;
        for (const auto &[n, kind, sticky, only] : std::as_const(faults)) {
            const Outcome o = runOnce(w, n, kind, sticky, nullptr, only);
            if (!o.injected && o.failure.isEmpty())
                continue; // the run made fewer calls than the clean one: nothing was tested
            ++injected;
            if (o.failure.isEmpty())
                ++survived;
            else
                failures.append(QStringLiteral("N=%1%6 (%2, %3, %4): %5")
                                    .arg(n)
                                    .arg(QLatin1String(faultvfs::name(faultvfs::firstInjectedOp())),
                                         QLatin1String(faultvfs::name(kind)),
                                         sticky ? QStringLiteral("sticky") : QStringLiteral("transient"), o.failure,
                                         only ? QStringLiteral(" of reads") : QString()));
            for (const auto &e : o.errors)
                ++m_messages[e];
        }
        m_totalInjected += injected;
        m_totalSurvived += survived;
        qInfo("%s: %lld I/O calls clean (%lld reads, %lld writes, %lld syncs, %lld truncates); %d faults injected, "
              "%d survived; %.1f s",
              qPrintable(w.name), total, clean.perOp[0], clean.perOp[1], clean.perOp[2], clean.perOp[3], injected,
              survived, timer.elapsed() / 1000.0);
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
        QVERIFY(injected > 0);
    }
};

int main(int argc, char **argv)
{
    // The full loop runs for many minutes per workload: past QtTest's five-minute watchdog.
    if (qEnvironmentVariableIntValue("DURABLE_FAULTS_FULL") == 1
        && !qEnvironmentVariableIsSet("QTEST_FUNCTION_TIMEOUT"))
        qputenv("QTEST_FUNCTION_TIMEOUT", "14400000");
    QCoreApplication app(argc, argv);
    TestFaults test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_faults.moc"
