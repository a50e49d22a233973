// durable-bench: engine throughput on a real hub file. Workloads: sequential, fanout, instances,
// events, replay; with --node and --node-dir also sdk-sequential and sdk-fanout, the same chain
// and fan-out run by a JavaScript Durable Task SDK worker over the sidecar protocol; only when
// asked for: instances-grown (instances into a hub that holds 20 × n finished ones),
// replay-restart (the replay as the engine does it after a restart), http-load
// (drives the headless app over HTTP, httpload.h), fair and http-chains (latencies,
// fairload.h). Prints a table, or one JSON object per workload with --json.
#include "engine.h"
#include "fairload.h"
#include "httpload.h"
#include "hubopen.h"
#include "multiworker.h"
#include "pglimit.h"
#include "sidecarserver.h"
#include "sqlitelimit.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include <cstdio>

using namespace durable;

namespace {

double peakRssMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const auto &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return 0;
}

const QByteArray Payload(180, 'x'); // ~200-byte JSON payloads, as in the reference limit

Task<QJsonValue> sequential(OrchestrationContext &ctx)
{
    QJsonValue v = QString::fromLatin1(Payload);
    for (int i = 0; i < ctx.input().toInt(); ++i)
        v = co_await ctx.callActivity(QStringLiteral("Echo"), v);
    co_return v.toString().size();
}

Task<QJsonValue> fanout(OrchestrationContext &ctx)
{
    std::vector<Future> tasks;
    const int n = ctx.input().toInt();
    tasks.reserve(size_t(n));
    for (int i = 0; i < n; ++i)
        tasks.push_back(ctx.callActivity(QStringLiteral("Echo"), QString::fromLatin1(Payload)));
    co_await whenAll(tasks);
    co_return n;
}

Task<QJsonValue> three(OrchestrationContext &ctx)
{
    QJsonValue v = QString::fromLatin1(Payload);
    for (int i = 0; i < 3; ++i)
        v = co_await ctx.callActivity(QStringLiteral("Echo"), v);
    co_return 3;
}

Task<QJsonValue> events(OrchestrationContext &ctx)
{
    const int n = ctx.input().toInt();
    for (int i = 0; i < n; ++i)
        co_await ctx.waitForExternalEvent(QStringLiteral("Tick"));
    co_return n;
}

struct Figures {
    QString workload;
    int n = 0;
    double wall = 0;
    double perSecond = 0;
    QString unit = QStringLiteral("activities/s");
    /// Replay workloads: the time spent reading the history and replaying it (their sum is `wall`
    /// for one run; for the median of several, each part's own median over the runs).
    std::optional<double> readSeconds {}, replaySeconds {};
    /// Repeated runs: the fastest and the slowest run's wall time.
    std::optional<std::pair<double, double>> wallRange {};
};

/// The future's result, waited for with this thread's event loop running (idle, not spinning).
template<typename T>
T await(QFuture<T> future)
{
    QEventLoop loop;
    QFutureWatcher<T> watcher;
    QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
    watcher.setFuture(future);
    if (!future.isFinished())
        loop.exec();
    return future.result();
}

class Bench {
public:
    Bench(QString dir, SyncMode sync)
        : m_dir(std::move(dir))
        , m_sync(sync)
    {
        m_registry.addOrchestrator(QStringLiteral("Sequential"), sequential);
        m_registry.addOrchestrator(QStringLiteral("Fanout"), fanout);
        m_registry.addOrchestrator(QStringLiteral("Three"), three);
        m_registry.addOrchestrator(QStringLiteral("Events"), events);
        m_registry.addActivity(QStringLiteral("Echo"), [](ActivityContext &, const QJsonValue &v) { return v; });
    }

    /// A fresh hub for a workload: a file in the directory, or (when --hub is a PostgreSQL URL) a
    /// schema of its own on that server.
    QString freshHub(const QString &name)
    {
        if (isServerHub(m_dir)) {
            static int counter = 0;
            QString hub = name;
            hub.remove(QStringLiteral(".sqlite")).replace(u'-', u'_');
            return m_dir + (m_dir.contains(u'?') ? u'&' : u'?')
                + QStringLiteral("hub=bench_%1_%2_%3").arg(hub).arg(QCoreApplication::applicationPid()).arg(++counter);
        }
        const QString path = QDir(m_dir).filePath(name);
        QFile::remove(path);
        return path;
    }

    /// A fresh hub named `name` (see freshHub()), or with `asItIs` the hub at that path.
    std::unique_ptr<Engine> open(const QString &name, int cacheSize = 2000, bool asItIs = false)
    {
        EngineOptions o;
        o.hubPath = asItIs || name.contains(QLatin1String("://")) ? name : freshHub(name);
        o.sync = m_sync;
        o.cacheSize = cacheSize;
        auto engine = Engine::open(o, m_registry);
        if (!engine) {
            std::fprintf(stderr, "cannot open hub: %s\n", qPrintable(engine.error().message));
            std::exit(2);
        }
        return std::move(*engine);
    }

    Figures single(const QString &workload, const QString &orchestrator, int n)
    {
        auto engine = open(workload + QStringLiteral(".sqlite"));
        QElapsedTimer timer;
        timer.start();
        const QString id = engine->start(orchestrator, n).result().value();
        const auto done = engine->waitForCompletion(id, 3600 * 1000).result();
        const double wall = timer.nsecsElapsed() / 1e9;
        if (!done || done->status != RuntimeStatus::Completed)
            std::fprintf(stderr, "%s did not complete\n", qPrintable(workload));
        return Figures { workload, n, wall, n / wall };
    }

    /// Starts n "Three" instances at once, as a busy client would (the engine group-commits
    /// them), and waits for all of them; returns the seconds it took.
    static double runInstances(Engine &engine, int n)
    {
        QElapsedTimer timer;
        timer.start();
        QList<QFuture<Result<QString>>> starts;
        for (int i = 0; i < n; ++i)
            starts.append(engine.start(QStringLiteral("Three"), 0));
        QStringList ids;
        for (auto &f : starts)
            ids.append(f.result().value());
        for (const auto &id : ids)
            (void)engine.waitForCompletion(id, 3600 * 1000).result();
        return timer.nsecsElapsed() / 1e9;
    }

    Figures instances(int n)
    {
        auto engine = open(QStringLiteral("instances.sqlite"));
        const double wall = runInstances(*engine, n);
        return Figures { QStringLiteral("instances"), n, wall, 3.0 * n / wall };
    }

    /// The same into a hub that already holds 20 × n finished instances (made once per
    /// invocation, copied for each run): what a start costs once the hub is large.
    Figures grownInstances(int n)
    {
        if (isServerHub(m_dir)) {
            std::fprintf(stderr, "instances-grown runs on SQLite files only\n");
            std::exit(64);
        }
        const QString filled = QDir(m_dir).filePath(QStringLiteral("grown-template.sqlite"));
        if (!m_grownFilled) {
            auto engine = open(QStringLiteral("grown-template.sqlite"));
            for (int i = 0; i < 20; ++i)
                (void)runInstances(*engine, n);
            m_grownFilled = true;
        }
        const QString path = freshHub(QStringLiteral("instances-grown.sqlite"));
        if (!QFile::copy(filled, path)) {
            std::fprintf(stderr, "cannot copy %s\n", qPrintable(filled));
            std::exit(2);
        }
        auto engine = open(path, 2000, true);
        const auto held = engine->countByStatus().result();
        if (!held || held->value(int(RuntimeStatus::Completed)) != 20 * n) {
            std::fprintf(stderr, "the grown hub does not hold %d finished instances\n", 20 * n);
            std::exit(2);
        }
        const double wall = runInstances(*engine, n);
        return Figures { QStringLiteral("instances-grown"), n, wall, 3.0 * n / wall };
    }

    Figures raisedEvents(int n)
    {
        auto engine = open(QStringLiteral("events.sqlite"));
        QElapsedTimer timer;
        timer.start();
        const QString id = engine->start(QStringLiteral("Events"), n).result().value();
        QList<QFuture<Status>> raised;
        for (int i = 0; i < n; ++i)
            raised.append(engine->raiseEvent(id, QStringLiteral("Tick"), i));
        for (auto &f : raised)
            (void)f.result();
        (void)engine->waitForCompletion(id, 3600 * 1000).result();
        const double wall = timer.nsecsElapsed() / 1e9;
        Figures f { QStringLiteral("events"), n, wall, n / wall };
        f.unit = QStringLiteral("events/s");
        return f;
    }

    /// The chain or fan-out at a JavaScript SDK worker: the engine and the sidecar here, the worker
    /// a Node process of its own, as a user's app would run.
    Figures sdk(const QString &workload, const QString &orchestrator, int n, const QString &node,
                const QString &nodeDir)
    {
        EngineOptions o;
        o.hubPath = freshHub(workload + QStringLiteral(".sqlite"));
        o.sync = m_sync;
        o.externalWorkers = true;
        auto engine = Engine::open(o, m_registry);
        if (!engine) {
            std::fprintf(stderr, "cannot open hub: %s\n", qPrintable(engine.error().message));
            std::exit(2);
        }
        grpc::SidecarServerOptions so;
        so.port = 0;
        grpc::SidecarServer sidecar(**engine, so);
        if (auto port = sidecar.listen(); !port) {
            std::fprintf(stderr, "sidecar: %s\n", qPrintable(port.error().message));
            std::exit(2);
        }
        QProcess worker;
        worker.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DURABLE_SIDECAR"), sidecar.endpoint());
        env.insert(QStringLiteral("DURABLE_NODE_DIR"), nodeDir);
        worker.setProcessEnvironment(env);
        worker.start(node, { QStringLiteral(DURABLE_SDK_WORKER) });
        // The SDK's worker connects on its own schedule: wait for its stream, not for a time. The
        // sidecar answers on this thread's event loop, so every wait here runs it (idle, not spinning).
        {
            QEventLoop loop;
            QObject::connect(&sidecar, &grpc::SidecarServer::workersChanged, &loop, &QEventLoop::quit);
            QObject::connect(&worker, &QProcess::finished, &loop, &QEventLoop::quit);
            QTimer::singleShot(60'000, &loop, &QEventLoop::quit);
            if (sidecar.workers().isEmpty())
                loop.exec();
        }
        if (sidecar.workers().isEmpty()) {
            std::fprintf(stderr, "the SDK worker did not connect\n");
            std::exit(2);
        }
        QElapsedTimer timer;
        timer.start();
        const QString id = await((*engine)->start(orchestrator, n)).value();
        const auto done = await((*engine)->waitForCompletion(id, 3600 * 1000));
        const double wall = timer.nsecsElapsed() / 1e9;
        if (!done || done->status != RuntimeStatus::Completed)
            std::fprintf(stderr, "%s did not complete\n", qPrintable(workload));
        worker.closeWriteChannel();
        if (!worker.waitForFinished(10'000))
            worker.kill();
        sidecar.shutdown();
        return Figures { workload, n, wall, n / wall };
    }

    /// `restart`: as the engine replays after a restart (the store read for replay, no instance
    /// row, no public conversion); otherwise through Engine::history(), as the GUI and the HTTP
    /// API read a history, then replayed.
    Figures replay(int n, bool restart)
    {
        QString id;
        const QString hub = freshHub(QStringLiteral("replay.sqlite"));
        {
            auto engine = open(hub);
            id = engine->start(QStringLiteral("Fanout"), n).result().value();
            // Stop just before the end: complete all but the last step, by running a fan-out and
            // then timing a fresh full replay of its whole history from the file.
            (void)engine->waitForCompletion(id, 3600 * 1000).result();
        }
        const QString workload = restart ? QStringLiteral("replay-restart") : QStringLiteral("replay");
        // Restart: the dispatcher's own read on a freshly opened store; else a new engine's public one.
        auto store = restart ? openHubStore(hub, m_sync, true) : Result<std::unique_ptr<HubStore>>();
        auto record = store && *store ? (*store)->instance(id, false) : Result<std::optional<InstanceRecord>>();
        EngineOptions o;
        o.hubPath = hub;
        o.sync = m_sync;
        auto engine = restart ? Result<std::unique_ptr<Engine>>() : Engine::open(o, m_registry);
        QElapsedTimer timer;
        timer.start();
        const bool opened = restart ? store && record && *record : bool(engine);
        auto history = !opened ? Result<History>(fail(ErrorCode::Storage, hub))
            : restart          ? (*store)->history(id, (*record)->info.executionId, HubStore::HistoryRead::Replay)
                               : (*engine)->history(id).result();
        const qint64 loadNs = timer.nsecsElapsed();
        if (!history) {
            std::fprintf(stderr, "%s: cannot read the history: %s\n", qPrintable(workload),
                         qPrintable(history.error().message));
            return Figures { workload, n, 0, 0 };
        }
        OrchestrationRunProbe probe(*history, m_registry);
        const double wall = (loadNs + probe.nanoseconds) / 1e9;
        return Figures {
            workload, n, wall, n / wall, QStringLiteral("activities/s"), loadNs / 1e9, probe.nanoseconds / 1e9
        };
    }

private:
    /// Replays a history through the executor exactly as the dispatcher does after a restart.
    struct OrchestrationRunProbe {
        qint64 nanoseconds = 0;
        OrchestrationRunProbe(const History &history, Registry &registry);
    };

    QString m_dir;
    SyncMode m_sync;
    bool m_grownFilled = false;
    Registry m_registry;
};

} // namespace

#include "run.h"

Bench::OrchestrationRunProbe::OrchestrationRunProbe(const History &history, Registry &registry)
{
    QElapsedTimer timer;
    timer.start();
    OrchestrationRun run(QStringLiteral("replay"), QStringLiteral("x"),
                         registry.orchestrator(QStringLiteral("Fanout"))->function);
    for (const auto &e : history)
        run.apply(e, true);
    nanoseconds = timer.nsecsElapsed();
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Durable Workbench engine benchmarks"));
    parser.addHelpOption();
    parser.addOption(
        { QStringLiteral("workload"),
          QStringLiteral("limit, sequential, fanout, instances, events, replay, sdk-sequential, sdk-fanout, "
                         "instances-grown, replay-restart, http-load, fair or http-chains (repeatable; default all "
                         "but the last five)"),
          QStringLiteral("name") });
    parser.addOption(
        { QStringLiteral("n"),
          QStringLiteral("Size of each workload (default 10000; instances and http-chains: 2000; fair: the fan-out)"),
          QStringLiteral("count") });
    parser.addOption({ QStringLiteral("sync"), QStringLiteral("full or normal (default full)"), QStringLiteral("mode"),
                       QStringLiteral("full") });
    parser.addOption({ QStringLiteral("hub"),
                       QStringLiteral("Directory for the hub files (default: a temporary one), or a PostgreSQL URL "
                                      "(postgresql://…): each workload then gets a schema of its own there, and the "
                                      "limit is PostgreSQL's, measured on that server"),
                       QStringLiteral("dir") });
    parser.addOption({ QStringLiteral("json"), QStringLiteral("One JSON object per line per workload") });
    parser.addOption({ QStringLiteral("repeat"), QStringLiteral("Runs per figure; the median is reported (default 1)"),
                       QStringLiteral("k"), QStringLiteral("1") });
    parser.addOption(
        { QStringLiteral("node"), QStringLiteral("Node.js (22) for the sdk-* workloads"), QStringLiteral("path") });
    parser.addOption({ QStringLiteral("node-dir"),
                       QStringLiteral("npm install holding @microsoft/durabletask-js (tests/sidecar/run.sh "
                                      "--install-only makes one) for the sdk-* workloads"),
                       QStringLiteral("dir") });
    parser.addOption({ QStringLiteral("app"),
                       QStringLiteral("durable-workbench for http-load (default: the one beside this program)"),
                       QStringLiteral("path") });
    parser.addOption({ QStringLiteral("clients"),
                       QStringLiteral("Concurrent HTTP clients for http-load and http-chains (default 32)"),
                       QStringLiteral("n"), QStringLiteral("32") });
    parser.addOption({ QStringLiteral("seconds"), QStringLiteral("Duration of http-load (default 10)"),
                       QStringLiteral("s"), QStringLiteral("10") });
    parser.addOption({ QStringLiteral("workers"),
                       QStringLiteral("Run the workload in N worker processes sharing the hub (--hub: a postgresql:// "
                                      "URL, or a directory for SQLite); workloads: ")
                           + bench::multiWorkerWorkloads().join(QStringLiteral(", ")),
                       QStringLiteral("n") });
    parser.addOption({ QStringLiteral("threads"),
                       QStringLiteral("Activity threads per worker process, and for fair (default 8)"),
                       QStringLiteral("n"), QStringLiteral("8") });
    QCommandLineOption workerOf(QStringLiteral("worker-of"), QStringLiteral("(internal) run as a worker of HUB"),
                                QStringLiteral("hub"));
    workerOf.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(workerOf);
    parser.process(app);
    if (parser.isSet(workerOf))
        return bench::runBenchWorker(parser.value(workerOf), qMax(1, parser.value(QStringLiteral("threads")).toInt()),
                                     parser.value(QStringLiteral("sync")) == QLatin1String("normal") ? SyncMode::Normal
                                                                                                     : SyncMode::Full);
    if (parser.isSet(QStringLiteral("workers"))) {
        bench::MultiWorkerOptions o;
        o.hub = parser.value(QStringLiteral("hub"));
        o.self = QCoreApplication::applicationFilePath();
        o.workers = qMax(1, parser.value(QStringLiteral("workers")).toInt());
        o.threads = qMax(1, parser.value(QStringLiteral("threads")).toInt());
        o.workloads = parser.values(QStringLiteral("workload"));
        if (o.workloads.isEmpty())
            o.workloads = bench::multiWorkerWorkloads();
        for (const auto &w : std::as_const(o.workloads)) {
            if (!bench::multiWorkerWorkloads().contains(w)) {
                std::fprintf(stderr, "--workers runs %s, not '%s'\n",
                             qPrintable(bench::multiWorkerWorkloads().join(QStringLiteral(", "))), qPrintable(w));
                return 64;
            }
        }
        o.n = parser.isSet(QStringLiteral("n")) ? parser.value(QStringLiteral("n")).toInt() : -1;
        o.repeat = qMax(1, parser.value(QStringLiteral("repeat")).toInt());
        o.limitSteps = o.n > 0 ? qMax(100, o.n) : 5000; // as the single-process limit
        o.json = parser.isSet(QStringLiteral("json"));
        o.syncName = parser.value(QStringLiteral("sync"));
        QTemporaryDir temp;
        if (o.hub.isEmpty())
            o.hub = temp.path();
        return bench::runMultiWorker(o);
    }

    QStringList workloads = parser.values(QStringLiteral("workload"));
    QStringList all { QStringLiteral("limit"),     QStringLiteral("sequential"), QStringLiteral("fanout"),
                      QStringLiteral("instances"), QStringLiteral("events"),     QStringLiteral("replay") };
    const QString node = parser.value(QStringLiteral("node"));
    // Absolute: the worker script resolves its require() against it.
    const QString nodeDir = parser.isSet(QStringLiteral("node-dir"))
        ? QFileInfo(parser.value(QStringLiteral("node-dir"))).absoluteFilePath()
        : QString();
    const bool withSdk = !node.isEmpty() && !nodeDir.isEmpty();
    if (workloads.isEmpty())
        workloads = all;
    const QStringList sdkWorkloads { QStringLiteral("sdk-sequential"), QStringLiteral("sdk-fanout") };
    all += sdkWorkloads;
    all += QStringLiteral("instances-grown");
    all += QStringLiteral("replay-restart");
    all += QStringLiteral("http-load");
    all += QStringLiteral("fair");
    all += QStringLiteral("http-chains");
    if (withSdk && !parser.isSet(QStringLiteral("workload")))
        workloads += sdkWorkloads;
    for (const auto &w : std::as_const(workloads)) {
        if (sdkWorkloads.contains(w) && !withSdk) {
            std::fprintf(stderr, "%s needs --node and --node-dir\n", qPrintable(w));
            return 64;
        }
    }
    for (const auto &w : workloads) {
        if (!all.contains(w)) {
            std::fprintf(stderr, "unknown workload '%s'\n", qPrintable(w));
            return 64;
        }
    }
    const QString syncName = parser.value(QStringLiteral("sync"));
    if (syncName != QLatin1String("full") && syncName != QLatin1String("normal")) {
        std::fprintf(stderr, "--sync must be full or normal\n");
        return 64;
    }
    const int repeat = qMax(1, parser.value(QStringLiteral("repeat")).toInt());
    QTemporaryDir temp;
    const QString dir = parser.isSet(QStringLiteral("hub")) ? parser.value(QStringLiteral("hub")) : temp.path();
    const bool server = isServerHub(dir);
    if (!server)
        QDir().mkpath(dir);
    // http-load, fair and http-chains check what they ran and fail the program if not; their
    // figures are not compared with a limit, so each runs on its own.
    for (const auto &alone : { QStringLiteral("http-load"), QStringLiteral("fair"), QStringLiteral("http-chains") }) {
        if (!workloads.contains(alone))
            continue;
        if (workloads.size() != 1) {
            std::fprintf(stderr, "%s runs alone\n", qPrintable(alone));
            return 64;
        }
        if (server) {
            std::fprintf(stderr, "%s runs on a hub file (--hub DIR)\n", qPrintable(alone));
            return 64;
        }
    }
    const QString appPath = parser.isSet(QStringLiteral("app"))
        ? parser.value(QStringLiteral("app"))
        : QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("durable-workbench"));
    if (workloads.contains(QStringLiteral("fair"))) {
        bench::FairOptions o;
        o.dir = dir;
        o.syncName = syncName;
        o.sync = syncName == QLatin1String("full") ? SyncMode::Full : SyncMode::Normal;
        if (parser.isSet(QStringLiteral("n")))
            o.fanout = qMax(1, parser.value(QStringLiteral("n")).toInt());
        o.threads = qMax(1, parser.value(QStringLiteral("threads")).toInt());
        o.repeat = qMax(1, parser.value(QStringLiteral("repeat")).toInt());
        o.json = parser.isSet(QStringLiteral("json"));
        return bench::runFair(o);
    }
    if (workloads.contains(QStringLiteral("http-chains"))) {
        bench::HttpChainsOptions o;
        o.app = appPath;
        o.dir = dir;
        o.fullSync = syncName == QLatin1String("full");
        if (parser.isSet(QStringLiteral("n")))
            o.chains = qMax(1, parser.value(QStringLiteral("n")).toInt());
        o.clients = qBound(1, parser.value(QStringLiteral("clients")).toInt(), 32);
        o.repeat = qMax(1, parser.value(QStringLiteral("repeat")).toInt());
        o.json = parser.isSet(QStringLiteral("json"));
        return bench::runHttpChains(o);
    }
    if (workloads.contains(QStringLiteral("http-load"))) {
        bench::HttpLoadOptions o;
        o.app = appPath;
        o.dir = dir;
        o.clients = qBound(1, parser.value(QStringLiteral("clients")).toInt(), 32);
        o.seconds = qMax(0.5, parser.value(QStringLiteral("seconds")).toDouble());
        o.fullSync = syncName == QLatin1String("full");
        o.json = parser.isSet(QStringLiteral("json"));
        return bench::runHttpLoad(o);
    }
    const SyncMode sync = syncName == QLatin1String("full") ? SyncMode::Full : SyncMode::Normal;
    Bench bench(dir, sync);
    const bool json = parser.isSet(QStringLiteral("json"));
    auto median = [](QList<double> v) {
        std::sort(v.begin(), v.end());
        return v.isEmpty() ? 0.0 : v.at(v.size() / 2);
    };
    // The limit is always measured in the same run, so every figure has a ratio to compare.
    QList<double> one, hundred;
    const int limitSteps
        = parser.isSet(QStringLiteral("n")) ? qMax(100, parser.value(QStringLiteral("n")).toInt()) : 5000;
    for (int r = 0; r < repeat; ++r) {
        if (server) {
            one.append(bench::measurePgLimit(dir, sync, 1, limitSteps / 2));
            hundred.append(bench::measurePgLimit(dir, sync, 100, limitSteps * 4));
            continue;
        }
        one.append(bench::measureSqliteLimit(dir, sync, 1, limitSteps / 2));
        hundred.append(bench::measureSqliteLimit(dir, sync, 100, limitSteps * 4));
    }
    const double limitOne = median(one), limitHundred = median(hundred);
    if (!json)
        std::printf("%-14s %8s %6s %10s %14s %-14s %8s %7s\n", "workload", "n", "sync", "wall_s", "rate", "", "peak_mb",
                    "ratio");
    auto print = [&](const Figures &f, double rss, double limit, const QString &limitName) {
        const double ratio = limit > 0 ? f.perSecond / limit : 0;
        if (json) {
            QJsonObject o { { QStringLiteral("workload"), f.workload },
                            { QStringLiteral("n"), f.n },
                            { QStringLiteral("sync"), syncName },
                            { QStringLiteral("wall_s"), f.wall },
                            { QStringLiteral("activities_per_s"), f.perSecond },
                            { QStringLiteral("unit"), f.unit },
                            { QStringLiteral("peak_rss_mb"), rss },
                            { QStringLiteral("runs"), repeat } };
            if (f.wallRange) {
                o.insert(QStringLiteral("wall_min_s"), f.wallRange->first);
                o.insert(QStringLiteral("wall_max_s"), f.wallRange->second);
            }
            if (f.readSeconds && f.replaySeconds) {
                o.insert(QStringLiteral("read_s"), *f.readSeconds);
                o.insert(QStringLiteral("replay_s"), *f.replaySeconds);
            }
            if (!limitName.isEmpty()) {
                o.insert(QStringLiteral("limit"), limitName);
                o.insert(QStringLiteral("limit_per_s"), limit);
                o.insert(QStringLiteral("limit_ratio"), ratio);
            }
            std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
        } else {
            std::printf("%-14s %8d %6s %10.3f %14.0f %-14s %8.1f %7s\n", qPrintable(f.workload), f.n,
                        qPrintable(syncName), f.wall, f.perSecond, qPrintable(f.unit), rss,
                        limitName.isEmpty() ? "" : qPrintable(QString::number(ratio, 'f', 2)));
        }
        std::fflush(stdout);
    };
    for (const auto &w : workloads) {
        if (w == QLatin1String("limit")) {
            print(Figures { QStringLiteral("limit-1"), limitSteps / 2, 0, limitOne, QStringLiteral("steps/s") },
                  peakRssMb(), 0, {});
            print(Figures { QStringLiteral("limit-100"), limitSteps * 4, 0, limitHundred, QStringLiteral("steps/s") },
                  peakRssMb(), 0, {});
            continue;
        }
        const int n = parser.isSet(QStringLiteral("n")) ? parser.value(QStringLiteral("n")).toInt()
                                                        : (w.startsWith(QLatin1String("instances")) ? 2000 : 10000);
        QList<Figures> runs;
        for (int r = 0; r < repeat; ++r) {
            if (w == QLatin1String("sequential"))
                runs.append(bench.single(w, QStringLiteral("Sequential"), n));
            else if (w == QLatin1String("fanout"))
                runs.append(bench.single(w, QStringLiteral("Fanout"), n));
            else if (w == QLatin1String("instances"))
                runs.append(bench.instances(n));
            else if (w == QLatin1String("instances-grown"))
                runs.append(bench.grownInstances(n));
            else if (w == QLatin1String("events"))
                runs.append(bench.raisedEvents(n));
            else if (w == QLatin1String("sdk-sequential"))
                runs.append(bench.sdk(w, QStringLiteral("SdkSequential"), n, node, nodeDir));
            else if (w == QLatin1String("sdk-fanout"))
                runs.append(bench.sdk(w, QStringLiteral("SdkFanout"), n, node, nodeDir));
            else
                runs.append(bench.replay(n, w == QLatin1String("replay-restart")));
        }
        std::sort(runs.begin(), runs.end(), [](const auto &a, const auto &b) { return a.perSecond < b.perSecond; });
        Figures f = runs.at(runs.size() / 2);
        if (runs.size() > 1) {
            const auto [fastest, slowest] = std::minmax_element(
                runs.cbegin(), runs.cend(), [](const auto &a, const auto &b) { return a.wall < b.wall; });
            f.wallRange = std::pair(fastest->wall, slowest->wall);
        }
        // Each part's own median over the runs that measured it (a failed read measured nothing):
        // a slow read in one run and a slow replay in another do not hide in the median run's
        // split. Times ascending, the lower middle of an even count, which is the run taken for
        // `wall` above (rates ascending, the upper middle).
        QList<double> read, replay;
        for (const auto &r : std::as_const(runs)) {
            if (r.readSeconds && r.replaySeconds) {
                read.append(*r.readSeconds);
                replay.append(*r.replaySeconds);
            }
        }
        std::sort(read.begin(), read.end());
        std::sort(replay.begin(), replay.end());
        f.readSeconds = read.isEmpty() ? std::nullopt : std::optional(read.at((read.size() - 1) / 2));
        f.replaySeconds = replay.isEmpty() ? std::nullopt : std::optional(replay.at((replay.size() - 1) / 2));
        const bool batched = w == QLatin1String("fanout") || w.startsWith(QLatin1String("instances"))
            || w == QLatin1String("sdk-fanout");
        const bool single
            = w == QLatin1String("sequential") || w == QLatin1String("events") || w == QLatin1String("sdk-sequential");
        print(f, peakRssMb(), batched ? limitHundred : (single ? limitOne : 0),
              batched ? QStringLiteral("100-per-transaction")
                      : (single ? QStringLiteral("1-per-transaction") : QString()));
    }
    return 0;
}
