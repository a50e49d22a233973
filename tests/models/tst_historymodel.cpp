#include "historyfixtures.h"

#include <historymodel.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace durable;
using namespace durable::models;

class TestHistoryModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void showsEvents()
    {
        HistoryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setHistory(fixtures::approvalHistory());
        QCOMPARE(model.rowCount(), 16);
        QCOMPARE(model.index(2, HistoryModel::Type).data().toString(), QStringLiteral("Activity scheduled"));
        model.setReadableNames(false); // the "All events" view: the engine's names
        QCOMPARE(model.index(2, HistoryModel::Type).data().toString(), QStringLiteral("TaskScheduled"));
        model.setReadableNames(true);
        QCOMPARE(model.index(2, HistoryModel::ActionId).data().toInt(), 0);
        // A completion shows the name of what it completes.
        QCOMPARE(model.index(13, HistoryModel::Name).data().toString(), QStringLiteral("ProcessApproval"));
        QCOMPARE(model.index(13, HistoryModel::Payload).data().toString(), QStringLiteral("approved"));
        QCOMPARE(model.index(13, 0).data(HistoryModel::CorrelationIdRole).toInt(), 2);
        QCOMPARE(model.index(6, HistoryModel::Payload).data().toString().left(10), QStringLiteral("2024-01-04"));
        QCOMPARE(model.rowOfSequence(9), 9);
    }

    void growingHistoryAppends()
    {
        const auto full = fixtures::approvalHistory();
        HistoryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setHistory(full.mid(0, 8));
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
        model.setHistory(full);
        QCOMPARE(resets.count(), 0);
        QCOMPARE(inserts.count(), 1);
        QCOMPARE(model.rowCount(), 16);
        // A different execution resets.
        model.setHistory(fixtures::fanOutHistory(3));
        QCOMPARE(resets.count(), 1);
    }

    void filterByType()
    {
        HistoryModel model;
        HistoryTypeFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setHistory(fixtures::approvalHistory());
        QCOMPARE(proxy.rowCount(), 16);
        proxy.setAcceptedTypes({ EventType::TaskScheduled, EventType::TaskCompleted });
        QCOMPARE(proxy.rowCount(), 4);
        proxy.setAcceptedTypes({ EventType::EventRaised });
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, HistoryModel::Name).data().toString(), QStringLiteral("ApprovalEvent"));
        proxy.setAcceptedTypes({});
        QCOMPARE(proxy.rowCount(), 16);
    }
};

QTEST_GUILESS_MAIN(TestHistoryModel)
#include "tst_historymodel.moc"
