#include <catalogmodel.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace durable;
using namespace durable::models;

namespace {
Task<QJsonValue> nothing(OrchestrationContext &)
{
    co_return QJsonValue();
}
} // namespace

class TestCatalogModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void listsLatestVersions()
    {
        Registry registry;
        registry.addOrchestrator(QStringLiteral("Sequence"), nothing, QStringLiteral("three steps"), QJsonValue(3));
        registry.addOrchestrator(OrchestratorInfo { QStringLiteral("Approval"), QStringLiteral("1"), {}, {}, nothing });
        registry.addOrchestrator(OrchestratorInfo { QStringLiteral("Approval"), QStringLiteral("2"),
                                                    QStringLiteral("v2"),
                                                    QJsonObject { { QStringLiteral("amount"), 10 } }, nothing });
        CatalogModel model(registry);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, CatalogModel::Name).data().toString(), QStringLiteral("Approval"));
        QCOMPARE(model.index(0, CatalogModel::Version).data().toString(), QStringLiteral("1, 2"));
        QCOMPARE(model.index(0, 0).data(CatalogModel::SampleInputRole).value<QJsonValue>(),
                 QJsonValue(QJsonObject { { QStringLiteral("amount"), 10 } }));
        QCOMPARE(model.index(1, CatalogModel::Description).data().toString(), QStringLiteral("three steps"));
        registry.addOrchestrator(QStringLiteral("Chain"), nothing);
        model.reload();
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.rowOfName(QStringLiteral("Sequence")), 2);
    }

    void listsRemoteNamesAfterTheRegisteredOnes()
    {
        Registry registry;
        registry.addOrchestrator(QStringLiteral("Sequence"), nothing);
        CatalogModel model(registry);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);

        // "Sequence" is registered here: an SDK worker cannot be running it, it is not repeated.
        model.setRemoteNames({ QStringLiteral("sdkOrder"), QStringLiteral("Sequence"), QStringLiteral("sdkHello") },
                             { QStringLiteral("sdkShip"), QStringLiteral("sdkShip") });
        QCOMPARE(resets.size(), 1);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.registeredCount(), 1);
        QCOMPARE(model.index(0, 0).data(CatalogModel::RemoteRole).toBool(), false);
        const QStringList names { model.index(1, 0).data().toString(), model.index(2, 0).data().toString(),
                                  model.index(3, 0).data().toString() };
        QCOMPARE(names,
                 (QStringList { QStringLiteral("sdkHello"), QStringLiteral("sdkOrder"), QStringLiteral("sdkShip") }));
        for (int row = 1; row < 4; ++row) {
            QVERIFY(model.index(row, 0).data(CatalogModel::RemoteRole).toBool());
            QVERIFY(model.index(row, CatalogModel::Description).data().toString().contains(QStringLiteral("remote")));
            QVERIFY(model.index(row, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("SDK worker")));
        }
        QVERIFY(!model.index(1, 0).data(CatalogModel::ActivityRole).toBool());
        QVERIFY(model.index(3, 0).data(CatalogModel::ActivityRole).toBool());
        QCOMPARE(model.rowOfName(QStringLiteral("sdkOrder")), 2);
        QCOMPARE(model.rowOfName(QStringLiteral("sdkShip")), -1); // activities are not startable

        // The same names again (every worker event feeds them): no reset, the view keeps its state.
        model.setRemoteNames({ QStringLiteral("sdkHello"), QStringLiteral("sdkOrder") }, { QStringLiteral("sdkShip") });
        QCOMPARE(resets.size(), 1);

        // A plugin registering a remote name makes it local.
        registry.addOrchestrator(QStringLiteral("sdkHello"), nothing);
        model.reload();
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.registeredCount(), 2);
        QVERIFY(!model.index(model.rowOfName(QStringLiteral("sdkHello")), 0).data(CatalogModel::RemoteRole).toBool());
    }
};

QTEST_GUILESS_MAIN(TestCatalogModel)
#include "tst_catalogmodel.moc"
