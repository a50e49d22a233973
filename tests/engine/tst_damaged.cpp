// A damaged page found after the hub was opened: the read that hits it reports Corrupt (never a
// truncated result), and the hub turns read-only ("damaged") until it is repaired.
#include "damagedhub.h"
#include "enginefixture.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace durable;
using testing::wait;

class TestDamaged : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void damagedHistoryPage()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hub.sqlite"));
        const auto damaged = testing::makeDamagedHub(path);
        QVERIFY2(damaged.error.isEmpty(), qPrintable(damaged.error));

        Registry registry;
        samples::registerAll(registry);
        EngineOptions o;
        o.hubPath = path;
        o.deepCheckBytes = 0; // as for a hub over 32 MB: only the first page of each table is probed
        auto opened = Engine::open(o, registry);
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
        auto &engine = **opened;

        // The instance row is intact; its history is not: Corrupt, not the events before the page.
        auto plain = wait(engine.status(damaged.instanceId, false));
        QVERIFY2(plain, plain ? "" : qPrintable(plain.error().message));
        QCOMPARE(plain->status, RuntimeStatus::Completed);
        auto full = wait(engine.status(damaged.instanceId, true));
        QVERIFY2(!full, full ? qPrintable(QStringLiteral("%1 events").arg(full->history->size())) : "");
        QCOMPARE(full.error().code, ErrorCode::Corrupt);
        auto history = wait(engine.history(damaged.instanceId));
        QVERIFY(!history);
        QCOMPARE(history.error().code, ErrorCode::Corrupt);

        // Damaged: announced once, with the read's reason; no write goes in, each says why.
        QSignalSpy damagedSpy(&engine, &HubClient::damaged);
        QVERIFY(engine.damage());
        QCOMPARE(engine.damage()->code, ErrorCode::Corrupt);
        QTRY_COMPARE(damagedSpy.count(), 1);
        const auto refused = [](const auto &result) {
            return !result && result.error().code == ErrorCode::Damaged
                && result.error().message.contains(QLatin1String("damaged"))
                && result.error().message.contains(QLatin1String("integrity_check"));
        };
        auto started = wait(engine.start(QStringLiteral("FunctionChaining"), QJsonValue()));
        QVERIFY2(refused(started),
                 started ? "a write was accepted on a damaged hub" : qPrintable(started.error().message));
        QVERIFY(refused(wait(engine.raiseEvent(damaged.instanceId, QStringLiteral("e"), 1))));
        QVERIFY(refused(wait(engine.terminate(damaged.instanceId, QStringLiteral("r")))));
        QVERIFY(refused(wait(engine.purge(damaged.instanceId))));
        QVERIFY(refused(wait(engine.saveScript(QStringLiteral("s.js"), QStringLiteral("x"), {}, {}))));

        // Reads that work go on; one more damaged read announces nothing new.
        auto page = wait(engine.query(InstanceQuery {}));
        QVERIFY2(page, page ? "" : qPrintable(page.error().message));
        QCOMPARE(page->instances.size(), 1);
        QVERIFY(!wait(engine.status(damaged.instanceId, true)));
        QTest::qWait(0);
        QCOMPARE(damagedSpy.count(), 1);

        // The integrity check reads the whole file and names the damage.
        auto check = wait(engine.checkIntegrity());
        QVERIFY2(check, check ? "" : qPrintable(check.error().message));
        QVERIFY2(check->value(0) != QLatin1String("ok"), qPrintable(check->join(u'\n')));
    }

    void damageFoundByTheDispatcher()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hub.sqlite"));
        const auto damaged = testing::makeDamagedHub(path, true);
        QVERIFY2(damaged.error.isEmpty(), qPrintable(damaged.error));

        Registry registry;
        testing::registerFanOutThenWait(registry);
        EngineOptions o;
        o.hubPath = path;
        o.deepCheckBytes = 0;
        auto opened = Engine::open(o, registry);
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
        auto &engine = **opened;
        QSignalSpy damagedSpy(&engine, &HubClient::damaged);
        QSignalSpy errors(&engine, &HubClient::backgroundError);

        // The event makes the dispatcher replay the history (a new process has no live run): the
        // batch meets the damaged page, commits nothing, and the hub turns damaged.
        auto raised = wait(engine.raiseEvent(damaged.instanceId, QStringLiteral("go"), 1));
        QVERIFY(!raised);
        QCOMPARE(raised.error().code, ErrorCode::Corrupt);
        QVERIFY(engine.damage());
        QTRY_COMPARE(damagedSpy.count(), 1);
        auto started = wait(engine.start(QStringLiteral("FanOutThenWait"), QJsonValue()));
        QVERIFY(!started);
        QCOMPARE(started.error().code, ErrorCode::Damaged);
        // No retry loop: the batch is not tried again every second with the same failure.
        auto info = wait(engine.status(damaged.instanceId, false));
        QVERIFY(info);
        QCOMPARE(info->status, RuntimeStatus::Running);
        QCOMPARE(errors.count(), 0);
    }

    void wholeHubChecksOk()
    {
        testing::EngineFixture hub;
        QVERIFY(hub.open());
        QVERIFY(!hub.engine->damage());
        auto check = wait(hub.engine->checkIntegrity());
        QVERIFY2(check, check ? "" : qPrintable(check.error().message));
        QCOMPARE(*check, QStringList { QStringLiteral("ok") });
    }
};

QTEST_GUILESS_MAIN(TestDamaged)
#include "tst_damaged.moc"
