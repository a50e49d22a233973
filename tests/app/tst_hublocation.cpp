// Hub locations as shown and saved: a PostgreSQL URL never carries its password into the settings,
// a title or the Open Recent menu, and is listed there (enabled) next to files.

#include "hublocation.h"
#include "mainwindow.h"
#include "recenthubs.h"

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestHubLocation : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void withoutPassword_data();
    void withoutPassword();
    void displayNames();
    void sameHub();
    void recentHubsNeverStoreAPassword();
    void recentMenuListsAUrlEnabled();

private:
    QTemporaryDir m_dir;
};

void TestHubLocation::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"DurableWorkbenchTest"_s);
    QCoreApplication::setApplicationName(u"tst_hublocation"_s);
}

void TestHubLocation::init()
{
    RecentHubs::clear();
}

void TestHubLocation::withoutPassword_data()
{
    QTest::addColumn<QString>("location");
    QTest::addColumn<QString>("expected");
    QTest::newRow("user and password") << u"postgresql://me:s3cret@db.example:5433/app?hub=orders"_s
                                       << u"postgresql://me@db.example:5433/app?hub=orders"_s;
    QTest::newRow("password parameter") << u"postgres://me@db/app?password=s3cret&hub=a"_s
                                        << u"postgres://me@db/app?hub=a"_s;
    QTest::newRow("no password") << u"postgresql://me@db/app?hub=a"_s << u"postgresql://me@db/app?hub=a"_s;
    QTest::newRow("file") << u"/tmp/x:y@z.sqlite"_s << u"/tmp/x:y@z.sqlite"_s;
}

void TestHubLocation::withoutPassword()
{
    QFETCH(QString, location);
    QFETCH(QString, expected);
    QCOMPARE(HubLocation::withoutPassword(location), expected);
    QVERIFY(!HubLocation::withoutPassword(location).contains(u"s3cret"_s));
}

void TestHubLocation::displayNames()
{
    QCOMPARE(HubLocation::displayName(u"/data/orders.sqlite"_s), u"orders.sqlite"_s);
    QCOMPARE(HubLocation::displayName(u"postgresql://me:pw@db.example/app?hub=orders"_s),
             u"orders on db.example/app"_s);
    // A unix socket directory, percent-encoded in the host part (as scripts/pg-fixture.sh prints it).
    QCOMPARE(HubLocation::displayName(u"postgresql://me@%2Ftmp%2Fpg/postgres?hub=t"_s), u"t on /tmp/pg/postgres"_s);
}

void TestHubLocation::sameHub()
{
    QVERIFY(HubLocation::same(u"postgresql://me:pw@db/app?hub=a"_s, u"postgresql://me@db/app?hub=a"_s));
    QVERIFY(!HubLocation::same(u"postgresql://me@db/app?hub=a"_s, u"postgresql://me@db/app?hub=b"_s));
    const QString file = m_dir.filePath(u"a.sqlite"_s);
    QFile(file).open(QIODevice::WriteOnly);
    QVERIFY(HubLocation::same(file, m_dir.path() + u"/./a.sqlite"_s));
    QVERIFY(!HubLocation::same(file, u"postgresql://me@db/app?hub=a"_s));
}

void TestHubLocation::recentHubsNeverStoreAPassword()
{
    RecentHubs::add(u"postgresql://me:s3cret@db/app?hub=a"_s);
    RecentHubs::add(u"postgresql://me@db/app?hub=b&password=s3cret"_s);
    RecentHubs::add(u"postgresql://me@db/app?hub=a"_s); // the same hub: moved up, not listed twice
    QCOMPARE(RecentHubs::list(),
             (QStringList { u"postgresql://me@db/app?hub=a"_s, u"postgresql://me@db/app?hub=b"_s }));
    QSettings settings;
    settings.sync();
    QFile file(settings.fileName());
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(settings.fileName()));
    QVERIFY(!file.readAll().contains("s3cret"));
}

void TestHubLocation::recentMenuListsAUrlEnabled()
{
    const QString file = m_dir.filePath(u"b.sqlite"_s);
    QFile(file).open(QIODevice::WriteOnly);
    RecentHubs::add(file);
    RecentHubs::add(u"postgresql://me:pw@db/app?hub=orders"_s);
    MainWindow window(u"postgresql://me:pw@db/app?hub=orders"_s);
    QVERIFY(!window.windowTitle().contains(u"pw"_s));
    QVERIFY(window.windowTitle().contains(u"orders on db/app"_s));
    auto *menu = window.findChild<QMenu *>(u"recentMenu"_s);
    QVERIFY(menu);
    window.refreshRecentMenu();
    const auto actions = menu->actions();
    QVERIFY(actions.size() >= 2);
    QCOMPARE(actions.at(0)->data().toString(), u"postgresql://me@db/app?hub=orders"_s);
    QVERIFY(actions.at(0)->isEnabled());
    QVERIFY(actions.at(0)->text().contains(u"orders on db/app"_s));
    QCOMPARE(actions.at(1)->data().toString(), file);
    auto *openUrl = window.findChild<QAction *>(u"openHubUrlAction"_s);
    QVERIFY(openUrl);
    QVERIFY(!openUrl->shortcut().isEmpty());
}

QTEST_MAIN(TestHubLocation)
#include "tst_hublocation.moc"
