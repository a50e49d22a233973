#include "fakeclient.h"

#include <purgejob.h>

#include <QSignalSpy>
#include <QTest>

using namespace durable;
using namespace durable::models;

class TestPurgeJob : public QObject {
    Q_OBJECT
private:
    // 120 completed "a…" instances, 30 failed "b…", 20 running "a…".
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

private Q_SLOTS:
    void finishedOnlyKeepsTheFilter()
    {
        InstanceQuery q;
        q.statuses = { RuntimeStatus::Running, RuntimeStatus::Failed };
        q.name = QStringLiteral("Hello");
        q.idPrefix = QStringLiteral("b");
        q.pageSize = 7;
        q.continuation = QStringLiteral("x");
        const auto f = PurgeJob::finishedOnly(q);
        QCOMPARE(f.statuses, QSet<RuntimeStatus> { RuntimeStatus::Failed });
        QCOMPARE(f.name, q.name);
        QCOMPARE(f.idPrefix, q.idPrefix);
        QVERIFY(f.continuation.isEmpty());
        QCOMPARE(f.pageSize, 1000);
        const auto any = PurgeJob::finishedOnly({});
        QCOMPARE(any.statuses,
                 (QSet<RuntimeStatus> { RuntimeStatus::Completed, RuntimeStatus::Failed, RuntimeStatus::Canceled,
                                        RuntimeStatus::Terminated }));
    }

    void purgesTheFilteredFinishedSetWithProgress()
    {
        fixtures::FakeClient client;
        fill(client);
        InstanceQuery q;
        q.idPrefix = QStringLiteral("a"); // the list's filter: any status, ids starting with "a"
        PurgeJob job(&client, q);
        QSignalSpy progress(&job, &PurgeJob::progress);
        QSignalSpy finished(&job, &PurgeJob::finished);
        job.start();
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.first().at(0).toInt(), 120);
        QVERIFY(!finished.first().at(1).value<std::optional<Error>>().has_value());
        QCOMPARE(count(client, QStringLiteral("a"), RuntimeStatus::Completed), 0);
        QCOMPARE(count(client, QStringLiteral("ar"), RuntimeStatus::Running), 20); // never purged
        QCOMPARE(count(client, QStringLiteral("b"), RuntimeStatus::Failed), 30); // outside the filter
        QCOMPARE(job.total(), 120);
        // Counting first, then one report per batch, rising to the total.
        QCOMPARE(progress.first().at(1).toInt(), -1);
        QCOMPARE(progress.size(), 2 + (120 + PurgeJob::BatchSize - 1) / PurgeJob::BatchSize);
        int last = -1;
        for (int i = 1; i < progress.size(); ++i) {
            QCOMPARE(progress.at(i).at(1).toInt(), 120);
            QVERIFY(progress.at(i).at(0).toInt() > last);
            last = progress.at(i).at(0).toInt();
        }
        QCOMPARE(last, 120);
    }

    void cancelStopsAfterTheBatchInFlight()
    {
        fixtures::FakeClient client;
        fill(client);
        PurgeJob job(&client, {});
        QSignalSpy finished(&job, &PurgeJob::finished);
        connect(&job, &PurgeJob::progress, &job, [&job](int done) {
            if (done > 0)
                job.cancel();
        });
        job.start();
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(job.purged(), PurgeJob::BatchSize);
        QCOMPARE(client.purgeCount, PurgeJob::BatchSize);
        QCOMPARE(int(client.instances.size()), 170 - PurgeJob::BatchSize);
        QVERIFY(job.isCancelled());
    }

    void goneCountsAsDoneOtherErrorsStop()
    {
        fixtures::FakeClient client;
        fill(client);
        client.purgeErrors.insert(QStringLiteral("a3"), Error { ErrorCode::NotFound, QStringLiteral("gone") });
        client.purgeErrors.insert(QStringLiteral("a5"),
                                  Error { ErrorCode::FailedPrecondition, QStringLiteral("running") });
        client.purgeErrors.insert(QStringLiteral("a60"), Error { ErrorCode::Storage, QStringLiteral("disk full") });
        InstanceQuery q;
        q.statuses = { RuntimeStatus::Completed };
        PurgeJob job(&client, q);
        QSignalSpy finished(&job, &PurgeJob::finished);
        job.start();
        QTRY_COMPARE(finished.count(), 1);
        const auto error = finished.first().at(1).value<std::optional<Error>>();
        QVERIFY(error.has_value());
        QCOMPARE(error->code, ErrorCode::Storage);
        QCOMPARE(job.skipped(), 1);
        // The failing batch (a50…a99) finished; nothing after it was tried.
        QCOMPARE(client.purgeCount, 2 * PurgeJob::BatchSize);
        QCOMPARE(job.purged(), 2 * PurgeJob::BatchSize - 2);
    }

    void unfinishedStatusesOnlyPurgeNothing()
    {
        fixtures::FakeClient client;
        fill(client);
        InstanceQuery q;
        q.statuses = { RuntimeStatus::Running };
        PurgeJob job(&client, q);
        QSignalSpy finished(&job, &PurgeJob::finished);
        job.start();
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.first().at(0).toInt(), 0);
        QCOMPARE(client.purgeCount, 0);
        QCOMPARE(client.queryCount, 0);
    }
};

QTEST_GUILESS_MAIN(TestPurgeJob)
#include "tst_purgejob.moc"
