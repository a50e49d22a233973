// The Designer on a real engine and hub: write an orchestration, check it, save it as a version,
// run it; syntax error markers; replay-test verdicts against a stored instance; unsaved changes.
#include "codeeditor.h"
#include "designerpage.h"
#include "enginefixture.h"
#include "jsontextedit.h"
#include "scriptdesignservice.h"
#include "startdialog.h"
#include "workbenchwidget.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTextBlock>
#include <QTimer>
#include <QTreeWidget>

#include <algorithm>

using namespace durable;
using namespace durable::views;

namespace {

const char *const greeter = R"(const df = require("durable-functions");
df.orchestrator("Greeter", function* (context) {
    const greeting = yield context.df.callActivity("Greet", context.df.getInput());
    const loud = yield context.df.callActivity("Shout", greeting);
    return loud;
});
df.activity("Greet", function (context, name) { return "Hello " + name; });
df.activity("Shout", function (context, text) { return text.toUpperCase(); });
)";

const char *const orderV1 = R"(const df = require("durable-functions");
df.orchestrator("Order", function* (context) {
    const checked = yield context.df.callActivity("Check", context.df.getInput());
    const approved = yield context.df.waitForExternalEvent("Approve");
    yield context.df.callActivity("Ship", checked);
    return approved;
});
df.activity("Check", function (context, input) { return input; });
df.activity("Ship", function (context, input) { return input; });
df.activity("Reserve", function (context, input) { return input; });
)";

QString code(const char *text)
{
    return QString::fromUtf8(text);
}

/// Answers the next modal message box with `button` and records its text; the box shows up
/// inside the call that follows (its own event loop runs the zero timer).
void answerNextMessageBox(QMessageBox::StandardButton button, QString *seenText)
{
    QTimer::singleShot(0, qApp, [button, seenText] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        *seenText = box->text();
        box->button(button)->click();
    });
}

QStringList column(const QTreeWidget *tree, int column)
{
    QStringList values;
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        values.append(tree->topLevelItem(i)->text(column));
    return values;
}

} // namespace

class TestDesigner : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void writeCheckSaveAndRun()
    {
        testing::EngineFixture hub;
        QVERIFY(hub.open());
        script::ScriptDesignService design(*hub.engine, hub.registry);
        WorkbenchWidget workbench(hub.engine.get());
        DesignerPage *designer = workbench.createDesigner(&design, &workbench);
        designer->fileNameEdit()->setText(QStringLiteral("greeter.js"));
        designer->setCode(code(greeter));
        QSignalSpy syntax(designer, &DesignerPage::syntaxChecked);
        QVERIFY(syntax.wait()); // the live check after typing stops
        QCOMPARE(syntax.last().at(0).toBool(), true);
        QCOMPARE(designer->orchestrator(), QStringLiteral("Greeter"));
        QVERIFY(designer->isModified());

        // Check: the dry run lists the actions; Greet gets its stub answer, Shout (defined in
        // the file, no stub) runs.
        designer->inputEdit()->setJson(QStringLiteral("Ada"));
        designer->stubsEdit()->setText(QStringLiteral(R"({"Greet": "hi Ada"})"));
        QSignalSpy checked(designer, &DesignerPage::checkFinished);
        designer->check();
        QVERIFY(checked.wait());
        const auto *actions = designer->actionList();
        QCOMPARE(column(actions, DesignerPage::NameColumn), (QStringList { u"Greet"_qs, u"Shout"_qs, QString() }));
        QCOMPARE(actions->topLevelItem(0)->text(DesignerPage::StepColumn), QStringLiteral("Call activity"));
        QCOMPARE(actions->topLevelItem(0)->text(DesignerPage::InputColumn), QStringLiteral("\"Ada\""));
        QCOMPARE(actions->topLevelItem(1)->text(DesignerPage::InputColumn), QStringLiteral("\"hi Ada\""));
        QCOMPARE(actions->topLevelItem(2)->text(DesignerPage::StepColumn), QStringLiteral("Completed"));
        QCOMPARE(actions->topLevelItem(1)->text(DesignerPage::AnswerColumn), QStringLiteral("\"HI ADA\""));
        QCOMPARE(actions->topLevelItem(2)->text(DesignerPage::AnswerColumn), QStringLiteral("\"HI ADA\""));

        // Save as new version: version 1, registered as v1, shown in the catalog and the list.
        QVERIFY(!hub.registry.orchestrator(u"Greeter"_qs));
        QSignalSpy saved(designer, &DesignerPage::versionSaved);
        designer->saveAsNewVersion();
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 20000); // may finish before the call returns
        QCOMPARE(saved.first().at(0).toInt(), 1);
        QVERIFY(!designer->isModified());
        QCOMPARE(hub.registry.orchestrator(u"Greeter"_qs)->version, QStringLiteral("v1"));
        const QAbstractItemModel *catalog = workbench.catalog()->model();
        const auto found = catalog->match(catalog->index(0, 0), Qt::DisplayRole, u"Greeter"_qs, 1, Qt::MatchExactly);
        QCOMPARE(found.size(), 1);
        QCOMPARE(catalog->index(found.first().row(), 1).data().toString(), QStringLiteral("v1"));
        QTRY_COMPARE(column(designer->versionList(), 0), QStringList { u"v1"_qs });

        // Run with input…: the start dialog, preset, starts the saved version; it completes.
        QSignalSpy started(designer, &DesignerPage::instanceStarted);
        StartDialog *dialog = designer->openRunDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->orchestrator(), QStringLiteral("Greeter"));
        QCOMPARE(dialog->input(), QJsonValue(QStringLiteral("Ada")));
        dialog->startButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, 20000);
        const QString id = started.first().at(0).toString();
        const auto done = hub.finish(id);
        QCOMPARE(done.status, RuntimeStatus::Completed);
        QCOMPARE(done.version, QStringLiteral("v1"));
        QCOMPARE(done.output.toString(), QStringLiteral("HELLO ADA"));
    }

    void templatesRunAsTheyAre_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<QString>("event");
        QTest::addColumn<QJsonValue>("output");
        QTest::newRow("chaining") << 0 << QString() << QJsonValue(u"HELLO, ADA! -- the workbench"_qs);
        QTest::newRow("fan-out/fan-in") << 1 << QString() << QJsonValue(30);
        QTest::newRow("async HTTP API") << 2 << QString()
                                        << QJsonValue(QJsonArray { u"part 1 processed"_qs, u"part 2 processed"_qs,
                                                                   u"part 3 processed"_qs });
        QTest::newRow("monitor") << 3 << QString() << QJsonValue(u"completed after 3 checks"_qs);
        QTest::newRow("human interaction") << 4 << u"ApprovalEvent"_qs << QJsonValue(u"approved"_qs);
        QTest::newRow("v4 model") << 5 << QString() << QJsonValue(u"invoice A-7: 70"_qs);
    }

    void templatesRunAsTheyAre()
    {
        QFETCH(int, index);
        QFETCH(QString, event);
        QFETCH(QJsonValue, output);
        testing::EngineFixture hub;
        QVERIFY(hub.open());
        script::ScriptDesignService design(*hub.engine, hub.registry);
        DesignerPage designer(hub.engine.get(), &design);
        designer.loadTemplate(index);
        QVERIFY(!designer.isModified());
        QCOMPARE(designer.editor()->errorLine(), 0);

        // The dry run with the template's sample input and stub answers reaches the end.
        QSignalSpy checked(&designer, &DesignerPage::checkFinished);
        designer.check();
        QVERIFY(checked.wait());
        const auto *actions = designer.actionList();
        QVERIFY(actions->topLevelItemCount() > 1);
        QCOMPARE(actions->topLevelItem(actions->topLevelItemCount() - 1)->text(DesignerPage::StepColumn),
                 QStringLiteral("Completed"));

        // Saved and run on the engine with its sample input, it completes with the real activities.
        QSignalSpy saved(&designer, &DesignerPage::versionSaved);
        designer.saveAsNewVersion();
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 20000);
        const QString id = hub.start(designer.orchestrator(), designer.inputEdit()->value());
        QVERIFY(!id.isEmpty());
        if (!event.isEmpty()) {
            QTRY_VERIFY_WITH_TIMEOUT(hub.status(id).waiting.events.contains(event), 10000);
            QVERIFY(testing::wait(hub.engine->raiseEvent(id, event, true)));
        }
        const auto done = hub.finish(id);
        QVERIFY2(done.status == RuntimeStatus::Completed,
                 qPrintable(done.failure ? done.failure->errorMessage : statusName(done.status)));
        QCOMPARE(done.output, output);
    }

    void syntaxErrorMarksItsLine()
    {
        testing::EngineFixture hub;
        QVERIFY(hub.open());
        script::ScriptDesignService design(*hub.engine, hub.registry);
        DesignerPage designer(hub.engine.get(), &design);
        QSignalSpy syntax(&designer, &DesignerPage::syntaxChecked);
        designer.setCode(QStringLiteral("const df = require(\"durable-functions\");\n"
                                        "df.orchestrator(\"Broken\", function* (context) {\n"
                                        "    const x = yield context.df.callActivity(\"A\", ;\n"
                                        "});\n"));
        QVERIFY(syntax.wait());
        QCOMPARE(syntax.last().at(0).toBool(), false);
        QCOMPARE(designer.editor()->errorLine(), 3);
        QCOMPARE(designer.editor()->errorColumn(), 50);
        QVERIFY2(designer.statusLine()->text().startsWith(QLatin1String("Line 3, column 50: SyntaxError: ")),
                 qPrintable(designer.statusLine()->text()));
        QVERIFY(designer.editor()->errorMessage().contains(QLatin1String("SyntaxError")));
        // The marker underlines the character the parser stopped at.
        const auto selections = designer.editor()->extraSelections();
        const auto underline = std::find_if(selections.begin(), selections.end(), [](const auto &selection) {
            return selection.format.underlineStyle() == QTextCharFormat::WaveUnderline;
        });
        QVERIFY(underline != selections.end());
        QCOMPARE(underline->cursor.selectedText(), QStringLiteral(";"));
        QCOMPARE(underline->cursor.block().blockNumber(), 2);
        // F8 takes the cursor there.
        designer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&designer));
        designer.editor()->moveCursor(QTextCursor::Start);
        designer.editor()->setFocus();
        QTest::keyClick(designer.editor(), Qt::Key_F8);
        QCOMPARE(designer.editor()->textCursor().blockNumber(), 2);
        QCOMPARE(designer.editor()->textCursor().positionInBlock(), 49);

        designer.setCode(code(greeter));
        QVERIFY(syntax.wait());
        QCOMPARE(syntax.last().at(0).toBool(), true);
        QCOMPARE(designer.editor()->errorLine(), 0);
    }

    void dryRunErrorMarksItsLine()
    {
        testing::EngineFixture hub;
        QVERIFY(hub.open());
        script::ScriptDesignService design(*hub.engine, hub.registry);
        DesignerPage designer(hub.engine.get(), &design);
        designer.fileNameEdit()->setText(QStringLiteral("throws.js"));
        designer.setCode(QStringLiteral("const df = require(\"durable-functions\");\n"
                                        "df.orchestrator(\"Throws\", function* (context) {\n"
                                        "    yield context.df.callActivity(\"A\", 1);\n"
                                        "    const order = null;\n"
                                        "    return order.total;\n"
                                        "});\n"));
        QSignalSpy checked(&designer, &DesignerPage::checkFinished);
        designer.check();
        QVERIFY(checked.wait());
        const auto *actions = designer.actionList();
        QCOMPARE(actions->topLevelItemCount(), 2);
        QCOMPARE(actions->topLevelItem(1)->text(DesignerPage::StepColumn), QStringLiteral("Failed"));
        QVERIFY(actions->topLevelItem(1)->text(DesignerPage::AnswerColumn).contains(QLatin1String("TypeError")));
        QCOMPARE(designer.editor()->errorLine(), 5);
    }

    void replayTestVerdicts()
    {
        testing::EngineFixture hub;
        QVERIFY(hub.open());
        script::ScriptDesignService design(*hub.engine, hub.registry);
        DesignerPage designer(hub.engine.get(), &design);
        designer.fileNameEdit()->setText(QStringLiteral("order.js"));
        designer.setCode(code(orderV1));
        QSignalSpy saved(&designer, &DesignerPage::versionSaved);
        designer.saveAsNewVersion();
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 20000);
        const QString id = hub.start(QStringLiteral("Order"), 7);
        QTRY_VERIFY_WITH_TIMEOUT(hub.status(id).waiting.events.contains(QStringLiteral("Approve")), 10000);

        QSignalSpy replayed(&designer, &DesignerPage::replayTestFinished);
        // Compatible: logs and a different result, the same actions at the same ids.
        QString compatible = code(orderV1);
        compatible.replace(QStringLiteral("return approved;"), QStringLiteral("return \"ok: \" + approved;"));
        designer.setCode(compatible);
        designer.runReplayTest();
        QVERIFY(replayed.wait());
        const auto *list = designer.replayList();
        QCOMPARE(list->topLevelItemCount(), 1);
        QCOMPARE(list->topLevelItem(0)->text(DesignerPage::InstanceColumn), id);
        QCOMPARE(list->topLevelItem(0)->text(DesignerPage::VersionColumn), QStringLiteral("v1"));
        QCOMPARE(list->topLevelItem(0)->text(DesignerPage::VerdictColumn), QStringLiteral("Deterministic"));

        // Incompatible: a new first activity shifts the ids; the first divergence is at id 0.
        QString incompatible = code(orderV1);
        incompatible.replace(QStringLiteral("    const checked ="),
                             QStringLiteral("    yield context.df.callActivity(\"Reserve\", 1);\n    const checked ="));
        designer.setCode(incompatible);
        designer.runReplayTest();
        QVERIFY(replayed.wait());
        QCOMPARE(list->topLevelItemCount(), 1);
        QCOMPARE(list->topLevelItem(0)->text(DesignerPage::VerdictColumn), QStringLiteral("Diverges"));
        QCOMPARE(list->topLevelItem(0)->text(DesignerPage::DivergesAtColumn), QStringLiteral("0"));
        // Read from the divergence the executor reported, not parsed out of its message.
        QCOMPARE(list->topLevelItem(0)->text(DesignerPage::DetailColumn),
                 QStringLiteral("Replay diverged at action 0: the history has TaskScheduled 'Check', the code now does "
                                "TaskScheduled 'Reserve'."));
    }

    void unsavedChangesArePromptedFor()
    {
        testing::EngineFixture hub;
        QVERIFY(hub.open());
        script::ScriptDesignService design(*hub.engine, hub.registry);
        QMainWindow window;
        auto *designer = new DesignerPage(hub.engine.get(), &design);
        window.setCentralWidget(designer);
        designer->guardClose(&window);
        window.show();
        QVERIFY(!designer->isModified()); // a fresh template is not a change

        const QString original = designer->code();
        designer->setCode(original + QStringLiteral("\n// my change\n"));
        QVERIFY(designer->isModified());

        // Switching templates asks; Cancel keeps the code and the template.
        QString prompt;
        answerNextMessageBox(QMessageBox::Cancel, &prompt);
        Q_EMIT designer->templateBox()->activated(1);
        QVERIFY(!prompt.isEmpty());
        QCOMPARE(designer->templateBox()->currentIndex(), 0);
        QVERIFY(designer->code().endsWith(QLatin1String("// my change\n")));

        // Closing the window asks; Cancel keeps it open, Discard lets it close.
        prompt.clear();
        answerNextMessageBox(QMessageBox::Cancel, &prompt);
        QVERIFY(!window.close());
        QVERIFY2(prompt.contains(QLatin1String("not saved")), qPrintable(prompt));
        QVERIFY(window.isVisible());
        prompt.clear();
        answerNextMessageBox(QMessageBox::Discard, &prompt);
        QVERIFY(window.close());
        QVERIFY(!prompt.isEmpty());
    }
};

QTEST_MAIN(TestDesigner)
#include "tst_designer.moc"
