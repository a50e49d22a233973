// File ▸ Export Instance… and File ▸ Import Bundle… in the real workbench: a completed chain
// exported from one hub and imported into a fresh one shows as a read-only instance (the list's
// status says so, the summary says where it came from) with the same history; a foreign file is
// refused with nothing imported; the instance's commands but purge are disabled.

#include "instanceactions.h"
#include "instancedetail.h"
#include "instancelistview.h"
#include "mainwindow.h"
#include "samples.h"
#include "summarypage.h"
#include "workbench.h"
#include "workbenchwidget.h"

#include <QAbstractItemModel>
#include <QFile>
#include <QLabel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestBundles : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    durable::Registry m_registry;

    std::unique_ptr<Workbench> open(const QString &hubPath)
    {
        CommandLineOptions options;
        options.hubPath = hubPath;
        options.sync = durable::SyncMode::Normal;
        auto workbench = std::make_unique<Workbench>(options, m_registry);
        if (!workbench->openHub())
            return {};
        workbench->showMainWindow();
        return workbench;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        durable::samples::registerAll(m_registry);
    }

    void exportThenImportIntoAFreshHub()
    {
        const QString bundle = m_dir.filePath(u"chain.durable-bundle.json"_s);
        durable::History history;
        {
            auto from = open(m_dir.filePath(u"from.sqlite"_s));
            QVERIFY(from);
            QVERIFY(from->mainWindow()->findChild<QAction *>(u"exportInstanceAction"_s));
            durable::Client::StartOptions o;
            o.instanceId = u"chain-1"_s;
            QVERIFY(from->engine()->start(u"FunctionChaining"_s, u"go"_s, o).result());
            auto done = from->engine()->waitForCompletion(u"chain-1"_s, 30000).result();
            QVERIFY(done && done->status == durable::RuntimeStatus::Completed);
            history = *from->engine()->history(u"chain-1"_s).result();
            QString message;
            QVERIFY2(from->exportInstanceTo(u"chain-1"_s, bundle, &message), qPrintable(message));
            QVERIFY(!from->exportInstanceTo(u"nobody"_s, m_dir.filePath(u"nobody.json"_s), &message));
            QVERIFY(!message.isEmpty());
            QVERIFY(!QFile::exists(m_dir.filePath(u"nobody.json"_s)));
        }
        auto to = open(m_dir.filePath(u"to.sqlite"_s));
        QVERIFY(to);
        QVERIFY(to->mainWindow()->findChild<QAction *>(u"importBundleAction"_s));
        QString message;
        // A foreign file: refused, nothing imported.
        const QString foreign = m_dir.filePath(u"foreign.json"_s);
        QFile f(foreign);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"format": "something-else", "version": 1})");
        f.close();
        QVERIFY(to->importBundleFrom(foreign, &message).isEmpty());
        QVERIFY2(message.contains(u"foreign.json"_s), qPrintable(message));

        const QStringList ids = to->importBundleFrom(bundle, &message);
        QCOMPARE(ids, QStringList { u"chain-1"_s });
        QVERIFY2(message.isEmpty(), qPrintable(message));
        QCOMPARE(*to->engine()->history(u"chain-1"_s).result(), history);
        auto *content = to->content();
        QTRY_COMPARE_WITH_TIMEOUT(content->detail()->tracker()->info().value_or(durable::InstanceInfo {}).instanceId,
                                  u"chain-1"_s, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(content->detail()->summary()->findChild<QLabel *>()->text().contains(u"Imported"_s),
                                 10000);
        auto *model = content->instanceList()->model();
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() == 1, 10000);
        bool marked = false;
        for (int c = 0; c < model->columnCount(); ++c)
            marked |= model->index(0, c).data().toString().contains(u"imported"_s);
        QVERIFY(marked);
        // Read-only in the window too: a finished instance could be restarted, an imported one
        // only purged.
        auto *actions = content->actions();
        QTRY_VERIFY_WITH_TIMEOUT(actions->purgeAction->isEnabled(), 10000);
        QVERIFY(!actions->restartAction->isEnabled());
        QVERIFY2(actions->restartAction->toolTip().contains(u"read-only"_s),
                 qPrintable(actions->restartAction->toolTip()));
    }
};

QTEST_MAIN(TestBundles)
#include "tst_bundles.moc"
