#include "fakeclient.h"
#include "historyfixtures.h"

#include <instancetracker.h>

#include <QSignalSpy>
#include <QTest>

using namespace durable;
using namespace durable::models;

class TestInstanceTracker : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void followsSelectedInstance()
    {
        fixtures::FakeClient client;
        auto a = fixtures::instance(QStringLiteral("a"), RuntimeStatus::Running, 0);
        a.history = fixtures::approvalHistory().mid(0, 8);
        auto b = fixtures::instance(QStringLiteral("b"), RuntimeStatus::Completed, 0);
        b.history = fixtures::fanOutHistory(2);
        client.instances = { a, b };
        InstanceTracker tracker(&client);
        tracker.setRefreshInterval(10);
        QSignalSpy history(&tracker, &InstanceTracker::historyChanged);
        tracker.setInstanceId(QStringLiteral("a"));
        QTRY_VERIFY(tracker.info().has_value());
        QCOMPARE(tracker.history().size(), 8);
        QVERIFY(!tracker.info()->history); // kept once, in history()

        client.instances[0].history = fixtures::approvalHistory();
        client.instances[0].status = RuntimeStatus::Completed;
        ChangeSet other;
        other.history = { QStringLiteral("b") };
        tracker.notifyChanged(other);
        QVERIFY(!tracker.refreshPending()); // not ours: nothing is read
        QCOMPARE(tracker.history().size(), 8);
        ChangeSet ours;
        ours.history = { QStringLiteral("a") };
        tracker.notifyChanged(ours);
        QVERIFY(tracker.refreshPending());
        QTRY_COMPARE(tracker.history().size(), 16);
        QCOMPARE(tracker.info()->status, RuntimeStatus::Completed);

        tracker.setInstanceId(QStringLiteral("b"));
        QTRY_COMPARE(tracker.info()->instanceId, QStringLiteral("b"));
        QCOMPARE(tracker.history().size(), fixtures::fanOutHistory(2).size());
    }

    void loadingLastsUntilTheHistoryIsIn()
    {
        fixtures::FakeClient client;
        auto a = fixtures::instance(QStringLiteral("a"), RuntimeStatus::Completed, 0);
        a.history = fixtures::fanOutHistory(50);
        client.instances = { a };
        InstanceTracker tracker(&client);
        QSignalSpy loading(&tracker, &InstanceTracker::loadingChanged);
        qsizetype historyWhenDone = -1;
        connect(&tracker, &InstanceTracker::loadingChanged, &tracker, [&](bool busy) {
            if (!busy)
                historyWhenDone = tracker.history().size();
        });
        tracker.setInstanceId(QStringLiteral("a"));
        QTRY_COMPARE(loading.count(), 2);
        QCOMPARE(loading.at(0).at(0).toBool(), true);
        QCOMPARE(loading.at(1).at(0).toBool(), false);
        QVERIFY(!tracker.isLoading());
        QCOMPARE(historyWhenDone, a.history->size());
        // Live re-reads of the same instance are not "loading".
        ChangeSet ours;
        ours.history = { QStringLiteral("a") };
        QSignalSpy infos(&tracker, &InstanceTracker::infoChanged);
        tracker.setRefreshInterval(5);
        tracker.notifyChanged(ours);
        QTRY_COMPARE(infos.count(), 1); // the re-read arrived
        QCOMPARE(loading.count(), 2);
        tracker.setInstanceId({});
        QCOMPARE(loading.count(), 2);
    }

    void unknownInstanceReportsError()
    {
        fixtures::FakeClient client;
        InstanceTracker tracker(&client);
        QSignalSpy errors(&tracker, &InstanceTracker::errorOccurred);
        QSignalSpy loading(&tracker, &InstanceTracker::loadingChanged);
        tracker.setInstanceId(QStringLiteral("missing"));
        QTRY_COMPARE(errors.count(), 1);
        QCOMPARE(errors.at(0).at(0).value<Error>().code, ErrorCode::NotFound);
        QVERIFY(!tracker.isLoading());
        QCOMPARE(loading.count(), 2);
    }
};

QTEST_GUILESS_MAIN(TestInstanceTracker)
#include "tst_instancetracker.moc"
