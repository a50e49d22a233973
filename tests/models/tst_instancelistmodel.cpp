#include "fakeclient.h"

#include <instancelistmodel.h>

#include <QAbstractItemModelTester>
#include <QCoreApplication>
#include <QSignalSpy>
#include <QTest>

using namespace durable;
using namespace durable::models;

class TestInstanceListModel : public QObject {
    Q_OBJECT
private:
    static void fill(fixtures::FakeClient &client, int count)
    {
        for (int i = 0; i < count; ++i)
            client.instances.append(
                fixtures::instance(QStringLiteral("i%1").arg(i, 3, 10, QLatin1Char('0')), RuntimeStatus::Running, i));
    }

private Q_SLOTS:
    void pagesThroughFetchMore()
    {
        fixtures::FakeClient client;
        fill(client, 250);
        InstanceListModel model(&client);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        InstanceQuery q;
        q.pageSize = 100;
        model.setQuery(q);
        // The tester itself calls fetchMore, so only the first page's size is certain.
        QTRY_VERIFY(model.rowCount() >= 100);
        QCOMPARE(client.queries.first().pageSize, 100);
        QCOMPARE(model.index(0, InstanceListModel::Id).data().toString(), QStringLiteral("i249"));
        while (model.canFetchMore({}) || model.isLoading()) {
            model.fetchMore({});
            QCoreApplication::processEvents();
        }
        QCOMPARE(model.rowCount(), 250);
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(model.index(249, InstanceListModel::Id).data().toString(), QStringLiteral("i000"));
        // Pages after the first carry the continuation of the previous one.
        QVERIFY(client.queries.first().continuation.isEmpty());
        QCOMPARE(client.queries.at(1).continuation, QStringLiteral("100"));
    }

    void staleResultsAreDropped()
    {
        fixtures::FakeClient client;
        fill(client, 10);
        client.instances[3].status = RuntimeStatus::Completed;
        client.hold = true;
        InstanceListModel model(&client);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setQuery({}); // all ten
        InstanceQuery completed;
        completed.statuses = { RuntimeStatus::Completed };
        model.setQuery(completed); // supersedes the first
        QCOMPARE(client.held.size(), size_t(2));
        client.release(1);
        QTRY_COMPARE(model.rowCount(), 1);
        client.release(0); // the stale answer arrives late
        QCoreApplication::sendPostedEvents(); // its continuation, if queued, has run
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, InstanceListModel::Status).data().toString(), QStringLiteral("Completed"));
    }

    void sortMapsToQuery_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<bool>("supported");
        QTest::addColumn<int>("key");
        QTest::newRow("id") << int(InstanceListModel::Id) << true << int(SortKey::InstanceId);
        QTest::newRow("name") << int(InstanceListModel::Name) << true << int(SortKey::Name);
        QTest::newRow("status") << int(InstanceListModel::Status) << true << int(SortKey::Status);
        QTest::newRow("created") << int(InstanceListModel::Created) << true << int(SortKey::CreatedAt);
        QTest::newRow("updated") << int(InstanceListModel::LastUpdated) << true << int(SortKey::LastUpdatedAt);
        QTest::newRow("duration") << int(InstanceListModel::Duration) << true << int(SortKey::Duration);
        QTest::newRow("custom status") << int(InstanceListModel::CustomStatus) << true << int(SortKey::CustomStatus);
        QTest::newRow("parent") << int(InstanceListModel::Parent) << true << int(SortKey::ParentInstanceId);
        QTest::newRow("out of range") << int(InstanceListModel::ColumnCount) << false << 0;
    }
    void sortMapsToQuery()
    {
        QFETCH(int, column);
        QFETCH(bool, supported);
        QFETCH(int, key);
        fixtures::FakeClient client;
        fill(client, 5);
        InstanceListModel model(&client);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setQuery({});
        QTRY_COMPARE(model.rowCount(), 5);
        const int before = client.queryCount;
        model.sort(column, Qt::AscendingOrder);
        if (!supported) {
            QCOMPARE(client.queryCount, before);
            return;
        }
        QCOMPARE(client.queryCount, before + 1);
        QCOMPARE(int(client.queries.last().sortKey), key);
        QVERIFY(!client.queries.last().descending);
        QTRY_COMPARE(model.rowCount(), 5);
        if (column == InstanceListModel::Id)
            QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("i000"));
    }

    // Issue #16, defect 8: "MyFlow vv1" (the Designer's versions are "v1" already).
    void versionIsShownOnce_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("shown");
        QTest::newRow("designer") << QStringLiteral("v1") << QStringLiteral("MyFlow v1");
        QTest::newRow("sdk") << QStringLiteral("1.0") << QStringLiteral("MyFlow v1.0");
        QTest::newRow("none") << QString() << QStringLiteral("MyFlow");
    }
    void versionIsShownOnce()
    {
        QFETCH(QString, version);
        QFETCH(QString, shown);
        fixtures::FakeClient client;
        client.instances.append(
            fixtures::instance(QStringLiteral("versioned"), RuntimeStatus::Running, 0, QStringLiteral("MyFlow")));
        client.instances.last().version = version;
        InstanceListModel model(&client);
        model.setQuery({});
        QTRY_COMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, InstanceListModel::Name).data().toString(), shown);
    }

    // Held (the pointer over the list): live refreshes wait, also one already running; an explicit
    // refresh does not; release applies what waited.
    void heldModelInsertsNothingLive()
    {
        fixtures::FakeClient client;
        fill(client, 3);
        InstanceListModel model(&client);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRefreshInterval(10);
        model.setQuery({});
        QTRY_COMPARE(model.rowCount(), 3);
        ChangeSet changes;
        changes.instances = { QStringLiteral("new") };

        // A live refresh that began before the hold: its answer is dropped.
        client.hold = true;
        client.instances.append(fixtures::instance(QStringLiteral("new"), RuntimeStatus::Pending, 100));
        model.notifyChanged(changes);
        QTRY_COMPARE(client.held.size(), size_t(1));
        model.setHeld(true);
        client.release(0);
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(model.rowCount(), 3);
        // Notifications while held are still read (rows in place take their new data), but the
        // inserted row waits.
        client.hold = false;
        const int queries = client.queryCount;
        model.notifyChanged(changes);
        QTRY_VERIFY(client.queryCount > queries);
        QTRY_VERIFY(!model.refreshPending() && !model.isLoading());
        QCOMPARE(model.rowCount(), 3);
        // Release: one refresh brings the change in.
        model.setHeld(false);
        QTRY_COMPARE(model.rowCount(), 4);
        QCOMPARE(model.index(0, InstanceListModel::Id).data().toString(), QStringLiteral("new"));
        // An explicit refresh applies even while held.
        model.setHeld(true);
        client.instances.append(fixtures::instance(QStringLiteral("newer"), RuntimeStatus::Pending, 200));
        model.refresh();
        QTRY_COMPARE(model.rowCount(), 5);
    }

    void liveRefreshMergesWithoutReset()
    {
        fixtures::FakeClient client;
        fill(client, 3);
        InstanceListModel model(&client);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRefreshInterval(10);
        model.setQuery({});
        QTRY_COMPARE(model.rowCount(), 3);
        QPersistentModelIndex followed = model.index(1, InstanceListModel::Id); // i001
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);

        client.instances.append(fixtures::instance(QStringLiteral("new"), RuntimeStatus::Pending, 100));
        client.instances[0].status = RuntimeStatus::Completed; // i000
        client.instances.removeAt(2); // i002 purged
        ChangeSet changes;
        changes.instances = { QStringLiteral("new"), QStringLiteral("i000"), QStringLiteral("i002") };
        model.notifyChanged(changes);
        QTRY_COMPARE(model.rowCount(), 3);
        QTRY_COMPARE(model.index(0, InstanceListModel::Id).data().toString(), QStringLiteral("new"));
        QCOMPARE(resets.count(), 0);
        QCOMPARE(inserts.count(), 1);
        QVERIFY(followed.isValid());
        QCOMPARE(followed.data().toString(), QStringLiteral("i001"));
        QCOMPARE(followed.row(), 1);
        QCOMPARE(model.index(2, InstanceListModel::Status).data().toString(), QStringLiteral("Completed"));
    }

    void changesAreCoalesced()
    {
        fixtures::FakeClient client;
        fill(client, 3);
        InstanceListModel model(&client);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRefreshInterval(50);
        model.setQuery({});
        QTRY_COMPARE(model.rowCount(), 3);
        const int before = client.queryCount;
        ChangeSet changes;
        changes.instances = { QStringLiteral("i000") };
        for (int i = 0; i < 20; ++i)
            model.notifyChanged(changes);
        QTRY_COMPARE(client.queryCount, before + 1);
        QTRY_VERIFY(!model.isLoading());
        // Nothing left to fire later: the twenty notifications made that one query.
        QVERIFY(!model.refreshPending());
        QCOMPARE(client.queryCount, before + 1);
        // Only history or logs: the list does not re-query.
        ChangeSet historyOnly;
        historyOnly.history = { QStringLiteral("i000") };
        model.notifyChanged(historyOnly);
        QVERIFY(!model.refreshPending());
        QCOMPARE(client.queryCount, before + 1);
    }

    void watchFollowsTheHubsNotifications()
    {
        fixtures::FakeClient client;
        fill(client, 2);
        InstanceListModel model(&client);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRefreshInterval(10);
        model.setQuery({});
        QTRY_COMPARE(model.rowCount(), 2);
        model.watch(&client);
        client.instances.append(fixtures::instance(QStringLiteral("started elsewhere"), RuntimeStatus::Running, 50));
        ChangeSet changes;
        changes.instances = { QStringLiteral("started elsewhere") };
        Q_EMIT client.changed(changes);
        QTRY_COMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, InstanceListModel::Id).data().toString(), QStringLiteral("started elsewhere"));
    }

    void pauseDefersRefresh()
    {
        fixtures::FakeClient client;
        fill(client, 2);
        InstanceListModel model(&client);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRefreshInterval(10);
        model.setQuery({});
        QTRY_COMPARE(model.rowCount(), 2);
        QTRY_VERIFY(!model.isLoading());
        model.setPaused(true);
        const int before = client.queryCount;
        client.instances.append(fixtures::instance(QStringLiteral("later"), RuntimeStatus::Running, 50));
        ChangeSet changes;
        changes.instances = { QStringLiteral("later") };
        model.notifyChanged(changes);
        // Neither queried now nor scheduled to be: nothing can arrive while paused.
        QVERIFY(!model.refreshPending());
        QCOMPARE(client.queryCount, before);
        QCOMPARE(model.rowCount(), 2);
        model.setPaused(false);
        QTRY_COMPARE(model.rowCount(), 3);
    }

    void liveRefreshKeepsScrolledRows()
    {
        fixtures::FakeClient client;
        fill(client, 450);
        InstanceListModel model(&client);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRefreshInterval(10);
        InstanceQuery q;
        q.pageSize = 100;
        model.setQuery(q);
        QTRY_VERIFY(model.rowCount() >= 100);
        model.fetchMore({});
        QTRY_VERIFY(model.rowCount() >= 200);
        QTRY_VERIFY(!model.isLoading());
        const int loaded = model.rowCount();
        const auto secondLast = model.index(loaded - 2, 0).data().toString();
        client.instances.append(fixtures::instance(QStringLiteral("top"), RuntimeStatus::Running, 1000));
        model.refresh();
        // The whole loaded window is re-read (not just the first page): the new row on top, every
        // row shifted down by one, the window the same size.
        QTRY_COMPARE(model.index(0, 0).data().toString(), QStringLiteral("top"));
        QCOMPARE(model.rowCount(), loaded);
        QCOMPARE(model.index(loaded - 1, 0).data().toString(), secondLast);
        QVERIFY(model.canFetchMore({}));
    }

    void durationAndColours()
    {
        fixtures::FakeClient client;
        auto info = fixtures::instance(QStringLiteral("done"), RuntimeStatus::Completed, 0);
        info.completedAt = info.createdAt.addSecs(90);
        info.customStatus = QJsonObject { { QStringLiteral("step"), 2 } };
        info.parentInstanceId = QStringLiteral("p");
        client.instances.append(info);
        InstanceListModel model(&client);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setQuery({});
        QTRY_COMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, InstanceListModel::Duration).data(InstancePageModel::SortValueRole).toLongLong(),
                 90000);
        QCOMPARE(model.index(0, InstanceListModel::Duration).data().toString(), QStringLiteral("1 min 30 s"));
        QCOMPARE(model.index(0, InstanceListModel::CustomStatus).data().toString(), QStringLiteral("{\"step\":2}"));
        QCOMPARE(model.index(0, InstanceListModel::Parent).data().toString(), QStringLiteral("p"));
        QCOMPARE(model.index(0, InstanceListModel::Status).data(Qt::DecorationRole).value<QColor>(),
                 InstanceListModel::statusColor(RuntimeStatus::Completed));
        QCOMPARE(model.headerData(InstanceListModel::Parent, Qt::Horizontal).toString(), QStringLiteral("Parent"));
    }

    // A running instance's duration counts up on screen between live refreshes.
    void runningDurationsAreRepainted()
    {
        fixtures::FakeClient client;
        auto done = fixtures::instance(QStringLiteral("a-done"), RuntimeStatus::Completed, 0);
        done.completedAt = done.createdAt.addSecs(1);
        client.instances.append(done);
        client.instances.append(fixtures::instance(QStringLiteral("b-running"), RuntimeStatus::Running, 1));
        InstanceListModel model(&client);
        model.setQuery({});
        QTRY_COMPARE(model.rowCount(), 2);
        model.setTickInterval(20);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QTRY_VERIFY(changed.size() >= 2);
        for (const auto &args : changed) {
            const auto topLeft = args.at(0).toModelIndex();
            const auto bottomRight = args.at(1).toModelIndex();
            QCOMPARE(topLeft.column(), int(InstanceListModel::Duration));
            QCOMPARE(bottomRight.column(), int(InstanceListModel::Duration));
            QCOMPARE(model.instanceAt(topLeft.row()).instanceId, QStringLiteral("b-running"));
            QCOMPARE(bottomRight.row(), topLeft.row());
        }
    }

    void errorsAreReported()
    {
        fixtures::FakeClient client;
        client.queryError = Error { ErrorCode::Storage, QStringLiteral("disk I/O error") };
        InstanceListModel model(&client);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy errors(&model, &InstancePageModel::errorOccurred);
        model.setQuery({});
        QTRY_COMPARE(errors.count(), 1);
        QCOMPARE(errors.at(0).at(0).value<Error>().message, QStringLiteral("disk I/O error"));
        QVERIFY(!model.isLoading());
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestInstanceListModel)
#include "tst_instancelistmodel.moc"
