// The workbench attached to a hub whose workers run in another process: the real binary in
// --headless mode owns the hub; this process opens the same hub with a workbench window. The
// window updates live from the other process's commits, names that process in a banner, and takes
// the workers over when the other process stops.
#include <engine.h>
#include <instancelistview.h>
#include <samples.h>
#include <workbenchwidget.h>
#include <workersbanner.h>

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace durable;
using namespace durable::views;

class TestAttached : public QObject {
    Q_OBJECT

private:
    QString listStatus(WorkbenchWidget &workbench, const QString &id) const
    {
        auto *model = workbench.instanceList()->model();
        const int row = model->rowOfInstance(id);
        return row < 0 ? QString() : model->index(row, models::InstanceListModel::Status).data().toString();
    }

private Q_SLOTS:
    void followsTheOwnerAndTakesOver()
    {
        QStandardPaths::setTestModeEnabled(true);
        QTemporaryDir dir;
        const QString hub = dir.filePath(QStringLiteral("hub.sqlite"));
        QProcess headless;
        headless.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        headless.start(QStringLiteral(DURABLE_WORKBENCH_BINARY),
                       { QStringLiteral("--headless"), QStringLiteral("--hub"), hub, QStringLiteral("--http-port"),
                         QStringLiteral("0"), QStringLiteral("--http-key-file"), dir.filePath(QStringLiteral("key")) });
        QVERIFY(headless.waitForStarted());
        QByteArray out;
        // The API line comes after the engine opened and took the workers.
        QTRY_VERIFY_WITH_TIMEOUT((out += headless.readAllStandardOutput()).contains("HTTP API:"), 30000);

        Registry registry;
        samples::registerAll(registry);
        EngineOptions options;
        options.hubPath = hub;
        auto engine = Engine::open(options, registry);
        QVERIFY2(engine, engine ? "" : qPrintable(engine.error().message));
        QVERIFY(!(*engine)->ownsWorkers());
        WorkbenchWidget workbench(engine->get());
        workbench.resize(1400, 900);
        workbench.show();
        QVERIFY(QTest::qWaitForWindowExposed(&workbench));

        // The banner names the process that runs the workers.
        auto *banner = workbench.workersBanner();
        QTRY_VERIFY(!banner->message().isEmpty());
        QVERIFY2(banner->message().contains(QString::number(headless.processId())), qPrintable(banner->message()));

        // Work started here runs there, and the list shows it finish without a restart.
        const QStringList ids { QStringLiteral("chain-a"), QStringLiteral("chain-b"), QStringLiteral("chain-c") };
        for (const auto &id : ids) {
            Client::StartOptions start;
            start.instanceId = id;
            QVERIFY((*engine)->start(QStringLiteral("FunctionChaining"), QStringLiteral("go"), start).result());
        }
        for (const auto &id : ids)
            QTRY_COMPARE_WITH_TIMEOUT(listStatus(workbench, id), QStringLiteral("Completed"), 20000);
        QVERIFY(!(*engine)->ownsWorkers()); // all of it ran in the other process

        // The other process stops cleanly: this one takes the workers over and hides the banner.
        headless.terminate();
        QVERIFY(headless.waitForFinished(30000));
        QTRY_VERIFY_WITH_TIMEOUT((*engine)->ownsWorkers(), 20000);
        QTRY_VERIFY(banner->message().isEmpty());
        Client::StartOptions start;
        start.instanceId = QStringLiteral("chain-here");
        QVERIFY((*engine)->start(QStringLiteral("FunctionChaining"), QStringLiteral("go"), start).result());
        QTRY_COMPARE_WITH_TIMEOUT(listStatus(workbench, QStringLiteral("chain-here")), QStringLiteral("Completed"),
                                  20000);
    }
};

QTEST_MAIN(TestAttached)
#include "tst_attached.moc"
