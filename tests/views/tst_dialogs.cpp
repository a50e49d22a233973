#include <jsontextedit.h>
#include <raiseeventdialog.h>
#include <samples.h>
#include <startdialog.h>

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

using namespace durable;
using namespace durable::views;

class TestDialogs : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void jsonParse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::newRow("empty") << "" << true;
        QTest::newRow("object") << "{\"a\": 1}" << true;
        QTest::newRow("string") << "\"text\"" << true;
        QTest::newRow("number") << "42" << true;
        QTest::newRow("bool") << "true" << true;
        QTest::newRow("unterminated") << "{\"a\": " << false;
        QTest::newRow("bare word") << "approved" << false;
        QTest::newRow("two values") << "1 2" << false;
        QTest::newRow("trailing comma") << "[1,]" << false;
    }
    void jsonParse()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QString error;
        const auto value = JsonTextEdit::parse(text, &error);
        QCOMPARE(value.has_value(), valid);
        QCOMPARE(error.isEmpty(), valid);
    }

    void startDisabledOnInvalidJson()
    {
        Registry registry;
        samples::registerAll(registry);
        StartDialog dialog(registry);
        dialog.setOrchestrator(QStringLiteral("Approval"));
        QVERIFY(dialog.startButton()->isEnabled());
        QCOMPARE(dialog.input().toObject().value(QStringLiteral("request")).toString(),
                 QStringLiteral("expense report 42"));
        dialog.inputEditor()->editor()->setPlainText(QStringLiteral("{\"request\": "));
        QVERIFY(!dialog.startButton()->isEnabled());
        // Told once, under the input, with the position where the text stopped.
        QCOMPARE(dialog.inputEditor()->statusText(),
                 QStringLiteral("Invalid JSON at line 1, column 13: the text ends before the value is complete"));
        dialog.inputEditor()->editor()->setPlainText(QStringLiteral("{\n  \"a\": x\n}"));
        QVERIFY(!dialog.startButton()->isEnabled());
        QCOMPARE(dialog.startButton()->toolTip(), dialog.inputEditor()->statusText());
        dialog.inputEditor()->editor()->setPlainText(QStringLiteral("{\"request\": \"x\"}"));
        QVERIFY(dialog.startButton()->isEnabled());
        dialog.instanceIdEdit()->setText(QStringLiteral("a/b"));
        QVERIFY(!dialog.startButton()->isEnabled());
    }

    void raiseSuggestsAwaitedEvents()
    {
        RaiseEventDialog dialog(QStringLiteral("i"), { QStringLiteral("ApprovalEvent") });
        QCOMPARE(dialog.eventName(), QStringLiteral("ApprovalEvent"));
        QCOMPARE(dialog.nameEdit()->count(), 1);
        dialog.payloadEditor()->editor()->setPlainText(QStringLiteral("tru"));
        QVERIFY(!dialog.raiseButton()->isEnabled());
        dialog.payloadEditor()->editor()->setPlainText(QStringLiteral("true"));
        QVERIFY(dialog.raiseButton()->isEnabled());
        QCOMPARE(dialog.payload(), QJsonValue(true));
        dialog.nameEdit()->setEditText(QString());
        QVERIFY(!dialog.raiseButton()->isEnabled());
    }
};

QTEST_MAIN(TestDialogs)
#include "tst_dialogs.moc"
