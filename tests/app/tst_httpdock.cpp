// The HTTP API dock in the real main window (Workbench::showMainWindow on a temporary hub, the
// real keychain of the test session): issue 16, defect 6. Opening the dock used to create the API
// key in the keychain (on a desktop without a default keyring: a prompt for a new keyring
// password) and took about 40 % of the window's height.

#include "apikey.h"
#include "httppanel.h"
#include "mainwindow.h"
#include "secretstore.h"
#include "workbench.h"

#include <QAction>
#include <QCheckBox>
#include <QDockWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestHttpDock : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void openingTheDockLeavesTheKeychainAloneAndTheTimelineRoom();
};

void TestHttpDock::openingTheDockLeavesTheKeychainAloneAndTheTimelineRoom()
{
    durable::SecretStore keychain(QLatin1String(durable::http::keychainService));
    const durable::http::ApiKeySource source;
    QVERIFY(keychain.removeSync(source.secretName));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    CommandLineOptions options;
    options.hubPath = dir.filePath(u"hub.sqlite"_s);
    options.sync = durable::SyncMode::Normal;
    options.httpPort = 0;
    durable::Registry registry;
    Workbench workbench(options, registry);
    QVERIFY(workbench.openHub());
    workbench.showMainWindow();
    MainWindow *window = workbench.mainWindow();
    window->resize(1920, 1080);
    QVERIFY(QTest::qWaitForWindowExposed(window));
    auto *dock = window->findChild<QDockWidget *>(u"httpApi"_s);
    QVERIFY(dock);
    QVERIFY(!dock->isVisible());

    // As View ▸ HTTP API or Ctrl+Shift+H do.
    dock->toggleViewAction()->trigger();
    QVERIFY(dock->isVisible());
    const int limit = window->height() / 4;
    QTRY_VERIFY2(dock->height() <= limit,
                 qPrintable(u"dock %1 px of a %2 px window"_s.arg(dock->height()).arg(window->height())));
    QVERIFY(window->centralWidget()->height() >= window->height() / 2);

    auto *panel = qobject_cast<HttpPanel *>(dock->widget());
    QVERIFY(panel);
    QVERIFY(panel->apiKey().isEmpty());
    const auto afterOpen = keychain.readSync(source.secretName);
    QVERIFY2(!afterOpen, "opening the dock created the API key in the keychain");
    QCOMPARE(afterOpen.error().code, durable::SecretStore::SecretError::Code::NotFound);
    // Still so once everything the opening queued has run.
    QCoreApplication::processEvents();
    QVERIFY(dock->height() <= limit);
    QVERIFY(!keychain.readSync(source.secretName));

    // The switch is what reads (here: creates) the key.
    panel->findChild<QCheckBox *>(u"serveToggle"_s)->click();
    QVERIFY2(panel->isServing(), qPrintable(panel->errorText()));
    const auto stored = keychain.readSync(source.secretName);
    QVERIFY2(stored, stored ? "" : qPrintable(stored.error().message));
    QCOMPARE(*stored, panel->apiKey());
}

QTEST_MAIN(TestHttpDock)
#include "tst_httpdock.moc"
