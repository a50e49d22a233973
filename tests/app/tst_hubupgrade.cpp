// An older hub file opened in the real workbench: upgraded before its engine opens, with a
// progress dialog whose Cancel leaves the file as it was (at start-up and when switching hubs),
// and with progress lines on stderr from the real binary in --headless mode.
#include "hubinfo.h"
#include "hubupgrade.h"
#include "hubupgradedialog.h"
#include "mainwindow.h"
#include "oldschema.h"
#include "samples.h"
#include "workbench.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QProgressDialog>
#include <QPushButton>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;
using oldschema::runSql;

namespace {

/// Calls `onShow` with every progress dialog of the upgrade as it is shown.
class UpgradeDialogWatcher : public QObject {
public:
    explicit UpgradeDialogWatcher(std::function<void(QProgressDialog *)> onShow)
        : m_onShow(std::move(onShow))
    {
        qApp->installEventFilter(this);
    }
    ~UpgradeDialogWatcher() override { qApp->removeEventFilter(this); }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Show && watched->objectName() == "hubUpgradeProgress"_L1) {
            if (auto *dialog = qobject_cast<QProgressDialog *>(watched))
                m_onShow(dialog);
        }
        return false;
    }

private:
    std::function<void(QProgressDialog *)> m_onShow;
};

} // namespace

class TestHubUpgrade : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    durable::Registry m_registry;

    CommandLineOptions options(const QString &hub) const
    {
        CommandLineOptions o;
        o.hubPath = hub;
        o.sync = durable::SyncMode::Normal;
        return o;
    }

    /// A version-7 hub with 20 completed FunctionChaining instances.
    QString versionSevenHub(const QString &name)
    {
        const QString path = m_dir.filePath(name);
        {
            durable::EngineOptions o;
            o.hubPath = path;
            o.sync = durable::SyncMode::Normal;
            auto engine = durable::Engine::open(o, m_registry);
            if (!engine)
                return {};
            for (int i = 0; i < 20; ++i) {
                durable::Client::StartOptions start;
                start.instanceId = u"chain-%1"_s.arg(i);
                (*engine)->start(u"FunctionChaining"_s, u"Oslo"_s, start).waitForFinished();
            }
            for (int i = 0; i < 20; ++i)
                (*engine)->waitForCompletion(u"chain-%1"_s.arg(i), 30000).waitForFinished();
        }
        if (!runSql(path, oldschema::downgradeTo(7)).isEmpty())
            return {};
        return path;
    }

    static void clickCancel(QProgressDialog *dialog)
    {
        auto *button = dialog->findChild<QPushButton *>();
        QVERIFY(button);
        button->click();
    }

    static QStringList census(const QString &path)
    {
        return runSql(path,
                      { u"SELECT count(*) FROM instances WHERE status = 1"_s, u"SELECT count(*) FROM history"_s,
                        u"PRAGMA user_version"_s });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        durable::samples::registerAll(m_registry);
        // The labels' numbers follow the locale ("%L1"): the test reads them in English.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void labelsSayWhatIsHappening()
    {
        durable::HubUpgradeProgress p;
        p.fromVersion = 7;
        p.toVersion = 8;
        p.done = 412000;
        p.total = 900000;
        const QString copying = HubUpgradeDialog::describe(u"/tmp/hub.sqlite"_s, p);
        QVERIFY2(copying.contains(u"from schema version 7 to 8"_s), qPrintable(copying));
        QVERIFY2(copying.contains(u"412,000 of 900,000"_s), qPrintable(copying));
        QCOMPARE(HubUpgradeDialog::percent(p), 43);
        p.phase = durable::HubUpgradeProgress::Phase::Replacing;
        QVERIFY(HubUpgradeDialog::describe(u"/tmp/hub.sqlite"_s, p).contains(u"old tables"_s));
        QCOMPARE(HubUpgradeDialog::percent(p), 96);
        p.phase = durable::HubUpgradeProgress::Phase::Writing;
        QVERIFY(HubUpgradeDialog::describe(u"/tmp/hub.sqlite"_s, p).contains(u"Writing"_s));
        // Rows counted beyond the estimate never take the bar past the copy's share.
        p.phase = durable::HubUpgradeProgress::Phase::Copying;
        p.done = p.total + 5;
        QCOMPARE(HubUpgradeDialog::percent(p), 95);
    }

    void startUpUpgradesWithProgress()
    {
        const QString hub = versionSevenHub(u"startup.sqlite"_s);
        QVERIFY(!hub.isEmpty());
        const QStringList before = census(hub);
        QCOMPARE(before.value(2), u"7"_s);
        QString title;
        QString label;
        bool cancellable = false;
        UpgradeDialogWatcher watcher([&](QProgressDialog *dialog) {
            title = dialog->windowTitle();
            label = dialog->labelText();
            cancellable = dialog->findChild<QPushButton *>() != nullptr;
        });
        Workbench workbench(options(hub), m_registry);
        QVERIFY(workbench.openHub());
        QCOMPARE(title, u"Upgrade Hub"_s);
        QVERIFY2(label.contains(u"from schema version 7 to %1"_s.arg(durable::hubSchemaVersion())), qPrintable(label));
        QVERIFY(cancellable);
        const QStringList after = census(hub);
        QCOMPARE(after.value(0), before.value(0));
        QCOMPARE(after.value(1), before.value(1));
        QCOMPARE(after.value(2), QString::number(durable::hubSchemaVersion()));
        const auto history = workbench.engine()->history(u"chain-7"_s).result();
        QVERIFY(history && !history->isEmpty());
    }

    void cancelAtStartUpLeavesTheHubAsItWas()
    {
        const QString hub = versionSevenHub(u"cancelled.sqlite"_s);
        QVERIFY(!hub.isEmpty());
        const QStringList before = census(hub);
        // Cancel as soon as the dialog shows: the upgrade's thread then starts with the flag set.
        // The dialog stays up, saying so, until the thread is done.
        bool stayedUp = false;
        QString label;
        UpgradeDialogWatcher watcher([&](QProgressDialog *dialog) {
            clickCancel(dialog);
            stayedUp = dialog->isVisible();
            label = dialog->labelText();
        });
        {
            Workbench workbench(options(hub), m_registry);
            QVERIFY(!workbench.openHub()); // offscreen: the report goes to stderr, no recovery dialog
            QVERIFY(!workbench.engine());
        }
        QVERIFY(stayedUp);
        QVERIFY2(label.startsWith(u"Cancelling"_s), qPrintable(label));
        QCOMPARE(census(hub), before);
        QCOMPARE(durable::pendingHubUpgrade(hub), 7);
        QCOMPARE(runSql(hub, { u"PRAGMA integrity_check"_s }), QStringList { u"ok"_s });
    }

    void cancelledSwitchKeepsTheOpenHub()
    {
        const QString current = m_dir.filePath(u"current.sqlite"_s);
        const QString older = versionSevenHub(u"switch-v7.sqlite"_s);
        QVERIFY(!older.isEmpty());
        const QStringList before = census(older);
        Workbench workbench(options(current), m_registry);
        QVERIFY(workbench.openHub());
        workbench.showMainWindow();
        int shown = 0;
        UpgradeDialogWatcher watcher([&](QProgressDialog *dialog) {
            if (++shown == 1)
                clickCancel(dialog);
        });
        QString error;
        QVERIFY(!workbench.switchHub(older, &error));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(shown, 1);
        QCOMPARE(workbench.hubPath(), current);
        QVERIFY(workbench.engine());
        QVERIFY2(workbench.mainWindow()->statusBar()->currentMessage().contains(u"cancelled"_s),
                 qPrintable(workbench.mainWindow()->statusBar()->currentMessage()));
        QCOMPARE(census(older), before);
        // Again, not cancelled: the switch upgrades and opens it.
        QVERIFY2(workbench.switchHub(older, &error), qPrintable(error));
        QCOMPARE(shown, 2);
        QCOMPARE(workbench.hubPath(), older);
        QCOMPARE(census(older).value(2), QString::number(durable::hubSchemaVersion()));
    }

    void headlessReportsOnStderr()
    {
        const QString hub = versionSevenHub(u"headless.sqlite"_s);
        QVERIFY(!hub.isEmpty());
        QProcess process;
        auto environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(DURABLE_WORKBENCH_EXE),
                      { u"--headless"_s, u"--hub"_s, hub, u"--http-port"_s, u"0"_s, u"--sync"_s, u"normal"_s });
        QVERIFY(process.waitForStarted(10000));
        QByteArray out;
        QDeadlineTimer deadline(60000);
        while (!deadline.hasExpired() && process.state() == QProcess::Running && !out.contains("HTTP API:")) {
            process.waitForReadyRead(200);
            out += process.readAllStandardOutput();
        }
        process.terminate();
        QVERIFY(process.waitForFinished(30000));
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(out.contains("HTTP API:"), out.constData());
        QVERIFY2(err.contains(u"from schema version 7 to %1."_s.arg(durable::hubSchemaVersion())), qPrintable(err));
        QVERIFY2(err.contains(u"Writing to disk"_s), qPrintable(err));
        QCOMPARE(census(hub).value(2), QString::number(durable::hubSchemaVersion()));
    }
};

QTEST_MAIN(TestHubUpgrade)
#include "tst_hubupgrade.moc"
