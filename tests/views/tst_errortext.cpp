#include "errortext.h"
#include "summarypage.h"

#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace durable;
using views::ErrorText;

Q_DECLARE_METATYPE(durable::Divergence)

class TestErrorText : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyCodeHasItsOwnText_data();
    void everyCodeHasItsOwnText();
    void explainPutsTheDetailBeneathTheSentence();
    void reportLeadsWithTheHeadline();
    void hubOpenFailedNamesFileReasonAndDetail();
    void hubOpenFailedWithoutDetail();
    void hubOpenFailedOnABadPathSaysSo();
    void divergenceSaysBothSides_data();
    void divergenceSaysBothSides();
    void summaryLeadsADivergedFailureWithTheSentence();
    void summaryShowsOtherFailuresAsStored();
};

void TestErrorText::everyCodeHasItsOwnText_data()
{
    QTest::addColumn<ErrorCode>("code");
    for (ErrorCode code :
         { ErrorCode::InvalidArgument, ErrorCode::PayloadTooLarge, ErrorCode::UnknownOrchestrator, ErrorCode::NotFound,
           ErrorCode::AlreadyExists, ErrorCode::FailedPrecondition, ErrorCode::Storage, ErrorCode::Busy,
           ErrorCode::Corrupt, ErrorCode::SchemaTooNew, ErrorCode::ReadOnly, ErrorCode::Shutdown }) {
        QTest::newRow(qPrintable(errorCodeName(code))) << code;
    }
}

void TestErrorText::everyCodeHasItsOwnText()
{
    QFETCH(ErrorCode, code);
    static QSet<QString> seen;
    const QString text = ErrorText::describe(code);
    QVERIFY(!text.isEmpty());
    QVERIFY2(text != ErrorText::tr("Unknown error."), "a code fell through the switch");
    QVERIFY2(!seen.contains(text), qPrintable(text));
    seen.insert(text);
}

void TestErrorText::explainPutsTheDetailBeneathTheSentence()
{
    const QString text = ErrorText::explain(Error { ErrorCode::FailedPrecondition, u"instance is Completed"_s });
    QCOMPARE(text.split(u'\n'),
             (QStringList { ErrorText::describe(ErrorCode::FailedPrecondition), u"Details: instance is Completed"_s }));
    // Without a detail there is nothing beneath.
    QCOMPARE(ErrorText::explain(Error { ErrorCode::Shutdown, {} }), ErrorText::describe(ErrorCode::Shutdown));
}

void TestErrorText::reportLeadsWithTheHeadline()
{
    const QString text = ErrorText::report(u"Could not save order.js."_s, Error { ErrorCode::Busy, u"locked"_s });
    QCOMPARE(
        text.split(u'\n'),
        (QStringList { u"Could not save order.js."_s, ErrorText::describe(ErrorCode::Busy), u"Details: locked"_s }));
}

void TestErrorText::hubOpenFailedNamesFileReasonAndDetail()
{
    const QString text = ErrorText::hubOpenFailed(u"/data/hubs/orders.sqlite"_s,
                                                  Error { ErrorCode::Corrupt, u"file is not a database"_s });
    QVERIFY(text.contains("/data/hubs/orders.sqlite"_L1));
    QVERIFY(text.contains(ErrorText::describe(ErrorCode::Corrupt)));
    QVERIFY(text.contains("file is not a database"_L1));
}

void TestErrorText::hubOpenFailedWithoutDetail()
{
    const QString text = ErrorText::hubOpenFailed(u"/x.sqlite"_s, Error { ErrorCode::Busy, QString() });
    QCOMPARE(text.count(u'\n'), 1);
    QVERIFY(text.endsWith(ErrorText::describe(ErrorCode::Busy)));
}

// A path that cannot hold a hub (a folder, a missing folder) is not "a value": say what is wrong.
void TestErrorText::hubOpenFailedOnABadPathSaysSo()
{
    const QString text = ErrorText::hubOpenFailed(
        u"/tmp"_s, Error { ErrorCode::InvalidArgument, u"'/tmp' is a directory, not a task hub file"_s });
    QVERIFY2(!text.contains(ErrorText::describe(ErrorCode::InvalidArgument)), qPrintable(text));
    QCOMPARE(text.split(u'\n').value(1), u"This path cannot be used as a task hub file."_s);
    QVERIFY(text.endsWith("is a directory, not a task hub file"_L1));
}

void TestErrorText::divergenceSaysBothSides_data()
{
    QTest::addColumn<Divergence>("divergence");
    QTest::addColumn<QString>("sentence");
    const ScheduledStep f2 { EventType::TaskScheduled, u"F2"_s };
    QTest::newRow("different") << Divergence { 3, f2, ScheduledStep { EventType::TaskScheduled, u"F3"_s } }
                               << u"Replay diverged at action 3: the history has TaskScheduled 'F2', the code now "
                                  "does TaskScheduled 'F3'."_s;
    QTest::newRow("timer") << Divergence { 1, f2, ScheduledStep { EventType::TimerCreated, {} } }
                           << u"Replay diverged at action 1: the history has TaskScheduled 'F2', the code now does "
                              "TimerCreated."_s;
    QTest::newRow("nothing") << Divergence { 0, f2, std::nullopt }
                             << u"Replay diverged at action 0: the history has TaskScheduled 'F2', the code now does "
                                "nothing there."_s;
    QTest::newRow("more") << Divergence { 4, std::nullopt, ScheduledStep { EventType::EventSent, u"Ping"_s } }
                          << u"Replay diverged at action 4: the history ends there, the code now does EventSent "
                             "'Ping'."_s;
}

void TestErrorText::divergenceSaysBothSides()
{
    QFETCH(Divergence, divergence);
    QFETCH(QString, sentence);
    QCOMPARE(ErrorText::divergence(divergence), sentence);
}

void TestErrorText::summaryLeadsADivergedFailureWithTheSentence()
{
    InstanceInfo info;
    info.instanceId = u"order-1"_s;
    info.status = RuntimeStatus::Failed;
    const Divergence divergence { 2, ScheduledStep { EventType::TaskScheduled, u"Check"_s },
                                  ScheduledStep { EventType::TaskScheduled, u"Reserve"_s } };
    info.failure = FailureDetails { u"NonDeterministicOrchestrationError"_s,
                                    u"Non-deterministic workflow detected: expected ..."_s,
                                    {},
                                    true,
                                    divergence };
    views::SummaryPage page;
    page.setInstance(info, QDateTime::currentDateTimeUtc());
    const QStringList lines = page.failureText().split(u'\n');
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.at(0), ErrorText::divergence(divergence));
    QCOMPARE(lines.at(1), u"NonDeterministicOrchestrationError: Non-deterministic workflow detected: expected ..."_s);
}

void TestErrorText::summaryShowsOtherFailuresAsStored()
{
    InstanceInfo info;
    info.instanceId = u"order-2"_s;
    info.status = RuntimeStatus::Failed;
    info.failure = FailureDetails { u"Error"_s, u"out of stock"_s, u"at order.js:7"_s, false };
    views::SummaryPage page;
    page.setInstance(info, QDateTime::currentDateTimeUtc());
    QCOMPARE(page.failureText(), u"Error: out of stock\nat order.js:7"_s);
    info.status = RuntimeStatus::Completed;
    info.failure.reset();
    page.setInstance(info, QDateTime::currentDateTimeUtc());
    QVERIFY(page.failureText().isEmpty());
}

QTEST_MAIN(TestErrorText)
#include "tst_errortext.moc"
