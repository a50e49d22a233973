// The desktop features' dialogs for durable_screenshots: the bulk question and report, the Start
// dialog asking before it replaces a finished instance, and Help ▸ Keyboard Shortcuts of the real
// main window. Dialogs are separate windows: the bulk and Start ones are painted over the window
// they belong to, where the platform placed them, so that the picture shows what they are about.

#include "screenshots.h"

#include <bulkactions.h>
#include <commandline.h>
#include <filterbar.h>
#include <hubworkersmodel.h>
#include <hubworkerspanel.h>
#include <instanceactions.h>
#include <instancedetail.h>
#include <instancelistview.h>
#include <mainwindow.h>
#include <samples.h>
#include <shortcutsdialog.h>
#include <startdialog.h>
#include <workbench.h>
#include <workbenchwidget.h>

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QUuid>

#include <cstdio>

using namespace durable;

namespace shots {
namespace {
    template<typename T>
    T *findWindow(const QString &name)
    {
        for (auto *widget : QApplication::topLevelWidgets()) {
            if (widget->objectName() == name && widget->isVisible())
                if (auto *t = qobject_cast<T *>(widget))
                    return t;
        }
        return nullptr;
    }

    template<typename T>
    T *waitForWindow(const QString &name)
    {
        T *found = nullptr;
        if (!until([&] { return (found = findWindow<T>(name)) != nullptr; }))
            std::fprintf(stderr, "no window %s appeared\n", qPrintable(name));
        return found;
    }

    /// `base` with `dialogs` painted over it at their places on the screen (kept inside the
    /// picture), each with a frame and a shadow since no window manager draws one under Xvfb.
    QImage overWindow(QWidget *base, const QList<QWidget *> &dialogs)
    {
        QImage image = base->grab().toImage();
        QPainter painter(&image);
        const QPoint origin = base->mapToGlobal(QPoint(0, 0));
        for (auto *dialog : dialogs) {
            const QImage shot = dialog->grab().toImage();
            const QSize size = shot.deviceIndependentSize().toSize();
            QPoint at = dialog->mapToGlobal(QPoint(0, 0)) - origin;
            at.setX(std::clamp(at.x(), 8, std::max(8, base->width() - size.width() - 8)));
            at.setY(std::clamp(at.y(), 8, std::max(8, base->height() - size.height() - 8)));
            const QRect rect(at, size);
            painter.fillRect(rect.translated(4, 4), QColor(0, 0, 0, 70));
            painter.drawImage(rect, shot);
            painter.setPen(dialog->palette().color(QPalette::Shadow));
            painter.drawRect(rect.adjusted(-1, -1, 0, 0));
        }
        return image;
    }

    bool waiting(Client &client, const QString &id)
    {
        return !client.status(id).result().value_or(InstanceInfo {}).waiting.events.isEmpty();
    }

    /// Sets the list's name filter (empty: all names) and waits until the actions act on it.
    bool filterByName(views::WorkbenchWidget &workbench, const QString &name)
    {
        auto *names = workbench.instanceList()->filterBar()->findChild<QComboBox *>(QStringLiteral("nameFilter"));
        if (!names)
            return false;
        names->setCurrentIndex(name.isEmpty() ? 0 : names->findData(name));
        return until([&] { return workbench.actions()->filter().name == name; });
    }
} // namespace

bool shootBulk(views::WorkbenchWidget &workbench, Client &client, const QString &out)
{
    if (!wanted(QStringLiteral("bulk-question")) && !wanted(QStringLiteral("bulk-report")))
        return true;
    auto *actions = workbench.actions();
    const QStringList requests
        = { QStringLiteral("travel to Lisbon"), QStringLiteral("conference ticket"), QStringLiteral("new monitor") };
    for (int i = 0; i < requests.size(); ++i) {
        actions->start(QStringLiteral("Approval"), QJsonObject { { QStringLiteral("request"), requests.at(i) } },
                       QStringLiteral("approval-%1").arg(i + 3));
    }
    for (int i = 2; i <= 5; ++i) {
        if (!until([&] { return waiting(client, QStringLiteral("approval-%1").arg(i)); }))
            return false;
    }
    // Five Approval instances in the list, one of them (approval-1) completed.
    workbench.sideTabs()->setCurrentIndex(0);
    if (!filterByName(workbench, QStringLiteral("Approval")))
        return false;
    workbench.instanceList()->goToInstance(QStringLiteral("approval-3"));
    workbench.detail()->setInstanceId(QStringLiteral("approval-3"));
    until([&] { return workbench.instanceList()->model()->rowCount() == 5; });

    actions->bulk()->filteredActions().at(int(views::BulkActions::Action::Terminate))->trigger();
    auto *question = waitForWindow<QMessageBox>(QStringLiteral("bulkConfirm"));
    if (!question)
        return false;
    bool ok
        = saveImage([&] { return overWindow(&workbench, { question }); }, out + QStringLiteral("/bulk-question.png"));
    auto *go = question->findChild<QAbstractButton *>(QStringLiteral("bulkGo"));
    if (!go)
        return false;
    go->click();
    auto *report = waitForWindow<QMessageBox>(QStringLiteral("bulkReport"));
    if (!report)
        return false;
    ok &= saveImage([&] { return overWindow(&workbench, { report }); }, out + QStringLiteral("/bulk-report.png"));
    report->accept();
    ok &= filterByName(workbench, QString());
    return ok;
}

bool shootStartReplace(views::WorkbenchWidget &workbench, const QString &finishedId, const QString &out)
{
    if (!wanted(QStringLiteral("start-replace")))
        return true;
    workbench.instanceList()->goToInstance(finishedId);
    workbench.detail()->setInstanceId(finishedId);
    workbench.actions()->startAction->trigger();
    auto *dialog = waitForWindow<views::StartDialog>(QStringLiteral("startDialog"));
    if (!dialog)
        return false;
    dialog->setOrchestrator(QStringLiteral("FunctionChaining"));
    dialog->instanceIdEdit()->setText(finishedId);
    dialog->startButton()->click();
    if (!until([&] { return dialog->replaceQuestion() && dialog->replaceQuestion()->isVisible(); }))
        return false;
    QMessageBox *question = dialog->replaceQuestion();
    const bool ok = saveImage(
        [&] {
            return overWindow(&workbench, { dialog, question });
        },
        out + QStringLiteral("/start-replace.png"));
    question->button(QMessageBox::Cancel)->click(); // keeps the finished instance
    dialog->reject();
    return ok;
}

bool shootShortcuts(const QString &hubPath, const QString &out)
{
    if (!wanted(QStringLiteral("shortcuts")))
        return true;
    CommandLineOptions options;
    options.hubPath = hubPath;
    options.sync = SyncMode::Normal;
    options.httpPort = 0; // the API is not started here; no fixed port either way
    Registry registry; // outlives the workbench
    samples::registerAll(registry);
    Workbench app(options, registry);
    if (!app.openHub())
        return false;
    app.showMainWindow();
    MainWindow *window = app.mainWindow();
    window->resize(1500, 950);
    pump(300);
    auto *help = window->findChild<QAction *>(QStringLiteral("shortcutsAction"));
    if (!help)
        return false;
    help->trigger(); // Help ▸ Keyboard Shortcuts
    auto *dialog = waitForWindow<ShortcutsDialog>(QStringLiteral("shortcutsDialog"));
    if (!dialog)
        return false;
    // Tall enough to show every line without scrolling.
    QTableWidget *table = dialog->table();
    const int missing = table->verticalHeader()->length() - table->viewport()->height() + 4;
    dialog->resize(dialog->width(), std::min(dialog->height() + std::max(missing, 0), 990));
    const bool ok = save(dialog, out + QStringLiteral("/shortcuts.png"));
    dialog->close();
    window->close();
    return ok;
}

bool shootHubWorkers(const QString &out)
{
    if (!wanted(QStringLiteral("hub-workers")))
        return true;
    const QString server = qEnvironmentVariable("DURABLE_TEST_PG");
    if (server.isEmpty()) {
        std::fprintf(stderr,
                     "hub-workers.png skipped: set DURABLE_TEST_PG to a postgresql:// URL "
                     "(scripts/pg-fixture.sh start DIR prints one)\n");
        return true;
    }
    const QString hub = server + (server.contains(u'?') ? QStringLiteral("&") : QStringLiteral("?"))
        + QStringLiteral("hub=shots_") + QUuid::createUuid().toString(QUuid::Id128).left(12);
    Registry registry;
    samples::registerAll(registry);
    EngineOptions options;
    options.hubPath = hub;
    options.sync = SyncMode::Normal;
    options.activityThreads = 4;
    std::unique_ptr<Engine> engines[2];
    for (auto &engine : engines) {
        auto opened = Engine::open(options, registry);
        if (!opened) {
            std::fprintf(stderr, "hub-workers.png: cannot open %s: %s\n", qPrintable(hub),
                         qPrintable(opened.error().message));
            return false;
        }
        engine = std::move(*opened);
    }
    const auto &first = engines[0];
    HubWorkersPanel panel(*first);
    panel.resize(1100, 170);
    panel.show();
    auto id = first->start(QStringLiteral("FanOutFanIn"),
                           QJsonObject { { QStringLiteral("n"), 400 }, { QStringLiteral("delayMs"), 100 } });
    // Both working and a rate for each: the picture shows the load shared.
    const bool shared = until(
        [&] {
            const auto &ws = panel.model()->workers();
            return ws.size() == 2 && panel.model()->throughput(ws.at(0).info.workerId).value_or(0) > 0
                && panel.model()->throughput(ws.at(1).info.workerId).value_or(0) > 0;
        },
        60000);
    pump(1500);
    const bool ok = shared && save(&panel, out + QStringLiteral("/hub-workers.png"));
    if (id.result())
        first->terminate(*id.result(), QStringLiteral("screenshot taken")).waitForFinished();
    return ok;
}
} // namespace shots
