// models::BulkJob against a fake client: collecting a list query's matches, skipping what an action
// does not apply to (with the reason), stopping after the batch in flight, and telling refusals
// (skipped) from failures (reported, the job goes on).

#include "fakeclient.h"

#include <bulkjob.h>

#include <QSignalSpy>
#include <QTest>

using namespace durable;
using namespace durable::models;

class TestBulkJob : public QObject {
    Q_OBJECT
private:
    // 120 completed "a…" instances, 30 failed "b…", 20 running "ar…".
    static void fill(fixtures::FakeClient &client)
    {
        int created = 0;
        for (int i = 0; i < 120; ++i)
            client.instances.append(
                fixtures::instance(QStringLiteral("a%1").arg(i), RuntimeStatus::Completed, ++created));
        for (int i = 0; i < 30; ++i)
            client.instances.append(fixtures::instance(QStringLiteral("b%1").arg(i), RuntimeStatus::Failed, ++created));
        for (int i = 0; i < 20; ++i)
            client.instances.append(
                fixtures::instance(QStringLiteral("ar%1").arg(i), RuntimeStatus::Running, ++created));
    }
    static int count(const fixtures::FakeClient &client, const QString &prefix, RuntimeStatus status)
    {
        return int(std::count_if(client.instances.cbegin(), client.instances.cend(), [&](const InstanceInfo &i) {
            return i.instanceId.startsWith(prefix) && i.status == status;
        }));
    }
    /// Runs `job` to its end (collecting first when `query` is given) and returns the outcome.
    static BulkJob::Outcome runToEnd(BulkJob &job, const InstanceQuery *query = nullptr)
    {
        std::optional<BulkJob::Outcome> outcome;
        QObject::connect(&job, &BulkJob::finished, &job, [&outcome](const BulkJob::Outcome &o) { outcome = o; });
        if (query) {
            QObject::connect(&job, &BulkJob::collected, &job, [&job] { job.run(); });
            job.collect(*query);
        } else {
            job.run();
        }
        [&] { QTRY_VERIFY(outcome.has_value()); }();
        return outcome.value_or(BulkJob::Outcome {});
    }

private Q_SLOTS:
    void appliesByStatus()
    {
        using A = BulkJob::Action;
        QVERIFY(BulkJob::applies(A::Terminate, RuntimeStatus::Running));
        QVERIFY(BulkJob::applies(A::Terminate, RuntimeStatus::Suspended));
        QString why;
        QVERIFY(!BulkJob::applies(A::Terminate, RuntimeStatus::Completed, &why));
        QCOMPARE(why, QStringLiteral("already finished"));
        QVERIFY(!BulkJob::applies(A::Resume, RuntimeStatus::Running, &why));
        QCOMPARE(why, QStringLiteral("not suspended"));
        QVERIFY(!BulkJob::applies(A::Suspend, RuntimeStatus::Suspended, &why));
        QCOMPARE(why, QStringLiteral("already suspended"));
        QVERIFY(BulkJob::applies(A::Purge, RuntimeStatus::Failed));
        QVERIFY(!BulkJob::applies(A::Purge, RuntimeStatus::Running, &why));
        QVERIFY(BulkJob::applies(A::Restart, RuntimeStatus::Terminated));
        QVERIFY(!BulkJob::applies(A::Raise, RuntimeStatus::Completed));
    }

    void purgesTheFilteredSetAndSkipsTheRunning()
    {
        fixtures::FakeClient client;
        fill(client);
        InstanceQuery q;
        q.idPrefix = QStringLiteral("a"); // the list's filter: any status, ids starting with "a"
        q.pageSize = 7; // ignored: the job lists a thousand at a time
        BulkJob job(&client, BulkJob::Action::Purge);
        QSignalSpy collected(&job, &BulkJob::collected);
        QSignalSpy progress(&job, &BulkJob::progress);
        const auto outcome = runToEnd(job, &q);
        QCOMPARE(collected.size(), 1);
        QCOMPARE(collected.first().at(0).toInt(), 140);
        QCOMPARE(collected.first().at(1).toInt(), 120);
        QCOMPARE(client.queryCount, 1);
        QCOMPARE(outcome.total, 140);
        QCOMPARE(outcome.done, 120);
        QCOMPARE(outcome.skipped, 20);
        QCOMPARE(outcome.skippedWhy, (QMap<QString, int> { { QStringLiteral("not finished yet"), 20 } }));
        QCOMPARE(outcome.failed, 0);
        QVERIFY(!outcome.stopped);
        QCOMPARE(outcome.untouched(), 0);
        QCOMPARE(count(client, QStringLiteral("a"), RuntimeStatus::Completed), 0);
        QCOMPARE(count(client, QStringLiteral("ar"), RuntimeStatus::Running), 20); // never sent
        QCOMPARE(count(client, QStringLiteral("b"), RuntimeStatus::Failed), 30); // outside the filter
        QCOMPARE(client.purgeCount, 120);
        // Rising to the total.
        int last = -1;
        for (const auto &p : progress) {
            QCOMPARE(p.at(1).toInt(), 140);
            QVERIFY(p.at(0).toInt() >= last);
            last = p.at(0).toInt();
        }
        QCOMPARE(last, 140);
    }

    void stopEndsAfterTheBatchInFlight()
    {
        fixtures::FakeClient client;
        fill(client);
        BulkJob job(&client, BulkJob::Action::Purge);
        connect(&job, &BulkJob::progress, &job, [&job](int handled) {
            if (handled > 0)
                job.stop();
        });
        InstanceQuery q;
        q.statuses = { RuntimeStatus::Completed };
        const auto outcome = runToEnd(job, &q);
        QCOMPARE(outcome.done, BulkJob::BatchSize);
        QCOMPARE(client.purgeCount, BulkJob::BatchSize);
        QCOMPARE(int(client.instances.size()), 170 - BulkJob::BatchSize);
        QVERIFY(outcome.stopped);
        QCOMPARE(outcome.untouched(), 120 - BulkJob::BatchSize);
    }

    void refusalsAreSkippedFailuresReported()
    {
        fixtures::FakeClient client;
        fill(client);
        client.purgeErrors.insert(QStringLiteral("a3"), Error { ErrorCode::NotFound, QStringLiteral("gone") });
        client.purgeErrors.insert(QStringLiteral("a5"),
                                  Error { ErrorCode::FailedPrecondition, QStringLiteral("running") });
        client.purgeErrors.insert(QStringLiteral("a60"), Error { ErrorCode::Storage, QStringLiteral("disk full") });
        BulkJob job(&client, BulkJob::Action::Purge);
        QList<BulkJob::Target> targets;
        for (int i = 0; i < 120; ++i)
            targets.append({ QStringLiteral("a%1").arg(i), RuntimeStatus::Completed });
        job.setTargets(targets);
        const auto outcome = runToEnd(job);
        QCOMPARE(outcome.total, 120);
        QCOMPARE(outcome.done, 117);
        QCOMPARE(outcome.skipped, 2);
        QCOMPARE(outcome.skippedWhy.value(QStringLiteral("no longer exists")), 1);
        QCOMPARE(outcome.skippedWhy.value(QStringLiteral("its status changed meanwhile")), 1);
        QCOMPARE(outcome.failed, 1);
        QCOMPARE(outcome.failures.first().first, QStringLiteral("a60"));
        QCOMPARE(outcome.failures.first().second.code, ErrorCode::Storage);
        QCOMPARE(client.purgeCount, 120); // the failure did not stop the others
    }

    void aFailingQueryEndsTheJob()
    {
        fixtures::FakeClient client;
        client.queryError = Error { ErrorCode::Storage, QStringLiteral("unreadable") };
        BulkJob job(&client, BulkJob::Action::Terminate);
        QSignalSpy collected(&job, &BulkJob::collected);
        InstanceQuery q;
        const auto outcome = runToEnd(job, &q);
        QCOMPARE(collected.size(), 0);
        QVERIFY(outcome.error.has_value());
        QCOMPARE(outcome.error->code, ErrorCode::Storage);
    }
};

QTEST_GUILESS_MAIN(TestBulkJob)
#include "tst_bulkjob.moc"
