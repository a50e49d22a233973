// durable-guibench: what a user waits for in the real workbench on a large hub, measured offscreen
// with QElapsedTimer: the painted instance list after the hub opens, a filter change, the timeline
// of a large fan-out, and the longest GUI-thread block while scrolling that timeline. Prints the
// median of --repeat runs as a table, or one JSON object per line with --json.
#include <engine.h>
#include <filterbar.h>
#include <historypage.h>
#include <instancedetail.h>
#include <instancelistview.h>
#include <instancetracker.h>
#include <samples.h>
#include <timelineview.h>
#include <workbenchwidget.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScrollBar>
#include <QSettings>
#include <QSysInfo>
#include <QTableView>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <optional>

using namespace durable;
using namespace durable::views;

namespace {

const QString FanOutId = QStringLiteral("guibench-fanout");
const QString MetaFile = QStringLiteral("guibench-hub.json");
const QString HubFile = QStringLiteral("hub.sqlite");

[[noreturn]] void die(const QString &message)
{
    // "guibench: error" is what the ctest smoke test fails on.
    std::fprintf(stderr, "guibench: error: %s\n", qPrintable(message));
    std::exit(2);
}

// The bulk of the hub: orchestrations without activities, so that 100,000 of them go through the
// engine (start, episode, completion, all group-committed) in seconds rather than minutes. Three
// kinds give the list a realistic status mix for the status filter.
Task<QJsonValue> benchComplete(OrchestrationContext &ctx)
{
    co_return ctx.input();
}

Task<QJsonValue> benchFail(OrchestrationContext &)
{
    throw ActivityError(QStringLiteral("OrderRejected"), QStringLiteral("rejected by the benchmark"));
    co_return QJsonValue(); // makes this a coroutine: the exception fails the instance, as in user code
}

Task<QJsonValue> benchWait(OrchestrationContext &ctx)
{
    co_return co_await ctx.waitForExternalEvent(QStringLiteral("Go"));
}

/// Per 100 instances: 90 completed, 5 failed, 4 running (waiting for an event), 1 terminated.
enum class Kind { Complete, Fail, Wait, Terminate };
Kind kindOf(int i)
{
    const int r = i % 100;
    return r < 90 ? Kind::Complete : r < 95 ? Kind::Fail : r < 99 ? Kind::Wait : Kind::Terminate;
}

/// Runs the event loop until `done` holds. Sleeps while nothing is pending: a busy loop would take
/// a core from the engine's reader thread on a small machine. False on timeout.
bool waitFor(const std::function<bool()> &done, int timeoutMs = 300000)
{
    QDeadlineTimer deadline(timeoutMs);
    QTimer wake; // lets WaitForMoreEvents return to check the deadline
    wake.start(50);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    }
    return true;
}

/// Notes a paint of `widget` that happens while `ready` holds: the state the user waits for has
/// reached the screen. The paint itself runs inside processEvents(), so waitFor() returns right
/// after the frame that showed it.
class PaintProbe : public QObject {
public:
    PaintProbe(QWidget *widget, std::function<bool()> ready)
        : m_widget(widget)
        , m_ready(std::move(ready))
    {
        widget->installEventFilter(this);
    }
    ~PaintProbe() override { m_widget->removeEventFilter(this); }
    bool hit() const { return m_hit; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_widget && event->type() == QEvent::Paint && m_ready())
            m_hit = true;
        return false;
    }

private:
    QWidget *m_widget;
    std::function<bool()> m_ready;
    bool m_hit = false;
};

double ms(const QElapsedTimer &timer)
{
    return timer.nsecsElapsed() / 1e6;
}

double median(QList<double> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto n = values.size();
    return n % 2 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2;
}

QString cpuModel()
{
    QFile info(QStringLiteral("/proc/cpuinfo"));
    if (info.open(QIODevice::ReadOnly)) {
        for (const auto &line : info.readAll().split('\n')) {
            if (line.startsWith("model name"))
                return QString::fromUtf8(line.mid(line.indexOf(':') + 1).trimmed());
        }
    }
    return QSysInfo::currentCpuArchitecture();
}

struct Hub {
    QString path;
    double generateSeconds = 0;
    bool reused = false;
};

/// Creates the hub through the engine: `instances` bench orchestrations, then the FanOutFanIn
/// sample with `activities` activities (started last, so it is the newest and on the list's first
/// page). With `keep`, a hub generated earlier with the same sizes is reused.
Hub prepareHub(const QString &dir, int instances, int activities, bool keep, Registry &registry)
{
    Hub hub;
    hub.path = QDir(dir).filePath(HubFile);
    const QJsonObject wanted { { QStringLiteral("instances"), instances },
                               { QStringLiteral("activities"), activities } };
    QFile meta(QDir(dir).filePath(MetaFile));
    if (keep && QFile::exists(hub.path) && meta.open(QIODevice::ReadOnly)) {
        const auto saved = QJsonDocument::fromJson(meta.readAll()).object();
        meta.close();
        if (saved.value(QStringLiteral("instances")) == wanted.value(QStringLiteral("instances"))
            && saved.value(QStringLiteral("activities")) == wanted.value(QStringLiteral("activities"))) {
            hub.reused = true;
            hub.generateSeconds = saved.value(QStringLiteral("generate_s")).toDouble();
            return hub;
        }
    }
    for (const auto &suffix : { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") })
        QFile::remove(hub.path + suffix);
    QFile::remove(meta.fileName());

    QElapsedTimer timer;
    timer.start();
    EngineOptions options;
    options.hubPath = hub.path;
    options.sync = SyncMode::Normal; // generation only; the GUI runs read what is committed either way
    auto opened = Engine::open(options, registry);
    if (!opened)
        die(QStringLiteral("cannot create the hub: %1").arg(opened.error().message));
    auto &engine = *opened;

    // Submitted in windows, as a busy client would: the engine group-commits them.
    constexpr int Window = 2000;
    QList<qint64> expected(RuntimeStatusCount, 0);
    QStringList toTerminate;
    QList<std::pair<Kind, QFuture<Result<QString>>>> inFlight;
    const auto drain = [&] {
        for (auto &[kind, future] : inFlight) {
            const auto id = future.result();
            if (!id)
                die(QStringLiteral("start failed: %1").arg(id.error().message));
            if (kind == Kind::Terminate)
                toTerminate.append(*id);
        }
        inFlight.clear();
    };
    for (int i = 0; i < instances; ++i) {
        const Kind kind = kindOf(i);
        const QString name = kind == Kind::Complete ? QStringLiteral("BenchComplete")
            : kind == Kind::Fail                    ? QStringLiteral("BenchFail")
                                                    : QStringLiteral("BenchWait");
        ++expected[int(kind == Kind::Complete   ? RuntimeStatus::Completed
                           : kind == Kind::Fail ? RuntimeStatus::Failed
                           : kind == Kind::Wait ? RuntimeStatus::Running
                                                : RuntimeStatus::Terminated)];
        inFlight.append({ kind, engine->start(name, QJsonObject { { QStringLiteral("order"), i } }) });
        if (inFlight.size() == Window)
            drain();
    }
    drain();
    QList<QFuture<Status>> terminations;
    for (const auto &id : std::as_const(toTerminate))
        terminations.append(engine->terminate(id, QStringLiteral("cancelled by the benchmark")));
    for (auto &f : terminations) {
        if (const auto s = f.result(); !s)
            die(QStringLiteral("terminate failed: %1").arg(s.error().message));
    }
    QDeadlineTimer deadline(30 * 60 * 1000);
    for (;;) {
        const auto counts = engine->countByStatus().result();
        if (!counts)
            die(counts.error().message);
        if (*counts == expected)
            break;
        if (deadline.hasExpired())
            die(QStringLiteral("the hub's instances did not settle"));
        QThread::msleep(100);
    }

    Client::StartOptions start;
    start.instanceId = FanOutId;
    if (const auto id
        = engine->start(QStringLiteral("FanOutFanIn"), QJsonObject { { QStringLiteral("n"), activities } }, start)
              .result();
        !id)
        die(QStringLiteral("cannot start the fan-out: %1").arg(id.error().message));
    const auto done = engine->waitForCompletion(FanOutId, 30 * 60 * 1000).result();
    if (!done || done->status != RuntimeStatus::Completed)
        die(QStringLiteral("the fan-out did not complete"));
    engine.reset();
    hub.generateSeconds = timer.nsecsElapsed() / 1e9;

    QJsonObject saved = wanted;
    saved.insert(QStringLiteral("generate_s"), hub.generateSeconds);
    if (meta.open(QIODevice::WriteOnly | QIODevice::Truncate))
        meta.write(QJsonDocument(saved).toJson());
    return hub;
}

struct Run {
    double hubOpen = 0; ///< Engine::open, not part of any figure
    double open = 0;
    double filter = 0;
    double timeline = 0;
    double scrollMax = 0;
    double scrollMedian = 0;
    int timelineActivities = 0;
    int timelineEvents = 0;
};

/// One run on a freshly opened engine and a fresh workbench, as when the app starts.
Run measure(const QString &hubPath, Registry &registry, int activities)
{
    Run run;
    // Same layout every run: no splitter or tab state carried over from the previous one.
    QSettings().clear();

    QElapsedTimer timer;
    timer.start();
    EngineOptions options;
    options.hubPath = hubPath;
    auto opened = Engine::open(options, registry);
    if (!opened)
        die(QStringLiteral("cannot open the hub: %1").arg(opened.error().message));
    std::unique_ptr<Engine> engine = std::move(*opened);
    run.hubOpen = ms(timer);

    // 1. Open: from "hub is open" to a painted first page of the instance list.
    timer.start();
    auto workbench = std::make_unique<WorkbenchWidget>(engine.get());
    auto *list = workbench->instanceList();
    auto *model = list->model();
    {
        PaintProbe probe(list->table()->viewport(), [model] { return model->rowCount() > 0; });
        workbench->resize(1400, 900);
        workbench->show();
        if (!waitFor([&] { return probe.hit(); }))
            die(QStringLiteral("the instance list was not painted with rows"));
        run.open = ms(timer);
    }

    // 2. Filter: the status filter set to Failed, until its first page is painted.
    {
        if (!waitFor([&] { return !model->isLoading(); }))
            die(QStringLiteral("the instance list did not finish loading"));
        QCoreApplication::processEvents();
        bool applied = false;
        auto connection = QObject::connect(model, &models::InstanceListModel::pageApplied, model, [&] {
            applied = model->query().statuses == QSet<RuntimeStatus> { RuntimeStatus::Failed };
        });
        const auto showsFailed
            = [&] { return applied && model->rowCount() > 0 && model->instanceAt(0).status == RuntimeStatus::Failed; };
        PaintProbe probe(list->table()->viewport(), showsFailed);
        timer.start();
        list->filterBar()->setStatuses({ RuntimeStatus::Failed });
        if (!waitFor([&] { return probe.hit(); }))
            die(QStringLiteral("the filtered list was not painted"));
        run.filter = ms(timer);
        QObject::disconnect(connection);
        // Back to all instances, so that the fan-out (the newest) is on the first page again.
        list->filterBar()->setStatuses({});
        if (!waitFor([&] { return !model->isLoading() && model->rowOfInstance(FanOutId) >= 0; }))
            die(QStringLiteral("the fan-out is not on the list's first page"));
    }

    // 3. Timeline: from selecting the fan-out in the list to its timeline laid out and painted.
    auto *detail = workbench->detail();
    auto *timeline = detail->history()->timeline();
    detail->setCurrentIndex(InstanceDetail::History);
    QCoreApplication::processEvents();
    {
        const int builds = timeline->layoutBuildCount();
        const auto laidOut = [&] {
            return detail->tracker()->instanceId() == FanOutId && !detail->tracker()->history().isEmpty()
                && timeline->layoutBuildCount() > builds && timeline->layout().laneCount > activities;
        };
        if (!detail->tracker()->instanceId().isEmpty())
            die(QStringLiteral("an instance was selected before the timeline run"));
        PaintProbe probe(timeline->viewport(), laidOut);
        timer.start();
        list->goToInstance(FanOutId);
        if (!waitFor([&] { return probe.hit(); }))
            die(QStringLiteral("the timeline was not painted"));
        run.timeline = ms(timer);
        run.timelineEvents = int(detail->tracker()->history().size());
        for (const auto &item : timeline->layout().items)
            run.timelineActivities += item.kind == models::TimelineItem::Kind::Activity;
    }

    // 4. Scrolling: let the remaining reads (log lines) land, then step the scroll bars through
    // their whole range; each step is the GUI thread's block for a scroll and its repaint.
    if (!waitFor([&] { return !detail->tracker()->logs().isEmpty(); }))
        die(QStringLiteral("the fan-out's log lines did not load"));
    QCoreApplication::processEvents();
    QList<double> steps;
    const auto sweep = [&](QScrollBar *bar) {
        constexpr int Steps = 50;
        for (int i = 0; i <= Steps; ++i) {
            QElapsedTimer step;
            step.start();
            bar->setValue(int(qint64(bar->maximum()) * i / Steps));
            timeline->viewport()->repaint();
            steps.append(ms(step));
            QCoreApplication::processEvents();
        }
    };
    sweep(timeline->verticalScrollBar());
    // Fitted, the whole span is in view; zoomed in 64× there is a horizontal range to scroll.
    timeline->verticalScrollBar()->setValue(0);
    timeline->zoomBy(64, timeline->viewport()->width() / 2);
    sweep(timeline->horizontalScrollBar());
    run.scrollMax = *std::max_element(steps.cbegin(), steps.cend());
    run.scrollMedian = median(steps);

    workbench.reset();
    engine.reset();
    return run;
}

} // namespace

int main(int argc, char **argv)
{
    // Offscreen unless the caller picked a platform (e.g. xcb to watch it run).
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("durable-guibench"));
    QCoreApplication::setApplicationName(QStringLiteral("durable-guibench"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Durable Workbench GUI benchmarks"));
    parser.addHelpOption();
    parser.addOption({ QStringLiteral("instances"), QStringLiteral("Instances in the hub (default 100000)"),
                       QStringLiteral("n"), QStringLiteral("100000") });
    parser.addOption({ QStringLiteral("activities"),
                       QStringLiteral("Activities of the fan-out whose timeline is opened (default 10000)"),
                       QStringLiteral("n"), QStringLiteral("10000") });
    parser.addOption({ QStringLiteral("repeat"), QStringLiteral("Runs per figure; the median is reported (default 5)"),
                       QStringLiteral("k"), QStringLiteral("5") });
    parser.addOption({ QStringLiteral("hub-dir"), QStringLiteral("Directory of the generated hub (default: temporary)"),
                       QStringLiteral("dir") });
    parser.addOption({ QStringLiteral("keep"),
                       QStringLiteral("Keep the generated hub, and reuse one of the same sizes found in --hub-dir") });
    parser.addOption({ QStringLiteral("json"), QStringLiteral("One JSON object per line") });
    parser.process(app);

    const int instances = parser.value(QStringLiteral("instances")).toInt();
    const int activities = parser.value(QStringLiteral("activities")).toInt();
    const int repeat = parser.value(QStringLiteral("repeat")).toInt();
    if (instances < 1 || activities < 1 || repeat < 1) {
        std::fprintf(stderr, "--instances, --activities and --repeat must be positive\n");
        return 64;
    }
    const bool json = parser.isSet(QStringLiteral("json"));
    const bool keep = parser.isSet(QStringLiteral("keep"));
    std::optional<QTemporaryDir> temp;
    if (!parser.isSet(QStringLiteral("hub-dir"))) {
        temp.emplace();
        temp->setAutoRemove(!keep);
    }
    const QString dir = temp ? temp->path() : parser.value(QStringLiteral("hub-dir"));
    if (!QDir().mkpath(dir))
        die(QStringLiteral("cannot create %1").arg(dir));
    // The workbench saves its layout on close: into a directory of its own, not the user's.
    QTemporaryDir settings;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settings.path());

    Registry registry;
    samples::registerAll(registry);
    registry.addOrchestrator(QStringLiteral("BenchComplete"), benchComplete,
                             QStringLiteral("Benchmark: completes at once"));
    registry.addOrchestrator(QStringLiteral("BenchFail"), benchFail, QStringLiteral("Benchmark: fails at once"));
    registry.addOrchestrator(QStringLiteral("BenchWait"), benchWait,
                             QStringLiteral("Benchmark: waits for the event Go"));

    const auto print = [json](QJsonObject o) {
        if (json) {
            // "workload" first, for readers who grep the lines; QJsonObject sorts its keys.
            const QString workload = o.take(QStringLiteral("workload")).toString();
            const QByteArray rest = QJsonDocument(o).toJson(QJsonDocument::Compact);
            std::printf("{\"workload\":\"%s\",%s\n", qPrintable(workload), rest.constData() + 1);
        }
        std::fflush(stdout);
    };
    const QJsonObject machine { { QStringLiteral("workload"), QStringLiteral("machine") },
                                { QStringLiteral("cores"), QThread::idealThreadCount() },
                                { QStringLiteral("cpu"), cpuModel() },
                                { QStringLiteral("qt"), QString::fromLatin1(qVersion()) },
                                { QStringLiteral("platform"), QGuiApplication::platformName() },
                                { QStringLiteral("os"), QSysInfo::prettyProductName() } };
    print(machine);
    if (!json)
        std::printf("machine: %d cores, %s, Qt %s (%s), %s\n", QThread::idealThreadCount(), qPrintable(cpuModel()),
                    qVersion(), qPrintable(QGuiApplication::platformName()), qPrintable(QSysInfo::prettyProductName()));

    const Hub hub = prepareHub(dir, instances, activities, keep, registry);
    print({ { QStringLiteral("workload"), QStringLiteral("generate") },
            { QStringLiteral("instances"), instances },
            { QStringLiteral("activities"), activities },
            { QStringLiteral("seconds"), hub.generateSeconds },
            { QStringLiteral("reused"), hub.reused },
            { QStringLiteral("hub"), hub.path } });
    if (!json)
        std::printf("hub: %d instances + a fan-out of %d activities, %s in %.1f s (not timed below)\n  %s\n", instances,
                    activities, hub.reused ? "generated earlier" : "generated", hub.generateSeconds,
                    qPrintable(hub.path));

    QList<Run> runs;
    for (int r = 0; r < repeat; ++r) {
        runs.append(measure(hub.path, registry, activities));
        if (runs.last().timelineActivities < activities)
            die(QStringLiteral("the timeline shows %1 activities, expected at least %2")
                    .arg(runs.last().timelineActivities)
                    .arg(activities));
    }

    struct Figure {
        const char *workload;
        std::function<double(const Run &)> value;
        int target; ///< ms; 0: context only
        const char *what;
    };
    const QList<Figure> figures {
        { "hub_open", [](const Run &r) { return r.hubOpen; }, 0, "Engine::open (before every figure)" },
        { "gui_open", [](const Run &r) { return r.open; }, 300, "hub open -> instance list painted" },
        { "gui_filter", [](const Run &r) { return r.filter; }, 200, "status filter -> new first page painted" },
        { "gui_timeline", [](const Run &r) { return r.timeline; }, 1000, "select fan-out -> timeline painted" },
        { "gui_timeline_scroll", [](const Run &r) { return r.scrollMax; }, 50, "longest scroll+repaint of 102 steps" },
    };
    if (!json)
        std::printf("\n%-20s %10s %10s %5s  %-40s %s\n", "workload", "median_ms", "target_ms", "ok", "measures",
                    "runs_ms");
    for (const auto &figure : figures) {
        QList<double> values;
        QJsonArray array;
        for (const auto &run : std::as_const(runs)) {
            values.append(figure.value(run));
            array.append(std::round(values.last() * 100) / 100);
        }
        const double m = median(values);
        QJsonObject o { { QStringLiteral("workload"), QString::fromLatin1(figure.workload) },
                        { QStringLiteral("median_ms"), std::round(m * 100) / 100 },
                        { QStringLiteral("runs"), array },
                        { QStringLiteral("instances"), instances } };
        if (figure.target > 0) {
            o.insert(QStringLiteral("target_ms"), figure.target);
            o.insert(QStringLiteral("met"), m <= figure.target);
        }
        if (QByteArray(figure.workload).startsWith("gui_timeline")) {
            o.insert(QStringLiteral("activities"), activities);
            o.insert(QStringLiteral("history_events"), runs.first().timelineEvents);
        }
        if (QByteArray(figure.workload) == "gui_timeline_scroll") {
            QList<double> medians;
            for (const auto &run : std::as_const(runs))
                medians.append(run.scrollMedian);
            o.insert(QStringLiteral("step_median_ms"), std::round(median(medians) * 100) / 100);
        }
        print(o);
        if (!json) {
            QStringList texts;
            for (auto v : values)
                texts.append(QString::number(v, 'f', 1));
            std::printf("%-20s %10.1f %10s %5s  %-40s %s\n", figure.workload, m,
                        figure.target ? qPrintable(QString::number(figure.target)) : "-",
                        figure.target ? (m <= figure.target ? "yes" : "NO") : "", figure.what,
                        qPrintable(texts.join(u' ')));
        }
    }
    if (keep && !json)
        std::printf("hub kept in %s\n", qPrintable(dir));
    return 0;
}
