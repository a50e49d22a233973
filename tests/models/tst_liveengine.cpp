// Models against a real engine on a temporary hub, while orchestrations run.

#include <approvalinboxmodel.h>
#include <historymodel.h>
#include <instancelistmodel.h>
#include <instancetracker.h>
#include <samples.h>

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QTest>

using namespace durable;
using namespace durable::models;

class TestLiveEngine : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    Registry m_registry;
    std::unique_ptr<Engine> m_engine;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        samples::registerAll(m_registry);
        EngineOptions options;
        options.hubPath = m_dir.filePath(QStringLiteral("hub.sqlite"));
        auto engine = Engine::open(options, m_registry);
        QVERIFY2(engine.has_value(), qPrintable(engine ? QString() : engine.error().message));
        m_engine = std::move(*engine);
    }
    void cleanupTestCase() { m_engine.reset(); }

    void listFollowsRunningInstances()
    {
        InstanceListModel model(m_engine.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRefreshInterval(50);
        model.watch(m_engine.get());
        model.setQuery({});
        QTRY_VERIFY(!model.isLoading());
        const int before = model.rowCount();
        const auto started = m_engine->start(QStringLiteral("FunctionChaining"), QJsonValue(QStringLiteral("x"))).result();
        QVERIFY(started.has_value());
        QTRY_COMPARE(model.rowCount(), before + 1);
        const auto id = *started;
        QTRY_VERIFY_WITH_TIMEOUT(model.rowOfInstance(id) >= 0
                                     && model.index(model.rowOfInstance(id), InstanceListModel::Status).data().toString()
                                         == QStringLiteral("Completed"),
                                 10000);
    }

    void trackerAndHistoryGrowLive()
    {
        InstanceTracker tracker(m_engine.get());
        tracker.watch(m_engine.get());
        tracker.setRefreshInterval(20);
        HistoryModel history;
        QAbstractItemModelTester tester(&history, QAbstractItemModelTester::FailureReportingMode::QtTest);
        connect(&tracker, &InstanceTracker::historyChanged, &history, [&] { history.setHistory(tracker.history()); });
        Client::StartOptions options;
        options.instanceId = QStringLiteral("fan-live");
        const QJsonObject input { { QStringLiteral("n"), 20 }, { QStringLiteral("delayMs"), 10 } };
        QVERIFY(m_engine->start(QStringLiteral("FanOutFanIn"), input, options).result().has_value());
        tracker.setInstanceId(QStringLiteral("fan-live"));
        QTRY_VERIFY_WITH_TIMEOUT(tracker.info() && tracker.info()->status == RuntimeStatus::Completed, 15000);
        QTRY_COMPARE(history.rowCount(), int(tracker.history().size()));
        int scheduled = 0;
        for (const auto &e : tracker.history())
            scheduled += e.type == EventType::TaskScheduled;
        QCOMPARE(scheduled, 22); // F1, 20 × F2, F3
        QTRY_VERIFY(!tracker.logs().isEmpty());
    }

    void inboxShowsWaitingApproval()
    {
        ApprovalInboxModel inbox(m_engine.get());
        QAbstractItemModelTester tester(&inbox, QAbstractItemModelTester::FailureReportingMode::QtTest);
        inbox.setRefreshInterval(50);
        inbox.watch(m_engine.get());
        inbox.reload();
        Client::StartOptions options;
        options.instanceId = QStringLiteral("approval-live");
        QVERIFY(m_engine->start(QStringLiteral("Approval"), QJsonValue(), options).result().has_value());
        QTRY_VERIFY_WITH_TIMEOUT(inbox.rowOfInstance(QStringLiteral("approval-live")) >= 0, 10000);
        const auto row = inbox.index(inbox.rowOfInstance(QStringLiteral("approval-live")), 0);
        QCOMPARE(row.data(ApprovalInboxModel::EventsRole).toStringList(), QStringList { QStringLiteral("ApprovalEvent") });
        QVERIFY(row.data(ApprovalInboxModel::TimerIdRole).toInt() >= 0);
        QVERIFY(m_engine->raiseEvent(QStringLiteral("approval-live"), QStringLiteral("ApprovalEvent"), true).result().has_value());
        QTRY_VERIFY_WITH_TIMEOUT(inbox.rowOfInstance(QStringLiteral("approval-live")) < 0, 10000);
    }
};

QTEST_GUILESS_MAIN(TestLiveEngine)
#include "tst_liveengine.moc"
