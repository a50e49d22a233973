// The leases of a PostgreSQL hub shared by workers (HubStore's "Leases"), through two or more store
// objects (connections) in one process: instance rows held by a batch's row locks and skipped by
// others, work rows leased to worker sessions with attempts, expiry and reaping on the database
// clock, first completion wins, key-ordered locking, and a stopped holder's transaction ended by
// the server.
//
// Every connection but the one a test stops has a lock_timeout: a statement that waited for a row
// lock instead of skipping it fails with an error rather than hanging the single-threaded test.
#include "hubopen.h"
#include "pgsql.h"
#include "pgtest.h"

#include <QThread>
#include <QUrl>

#include <atomic>
#include <memory>

using namespace durable;

namespace {

/// The url with a libpq option added (percent-encoded `options` parameter).
QString withOption(const QString &url, const QString &option)
{
    return url + (url.contains(u'?') ? u'&' : u'?') + QStringLiteral("options=")
        + QString::fromLatin1(QUrl::toPercentEncoding(option));
}

WorkerInfo worker(const QString &id)
{
    return WorkerInfo { id, QStringLiteral("test-host"), QCoreApplication::applicationPid(), {}, {} };
}

InstanceRecord runningInstance(const QString &id)
{
    InstanceRecord r;
    r.info.instanceId = id;
    r.info.name = QStringLiteral("Leased");
    r.info.executionId = QStringLiteral("exec-") + id;
    r.info.status = RuntimeStatus::Running;
    r.info.createdAt = r.info.lastUpdatedAt = QDateTime::currentDateTimeUtc();
    r.info.customStatus = 0;
    return r;
}

WorkItem workFor(const QString &instanceId, int taskId)
{
    WorkItem w;
    w.instanceId = instanceId;
    w.executionId = QStringLiteral("exec-") + instanceId;
    w.taskId = taskId;
    w.name = QStringLiteral("Act");
    w.input = taskId;
    return w;
}

/// Instance ids i00, i01, … as seedInstances() names them.
QString name(int i)
{
    return QStringLiteral("i%1").arg(i, 2, 10, QLatin1Char(u'0'));
}

QStringList names(std::initializer_list<int> numbers)
{
    QStringList ids;
    for (const int i : numbers)
        ids.append(name(i));
    return ids;
}

QStringList instancesOf(const QList<InboxMessage> &messages)
{
    QStringList ids;
    for (const auto &m : messages) {
        if (!ids.contains(m.instanceId))
            ids.append(m.instanceId);
    }
    ids.sort();
    return ids;
}

} // namespace

class TestPgLeases : public QObject {
    Q_OBJECT

private:
    QString m_hub; // the hub of the current test, created by its first store

    std::unique_ptr<HubStore> open(const QString &url, bool first = false)
    {
        auto store = openHubStore(url, SyncMode::Normal, first);
        if (!store) {
            qWarning("cannot open %s: %s", qPrintable(url), qPrintable(store.error().message));
            return {};
        }
        return std::move(*store);
    }
    /// A connection that fails a statement which waits for a lock longer than any test runs.
    std::unique_ptr<HubStore> connection() { return open(withOption(m_hub, QStringLiteral("-c lock_timeout=30000"))); }

    /// Instances i00..i<n-1>, each with one due message, inserted in id order (oldest first).
    void seedInstances(HubStore &store, int n)
    {
        DURABLE_VERIFY_OK(store.begin());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (int i = 0; i < n; ++i) {
            const QString id = name(i);
            DURABLE_VERIFY_OK(store.putInstance(runningInstance(id)));
            DURABLE_VERIFY_OK(
                store.insertMessage(InboxMessage::event(id, QStringLiteral("E"), i, now.addMSecs(-1000))));
        }
        DURABLE_VERIFY_OK(store.commit());
    }

    static QDateTime now() { return QDateTime::currentDateTimeUtc(); }

private Q_SLOTS:
    void init()
    {
        DURABLE_NEED_PG();
        m_hub = durable::test::pgHubUrl(QString::fromLatin1(QTest::currentTestFunction()));
        QVERIFY(open(m_hub, true)); // creates the hub's schema
    }

    void dueMessagesClaimsDisjointInstancesWithoutWaiting()
    {
        auto a = connection(), b = connection();
        QVERIFY(a && b);
        seedInstances(*a, 6);
        DURABLE_VERIFY_OK(a->begin());
        auto first = a->dueMessages(now(), 3);
        DURABLE_VERIFY_OK(first);
        QCOMPARE(instancesOf(*first), names({ 0, 1, 2 })); // oldest messages first
        DURABLE_VERIFY_OK(b->begin());
        // The same limit: the rows A holds are skipped, not waited for, and B gets the others.
        auto second = b->dueMessages(now(), 3);
        DURABLE_VERIFY_OK(second);
        QCOMPARE(instancesOf(*second), names({ 3, 4, 5 }));
        a->rollback();
        // Released with A's transaction: B's next claim (same transaction) may take them.
        auto third = b->dueMessages(now(), 10);
        DURABLE_VERIFY_OK(third);
        QCOMPARE(instancesOf(*third), names({ 0, 1, 2, 3, 4, 5 }));
        b->rollback();
    }

    void consumedMessagesAreNotReturnedToALaterHolder()
    {
        // A holds i00 and consumes its message; B, in a transaction open all along, claims after
        // A's commit: it reads messages after taking the row, so it finds nothing to run for i00
        // (a claim on what it read before would run a second episode).
        auto a = connection(), b = connection();
        QVERIFY(a && b);
        seedInstances(*a, 2);
        DURABLE_VERIFY_OK(a->begin());
        auto heldByA = a->dueMessages(now(), 1);
        DURABLE_VERIFY_OK(heldByA);
        QCOMPARE(heldByA->size(), 1);
        QCOMPARE(heldByA->first().instanceId, QStringLiteral("i00"));
        DURABLE_VERIFY_OK(b->begin());
        auto whileHeld = b->dueMessages(now(), 10);
        DURABLE_VERIFY_OK(whileHeld);
        QCOMPARE(instancesOf(*whileHeld), names({ 1 }));
        DURABLE_VERIFY_OK(a->deleteMessage(heldByA->first().id));
        DURABLE_VERIFY_OK(a->commit());
        auto locked = b->lockInstances({ QStringLiteral("i00") });
        DURABLE_VERIFY_OK(locked);
        QCOMPARE(*locked, names({ 0 }));
        auto after = b->dueMessages(now(), 10);
        DURABLE_VERIFY_OK(after);
        for (const auto &m : *after)
            QVERIFY2(m.id != heldByA->first().id, "a message consumed by a committed batch came back");
        QCOMPARE(instancesOf(*after), names({ 1 }));
        b->rollback();
    }

    void claimsUnderContentionNeverReturnAConsumedMessage()
    {
        // Two workers (threads, a connection each) run episodes on the same instances as fast as
        // they can: claim, consume the messages, send the next one, commit. Whatever the
        // interleaving, each message is consumed by exactly one worker and each instance sees
        // exactly its number of episodes: a claim that read messages before its row lock would
        // consume one a second time.
        constexpr int Instances = 20, Episodes = 15;
        {
            auto seed = connection();
            QVERIFY(seed);
            seedInstances(*seed, Instances);
        }
        std::atomic<bool> failed { false };
        QStringList errors[2];
        QHash<qint64, int> consumed[2];
        QHash<QString, int> episodes[2];
        const auto workerLoop = [&](int w) {
            auto store = open(withOption(m_hub, QStringLiteral("-c lock_timeout=30000")));
            if (!store) {
                failed = true;
                return;
            }
            int idle = 0;
            while (!failed && idle < 200) {
                if (auto s = store->begin(); !s) {
                    errors[w].append(s.error().message);
                    failed = true;
                    return;
                }
                auto due = store->dueMessages(QDateTime::currentDateTimeUtc(), 7);
                if (!due) {
                    errors[w].append(due.error().message);
                    store->rollback();
                    failed = true;
                    return;
                }
                QSet<QString> touched;
                for (const auto &m : *due) {
                    consumed[w][m.id] += 1;
                    touched.insert(m.instanceId);
                    if (!store->deleteMessage(m.id))
                        failed = true;
                }
                for (const auto &id : std::as_const(touched)) {
                    auto row = store->instance(id);
                    if (!row || !*row) {
                        failed = true;
                        break;
                    }
                    auto record = **row;
                    const int done = record.info.customStatus.toInt() + 1;
                    record.info.customStatus = done;
                    if (!store->updateInstance(record))
                        failed = true;
                    episodes[w][id] += 1;
                    if (done < Episodes
                        && !store->insertMessage(InboxMessage::event(id, QStringLiteral("E"), done,
                                                                     QDateTime::currentDateTimeUtc().addMSecs(-1))))
                        failed = true;
                }
                if (auto s = store->commit(); !s) {
                    errors[w].append(s.error().message);
                    failed = true;
                    return;
                }
                idle = due->isEmpty() ? idle + 1 : 0;
                if (due->isEmpty())
                    QThread::yieldCurrentThread();
            }
        };
        std::unique_ptr<QThread> threads[2] = { std::unique_ptr<QThread>(QThread::create(workerLoop, 0)),
                                                std::unique_ptr<QThread>(QThread::create(workerLoop, 1)) };
        for (auto &t : threads)
            t->start();
        for (auto &t : threads)
            QVERIFY(t->wait(QDeadlineTimer(240000)));
        QVERIFY2(!failed, qPrintable((errors[0] + errors[1]).join(u'\n')));
        for (auto it = consumed[0].cbegin(); it != consumed[0].cend(); ++it) {
            QCOMPARE(it.value(), 1);
            QVERIFY2(!consumed[1].contains(it.key()), "a message was consumed by both workers");
        }
        for (const int n : std::as_const(consumed[1]))
            QCOMPARE(n, 1);
        QCOMPARE(consumed[0].size() + consumed[1].size(), Instances * Episodes);
        auto check = connection();
        QVERIFY(check);
        for (int i = 0; i < Instances; ++i) {
            const QString id = name(i);
            QCOMPARE(episodes[0].value(id) + episodes[1].value(id), Episodes);
            auto row = check->instance(id);
            DURABLE_VERIFY_OK(row);
            QCOMPARE((*row)->info.customStatus.toInt(), Episodes); // no update lost
        }
    }

    void lockInstancesSkipsRowsTheOtherHolds()
    {
        auto a = connection(), b = connection();
        QVERIFY(a && b);
        seedInstances(*a, 3);
        DURABLE_VERIFY_OK(a->begin());
        auto heldByA = a->lockInstances({ QStringLiteral("i01"), QStringLiteral("i00") });
        DURABLE_VERIFY_OK(heldByA);
        QCOMPARE(*heldByA, names({ 0, 1 }));
        DURABLE_VERIFY_OK(b->begin());
        auto heldByB = b->lockInstances({ QStringLiteral("i02"), QStringLiteral("i01"), QStringLiteral("ghost") });
        DURABLE_VERIFY_OK(heldByB);
        QCOMPARE(*heldByB, names({ 2 })); // i01 is A's, "ghost" has no row
        // A row a batch holds is not claimable through its messages either.
        auto due = b->dueMessages(now(), 10);
        DURABLE_VERIFY_OK(due);
        QCOMPARE(instancesOf(*due), names({ 2 }));
        a->rollback();
        b->rollback();
    }

    void keyOrderedLockingDoesNotDeadlock()
    {
        // Two connections lock overlapping sets of many rows, given in opposite orders, and write
        // each row they got, round after round. Locks are taken in key order and skip held rows:
        // no round may fail (a deadlock aborts one of them), and no write may be lost (a row held
        // by both at once would lose one).
        constexpr int Rows = 60, Rounds = 40;
        {
            auto seed = connection();
            QVERIFY(seed);
            seedInstances(*seed, Rows);
        }
        std::atomic<bool> failed { false };
        QStringList errors[2];
        int writes[2] = { 0, 0 };
        const auto lockLoop = [&](int w) {
            auto store = open(withOption(m_hub, QStringLiteral("-c lock_timeout=30000")));
            if (!store) {
                failed = true;
                return;
            }
            QStringList ids;
            for (int i = 0; i < Rows; ++i) {
                // Overlapping sets: worker 0 rows 0..44 ascending, worker 1 rows 15..59 descending.
                const int row = w == 0 ? i : Rows - 1 - i;
                if ((w == 0 && row < 45) || (w == 1 && row >= 15))
                    ids.append(name(row));
            }
            for (int round = 0; round < Rounds && !failed; ++round) {
                const auto giveUp = [&](const Error &e) {
                    errors[w].append(e.message);
                    failed = true;
                    store->rollback();
                };
                if (auto s = store->begin(); !s) {
                    errors[w].append(s.error().message);
                    failed = true;
                    return;
                }
                auto locked = store->lockInstances(ids);
                if (!locked) {
                    giveUp(locked.error());
                    return;
                }
                for (const auto &id : std::as_const(*locked)) {
                    auto row = store->instance(id);
                    if (!row || !*row) {
                        giveUp(row ? Error { ErrorCode::NotFound, id } : row.error());
                        return;
                    }
                    auto record = **row;
                    record.info.customStatus = record.info.customStatus.toInt() + 1;
                    if (auto s = store->updateInstance(record); !s) {
                        giveUp(s.error());
                        return;
                    }
                    ++writes[w];
                }
                if (auto s = store->commit(); !s) {
                    errors[w].append(s.error().message);
                    failed = true;
                    return;
                }
            }
        };
        std::unique_ptr<QThread> threads[2] = { std::unique_ptr<QThread>(QThread::create(lockLoop, 0)),
                                                std::unique_ptr<QThread>(QThread::create(lockLoop, 1)) };
        for (auto &t : threads)
            t->start();
        for (auto &t : threads)
            QVERIFY(t->wait(QDeadlineTimer(240000)));
        QVERIFY2(!failed, qPrintable((errors[0] + errors[1]).join(u'\n')));
        auto check = connection();
        QVERIFY(check);
        int total = 0;
        for (int i = 0; i < Rows; ++i) {
            auto row = check->instance(name(i));
            DURABLE_VERIFY_OK(row);
            total += (*row)->info.customStatus.toInt();
        }
        QCOMPARE(total, writes[0] + writes[1]);
        QVERIFY(writes[0] >= Rounds && writes[1] >= Rounds); // each got rows in every round at least
    }

    void workIsLeasedAndClaimedDisjointly()
    {
        auto a = connection(), b = connection();
        QVERIFY(a && b);
        auto sa = a->openSession(worker(QStringLiteral("a")), 60000);
        auto sb = b->openSession(worker(QStringLiteral("b")), 60000);
        DURABLE_VERIFY_OK(sa);
        DURABLE_VERIFY_OK(sb);
        QVERIFY(*sa && *sb);
        QVERIFY((*sa)->workerId != (*sb)->workerId);
        DURABLE_VERIFY_OK(a->begin());
        QList<qint64> ids;
        for (int t = 0; t < 5; ++t) {
            auto id = a->insertWork(workFor(QStringLiteral("i00"), t));
            DURABLE_VERIFY_OK(id);
            ids.append(*id);
        }
        DURABLE_VERIFY_OK(a->leaseWork({ ids.at(0) })); // A runs the first itself; the rest are free
        DURABLE_VERIFY_OK(a->commit());

        DURABLE_VERIFY_OK(a->begin());
        auto claimedByA = a->claimWork(2);
        DURABLE_VERIFY_OK(claimedByA);
        QCOMPARE(claimedByA->size(), 2);
        QCOMPARE(claimedByA->at(0).id, ids.at(1)); // oldest first
        QCOMPARE(claimedByA->at(1).id, ids.at(2));
        DURABLE_VERIFY_OK(b->begin());
        // A's claim is not committed: its rows are locked and skipped, not waited for.
        auto claimedByB = b->claimWork(10);
        DURABLE_VERIFY_OK(claimedByB);
        QCOMPARE(claimedByB->size(), 2);
        QCOMPARE(claimedByB->at(0).id, ids.at(3));
        QCOMPARE(claimedByB->at(1).id, ids.at(4));
        DURABLE_VERIFY_OK(a->commit());
        DURABLE_VERIFY_OK(b->commit());
        for (const auto &w : *claimedByA + *claimedByB)
            QCOMPARE(w.attempt, 1); // first runs
        // Nothing is left free, and nobody takes leased rows.
        DURABLE_VERIFY_OK(b->begin());
        auto none = b->claimWork(10);
        DURABLE_VERIFY_OK(none);
        QVERIFY(none->isEmpty());
        b->rollback();
        // Each completes what it holds; neither can complete the other's.
        DURABLE_VERIFY_OK(a->begin());
        QCOMPARE(a->deleteWork(claimedByB->at(0)).value_or(true), false);
        QCOMPARE(a->deleteWork(claimedByA->at(0)).value_or(false), true);
        DURABLE_VERIFY_OK(a->commit());
        DURABLE_VERIFY_OK(b->begin());
        QCOMPARE(b->deleteWork(claimedByB->at(0)).value_or(false), true);
        DURABLE_VERIFY_OK(b->commit());
        auto left = a->allWork();
        DURABLE_VERIFY_OK(left);
        QCOMPARE(left->size(), 3);
    }

    void expiredSessionIsReapedItsWorkRunsAgainAndItsLateResultIsDropped()
    {
        auto a = connection(), b = connection();
        QVERIFY(a && b);
        // A's lease is short and A never renews it: a worker that stopped or died.
        auto sa = a->openSession(worker(QStringLiteral("a")), 300);
        auto sb = b->openSession(worker(QStringLiteral("b")), 60000);
        DURABLE_VERIFY_OK(sa);
        DURABLE_VERIFY_OK(sb);
        DURABLE_VERIFY_OK(a->begin());
        auto id = a->insertWork(workFor(QStringLiteral("i00"), 7));
        DURABLE_VERIFY_OK(id);
        DURABLE_VERIFY_OK(a->leaseWork({ *id }));
        DURABLE_VERIFY_OK(a->commit());
        WorkItem runByA = workFor(QStringLiteral("i00"), 7);
        runByA.id = *id;
        runByA.attempt = 1;

        // B's renewals reap A once its lease has run out by the database clock; then B claims the
        // row as its second attempt.
        QList<WorkItem> claimed;
        const auto claimOnce = [&]() -> bool {
            auto renewed = b->renewSession(**sb);
            if (!renewed || !*renewed) {
                qWarning("renewal failed: %s", renewed ? "lost" : qPrintable(renewed.error().message));
                return false;
            }
            if (!b->begin())
                return false;
            auto got = b->claimWork(10);
            if (!got) {
                qWarning("claim failed: %s", qPrintable(got.error().message));
                b->rollback();
                return false;
            }
            if (auto s = b->commit(); !s) {
                qWarning("commit failed: %s", qPrintable(s.error().message));
                return false;
            }
            claimed = *got;
            return !claimed.isEmpty();
        };
        QVERIFY(QTest::qWaitFor(claimOnce, 30000)); // not QTRY_VERIFY: it calls a true predicate again
        QCOMPARE(claimed.size(), 1);
        QCOMPARE(claimed.first().id, *id);
        QCOMPARE(claimed.first().attempt, 2);

        // A wakes up: its session is gone, in a batch and at a renewal.
        DURABLE_VERIFY_OK(a->begin());
        auto verified = a->verifySession(**sa);
        DURABLE_VERIFY_OK(verified);
        QVERIFY(!*verified);
        // Its late result (attempt 1, its lost session) is dropped and the row stays for B.
        auto late = a->deleteWork(runByA);
        DURABLE_VERIFY_OK(late);
        QVERIFY(!*late);
        DURABLE_VERIFY_OK(a->commit());
        auto rows = b->allWork();
        DURABLE_VERIFY_OK(rows);
        QCOMPARE(rows->size(), 1);
        QCOMPARE(rows->first().attempt, 2);
        auto renewedA = a->renewSession(**sa);
        DURABLE_VERIFY_OK(renewedA);
        QVERIFY(!*renewedA);
        QVERIFY(!a->sessions().value_or(QList<WorkerInfo> {}).isEmpty()); // B is still listed
        for (const auto &w : a->sessions().value_or(QList<WorkerInfo> {}))
            QVERIFY(w.workerId != (*sa)->workerId);

        // B, the current attempt, completes it: first completion wins. A second one is dropped.
        DURABLE_VERIFY_OK(b->begin());
        WorkItem stale = claimed.first();
        stale.attempt = 1;
        QCOMPARE(b->deleteWork(stale).value_or(true), false); // right session, stale attempt
        QCOMPARE(b->deleteWork(claimed.first()).value_or(false), true);
        QCOMPARE(b->deleteWork(claimed.first()).value_or(true), false);
        DURABLE_VERIFY_OK(b->commit());
        rows = b->allWork();
        DURABLE_VERIFY_OK(rows);
        QVERIFY(rows->isEmpty());
    }

    void batchFencesItsSessionAgainstTheReaper()
    {
        // A batch renews its session first and keeps that row locked to its commit. A reaper that
        // finds the lease run out meanwhile waits for the commit, so the work the batch completes
        // is not set free under it (to run again elsewhere while this result also counts).
        auto a = connection(), observer = connection();
        QVERIFY(a && observer);
        auto sa = a->openSession(worker(QStringLiteral("a")), 300);
        DURABLE_VERIFY_OK(sa);
        DURABLE_VERIFY_OK(a->begin());
        auto id = a->insertWork(workFor(name(0), 5));
        DURABLE_VERIFY_OK(id);
        DURABLE_VERIFY_OK(a->leaseWork({ *id }));
        DURABLE_VERIFY_OK(a->commit());
        WorkItem item = workFor(name(0), 5);
        item.id = *id;
        item.attempt = 1;

        DURABLE_VERIFY_OK(a->begin());
        auto verified = a->verifySession(**sa);
        DURABLE_VERIFY_OK(verified);
        QVERIFY(*verified);
        // The lease runs out by the database clock while the batch is open.
        QVERIFY(QTest::qWaitFor(
            [&] {
                auto live = observer->sessions();
                return live && live->isEmpty();
            },
            30000));
        // Another worker's renewal reaps: it has to wait for A's row.
        const QString reaperName = QStringLiteral("reaper_%1").arg(QCoreApplication::applicationPid());
        const QString reaperUrl
            = withOption(m_hub, QStringLiteral("-c lock_timeout=30000 -c application_name=") + reaperName);
        std::atomic<int> renewal { -1 }; // -1 not done, 0 error or lost, 1 renewed
        std::unique_ptr<QThread> reaper(QThread::create([&] {
            auto b = open(reaperUrl);
            auto sb = b ? b->openSession(worker(QStringLiteral("b")), 60000) : Result<std::optional<WorkerSession>> {};
            auto renewed = sb && *sb ? b->renewSession(**sb) : Result<bool>(false);
            renewal = renewed && *renewed ? 1 : 0;
        }));
        reaper->start();
        const QString waiting = QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE application_name = '%1' "
                                               "AND wait_event_type = 'Lock'")
                                    .arg(reaperName);
        QVERIFY(QTest::qWaitFor(
            [&] { return testing::postgresExec(m_hub, waiting) == QStringList { QStringLiteral("1") }; }, 30000));
        QCOMPARE(renewal.load(), -1);
        // A completes its work in the batch it holds: the row is still its own.
        auto completed = a->deleteWork(item);
        DURABLE_VERIFY_OK(completed);
        QVERIFY(*completed);
        DURABLE_VERIFY_OK(a->commit());
        QVERIFY(reaper->wait(QDeadlineTimer(60000)));
        QCOMPARE(renewal.load(), 1);
        // A's COMMIT renewed the row it had kept locked, so the reaper, which waited for that row,
        // found the session live again: A carries on with it.
        DURABLE_VERIFY_OK(a->begin());
        auto again = a->verifySession(**sa);
        DURABLE_VERIFY_OK(again);
        QVERIFY(*again);
        a->rollback();
        auto left = observer->allWork();
        DURABLE_VERIFY_OK(left);
        QVERIFY(left->isEmpty()); // completed once, not set free to run again
    }

    void verifiedSessionIsRenewed()
    {
        // A batch's verifySession renews the lease: a worker whose batches keep coming keeps its
        // session without separate renewals, and its work is not reaped.
        auto a = connection(), b = connection();
        QVERIFY(a && b);
        auto sa = a->openSession(worker(QStringLiteral("a")), 60000);
        auto sb = b->openSession(worker(QStringLiteral("b")), 60000);
        DURABLE_VERIFY_OK(sa);
        DURABLE_VERIFY_OK(sb);
        DURABLE_VERIFY_OK(a->begin());
        auto verified = a->verifySession(**sa);
        DURABLE_VERIFY_OK(verified);
        QVERIFY(*verified);
        auto id = a->insertWork(workFor(QStringLiteral("i00"), 1));
        DURABLE_VERIFY_OK(id);
        DURABLE_VERIFY_OK(a->leaseWork({ *id }));
        DURABLE_VERIFY_OK(a->commit());
        auto renewed = b->renewSession(**sb); // reaps nobody: A is live
        DURABLE_VERIFY_OK(renewed);
        QVERIFY(*renewed);
        DURABLE_VERIFY_OK(b->begin());
        auto none = b->claimWork(10);
        DURABLE_VERIFY_OK(none);
        QVERIFY(none->isEmpty());
        b->rollback();
        auto sessions = b->sessions();
        DURABLE_VERIFY_OK(sessions);
        QCOMPARE(sessions->size(), 2);
    }

    void closedSessionFreesItsWorkAtOnce()
    {
        auto a = connection(), b = connection();
        QVERIFY(a && b);
        auto sa = a->openSession(worker(QStringLiteral("a")), 60000);
        auto sb = b->openSession(worker(QStringLiteral("b")), 60000);
        DURABLE_VERIFY_OK(sa);
        DURABLE_VERIFY_OK(sb);
        DURABLE_VERIFY_OK(a->begin());
        auto id = a->insertWork(workFor(QStringLiteral("i00"), 3));
        DURABLE_VERIFY_OK(id);
        DURABLE_VERIFY_OK(a->leaseWork({ *id }));
        DURABLE_VERIFY_OK(a->commit());
        DURABLE_VERIFY_OK(b->begin());
        auto before = b->claimWork(10);
        DURABLE_VERIFY_OK(before);
        QVERIFY(before->isEmpty()); // A's
        b->rollback();
        DURABLE_VERIFY_OK(a->closeSession(**sa));
        // Free at once: no lease has to run out first.
        DURABLE_VERIFY_OK(b->begin());
        auto after = b->claimWork(10);
        DURABLE_VERIFY_OK(after);
        QCOMPARE(after->size(), 1);
        QCOMPARE(after->first().id, *id);
        QCOMPARE(after->first().attempt, 2);
        DURABLE_VERIFY_OK(b->commit());
        auto sessions = b->sessions();
        DURABLE_VERIFY_OK(sessions);
        QCOMPARE(sessions->size(), 1);
        QCOMPARE(sessions->first().workerId, (*sb)->workerId);
    }

    void stoppedHolderLosesItsRowsToTheIdleTimeout()
    {
        // A takes an instance in a batch and stops (a debugger, SIGSTOP, a lost machine) with the
        // transaction open. The server ends that transaction after idle_in_transaction_session_
        // timeout: the row is claimable again, and A's commit, when it comes, commits nothing.
        auto a = open(m_hub + QStringLiteral("&idle_tx_timeout_ms=500"));
        auto b = connection();
        QVERIFY(a && b);
        seedInstances(*b, 1);
        DURABLE_VERIFY_OK(a->begin());
        auto heldByA = a->dueMessages(now(), 10);
        DURABLE_VERIFY_OK(heldByA);
        QCOMPARE(instancesOf(*heldByA), names({ 0 }));
        const qint64 consumed = heldByA->first().id;
        DURABLE_VERIFY_OK(a->deleteMessage(consumed));

        const auto claimOnce = [&]() -> bool {
            if (!b->begin())
                return false;
            auto due = b->dueMessages(now(), 10);
            b->rollback();
            return due && instancesOf(*due) == names({ 0 });
        };
        QVERIFY(QTest::qWaitFor(claimOnce, 30000)); // not QTRY_VERIFY: it calls a true predicate again
        QVERIFY(!a->commit()); // its transaction was ended by the server: nothing of it committed
        auto messages = b->messagesOf(QStringLiteral("i00"));
        DURABLE_VERIFY_OK(messages);
        QCOMPARE(messages->size(), 1);
        QCOMPARE(messages->first().id, consumed);
    }
};

QTEST_GUILESS_MAIN(TestPgLeases)
#include "tst_pgleases.moc"
