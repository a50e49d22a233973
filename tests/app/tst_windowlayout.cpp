// The main window's layout is the user's: geometry, docks and splitters survive a restart (kept in
// QSettings, isolated here by QStandardPaths' test mode), and a first start fills most of the
// screen instead of a fixed size.
#include "mainwindow.h"
#include "workbench.h"
#include "workbenchwidget.h"

#include <instancelistview.h>

#include <QDockWidget>
#include <QHeaderView>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestWindowLayout : public QObject {
    Q_OBJECT

private:
    struct Session {
        std::unique_ptr<durable::Registry> registry = std::make_unique<durable::Registry>();
        std::unique_ptr<Workbench> workbench;
    };
    Session open()
    {
        Session session;
        CommandLineOptions options;
        options.hubPath = m_dir.filePath(u"hub.sqlite"_s);
        options.sync = durable::SyncMode::Normal;
        session.workbench = std::make_unique<Workbench>(options, *session.registry);
        if (!session.workbench->openHub())
            return {};
        session.workbench->showMainWindow();
        return session;
    }
    static QSplitter *mainSplitter(MainWindow *window)
    {
        // The content's outer splitter: catalog and inbox tabs | list and detail.
        for (auto *splitter : window->findChildren<QSplitter *>())
            if (splitter->orientation() == Qt::Horizontal && splitter->count() == 2
                && qobject_cast<QSplitter *>(splitter->widget(1)))
                return splitter;
        return nullptr;
    }

    static QHeaderView *listHeader(Workbench *workbench)
    {
        return workbench->content()->instanceList()->table()->horizontalHeader();
    }

    /// Runs the layout requests and timers already posted (docks and splitters are laid out from
    /// the event loop), so a size compared afterwards is the settled one.
    static void settle()
    {
        for (int i = 0; i < 5; ++i) {
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
            QCoreApplication::processEvents();
        }
    }

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }
    void init() { QSettings().clear(); }

    void firstWindowFillsMostOfTheScreen()
    {
        Session session = open();
        QVERIFY(session.workbench);
        MainWindow *window = session.workbench->mainWindow();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        const QRect available = window->screen()->availableGeometry();
        const QRect expected = MainWindow::initialGeometry(available);
        QCOMPARE(expected.size(), (QSize(available.width() * 4 / 5, available.height() * 4 / 5)));
        QCOMPARE(expected.center(), available.center());
        // The window may not be smaller than its content allows; it is what the screen gives.
        QCOMPARE(window->size(), expected.size().expandedTo(window->minimumSizeHint()));
        QVERIFY(window->size() != QSize(1100, 700));
    }

    void geometryDocksAndSplittersAreRestored()
    {
        QList<int> splitterSizes;
        int columnWidth = 0;
        {
            Session session = open();
            QVERIFY(session.workbench);
            MainWindow *window = session.workbench->mainWindow();
            QVERIFY(QTest::qWaitForWindowExposed(window));
            window->resize(window->size() + QSize(37, 23));
            auto *workers = window->findChild<QDockWidget *>(u"workers"_s);
            QVERIFY(workers);
            QVERIFY(!workers->isVisible());
            workers->show();
            QSplitter *splitter = mainSplitter(window);
            QVERIFY(splitter);
            const int total = splitter->sizes().at(0) + splitter->sizes().at(1);
            splitter->setSizes({ total / 4, total - total / 4 });
            splitterSizes = splitter->sizes();
            QHeaderView *header = listHeader(session.workbench.get());
            header->resizeSection(1, header->sectionSize(1) + 41);
            columnWidth = header->sectionSize(1);
            QSettings().setValue(u"test/size"_s, window->size());
            QVERIFY(window->close());
        }
        const QSize closedSize = QSettings().value(u"test/size"_s).toSize();
        Session session = open();
        QVERIFY(session.workbench);
        MainWindow *window = session.workbench->mainWindow();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QCOMPARE(window->size(), closedSize);
        auto *workers = window->findChild<QDockWidget *>(u"workers"_s);
        QTRY_VERIFY(workers->isVisible());
        QCOMPARE(mainSplitter(window)->sizes(), splitterSizes);
        QCOMPARE(listHeader(session.workbench.get())->sectionSize(1), columnWidth);

        // A hub switch rebuilds the content in the same layout.
        QString error;
        QVERIFY2(session.workbench->switchHub(m_dir.filePath(u"other.sqlite"_s), &error), qPrintable(error));
        // The new content is laid out from the event loop.
        QTRY_COMPARE(mainSplitter(window)->sizes(), splitterSizes);
        QCOMPARE(listHeader(session.workbench.get())->sectionSize(1), columnWidth);
        QVERIFY(workers->isVisible());
        QCOMPARE(window->size(), closedSize);

        // Hidden again and closed: hidden at the next start.
        workers->hide();
        QVERIFY(window->close());
        session = {};
        session = open();
        QVERIFY(QTest::qWaitForWindowExposed(session.workbench->mainWindow()));
        QVERIFY(!session.workbench->mainWindow()->findChild<QDockWidget *>(u"workers"_s)->isVisible());
    }

    // A bottom dock the user made small stays small across a hub switch and a restart (it grew
    // back to half the window at each switch).
    void aDockKeepsItsHeight()
    {
        int height = 0;
        {
            Session session = open();
            QVERIFY(session.workbench);
            MainWindow *window = session.workbench->mainWindow();
            QVERIFY(QTest::qWaitForWindowExposed(window));
            auto *http = window->findChild<QDockWidget *>(u"httpApi"_s);
            QVERIFY(http);
            http->toggleViewAction()->trigger();
            QTRY_VERIFY(http->isVisible());
            settle(); // the first-open limit applies from the event loop
            window->resizeDocks({ http }, { window->height() / 6 }, Qt::Vertical);
            settle();
            height = http->height();

            QString error;
            QVERIFY2(session.workbench->switchHub(m_dir.filePath(u"dock-b.sqlite"_s), &error), qPrintable(error));
            QVERIFY(http->isVisible());
            settle();
            QVERIFY2(qAbs(http->height() - height) <= 4,
                     qPrintable(u"%1 px after the switch, %2 before"_s.arg(http->height()).arg(height)));
            QVERIFY(window->close());
        }
        Session session = open();
        QVERIFY(session.workbench);
        MainWindow *window = session.workbench->mainWindow();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        auto *http = window->findChild<QDockWidget *>(u"httpApi"_s);
        QTRY_VERIFY(http->isVisible());
        settle();
        QVERIFY2(qAbs(http->height() - height) <= 4,
                 qPrintable(u"%1 px after the restart, %2 before"_s.arg(http->height()).arg(height)));
    }
};

QTEST_MAIN(TestWindowLayout)
#include "tst_windowlayout.moc"
