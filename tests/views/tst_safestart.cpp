// Defect 1 (and the Start dialog's part of defect 8) on a real engine: starting with the id of a
// finished instance asks first (Cancel keeps it and its history, Replace replaces it); a running id
// is refused inside the dialog under the id field with the typed input kept; a bad JSON text is
// explained once, with line and column. Review finding 7: what another client does between the
// dialog's check and its start (or while its question is open) is never silently replaced, and a
// start in flight cannot be cancelled half-way.

#include "countingclient.h"

#include <engine.h>
#include <instanceactions.h>
#include <jsontextedit.h>
#include <samples.h>
#include <startdialog.h>
#include <workbenchwidget.h>

#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace durable;
using namespace durable::views;

class TestSafeStart : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    Registry m_registry;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<WorkbenchWidget> m_workbench;

    template<typename T>
    static T *findWindow(const QString &name)
    {
        for (auto *widget : QApplication::topLevelWidgets()) {
            if (widget->objectName() == name && widget->isVisible())
                return qobject_cast<T *>(widget);
        }
        return nullptr;
    }
    InstanceInfo info(const QString &id) const { return m_engine->status(id).result().value_or(InstanceInfo {}); }
    int historySize(const QString &id) const { return int(m_engine->history(id).result().value_or(History {}).size()); }
    StartDialog *openDialog(const QString &id)
    {
        m_workbench->actions()->startAction->trigger();
        StartDialog *dialog = nullptr;
        [&] { QTRY_VERIFY((dialog = findWindow<StartDialog>(QStringLiteral("startDialog"))) != nullptr); }();
        if (dialog) {
            dialog->setOrchestrator(QStringLiteral("Approval"));
            dialog->instanceIdEdit()->setText(id);
        }
        return dialog;
    }
    /// The visible labels of `dialog` whose text contains `text`.
    static QStringList visibleTexts(QWidget *dialog, const QString &text)
    {
        QStringList found;
        for (auto *label : dialog->findChildren<QLabel *>()) {
            if (label->isVisible() && label->text().contains(text))
                found.append(label->text());
        }
        return found;
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
        QVERIFY(QTest::qWaitForWindowExposed(m_workbench.get()));

        // order-1: started, approved, completed.
        Client::StartOptions start;
        start.instanceId = QStringLiteral("order-1");
        QVERIFY(m_engine->start(QStringLiteral("Approval"), QJsonValue(), start).result().has_value());
        QTRY_COMPARE_WITH_TIMEOUT(info(QStringLiteral("order-1")).waiting.events,
                                  QStringList { QStringLiteral("ApprovalEvent") }, 10000);
        QVERIFY(m_engine->raiseEvent(QStringLiteral("order-1"), QStringLiteral("ApprovalEvent"), true)
                    .result()
                    .has_value());
        const auto done = m_engine->waitForCompletion(QStringLiteral("order-1"), 10000).result();
        QVERIFY(done.has_value());
        QCOMPARE(done->status, RuntimeStatus::Completed);
    }
    void cleanupTestCase()
    {
        m_workbench.reset();
        m_engine.reset();
    }

    void finishedIdAsksAndCancelKeepsIt()
    {
        const int before = historySize(QStringLiteral("order-1"));
        QVERIFY(before > 0);
        auto *dialog = openDialog(QStringLiteral("order-1"));
        QVERIFY(dialog);
        dialog->startButton()->click();
        QMessageBox *box = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((box = findWindow<QMessageBox>(QStringLiteral("replaceConfirm"))) != nullptr, 10000);
        QVERIFY2(box->text().contains(QStringLiteral("Replace the Completed instance order-1 (finished ")),
                 qPrintable(box->text()));
        QVERIFY(box->text().contains(QStringLiteral("Its history will be lost.")));
        QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
        QTest::keyClick(box, Qt::Key_Return); // the default: Cancel
        QTRY_VERIFY(!findWindow<QMessageBox>(QStringLiteral("replaceConfirm")));
        QVERIFY(dialog->isVisible()); // still there to choose another id
        QCOMPARE(dialog->instanceId(), QStringLiteral("order-1"));
        const auto kept = info(QStringLiteral("order-1"));
        QCOMPARE(kept.status, RuntimeStatus::Completed);
        QCOMPARE(m_engine->status(QStringLiteral("order-1")).result()->output.toString(), QStringLiteral("approved"));
        QCOMPARE(historySize(QStringLiteral("order-1")), before);
        dialog->reject();
    }

    void replaceReplaces()
    {
        auto *dialog = openDialog(QStringLiteral("order-1"));
        QVERIFY(dialog);
        dialog->startButton()->click();
        QMessageBox *box = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((box = findWindow<QMessageBox>(QStringLiteral("replaceConfirm"))) != nullptr, 10000);
        auto *replace = box->findChild<QPushButton *>(QStringLiteral("replaceButton"));
        QVERIFY(replace);
        replace->click();
        QTRY_VERIFY_WITH_TIMEOUT(!findWindow<StartDialog>(QStringLiteral("startDialog")), 10000);
        // A new run: waiting for its approval again, the approved history gone.
        QTRY_COMPARE_WITH_TIMEOUT(info(QStringLiteral("order-1")).waiting.events,
                                  QStringList { QStringLiteral("ApprovalEvent") }, 10000);
        const auto history = m_engine->history(QStringLiteral("order-1")).result();
        QVERIFY(history.has_value());
        QVERIFY(std::none_of(history->cbegin(), history->cend(),
                             [](const HistoryEvent &e) { return e.type == EventType::EventRaised; }));
    }

    void runningIdIsRefusedInTheDialog()
    {
        QCOMPARE(info(QStringLiteral("order-1")).status, RuntimeStatus::Running);
        const int before = historySize(QStringLiteral("order-1"));
        // A QPointer: the unfixed dialog closed (and deleted itself) before the engine answered.
        QPointer<StartDialog> dialog = openDialog(QStringLiteral("order-1"));
        QVERIFY(dialog);
        const QString typed = QStringLiteral("{\"request\": \"typed by hand\"}");
        dialog->inputEditor()->setText(typed);
        dialog->startButton()->click();
        QLabel *idError = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(dialog && (idError = dialog->findChild<QLabel *>(QStringLiteral("idError"))) != nullptr
                                     && idError->isVisible(),
                                 10000);
        QVERIFY2(idError->text().contains(QStringLiteral("order-1 is Running")), qPrintable(idError->text()));
        // Under the id field: right after it in the form.
        QVERIFY(idError->geometry().top() >= dialog->instanceIdEdit()->geometry().bottom());
        QVERIFY(idError->geometry().bottom() <= dialog->inputEditor()->geometry().top());
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->inputEditor()->text(), typed);
        QVERIFY(!findWindow<QMessageBox>(QStringLiteral("actionError")));
        QCOMPARE(historySize(QStringLiteral("order-1")), before);
        // Another id clears the error and starts.
        dialog->instanceIdEdit()->setText(QStringLiteral("order-2"));
        QVERIFY(!idError->isVisible());
        dialog->startButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(!findWindow<StartDialog>(QStringLiteral("startDialog")), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(info(QStringLiteral("order-2")).input.toObject().value(QStringLiteral("request")),
                                  QJsonValue(QStringLiteral("typed by hand")), 10000);
    }

    void engineRefusalLandsUnderTheId()
    {
        // The dialog does not know every rule for ids; the engine's refusal is shown where it belongs.
        QPointer<StartDialog> dialog = openDialog(QString(5000, QLatin1Char('x'))); // too long

        QVERIFY(dialog);
        const QString typed = QStringLiteral("{\"request\": \"kept\"}");
        dialog->inputEditor()->setText(typed);
        dialog->startButton()->click();
        QLabel *idError = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(dialog && (idError = dialog->findChild<QLabel *>(QStringLiteral("idError"))) != nullptr
                                     && idError->isVisible(),
                                 10000);
        QVERIFY2(idError->text().contains(QStringLiteral("5000 characters")), qPrintable(idError->text()));
        QVERIFY(dialog->generalError().isEmpty());
        QCOMPARE(dialog->inputEditor()->text(), typed);
        QVERIFY(dialog->startButton()->isEnabled()); // free to correct the id and try again
        dialog->reject();
    }

    void instanceCreatedAfterTheCheckIsNotReplaced()
    {
        testing::CountingClient client(m_engine.get());
        const QString id = QStringLiteral("race-new");
        // Right after the dialog found no such instance, another client runs one to its end.
        client.afterStatus = [this, &client, id](const QString &) {
            client.afterStatus = nullptr;
            Client::StartOptions options;
            options.instanceId = id;
            QVERIFY(m_engine->start(QStringLiteral("FunctionChaining"), QJsonValue(), options).result());
            QVERIFY(m_engine->waitForCompletion(id, 10000).result());
        };
        StartDialog dialog(m_registry);
        dialog.setClient(&client);
        dialog.setOrchestrator(QStringLiteral("Approval"));
        dialog.instanceIdEdit()->setText(id);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.startButton()->click();
        // While the start is in flight nothing can be changed or cancelled.
        QVERIFY(dialog.isBusy());
        auto *cancel = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel);
        QVERIFY(!cancel->isEnabled());
        QVERIFY(!dialog.instanceIdEdit()->isEnabled());
        QVERIFY(!dialog.inputEditor()->isEnabled());
        dialog.reject(); // Escape or the window's close button
        QVERIFY(dialog.isVisible());
        // The engine refused to replace what the dialog had not seen; the dialog asks about it.
        QTRY_VERIFY_WITH_TIMEOUT(dialog.replaceQuestion() && dialog.replaceQuestion()->isVisible(), 10000);
        QVERIFY2(dialog.replaceQuestion()->text().contains(QStringLiteral("Completed instance race-new")),
                 qPrintable(dialog.replaceQuestion()->text()));
        const auto kept = info(id);
        QCOMPARE(kept.name, QStringLiteral("FunctionChaining"));
        QCOMPARE(kept.status, RuntimeStatus::Completed);
        dialog.replaceQuestion()->reject();
        QTRY_VERIFY(!dialog.isBusy());
        QVERIFY(cancel->isEnabled() && dialog.instanceIdEdit()->isEnabled());
    }

    void replaceDestroysOnlyTheRunThatWasShown()
    {
        const QString id = QStringLiteral("race-again");
        Client::StartOptions options;
        options.instanceId = id;
        QVERIFY(m_engine->start(QStringLiteral("FunctionChaining"), QJsonValue(), options).result());
        const auto first = m_engine->waitForCompletion(id, 10000).result();
        QVERIFY(first.has_value());
        StartDialog dialog(m_registry);
        dialog.setClient(m_engine.get());
        dialog.setOrchestrator(QStringLiteral("Approval"));
        dialog.instanceIdEdit()->setText(id);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.startButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(dialog.replaceQuestion() && dialog.replaceQuestion()->isVisible(), 10000);
        QPointer<QMessageBox> question = dialog.replaceQuestion();
        // While the question is open the instance runs again (another client restarts it).
        QVERIFY(m_engine->restart(id, false).result());
        const auto second = m_engine->waitForCompletion(id, 10000).result();
        QVERIFY(second.has_value());
        QVERIFY(second->executionId != first->executionId);
        question->findChild<QPushButton *>(QStringLiteral("replaceButton"))->click();
        // Not replaced: asked again, about the run the user has not seen.
        QTRY_VERIFY_WITH_TIMEOUT(dialog.replaceQuestion() && dialog.replaceQuestion() != question
                                     && dialog.replaceQuestion()->isVisible(),
                                 10000);
        QCOMPARE(info(id).executionId, second->executionId);
        QCOMPARE(info(id).name, QStringLiteral("FunctionChaining"));
        // Replace now replaces that one.
        dialog.replaceQuestion()->findChild<QPushButton *>(QStringLiteral("replaceButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isVisible(), 10000);
        QCOMPARE(info(id).name, QStringLiteral("Approval"));
    }

    void badJsonIsExplainedOnce_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("where");
        QTest::newRow("cut short") << "{\"request\": "
                                   << "line 1, column 13";
        QTest::newRow("bad value") << "{\n  \"a\": x\n}"
                                   << "line 2, column 8";
    }
    void badJsonIsExplainedOnce()
    {
        QFETCH(QString, text);
        QFETCH(QString, where);
        StartDialog dialog(m_registry);
        dialog.setOrchestrator(QStringLiteral("Approval"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        // Another bad text first: what is shown must follow the text, not keep its first error.
        dialog.inputEditor()->editor()->setPlainText(QStringLiteral("[1,,]"));
        dialog.inputEditor()->editor()->setPlainText(text);
        QVERIFY(!dialog.startButton()->isEnabled());
        const auto shown = visibleTexts(&dialog, QStringLiteral("Invalid JSON"));
        QCOMPARE(shown.size(), 1);
        QVERIFY2(shown.first().contains(where), qPrintable(shown.first()));
        QCOMPARE(dialog.startButton()->toolTip(), shown.first());
    }
};

QTEST_MAIN(TestSafeStart)
#include "tst_safestart.moc"
