#include "historyfixtures.h"

#include <logmodel.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace durable;
using namespace durable::models;

class TestLogModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void appendsOnlyNewLines()
    {
        LogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setLines({ fixtures::logLine(1, 1, false, QStringLiteral("a")) });
        QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
        model.appendLines({ fixtures::logLine(1, 1, false, QStringLiteral("a")),
                            fixtures::logLine(2, 5, true, QStringLiteral("b")) });
        QCOMPARE(inserts.count(), 1);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(1, LogModel::Message).data().toString(), QStringLiteral("b"));
        QCOMPARE(model.index(1, LogModel::Replay).data().toString(), QStringLiteral("replay"));
        QCOMPARE(model.index(0, LogModel::Replay).data().toString(), QString());
        QCOMPARE(model.index(1, 0).data(LogModel::ReplayingRole).toBool(), true);
        QCOMPARE(model.index(1, 0).data(LogModel::HistorySequenceRole).toLongLong(), 5);
        model.appendLines({});
        QCOMPARE(inserts.count(), 1);
    }

    void hideReplayed()
    {
        LogModel model;
        LogFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setLines({ fixtures::logLine(1, 1, false, QStringLiteral("first")),
                         fixtures::logLine(2, 5, true, QStringLiteral("first")),
                         fixtures::logLine(3, 5, false, QStringLiteral("second")) });
        QCOMPARE(proxy.rowCount(), 3);
        proxy.setHideReplayed(true);
        QCOMPARE(proxy.rowCount(), 2);
        QCOMPARE(proxy.index(1, LogModel::Message).data().toString(), QStringLiteral("second"));
        model.appendLines({ fixtures::logLine(4, 9, true, QStringLiteral("again")) });
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setHideReplayed(false);
        QCOMPARE(proxy.rowCount(), 4);
    }
};

QTEST_GUILESS_MAIN(TestLogModel)
#include "tst_logmodel.moc"
