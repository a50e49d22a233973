// The Workers panel against a real engine on a temporary hub and real sockets: switching the
// sidecar on and off, failures shown in plain words, the work log fed by the engine's queue.
// Connected SDK workers are exercised end to end in tst_sdkworkers.

#include "engine.h"
#include "remotework.h"
#include "workersmodels.h"
#include "workerspanel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestWorkersPanel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void defaultsAndCommandLineValues();
    void switchesOnAndOffFromTheToggle();
    void portInUseIsShownInPlainWords();
    void invalidBindAddressIsRefused();
    void nonLoopbackUsesTheKeyFile();
    void workEventsAreLoggedAndNamesAnnounced();
    void logIsCappedNewestLast();

private:
    static bool accepts(quint16 port)
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        return socket.waitForConnected(5000);
    }

    QTemporaryDir *m_dir = nullptr;
    durable::Registry *m_registry = nullptr;
    std::unique_ptr<durable::Engine> m_engine;
};

void TestWorkersPanel::init()
{
    m_dir = new QTemporaryDir;
    QVERIFY(m_dir->isValid());
    m_registry = new durable::Registry;
    durable::EngineOptions options;
    options.hubPath = m_dir->filePath(u"hub.sqlite"_s);
    options.sync = durable::SyncMode::Normal;
    auto engine = durable::Engine::open(options, *m_registry);
    QVERIFY2(engine, engine ? "" : qPrintable(engine.error().message));
    m_engine = std::move(*engine);
}

void TestWorkersPanel::cleanup()
{
    m_engine.reset();
    delete m_registry;
    delete m_dir;
}

void TestWorkersPanel::defaultsAndCommandLineValues()
{
    WorkersPanel defaults(*m_engine, std::nullopt, QHostAddress(QHostAddress::LocalHost), {});
    QCOMPARE(defaults.findChild<QSpinBox *>(u"port"_s)->value(), 4001);
    QCOMPARE(defaults.findChild<QLineEdit *>(u"bindAddress"_s)->text(), u"127.0.0.1"_s);
    QVERIFY(!defaults.isServing());
    QVERIFY(defaults.endpoint().isEmpty());

    WorkersPanel given(*m_engine, quint16(4123), QHostAddress(u"::1"_s), {});
    QCOMPARE(given.findChild<QSpinBox *>(u"port"_s)->value(), 4123);
    QCOMPARE(given.findChild<QLineEdit *>(u"bindAddress"_s)->text(), u"::1"_s);
    // Every control can be reached by a screen reader under a name.
    for (const auto *name :
         { "serveToggle", "port", "bindAddress", "endpoint", "copyEndpoint", "workers", "workLog" }) {
        auto *widget = given.findChild<QWidget *>(QLatin1String(name));
        QVERIFY2(widget, name);
        QVERIFY2(!widget->accessibleName().isEmpty(), name);
    }
}

void TestWorkersPanel::switchesOnAndOffFromTheToggle()
{
    WorkersPanel panel(*m_engine, quint16(0), QHostAddress(QHostAddress::LocalHost), {});
    QSignalSpy serving(&panel, &WorkersPanel::servingChanged);
    auto *toggle = panel.findChild<QCheckBox *>(u"serveToggle"_s);
    QVERIFY(!m_engine->remoteWork().isEnabled());

    toggle->click();
    QVERIFY2(panel.isServing(), qPrintable(panel.errorText()));
    QVERIFY(panel.errorText().isEmpty());
    QVERIFY(toggle->isChecked());
    QVERIFY(m_engine->remoteWork().isEnabled());
    QVERIFY(!panel.findChild<QSpinBox *>(u"port"_s)->isEnabled());
    const QString endpoint = panel.endpoint();
    QVERIFY2(endpoint.startsWith("127.0.0.1:"_L1), qPrintable(endpoint));
    QCOMPARE(panel.findChild<QLineEdit *>(u"endpoint"_s)->text(), endpoint);
    const auto port = quint16(endpoint.section(u':', -1).toUInt());
    QVERIFY(port != 0);
    QVERIFY(accepts(port));
    QCOMPARE(serving.size(), 1);

    toggle->click();
    QVERIFY(!panel.isServing());
    QVERIFY(!toggle->isChecked());
    QVERIFY(panel.endpoint().isEmpty());
    QVERIFY(panel.findChild<QLineEdit *>(u"endpoint"_s)->text().isEmpty());
    QVERIFY(!accepts(port));
    QCOMPARE(serving.size(), 2);
    // Work for SDK workers keeps waiting for the next one rather than failing as unknown.
    QVERIFY(m_engine->remoteWork().isEnabled());

    // And on again, on the same port.
    panel.findChild<QSpinBox *>(u"port"_s)->setValue(port);
    toggle->click();
    QVERIFY2(panel.isServing(), qPrintable(panel.errorText()));
    QCOMPARE(panel.endpoint(), endpoint);
}

void TestWorkersPanel::portInUseIsShownInPlainWords()
{
    QTcpServer other;
    QVERIFY(other.listen(QHostAddress::LocalHost, 0));
    WorkersPanel panel(*m_engine, other.serverPort(), QHostAddress(QHostAddress::LocalHost), {});
    panel.setServing(true);
    QVERIFY(!panel.isServing());
    QVERIFY(!panel.findChild<QCheckBox *>(u"serveToggle"_s)->isChecked());
    const QString error = panel.errorText();
    QVERIFY2(error.contains(QString::number(other.serverPort())), qPrintable(error));
    QVERIFY2(error.contains("another program uses that port"_L1), qPrintable(error));
    // The switch stays usable: another port works and clears the message.
    panel.findChild<QSpinBox *>(u"port"_s)->setValue(0);
    panel.setServing(true);
    QVERIFY2(panel.isServing(), qPrintable(panel.errorText()));
    QVERIFY(panel.errorText().isEmpty());
}

void TestWorkersPanel::invalidBindAddressIsRefused()
{
    WorkersPanel panel(*m_engine, quint16(0), QHostAddress(QHostAddress::LocalHost), {});
    panel.findChild<QLineEdit *>(u"bindAddress"_s)->setText(u"not-an-address"_s);
    panel.setServing(true);
    QVERIFY(!panel.isServing());
    QVERIFY2(panel.errorText().contains("not-an-address"_L1), qPrintable(panel.errorText()));
    QVERIFY(panel.errorText().contains("is not an IP address"_L1));
}

void TestWorkersPanel::nonLoopbackUsesTheKeyFile()
{
    const QString keyFile = m_dir->filePath(u"key"_s);
    WorkersPanel panel(*m_engine, quint16(0), QHostAddress(QHostAddress::AnyIPv4), keyFile);
    auto *hint = panel.findChild<QWidget *>(u"bindHint"_s);
    QVERIFY(!hint->isHidden()); // others on the network can reach it: said before switching on
    panel.setServing(true);
    QVERIFY2(panel.isServing(), qPrintable(panel.errorText()));
    QVERIFY2(panel.endpoint().startsWith("0.0.0.0:"_L1), qPrintable(panel.endpoint()));
    // The key the HTTP API uses, created on first use.
    QVERIFY(QFile::exists(keyFile));
}

void TestWorkersPanel::workEventsAreLoggedAndNamesAnnounced()
{
    WorkersPanel panel(*m_engine, quint16(0), QHostAddress(QHostAddress::LocalHost), {});
    QAbstractItemModelTester tester(panel.logModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy names(&panel, &WorkersPanel::remoteNamesChanged);
    auto &work = m_engine->remoteWork();
    // An item no instance of this hub waits for: only the queue's bookkeeping is exercised.
    durable::RemoteActivityItem item;
    item.instanceId = u"panel-test"_s;
    item.executionId = u"e1"_s;
    item.taskId = 0;
    item.name = u"SdkOnlyActivity"_s;
    work.post(item);
    const auto taken = work.take(u"worker-1"_s);
    QVERIFY(taken);
    QVERIFY(work.abandon(taken->token));

    QTRY_COMPARE(panel.logModel()->rowCount(), 2);
    const auto *log = panel.logModel();
    QCOMPARE(log->index(0, WorkLogModel::Event).data().toString(), u"handed out"_s);
    QCOMPARE(log->index(0, WorkLogModel::Kind).data().toString(), u"activity"_s);
    QCOMPARE(log->index(0, WorkLogModel::Name).data().toString(), u"SdkOnlyActivity"_s);
    QCOMPARE(log->index(0, WorkLogModel::Instance).data().toString(), u"panel-test"_s);
    QCOMPARE(log->index(0, WorkLogModel::Worker).data().toString(), u"worker-1"_s);
    QCOMPARE(log->index(1, WorkLogModel::Event).data().toString(), u"returned"_s);
    QCOMPARE(log->index(1, 0).data(WorkLogModel::KindRole).toInt(), int(durable::RemoteWorkEvent::Kind::Returned));

    QTRY_VERIFY(!names.isEmpty());
    QCOMPARE(names.last().at(1).toStringList(), QStringList { u"SdkOnlyActivity"_s });
    QVERIFY(names.last().at(0).toStringList().isEmpty());
}

void TestWorkersPanel::logIsCappedNewestLast()
{
    WorkLogModel log(3);
    QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int i = 0; i < 5; ++i) {
        durable::RemoteWorkEvent event;
        event.at = QDateTime::currentDateTimeUtc();
        event.instanceId = u"i%1"_s.arg(i);
        event.name = u"Name"_s;
        log.append({ event, u"w"_s });
    }
    QCOMPARE(log.rowCount(), 3);
    QCOMPARE(log.index(0, WorkLogModel::Instance).data().toString(), u"i2"_s);
    QCOMPARE(log.index(2, WorkLogModel::Instance).data().toString(), u"i4"_s);
}

QTEST_MAIN(TestWorkersPanel)
#include "tst_workerspanel.moc"
