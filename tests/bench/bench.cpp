// durable-bench: engine throughput on a real hub file. Workloads: sequential, fanout, instances,
// events, replay. Prints a table, or one JSON object per workload with --json.
#include "engine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

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
};

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

    std::unique_ptr<Engine> open(const QString &name, int cacheSize = 2000)
    {
        EngineOptions o;
        o.hubPath = QDir(m_dir).filePath(name);
        o.sync = m_sync;
        o.cacheSize = cacheSize;
        QFile::remove(o.hubPath);
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

    Figures instances(int n)
    {
        auto engine = open(QStringLiteral("instances.sqlite"));
        QElapsedTimer timer;
        timer.start();
        QStringList ids;
        for (int i = 0; i < n; ++i)
            ids.append(engine->start(QStringLiteral("Three"), 0).result().value());
        for (const auto &id : ids)
            (void)engine->waitForCompletion(id, 3600 * 1000).result();
        const double wall = timer.nsecsElapsed() / 1e9;
        return Figures { QStringLiteral("instances"), n, wall, 3.0 * n / wall };
    }

    Figures raisedEvents(int n)
    {
        auto engine = open(QStringLiteral("events.sqlite"));
        QElapsedTimer timer;
        timer.start();
        const QString id = engine->start(QStringLiteral("Events"), n).result().value();
        for (int i = 0; i < n; ++i)
            (void)engine->raiseEvent(id, QStringLiteral("Tick"), i).result();
        (void)engine->waitForCompletion(id, 3600 * 1000).result();
        const double wall = timer.nsecsElapsed() / 1e9;
        Figures f { QStringLiteral("events"), n, wall, n / wall };
        f.unit = QStringLiteral("events/s");
        return f;
    }

    Figures replay(int n)
    {
        QString id;
        {
            auto engine = open(QStringLiteral("replay.sqlite"));
            id = engine->start(QStringLiteral("Fanout"), n).result().value();
            // Stop just before the end: complete all but the last step, by running a fan-out and
            // then timing a fresh full replay of its whole history from the file.
            (void)engine->waitForCompletion(id, 3600 * 1000).result();
        }
        // Cold: a new engine with no cache replays the history from the file when an event arrives.
        EngineOptions o;
        o.hubPath = QDir(m_dir).filePath(QStringLiteral("replay.sqlite"));
        o.sync = m_sync;
        auto engine = Engine::open(o, m_registry);
        QElapsedTimer timer;
        timer.start();
        auto history = (*engine)->history(id).result();
        const qint64 loadNs = timer.nsecsElapsed();
        OrchestrationRunProbe probe(*history, m_registry);
        const double wall = (loadNs + probe.nanoseconds) / 1e9;
        Figures f { QStringLiteral("replay"), n, wall, n / wall };
        return f;
    }

private:
    /// Replays a history through the executor exactly as the dispatcher does after a restart.
    struct OrchestrationRunProbe {
        qint64 nanoseconds = 0;
        OrchestrationRunProbe(const History &history, Registry &registry);
    };

    QString m_dir;
    SyncMode m_sync;
    Registry m_registry;
};

} // namespace

#include "run.h"

Bench::OrchestrationRunProbe::OrchestrationRunProbe(const History &history, Registry &registry)
{
    QElapsedTimer timer;
    timer.start();
    OrchestrationRun run(QStringLiteral("replay"), QStringLiteral("x"), registry.orchestrator(QStringLiteral("Fanout"))->function);
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
    parser.addOption({ QStringLiteral("workload"), QStringLiteral("sequential, fanout, instances, events or replay (repeatable; default all)"), QStringLiteral("name") });
    parser.addOption({ QStringLiteral("n"), QStringLiteral("Size of each workload (default 10000; instances: 2000)"), QStringLiteral("count") });
    parser.addOption({ QStringLiteral("sync"), QStringLiteral("full or normal (default full)"), QStringLiteral("mode"), QStringLiteral("full") });
    parser.addOption({ QStringLiteral("hub"), QStringLiteral("Directory for the hub files (default: a temporary one)"), QStringLiteral("dir") });
    parser.addOption({ QStringLiteral("json"), QStringLiteral("One JSON object per line per workload") });
    parser.process(app);

    QStringList workloads = parser.values(QStringLiteral("workload"));
    const QStringList all { QStringLiteral("sequential"), QStringLiteral("fanout"), QStringLiteral("instances"),
                            QStringLiteral("events"), QStringLiteral("replay") };
    if (workloads.isEmpty())
        workloads = all;
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
    QTemporaryDir temp;
    const QString dir = parser.isSet(QStringLiteral("hub")) ? parser.value(QStringLiteral("hub")) : temp.path();
    QDir().mkpath(dir);
    Bench bench(dir, syncName == QLatin1String("full") ? SyncMode::Full : SyncMode::Normal);
    const bool json = parser.isSet(QStringLiteral("json"));
    if (!json)
        std::printf("%-11s %8s %6s %10s %14s %10s\n", "workload", "n", "sync", "wall_s", "rate", "peak_mb");
    for (const auto &w : workloads) {
        const int n = parser.isSet(QStringLiteral("n")) ? parser.value(QStringLiteral("n")).toInt()
                                                        : (w == QLatin1String("instances") ? 2000 : 10000);
        Figures f;
        if (w == QLatin1String("sequential"))
            f = bench.single(w, QStringLiteral("Sequential"), n);
        else if (w == QLatin1String("fanout"))
            f = bench.single(w, QStringLiteral("Fanout"), n);
        else if (w == QLatin1String("instances"))
            f = bench.instances(n);
        else if (w == QLatin1String("events"))
            f = bench.raisedEvents(n);
        else
            f = bench.replay(n);
        const double rss = peakRssMb();
        if (json) {
            QJsonObject o { { QStringLiteral("workload"), f.workload }, { QStringLiteral("n"), f.n },
                            { QStringLiteral("sync"), syncName }, { QStringLiteral("wall_s"), f.wall },
                            { QStringLiteral("activities_per_s"), f.perSecond }, { QStringLiteral("unit"), f.unit },
                            { QStringLiteral("peak_rss_mb"), rss } };
            std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
        } else {
            std::printf("%-11s %8d %6s %10.3f %9.0f %-14s %7.1f\n", qPrintable(f.workload), f.n, qPrintable(syncName),
                        f.wall, f.perSecond, qPrintable(f.unit), rss);
        }
        std::fflush(stdout);
    }
    return 0;
}
