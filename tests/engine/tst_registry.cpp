// Registry copies: the workbench gives each hub a copy of its base registry plus that hub's saved
// script versions, so a copy must hold every version in order and stay apart from the original.
#include "registry.h"

#include <QTest>

using namespace Qt::StringLiterals;
using durable::OrchestratorInfo;
using durable::Registry;

class TestRegistry : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aCopyIsASnapshotThatStaysApart()
    {
        Registry base;
        base.addOrchestrator(OrchestratorInfo { u"Order"_s, u"v1"_s, u"first"_s, {}, {} });
        base.addOrchestrator(OrchestratorInfo { u"Order"_s, u"v2"_s, u"second"_s, {}, {} });
        base.addActivity(u"Ship"_s, {}, u"ships"_s);

        Registry copy(base);
        QCOMPARE(copy.versions(u"Order"_s).size(), 2);
        QCOMPARE(copy.orchestrator(u"Order"_s)->version, u"v2"_s); // the latest stays the default
        QCOMPARE(copy.activityNames(), QStringList { u"Ship"_s });

        copy.addOrchestrator(OrchestratorInfo { u"OnlyInCopy"_s, u"v1"_s, {}, {}, {} });
        copy.addOrchestrator(OrchestratorInfo { u"Order"_s, u"v3"_s, {}, {}, {} });
        base.addActivity(u"OnlyInBase"_s, {});
        QVERIFY(!base.orchestrator(u"OnlyInCopy"_s));
        QCOMPARE(base.orchestrator(u"Order"_s)->version, u"v2"_s);
        QVERIFY(!copy.activity(u"OnlyInBase"_s));
        QCOMPARE(copy.orchestrator(u"Order"_s)->version, u"v3"_s);
    }
};

QTEST_GUILESS_MAIN(TestRegistry)
#include "tst_registry.moc"
