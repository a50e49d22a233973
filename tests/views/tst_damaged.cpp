// The workbench on a hub with a page damaged after open (offscreen): selecting the instance
// whose history holds the page turns the hub damaged; the window says so in a persistent banner
// and its integrity check, run in the background, finds the damage.
#include "damagedhub.h"

#include <damagebanner.h>
#include <engine.h>
#include <instancedetail.h>
#include <instancetracker.h>
#include <workbenchwidget.h>

#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace durable;
using namespace durable::views;

class TestDamaged : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void bannerAndIntegrityCheck()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hub.sqlite"));
        const auto damaged = testing::makeDamagedHub(path);
        QVERIFY2(damaged.error.isEmpty(), qPrintable(damaged.error));
        Registry registry;
        samples::registerAll(registry);
        EngineOptions o;
        o.hubPath = path;
        o.deepCheckBytes = 0; // as for a hub over 32 MB
        auto engine = Engine::open(o, registry);
        QVERIFY2(engine, engine ? "" : qPrintable(engine.error().message));

        WorkbenchWidget workbench(engine->get());
        workbench.resize(1200, 800);
        workbench.show();
        QVERIFY(QTest::qWaitForWindowExposed(&workbench));
        auto *banner = workbench.damageBanner();
        QVERIFY(banner->message().isEmpty());

        // Selecting the instance reads its history: the damaged page is found.
        workbench.detail()->setInstanceId(damaged.instanceId);
        QTRY_VERIFY_WITH_TIMEOUT(!banner->message().isEmpty(), 10000);
        QVERIFY2(banner->message().contains(QLatin1String("damaged")), qPrintable(banner->message()));
        QVERIFY2(banner->message().contains(QLatin1String("integrity check")), qPrintable(banner->message()));
        QVERIFY(banner->isVisible());
        // What still reads is shown: the instance without its history.
        QTRY_VERIFY(workbench.detail()->tracker()->info().has_value());
        QCOMPARE(workbench.detail()->tracker()->info()->status, RuntimeStatus::Completed);
        for (auto *button : banner->findChildren<QPushButton *>()) {
            if (button->objectName() != QLatin1String("checkIntegrityButton"))
                QVERIFY2(!button->isVisible(), "a damaged hub's banner cannot be closed");
        }

        // The check runs in the background with a busy bar, then shows what it found.
        auto *check = banner->findChild<QPushButton *>(QStringLiteral("checkIntegrityButton"));
        QVERIFY(check && check->isVisible() && check->isEnabled());
        // Seen as the click leaves it: a small hub's check can finish during the events the click
        // itself processes, so a look afterwards would race with it.
        bool busy = false;
        connect(check, &QPushButton::clicked, banner, [&] {
            busy = banner->isChecking() && !check->isEnabled() && banner->findChild<QProgressBar *>()->isVisible();
        });
        QTest::mouseClick(check, Qt::LeftButton);
        QVERIFY(busy);
        QTRY_VERIFY_WITH_TIMEOUT(!banner->isChecking(), 60000);
        QVERIFY2(banner->checkResult().contains(QLatin1String("the file is damaged")),
                 qPrintable(banner->checkResult()));
        QVERIFY(!banner->findChild<QProgressBar *>()->isVisible());
        QVERIFY(check->isEnabled());
        QVERIFY(banner->isVisible());
    }

    void healthyHubChecksOk()
    {
        QTemporaryDir dir;
        Registry registry;
        EngineOptions o;
        o.hubPath = dir.filePath(QStringLiteral("hub.sqlite"));
        auto engine = Engine::open(o, registry);
        QVERIFY(engine);
        WorkbenchWidget workbench(engine->get());
        workbench.show();
        QVERIFY(QTest::qWaitForWindowExposed(&workbench));
        auto *banner = workbench.damageBanner();
        QVERIFY(!banner->isVisible());
        banner->checkIntegrity();
        QVERIFY(banner->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!banner->isChecking(), 60000);
        QVERIFY2(banner->checkResult().contains(QLatin1String("no damage")), qPrintable(banner->checkResult()));
    }
};

QTEST_MAIN(TestDamaged)
#include "tst_damaged.moc"
