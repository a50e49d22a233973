// The failure card of the instance summary on a real engine and hub: a script's file and line,
// the attempts of a retried call, the stack, and Open in Designer, which loads the version the
// instance ran into the Designer with the cursor on that line; a running instance's failed
// activities; C++ failures (their exception type, nothing to open).
#include "codeeditor.h"
#include "designerpage.h"
#include "enginefixture.h"
#include "failurecard.h"
#include "instancedetail.h"
#include "scriptdesignservice.h"
#include "summarypage.h"
#include "workbenchwidget.h"

#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QToolButton>

#include <stdexcept>

using namespace durable;
using namespace durable::views;

namespace {

// Line numbers matter: the test names them.
const QString flow = QStringLiteral(R"(const df = require("durable-functions");
df.app.orchestration("Flow", function* (context) {
    return yield context.df.callActivityWithRetry("Charge", new df.RetryOptions(10, 2), context.df.getInput());
});
df.app.orchestration("Patient", function* (context) {
    try {
        yield context.df.callActivity("Charge", 1);
    } catch (e) {
        context.log("charge failed, waiting for a person");
    }
    return yield context.df.waitForExternalEvent("Retry");
});
function charge(amount) {
    throw new Error("card declined for " + amount);
}
df.app.activity("Charge", { handler: (amount) => charge(amount) });
)");
constexpr int throwLine = 14;

struct Fixture {
    testing::EngineFixture hub;
    std::unique_ptr<script::ScriptDesignService> design;
    std::unique_ptr<WorkbenchWidget> workbench;
    DesignerPage *designer = nullptr;

    bool open()
    {
        if (!hub.open())
            return false;
        design = std::make_unique<script::ScriptDesignService>(*hub.engine, hub.registry);
        // Saved as version 1 and registered as "v1", as the Designer's Save does.
        const auto saved = testing::wait(hub.engine->saveScript(QStringLiteral("billing.js"), flow,
                                                                { QStringLiteral("Flow"), QStringLiteral("Patient") },
                                                                { QStringLiteral("Charge") }));
        if (!saved || *saved != 1)
            return false;
        if (!testing::wait(design->registerVersion(QStringLiteral("billing.js"), flow, 1)))
            return false;
        workbench = std::make_unique<WorkbenchWidget>(hub.engine.get());
        designer = workbench->createDesigner(design.get(), nullptr);
        workbench->resize(1200, 800);
        workbench->show();
        return true;
    }
    ~Fixture()
    {
        delete designer;
        workbench.reset();
    }
    SummaryPage *summary() const { return workbench->detail()->summary(); }
};

} // namespace

class TestFailureCard : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void scriptFailureOpensTheDesignerAtItsLine()
    {
        Fixture f;
        QVERIFY(f.open());
        const QString id = f.hub.start(QStringLiteral("Flow"), 25);
        QCOMPARE(f.hub.finish(id).status, RuntimeStatus::Failed);
        f.workbench->showInstance(id);
        FailureCard *card = f.summary()->failureCard();
        QTRY_VERIFY_WITH_TIMEOUT(card->isVisible(), 10000);
        QVERIFY2(card->message().contains(QLatin1String("card declined for 25")), qPrintable(card->message()));
        QCOMPARE(card->location(), QStringLiteral("billing.js:%1").arg(throwLine));
        QVERIFY2(card->attemptsText().startsWith(QLatin1String("Attempt 2 of 2")), qPrintable(card->attemptsText()));
        QVERIFY2(card->attemptsText().contains(
                     QStringLiteral("Attempt 1: Error: card declined for 25 at billing.js:%1").arg(throwLine)),
                 qPrintable(card->attemptsText()));
        // The stack: collapsed, one click away, the user's frames only.
        QVERIFY(!card->isStackShown());
        QVERIFY(card->stackButton()->isVisible());
        card->stackButton()->click();
        QVERIFY(card->isStackShown());
        f.summary()->setInstance(f.hub.status(id), QDateTime::currentDateTimeUtc()); // a live refresh
        QVERIFY2(card->isStackShown(), "a refresh of the same failure keeps the stack open");
        QVERIFY2(card->stackText().contains(QStringLiteral("charge (billing.js:%1)").arg(throwLine)),
                 qPrintable(card->stackText()));
        QVERIFY2(!card->stackText().contains(QLatin1String("prelude")), qPrintable(card->stackText()));

        QVERIFY(card->openInDesignerButton()->isVisible());
        QSignalSpy revealed(f.designer, &DesignerPage::revealRequested);
        QSignalSpy opened(f.designer, &DesignerPage::scriptOpened);
        card->openInDesignerButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 10000);
        QCOMPARE(revealed.count(), 1);
        QCOMPARE(f.designer->fileName(), QStringLiteral("billing.js"));
        QCOMPARE(f.designer->code(), flow); // version 1, as the instance ran it
        QVERIFY(!f.designer->isModified());
        QCOMPARE(f.designer->editor()->textCursor().blockNumber() + 1, throwLine);
        QCOMPARE(f.designer->editor()->highlightedLine(), throwLine);
        // Typing removes the highlight: it marks the failure's line, not the line for good.
        f.designer->editor()->insertPlainText(QStringLiteral(" "));
        QCOMPARE(f.designer->editor()->highlightedLine(), 0);
    }

    void runningInstanceShowsItsFailedActivity()
    {
        Fixture f;
        QVERIFY(f.open());
        const QString id = f.hub.start(QStringLiteral("Patient"), QJsonValue());
        QTRY_VERIFY_WITH_TIMEOUT(f.hub.status(id).waiting.events.contains(QStringLiteral("Retry")), 10000);
        f.workbench->showInstance(id);
        QTRY_COMPARE_WITH_TIMEOUT(f.summary()->taskFailureCards().size(), 1, 10000);
        QVERIFY(f.summary()->failureCard()->isHidden()); // the instance itself runs on
        FailureCard *card = f.summary()->taskFailureCards().first();
        QVERIFY(card->isVisible());
        QCOMPARE(card->location(), QStringLiteral("billing.js:%1").arg(throwLine));
        QVERIFY(card->attemptsText().isEmpty()); // one call, no retry policy
        QVERIFY(card->openInDesignerButton()->isVisible());
        card->stackButton()->click();
        f.summary()->setHistory(f.hub.history(id)); // a live refresh rebuilds the cards
        QCOMPARE(f.summary()->taskFailureCards().size(), 1);
        QVERIFY2(f.summary()->taskFailureCards().first()->isStackShown(), "the open stack stays open");

        // Finished: the activity's card goes with the waiting section.
        QVERIFY(testing::wait(f.hub.engine->raiseEvent(id, QStringLiteral("Retry"), 1)));
        QCOMPARE(f.hub.finish(id).status, RuntimeStatus::Completed);
        QTRY_VERIFY_WITH_TIMEOUT(f.summary()->taskFailureCards().isEmpty(), 10000);
    }

    void aFileFromDiskOpensOnlyWhenItIsAScript()
    {
        // A failure's file name may come from an imported bundle: a file that is no script is not
        // read into the editor; a script loaded from disk (--script) opens at the line.
        Fixture f;
        QVERIFY(f.open());
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString secret = dir.filePath(QStringLiteral("notes.txt"));
        const QString script = dir.filePath(QStringLiteral("flow.js"));
        for (const auto &[path, text] : { std::pair { secret, QByteArray("private\n") },
                                          std::pair { script, QByteArray("// one\n// two\n// three\n") } }) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(text);
        }
        const QString before = f.designer->code();
        f.designer->openScriptAt(secret, QStringLiteral("local"), 1);
        QCOMPARE(f.designer->code(), before);
        QVERIFY2(f.designer->statusLine()->text().contains(QStringLiteral("(.js)")),
                 qPrintable(f.designer->statusLine()->text()));
        f.designer->openScriptAt(script, QStringLiteral("local"), 2);
        QCOMPARE(f.designer->code(), QStringLiteral("// one\n// two\n// three\n"));
        QCOMPARE(f.designer->editor()->highlightedLine(), 2);
    }

    void cppFailureShowsItsTypeAndNothingToOpen()
    {
        Fixture f;
        f.hub.registry.addOrchestrator(QStringLiteral("Native"), [](OrchestrationContext &) -> Task<QJsonValue> {
            throw std::length_error("too many lines on the invoice");
            co_return QJsonValue();
        });
        QVERIFY(f.open());
        const QString id = f.hub.start(QStringLiteral("Native"), QJsonValue());
        QCOMPARE(f.hub.finish(id).status, RuntimeStatus::Failed);
        f.workbench->showInstance(id);
        FailureCard *card = f.summary()->failureCard();
        QTRY_VERIFY_WITH_TIMEOUT(card->isVisible(), 10000);
        QCOMPARE(f.summary()->failureText(), QStringLiteral("std::length_error: too many lines on the invoice"));
        QVERIFY(card->location().isEmpty());
        QVERIFY(!card->openInDesignerButton()->isVisible());
        QVERIFY(!card->stackButton()->isVisible());
    }
};

QTEST_MAIN(TestFailureCard)
#include "tst_failurecard.moc"
