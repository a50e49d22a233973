// A layout that holds still (issue #16, defect 5): the real workbench widget on a real engine,
// offscreen. Showing instances whose details differ wildly (a long id, a long custom status, a big
// history, a long request in the approval inbox) moves no splitter and does not widen the window.

#include <approvalinbox.h>
#include <approvalinboxmodel.h>
#include <engine.h>
#include <instancedetail.h>
#include <instancelistview.h>
#include <samples.h>
#include <workbenchwidget.h>

#include <QApplication>
#include <QLabel>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace durable;
using namespace durable::views;

namespace {

/// Fans out, sets a custom status of one unbreakable 3,000-character word and waits for approval.
Task<QJsonValue> wide(OrchestrationContext &ctx)
{
    std::vector<Future> work;
    for (int i = 0; i < 150; ++i)
        work.push_back(ctx.callActivity(QStringLiteral("F2"), i));
    co_await whenAll(work);
    ctx.setCustomStatus(QString(3000, u'w'));
    co_return co_await ctx.waitForExternalEvent(QString::fromLatin1(samples::ApprovalEventName));
}

} // namespace

class TestLayout : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    Registry m_registry;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<WorkbenchWidget> m_workbench;

    /// Lets every posted layout request run (they are what would move a splitter or grow the window).
    static void settle()
    {
        for (int i = 0; i < 5; ++i) {
            QCoreApplication::sendPostedEvents();
            QApplication::processEvents();
        }
    }
    QList<QList<int>> splitterSizes() const
    {
        QList<QList<int>> sizes;
        for (auto *splitter : m_workbench->findChildren<QSplitter *>())
            sizes.append(splitter->sizes());
        return sizes;
    }
    /// Shows the instance on every detail tab, with the approval inbox beside it.
    void showEverywhere(const QString &id, int minimumHistory)
    {
        m_workbench->showInstance(id);
        auto *detail = m_workbench->detail();
        QTRY_VERIFY_WITH_TIMEOUT(detail->tracker()->info() && detail->tracker()->info()->instanceId == id
                                     && !detail->tracker()->isLoading()
                                     && detail->tracker()->history().size() >= minimumHistory,
                                 15000);
        for (int tab = 0; tab < detail->count(); ++tab) {
            detail->setCurrentIndex(tab);
            settle();
        }
        m_workbench->sideTabs()->setCurrentWidget(m_workbench->inbox());
        if (m_workbench->inbox()->selectInstance(id))
            QTRY_VERIFY(m_workbench->inbox()->detailLine()->text().contains(id));
        settle();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        samples::registerAll(m_registry);
        m_registry.addOrchestrator(QStringLiteral("Wide"), wide);
        EngineOptions options;
        options.hubPath = m_dir.filePath(QStringLiteral("hub.sqlite"));
        auto engine = Engine::open(options, m_registry);
        QVERIFY(engine.has_value());
        m_engine = std::move(*engine);
    }
    void cleanupTestCase()
    {
        m_workbench.reset();
        m_engine.reset();
    }

    void detailsDoNotMoveTheLayout()
    {
        Client::StartOptions small;
        small.instanceId = QStringLiteral("small");
        QVERIFY(m_engine->start(QStringLiteral("FunctionChaining"), QStringLiteral("go"), small).result());
        QVERIFY(m_engine->waitForCompletion(QStringLiteral("small"), 15000).result());
        Client::StartOptions big;
        big.instanceId = QStringLiteral("wide-") + QString(200, u'i');
        const QJsonObject request { { QStringLiteral("request"), QString(3000, u'r') } };
        QVERIFY(m_engine->start(QStringLiteral("Wide"), request, big).result());

        m_workbench = std::make_unique<WorkbenchWidget>(m_engine.get());
        m_workbench->resize(1100, 700); // the old first window's size
        m_workbench->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_workbench.get()));
        showEverywhere(QStringLiteral("small"), 10);
        const int width = m_workbench->width();
        const auto sizes = splitterSizes();
        QCOMPARE(width, 1100);

        // The wide one waits for approval only after its fan-out: it is in the inbox then.
        QTRY_VERIFY_WITH_TIMEOUT(m_workbench->inbox()->model()->rowOfInstance(big.instanceId) >= 0, 20000);
        showEverywhere(big.instanceId, 300);
        QVERIFY(m_workbench->inbox()->detailLine()->text().contains(QStringLiteral("rrrr")));
        QCOMPARE(m_workbench->width(), width);
        QCOMPARE(splitterSizes(), sizes);

        // And back: nothing moved on the way.
        showEverywhere(QStringLiteral("small"), 10);
        QCOMPARE(m_workbench->width(), width);
        QCOMPARE(splitterSizes(), sizes);
    }
};

QTEST_MAIN(TestLayout)
#include "tst_layout.moc"
