// Moving a hub: the real durable-workbench binary with --copy-hub (exit codes, progress on
// stderr, the verification on stdout, the copy itself), and File ▸ Copy Hub To… in the real
// workbench, which closes the open hub for the copy and opens it again.
#include "hubopen.h"
#include "mainwindow.h"
#include "samples.h"
#include "workbench.h"

#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using durable::RuntimeStatus;

namespace {

template<typename T>
T wait(QFuture<T> future)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, 60000))
        qFatal("an engine future did not finish");
    return future.result();
}

/// Instances per status and total history events, read through the store.
QString census(const QString &location)
{
    auto store = durable::openHubStore(location, durable::SyncMode::Normal, true);
    if (!store)
        return u"cannot open: "_s + store.error().message;
    QStringList parts;
    const auto counts = (*store)->countByStatus();
    durable::InstanceQuery q;
    q.pageSize = 1000;
    const auto page = (*store)->query(q);
    if (!counts || !page)
        return u"cannot read"_s;
    for (qint64 n : *counts)
        parts << QString::number(n);
    qint64 events = 0;
    for (const auto &i : page->instances) {
        const auto record = (*store)->instance(i.instanceId);
        const auto history = (*store)->history(i.instanceId, record->value().info.executionId);
        events += history->size();
    }
    return parts.join(u',') + u" events "_s + QString::number(events);
}

} // namespace

class TestHubCopy : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    durable::Registry m_registry;
    QString m_source;

    struct Run {
        int exitCode = -1;
        QString out;
        QString err;
    };
    Run run(const QStringList &arguments)
    {
        QProcess process;
        auto environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        environment.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
        environment.remove(u"LANGUAGE"_s);
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(DURABLE_WORKBENCH_EXE), arguments);
        Run result;
        if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit) {
            process.kill();
            process.waitForFinished();
            result.err = u"did not exit normally"_s;
            return result;
        }
        result.exitCode = process.exitCode();
        result.out = QString::fromUtf8(process.readAllStandardOutput());
        result.err = QString::fromUtf8(process.readAllStandardError());
        return result;
    }

    std::unique_ptr<Workbench> makeWorkbench(const QString &hubPath)
    {
        CommandLineOptions options;
        options.hubPath = hubPath;
        options.sync = durable::SyncMode::Normal;
        return std::make_unique<Workbench>(options, m_registry);
    }

    /// Completed chains and approvals waiting for their event (with their 72-hour timers).
    static void fill(durable::Engine *engine, int chains, int approvals)
    {
        for (int i = 0; i < chains; ++i) {
            durable::Client::StartOptions o;
            o.instanceId = u"chain-%1"_s.arg(i, 3, 10, QChar(u'0'));
            auto id = wait(engine->start(u"FunctionChaining"_s, u"c%1"_s.arg(i), o));
            QVERIFY(id);
            QVERIFY(wait(engine->waitForCompletion(*id, 30000)));
        }
        for (int i = 0; i < approvals; ++i) {
            durable::Client::StartOptions o;
            o.instanceId = u"approval-%1"_s.arg(i);
            auto id = wait(engine->start(u"Approval"_s, QJsonObject {}, o));
            QVERIFY(id);
            QVERIFY(QTest::qWaitFor(
                [&] {
                    auto s = wait(engine->status(*id));
                    return s && !s->waiting.events.isEmpty();
                },
                30000));
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QVERIFY(m_dir.isValid());
        durable::samples::registerAll(m_registry);
        m_source = m_dir.filePath(u"source.sqlite"_s);
        durable::EngineOptions options;
        options.hubPath = m_source;
        options.sync = durable::SyncMode::Normal;
        auto engine = durable::Engine::open(options, m_registry);
        QVERIFY(engine);
        fill(engine->get(), 40, 5);
    }

    void helpListsIt()
    {
        const Run r = run({ u"--help"_s });
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(u"--copy-hub <from>"_s), qPrintable(r.out));
    }

    void copiesAndVerifies()
    {
        const QString to = m_dir.filePath(u"cli-copy.sqlite"_s);
        const Run r = run({ u"--copy-hub"_s, m_source, to });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        // A line per 5 % of each phase (stderr is not a terminal here), ending at 100 %.
        QVERIFY2(r.err.contains(u"copying: 0% (0 of 45 instances)"_s), qPrintable(r.err));
        QVERIFY2(r.err.contains(u"copying: 100% (45 of 45 instances)"_s), qPrintable(r.err));
        QVERIFY2(r.err.contains(u"verifying: 100% (45 of 45 instances)"_s), qPrintable(r.err));
        QVERIFY2(r.out.contains(u"verified: 45 instances, "_s), qPrintable(r.out));
        QVERIFY2(r.out.trimmed().endsWith(u"identical"_s), qPrintable(r.out));
        QCOMPARE(census(to), census(m_source));
        QVERIFY(census(to).startsWith(u"5,40,0,0,0,0,0,0 events"_s));

        // Again into the same file: refused, nothing changed.
        const Run again = run({ u"--copy-hub"_s, m_source, to });
        QCOMPARE(again.exitCode, 6);
        QVERIFY2(again.err.contains(u"not empty"_s), qPrintable(again.err));
        QCOMPARE(census(to), census(m_source));
    }

    void errorsExitNonZero()
    {
        const Run missing
            = run({ u"--copy-hub"_s, m_dir.filePath(u"missing.sqlite"_s), m_dir.filePath(u"x.sqlite"_s) });
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(!QFileInfo::exists(m_dir.filePath(u"missing.sqlite"_s)));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(u"x.sqlite"_s)));
        const Run same = run({ u"--copy-hub"_s, m_source, m_source });
        QCOMPARE(same.exitCode, 6);
        QVERIFY2(same.err.contains(u"same hub"_s), qPrintable(same.err));
        const Run noDestination = run({ u"--copy-hub"_s, m_source });
        QCOMPARE(noDestination.exitCode, 1);
    }

    /// File ▸ Copy Hub To…: the hub closes, is copied, and opens again with its instances going on.
    void copyFromTheWindow()
    {
        const QString hub = m_dir.filePath(u"window.sqlite"_s);
        QVERIFY(QFile::copy(m_source, hub));
        auto workbench = makeWorkbench(hub);
        QVERIFY(workbench->openHub());
        workbench->showMainWindow();
        QVERIFY(QTest::qWaitForWindowExposed(workbench->mainWindow()));
        QVERIFY(workbench->mainWindow()->findChild<QAction *>(u"copyHubAction"_s));
        QVERIFY(QTest::qWaitFor([&] { return workbench->engine()->ownsWorkers(); }, 20000));
        const durable::Engine *before = workbench->engine();
        const QString to = m_dir.filePath(u"window-copy.sqlite"_s);
        QString message;
        QVERIFY2(workbench->copyHubTo(to, &message), qPrintable(message));
        QVERIFY2(message.contains(u"45 instances"_s), qPrintable(message));
        QVERIFY(workbench->engine() && workbench->engine() != before);
        QCOMPARE(workbench->hubPath(), hub);
        QCOMPARE(census(to), census(hub));
        // The reopened hub runs: an approval waiting before the copy completes.
        QVERIFY(wait(workbench->engine()->raiseEvent(u"approval-0"_s, u"ApprovalEvent"_s, true)));
        auto done = wait(workbench->engine()->waitForCompletion(u"approval-0"_s, 30000));
        QVERIFY(done);
        QCOMPARE(done->status, RuntimeStatus::Completed);
        // A destination that is not empty: refused, the hub open again all the same.
        QVERIFY(!workbench->copyHubTo(to, &message));
        QVERIFY2(message.contains(u"not empty"_s), qPrintable(message));
        QVERIFY(workbench->engine());
    }
};

QTEST_MAIN(TestHubCopy)
#include "tst_hubcopy.moc"
