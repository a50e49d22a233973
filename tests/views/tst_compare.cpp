// Investigation across runs, on the real workbench widget over a real engine (offscreen):
// compare two selected instances, follow parent/child links and come back, and expand a
// sub-orchestration's bar in the timeline (nested Gantt).

#include "comparefixtures.h"

#include <comparedialog.h>
#include <contextmenus.h>
#include <filterbar.h>
#include <historypage.h>
#include <instancedetail.h>
#include <instancelistview.h>
#include <summarypage.h>
#include <timelineview.h>
#include <workbenchwidget.h>

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace durable;
using namespace durable::views;
using models::HistoryDiffModel;
using models::InstanceListModel;

class TestCompare : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    Registry m_registry;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<WorkbenchWidget> m_workbench;

    InstanceListView *list() const { return m_workbench->instanceList(); }
    HistoryPage *historyPage() const { return m_workbench->detail()->history(); }
    QString detailId() const { return m_workbench->detail()->tracker()->instanceId(); }
    bool listed(const QString &id) const { return list()->model()->rowOfInstance(id) >= 0; }
    QLineEdit *idFilter() const { return list()->filterBar()->findChild<QLineEdit *>(QStringLiteral("idFilter")); }

    /// Moves the mouse off the list: rows leave it only while the pointer is elsewhere.
    void pointerAway() { QTest::mouseMove(m_workbench->detail(), QPoint(20, 20)); }
    /// Shows `id` and waits until the history page holds its finished history.
    void showFinished(const QString &id)
    {
        m_workbench->showInstance(id);
        QTRY_VERIFY_WITH_TIMEOUT(
            detailId() == id && m_workbench->detail()->tracker()->info()
                && isTerminal(m_workbench->detail()->tracker()->info()->status)
                && std::ranges::any_of(historyPage()->model()->history(),
                                       [](const HistoryEvent &e) { return e.type == EventType::ExecutionCompleted; }),
            10000);
    }
    int positionOf(EventType type, int id, bool byTaskId = false) const
    {
        const auto &history = historyPage()->model()->history();
        for (int i = 0; i < history.size(); ++i) {
            if (history.at(i).type == type && (byTaskId ? history.at(i).taskId : history.at(i).eventId) == id)
                return i;
        }
        return -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        testing::registerCompareFixtures(m_registry);
        EngineOptions options;
        options.hubPath = m_dir.filePath(QStringLiteral("hub.sqlite"));
        auto engine = Engine::open(options, m_registry);
        QVERIFY(engine.has_value());
        m_engine = std::move(*engine);
        for (const auto *id : { "cmp-fail", "cmp-ok" })
            QVERIFY(testing::runToEnd(*m_engine, QStringLiteral("Chain3"), QString::fromLatin1(id)).has_value());
        QVERIFY(testing::runToEnd(*m_engine, QStringLiteral("Parent2"), QStringLiteral("fam")).has_value());
        QVERIFY(testing::runToEnd(*m_engine, QStringLiteral("Grand"), QStringLiteral("gp")).has_value());
        m_workbench = std::make_unique<WorkbenchWidget>(m_engine.get());
        m_workbench->resize(1400, 900);
        m_workbench->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_workbench.get()));
        list()->model()->setRefreshInterval(20);
        m_workbench->detail()->tracker()->setRefreshInterval(20);
        QTRY_VERIFY_WITH_TIMEOUT(listed(QStringLiteral("cmp-fail")) && listed(QStringLiteral("fam-b")), 10000);
    }
    void cleanupTestCase()
    {
        m_workbench.reset();
        m_engine.reset();
    }

    void compareOpensFromTwoSelectedRows()
    {
        auto *table = list()->table();
        auto *selection = table->selectionModel();
        selection->clearSelection();
        QVERIFY(!m_workbench->compareAction()->isEnabled());
        for (const auto *id : { "cmp-fail", "cmp-ok" }) {
            const int row = list()->model()->rowOfInstance(QString::fromLatin1(id));
            selection->select(list()->model()->index(row, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        }
        QVERIFY(m_workbench->compareAction()->isEnabled());
        // The list's context menu offers it.
        std::unique_ptr<QMenu> menu(
            createInstanceListMenu(m_workbench->actions(), list(), m_workbench.get(), m_workbench->compareAction()));
        QVERIFY(menu->actions().contains(m_workbench->compareAction()));
        // The shortcut opens it.
        m_workbench->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_workbench.get()));
        table->setFocus();
        QTest::keyClick(table, Qt::Key_D, Qt::ControlModifier);
        CompareDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = m_workbench->findChild<CompareDialog *>()) != nullptr);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isLoaded(), 10000);
        QCOMPARE(QSet<QString>({ dialog->leftId(), dialog->rightId() }),
                 QSet<QString>({ QStringLiteral("cmp-fail"), QStringLiteral("cmp-ok") }));
        const bool failedLeft = dialog->leftId() == QStringLiteral("cmp-fail");
        const QString summary = dialog->summary()->text();
        QVERIFY2(summary.startsWith(QLatin1String("Diverges at event ")), qPrintable(summary));
        QVERIFY2(summary.contains(failedLeft ? QLatin1String("Work (#1) failed on the left, completed on the right")
                                             : QLatin1String("Work (#1) completed on the left, failed on the right")),
                 qPrintable(summary));
        // Finish ran only in the run that completed: a gap on the other side.
        auto *model = dialog->model();
        int finish = -1;
        int work = -1;
        for (int r = 0; r < model->rowCount(); ++r) {
            const QString action = model->index(r, HistoryDiffModel::Action).data().toString();
            finish = action == QStringLiteral("Finish (#2)") ? r : finish;
            work = action == QStringLiteral("Work (#1)") ? r : work;
        }
        QVERIFY(finish >= 0 && work >= 0);
        QVERIFY(!model->index(finish, failedLeft ? HistoryDiffModel::LeftOutcome : HistoryDiffModel::RightOutcome)
                     .data()
                     .isValid());
        // Clicking a row shows both payloads side by side.
        auto *rows = dialog->table();
        QTest::mouseClick(rows->viewport(), Qt::LeftButton, {},
                          rows->visualRect(model->index(finish, HistoryDiffModel::Action)).center());
        QCOMPARE((failedLeft ? dialog->leftPayload() : dialog->rightPayload())->toPlainText(),
                 QStringLiteral("(not in this run)"));
        QTest::mouseClick(rows->viewport(), Qt::LeftButton, {},
                          rows->visualRect(model->index(work, HistoryDiffModel::Action)).center());
        const QString failedSide = (failedLeft ? dialog->leftPayload() : dialog->rightPayload())->toPlainText();
        const QString okSide = (failedLeft ? dialog->rightPayload() : dialog->leftPayload())->toPlainText();
        QVERIFY2(failedSide.contains(QLatin1String("WorkError")) && failedSide.contains(QLatin1String("Input:")),
                 qPrintable(failedSide));
        QVERIFY2(okSide.contains(QLatin1String("\"go!\"")), qPrintable(okSide));
        dialog->close();
        QTRY_VERIFY(!m_workbench->findChild<CompareDialog *>());
    }

    void compareWithAnInstanceThatIsGone()
    {
        // A purged (or never existing) instance: the dialog says which could not be read, no rows.
        auto *dialog = m_workbench->openComparison(QStringLiteral("cmp-ok"), QStringLiteral("no-such-run"));
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isLoaded(), 10000);
        QVERIFY2(dialog->summary()->text().startsWith(QLatin1String("Could not read the history of no-such-run.")),
                 qPrintable(dialog->summary()->text()));
        QCOMPARE(dialog->model()->rowCount(), 0);
        dialog->close();
    }

    void parentAndChildLinksWithBack()
    {
        showFinished(QStringLiteral("fam"));
        QVERIFY(historyPage()->parentInstanceId().isEmpty());
        QVERIFY(!m_workbench->backAction()->isEnabled());
        // Enter on the second child's completion opens that child.
        const int completed = positionOf(EventType::SubOrchestrationInstanceCompleted, 1, true);
        QVERIFY(completed > 0);
        historyPage()->selectPosition(completed);
        QVERIFY(historyPage()->linksLabel()->text().contains(QLatin1String("fam-b")));
        historyPage()->table()->setFocus();
        QTest::keyClick(historyPage()->table(), Qt::Key_Return);
        QTRY_COMPARE(detailId(), QStringLiteral("fam-b"));
        QTRY_COMPARE(list()->currentInstanceId(), QStringLiteral("fam-b"));
        QTRY_VERIFY(historyPage()->parentInstanceId() == QStringLiteral("fam"));
        QVERIFY(historyPage()->linksLabel()->text().contains(QLatin1String("Parent: <a href=\"fam\">")));
        QCOMPARE(m_workbench->backHistory(), QStringList { QStringLiteral("fam") });
        // Alt+Left returns.
        m_workbench->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_workbench.get()));
        QTest::keyClick(historyPage()->table(), Qt::Key_Left, Qt::AltModifier);
        QTRY_COMPARE(detailId(), QStringLiteral("fam"));
        QTRY_COMPARE(list()->currentInstanceId(), QStringLiteral("fam"));
        QVERIFY(!m_workbench->backAction()->isEnabled());
        // The context menu on the first child's creation opens it; the parent link leads back up.
        showFinished(QStringLiteral("fam"));
        const int created = positionOf(EventType::SubOrchestrationInstanceCreated, 0);
        std::unique_ptr<QMenu> menu(
            historyPage()->createContextMenu(historyPage()->tableIndexAt(created), m_workbench.get()));
        auto *open = menu->findChild<QAction *>(QStringLiteral("openChild"));
        QVERIFY(open);
        open->trigger();
        QTRY_COMPARE(detailId(), QStringLiteral("fam-a"));
        QTRY_VERIFY(historyPage()->parentInstanceId() == QStringLiteral("fam"));
        Q_EMIT historyPage()->linksLabel()->linkActivated(QStringLiteral("fam"));
        QTRY_COMPARE(detailId(), QStringLiteral("fam"));
        QCOMPARE(m_workbench->backHistory(), QStringList({ QStringLiteral("fam"), QStringLiteral("fam-a") }));
        m_workbench->backAction()->trigger();
        QTRY_COMPARE(detailId(), QStringLiteral("fam-a"));
        m_workbench->backAction()->trigger();
        QTRY_COMPARE(detailId(), QStringLiteral("fam"));
    }

    void linkToAChildTheFilterHides()
    {
        pointerAway();
        showFinished(QStringLiteral("fam"));
        idFilter()->setText(QStringLiteral("cmp-"));
        QTRY_VERIFY_WITH_TIMEOUT(!listed(QStringLiteral("fam")) && listed(QStringLiteral("cmp-ok")), 10000);
        const int created = positionOf(EventType::SubOrchestrationInstanceCreated, 1);
        historyPage()->selectPosition(created);
        historyPage()->table()->setFocus();
        QTest::keyClick(historyPage()->table(), Qt::Key_Enter);
        // Opened all the same, and the list says why it selects nothing.
        QTRY_COMPARE(detailId(), QStringLiteral("fam-b"));
        QTRY_VERIFY_WITH_TIMEOUT(!list()->note().isEmpty(), 10000);
        QVERIFY(list()->currentInstanceId() != QStringLiteral("fam-b"));
        m_workbench->backAction()->trigger();
        QTRY_COMPARE(detailId(), QStringLiteral("fam"));
        idFilter()->clear();
        QTRY_VERIFY_WITH_TIMEOUT(listed(QStringLiteral("fam")), 10000);
    }

    void nestedGantt()
    {
        showFinished(QStringLiteral("fam"));
        m_workbench->detail()->setCurrentIndex(InstanceDetail::History);
        auto *timeline = historyPage()->timeline();
        timeline->setMinimumHeight(16 * timeline->laneHeight()); // room for every row: clicks must land on them
        QTRY_VERIFY(timeline->viewport()->height() >= 15 * timeline->laneHeight());
        QCOMPARE(timeline->rowLabels(),
                 QStringList({ QStringLiteral("#0 Chain3"), QStringLiteral("#1 Chain3"), QStringLiteral("#2 Merge") }));
        // Keyboard: Ctrl+Right on the first child's bar loads and shows its activities under it.
        timeline->setCursor(positionOf(EventType::SubOrchestrationInstanceCreated, 0));
        QCOMPARE(timeline->childAtCursor(), QStringLiteral("fam-a"));
        timeline->setFocus();
        QTest::keyClick(timeline, Qt::Key_Right, Qt::ControlModifier);
        QVERIFY(timeline->isExpanded(QStringLiteral("fam-a")));
        const QStringList expanded { QStringLiteral("#0 Chain3"), QStringLiteral("  #0 Prepare"),
                                     QStringLiteral("  #1 Work"), QStringLiteral("  #2 Finish"),
                                     QStringLiteral("#1 Chain3"), QStringLiteral("#2 Merge") };
        QTRY_COMPARE_WITH_TIMEOUT(timeline->rowLabels(), expanded, 10000);
        QVERIFY(timeline->cursor() == positionOf(EventType::SubOrchestrationInstanceCreated, 0)); // not moved
        // The mouse: a click on the second child's expander (its label) expands it as well.
        const int laneHeight = timeline->laneHeight();
        const QPoint label(20, 22 + 5 * laneHeight + laneHeight / 2); // axis, markers, 4 rows, then "#1 Chain3"
        QTest::mouseClick(timeline->viewport(), Qt::LeftButton, {}, label);
        QTRY_COMPARE_WITH_TIMEOUT(timeline->rowLabels().size(), 9, 10000);
        QCOMPARE(timeline->rowLabels().mid(4, 4),
                 QStringList({ QStringLiteral("#1 Chain3"), QStringLiteral("  #0 Prepare"), QStringLiteral("  #1 Work"),
                               QStringLiteral("  #2 Finish") }));
        // Ctrl+Left collapses the one at the cursor; the other stays open.
        QTest::keyClick(timeline, Qt::Key_Left, Qt::ControlModifier);
        QVERIFY(!timeline->isExpanded(QStringLiteral("fam-a")));
        QCOMPARE(
            timeline->rowLabels(),
            QStringList({ QStringLiteral("#0 Chain3"), QStringLiteral("#1 Chain3"), QStringLiteral("  #0 Prepare"),
                          QStringLiteral("  #1 Work"), QStringLiteral("  #2 Finish"), QStringLiteral("#2 Merge") }));
        // Grandchildren by keyboard: Ctrl+Right on an open bar opens the level below.
        showFinished(QStringLiteral("gp"));
        timeline->setCursor(positionOf(EventType::SubOrchestrationInstanceCreated, 0));
        QCOMPARE(timeline->childAtCursor(), QStringLiteral("gp-p"));
        QTest::keyClick(timeline, Qt::Key_Right, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(timeline->rowLabels(),
                                  QStringList({ QStringLiteral("#0 Parent2"), QStringLiteral("  #0 Chain3"),
                                                QStringLiteral("  #1 Chain3"), QStringLiteral("  #2 Merge") }),
                                  10000);
        QTest::keyClick(timeline, Qt::Key_Right, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(timeline->rowLabels().size(), 10, 10000);
        QCOMPARE(timeline->rowLabels().mid(1, 4),
                 QStringList({ QStringLiteral("  #0 Chain3"), QStringLiteral("    #0 Prepare"),
                               QStringLiteral("    #1 Work"), QStringLiteral("    #2 Finish") }));
        QVERIFY(timeline->isExpanded(QStringLiteral("gp-p-a")) && timeline->isExpanded(QStringLiteral("gp-p-b")));
        // Another instance starts collapsed.
        showFinished(QStringLiteral("cmp-ok"));
        QCOMPARE(timeline->rowLabels().size(), 3);
        QVERIFY(!timeline->isExpanded(QStringLiteral("fam-b")));
    }
};

QTEST_MAIN(TestCompare)
#include "tst_compare.moc"
