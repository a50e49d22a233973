#include <catalogmodel.h>

#include <QAbstractItemModelTester>
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
};

QTEST_GUILESS_MAIN(TestCatalogModel)
#include "tst_catalogmodel.moc"
