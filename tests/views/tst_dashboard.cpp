// The Dashboard's activity backlog on a real engine: queued and running counts of blocked
// activities, the oldest wait on an injected clock, and no figures for a client-only window.
#include <dashboard.h>
#include <engine.h>
#include <formatting.h>

#include <QLabel>
#include <QScopeGuard>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QTest>

#include <vector>

using namespace durable;

class TestDashboard : public QObject {
    Q_OBJECT

    QSemaphore m_permits; ///< each "Hold" activity takes one before it returns
    std::atomic<int> m_started { 0 };

    void registerFunctions(Registry &registry)
    {
        registry.addOrchestrator(QStringLiteral("FiveHolds"), [](OrchestrationContext &ctx) -> Task<QJsonValue> {
            std::vector<Future> tasks;
            for (int i = 0; i < 5; ++i)
                tasks.push_back(ctx.callActivity(QStringLiteral("Hold"), i));
            co_await whenAll(tasks);
            co_return 5;
        });
        registry.addActivity(QStringLiteral("Hold"), [this](ActivityContext &, const QJsonValue &v) -> QJsonValue {
            ++m_started;
            m_permits.acquire();
            return v;
        });
    }

    static QString text(views::Dashboard &dashboard, const char *name)
    {
        auto *label = dashboard.findChild<QLabel *>(QLatin1String(name));
        return label ? label->text() : QStringLiteral("(no label %1)").arg(QLatin1String(name));
    }

private Q_SLOTS:
    void showsQueuedRunningAndTheOldestWait()
    {
        QTemporaryDir dir;
        Registry registry;
        registerFunctions(registry);
        const QDateTime t0(QDate(2030, 5, 1), QTime(9, 0), Qt::UTC);
        ManualClock clock(t0);
        EngineOptions options;
        options.hubPath = dir.filePath(QStringLiteral("hub.sqlite"));
        options.sync = SyncMode::Normal;
        options.activityThreads = 2;
        options.clock = &clock;
        auto engine = Engine::open(options, registry);
        QVERIFY(engine);
        // Whatever fails below, the held activities must end before the engine can.
        const auto unblock = qScopeGuard([this] { m_permits.release(100); });
        views::Dashboard dashboard(engine->get());
        dashboard.show();
        QTRY_VERIFY_WITH_TIMEOUT((*engine)->ownsWorkers(), 30000);
        dashboard.refreshBacklog();
        QCOMPARE(text(dashboard, "backlogQueued"), QStringLiteral("0"));
        QCOMPARE(text(dashboard, "backlogRunning"), QStringLiteral("0"));
        QCOMPARE(text(dashboard, "backlogOldestWait"), QStringLiteral("–"));

        const auto id = (*engine)->start(QStringLiteral("FiveHolds"), {}).result();
        QVERIFY(id);
        // Two activities hold the two threads, three wait; the timer shows it without being asked.
        QTRY_COMPARE_WITH_TIMEOUT(m_started.load(), 2, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(text(dashboard, "backlogQueued"), QStringLiteral("3"), 30000);
        QCOMPARE(text(dashboard, "backlogRunning"), QStringLiteral("2"));
        QCOMPARE(dashboard.backlog()->queued, 3);
        QCOMPARE(dashboard.backlog()->oldestQueuedAt, t0);

        clock.advance(std::chrono::seconds(90));
        dashboard.refreshBacklog();
        QCOMPARE(text(dashboard, "backlogOldestWait"), models::formatDuration(90'000));
        QCOMPARE(text(dashboard, "backlogOldestWait"), QStringLiteral("1 min 30 s"));

        m_permits.release(5);
        const auto done = (*engine)->waitForCompletion(*id, 30000).result();
        QVERIFY(done);
        QCOMPARE(done->status, RuntimeStatus::Completed);
        QTRY_COMPARE_WITH_TIMEOUT(text(dashboard, "backlogRunning"), QStringLiteral("0"), 30000);
        QCOMPARE(text(dashboard, "backlogQueued"), QStringLiteral("0"));
        QCOMPARE(text(dashboard, "backlogOldestWait"), QStringLiteral("–"));
    }

    void aClientWindowShowsNoFigures()
    {
        QTemporaryDir dir;
        Registry registry;
        registerFunctions(registry);
        EngineOptions options;
        options.hubPath = dir.filePath(QStringLiteral("hub.sqlite"));
        options.runWorkers = false;
        auto engine = Engine::open(options, registry);
        QVERIFY(engine);
        views::Dashboard dashboard(engine->get());
        dashboard.refreshBacklog();
        QVERIFY(!dashboard.backlog());
        QCOMPARE(text(dashboard, "backlogQueued"), QStringLiteral("–"));
        QVERIFY(!dashboard.findChild<QLabel *>(QStringLiteral("backlogQueued"))->toolTip().isEmpty());
    }
};

QTEST_MAIN(TestDashboard)
#include "tst_dashboard.moc"
