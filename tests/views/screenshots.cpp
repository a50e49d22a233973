// Renders the workbench's main views into PNG files with QWidget::grab(): the instance list, the
// timeline with a stepped cursor, logs with replayed lines, the fan-out chart mid-run and the
// approval inbox; then the desktop features' dialogs (screenshots_desktop.cpp). Runs the sample
// patterns on a fresh temporary hub.
// Usage: durable_screenshots [--dark] [dir]. --dark renders the list, timeline and fan-out chart on a
// dark palette (Fusion style) into *-dark.png.

#include <approvalinbox.h>
#include <codeeditor.h>
#include <darkpalette.h>
#include <dashboard.h>
#include <designerpage.h>
#include <engine.h>
#include <historypage.h>
#include <instanceactions.h>
#include <instancedetail.h>
#include <instancelistview.h>
#include <samples.h>
#include <scriptdesignservice.h>
#include <timelineview.h>
#include <workbenchwidget.h>

#include "screenshots.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeWidget>

#include <algorithm>
#include <cstdio>
#include <memory>

using namespace durable;

namespace shots {
void pump(int ms)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms)
        QApplication::processEvents(QEventLoop::AllEvents, 20);
}

bool until(const std::function<bool()> &condition, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!condition()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return true;
}

namespace {
    QString g_suffix; ///< "-dark" with --dark
    QStringList g_only; ///< names to write; empty: all
} // namespace

bool wanted(const QString &name)
{
    return g_only.isEmpty() || g_only.contains(name);
}

bool saveImage(const std::function<QImage()> &render, QString path)
{
    const QString name = QFileInfo(path).completeBaseName();
    if (!wanted(name))
        return true;
    path = QFileInfo(path).path() + QLatin1Char('/') + name + g_suffix + QStringLiteral(".png");
    pump(300);
    const bool ok = render().save(path);
    std::printf("%s %s\n", ok ? "wrote" : "FAILED", qPrintable(path));
    return ok;
}

bool save(QWidget *widget, const QString &path)
{
    return saveImage([widget] { return widget->grab().toImage(); }, path);
}
} // namespace shots

using namespace shots;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // keep the user's layout settings untouched
    QStringList args = app.arguments().mid(1);
    if (args.removeAll(QStringLiteral("--dark")) > 0) {
        QApplication::setStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(views::darkPalette());
        g_suffix = QStringLiteral("-dark");
        g_only = { QStringLiteral("instance-list"), QStringLiteral("timeline"), QStringLiteral("fanout") };
    }
    // --only NAME[,NAME…]: write just those PNGs (e.g. --only event-detail), the rest is left alone.
    if (const auto only = args.indexOf(QStringLiteral("--only")); only >= 0 && only + 1 < args.size()) {
        g_only = args.at(only + 1).split(QLatin1Char(','));
        args.remove(only, 2);
    }
    const QString out = args.value(0, QStringLiteral("docs/screenshots"));
    QDir().mkpath(out);
    QTemporaryDir dir;
    Registry registry;
    samples::registerAll(registry);
    EngineOptions options;
    options.hubPath = dir.filePath(QStringLiteral("hub.sqlite"));
    options.cacheSize = 0; // replay at every episode: the logs then show replayed lines
    options.activityThreads = 4;
    auto engine = Engine::open(options, registry);
    if (!engine) {
        std::fprintf(stderr, "cannot open hub: %s\n", qPrintable(engine.error().message));
        return 1;
    }
    // Owned here so that the hub can be closed before the real main window opens it (shortcuts).
    auto workbenchOwner = std::make_unique<views::WorkbenchWidget>(engine->get());
    auto &workbench = *workbenchOwner;
    workbench.resize(1500, 950);
    workbench.show();
    bool ok = true;
    ok &= save(&workbench, out + QStringLiteral("/welcome.png"));

    auto *actions = workbench.actions();
    auto *client = engine->get();
    actions->start(QStringLiteral("FunctionChaining"), QStringLiteral("go"), QStringLiteral("chain-1"));
    actions->start(QStringLiteral("Approval"),
                   QJsonObject { { QStringLiteral("request"), QStringLiteral("expense report 42") } },
                   QStringLiteral("approval-1"));
    actions->start(QStringLiteral("Approval"), QJsonObject { { QStringLiteral("request"), QStringLiteral("laptop") } },
                   QStringLiteral("approval-2"));
    actions->start(QStringLiteral("SubOrchestrationWithRetry"), QStringLiteral("payload"), QStringLiteral("retry-1"));
    actions->start(QStringLiteral("AsyncHttpApi"), 3, QStringLiteral("job-1"));
    actions->start(QStringLiteral("FanOutFanIn"), QJsonObject { { QStringLiteral("n"), 4 } },
                   QStringLiteral("fanout-small"));
    until([&] {
        return client->status(QStringLiteral("chain-1")).result().value_or(InstanceInfo {}).status
            == RuntimeStatus::Completed;
    });
    until([&] { return workbench.inbox()->model()->rowCount() >= 2; });
    client->raiseEvent(QStringLiteral("approval-1"), QStringLiteral("ApprovalEvent"), true).waitForFinished();
    // The fan-out runs while the chart is captured.
    actions->start(QStringLiteral("FanOutFanIn"),
                   QJsonObject { { QStringLiteral("n"), 300 }, { QStringLiteral("delayMs"), 40 } },
                   QStringLiteral("fanout-1"));
    until([&] {
        return client->status(QStringLiteral("approval-1")).result().value_or(InstanceInfo {}).status
            == RuntimeStatus::Completed;
    });
    until([&] {
        return workbench.detail()->tracker()->instanceId() == QStringLiteral("fanout-1");
    }); // its start is reported
    pump(500);

    workbench.sideTabs()->setCurrentIndex(0);
    workbench.instanceList()->goToInstance(QStringLiteral("approval-1"));
    workbench.detail()->setInstanceId(QStringLiteral("approval-1"));
    until([&] { return workbench.detail()->tracker()->history().size() > 10; });
    workbench.detail()->setCurrentIndex(views::InstanceDetail::Summary);
    ok &= save(&workbench, out + QStringLiteral("/instance-list.png"));

    workbench.detail()->setCurrentIndex(views::InstanceDetail::History);
    auto *timeline = workbench.detail()->history()->timeline();
    timeline->setFocus();
    workbench.detail()->history()->selectPosition(9); // EventRaised: approved
    ok &= save(&workbench, out + QStringLiteral("/timeline.png"));

    // Event detail: the approval request's scheduling event, its input as a tree, the link to the
    // completion and the log lines of its episode.
    {
        const auto &history = workbench.detail()->tracker()->history();
        const auto scheduled
            = std::ranges::find_if(history, [](const HistoryEvent &e) { return e.type == EventType::TaskScheduled; });
        ok &= scheduled != history.end();
        auto *page = workbench.detail()->history();
        page->selectPosition(int(scheduled - history.begin()));
        page->table()->setFocus();
        ok &= save(&workbench, out + QStringLiteral("/event-detail.png"));
    }

    // Logs with replayed lines: the small fan-out's orchestrator logs, replayed at every episode.
    until([&] {
        return client->status(QStringLiteral("fanout-small")).result().value_or(InstanceInfo {}).status
            == RuntimeStatus::Completed;
    });
    workbench.instanceList()->goToInstance(QStringLiteral("fanout-small"));
    workbench.detail()->setInstanceId(QStringLiteral("fanout-small"));
    until([&] { return workbench.detail()->tracker()->logs().size() > 3; });
    workbench.detail()->setCurrentIndex(views::InstanceDetail::Logs);
    ok &= save(&workbench, out + QStringLiteral("/logs.png"));

    workbench.instanceList()->goToInstance(QStringLiteral("fanout-1"));
    workbench.detail()->setInstanceId(QStringLiteral("fanout-1"));
    until([&] {
        const auto &h = workbench.detail()->tracker()->history();
        int done = 0;
        for (const auto &e : h)
            done += e.type == EventType::TaskCompleted;
        return done > 80;
    });
    workbench.detail()->setCurrentIndex(views::InstanceDetail::FanOut);
    ok &= save(&workbench, out + QStringLiteral("/fanout.png"));

    workbench.sideTabs()->setCurrentIndex(1);
    workbench.inbox()->selectInstance(QStringLiteral("approval-2"));
    workbench.instanceList()->goToInstance(QStringLiteral("approval-2"));
    workbench.detail()->setInstanceId(QStringLiteral("approval-2"));
    workbench.detail()->setCurrentIndex(views::InstanceDetail::Summary);
    ok &= save(&workbench, out + QStringLiteral("/inbox.png"));

    workbench.sideTabs()->setCurrentIndex(2);
    workbench.dashboard()->refreshBacklog(); // the fan-out's queue as it is now, not a second ago
    ok &= save(&workbench, out + QStringLiteral("/dashboard.png"));
    until(
        [&] {
            return client->status(QStringLiteral("fanout-1")).result().value_or(InstanceInfo {}).status
                == RuntimeStatus::Completed;
        },
        60000);

    // The Designer on the human-interaction template after Check: the dry run's actions.
    auto design = std::make_unique<script::ScriptDesignService>(*client, registry);
    std::unique_ptr<views::DesignerPage> designer(workbench.createDesigner(design.get(), nullptr));
    designer->resize(1100, 900);
    designer->loadTemplate(4);
    designer->show();
    designer->check();
    until([&] { return designer->actionList()->topLevelItemCount() > 0; });
    ok &= save(designer.get(), out + QStringLiteral("/designer.png"));
    // A syntax error: the marker on its line and the message in the status line.
    QString broken = designer->code();
    broken.replace(QStringLiteral("const winner = yield"), QStringLiteral("const winner = yield ("));
    designer->setCode(broken);
    designer->checkSyntax();
    until([&] { return designer->editor()->errorLine() > 0; });
    ok &= save(designer.get(), out + QStringLiteral("/designer-error.png"));
    designer->setCode(designer->code().replace(QStringLiteral("yield ("), QStringLiteral("yield")));
    ok &= shootFailureCard(workbench, *client, *design, *designer, out);

    // The desktop features (screenshots_desktop.cpp).
    ok &= shootBulk(workbench, *client, out);
    ok &= shootStartReplace(workbench, QStringLiteral("chain-1"), out);
    ok &= shootCompare(workbench, *client, out);
    ok &= shootNestedGantt(workbench, QStringLiteral("retry-1"), out);
    ok &= shootFork(workbench, QStringLiteral("chain-1"), out);
    designer.reset();
    workbenchOwner.reset();
    design.reset();
    engine->reset(); // the real main window opens the same hub next
    ok &= shootShortcuts(options.hubPath, out);
    ok &= shootHubWorkers(out);
    return ok ? 0 : 1;
}
