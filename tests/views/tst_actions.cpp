// Keyboard use of the workbench on a real engine: actions by their shortcuts, navigation
// shortcuts, tab order; restart under the same or a new id; purging the list's filtered set with
// progress; the filter bar's query reaching the engine.

#include <engine.h>
#include <filterbar.h>
#include <historypage.h>
#include <instanceactions.h>
#include <instancedetail.h>
#include <instancelistview.h>
#include <samples.h>
#include <startdialog.h>
#include <terminatedialog.h>
#include <timelineview.h>
#include <workbenchwidget.h>

#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace durable;
using namespace durable::views;

class TestActions : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    Registry m_registry;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<WorkbenchWidget> m_workbench;

    template<typename T>
    T *findDialog(const QString &name) const
    {
        for (auto *widget : QApplication::topLevelWidgets()) {
            if (widget->objectName() == name && widget->isVisible())
                return qobject_cast<T *>(widget);
        }
        return nullptr;
    }
    void press(const QKeySequence &keys)
    {
        // Shortcuts go to the focus window. After a dialog closes, QApplication may already call
        // the workbench active while the focus window is still the dialog's (the platform's
        // activation is queued; under load it comes late): a key pressed then is lost.
        if (QApplication::activeWindow() != m_workbench.get()
            || QGuiApplication::focusWindow() != m_workbench->windowHandle()) {
            m_workbench->activateWindow();
            QVERIFY(QTest::qWaitForWindowActive(m_workbench.get()));
            QTRY_VERIFY(QGuiApplication::focusWindow() == m_workbench->windowHandle());
        }
        auto *target = QApplication::focusWidget() ? QApplication::focusWidget() : m_workbench.get();
        QTest::keySequence(target, keys);
    }
    RuntimeStatus status(const QString &id) const
    {
        return m_engine->status(id).result().value_or(InstanceInfo {}).status;
    }
    void select(const QString &id)
    {
        m_workbench->instanceList()->goToInstance(id);
        QTRY_COMPARE_WITH_TIMEOUT(m_workbench->instanceList()->currentInstanceId(), id, 10000);
        QTRY_VERIFY(m_workbench->actions()->current() && m_workbench->actions()->current()->instanceId == id);
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
        m_workbench = std::make_unique<WorkbenchWidget>(m_engine.get());
        m_workbench->resize(1400, 900);
        m_workbench->show();
        m_workbench->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_workbench.get()));
    }
    void cleanupTestCase()
    {
        m_workbench.reset();
        m_engine.reset();
    }

    void startAndApproveByShortcut()
    {
        press(QKeySequence(QStringLiteral("Ctrl+N")));
        StartDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = findDialog<StartDialog>(QStringLiteral("startDialog"))) != nullptr);
        dialog->setOrchestrator(QStringLiteral("Approval"));
        dialog->instanceIdEdit()->setText(QStringLiteral("kb-approval"));
        QTest::keyClick(dialog, Qt::Key_Return); // Start is the default button
        QTRY_COMPARE_WITH_TIMEOUT(
            m_engine->status(QStringLiteral("kb-approval")).result().value_or(InstanceInfo {}).waiting.events,
            QStringList { QStringLiteral("ApprovalEvent") }, 10000);
        select(QStringLiteral("kb-approval"));
        QTRY_VERIFY(m_workbench->actions()->approveAction->isEnabled());
        press(QKeySequence(QStringLiteral("Ctrl+Shift+A")));
        QTRY_COMPARE_WITH_TIMEOUT(status(QStringLiteral("kb-approval")), RuntimeStatus::Completed, 10000);
        QCOMPARE(m_engine->status(QStringLiteral("kb-approval")).result()->output.toString(),
                 QStringLiteral("approved"));
    }

    void restartUnderANewOrTheSameId()
    {
        select(QStringLiteral("kb-approval"));
        QTRY_VERIFY(m_workbench->actions()->restartAction->isEnabled());
        QSignalSpy started(m_workbench->actions(), &InstanceActions::instanceStarted);
        press(QKeySequence(QStringLiteral("Ctrl+Shift+R")));
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = findDialog<QMessageBox>(QStringLiteral("restartChoice"))) != nullptr);
        QTest::keyClick(box, Qt::Key_Return); // "New id" is the default
        QTRY_COMPARE(started.count(), 1);
        const QString fresh = started.first().first().toString();
        QVERIFY(!fresh.isEmpty() && fresh != QStringLiteral("kb-approval"));
        QTRY_COMPARE_WITH_TIMEOUT(status(fresh), RuntimeStatus::Running, 10000);
        QCOMPARE(status(QStringLiteral("kb-approval")), RuntimeStatus::Completed); // kept as it was

        select(QStringLiteral("kb-approval"));
        QTRY_VERIFY(m_workbench->actions()->restartAction->isEnabled());
        press(QKeySequence(QStringLiteral("Ctrl+Shift+R")));
        QTRY_VERIFY((box = findDialog<QMessageBox>(QStringLiteral("restartChoice"))) != nullptr);
        auto *same = box->findChild<QPushButton *>(QStringLiteral("restartSameId"));
        QVERIFY(same);
        same->setFocus(Qt::TabFocusReason);
        QTest::keyClick(same, Qt::Key_Space);
        QTRY_COMPARE(started.count(), 2);
        QCOMPARE(started.last().first().toString(), QStringLiteral("kb-approval"));
        QTRY_COMPARE_WITH_TIMEOUT(status(QStringLiteral("kb-approval")), RuntimeStatus::Running, 10000);

        // Cancel restarts nothing.
        QVERIFY(m_engine->terminate(fresh, QStringLiteral("done")).result().has_value());
        select(fresh);
        QTRY_VERIFY(m_workbench->actions()->restartAction->isEnabled());
        press(QKeySequence(QStringLiteral("Ctrl+Shift+R")));
        QTRY_VERIFY((box = findDialog<QMessageBox>(QStringLiteral("restartChoice"))) != nullptr);
        QTest::keyClick(box, Qt::Key_Escape);
        QTRY_VERIFY(!findDialog<QMessageBox>(QStringLiteral("restartChoice")));
        QCOMPARE(started.count(), 2);
        QCOMPARE(status(fresh), RuntimeStatus::Terminated);
    }

    void terminateByShortcut()
    {
        select(QStringLiteral("kb-approval"));
        QTRY_VERIFY(m_workbench->actions()->terminateAction->isEnabled());
        press(QKeySequence(QStringLiteral("Ctrl+Shift+T")));
        TerminateDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = findDialog<TerminateDialog>(QStringLiteral("terminateDialog"))) != nullptr);
        QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("by keyboard"));
        QTest::keyClick(dialog, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(status(QStringLiteral("kb-approval")), RuntimeStatus::Terminated, 10000);
    }

    void navigationShortcuts()
    {
        auto *list = m_workbench->instanceList();
        press(QKeySequence(QStringLiteral("Ctrl+G")));
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("goToInstance"));
        press(QKeySequence(QStringLiteral("Ctrl+F")));
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("idFilter"));
        press(QKeySequence(QStringLiteral("Ctrl+L")));
        QCOMPARE(QApplication::focusWidget(), list->table());
        m_workbench->detail()->setCurrentIndex(InstanceDetail::Summary);
        press(QKeySequence(QStringLiteral("Ctrl+T")));
        QCOMPARE(m_workbench->detail()->currentIndex(), int(InstanceDetail::History));
        QCOMPARE(QApplication::focusWidget(), m_workbench->detail()->history()->timeline());
        // The timeline then takes the cursor keys.
        QTRY_VERIFY(m_workbench->detail()->history()->timeline()->cursor() >= 0);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Home);
        QCOMPARE(m_workbench->detail()->history()->timeline()->cursor(), 0);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Right);
        QCOMPARE(m_workbench->detail()->history()->timeline()->cursor(), 1);
    }

    void tabOrderFollowsTheLayout()
    {
        // From the catalog: its Start button next.
        m_workbench->sideTabs()->setCurrentIndex(0);
        m_workbench->catalog()->setFocus(Qt::TabFocusReason);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("catalogStart"));

        // The list: filters left to right, go-to, pause, then the rows.
        m_workbench->instanceList()->filterBar()->statusButton()->setFocus(Qt::TabFocusReason);
        QStringList order;
        for (int i = 0; i < 8 && QApplication::focusWidget() != m_workbench->instanceList()->table(); ++i) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            order.append(QApplication::focusWidget()->objectName());
        }
        QCOMPARE(order,
                 (QStringList { QStringLiteral("nameFilter"), QStringLiteral("idMode"), QStringLiteral("idFilter"),
                                QStringLiteral("createdPreset"), QStringLiteral("goToInstance"),
                                QStringLiteral("pauseLive"), QStringLiteral("instanceTable") }));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backtab);
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("pauseLive"));
    }

    void filterBarQueryReachesTheList()
    {
        auto *list = m_workbench->instanceList();
        auto *bar = list->filterBar();
        bar->setStatuses({ RuntimeStatus::Completed, RuntimeStatus::Terminated });
        auto *name = bar->findChild<QComboBox *>(QStringLiteral("nameFilter"));
        name->setCurrentIndex(name->findData(QStringLiteral("Approval")));
        bar->setIdText(QStringLiteral("kb-"));
        QTRY_COMPARE(list->model()->query().idPrefix, QStringLiteral("kb-"));
        const auto q = list->model()->query();
        QCOMPARE(q.statuses, (QSet<RuntimeStatus> { RuntimeStatus::Completed, RuntimeStatus::Terminated }));
        QCOMPARE(q.name, QStringLiteral("Approval"));
        QTRY_VERIFY(!list->model()->isLoading());
        QCOMPARE(list->model()->rowCount(), 1);
        QCOMPARE(list->model()->index(0, 0).data().toString(), QStringLiteral("kb-approval"));
        // The purge action works on what the list shows.
        QTRY_COMPARE(m_workbench->actions()->filter().idPrefix, QStringLiteral("kb-"));
        bar->setStatuses({});
        name->setCurrentIndex(0);
        bar->setIdText({});
        QTRY_VERIFY(list->model()->query().idPrefix.isEmpty());
    }

    void purgeFilteredWithProgress()
    {
        const int count = 150;
        Client::StartOptions options;
        for (int i = 0; i < count; ++i) {
            options.instanceId = QStringLiteral("bulk-%1").arg(i, 3, 10, QLatin1Char('0'));
            QVERIFY(
                m_engine->start(QStringLiteral("FunctionChaining"), QStringLiteral("x"), options).result().has_value());
        }
        options.instanceId = QStringLiteral("bulk-running");
        QVERIFY(m_engine->start(QStringLiteral("Approval"), QJsonValue(), options).result().has_value());
        for (int i = 0; i < count; ++i) {
            const auto done
                = m_engine->waitForCompletion(QStringLiteral("bulk-%1").arg(i, 3, 10, QLatin1Char('0')), 30000)
                      .result();
            QVERIFY(done.has_value());
        }
        auto *list = m_workbench->instanceList();
        list->filterBar()->setIdText(QStringLiteral("bulk-"));
        QTRY_COMPARE(m_workbench->actions()->filter().idPrefix, QStringLiteral("bulk-"));

        QSignalSpy succeeded(m_workbench->actions(), &InstanceActions::commandSucceeded);
        list->table()->setFocus();
        press(QKeySequence(QStringLiteral("Ctrl+Shift+Del")));
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = findDialog<QMessageBox>(QStringLiteral("bulkConfirm"))) != nullptr);
        // The question names the count and the filters; Cancel is the default.
        QCOMPARE(box->text(), QStringLiteral("Purge 151 instance(s) matching id starting with \"bulk-\"?"));
        QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
        box->findChild<QPushButton *>(QStringLiteral("bulkGo"))->click();
        // The purge runs in batches through the event loop; its progress dialog exists meanwhile.
        auto *progress = m_workbench->findChild<QProgressDialog *>(QStringLiteral("bulkProgress"));
        QVERIFY(progress);
        QTRY_VERIFY_WITH_TIMEOUT(!m_workbench->findChild<QProgressDialog *>(QStringLiteral("bulkProgress")), 60000);
        // A command of an earlier test may still report its success here; the purge reports once.
        const auto purgeReports = [&] {
            QStringList reports;
            for (const auto &args : std::as_const(succeeded)) {
                if (args.first().toString().startsWith(QStringLiteral("Purged")))
                    reports.append(args.first().toString());
            }
            return reports;
        };
        QTRY_COMPARE(purgeReports().size(), 1);
        QCOMPARE(purgeReports().first(),
                 QStringLiteral("Purged 150 of 151 instance(s).\nSkipped 1: not finished yet (1)."));
        QMessageBox *report = nullptr;
        QTRY_VERIFY((report = findDialog<QMessageBox>(QStringLiteral("bulkReport"))) != nullptr);
        QCOMPARE(report->text(), purgeReports().first());
        report->accept();
        InstanceQuery q;
        q.idPrefix = QStringLiteral("bulk-");
        const auto left = m_engine->query(q).result();
        QVERIFY(left.has_value());
        QCOMPARE(left->instances.size(), 1);
        QCOMPARE(left->instances.first().instanceId, QStringLiteral("bulk-running"));
        QTRY_COMPARE_WITH_TIMEOUT(list->model()->rowCount(), 1, 10000);
        list->filterBar()->setIdText({});
    }
};

QTEST_MAIN(TestActions)
#include "tst_actions.moc"
