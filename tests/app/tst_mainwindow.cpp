#include "engine.h"
#include "mainwindow.h"
#include "shortcutsdialog.h"

#include <sqlite3.h>

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;

class TestMainWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void titleNamesTheHub();
    void menusAreFileThenHelp();
    void quitClosesTheWindow();
    void aboutShowsVersionAndHub();
    void aboutShowsQtSqliteAndTheHubsSchemaVersion();
    void shortcutsAreReadFromTheActions();
    void shortcutsDialogFilters();
    void setContentReplacesTheCentralWidget();
    void docksGetAViewMenuBeforeHelp();
    void contentMenusComeBeforeViewAndHelp();

private:
    static QStringList menuTitles(const MainWindow &window);
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // Open Recent reads the settings
    QSettings().clear();
    QCoreApplication::setApplicationVersion(u"1.2.3"_s);
}

QStringList TestMainWindow::menuTitles(const MainWindow &window)
{
    QStringList titles;
    for (QAction *action : window.menuBar()->actions()) {
        titles << action->text();
    }
    return titles;
}

void TestMainWindow::titleNamesTheHub()
{
    MainWindow window(u"/srv/hubs/orders.sqlite"_s);
    // The file name in the title, the whole path in the status bar's tooltip.
    QCOMPARE(window.windowTitle(), u"orders.sqlite — Durable Workbench"_s);
    QCOMPARE(window.hubPath(), u"/srv/hubs/orders.sqlite"_s);
    auto *label = qobject_cast<QLabel *>(window.centralWidget());
    QVERIFY(label);
    QVERIFY(label->text().contains("/srv/hubs/orders.sqlite"_L1));
    auto *hubLabel = window.statusBar()->findChild<QLabel *>(u"hubLabel"_s);
    QVERIFY(hubLabel);
    QCOMPARE(hubLabel->text(), u"orders.sqlite"_s);
    QVERIFY(hubLabel->toolTip().contains("/srv/hubs/orders.sqlite"_L1));
    window.setHubPath(u"/srv/hubs/billing.sqlite"_s);
    QCOMPARE(window.windowTitle(), u"billing.sqlite — Durable Workbench"_s);
    QVERIFY(hubLabel->toolTip().contains("/srv/hubs/billing.sqlite"_L1));
}

void TestMainWindow::menusAreFileThenHelp()
{
    MainWindow window(u"/h.sqlite"_s);
    QCOMPARE(menuTitles(window), (QStringList { u"&File"_s, u"&Help"_s }));
    QVERIFY(!window.viewMenu());
    auto *quit = window.findChild<QAction *>(u"quitAction"_s);
    QVERIFY(quit);
    QCOMPARE(quit->shortcut(), QKeySequence(u"Ctrl+Q"_s));
}

void TestMainWindow::quitClosesTheWindow()
{
    MainWindow window(u"/h.sqlite"_s);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTest::keyClick(&window, Qt::Key_Q, Qt::ControlModifier);
    QTRY_VERIFY(!window.isVisible());
}

void TestMainWindow::aboutShowsVersionAndHub()
{
    MainWindow window(u"/srv/about<test>.sqlite"_s);
    window.show();
    QString shownText;
    // The box is modal: inspect and close it from inside its own event loop.
    QTimer::singleShot(0, &window, [&shownText] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (box) {
            shownText = box->text();
            box->accept();
        }
    });
    window.findChild<QAction *>(u"aboutAction"_s)->trigger();
    QVERIFY2(shownText.contains("Durable Workbench 1.2.3"_L1), qPrintable(shownText));
    QVERIFY2(shownText.contains("/srv/about&lt;test&gt;.sqlite"_L1), qPrintable(shownText));
}

void TestMainWindow::aboutShowsQtSqliteAndTheHubsSchemaVersion()
{
    // A real hub, closed again; its schema version is read from the file itself.
    QTemporaryDir dir;
    const QString hub = dir.filePath(u"about.sqlite"_s);
    {
        durable::Registry registry;
        durable::EngineOptions options;
        options.hubPath = hub;
        options.sync = durable::SyncMode::Normal;
        auto engine = durable::Engine::open(options, registry);
        QVERIFY(engine);
    }
    int fileVersion = -1;
    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open_v2(QFile::encodeName(hub).constData(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt *statement = nullptr;
    QCOMPARE(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &statement, nullptr), SQLITE_OK);
    QCOMPARE(sqlite3_step(statement), SQLITE_ROW);
    fileVersion = sqlite3_column_int(statement, 0);
    sqlite3_finalize(statement);
    sqlite3_close(db);
    QVERIFY(fileVersion > 0);

    MainWindow window(hub);
    const QString text = window.aboutText();
    QVERIFY2(text.contains(u"Schema version: %1"_s.arg(fileVersion)), qPrintable(text));
    QVERIFY2(text.contains(hub), qPrintable(text));
    QVERIFY2(text.contains(u"Qt "_s + QString::fromLatin1(qVersion())), qPrintable(text));
    QVERIFY2(text.contains(QRegularExpression(u"SQLite 3\\.\\d+\\.\\d+"_s)), qPrintable(text));
}

void TestMainWindow::shortcutsAreReadFromTheActions()
{
    MainWindow window(u"/h.sqlite"_s);
    auto *content = new QWidget;
    auto *goTo = new QAction(u"&Go to instance id…"_s, content);
    goTo->setShortcut(QKeySequence(u"Ctrl+G"_s));
    content->addAction(goTo); // in no menu
    window.setContent(content);
    auto *logs = new QWidget;
    auto *refresh = new QPushButton(u"&Refresh"_s, logs); // Alt+R is its mnemonic, no shortcut
    auto *follow = new QPushButton(u"&Follow"_s, logs);
    follow->setShortcut(QKeySequence(u"F5"_s));
    QDockWidget *dock = window.addDock(logs, u"Logs"_s, u"logsDock"_s);
    dock->toggleViewAction()->setShortcut(QKeySequence(u"Ctrl+Shift+K"_s));

    const auto has = [](const QList<ShortcutEntry> &entries, const QString &menu, const QString &action,
                        const QKeySequence &keys) {
        for (const ShortcutEntry &entry : entries)
            if (entry.menu == menu && entry.action == action && entry.keys == keys.toString(QKeySequence::NativeText))
                return true;
        return false;
    };
    auto entries = collectShortcuts(&window);
    QVERIFY(has(entries, u"File"_s, u"Open Hub…"_s, QKeySequence(QKeySequence::Open)));
    QVERIFY(has(entries, u"File"_s, u"Quit"_s, QKeySequence(u"Ctrl+Q"_s)));
    QVERIFY(has(entries, u"View"_s, u"Logs"_s, QKeySequence(u"Ctrl+Shift+K"_s)));
    QVERIFY(has(entries, u"Window"_s, u"Go to instance id…"_s, QKeySequence(u"Ctrl+G"_s)));
    QVERIFY(!has(entries, u"File"_s, u"Reload"_s, QKeySequence(u"Ctrl+Alt+R"_s)));
    // Buttons in a dock are listed under the dock, mnemonics are not shortcuts.
    QVERIFY(has(entries, u"Logs"_s, u"Follow"_s, QKeySequence(u"F5"_s)));
    QCOMPARE(refresh->shortcut(), QKeySequence(u"Alt+R"_s));
    QVERIFY(!has(entries, u"Logs"_s, u"Refresh"_s, QKeySequence(u"Alt+R"_s)));

    // Added while the application runs: in the next list, without anything else to update.
    auto *reload = new QAction(u"&Reload"_s);
    reload->setShortcut(QKeySequence(u"Ctrl+Alt+R"_s));
    window.addFileAction(reload);
    entries = collectShortcuts(&window);
    QVERIFY(has(entries, u"File"_s, u"Reload"_s, QKeySequence(u"Ctrl+Alt+R"_s)));
    // Sorted by menu in menu bar order, "Window" last; each action once.
    QStringList menus;
    for (const ShortcutEntry &entry : entries)
        if (menus.isEmpty() || menus.constLast() != entry.menu)
            menus << entry.menu;
    QCOMPARE(menus, (QStringList { u"File"_s, u"View"_s, u"Help"_s, u"Logs"_s, u"Window"_s }));
    QSet<QString> actions;
    for (const ShortcutEntry &entry : entries) {
        QVERIFY2(!actions.contains(entry.action), qPrintable(entry.action));
        actions.insert(entry.action);
    }
}

void TestMainWindow::shortcutsDialogFilters()
{
    MainWindow window(u"/h.sqlite"_s);
    ShortcutsDialog dialog(&window);
    QTableWidget *table = dialog.table();
    const auto visibleRows = [table] {
        QStringList rows;
        for (int row = 0; row < table->rowCount(); ++row)
            if (!table->isRowHidden(row))
                rows << table->item(row, 1)->text();
        return rows;
    };
    QVERIFY(visibleRows().contains(u"Quit"_s));
    QVERIFY(visibleRows().size() >= 3);
    dialog.filter()->setText(u"quit"_s);
    QCOMPARE(visibleRows(), QStringList { u"Quit"_s });
    dialog.filter()->setText(QKeySequence(QKeySequence::Open).toString(QKeySequence::NativeText));
    QCOMPARE(visibleRows(), QStringList { u"Open Hub…"_s });
    dialog.filter()->clear();
    QCOMPARE(visibleRows().size(), table->rowCount());
}

void TestMainWindow::setContentReplacesTheCentralWidget()
{
    MainWindow window(u"/h.sqlite"_s);
    QPointer<QWidget> placeholder = window.centralWidget();
    auto *content = new QWidget;
    window.setContent(content);
    QCOMPARE(window.centralWidget(), content);
    QTRY_VERIFY(placeholder.isNull());
    QCOMPARE(content->parentWidget(), &window);
}

void TestMainWindow::docksGetAViewMenuBeforeHelp()
{
    MainWindow window(u"/h.sqlite"_s);
    auto *catalog = new QWidget;
    QDockWidget *dock = window.addDock(catalog, u"Catalog"_s, u"catalogDock"_s, Qt::RightDockWidgetArea);
    window.addDock(new QWidget, u"Logs"_s, u"logsDock"_s);
    QCOMPARE(dock->widget(), catalog);
    QCOMPARE(dock->objectName(), u"catalogDock"_s);
    QCOMPARE(window.dockWidgetArea(dock), Qt::RightDockWidgetArea);
    QCOMPARE(menuTitles(window), (QStringList { u"&File"_s, u"&View"_s, u"&Help"_s }));
    QVERIFY(window.viewMenu());
    QCOMPARE(window.viewMenu()->actions().size(), 2);
    QCOMPARE(window.viewMenu()->actions().constFirst(), dock->toggleViewAction());
    // The state can be saved and restored because docks have stable names.
    QVERIFY(window.restoreState(window.saveState()));
}

void TestMainWindow::contentMenusComeBeforeViewAndHelp()
{
    MainWindow window(u"/h.sqlite"_s);
    QPointer<QMenu> instance = new QMenu(u"&Instance"_s);
    window.addContentMenu(instance);
    window.addDock(new QWidget, u"Logs"_s, u"logsDock"_s);
    window.addContentMenu(new QMenu(u"&Tools"_s));
    QCOMPARE(menuTitles(window), (QStringList { u"&File"_s, u"&Instance"_s, u"&Tools"_s, u"&View"_s, u"&Help"_s }));
    QCOMPARE(instance->parent(), &window);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
