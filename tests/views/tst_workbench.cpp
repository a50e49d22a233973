// Drives the real workbench widget against a real engine on a temporary hub with the sample
// patterns, under QT_QPA_PLATFORM=offscreen. The engine runs on a ManualClock so the Approval
// sample's 72-hour timeout can be reached by advancing it.

#include <approvalinbox.h>
#include <banner.h>
#include <catalogmodel.h>
#include <cursorpanel.h>
#include <engine.h>
#include <errortext.h>
#include <historypage.h>
#include <instanceactions.h>
#include <instancedetail.h>
#include <instancelistview.h>
#include <jsontextedit.h>
#include <logspage.h>
#include <raiseeventdialog.h>
#include <samples.h>
#include <startdialog.h>
#include <terminatedialog.h>
#include <timelineview.h>
#include <welcomepage.h>
#include <workbenchwidget.h>

#include <QApplication>
#include <QCheckBox>
#include <QLabel>
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

class TestWorkbench : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    Registry m_registry;
    ManualClock m_clock { QDateTime::currentDateTimeUtc() };
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<WorkbenchWidget> m_workbench;

    template<typename T>
    T *findDialog(const QString &name)
    {
        for (auto *widget : QApplication::topLevelWidgets()) {
            if (widget->objectName() == name && widget->isVisible())
                return qobject_cast<T *>(widget);
        }
        return nullptr;
    }
    QString listStatus(const QString &id) const
    {
        auto *model = m_workbench->instanceList()->model();
        const int row = model->rowOfInstance(id);
        return row < 0 ? QString() : model->index(row, models::InstanceListModel::Status).data().toString();
    }
    std::optional<InstanceInfo> status(const QString &id) const
    {
        const auto result = m_engine->status(id).result();
        return result ? std::optional(*result) : std::nullopt;
    }
    void startApproval(const QString &id)
    {
        m_workbench->actions()->start(QStringLiteral("Approval"), QJsonObject { { QStringLiteral("request"), id } },
                                      id);
        QTRY_VERIFY_WITH_TIMEOUT(m_workbench->inbox()->model()->rowOfInstance(id) >= 0, 10000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        samples::registerAll(m_registry);
        EngineOptions options;
        options.hubPath = m_dir.filePath(QStringLiteral("hub.sqlite"));
        options.clock = &m_clock;
        options.cacheSize = 0; // replay every episode, so logs carry replayed lines
        auto engine = Engine::open(options, m_registry);
        QVERIFY(engine.has_value());
        m_engine = std::move(*engine);
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

    void emptyHubShowsWelcome()
    {
        QTRY_VERIFY(m_workbench->isWelcomeShown());
        QVERIFY(m_workbench->welcome()->findChild<QPushButton *>(QStringLiteral("welcome_Approval")));
        // RetryChild is SubOrchestrationWithRetry's child: its parent's button runs it.
        QVERIFY(m_workbench->welcome()->findChild<QPushButton *>(QStringLiteral("welcome_SubOrchestrationWithRetry")));
        QVERIFY(!m_workbench->welcome()->findChild<QPushButton *>(QStringLiteral("welcome_RetryChild")));
    }

    void catalogMarksChildButStartsIt()
    {
        auto *catalog = m_workbench->catalog();
        QModelIndex child;
        for (int row = 0; row < catalog->model()->rowCount(); ++row) {
            const auto index = catalog->model()->index(row, 0);
            if (index.data(models::CatalogModel::NameRole).toString() == QStringLiteral("RetryChild"))
                child = index;
        }
        QVERIFY(child.isValid());
        QVERIFY(child.data().toString().contains(QStringLiteral("(child)")));
        QVERIFY(child.data(Qt::ToolTipRole).toString().contains(QStringLiteral("SubOrchestrationWithRetry")));
        QVERIFY(child.data(Qt::FontRole).value<QFont>().italic());
        const auto pattern = catalog->model()->index(child.row() == 0 ? 1 : 0, 0);
        QVERIFY(!pattern.data().toString().contains(QStringLiteral("(child)")));
        // Start… on the child's row still offers it, preselected.
        catalog->setCurrentIndex(child);
        QTest::mouseClick(m_workbench->findChild<QPushButton *>(QStringLiteral("catalogStart")), Qt::LeftButton);
        auto *dialog = findDialog<StartDialog>(QStringLiteral("startDialog"));
        QVERIFY(dialog);
        QCOMPARE(dialog->orchestrator(), QStringLiteral("RetryChild"));
        dialog->reject();
    }

    void approveFromStartDialog()
    {
        m_workbench->sideTabs()->setCurrentIndex(0);
        auto *catalogStart = m_workbench->findChild<QPushButton *>(QStringLiteral("catalogStart"));
        QVERIFY(catalogStart);
        QTest::mouseClick(catalogStart, Qt::LeftButton);
        auto *dialog = findDialog<StartDialog>(QStringLiteral("startDialog"));
        QVERIFY(dialog);
        dialog->setOrchestrator(QStringLiteral("Approval"));
        dialog->instanceIdEdit()->setText(QStringLiteral("approval-ok"));
        QVERIFY(dialog->startButton()->isEnabled());
        QTest::mouseClick(dialog->startButton(), Qt::LeftButton);

        QTRY_VERIFY(!m_workbench->isWelcomeShown());
        QTRY_COMPARE_WITH_TIMEOUT(listStatus(QStringLiteral("approval-ok")), QStringLiteral("Running"), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(m_workbench->inbox()->selectInstance(QStringLiteral("approval-ok")), 10000);
        QVERIFY(m_workbench->inbox()->approveButton()->isEnabled());
        QTest::mouseClick(m_workbench->inbox()->approveButton(), Qt::LeftButton);

        QTRY_COMPARE_WITH_TIMEOUT(listStatus(QStringLiteral("approval-ok")), QStringLiteral("Completed"), 10000);
        QCOMPARE(status(QStringLiteral("approval-ok"))->output.toString(), QStringLiteral("approved"));
        QTRY_VERIFY(m_workbench->inbox()->model()->rowOfInstance(QStringLiteral("approval-ok")) < 0);
        // The detail follows the selected instance.
        m_workbench->instanceList()->goToInstance(QStringLiteral("approval-ok"));
        QTRY_VERIFY(m_workbench->detail()->tracker()->info()
                    && m_workbench->detail()->tracker()->info()->output.toString() == QStringLiteral("approved"));
    }

    void reject()
    {
        startApproval(QStringLiteral("approval-no"));
        QVERIFY(m_workbench->inbox()->selectInstance(QStringLiteral("approval-no")));
        QTest::mouseClick(m_workbench->inbox()->rejectButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(listStatus(QStringLiteral("approval-no")), QStringLiteral("Completed"), 10000);
        QCOMPARE(status(QStringLiteral("approval-no"))->output.toString(), QStringLiteral("rejected"));
    }

    void timeoutEscalates()
    {
        startApproval(QStringLiteral("approval-late"));
        QTRY_VERIFY_WITH_TIMEOUT(!status(QStringLiteral("approval-late"))->waiting.timers.isEmpty(), 10000);
        m_clock.advance(72h + 1min);
        QTRY_COMPARE_WITH_TIMEOUT(listStatus(QStringLiteral("approval-late")), QStringLiteral("Completed"), 10000);
        QCOMPARE(status(QStringLiteral("approval-late"))->output.toString(), QStringLiteral("escalated"));
    }

    void fireTimerFromInbox()
    {
        startApproval(QStringLiteral("approval-fire"));
        QVERIFY(m_workbench->inbox()->selectInstance(QStringLiteral("approval-fire")));
        QTRY_VERIFY(m_workbench->inbox()->fireButton()->isEnabled());
        QTest::mouseClick(m_workbench->inbox()->fireButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(listStatus(QStringLiteral("approval-fire")), QStringLiteral("Completed"), 10000);
        QCOMPARE(status(QStringLiteral("approval-fire"))->output.toString(), QStringLiteral("escalated"));
    }

    void invalidJsonIsNotRaised()
    {
        startApproval(QStringLiteral("approval-raise"));
        m_workbench->instanceList()->goToInstance(QStringLiteral("approval-raise"));
        QTRY_VERIFY(m_workbench->actions()->raiseAction->isEnabled());
        m_workbench->actions()->raiseAction->trigger();
        auto *dialog = findDialog<RaiseEventDialog>(QStringLiteral("raiseDialog"));
        QVERIFY(dialog);
        QCOMPARE(dialog->eventName(), QStringLiteral("ApprovalEvent"));
        dialog->payloadEditor()->editor()->setPlainText(QStringLiteral("{\"approved\": tru"));
        QVERIFY(!dialog->raiseButton()->isEnabled());
        // Told once, under the payload; the button's tooltip repeats it.
        QVERIFY(dialog->payloadEditor()->statusText().contains(QStringLiteral("Invalid JSON")));
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("raiseReason"))->isHidden());
        QCOMPARE(dialog->raiseButton()->toolTip(), dialog->payloadEditor()->statusText());
        QTest::mouseClick(dialog->raiseButton(), Qt::LeftButton);
        QTest::keyClick(dialog, Qt::Key_Return);
        QVERIFY(dialog->isVisible());
        // An accepted dialog would have sent the event before the key click returned. A command sent
        // now finishes only after the batch that ran everything sent before it has committed, so the
        // status read below would see the event had it been sent.
        const auto barrier
            = m_engine->raiseEvent(QStringLiteral("no-such-instance (barrier)"), QStringLiteral("barrier"), {})
                  .result();
        QVERIFY(!barrier && barrier.error().code == ErrorCode::NotFound);
        const auto info = status(QStringLiteral("approval-raise"));
        QCOMPARE(info->status, RuntimeStatus::Running);
        QCOMPARE(info->waiting.events, QStringList { QStringLiteral("ApprovalEvent") });
        const auto history = m_engine->history(QStringLiteral("approval-raise")).result();
        for (const auto &e : *history)
            QVERIFY(e.type != EventType::EventRaised);
        dialog->reject();
    }

    void terminateRunningFanOut()
    {
        const QJsonObject input { { QStringLiteral("n"), 40 }, { QStringLiteral("delayMs"), 300 } };
        m_workbench->actions()->start(QStringLiteral("FanOutFanIn"), input, QStringLiteral("fan-stop"));
        QTRY_COMPARE_WITH_TIMEOUT(listStatus(QStringLiteral("fan-stop")), QStringLiteral("Running"), 10000);
        m_workbench->instanceList()->goToInstance(QStringLiteral("fan-stop"));
        QTRY_COMPARE(m_workbench->instanceList()->currentInstanceId(), QStringLiteral("fan-stop"));
        QTRY_VERIFY(m_workbench->actions()->terminateAction->isEnabled());
        QVERIFY(!m_workbench->actions()->resumeAction->isEnabled());
        QCOMPARE(m_workbench->actions()->resumeAction->toolTip(),
                 QStringLiteral("Only suspended instances can be resumed"));
        m_workbench->actions()->terminateAction->trigger();
        auto *dialog = findDialog<TerminateDialog>(QStringLiteral("terminateDialog"));
        QVERIFY(dialog);
        dialog->reasonEdit()->setText(QStringLiteral("test stop"));
        dialog->accept();
        QTRY_COMPARE_WITH_TIMEOUT(listStatus(QStringLiteral("fan-stop")), QStringLiteral("Terminated"), 10000);
        QTRY_VERIFY(!m_workbench->actions()->terminateAction->isEnabled());
        QVERIFY(m_workbench->actions()->purgeAction->isEnabled());
    }

    void stepTimelineWithKeyboard()
    {
        m_workbench->instanceList()->goToInstance(QStringLiteral("approval-ok"));
        auto *detail = m_workbench->detail();
        QTRY_COMPARE(detail->tracker()->instanceId(), QStringLiteral("approval-ok"));
        QTRY_VERIFY(detail->tracker()->history().size() > 10);
        detail->setCurrentIndex(InstanceDetail::History);
        auto *timeline = detail->history()->timeline();
        timeline->setFocus();
        QTest::keyClick(timeline, Qt::Key_Home);
        auto *panel = detail->history()->panel();
        QCOMPARE(timeline->cursor(), 0);
        QVERIFY(panel->title().contains(QStringLiteral("#0 OrchestratorStarted")));
        // Step to the first TaskScheduled: RequestApproval pending, nothing completed.
        int steps = 0;
        while (panel->state().event.type != EventType::TaskScheduled && steps++ < 10)
            QTest::keyClick(timeline, Qt::Key_Right);
        QCOMPARE(panel->state().pending.size(), 1);
        QCOMPARE(panel->state().pending.first().name, QStringLiteral("RequestApproval"));
        QVERIFY(panel->state().completed.isEmpty());
        // The table follows the cursor (its compact view hides the episode markers, so compare events).
        QCOMPARE(detail->history()->table()->currentIndex().data(models::HistoryModel::SequenceRole).toLongLong(),
                 detail->tracker()->history().at(timeline->cursor()).sequence);
        QTest::keyClick(timeline, Qt::Key_End);
        QVERIFY(panel->state().finished);
        QCOMPARE(panel->state().completed.size(), 2); // RequestApproval, ProcessApproval
        QCOMPARE(panel->state().customStatusKnown, !detail->tracker()->info()->customStatus.isUndefined());
        QTest::keyClick(timeline, Qt::Key_Left);
        QCOMPARE(timeline->cursor(), int(detail->tracker()->history().size()) - 2);
        // Zoom keys change the scale; F fits again.
        QTest::keyClick(timeline, Qt::Key_F);
        const double fitted = timeline->msPerPixel();
        QTest::keyClick(timeline, Qt::Key_Plus);
        QVERIFY(timeline->msPerPixel() < fitted);
        QTest::keyClick(timeline, Qt::Key_F);
        QCOMPARE(timeline->msPerPixel(), fitted);
    }

    void hideReplayedLogLines()
    {
        const QJsonObject input { { QStringLiteral("n"), 3 } };
        m_workbench->actions()->start(QStringLiteral("FanOutFanIn"), input, QStringLiteral("fan-logs"));
        QTRY_COMPARE_WITH_TIMEOUT(listStatus(QStringLiteral("fan-logs")), QStringLiteral("Completed"), 10000);
        m_workbench->instanceList()->goToInstance(QStringLiteral("fan-logs"));
        auto *detail = m_workbench->detail();
        QTRY_COMPARE(detail->tracker()->instanceId(), QStringLiteral("fan-logs"));
        detail->setCurrentIndex(InstanceDetail::Logs);
        auto *logs = detail->logs();
        int replayed = 0;
        QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                     replayed = 0;
                                     for (const auto &line : logs->model()->lines())
                                         replayed += line.replaying;
                                     return replayed > 0;
                                 }()),
                                 10000);
        const int all = logs->proxy()->rowCount();
        logs->hideReplayedBox()->click();
        QVERIFY(logs->hideReplayedBox()->isChecked());
        QCOMPARE(logs->proxy()->rowCount(), all - replayed);
        for (int row = 0; row < logs->proxy()->rowCount(); ++row)
            QVERIFY(!logs->proxy()->index(row, 0).data(models::LogModel::ReplayingRole).toBool());
        // Clicking a line selects its history event.
        const auto index = logs->proxy()->index(0, 0);
        logs->table()->setCurrentIndex(index);
        const qint64 sequence = index.data(models::LogModel::HistorySequenceRole).toLongLong();
        QCOMPARE(detail->history()->panel()->state().event.sequence, sequence);
        logs->hideReplayedBox()->click();
        QCOMPARE(logs->proxy()->rowCount(), all);
    }

    void failedActionShowsEngineError()
    {
        // Raising to an instance that finished in the meantime: the engine refuses.
        m_workbench->actions()->answer(QStringLiteral("approval-ok"), { QStringLiteral("ApprovalEvent") }, true);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = findDialog<QMessageBox>(QStringLiteral("actionError"))) != nullptr);
        // The sentence for the code, then the engine's own detail beneath it.
        const QStringList lines = box->informativeText().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(0), ErrorText::describe(ErrorCode::FailedPrecondition));
        QVERIFY2(lines.at(1).startsWith(QLatin1String("Details: ")) && lines.at(1).size() > 9, qPrintable(lines.at(1)));
        box->close();
    }
};

QTEST_MAIN(TestWorkbench)
#include "tst_workbench.moc"
