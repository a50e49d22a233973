// The Hub Workers panel against real engines: on a SQLite hub the single owner (this process, or
// another engine seen as a client), its counts moving while a fan-out runs; with DURABLE_TEST_PG,
// two engines as two workers on one PostgreSQL hub, both listed and both doing work. The model's
// own rules (stale heartbeat, throughput from deltas, sorting) with sessions given directly.

#include "engine.h"
#include "hubworkersmodel.h"
#include "hubworkerspanel.h"
#include "samples.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QHostInfo>
#include <QLabel>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// Generous: a loaded CI machine, never a measure of speed.
constexpr int Deadline = 60000;

durable::HubWorker worker(const QString &id, const QDateTime &heartbeat, qint64 done)
{
    durable::HubWorker w;
    w.info.workerId = id;
    w.info.host = u"host-"_s + id;
    w.info.pid = 100;
    w.info.since = heartbeat.addSecs(-60);
    w.info.heartbeat = heartbeat;
    w.info.activitiesDone = done;
    return w;
}

QString cell(const QAbstractItemModel &model, int row, int column)
{
    return model.index(row, column).data().toString();
}

} // namespace

class TestHubWorkers : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void staleHeartbeatIsMarked();
    void throughputFromTheGrowthOfActivitiesDone();
    void sortsByNumberNotText();
    void sqliteOwnerIsThisProcessAndCountsMove();
    void sqliteClientSeesTheOwnerWithoutItsProgress();
    void postgresTwoWorkersBothListedAndBothWork();

private:
    std::unique_ptr<durable::Engine> open(const QString &hub, bool runWorkers);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<durable::Registry> m_registry;
};

void TestHubWorkers::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_registry = std::make_unique<durable::Registry>();
    durable::samples::registerAll(*m_registry);
}

void TestHubWorkers::cleanup()
{
    m_registry.reset();
    m_dir.reset();
}

std::unique_ptr<durable::Engine> TestHubWorkers::open(const QString &hub, bool runWorkers)
{
    durable::EngineOptions options;
    options.hubPath = hub;
    options.sync = durable::SyncMode::Normal;
    options.runWorkers = runWorkers;
    options.activityThreads = 4;
    auto engine = durable::Engine::open(options, *m_registry);
    if (!engine) {
        qWarning("cannot open %s: %s", qPrintable(hub), qPrintable(engine.error().message));
        return nullptr;
    }
    return std::move(*engine);
}

void TestHubWorkers::staleHeartbeatIsMarked()
{
    HubWorkersModel model;
    QAbstractItemModelTester tester(&model);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    model.setWorkers({ worker(u"a"_s, now.addMSecs(-2000), 0), worker(u"b"_s, now.addMSecs(-20000), 0) }, now, 15000);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, 0).data(HubWorkersModel::StaleRole).toBool(), false);
    QCOMPARE(model.index(1, 0).data(HubWorkersModel::StaleRole).toBool(), true);
    QVERIFY(!model.index(0, HubWorkersModel::Heartbeat).data(Qt::ForegroundRole).isValid());
    QVERIFY(model.index(1, HubWorkersModel::Heartbeat).data(Qt::ForegroundRole).isValid());
    QVERIFY(cell(model, 1, HubWorkersModel::Heartbeat).contains(u"20"_s));
}

void TestHubWorkers::throughputFromTheGrowthOfActivitiesDone()
{
    HubWorkersModel model;
    QAbstractItemModelTester tester(&model);
    const QDateTime t0 = QDateTime::currentDateTimeUtc();
    model.setWorkers({ worker(u"a"_s, t0, 100), worker(u"b"_s, t0, 0) }, t0, 15000);
    QVERIFY(!model.throughput(u"a"_s));
    QVERIFY(!model.totalThroughput());
    model.setWorkers({ worker(u"a"_s, t0, 300), worker(u"b"_s, t0, 50) }, t0.addMSecs(2000), 15000);
    QCOMPARE(*model.throughput(u"a"_s), 100.0);
    QCOMPARE(*model.throughput(u"b"_s), 25.0);
    QCOMPARE(*model.totalThroughput(), 125.0);
    // Beyond the window, the oldest samples no longer count: the rate follows the recent pace.
    model.setWorkers({ worker(u"a"_s, t0, 300), worker(u"b"_s, t0, 50) }, t0.addMSecs(10000), 15000);
    model.setWorkers({ worker(u"a"_s, t0, 300), worker(u"b"_s, t0, 50) }, t0.addMSecs(11000), 15000);
    QCOMPARE(*model.throughput(u"a"_s), 0.0);
    // A worker gone takes its rate with it.
    model.setWorkers({ worker(u"b"_s, t0, 60) }, t0.addMSecs(12000), 15000);
    QCOMPARE(model.rowCount(), 1);
    QVERIFY(!model.throughput(u"a"_s));
    // Unknown progress (SQLite's owner seen from another process) has no rate and shows a dash.
    auto unknown = worker(u"c"_s, t0, 0);
    unknown.progressKnown = false;
    model.setWorkers({ unknown }, t0.addMSecs(13000), 15000);
    model.setWorkers({ unknown }, t0.addMSecs(14000), 15000);
    QVERIFY(!model.throughput(u"c"_s));
    QCOMPARE(cell(model, 0, HubWorkersModel::ActivitiesDone), u"—"_s);
}

void TestHubWorkers::sortsByNumberNotText()
{
    HubWorkersModel model;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    model.setWorkers({ worker(u"a"_s, now, 9), worker(u"b"_s, now, 10), worker(u"c"_s, now, 100) }, now, 15000);
    QSortFilterProxyModel sorted;
    sorted.setSourceModel(&model);
    sorted.setSortRole(HubWorkersModel::SortRole);
    sorted.sort(HubWorkersModel::ActivitiesDone, Qt::DescendingOrder);
    QCOMPARE(sorted.index(0, 0).data(HubWorkersModel::WorkerIdRole).toString(), u"c"_s);
    QCOMPARE(sorted.index(2, 0).data(HubWorkersModel::WorkerIdRole).toString(), u"a"_s);
}

void TestHubWorkers::sqliteOwnerIsThisProcessAndCountsMove()
{
    auto engine = open(m_dir->filePath(u"hub.sqlite"_s), true);
    QVERIFY(engine);
    HubWorkersPanel panel(*engine);
    QAbstractItemModelTester tester(panel.model());
    panel.show();
    QTRY_COMPARE_WITH_TIMEOUT(panel.model()->rowCount(), 1, Deadline);
    const QModelIndex row = panel.model()->index(0, 0);
    QVERIFY(row.data(HubWorkersModel::ThisProcessRole).toBool());
    QCOMPARE(panel.model()->workers().constFirst().info.pid, QCoreApplication::applicationPid());
    QCOMPARE(panel.model()->workers().constFirst().info.host, QHostInfo::localHostName());
    QVERIFY(cell(*panel.model(), 0, HubWorkersModel::Host).contains(QHostInfo::localHostName()));

    // Activities that take a while (40 × 500 ms on 4 threads): the panel sees some running and
    // the done count growing, which makes a rate; at the end every completion is counted.
    auto id = engine->start(u"FanOutFanIn"_s, QJsonObject { { u"n"_s, 40 }, { u"delayMs"_s, 500 } }).result();
    QVERIFY(id);
    QTRY_VERIFY_WITH_TIMEOUT(panel.model()->workers().constFirst().info.workHeld > 0, Deadline);
    QCOMPARE(panel.model()->workers().constFirst().info.instancesHeld, 1);
    QTRY_VERIFY_WITH_TIMEOUT(panel.model()->totalThroughput().value_or(0) > 0, Deadline);
    QVERIFY(panel.findChild<QLabel *>(u"summary"_s)->text().contains(u"Worker processes: 1 "_s));
    auto done = engine->waitForCompletion(*id, Deadline).result();
    QVERIFY(done);
    QCOMPARE(done->status, durable::RuntimeStatus::Completed);
    auto history = engine->history(*id).result();
    QVERIFY(history);
    const auto completed = std::count_if(history->cbegin(), history->cend(), [](const durable::HistoryEvent &e) {
        return e.type == durable::EventType::TaskCompleted;
    });
    QVERIFY(completed >= 40);
    QTRY_COMPARE_WITH_TIMEOUT(panel.model()->workers().constFirst().info.activitiesDone, qint64(completed), Deadline);
    QVERIFY(panel.model()->workers().constFirst().info.episodesDone > 0);
    QTRY_COMPARE_WITH_TIMEOUT(panel.model()->workers().constFirst().info.workHeld, 0, Deadline);

    // Hidden, the panel reads nothing.
    panel.hide();
    QSignalSpy refreshed(&panel, &HubWorkersPanel::refreshed);
    QTest::qWait(2 * HubWorkersPanel::RefreshIntervalMs + 200); // waiting for something that must not happen
    QCOMPARE(refreshed.count(), 0);
}

void TestHubWorkers::sqliteClientSeesTheOwnerWithoutItsProgress()
{
    const QString hub = m_dir->filePath(u"hub.sqlite"_s);
    auto owner = open(hub, true);
    QVERIFY(owner);
    auto client = open(hub, true); // asks for the workers, but the owner holds them
    QVERIFY(client);
    QVERIFY(owner->ownsWorkers());
    QVERIFY(!client->ownsWorkers());
    HubWorkersPanel panel(*client);
    panel.show();
    QTRY_COMPARE_WITH_TIMEOUT(panel.model()->rowCount(), 1, Deadline);
    const durable::HubWorker seen = panel.model()->workers().constFirst();
    QVERIFY(!seen.thisProcess);
    QVERIFY(!seen.progressKnown);
    QCOMPARE(cell(*panel.model(), 0, HubWorkersModel::ActivitiesDone), u"—"_s);
    QVERIFY(!cell(*panel.model(), 0, HubWorkersModel::Host).contains(u"("_s));
}

void TestHubWorkers::postgresTwoWorkersBothListedAndBothWork()
{
    const QString server = qEnvironmentVariable("DURABLE_TEST_PG");
    if (server.isEmpty()) {
        if (qEnvironmentVariableIsSet("DURABLE_REQUIRE_PG"))
            QFAIL("DURABLE_REQUIRE_PG is set but DURABLE_TEST_PG names no PostgreSQL server");
        QSKIP("No PostgreSQL server: set DURABLE_TEST_PG to a postgresql:// URL (the ctest fixture does).");
    }
    const QString hub = server + (server.contains(u'?') ? u"&"_s : u"?"_s) + u"hub=workers_"_s
        + QUuid::createUuid().toString(QUuid::Id128).left(12);
    auto first = open(hub, true);
    QVERIFY(first);
    auto second = open(hub, true);
    QVERIFY(second);
    HubWorkersPanel panel(*first);
    panel.show();
    QTRY_COMPARE_WITH_TIMEOUT(panel.model()->rowCount(), 2, Deadline);
    int mine = 0;
    for (const auto &w : panel.model()->workers())
        mine += w.thisProcess ? 1 : 0;
    QCOMPARE(mine, 1);

    // More activities than one worker's threads: the rest stays free and the other worker claims it.
    auto id = first->start(u"FanOutFanIn"_s, QJsonObject { { u"n"_s, 40 }, { u"delayMs"_s, 50 } }).result();
    QVERIFY(id);
    auto done = first->waitForCompletion(*id, Deadline).result();
    QVERIFY(done);
    QCOMPARE(done->status, durable::RuntimeStatus::Completed);
    QCOMPARE(done->output.toInteger(), 22140);
    auto history = first->history(*id).result();
    QVERIFY(history);
    const qint64 completed = std::count_if(history->cbegin(), history->cend(), [](const durable::HistoryEvent &e) {
        return e.type == durable::EventType::TaskCompleted;
    });
    // Both did some, and no completion is counted twice. (A worker reports its counts with its
    // next batch, so the last batch's may wait: the sum is not compared for equality.)
    const auto counts = [&]() -> QString {
        QStringList text;
        for (const auto &w : panel.model()->workers())
            text << QString::number(w.info.activitiesDone);
        return text.join(u" + "_s) + u" of "_s + QString::number(completed);
    };
    QTRY_VERIFY2_WITH_TIMEOUT(
        [&] {
            const auto &ws = panel.model()->workers();
            return ws.size() == 2 && ws.at(0).info.activitiesDone > 0 && ws.at(1).info.activitiesDone > 0
                && ws.at(0).info.activitiesDone + ws.at(1).info.activitiesDone <= completed;
        }(),
        qPrintable(counts()), Deadline);
}

QTEST_MAIN(TestHubWorkers)
#include "tst_hubworkers.moc"
