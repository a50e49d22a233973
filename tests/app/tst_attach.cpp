// Attach from anywhere: the real durable-workbench binary runs headless as the hub's worker
// process (--no-http), and a workbench window in this process (offscreen) attaches to the same
// hub as a client. An orchestration started from the window runs in the other process; the
// window's instance list, dashboard and Hub Workers panel follow that process's commits. Once on
// a SQLite file, once (with DURABLE_TEST_PG) on a PostgreSQL hub.

#include "dashboard.h"
#include "hubopen.h"
#include "hubworkersmodel.h"
#include "hubworkerspanel.h"
#include "instancelistmodel.h"
#include "instancelistview.h"
#include "samples.h"
#include "workbench.h"
#include "workbenchwidget.h"
#include "workersbanner.h"

#include <QApplication>
#include <QDockWidget>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {

// Generous: a loaded CI machine, never a measure of speed.
constexpr int Deadline = 60000;

QString statusOf(const QAbstractItemModel &model, const QString &id)
{
    using durable::models::InstanceListModel;
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, InstanceListModel::Id).data().toString() == id)
            return model.index(row, InstanceListModel::Status).data().toString();
    }
    return {};
}

} // namespace

class TestAttach : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void windowFollowsAWorkerProcess_data();
    void windowFollowsAWorkerProcess();

private:
    QTemporaryDir m_dir;
};

void TestAttach::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QStandardPaths::setTestModeEnabled(true);
}

void TestAttach::windowFollowsAWorkerProcess_data()
{
    QTest::addColumn<QString>("hub");
    QTest::newRow("sqlite") << m_dir.filePath(u"attach.sqlite"_s);
    const QString server = qEnvironmentVariable("DURABLE_TEST_PG");
    if (!server.isEmpty()) {
        QTest::newRow("postgresql") << server + (server.contains(u'?') ? u"&"_s : u"?"_s) + u"hub=attach_"_s
                + QUuid::createUuid().toString(QUuid::Id128).left(12);
    } else if (qEnvironmentVariableIsSet("DURABLE_REQUIRE_PG")) {
        QTest::newRow("postgresql") << QString();
    }
}

void TestAttach::windowFollowsAWorkerProcess()
{
    QFETCH(QString, hub);
    if (hub.isEmpty())
        QFAIL("DURABLE_REQUIRE_PG is set but DURABLE_TEST_PG names no PostgreSQL server");

    QProcess worker;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    environment.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
    environment.remove(u"LANGUAGE"_s);
    environment.insert(u"XDG_DATA_HOME"_s, m_dir.filePath(u"data"_s));
    environment.insert(u"XDG_CONFIG_HOME"_s, m_dir.filePath(u"config"_s));
    worker.setProcessEnvironment(environment);
    worker.setProcessChannelMode(QProcess::SeparateChannels);
    worker.start(QStringLiteral(DURABLE_WORKBENCH_EXE),
                 { u"--headless"_s, u"--no-http"_s, u"--hub"_s, hub, u"--sync"_s, u"normal"_s });
    QVERIFY(worker.waitForStarted(Deadline));
    const auto stopWorker = qScopeGuard([&worker] {
        worker.terminate();
        if (!worker.waitForFinished(Deadline))
            worker.kill();
    });
    QByteArray out;
    QTRY_VERIFY2_WITH_TIMEOUT((out += worker.readAllStandardOutput()).contains("runs workers on the hub")
                                  || worker.state() == QProcess::NotRunning,
                              qPrintable(QString::fromUtf8(out)), Deadline);
    QVERIFY2(worker.state() == QProcess::Running, qPrintable(QString::fromUtf8(worker.readAllStandardError())));
    QVERIFY(out.contains("HTTP API: off"));

    durable::Registry registry;
    durable::samples::registerAll(registry);
    CommandLineOptions options;
    options.hubPath = hub;
    options.sync = durable::SyncMode::Normal;
    Workbench workbench(options, registry);
    QVERIFY(workbench.openHub());
    workbench.showMainWindow();
    // SQLite: the worker process owns the file; a server hub: a window is a client by default.
    QVERIFY(!workbench.engine()->ownsWorkers());

    auto id = workbench.engine()->start(u"FunctionChaining"_s, u"attach"_s).result();
    QVERIFY(id);
    auto *list = workbench.content()->instanceList()->model();
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(*list, *id), u"Completed"_s, Deadline);
    auto done = workbench.engine()->status(*id).result();
    QVERIFY(done);
    QCOMPARE(done->output.toString(), u"attach>F1>F2>F3>F4"_s);
    QTRY_COMPARE_WITH_TIMEOUT(workbench.content()->dashboard()->counts().value(int(durable::RuntimeStatus::Completed)),
                              1, Deadline);

    // The Hub Workers panel names the other process as the hub's worker.
    workbench.hubWorkersDock()->show();
    HubWorkersPanel *panel = workbench.hubWorkersPanel();
    QTRY_COMPARE_WITH_TIMEOUT(panel->model()->rowCount(), 1, Deadline);
    const durable::HubWorker seen = panel->model()->workers().constFirst();
    QCOMPARE(seen.info.pid, worker.processId());
    QVERIFY(!seen.thisProcess);
    // The banner tells what this window is: on a shared hub a client among worker processes,
    // never one that "takes the workers over" (only SQLite has a single owner to take over from).
    const QString banner = workbench.content()->workersBanner()->message();
    if (durable::isServerHub(hub)) {
        QVERIFY2(banner.contains(u"client"_s) && !banner.contains(u"takes the workers over"_s), qPrintable(banner));
    } else {
        QVERIFY2(banner.contains(u"takes the workers over"_s), qPrintable(banner));
    }

    // A second orchestration, started while the window watches: its completion by the other
    // process reaches the list too (live updates, not a one-off read).
    auto second = workbench.engine()->start(u"FunctionChaining"_s, u"again"_s).result();
    QVERIFY(second);
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(*list, *second), u"Completed"_s, Deadline);
}

QTEST_MAIN(TestAttach)
#include "tst_attach.moc"
