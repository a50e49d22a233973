#include "errortext.h"

#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using durable::ErrorCode;

class TestErrorText : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyCodeHasItsOwnText_data();
    void everyCodeHasItsOwnText();
    void hubOpenFailedNamesFileReasonAndDetail();
    void hubOpenFailedWithoutDetail();
};

void TestErrorText::everyCodeHasItsOwnText_data()
{
    QTest::addColumn<ErrorCode>("code");
    for (ErrorCode code :
         { ErrorCode::InvalidArgument, ErrorCode::PayloadTooLarge, ErrorCode::UnknownOrchestrator, ErrorCode::NotFound,
           ErrorCode::AlreadyExists, ErrorCode::FailedPrecondition, ErrorCode::Storage, ErrorCode::Busy,
           ErrorCode::Corrupt, ErrorCode::SchemaTooNew, ErrorCode::ReadOnly, ErrorCode::Shutdown }) {
        QTest::newRow(qPrintable(durable::errorCodeName(code))) << code;
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

void TestErrorText::hubOpenFailedNamesFileReasonAndDetail()
{
    const QString text = ErrorText::hubOpenFailed(u"/data/hubs/orders.sqlite"_s,
                                                  durable::Error { ErrorCode::Corrupt, u"file is not a database"_s });
    QVERIFY(text.contains("/data/hubs/orders.sqlite"_L1));
    QVERIFY(text.contains(ErrorText::describe(ErrorCode::Corrupt)));
    QVERIFY(text.contains("file is not a database"_L1));
}

void TestErrorText::hubOpenFailedWithoutDetail()
{
    const QString text = ErrorText::hubOpenFailed(u"/x.sqlite"_s, durable::Error { ErrorCode::Busy, QString() });
    QCOMPARE(text.count(u'\n'), 1);
    QVERIFY(text.endsWith(ErrorText::describe(ErrorCode::Busy)));
}

QTEST_GUILESS_MAIN(TestErrorText)
#include "tst_errortext.moc"
