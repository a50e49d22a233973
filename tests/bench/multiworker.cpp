#include "multiworker.h"
#include "pglimit.h"

#include "engine.h"
#include "hubopen.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSocketNotifier>
#include <QThread>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <libpq-fe.h>
#include <memory>

using namespace durable;

namespace bench {

namespace {

    const QString Payload(180, u'x'); // ~200-byte JSON payloads, as the single-process workloads

    Task<QJsonValue> fan(OrchestrationContext &ctx)
    {
        const int n = ctx.input()[QStringLiteral("n")].toInt();
        const QJsonObject work { { QStringLiteral("ms"), ctx.input()[QStringLiteral("ms")] },
                                 { QStringLiteral("p"), Payload } };
        std::vector<Future> tasks;
        tasks.reserve(size_t(n));
        for (int i = 0; i < n; ++i)
            tasks.push_back(ctx.callActivity(QStringLiteral("MwWork"), work));
        co_await whenAll(tasks);
        co_return n;
    }

    Task<QJsonValue> chain(OrchestrationContext &ctx)
    {
        const int n = ctx.input()[QStringLiteral("n")].toInt();
        QJsonValue v = QJsonObject { { QStringLiteral("ms"), 0 }, { QStringLiteral("p"), Payload } };
        for (int i = 0; i < n; ++i)
            v = co_await ctx.callActivity(QStringLiteral("MwWork"), v);
        co_return n;
    }

    void registerWorkloads(Registry &registry, std::atomic<qint64> *executed)
    {
        registry.addOrchestrator(QStringLiteral("MwFan"), fan);
        registry.addOrchestrator(QStringLiteral("MwChain"), chain);
        registry.addActivity(QStringLiteral("MwWork"), [executed](ActivityContext &, const QJsonValue &x) {
            if (const int ms = x[QStringLiteral("ms")].toInt(); ms > 0)
                QThread::msleep(quint64(ms));
            if (executed)
                ++*executed;
            return x;
        });
    }

    /// The URL's query parameters other than `drop` (string handling: QUrl would decode a socket
    /// directory given as the host).
    QString withoutParameters(const QString &url, const QStringList &drop)
    {
        const qsizetype question = url.indexOf(u'?');
        QStringList kept;
        if (question >= 0) {
            for (const auto &p : url.mid(question + 1).split(u'&', Qt::SkipEmptyParts)) {
                if (!drop.contains(p.section(u'=', 0, 0)))
                    kept.append(p);
            }
        }
        const QString base = question < 0 ? url : url.left(question);
        return kept.isEmpty() ? base : base + u'?' + kept.join(u'&');
    }

    /// The URL with its hub parameter set to `name`.
    QString withHub(const QString &url, const QString &name)
    {
        const QString rest = withoutParameters(url, { QStringLiteral("hub") });
        return rest + (rest.contains(u'?') ? u'&' : u'?') + QStringLiteral("hub=") + name;
    }

    /// What libpq accepts: the URL without the store's own parameters.
    QByteArray serverConninfo(const QString &url)
    {
        return withoutParameters(url, { QStringLiteral("hub"), QStringLiteral("idle_tx_timeout_ms") }).toUtf8();
    }

    using Connection = std::unique_ptr<PGconn, decltype(&PQfinish)>;

    bool exec(PGconn *c, const QByteArray &sql)
    {
        PGresult *r = PQexec(c, sql.constData());
        const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
        if (!ok)
            std::fprintf(stderr, "limit: %s", PQresultErrorMessage(r));
        PQclear(r);
        return ok;
    }

    struct Run {
        double wall = 0;
        double perSecond = 0;
        QList<qint64> executed; ///< per worker process
        qint64 duplicates = 0;
    };

    /// One run of one workload on a fresh hub with `options.workers` worker processes.
    std::optional<Run> runOnce(const MultiWorkerOptions &options, const QString &workload, int n, int index)
    {
        const bool server = isServerHub(options.hub);
        const QString name = QStringLiteral("bench_%1_%2_%3")
                                 .arg(QCoreApplication::applicationPid())
                                 .arg(QString(workload).replace(u'-', u'_'))
                                 .arg(index);
        const QString hub = server ? withHub(options.hub, name) : QDir(options.hub).filePath(name + u".sqlite");
        if (!server) {
            for (const char *suffix : { "", "-wal", "-shm" })
                QFile::remove(hub + QLatin1String(suffix));
        }
        const SyncMode sync = options.syncName == QLatin1String("normal") ? SyncMode::Normal : SyncMode::Full;
        // The client (no workers) creates the hub before the workers open it.
        Registry registry;
        registerWorkloads(registry, nullptr);
        EngineOptions o;
        o.hubPath = hub;
        o.sync = sync;
        o.runWorkers = false;
        o.pollIntervalMs = 50;
        auto client = Engine::open(o, registry);
        if (!client) {
            std::fprintf(stderr, "cannot open hub: %s\n", qPrintable(client.error().message));
            return std::nullopt;
        }
        std::vector<std::unique_ptr<QProcess>> workers;
        for (int i = 0; i < options.workers; ++i) {
            auto p = std::make_unique<QProcess>();
            p->setProcessChannelMode(QProcess::SeparateChannels);
            p->setReadChannel(QProcess::StandardOutput);
            p->start(options.self,
                     { QStringLiteral("--worker-of"), hub, QStringLiteral("--threads"),
                       QString::number(options.threads), QStringLiteral("--sync"), options.syncName });
            if (!p->waitForStarted()) {
                std::fprintf(stderr, "cannot start a worker\n");
                return std::nullopt;
            }
            workers.push_back(std::move(p));
        }
        // Timed from the moment every worker holds a session (SQLite: the one owner).
        auto store = openHubStore(hub, sync, false);
        const int expected = server ? options.workers : 1;
        if (!store) {
            std::fprintf(stderr, "cannot open hub: %s\n", qPrintable(store.error().message));
            return std::nullopt;
        }
        QElapsedTimer waited;
        waited.start();
        for (;;) {
            auto sessions = (*store)->sessions();
            if (sessions && sessions->size() >= expected)
                break;
            if (waited.elapsed() > 60'000) {
                std::fprintf(stderr, "the workers did not open their sessions\n");
                return std::nullopt;
            }
            QThread::msleep(20);
        }
        QElapsedTimer timer;
        timer.start();
        QStringList ids;
        int activities = n;
        if (workload == QLatin1String("instances")) {
            QList<QFuture<Result<QString>>> starts;
            for (int i = 0; i < n; ++i)
                starts.append((*client)->start(QStringLiteral("MwChain"), QJsonObject { { QStringLiteral("n"), 3 } }));
            for (auto &f : starts) {
                if (auto id = f.result())
                    ids.append(*id);
            }
            activities = 3 * n;
        } else {
            const bool chained = workload == QLatin1String("sequential");
            const QJsonObject input { { QStringLiteral("n"), n },
                                      { QStringLiteral("ms"), workload == QLatin1String("fanout-sleep") ? 20 : 0 } };
            if (auto id
                = (*client)->start(chained ? QStringLiteral("MwChain") : QStringLiteral("MwFan"), input).result())
                ids.append(*id);
        }
        bool complete = ids.size() == (workload == QLatin1String("instances") ? n : 1);
        for (const auto &id : std::as_const(ids)) {
            const auto done = (*client)->waitForCompletion(id, 3600 * 1000).result();
            complete = complete && done && done->status == RuntimeStatus::Completed;
        }
        Run run;
        run.wall = timer.nsecsElapsed() / 1e9;
        run.perSecond = activities / run.wall;
        if (!complete)
            std::fprintf(stderr, "%s did not complete\n", qPrintable(workload));
        qint64 total = 0;
        for (auto &p : workers) {
            p->closeWriteChannel();
            if (!p->waitForFinished(120'000))
                p->kill();
            qint64 executed = 0;
            for (const auto &line : p->readAllStandardOutput().split('\n')) {
                if (line.startsWith("executed "))
                    executed = line.mid(9).toLongLong();
            }
            run.executed.append(executed);
            total += executed;
        }
        run.duplicates = total - activities;
        store->reset();
        client->reset();
        if (server) {
            Connection conn(PQconnectdb(serverConninfo(options.hub).constData()), &PQfinish);
            exec(conn.get(),
                 "SET client_min_messages = warning; DROP SCHEMA IF EXISTS \"" + name.toUtf8() + "\" CASCADE");
        }
        return complete ? std::optional<Run>(run) : std::nullopt;
    }

} // namespace

QStringList multiWorkerWorkloads()
{
    return { QStringLiteral("limit"), QStringLiteral("fanout-sleep"), QStringLiteral("fanout"),
             QStringLiteral("instances"), QStringLiteral("sequential") };
}

int runBenchWorker(const QString &hub, int threads, SyncMode sync)
{
    std::atomic<qint64> executed = 0;
    Registry registry;
    registerWorkloads(registry, &executed);
    EngineOptions o;
    o.hubPath = hub;
    o.sync = sync;
    o.activityThreads = threads;
    o.pollIntervalMs = 50;
    auto engine = Engine::open(o, registry);
    if (!engine) {
        std::fprintf(stderr, "worker: cannot open hub: %s\n", qPrintable(engine.error().message));
        return 2;
    }
    QObject::connect(engine->get(), &HubClient::backgroundError, qApp, [](const Error &error) {
        std::fprintf(stderr, "worker %lld: %s\n", qlonglong(::getpid()), qPrintable(error.message));
    });
    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&input, &QSocketNotifier::activated, qApp, [&input] {
        char buffer[256];
        if (::read(STDIN_FILENO, buffer, sizeof buffer) <= 0) {
            input.setEnabled(false);
            QCoreApplication::quit();
        }
    });
    const int code = QCoreApplication::exec();
    engine->reset();
    std::printf("executed %lld\n", qlonglong(executed.load()));
    std::fflush(stdout);
    return code;
}

int runMultiWorker(const MultiWorkerOptions &options)
{
    const bool server = isServerHub(options.hub);
    const bool fullSync = options.syncName != QLatin1String("normal");
    const auto median = [](QList<double> v) {
        std::sort(v.begin(), v.end());
        return v.isEmpty() ? 0.0 : v.at(v.size() / 2);
    };
    // The server's own limit, measured in the same run (SQLite's is the plain durable-bench one).
    double limitOne = 0, limitHundred = 0;
    if (server) {
        QList<double> one, hundred;
        for (int r = 0; r < options.repeat; ++r) {
            const SyncMode sync = fullSync ? SyncMode::Full : SyncMode::Normal;
            one.append(measurePgLimit(options.hub, sync, 1, options.limitSteps / 2));
            hundred.append(measurePgLimit(options.hub, sync, 100, options.limitSteps * 4));
        }
        limitOne = median(one);
        limitHundred = median(hundred);
    }
    const QString backend = server ? QStringLiteral("postgresql") : QStringLiteral("sqlite");
    if (!options.json)
        std::printf("%-13s %6s %7s %6s %9s %12s %-13s %7s %5s  %s\n", "workload", "n", "backend", "workers", "wall_s",
                    "rate", "", "ratio", "dups", "share per worker");
    int failures = 0;
    for (const auto &w : options.workloads) {
        if (w == QLatin1String("limit")) {
            if (!server)
                continue;
            for (const auto &[name, rate] : { std::pair { QStringLiteral("pg-limit-1"), limitOne },
                                              std::pair { QStringLiteral("pg-limit-100"), limitHundred } }) {
                if (options.json)
                    std::printf("%s\n",
                                QJsonDocument(QJsonObject { { QStringLiteral("workload"), name },
                                                            { QStringLiteral("backend"), backend },
                                                            { QStringLiteral("sync"), options.syncName },
                                                            { QStringLiteral("activities_per_s"), rate },
                                                            { QStringLiteral("unit"), QStringLiteral("steps/s") },
                                                            { QStringLiteral("runs"), options.repeat } })
                                    .toJson(QJsonDocument::Compact)
                                    .constData());
                else
                    std::printf("%-13s %6s %7s %6s %9s %12.0f %-13s\n", qPrintable(name), "", "pg", "", "", rate,
                                "steps/s");
            }
            continue;
        }
        const bool instances = w == QLatin1String("instances"), chain = w == QLatin1String("sequential");
        const int n = options.n > 0 ? options.n : (instances || chain ? 2000 : 10000);
        QList<Run> runs;
        for (int r = 0; r < options.repeat; ++r) {
            if (auto run = runOnce(options, w, n, r))
                runs.append(*run);
            else
                ++failures;
        }
        if (runs.isEmpty())
            continue;
        std::sort(runs.begin(), runs.end(), [](const Run &a, const Run &b) { return a.perSecond < b.perSecond; });
        const Run &m = runs.at(runs.size() / 2);
        qint64 total = 0;
        for (const qint64 e : m.executed)
            total += e;
        QJsonArray share;
        QStringList shareText;
        for (const qint64 e : m.executed) {
            const double s = total > 0 ? double(e) / double(total) : 0;
            share.append(s);
            shareText.append(QString::number(s, 'f', 2));
        }
        qint64 duplicates = 0;
        for (const auto &r : std::as_const(runs))
            duplicates = std::max(duplicates, r.duplicates);
        const double limit = chain ? limitOne : limitHundred;
        const double ratio = limit > 0 ? m.perSecond / limit : 0;
        const int activities = instances ? 3 * n : n;
        if (options.json) {
            QJsonObject o { { QStringLiteral("workload"), w },
                            { QStringLiteral("n"), activities },
                            { QStringLiteral("backend"), backend },
                            { QStringLiteral("workers"), options.workers },
                            { QStringLiteral("threads"), options.threads },
                            { QStringLiteral("sync"), options.syncName },
                            { QStringLiteral("wall_s"), m.wall },
                            { QStringLiteral("activities_per_s"), m.perSecond },
                            { QStringLiteral("unit"), QStringLiteral("activities/s") },
                            { QStringLiteral("share"), share },
                            { QStringLiteral("duplicates"), duplicates },
                            { QStringLiteral("runs"), int(runs.size()) } };
            if (limit > 0) {
                o.insert(QStringLiteral("limit"),
                         chain ? QStringLiteral("1-per-transaction") : QStringLiteral("100-per-transaction"));
                o.insert(QStringLiteral("limit_per_s"), limit);
                o.insert(QStringLiteral("limit_ratio"), ratio);
            }
            std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
        } else {
            std::printf("%-13s %6d %7s %6d %9.3f %12.0f %-13s %7s %5lld  %s\n", qPrintable(w), activities,
                        server ? "pg" : "sqlite", options.workers, m.wall, m.perSecond, "activities/s",
                        limit > 0 ? qPrintable(QString::number(ratio, 'f', 2)) : "", qlonglong(duplicates),
                        qPrintable(shareText.join(u' ')));
        }
        std::fflush(stdout);
    }
    return failures == 0 ? 0 : 1;
}

} // namespace bench
