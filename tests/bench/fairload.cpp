// fair and http-chains: see fairload.h.
#include "fairload.h"

#include "httpload.h"
#include "samples.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <vector>

using namespace durable;

namespace bench {
namespace {

    double percentile(std::vector<double> v, double p)
    {
        if (v.empty())
            return 0;
        std::sort(v.begin(), v.end());
        return v.at(std::min(v.size() - 1, size_t(p * double(v.size()))));
    }

    /// Median, min and max of one figure over the repeats.
    struct Spread {
        double median = 0, min = 0, max = 0;
    };
    Spread spread(std::vector<double> v)
    {
        if (v.empty())
            return {};
        std::sort(v.begin(), v.end());
        return { v.at(v.size() / 2), v.front(), v.back() };
    }

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

    // ---- fair --------------------------------------------------------------------------------

    /// What the activities see: the chain's step start times and the fan-out's starts.
    struct Probe {
        QElapsedTimer clock;
        QMutex mutex;
        std::vector<qint64> stepStarts; ///< ns on `clock`
        std::atomic<int> fanoutStarted { 0 };
        int activityMs = 10;
    };

    Probe *probe()
    {
        static Probe p;
        return &p;
    }

    Task<QJsonValue> fairChain(OrchestrationContext &ctx)
    {
        const int steps = ctx.input().toInt();
        for (int i = 0; i < steps; ++i)
            co_await ctx.callActivity(QStringLiteral("FairStep"), i);
        co_return steps;
    }

    Task<QJsonValue> fairFanout(OrchestrationContext &ctx)
    {
        std::vector<Future> tasks;
        const int n = ctx.input().toInt();
        tasks.reserve(size_t(n));
        for (int i = 0; i < n; ++i)
            tasks.push_back(ctx.callActivity(QStringLiteral("FairSleep"), i));
        co_await whenAll(tasks);
        co_return n;
    }

    struct FairRun {
        std::vector<double> stepsMs; ///< the chain's step latencies (empty without the chain)
        double chainMs = 0; ///< the chain's start to completion
        double fanoutPerSecond = 0; ///< 0 without the fan-out
        bool ok = true;
    };

    FairRun fairOnce(const FairOptions &o, Registry &registry, const QString &name, bool chain, bool fanout)
    {
        Probe *p = probe();
        {
            QMutexLocker lock(&p->mutex);
            p->stepStarts.clear();
        }
        p->fanoutStarted = 0;
        EngineOptions eo;
        eo.hubPath = QDir(o.dir).filePath(name);
        QFile::remove(eo.hubPath);
        QFile::remove(eo.hubPath + QStringLiteral("-wal"));
        eo.sync = o.sync;
        eo.activityThreads = o.threads;
        auto engine = Engine::open(eo, registry);
        if (!engine) {
            std::fprintf(stderr, "cannot open hub: %s\n", qPrintable(engine.error().message));
            std::exit(2);
        }
        FairRun run;
        QElapsedTimer fanoutTimer;
        QString fanoutId;
        if (fanout) {
            fanoutTimer.start();
            fanoutId = await((*engine)->start(QStringLiteral("FairFanout"), o.fanout)).value();
            // The chain joins a fan-out in full swing: every thread busy, the rest queued.
            while (p->fanoutStarted.load() < o.threads)
                QThread::usleep(200);
        }
        if (chain) {
            const qint64 t0 = p->clock.nsecsElapsed();
            const QString id = await((*engine)->start(QStringLiteral("FairChain"), o.chainSteps)).value();
            const auto done = await((*engine)->waitForCompletion(id, 3600 * 1000));
            run.chainMs = (p->clock.nsecsElapsed() - t0) / 1e6;
            if (!done || done->status != RuntimeStatus::Completed) {
                std::fprintf(stderr, "fair: the chain did not complete\n");
                run.ok = false;
            }
            QMutexLocker lock(&p->mutex);
            qint64 previous = t0;
            for (const qint64 t : p->stepStarts) {
                run.stepsMs.push_back((t - previous) / 1e6);
                previous = t;
            }
        }
        if (fanout) {
            const auto done = await((*engine)->waitForCompletion(fanoutId, 3600 * 1000));
            run.fanoutPerSecond = o.fanout / (fanoutTimer.nsecsElapsed() / 1e9);
            if (!done || done->status != RuntimeStatus::Completed) {
                std::fprintf(stderr, "fair: the fan-out did not complete\n");
                run.ok = false;
            }
        }
        return run;
    }

    // ---- http-chains -------------------------------------------------------------------------

    struct ChainFigures {
        double wall = 0;
        int completed = 0;
        std::vector<double> latenciesMs;
        int errors = 0;
        double perSecond() const { return wall > 0 ? completed / wall : 0; }
    };

    QString expectedOutput(const QString &id)
    {
        return id + QStringLiteral(">F1>F2>F3>F4");
    }

    /// `clients` callers, each starting a chain and waiting for it before the next, until `chains`
    /// were started. `startOne(id, done)` starts chain `id` and calls done(ok) once it completed.
    ChainFigures driveChains(int chains, int clients,
                             const std::function<void(const QString &, std::function<void(bool)>)> &startOne)
    {
        ChainFigures f;
        QEventLoop loop;
        int issued = 0, running = clients;
        QElapsedTimer wall;
        wall.start();
        std::function<void()> next;
        next = [&] {
            if (issued >= chains) {
                if (--running == 0)
                    loop.quit();
                return;
            }
            const QString id = QStringLiteral("chain-%1").arg(issued++);
            auto timer = std::make_shared<QElapsedTimer>();
            timer->start();
            startOne(id, [&, timer](bool ok) {
                f.latenciesMs.push_back(timer->nsecsElapsed() / 1e6);
                if (ok)
                    ++f.completed;
                else
                    ++f.errors;
                next();
            });
        };
        for (int c = 0; c < clients; ++c)
            QMetaObject::invokeMethod(&loop, next, Qt::QueuedConnection);
        loop.exec();
        f.wall = wall.nsecsElapsed() / 1e9;
        return f;
    }

    ChainFigures chainsInProcess(const HttpChainsOptions &o, Registry &registry)
    {
        EngineOptions eo;
        eo.hubPath = QDir(o.dir).filePath(QStringLiteral("chains-inprocess.sqlite"));
        QFile::remove(eo.hubPath);
        QFile::remove(eo.hubPath + QStringLiteral("-wal"));
        eo.sync = o.fullSync ? SyncMode::Full : SyncMode::Normal;
        auto opened = Engine::open(eo, registry);
        if (!opened) {
            std::fprintf(stderr, "cannot open hub: %s\n", qPrintable(opened.error().message));
            std::exit(2);
        }
        Engine *engine = opened->get();
        QObject context;
        return driveChains(o.chains, o.clients, [&](const QString &id, std::function<void(bool)> done) {
            Client::StartOptions so;
            so.instanceId = id;
            engine->start(QStringLiteral("FunctionChaining"), id, so)
                .then(&context, [engine, &context, id, done](const Result<QString> &started) {
                    if (!started)
                        return done(false);
                    engine->waitForCompletion(id, 600'000).then(&context, [id, done](const Result<InstanceInfo> &info) {
                        done(info && info->status == RuntimeStatus::Completed
                             && info->output.toString() == expectedOutput(id));
                    });
                });
        });
    }

    ChainFigures chainsOverHttp(const HttpChainsOptions &o, const QString &base, const QByteArray &key)
    {
        std::vector<std::unique_ptr<QNetworkAccessManager>> managers;
        for (int c = 0; c < o.clients; ++c) {
            managers.push_back(std::make_unique<QNetworkAccessManager>());
            managers.back()->setProxy(QNetworkProxy::NoProxy);
        }
        int turn = 0;
        QStringList samples;
        auto figures = driveChains(o.chains, o.clients, [&](const QString &id, std::function<void(bool)> done) {
            // Start and wait in one request: the API answers 200 with the output once it completed.
            QNetworkRequest request(QUrl(
                base + QStringLiteral("/orchestrators/FunctionChaining/%1?timeout=600&pollingInterval=1").arg(id)));
            request.setRawHeader("x-functions-key", key);
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
            const QByteArray body = QJsonDocument(QJsonArray { id }).toJson(QJsonDocument::Compact).mid(1).chopped(1);
            QNetworkReply *reply = managers.at(size_t(turn++ % o.clients))->post(request, body);
            QObject::connect(reply, &QNetworkReply::finished, reply, [&samples, reply, id, done] {
                const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                const QByteArray answer = reply->readAll();
                reply->deleteLater();
                const QJsonDocument doc = QJsonDocument::fromJson("[" + answer + "]");
                const bool ok = status == 200 && doc.array().first().toString() == expectedOutput(id);
                if (!ok && samples.size() < 5)
                    samples.append(
                        QStringLiteral("%1: %2 %3").arg(id).arg(status).arg(QString::fromUtf8(answer.left(200))));
                done(ok);
            });
        });
        for (const auto &s : std::as_const(samples))
            std::fprintf(stderr, "http-chains: unexpected answer: %s\n", qPrintable(s));
        return figures;
    }

} // namespace

int runFair(const FairOptions &o)
{
    Registry registry;
    registry.addOrchestrator(QStringLiteral("FairChain"), fairChain);
    registry.addOrchestrator(QStringLiteral("FairFanout"), fairFanout);
    Probe *p = probe();
    p->clock.start();
    p->activityMs = o.activityMs;
    registry.addActivity(QStringLiteral("FairStep"), [p](ActivityContext &, const QJsonValue &v) {
        const qint64 now = p->clock.nsecsElapsed();
        QMutexLocker lock(&p->mutex);
        p->stepStarts.push_back(now);
        return v;
    });
    registry.addActivity(QStringLiteral("FairSleep"), [p](ActivityContext &, const QJsonValue &v) {
        ++p->fanoutStarted;
        QThread::msleep(ulong(p->activityMs));
        return v;
    });
    std::vector<double> aloneP50, aloneP99, underP50, underP99, aloneMs, underMs, fanAlone, fanWith, ratio;
    bool ok = true;
    for (int r = 0; r < o.repeat; ++r) {
        const FairRun alone = fairOnce(o, registry, QStringLiteral("fair-chain.sqlite"), true, false);
        const FairRun fan = fairOnce(o, registry, QStringLiteral("fair-fanout.sqlite"), false, true);
        const FairRun both = fairOnce(o, registry, QStringLiteral("fair-both.sqlite"), true, true);
        ok = ok && alone.ok && fan.ok && both.ok;
        aloneP50.push_back(percentile(alone.stepsMs, 0.50));
        aloneP99.push_back(percentile(alone.stepsMs, 0.99));
        underP50.push_back(percentile(both.stepsMs, 0.50));
        underP99.push_back(percentile(both.stepsMs, 0.99));
        aloneMs.push_back(alone.chainMs);
        underMs.push_back(both.chainMs);
        fanAlone.push_back(fan.fanoutPerSecond);
        fanWith.push_back(both.fanoutPerSecond);
        ratio.push_back(fan.fanoutPerSecond > 0 ? both.fanoutPerSecond / fan.fanoutPerSecond : 0);
    }
    const struct {
        const char *name;
        Spread s;
    } figures[] = { { "chain_alone_p50_ms", spread(aloneP50) },
                    { "chain_alone_p99_ms", spread(aloneP99) },
                    { "chain_under_fanout_p50_ms", spread(underP50) },
                    { "chain_under_fanout_p99_ms", spread(underP99) },
                    { "chain_alone_ms", spread(aloneMs) },
                    { "chain_under_fanout_ms", spread(underMs) },
                    { "fanout_alone_per_s", spread(fanAlone) },
                    { "fanout_with_chain_per_s", spread(fanWith) },
                    { "fanout_ratio", spread(ratio) } };
    if (o.json) {
        QJsonObject out { { QStringLiteral("workload"), QStringLiteral("fair") },
                          { QStringLiteral("n"), o.fanout },
                          { QStringLiteral("activity_ms"), o.activityMs },
                          { QStringLiteral("chain_steps"), o.chainSteps },
                          { QStringLiteral("threads"), o.threads },
                          { QStringLiteral("sync"), o.syncName },
                          { QStringLiteral("runs"), o.repeat } };
        for (const auto &f : figures) {
            out.insert(QLatin1String(f.name), f.s.median);
            out.insert(QLatin1String(f.name) + QStringLiteral("_min"), f.s.min);
            out.insert(QLatin1String(f.name) + QStringLiteral("_max"), f.s.max);
        }
        std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    } else {
        std::printf("fair: a %d-step chain against a fan-out of %d x %d ms activities, %d threads, sync %s, "
                    "median of %d (min-max)\n",
                    o.chainSteps, o.fanout, o.activityMs, o.threads, qPrintable(o.syncName), o.repeat);
        for (const auto &f : figures)
            std::printf("  %-28s %10.2f  (%.2f-%.2f)\n", f.name, f.s.median, f.s.min, f.s.max);
    }
    std::fflush(stdout);
    return ok ? 0 : 1;
}

int runHttpChains(const HttpChainsOptions &o)
{
    Registry registry;
    samples::registerAll(registry);
    std::vector<double> inRate, inP50, inP99, httpRate, httpP50, httpP99, ratio;
    int errors = 0;
    for (int r = 0; r < o.repeat; ++r) {
        const ChainFigures local = chainsInProcess(o, registry);
        QProcess app;
        const auto headless = startHeadless(app, o.app, o.dir, QStringLiteral("chains-http.sqlite"), o.fullSync);
        if (!headless) {
            std::fprintf(stderr, "http-chains: error: %s\n", qPrintable(headless.error()));
            return 1;
        }
        const ChainFigures http = chainsOverHttp(o, headless->base, headless->key);
        stopHeadless(app);
        errors += local.errors + http.errors + (o.chains - local.completed - local.errors)
            + (o.chains - http.completed - http.errors);
        inRate.push_back(local.perSecond());
        inP50.push_back(percentile(local.latenciesMs, 0.50));
        inP99.push_back(percentile(local.latenciesMs, 0.99));
        httpRate.push_back(http.perSecond());
        httpP50.push_back(percentile(http.latenciesMs, 0.50));
        httpP99.push_back(percentile(http.latenciesMs, 0.99));
        ratio.push_back(local.perSecond() > 0 ? http.perSecond() / local.perSecond() : 0);
    }
    const struct {
        const char *name;
        Spread s;
    } figures[] = { { "inprocess_starts_per_s", spread(inRate) },
                    { "inprocess_p50_ms", spread(inP50) },
                    { "inprocess_p99_ms", spread(inP99) },
                    { "http_starts_per_s", spread(httpRate) },
                    { "http_p50_ms", spread(httpP50) },
                    { "http_p99_ms", spread(httpP99) },
                    { "http_ratio", spread(ratio) } };
    const QString sync = o.fullSync ? QStringLiteral("full") : QStringLiteral("normal");
    if (o.json) {
        QJsonObject out { { QStringLiteral("workload"), QStringLiteral("http-chains") },
                          { QStringLiteral("n"), o.chains },
                          { QStringLiteral("clients"), o.clients },
                          { QStringLiteral("sync"), sync },
                          { QStringLiteral("runs"), o.repeat },
                          { QStringLiteral("errors"), errors } };
        for (const auto &f : figures) {
            out.insert(QLatin1String(f.name), f.s.median);
            out.insert(QLatin1String(f.name) + QStringLiteral("_min"), f.s.min);
            out.insert(QLatin1String(f.name) + QStringLiteral("_max"), f.s.max);
        }
        std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    } else {
        std::printf("http-chains: %d FunctionChaining chains per path, %d clients, sync %s, median of %d "
                    "(min-max), %d errors\n",
                    o.chains, o.clients, qPrintable(sync), o.repeat, errors);
        for (const auto &f : figures)
            std::printf("  %-24s %10.2f  (%.2f-%.2f)\n", f.name, f.s.median, f.s.min, f.s.max);
    }
    std::fflush(stdout);
    if (errors > 0)
        std::fprintf(stderr, "http-chains: error: %d chains did not complete with their output\n", errors);
    return errors == 0 ? 0 : 1;
}

} // namespace bench
