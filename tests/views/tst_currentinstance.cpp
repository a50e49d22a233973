// One current instance for the list and the details, and a list that holds still: the real
// workbench widget on a real engine (temporary hub, sample patterns, a ManualClock), offscreen.
// Each case reproduces a defect of issue #16: Restart ▸ New id, purges (single and filtered), Go to
// a missing id, live updates under the mouse, "+" zooming at the pointer.

#include <engine.h>
#include <filterbar.h>
#include <historypage.h>
#include <instanceactions.h>
#include <instancedetail.h>
#include <instancelistview.h>
#include <samples.h>
#include <timelineview.h>
#include <workbenchwidget.h>

#include <QApplication>
#include <QHeaderView>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace durable;
using namespace durable::views;
using namespace std::chrono_literals;
using models::InstanceListModel;

class TestCurrentInstance : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    Registry m_registry;
    ManualClock m_clock { QDateTime::currentDateTimeUtc() };
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<WorkbenchWidget> m_workbench;

    InstanceListView *list() const { return m_workbench->instanceList(); }
    QString detailId() const { return m_workbench->detail()->tracker()->instanceId(); }
    QString listStatus(const QString &id) const
    {
        const int row = list()->model()->rowOfInstance(id);
        return row < 0 ? QString() : list()->model()->index(row, InstanceListModel::Status).data().toString();
    }
    QLineEdit *idFilter() const { return list()->filterBar()->findChild<QLineEdit *>(QStringLiteral("idFilter")); }
    /// Starts an Approval (it waits for its event) and waits until the list shows it.
    void startWaiting(const QString &id)
    {
        Client::StartOptions options;
        options.instanceId = id;
        QVERIFY(m_engine->start(QStringLiteral("Approval"), QJsonObject {}, options).result().has_value());
        QTRY_COMPARE_WITH_TIMEOUT(listStatus(id), QStringLiteral("Running"), 10000);
    }
    void finish(const QString &id)
    {
        QVERIFY(m_engine->terminate(id, QStringLiteral("test")).result().has_value());
        QTRY_COMPARE_WITH_TIMEOUT(listStatus(id), QStringLiteral("Terminated"), 10000);
    }
    /// Moves the mouse off the list (onto the details), ending any hold.
    void pointerAway() { QTest::mouseMove(m_workbench->detail(), QPoint(20, 20)); }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // QSettings of the workbench go to a test location
        QVERIFY(m_dir.isValid());
        samples::registerAll(m_registry);
        EngineOptions options;
        options.hubPath = m_dir.filePath(QStringLiteral("hub.sqlite"));
        options.clock = &m_clock;
        auto engine = Engine::open(options, m_registry);
        QVERIFY(engine.has_value());
        m_engine = std::move(*engine);
        m_workbench = std::make_unique<WorkbenchWidget>(m_engine.get());
        m_workbench->resize(1400, 900);
        m_workbench->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_workbench.get()));
        list()->model()->setRefreshInterval(20);
        m_workbench->detail()->tracker()->setRefreshInterval(20);
    }
    void cleanupTestCase()
    {
        m_workbench.reset();
        m_engine.reset();
    }
    void init()
    {
        pointerAway();
        list()->filterBar()->setStatuses({});
        list()->filterBar()->setIdText({});
        QTRY_VERIFY(!list()->model()->isLoading());
    }

    // Defect 3: the details showed the new instance while the list kept the old one highlighted,
    // and clicking that row did nothing.
    void restartUnderNewIdMovesTheSelection()
    {
        startWaiting(QStringLiteral("restart-old"));
        finish(QStringLiteral("restart-old"));
        list()->filterBar()->setStatuses({ RuntimeStatus::Terminated });
        QTRY_VERIFY(!list()->model()->isLoading() && list()->model()->rowCount() == 1);
        list()->goToInstance(QStringLiteral("restart-old"));
        QTRY_COMPARE(detailId(), QStringLiteral("restart-old"));
        QCOMPARE(list()->currentInstanceId(), QStringLiteral("restart-old"));

        // The new instance runs, so the Terminated filter hides it: no row stays selected, and the
        // list says why.
        m_workbench->actions()->restartInstance(QStringLiteral("restart-old"), true);
        QTRY_VERIFY_WITH_TIMEOUT(!detailId().isEmpty() && detailId() != QStringLiteral("restart-old"), 10000);
        const QString fresh = detailId();
        QTRY_COMPARE(list()->currentInstanceId(), QString());
        QTRY_VERIFY(list()->note().contains(fresh));
        QVERIFY2(list()->note().contains(QStringLiteral("filters")), qPrintable(list()->note()));
        QCOMPARE(list()->filterBar()->apply({}).statuses, QSet<RuntimeStatus> { RuntimeStatus::Terminated });

        // Clicking the old row shows it again.
        const auto index = list()->model()->index(list()->model()->rowOfInstance(QStringLiteral("restart-old")), 0);
        QTest::mouseClick(list()->table()->viewport(), Qt::LeftButton, {}, list()->table()->visualRect(index).center());
        QTRY_COMPARE(detailId(), QStringLiteral("restart-old"));
        QCOMPARE(list()->currentInstanceId(), QStringLiteral("restart-old"));
        QVERIFY(list()->note().isEmpty());
        pointerAway();

        // Without the filter the new instance is selected and scrolled into view.
        list()->filterBar()->setStatuses({});
        QTRY_VERIFY(!list()->model()->isLoading());
        m_workbench->actions()->restartInstance(QStringLiteral("restart-old"), true);
        QTRY_VERIFY_WITH_TIMEOUT(detailId() != QStringLiteral("restart-old") && detailId() != fresh, 10000);
        const QString second = detailId();
        QTRY_COMPARE_WITH_TIMEOUT(list()->currentInstanceId(), second, 10000);
        const auto row = list()->model()->index(list()->model()->rowOfInstance(second), 0);
        QVERIFY(list()->table()->viewport()->rect().intersects(list()->table()->visualRect(row)));
    }

    // Defect 3: after a purge the details kept showing the purged instance, Restart and Purge enabled.
    void purgedInstanceLeavesTheDetails()
    {
        startWaiting(QStringLiteral("purge-one"));
        finish(QStringLiteral("purge-one"));
        startWaiting(QStringLiteral("purge-filtered"));
        finish(QStringLiteral("purge-filtered"));
        // The details show an instance the filtered list does not (as after Restart ▸ New id), so
        // no list selection moving away can hide what the details do.
        list()->filterBar()->setIdText(QStringLiteral("no-row-matches"));
        QTRY_VERIFY(!list()->model()->isLoading() && list()->model()->rowCount() == 0);

        m_workbench->showInstance(QStringLiteral("purge-one"));
        QTRY_VERIFY(m_workbench->actions()->purgeAction->isEnabled());
        QVERIFY(m_engine->purge(QStringLiteral("purge-one")).result().has_value());
        QTRY_VERIFY(!m_workbench->detail()->tracker()->info().has_value());
        QVERIFY(!m_workbench->actions()->current().has_value());
        QVERIFY(!m_workbench->actions()->purgeAction->isEnabled());
        QVERIFY(!m_workbench->actions()->restartAction->isEnabled());

        // A purge by filter does not name the instances it deletes.
        m_workbench->showInstance(QStringLiteral("purge-filtered"));
        QTRY_VERIFY(m_workbench->actions()->restartAction->isEnabled());
        PurgeFilter everythingFinished;
        QVERIFY(m_engine->purge(everythingFinished).result().value_or(0) >= 1);
        QTRY_VERIFY(!m_workbench->detail()->tracker()->info().has_value());
        QVERIFY(!m_workbench->actions()->restartAction->isEnabled());
        QVERIFY(!m_workbench->actions()->purgeAction->isEnabled());
    }

    // Defect 8: Go to a missing id rewrote the id filter without a word.
    void goToMissingIdLeavesTheFilter()
    {
        startWaiting(QStringLiteral("goto-present"));
        auto *box = list()->findChild<QLineEdit *>(QStringLiteral("goToInstance"));
        QVERIFY(box);
        const auto before = list()->model()->query();
        box->setText(QStringLiteral("goto-missing"));
        QTest::keyClick(box, Qt::Key_Return);
        QCOMPARE(idFilter()->text(), QString());
        QTRY_VERIFY(list()->note().contains(QStringLiteral("goto-missing")));
        QVERIFY2(list()->note().contains(QStringLiteral("no instance")), qPrintable(list()->note()));
        QCOMPARE(idFilter()->text(), QString());
        QCOMPARE(list()->model()->query().idPrefix, before.idPrefix);
        QCOMPARE(list()->model()->query().idContains, before.idContains);
        QVERIFY(list()->model()->rowOfInstance(QStringLiteral("goto-present")) >= 0);
        // An id that exists is still gone to.
        box->setText(QStringLiteral("goto-present"));
        QTest::keyClick(box, Qt::Key_Return);
        QTRY_COMPARE(list()->currentInstanceId(), QStringLiteral("goto-present"));
        QTRY_COMPARE(detailId(), QStringLiteral("goto-present"));
        QVERIFY(list()->note().isEmpty());
    }

    // Defect 4: live re-sorting moved rows under the mouse, so a click meant for one instance
    // selected another.
    void updatesWaitWhileThePointerIsOverTheList()
    {
        startWaiting(QStringLiteral("hover-a"));
        m_clock.advance(1s);
        startWaiting(QStringLiteral("hover-b"));
        // Most recently updated first: hover-b, hover-a, …
        list()->table()->horizontalHeader()->setSortIndicator(InstanceListModel::LastUpdated, Qt::DescendingOrder);
        QTRY_VERIFY(!list()->model()->isLoading() && list()->model()->rowCount() >= 2);
        QCOMPARE(list()->model()->index(0, 0).data(InstanceListModel::InstanceIdRole).toString(),
                 QStringLiteral("hover-b"));
        list()->goToInstance(QStringLiteral("hover-b"));
        QTRY_COMPARE(list()->currentInstanceId(), QStringLiteral("hover-b"));
        const int row = list()->table()->currentIndex().row();

        // The pointer rests on the selected row; then hover-a changes and would sort to the top.
        const auto rect = list()->table()->visualRect(list()->table()->currentIndex());
        QTest::mouseMove(list()->table()->viewport(), rect.center());
        QTRY_VERIFY(list()->table()->viewport()->underMouse());
        m_clock.advance(1s);
        bool notified = false;
        auto connection = connect(m_engine.get(), &HubClient::changed, this, [&](const ChangeSet &changes) {
            notified |= changes.instances.contains(QStringLiteral("hover-a"));
        });
        QVERIFY(m_engine->terminate(QStringLiteral("hover-a"), QStringLiteral("test")).result().has_value());
        QTRY_VERIFY(notified);
        disconnect(connection);
        // The refresh that notification scheduled has come and gone.
        QTRY_VERIFY(!list()->model()->refreshPending() && !list()->model()->isLoading());
        QCOMPARE(list()->table()->currentIndex().row(), row);
        QCOMPARE(list()->currentInstanceId(), QStringLiteral("hover-b"));
        QCOMPARE(list()->table()->indexAt(rect.center()).data(InstanceListModel::InstanceIdRole).toString(),
                 QStringLiteral("hover-b"));

        // Leaving applies what waited; the selection stays on its instance.
        pointerAway();
        QTRY_COMPARE(list()->model()->index(0, 0).data(InstanceListModel::InstanceIdRole).toString(),
                     QStringLiteral("hover-a"));
        QCOMPARE(list()->currentInstanceId(), QStringLiteral("hover-b"));
        list()->table()->horizontalHeader()->setSortIndicator(InstanceListModel::Created, Qt::DescendingOrder);
    }

    // Review finding 8: the hold froze the whole list; a status change that moves no row must
    // still show, and what does wait is announced.
    void statusChangesShowWhileHeld()
    {
        startWaiting(QStringLiteral("held-second"));
        m_clock.advance(1s); // created last: the top row
        startWaiting(QStringLiteral("held-status"));
        // Newest first: it stays the top row when it finishes.
        QCOMPARE(list()->model()->index(0, 0).data(InstanceListModel::InstanceIdRole).toString(),
                 QStringLiteral("held-status"));
        const auto rect = list()->table()->visualRect(list()->model()->index(0, 0));
        QTest::mouseMove(list()->table()->viewport(), rect.center());
        QTRY_VERIFY(list()->model()->isHeld());
        QVERIFY(m_engine->terminate(QStringLiteral("held-status"), QStringLiteral("test")).result().has_value());
        QTRY_COMPARE_WITH_TIMEOUT(listStatus(QStringLiteral("held-status")), QStringLiteral("Terminated"), 10000);
        QVERIFY(list()->model()->isHeld());
        QCOMPARE(list()->model()->rowOfInstance(QStringLiteral("held-status")), 0);
        QVERIFY(!list()->updatesWaiting());

        // A new instance would insert a row under the pointer: it waits, and the list says so.
        Client::StartOptions options;
        options.instanceId = QStringLiteral("held-new");
        m_clock.advance(1s);
        QVERIFY(m_engine->start(QStringLiteral("Approval"), QJsonObject {}, options).result().has_value());
        QTRY_VERIFY_WITH_TIMEOUT(list()->updatesWaiting(), 10000);
        QCOMPARE(list()->model()->rowOfInstance(QStringLiteral("held-new")), -1);
        QCOMPARE(list()->model()->rowOfInstance(QStringLiteral("held-status")), 0);
        // The waiting insert shifts every position in the engine's order; the rows shown still
        // take their status changes.
        const int second = list()->model()->rowOfInstance(QStringLiteral("held-second"));
        QVERIFY(m_engine->terminate(QStringLiteral("held-second"), QStringLiteral("test")).result().has_value());
        QTRY_COMPARE_WITH_TIMEOUT(listStatus(QStringLiteral("held-second")), QStringLiteral("Terminated"), 10000);
        QCOMPARE(list()->model()->rowOfInstance(QStringLiteral("held-second")), second);
        QVERIFY(list()->updatesWaiting());
        pointerAway();
        QTRY_COMPARE_WITH_TIMEOUT(list()->model()->rowOfInstance(QStringLiteral("held-new")), 0, 10000);
        QTRY_VERIFY(!list()->updatesWaiting());
    }

    // Review finding 9: selecting the current instance used the keyboard modifiers of the moment,
    // so with Ctrl held it was added to the selection instead of replacing it.
    void goToSelectsOnlyItsRowWithCtrlHeld()
    {
        startWaiting(QStringLiteral("ctrl-a"));
        startWaiting(QStringLiteral("ctrl-b"));
        list()->goToInstance(QStringLiteral("ctrl-a"));
        QTRY_COMPARE(list()->currentInstanceId(), QStringLiteral("ctrl-a"));
        QCOMPARE(list()->selectedInstances().size(), 1);
        // Through the window system, so that QGuiApplication::keyboardModifiers() reports it.
        QTest::keyPress(m_workbench->windowHandle(), Qt::Key_Control, Qt::ControlModifier);
        QCOMPARE(QGuiApplication::keyboardModifiers(), Qt::ControlModifier);
        list()->goToInstance(QStringLiteral("ctrl-b"));
        QTest::keyRelease(m_workbench->windowHandle(), Qt::Key_Control, Qt::NoModifier);
        QCOMPARE(list()->currentInstanceId(), QStringLiteral("ctrl-b"));
        const auto selected = list()->selectedInstances();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().instanceId, QStringLiteral("ctrl-b"));
    }

    // Holding back live updates must not hide what the user just did: a purge they confirm with
    // the pointer resting on the list removes the row at once.
    void ownCommandsShowWhileHeld()
    {
        startWaiting(QStringLiteral("held-purge"));
        finish(QStringLiteral("held-purge"));
        m_workbench->showInstance(QStringLiteral("held-purge"));
        QTRY_VERIFY(m_workbench->actions()->purgeAction->isEnabled());
        QTest::mouseMove(list()->table()->viewport(), QPoint(10, 10));
        QTRY_VERIFY(list()->model()->isHeld());
        m_workbench->actions()->purgeAction->trigger();
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = qobject_cast<QMessageBox *>([] {
                         for (auto *widget : QApplication::topLevelWidgets())
                             if (widget->objectName() == QStringLiteral("purgeConfirm") && widget->isVisible())
                                 return widget;
                         return static_cast<QWidget *>(nullptr);
                     }()))
                    != nullptr);
        // The box over the list may have taken the pointer away (a leave event ends the hover
        // hold): hold again as the pointer does, so the purge is seen to apply while held.
        list()->model()->setHeld(true);
        box->button(QMessageBox::Yes)->click();
        QTRY_VERIFY(list()->model()->rowOfInstance(QStringLiteral("held-purge")) < 0);
        QVERIFY(list()->model()->isHeld());
    }

    // Defect 8: "+" zoomed at the start of the run (the cursor's default) with the mouse elsewhere.
    void zoomKeepsTheTimeUnderThePointer()
    {
        startWaiting(QStringLiteral("zoom-me"));
        m_clock.advance(1h);
        QVERIFY(m_engine->raiseEvent(QStringLiteral("zoom-me"), QStringLiteral("ApprovalEvent"), true)
                    .result()
                    .has_value());
        QTRY_COMPARE_WITH_TIMEOUT(listStatus(QStringLiteral("zoom-me")), QStringLiteral("Completed"), 10000);
        m_workbench->showInstance(QStringLiteral("zoom-me"));
        auto *detail = m_workbench->detail();
        QTRY_VERIFY(detail->tracker()->info() && detail->tracker()->info()->status == RuntimeStatus::Completed
                    && !detail->tracker()->isLoading());
        detail->setCurrentIndex(InstanceDetail::History);
        auto *timeline = detail->history()->timeline();
        QTRY_VERIFY(timeline->isVisible() && timeline->viewport()->width() > 200);
        QTest::keyClick(timeline, Qt::Key_F);
        QTest::keyClick(timeline, Qt::Key_Home); // the cursor at the start of the run
        // The approval an hour in: far right of the fitted run.
        const QDateTime approved = detail->tracker()->history().last().timestamp;
        const int x = timeline->xOf(approved);
        QVERIFY(x > timeline->viewport()->width() / 2);
        QTest::mouseMove(timeline->viewport(), QPoint(x, timeline->viewport()->height() / 2));
        const double before = timeline->msPerPixel();
        QTest::keyClick(timeline, Qt::Key_Plus);
        QVERIFY(timeline->msPerPixel() < before);
        QVERIFY2(std::abs(timeline->xOf(approved) - x) <= 1,
                 qPrintable(QStringLiteral("%1 moved to %2").arg(x).arg(timeline->xOf(approved))));
        QTest::keyClick(timeline, Qt::Key_Minus);
        QVERIFY2(std::abs(timeline->xOf(approved) - x) <= 2,
                 qPrintable(QStringLiteral("%1 moved to %2").arg(x).arg(timeline->xOf(approved))));
        // With the mouse elsewhere, the cursor stays put instead.
        pointerAway();
        QTest::keyClick(timeline, Qt::Key_End);
        const int cursorX = timeline->xOf(approved);
        QTest::keyClick(timeline, Qt::Key_Plus);
        QVERIFY(std::abs(timeline->xOf(approved) - cursorX) <= 1);
    }
};

QTEST_MAIN(TestCurrentInstance)
#include "tst_currentinstance.moc"
