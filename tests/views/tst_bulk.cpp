// Defect 7 on a real engine: bulk commands over the list's selection and over everything its
// filters match (the question names the count and the filters, Cancel is the default for
// destructive ones, the report says what was done, skipped and why); 1,000 instances stopped
// halfway leave the rest untouched; a double Approve sends one request and failures never stack
// error boxes; the context menus of list rows, history events and inbox rows.

#include "countingclient.h"

#include <approvalinbox.h>
#include <bulkactions.h>
#include <engine.h>
#include <filterbar.h>
#include <historypage.h>
#include <instanceactions.h>
#include <instancedetail.h>
#include <instancelistview.h>
#include <jsontextedit.h>
#include <raiseeventdialog.h>
#include <samples.h>
#include <workbenchwidget.h>

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QItemSelectionModel>
#include <QMenu>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace durable;
using namespace durable::views;

class TestBulk : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    Registry m_registry;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<testing::CountingClient> m_client;
    std::unique_ptr<WorkbenchWidget> m_workbench;

    template<typename T>
    static QList<T *> visibleWindows(const QString &name)
    {
        QList<T *> found;
        for (auto *widget : QApplication::topLevelWidgets()) {
            if (widget->objectName() == name && widget->isVisible())
                if (auto *t = qobject_cast<T *>(widget))
                    found.append(t);
        }
        return found;
    }
    template<typename T>
    static T *findWindow(const QString &name)
    {
        return visibleWindows<T>(name).value(0);
    }
    InstanceInfo info(const QString &id) const { return m_engine->status(id).result().value_or(InstanceInfo {}); }
    int count(const QString &prefix, RuntimeStatus status) const
    {
        InstanceQuery q;
        q.idPrefix = prefix;
        q.statuses = { status };
        q.pageSize = 1000;
        int n = 0;
        for (;;) {
            const auto page = m_engine->query(q).result();
            if (!page)
                return -1;
            n += int(page->instances.size());
            if (page->continuation.isEmpty())
                return n;
            q.continuation = page->continuation;
        }
    }
    void startMany(const QString &name, const QString &prefix, int n)
    {
        Client::StartOptions options;
        for (int i = 0; i < n; ++i) {
            options.instanceId = QStringLiteral("%1%2").arg(prefix).arg(i, 4, 10, QLatin1Char('0'));
            QVERIFY(m_engine->start(name, QJsonValue(), options).result().has_value());
        }
    }
    void setFilters(const QString &idPrefix, const QSet<RuntimeStatus> &statuses, const QString &name = {})
    {
        auto *bar = m_workbench->instanceList()->filterBar();
        bar->setStatuses(statuses);
        auto *names = bar->findChild<QComboBox *>(QStringLiteral("nameFilter"));
        names->setCurrentIndex(name.isEmpty() ? 0 : names->findData(name));
        bar->setIdText(idPrefix);
        QTRY_VERIFY(m_workbench->actions()->filter().idPrefix == idPrefix
                    && m_workbench->actions()->filter().statuses == statuses
                    && m_workbench->actions()->filter().name == name);
    }
    QAction *filtered(BulkActions::Action action) const
    {
        return m_workbench->actions()->bulk()->filteredActions().at(int(action));
    }
    QString closeReport()
    {
        QMessageBox *report = nullptr;
        [&] {
            QTRY_VERIFY_WITH_TIMEOUT((report = findWindow<QMessageBox>(QStringLiteral("bulkReport"))) != nullptr,
                                     60000);
        }();
        if (!report)
            return {};
        const auto text = report->text();
        report->accept();
        [&] { QTRY_VERIFY(!findWindow<QMessageBox>(QStringLiteral("bulkReport"))); }();
        return text;
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
        m_client = std::make_unique<testing::CountingClient>(m_engine.get());
        m_workbench = std::make_unique<WorkbenchWidget>(m_client.get());
        m_workbench->resize(1400, 900);
        m_workbench->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_workbench.get()));
    }
    void cleanupTestCase()
    {
        m_workbench.reset();
        m_client.reset();
        m_engine.reset();
    }

    void doubleApproveSendsOneRequest()
    {
        startMany(QStringLiteral("Approval"), QStringLiteral("twice-"), 1);
        const QString id = QStringLiteral("twice-0000");
        QTRY_COMPARE_WITH_TIMEOUT(info(id).waiting.events, QStringList { QStringLiteral("ApprovalEvent") }, 10000);
        auto *inbox = m_workbench->inbox();
        QTRY_VERIFY_WITH_TIMEOUT(inbox->selectInstance(id), 10000);
        QTRY_VERIFY(inbox->approveButton()->isEnabled());
        const int before = m_client->count(QStringLiteral("raiseEvent"));
        inbox->approveButton()->click();
        inbox->approveButton()->click(); // quickly, while the first answer is on its way
        QCOMPARE(m_client->count(QStringLiteral("raiseEvent")), before + 1);
        const auto done = m_engine->waitForCompletion(id, 10000).result();
        QVERIFY(done.has_value());
        QCOMPARE(done->output.toString(), QStringLiteral("approved"));
        QTRY_VERIFY(!m_workbench->actions()->isBusy(id));
        QVERIFY(!findWindow<QMessageBox>(QStringLiteral("actionError")));

        // The Approve command itself, triggered twice in a row (a shortcut pressed twice before the
        // first answer disabled the action): the second finds the first in flight and sends nothing.
        startMany(QStringLiteral("Approval"), QStringLiteral("twice-action-"), 1);
        const QString second = QStringLiteral("twice-action-0000");
        QTRY_COMPARE_WITH_TIMEOUT(info(second).waiting.events, QStringList { QStringLiteral("ApprovalEvent") }, 10000);
        m_workbench->showInstance(second);
        auto *actions = m_workbench->actions();
        QTRY_VERIFY_WITH_TIMEOUT(actions->current() && actions->current()->instanceId == second
                                     && actions->approveAction->isEnabled(),
                                 10000);
        const int sent = m_client->count(QStringLiteral("raiseEvent"));
        // Emitted rather than trigger()ed: trigger() on the action the first one disabled would not
        // reach the command at all, and what is tested here is the command's own guard.
        Q_EMIT actions->approveAction->triggered();
        QVERIFY(actions->isBusy(second));
        Q_EMIT actions->approveAction->triggered();
        QCOMPARE(m_client->count(QStringLiteral("raiseEvent")), sent + 1);
        const auto approved = m_engine->waitForCompletion(second, 10000).result();
        QVERIFY(approved.has_value());
        QCOMPARE(approved->output.toString(), QStringLiteral("approved"));
        QTRY_VERIFY(!actions->isBusy(second));
        QVERIFY(!findWindow<QMessageBox>(QStringLiteral("actionError")));
    }

    void failuresShareOneErrorBox()
    {
        // Two refusals (both instances finished) answered one after the other: one box.
        startMany(QStringLiteral("FunctionChaining"), QStringLiteral("refused-"), 2);
        QVERIFY(m_engine->waitForCompletion(QStringLiteral("refused-0000"), 10000).result().has_value());
        QVERIFY(m_engine->waitForCompletion(QStringLiteral("refused-0001"), 10000).result().has_value());
        auto *actions = m_workbench->actions();
        actions->answer(QStringLiteral("refused-0000"), { QStringLiteral("ApprovalEvent") }, true);
        actions->answer(QStringLiteral("refused-0001"), { QStringLiteral("ApprovalEvent") }, true);
        QTRY_VERIFY(!actions->isBusy(QStringLiteral("refused-0000"))
                    && !actions->isBusy(QStringLiteral("refused-0001")));
        QTRY_VERIFY(findWindow<QMessageBox>(QStringLiteral("actionError")));
        QCOMPARE(visibleWindows<QMessageBox>(QStringLiteral("actionError")).size(), 1);
        // Both failures are told in it.
        const auto *box = findWindow<QMessageBox>(QStringLiteral("actionError"));
        const QString told = box->text() + box->informativeText();
        QVERIFY2(told.contains(QStringLiteral("refused-0000")) && told.contains(QStringLiteral("refused-0001")),
                 qPrintable(told));
        findWindow<QMessageBox>(QStringLiteral("actionError"))->accept();
        QTRY_VERIFY(!findWindow<QMessageBox>(QStringLiteral("actionError")));
    }

    void contextMenus()
    {
        // Its own instance, so that the case also runs alone.
        startMany(QStringLiteral("Approval"), QStringLiteral("menu-"), 1);
        const QString id = QStringLiteral("menu-0000");
        QTRY_COMPARE_WITH_TIMEOUT(info(id).waiting.events, QStringList { QStringLiteral("ApprovalEvent") }, 10000);
        auto *list = m_workbench->instanceList();
        list->goToInstance(id);
        QTRY_COMPARE_WITH_TIMEOUT(list->currentInstanceId(), id, 10000);
        const auto rect = list->table()->visualRect(list->table()->currentIndex());
        Q_EMIT list->table()->customContextMenuRequested(rect.center());
        QMenu *menu = nullptr;
        QTRY_VERIFY((menu = findWindow<QMenu>(QStringLiteral("instanceListMenu"))) != nullptr);
        const auto actions = menu->actions();
        auto *ia = m_workbench->actions();
        for (auto *a : { ia->terminateAction, ia->suspendAction, ia->resumeAction, ia->raiseAction, ia->restartAction,
                         ia->purgeAction, ia->approveAction, ia->rejectAction })
            QVERIFY2(actions.contains(a), qPrintable(a->text()));
        auto *copy = menu->findChild<QAction *>(QStringLiteral("copyInstanceId"));
        QVERIFY(copy && actions.contains(copy));
        copy->trigger();
        QCOMPARE(QApplication::clipboard()->text(), id);
        menu->close();

        // History events: copy the event, show it in the timeline.
        auto *history = m_workbench->detail()->history();
        QTRY_VERIFY_WITH_TIMEOUT(history->model()->rowCount() > 0, 10000);
        auto *eventMenu = history->createContextMenu(history->table()->model()->index(0, 0), m_workbench.get());
        auto *copyEvent = eventMenu->findChild<QAction *>(QStringLiteral("copyEvent"));
        QVERIFY(copyEvent && copyEvent->isEnabled());
        copyEvent->trigger();
        // The compact view's first row is the ExecutionStarted (#1): the episode marker #0 is hidden.
        QVERIFY2(QApplication::clipboard()->text().contains(QStringLiteral("\"sequence\": 1")),
                 qPrintable(QApplication::clipboard()->text()));
        QVERIFY(eventMenu->findChild<QAction *>(QStringLiteral("copyPayload")));
        QVERIFY(eventMenu->findChild<QAction *>(QStringLiteral("showInTimeline"))->isEnabled());
        delete eventMenu;

        // Inbox rows: Approve, Reject, Open instance.
        startMany(QStringLiteral("Approval"), QStringLiteral("inbox-"), 1);
        auto *inbox = m_workbench->inbox();
        QTRY_VERIFY_WITH_TIMEOUT(inbox->selectInstance(QStringLiteral("inbox-0000")), 10000);
        auto *inboxMenu = inbox->createContextMenu(m_workbench.get());
        QStringList texts;
        for (auto *a : inboxMenu->actions())
            texts.append(a->text());
        QVERIFY2(texts.contains(inbox->approveButton()->text()) && texts.contains(inbox->rejectButton()->text()),
                 qPrintable(texts.join(QLatin1Char('|'))));
        auto *open = inboxMenu->findChild<QAction *>(QStringLiteral("inboxOpenInstance"));
        QVERIFY(open && open->isEnabled());
        delete inboxMenu;
    }

    void filteredCountsAndNamesTheFilters()
    {
        startMany(QStringLiteral("Approval"), QStringLiteral("flt-r"), 10);
        startMany(QStringLiteral("FunctionChaining"), QStringLiteral("flt-c"), 5);
        QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("flt-r"), RuntimeStatus::Running), 10, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("flt-c"), RuntimeStatus::Completed), 5, 30000);

        setFilters(QStringLiteral("flt-"), { RuntimeStatus::Running }, QStringLiteral("Approval"));
        const int terminates = m_client->count(QStringLiteral("terminate"));
        filtered(BulkActions::Action::Terminate)->trigger();
        QMessageBox *box = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((box = findWindow<QMessageBox>(QStringLiteral("bulkConfirm"))) != nullptr, 10000);
        QCOMPARE(box->text(),
                 QStringLiteral("Terminate 10 instance(s) matching status Running, name Approval, id starting with "
                                "\"flt-\"?"));
        QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
        QTest::keyClick(box, Qt::Key_Return);
        QTRY_VERIFY(!findWindow<QMessageBox>(QStringLiteral("bulkConfirm")));
        QTRY_VERIFY(!m_workbench->actions()->bulk()->isRunning());
        QCOMPARE(m_client->count(QStringLiteral("terminate")), terminates);
        QCOMPARE(count(QStringLiteral("flt-r"), RuntimeStatus::Running), 10);

        // Any status: the finished ones are counted, then skipped with the reason.
        setFilters(QStringLiteral("flt-"), {});
        filtered(BulkActions::Action::Suspend)->trigger();
        QTRY_VERIFY_WITH_TIMEOUT((box = findWindow<QMessageBox>(QStringLiteral("bulkConfirm"))) != nullptr, 10000);
        QCOMPARE(box->text(), QStringLiteral("Suspend 15 instance(s) matching id starting with \"flt-\"?"));
        QVERIFY2(box->informativeText().startsWith(QStringLiteral("5 of them")), qPrintable(box->informativeText()));
        box->findChild<QPushButton *>(QStringLiteral("bulkGo"))->click();
        const auto report = closeReport();
        QVERIFY2(report.contains(QStringLiteral("Suspended 10 of 15 instance(s).")), qPrintable(report));
        QVERIFY2(report.contains(QStringLiteral("Skipped 5: already finished (5).")), qPrintable(report));
        QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("flt-r"), RuntimeStatus::Suspended), 10, 30000);
    }

    void selectionResumesOnlyTheSelected()
    {
        setFilters(QStringLiteral("flt-r"), {});
        auto *list = m_workbench->instanceList();
        QTRY_COMPARE_WITH_TIMEOUT(list->model()->rowCount(), 10, 10000);
        auto *selection = list->table()->selectionModel();
        selection->clearSelection();
        for (int row : { 0, 2, 4 })
            selection->select(list->model()->index(row, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QCOMPARE(list->selectedInstances().size(), 3);
        QStringList chosen;
        for (const auto &t : list->selectedInstances())
            chosen.append(t.instanceId);
        QTRY_COMPARE(m_workbench->actions()->selection().size(), 3);
        QVERIFY(m_workbench->actions()->resumeAction->isEnabled());
        m_workbench->actions()->resumeAction->trigger();
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = findWindow<QMessageBox>(QStringLiteral("bulkConfirm"))) != nullptr);
        QCOMPARE(box->text(), QStringLiteral("Resume the 3 selected instance(s)?"));
        box->findChild<QPushButton *>(QStringLiteral("bulkGo"))->click();
        const auto report = closeReport();
        QVERIFY2(report.startsWith(QStringLiteral("Resumed 3 of 3 instance(s).")), qPrintable(report));
        for (const auto &id : chosen)
            QTRY_COMPARE_WITH_TIMEOUT(info(id).status, RuntimeStatus::Running, 10000);
        QCOMPARE(count(QStringLiteral("flt-r"), RuntimeStatus::Suspended), 7);
        selection->clearSelection();
    }

    void raiseToTheSelection()
    {
        // Two of the suspended flt-r instances and a finished flt-c one: the event first, then the question.
        setFilters(QStringLiteral("flt-"), {});
        auto *list = m_workbench->instanceList();
        QTRY_COMPARE_WITH_TIMEOUT(list->model()->rowCount(), 15, 10000);
        QStringList wanted { QStringLiteral("flt-r0001"), QStringLiteral("flt-r0003"), QStringLiteral("flt-c0000") };
        auto *selection = list->table()->selectionModel();
        selection->clearSelection();
        for (const auto &id : wanted)
            selection->select(list->model()->index(list->model()->rowOfInstance(id), 0),
                              QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QTRY_COMPARE(m_workbench->actions()->selection().size(), 3);
        QVERIFY(m_workbench->actions()->raiseAction->isEnabled());
        const int raised = m_client->count(QStringLiteral("raiseEvent"));
        m_workbench->actions()->raiseAction->trigger();
        RaiseEventDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = findWindow<RaiseEventDialog>(QStringLiteral("bulkRaiseDialog"))) != nullptr);
        dialog->nameEdit()->setEditText(QStringLiteral("Poke"));
        dialog->payloadEditor()->setText(QStringLiteral("42"));
        dialog->raiseButton()->click();
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = findWindow<QMessageBox>(QStringLiteral("bulkConfirm"))) != nullptr);
        QCOMPARE(box->text(), QStringLiteral("Raise the event to the 3 selected instance(s)?"));
        box->findChild<QPushButton *>(QStringLiteral("bulkGo"))->click();
        const auto report = closeReport();
        QVERIFY2(report.startsWith(QStringLiteral("Raised the event to 2 of 3 instance(s).")), qPrintable(report));
        QVERIFY2(report.contains(QStringLiteral("Skipped 1: finished: it takes no events (1).")), qPrintable(report));
        QCOMPARE(m_client->count(QStringLiteral("raiseEvent")) - raised, 2); // none to the finished one
        selection->clearSelection();
    }

    // Review finding 4: a filter change reset the list and dropped its selection without a
    // signal, so the bulk commands kept acting on the rows that were no longer shown.
    void filterChangeEndsTheBulkSelection()
    {
        setFilters(QStringLiteral("flt-"), {});
        auto *list = m_workbench->instanceList();
        QTRY_COMPARE_WITH_TIMEOUT(list->model()->rowCount(), 15, 10000);
        auto *selection = list->table()->selectionModel();
        selection->clearSelection();
        for (int row = 0; row < 5; ++row)
            selection->select(list->model()->index(row, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        auto *actions = m_workbench->actions();
        QTRY_COMPARE(actions->selection().size(), 5);
        QVERIFY(actions->terminateAction->toolTip().contains(QStringLiteral("5 selected")));

        setFilters(QStringLiteral("flt-c"), {});
        QTRY_COMPARE_WITH_TIMEOUT(list->model()->rowCount(), 5, 10000);
        QVERIFY(list->selectedInstances().isEmpty());
        QVERIFY(actions->selection().isEmpty());
        QVERIFY2(!actions->terminateAction->toolTip().contains(QStringLiteral("selected")),
                 qPrintable(actions->terminateAction->toolTip()));
        // Not in bulk mode: Purge acts on the current instance (or nothing), no bulk question.
        actions->purgeAction->trigger(); // its question, if any, opens at once
        QVERIFY(!findWindow<QMessageBox>(QStringLiteral("bulkConfirm")));
        if (auto *box = findWindow<QMessageBox>(QStringLiteral("purgeConfirm")))
            box->reject();
        QVERIFY(!actions->bulk()->isRunning());
    }

    // Review finding 10: the bulk purge left the sub-orchestrations behind, the single one did not.
    void bulkPurgeRemovesSubOrchestrations()
    {
        Client::StartOptions options;
        options.instanceId = QStringLiteral("tree-0000");
        QVERIFY(m_engine->start(QStringLiteral("SubOrchestrationWithRetry"), QJsonValue(1), options).result());
        const auto parent = m_engine->waitForCompletion(options.instanceId, 30000).result();
        QVERIFY(parent.has_value());
        QVERIFY(isTerminal(parent->status));
        InstanceQuery children;
        children.parentInstanceId = options.instanceId;
        const auto page = m_engine->query(children).result();
        QVERIFY(page.has_value());
        QCOMPARE(page->instances.size(), 1);
        const QString child = page->instances.first().instanceId;
        QVERIFY(isTerminal(page->instances.first().status));

        models::BulkJob job(m_client.get(), models::BulkJob::Action::Purge);
        job.setTargets({ { options.instanceId, parent->status } });
        std::optional<models::BulkJob::Outcome> outcome;
        connect(&job, &models::BulkJob::finished, this, [&outcome](const models::BulkJob::Outcome &o) { outcome = o; });
        job.run();
        QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 10000);
        QCOMPARE(outcome->done, 1);
        QCOMPARE(m_engine->status(options.instanceId).result().error().code, ErrorCode::NotFound);
        const auto left = m_engine->status(child).result();
        QVERIFY2(!left && left.error().code == ErrorCode::NotFound, qPrintable(child + QStringLiteral(" remains")));
    }

    void thousandStoppedHalfwayLeaveTheRestUntouched()
    {
        const int n = 1000;
        startMany(QStringLiteral("Approval"), QStringLiteral("stop-"), n);
        QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("stop-"), RuntimeStatus::Running), n, 180000);

        setFilters(QStringLiteral("stop-"), { RuntimeStatus::Running });
        const int terminates = m_client->count(QStringLiteral("terminate"));
        filtered(BulkActions::Action::Terminate)->trigger();
        QMessageBox *box = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((box = findWindow<QMessageBox>(QStringLiteral("bulkConfirm"))) != nullptr, 30000);
        QCOMPARE(box->text(),
                 QStringLiteral("Terminate 1000 instance(s) matching status Running, id starting with \"stop-\"?"));
        box->findChild<QPushButton *>(QStringLiteral("bulkGo"))->click();
        auto *job = m_workbench->actions()->bulk()->job();
        QVERIFY(job);
        auto *progress = m_workbench->findChild<QProgressDialog *>(QStringLiteral("bulkProgress"));
        QVERIFY(progress);
        auto *stop = progress->findChild<QPushButton *>();
        QVERIFY(stop);
        // Stop as a user would, once a good part is done.
        connect(job, &models::BulkJob::progress, stop, [stop](int handled) {
            if (handled >= 300)
                stop->click();
        });
        const auto report = closeReport();
        const auto match
            = QRegularExpression(QStringLiteral("^Terminated (\\d+) of 1000 instance\\(s\\)\\.")).match(report);
        QVERIFY2(match.hasMatch(), qPrintable(report));
        const int done = match.captured(1).toInt();
        QVERIFY2(done >= 300 && done < n, qPrintable(report));
        QVERIFY2(report.contains(QStringLiteral("Stopped: %1 instance(s) left untouched.").arg(n - done)),
                 qPrintable(report));
        QCOMPARE(m_client->count(QStringLiteral("terminate")) - terminates, done);
        QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("stop-"), RuntimeStatus::Terminated), done, 60000);
        QCOMPARE(count(QStringLiteral("stop-"), RuntimeStatus::Running), n - done);
        qInfo("terminated %d of %d, %d still running", done, n, n - done);
    }
};

QTEST_MAIN(TestBulk)
#include "tst_bulk.moc"
