// Models against a real engine on a temporary hub, while orchestrations run.

#include <approvalinboxmodel.h>
#include <engine.h>
#include <historycursor.h>
#include <historymodel.h>
#include <instancelistmodel.h>
#include <instancetracker.h>
#include <samples.h>

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QTest>

using namespace durable;
using namespace durable::models;
using namespace std::chrono_literals;

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
        const auto started
            = m_engine->start(QStringLiteral("FunctionChaining"), QJsonValue(QStringLiteral("x"))).result();
        QVERIFY(started.has_value());
        QTRY_COMPARE(model.rowCount(), before + 1);
        const auto id = *started;
        QTRY_VERIFY_WITH_TIMEOUT(
            model.rowOfInstance(id) >= 0
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
        QCOMPARE(row.data(ApprovalInboxModel::EventsRole).toStringList(),
                 QStringList { QStringLiteral("ApprovalEvent") });
        QVERIFY(row.data(ApprovalInboxModel::TimerIdRole).toInt() >= 0);
        QVERIFY(m_engine->raiseEvent(QStringLiteral("approval-live"), QStringLiteral("ApprovalEvent"), true)
                    .result()
                    .has_value());
        QTRY_VERIFY_WITH_TIMEOUT(inbox.rowOfInstance(QStringLiteral("approval-live")) < 0, 10000);
    }
    void listSortsByDurationCustomStatusAndParent()
    {
        // Work of different lengths, one sub-orchestration (a child with a parent) and custom statuses.
        QStringList ids;
        const auto start = [&](const QString &name, const QJsonValue &input) {
            const auto id = m_engine->start(name, input).result();
            QVERIFY(id.has_value());
            ids.append(*id);
        };
        start(QStringLiteral("FunctionChaining"), QStringLiteral("a"));
        start(QStringLiteral("FanOutFanIn"),
              QJsonObject { { QStringLiteral("n"), 10 }, { QStringLiteral("delayMs"), 30 } });
        start(QStringLiteral("SubOrchestrationWithRetry"), QStringLiteral("p"));
        start(QStringLiteral("Eternal"),
              QJsonObject { { QStringLiteral("limit"), 2 }, { QStringLiteral("intervalMs"), 10 } });
        for (const auto &id : std::as_const(ids)) {
            const auto done = m_engine->waitForCompletion(id, 20000).result();
            QVERIFY(done.has_value());
        }

        InstanceListModel model(m_engine.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto column = [&](int c, int role) {
            QVariantList values;
            for (int row = 0; row < model.rowCount(); ++row)
                values.append(model.index(row, c).data(role));
            return values;
        };

        model.sort(InstanceListModel::Duration, Qt::AscendingOrder);
        QTRY_VERIFY(!model.isLoading() && model.rowCount() >= ids.size());
        QCOMPARE(model.query().sortKey, SortKey::Duration);
        const auto durations = column(InstanceListModel::Duration, InstanceListModel::SortValueRole);
        for (int i = 1; i < durations.size(); ++i)
            QVERIFY2(durations.at(i - 1).toLongLong() <= durations.at(i).toLongLong(), qPrintable(QString::number(i)));
        QVERIFY(durations.first().toLongLong() < durations.last().toLongLong());

        model.sort(InstanceListModel::Parent, Qt::DescendingOrder);
        QTRY_VERIFY(!model.isLoading() && model.query().sortKey == SortKey::ParentInstanceId);
        const auto parents = column(InstanceListModel::Parent, Qt::DisplayRole);
        QVERIFY(!parents.first().toString().isEmpty()); // RetryChild's parent sorts first
        for (int i = 1; i < parents.size(); ++i)
            QVERIFY(parents.at(i - 1).toString() >= parents.at(i).toString());

        model.sort(InstanceListModel::CustomStatus, Qt::DescendingOrder);
        QTRY_VERIFY(!model.isLoading() && model.query().sortKey == SortKey::CustomStatus);
        // Eternal's {"count": 2} is the only custom status here: it comes first, every row after has none.
        QCOMPARE(model.index(0, InstanceListModel::Name).data().toString(), QStringLiteral("Eternal"));
        QVERIFY(model.index(0, InstanceListModel::CustomStatus).data().toString().contains(QLatin1String("count")));
        const auto statuses = column(InstanceListModel::CustomStatus, Qt::DisplayRole);
        for (int i = 1; i < statuses.size(); ++i)
            QVERIFY2(statuses.at(i).toString().isEmpty(), qPrintable(statuses.at(i).toString()));
    }

    void cursorStepsThroughCustomStatusProgress()
    {
        // AsyncHttpApi reports {"percentComplete": 50} then 100 in its custom status; the cursor must
        // find each value at the position where it was set, from the history alone.
        QTemporaryDir dir;
        ManualClock clock(QDateTime::currentDateTimeUtc());
        EngineOptions options;
        options.hubPath = dir.filePath(QStringLiteral("clocked.sqlite"));
        options.clock = &clock;
        auto opened = Engine::open(options, m_registry);
        QVERIFY(opened.has_value());
        auto engine = std::move(*opened);
        Client::StartOptions start;
        start.instanceId = QStringLiteral("job");
        QVERIFY(engine->start(QStringLiteral("AsyncHttpApi"), 2, start).result().has_value());
        const auto count = [&](EventType type) {
            int n = 0;
            for (const auto &e : engine->history(QStringLiteral("job")).result().value_or(History {}))
                n += e.type == type;
            return n;
        };
        for (int step = 1; step <= 2; ++step) {
            QTRY_COMPARE_WITH_TIMEOUT(count(EventType::TimerCreated), step, 10000);
            clock.advance(2s);
        }
        const auto done = engine->waitForCompletion(QStringLiteral("job"), 10000).result();
        QVERIFY(done.has_value());
        QCOMPARE(done->status, RuntimeStatus::Completed);

        const auto history = engine->history(QStringLiteral("job")).result();
        QVERIFY(history.has_value());
        const HistoryCursor cursor(*history, {});
        QList<int> seen;
        int firstKnown = -1;
        for (int position = 0; position < cursor.count(); ++position) {
            const auto state = cursor.stateAt(position);
            if (!state.customStatusKnown)
                continue;
            if (firstKnown < 0)
                firstKnown = position;
            const int percent = state.customStatus[QLatin1String("percentComplete")].toInt();
            if (seen.isEmpty() || seen.last() != percent)
                seen.append(percent);
        }
        QCOMPARE(seen, (QList<int> { 50, 100 }));
        QCOMPARE(history->at(firstKnown).type, EventType::OrchestratorCompleted);
        QVERIFY(history->at(firstKnown).data.contains(QLatin1String("customStatus")));
        QVERIFY(!cursor.stateAt(firstKnown - 1).customStatusKnown);
    }
};

QTEST_GUILESS_MAIN(TestLiveEngine)
#include "tst_liveengine.moc"
