// The application's startup registers the script versions saved in the hub (GUI and headless
// share Workbench::openHub), and the main window offers the Designer as a dock.
#include "banner.h"
#include "designerpage.h"
#include "mainwindow.h"
#include "workbench.h"

#include <scriptloader.h>

#include <QAction>
#include <QDockWidget>
#include <QMenu>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace durable;

namespace {

const char *const order = R"(const df = require("durable-functions");
df.orchestrator("Order", function* (context) {
    const approved = yield context.df.waitForExternalEvent("Approve");
    return yield context.df.callActivity("Ship", approved);
});
df.activity("Ship", function (context, input) { return "shipped " + input; });
)";

template<typename T>
T wait(QFuture<T> future)
{
    future.waitForFinished();
    return future.result();
}

} // namespace

class TestStoredVersions : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void openHubRegistersSavedVersions()
    {
        QTemporaryDir dir;
        CommandLineOptions options;
        options.hubPath = dir.filePath(QStringLiteral("hub.sqlite"));
        options.sync = SyncMode::Normal;
        QString id;
        {
            // An earlier session: v1 saved, an instance started on it and left waiting.
            Registry registry;
            Workbench first(options, registry);
            QVERIFY(first.openHub());
            QVERIFY(!registry.orchestrator(u"Order"_qs));
            Engine &engine = *first.engine();
            QCOMPARE(wait(engine.saveScript(u"order.js"_qs, QString::fromUtf8(order), { u"Order"_qs }, { u"Ship"_qs }))
                         .value_or(-1),
                     1);
            // As the Designer does when it saves: into the registry the open hub runs on.
            QVERIFY(script::loadScript(u"order.js"_qs, QString::fromUtf8(order), *first.registry(),
                                       { QStringLiteral("v1") }));
            id = wait(engine.start(u"Order"_qs, {})).value_or(QString());
            QVERIFY(!id.isEmpty());
            QTRY_VERIFY_WITH_TIMEOUT(wait(engine.status(id))->waiting.events.contains(u"Approve"_qs), 10000);
            QString changed = QString::fromUtf8(order);
            changed.replace(u"\"shipped \""_qs, u"\"sent \""_qs);
            QCOMPARE(wait(engine.saveScript(u"order.js"_qs, changed, { u"Order"_qs }, { u"Ship"_qs })).value_or(-1), 2);
        }

        // The next start knows both versions before any instance resumes; v2 is the default.
        Registry registry;
        Workbench second(options, registry);
        QVERIFY(second.openHub());
        QCOMPARE(second.registry()->versions(u"Order"_qs).size(), 2);
        QVERIFY(!registry.orchestrator(u"Order"_qs)); // the base stays free of any hub's scripts
        QCOMPARE(second.registry()->orchestrator(u"Order"_qs)->version, QStringLiteral("v2"));
        Engine &engine = *second.engine();
        QVERIFY(wait(engine.raiseEvent(id, u"Approve"_qs, u"yes"_qs)));
        const auto done = wait(engine.waitForCompletion(id, 20000));
        QVERIFY(done);
        QCOMPARE(done->status, RuntimeStatus::Completed);
        QCOMPARE(done->version, QStringLiteral("v1"));
        QCOMPARE(done->output.toString(), QStringLiteral("sent yes")); // activities: the latest code
    }

    void brokenSavedScriptShowsInTheBanner()
    {
        QTemporaryDir dir;
        CommandLineOptions options;
        options.hubPath = dir.filePath(QStringLiteral("hub.sqlite"));
        options.sync = SyncMode::Normal;
        {
            Registry registry;
            Workbench first(options, registry);
            QVERIFY(first.openHub());
            const auto saved
                = wait(first.engine()->saveScript(u"broken.js"_qs, u"df.orchestrator(\"B\", function* ("_qs, {}, {}));
            QCOMPARE(saved.value_or(-1), 1);
        }
        Registry registry;
        Workbench workbench(options, registry);
        QVERIFY(workbench.openHub()); // not fatal
        workbench.showMainWindow();
        auto *banner = workbench.mainWindow()->findChild<views::Banner *>();
        QVERIFY(banner);
        QVERIFY2(banner->message().contains(QLatin1String("broken.js")), qPrintable(banner->message()));
    }

    void mainWindowHasTheDesignerDock()
    {
        QTemporaryDir dir;
        CommandLineOptions options;
        options.hubPath = dir.filePath(QStringLiteral("hub.sqlite"));
        options.sync = SyncMode::Normal;
        Registry registry;
        Workbench workbench(options, registry);
        QVERIFY(workbench.openHub());
        workbench.showMainWindow();
        auto *dock = workbench.mainWindow()->findChild<QDockWidget *>(u"designer"_qs);
        QVERIFY(dock);
        QVERIFY(qobject_cast<views::DesignerPage *>(dock->widget()));
        QCOMPARE(dock->toggleViewAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
        QVERIFY(workbench.mainWindow()->viewMenu()->actions().contains(dock->toggleViewAction()));
        QVERIFY(!dock->isVisible());
        dock->toggleViewAction()->trigger();
        QVERIFY(dock->isVisible());
    }
};

QTEST_MAIN(TestStoredVersions)
#include "tst_storedversions.moc"
