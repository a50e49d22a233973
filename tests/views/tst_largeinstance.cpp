// A 10,000-activity fan-out opened in the real workbench: a busy indicator while the history
// loads, a timeline whose layout is built once and whose paint draws only what is in view.

#include <engine.h>
#include <historypage.h>
#include <instancedetail.h>
#include <samples.h>
#include <timelineview.h>
#include <workbenchwidget.h>

#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace durable;
using namespace durable::views;

class TestLargeInstance : public QObject {
    Q_OBJECT
private:
    static constexpr int Activities = 10000;
    QTemporaryDir m_dir;
    Registry m_registry;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<WorkbenchWidget> m_workbench;

    /// Upper bound of bars and markers a paint may draw: the lanes in view plus one marker per two
    /// pixels of width.
    static int paintBound(TimelineView *timeline)
    {
        return timeline->viewport()->height() / timeline->laneHeight() + 2 + timeline->viewport()->width() / 2 + 1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        samples::registerAll(m_registry);
        EngineOptions options;
        options.hubPath = m_dir.filePath(QStringLiteral("hub.sqlite"));
        options.sync = SyncMode::Normal;
        auto engine = Engine::open(options, m_registry);
        QVERIFY(engine.has_value());
        m_engine = std::move(*engine);
        Client::StartOptions start;
        start.instanceId = QStringLiteral("big");
        QVERIFY(
            m_engine->start(QStringLiteral("FanOutFanIn"), QJsonObject { { QStringLiteral("n"), Activities } }, start)
                .result()
                .has_value());
        const auto done = m_engine->waitForCompletion(QStringLiteral("big"), 150000).result();
        QVERIFY2(done.has_value(), qPrintable(done ? QString() : done.error().message));
        QCOMPARE(done->status, RuntimeStatus::Completed);
        m_workbench = std::make_unique<WorkbenchWidget>(m_engine.get());
        m_workbench->resize(1400, 900);
        m_workbench->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_workbench.get()));
    }
    void cleanupTestCase()
    {
        m_workbench.reset();
        m_engine.reset();
    }

    void busyWhileTheHistoryLoads()
    {
        auto *detail = m_workbench->detail();
        detail->setCurrentIndex(InstanceDetail::History);
        QVERIFY(!detail->busyIndicator()->isVisible());
        detail->setInstanceId(QStringLiteral("big"));
        // The read runs on the engine's reader thread; its answer comes through the event loop.
        QVERIFY(detail->busyIndicator()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!detail->busyIndicator()->isVisible(), 60000);
        QVERIFY(detail->tracker()->history().size() > 2 * Activities);
        QCOMPARE(detail->history()->model()->rowCount(), int(detail->tracker()->history().size()));
    }

    void timelinePaintsOnlyWhatIsInView()
    {
        auto *detail = m_workbench->detail();
        auto *timeline = detail->history()->timeline();
        QTRY_VERIFY(!detail->tracker()->logs().isEmpty());
        int activities = 0;
        for (const auto &item : timeline->layout().items)
            activities += item.kind == models::TimelineItem::Kind::Activity;
        QCOMPARE(activities, Activities + 2); // F1, the fan-out, F3
        QVERIFY(timeline->layout().laneCount > Activities);
        const int builds = timeline->layoutBuildCount();

        timeline->viewport()->repaint();
        const int fitted = timeline->paintedItemCount();
        QVERIFY2(fitted > 0 && fitted <= paintBound(timeline),
                 qPrintable(QStringLiteral("%1 painted, bound %2").arg(fitted).arg(paintBound(timeline))));

        // Scrolled to the middle of the lanes: bars there, still only as many as fit.
        auto *bar = timeline->verticalScrollBar();
        bar->setValue(bar->maximum() / 2);
        timeline->viewport()->repaint();
        QVERIFY(timeline->paintedItemCount() > timeline->viewport()->height() / timeline->laneHeight() / 2);
        QVERIFY(timeline->paintedItemCount() <= paintBound(timeline));

        // Zoomed in on the cursor, stepping through the history: the layout is not rebuilt.
        timeline->setFocus();
        QTest::keyClick(timeline, Qt::Key_End);
        for (int i = 0; i < 8; ++i)
            QTest::keyClick(timeline, Qt::Key_Plus);
        for (int i = 0; i < 20; ++i)
            QTest::keyClick(timeline, Qt::Key_Left);
        QCOMPARE(timeline->cursor(), int(detail->tracker()->history().size()) - 21);
        timeline->viewport()->repaint();
        QVERIFY(timeline->paintedItemCount() > 0);
        QVERIFY(timeline->paintedItemCount() <= paintBound(timeline));
        QCOMPARE(timeline->layoutBuildCount(), builds);
        // Re-reads of the finished instance (log lines, status) do not rebuild it either.
        QSignalSpy reread(detail->tracker(), &models::InstanceTracker::infoChanged);
        detail->tracker()->reload();
        QTRY_VERIFY_WITH_TIMEOUT(reread.count() >= 1, 30000);
        QCOMPARE(timeline->layoutBuildCount(), builds);
        const auto *tracker = detail->tracker();
        detail->history()->setData(tracker->history(), tracker->logs(), tracker->info()->customStatus, {});
        QCOMPARE(timeline->layoutBuildCount(), builds);
        QCOMPARE(timeline->cursor(), int(tracker->history().size()) - 21); // and the cursor stays
    }
};

QTEST_MAIN(TestLargeInstance)
#include "tst_largeinstance.moc"
