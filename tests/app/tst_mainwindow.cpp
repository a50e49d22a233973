#include "mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
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
    void setContentReplacesTheCentralWidget();
    void docksGetAViewMenuBeforeHelp();
    void contentMenusComeBeforeViewAndHelp();

private:
    static QStringList menuTitles(const MainWindow &window);
};

void TestMainWindow::initTestCase()
{
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
    QCOMPARE(window.windowTitle(), u"Durable Workbench — /srv/hubs/orders.sqlite"_s);
    QCOMPARE(window.hubPath(), u"/srv/hubs/orders.sqlite"_s);
    auto *label = qobject_cast<QLabel *>(window.centralWidget());
    QVERIFY(label);
    QVERIFY(label->text().contains("/srv/hubs/orders.sqlite"_L1));
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
