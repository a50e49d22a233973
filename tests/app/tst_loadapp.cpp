// File ▸ Load App…: a C++ plugin joins the running workbench; a bad library is refused and
// changes nothing.
#include "mainwindow.h"
#include "workbench.h"
#include "workbenchwidget.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

class TestLoadApp : public QObject {
    Q_OBJECT

private:
    static int catalogRows(const Workbench &workbench)
    {
        auto *content = workbench.mainWindow()->findChild<durable::views::WorkbenchWidget *>();
        return content ? content->catalog()->model()->rowCount() : -1;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); } // Open Recent's list

    void loadsThePluginIntoTheCatalog()
    {
        QTemporaryDir dir;
        CommandLineOptions options;
        options.hubPath = dir.filePath(QStringLiteral("hub.sqlite"));
        durable::Registry registry;
        Workbench workbench(options, registry);
        QVERIFY(workbench.openHub());
        workbench.showMainWindow();
        QVERIFY(workbench.mainWindow()->findChild<QAction *>(QStringLiteral("loadAppAction")));
        const int before = catalogRows(workbench);

        QString message;
        QVERIFY(!workbench.loadApp(dir.filePath(QStringLiteral("hub.sqlite")), &message));
        QVERIFY2(message.contains(QStringLiteral("hub.sqlite")), qPrintable(message));
        QCOMPARE(catalogRows(workbench), before);
        QVERIFY(!registry.orchestrator(QStringLiteral("PluginGreetAll")));

        QVERIFY2(workbench.loadApp(QStringLiteral(EXAMPLE_PLUGIN), &message), qPrintable(message));
        QVERIFY(message.contains(QStringLiteral("Example plugin")));
        QVERIFY(registry.orchestrator(QStringLiteral("PluginGreetAll")));
        QCOMPARE(catalogRows(workbench), before + 1);
        // In the open hub's registry, and in every hub opened later (the plugin joined the base).
        QVERIFY(workbench.engine()->registry().orchestrator(QStringLiteral("PluginGreetAll")));
        QVERIFY2(workbench.switchHub(dir.filePath(QStringLiteral("other.sqlite")), &message), qPrintable(message));
        QVERIFY(workbench.engine()->registry().orchestrator(QStringLiteral("PluginGreetAll")));
        QCOMPARE(catalogRows(workbench), before + 1);
    }
};

QTEST_MAIN(TestLoadApp)
#include "tst_loadapp.moc"
