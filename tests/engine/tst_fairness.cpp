// Fair activity dispatch across instances, shown by order and never by time: a real engine with
// two activity threads, a fan-out of 50 activities that block until the test lets each one go,
// and a small instance whose one activity is queued behind the fan-out's 48 waiting ones. Also the
// bounded share of activity results per batch (EngineOptions::resultsPerBatch), across a shutdown.
#include "enginefixture.h"

#include <QMutex>
#include <QScopeGuard>
#include <QSemaphore>

#include <atomic>
#include <vector>

using namespace durable;
using namespace testing;

namespace {

constexpr int Wide = 50;
constexpr int Threads = 2;

} // namespace

class TestFairness : public QObject {
    Q_OBJECT

    QMutex m_mutex;
    QStringList m_started; ///< activities in the order they started, "wide" or "small"
    QSemaphore m_permits; ///< each "Gate" activity takes one before it returns

    int startedCount()
    {
        QMutexLocker lock(&m_mutex);
        return int(m_started.size());
    }

    QStringList started()
    {
        QMutexLocker lock(&m_mutex);
        return m_started;
    }

    void record(const QString &what)
    {
        QMutexLocker lock(&m_mutex);
        m_started.append(what);
    }

    void registerFunctions(Registry &registry)
    {
        registry.addOrchestrator(QStringLiteral("Wide"), [](OrchestrationContext &ctx) -> Task<QJsonValue> {
            std::vector<Future> tasks;
            for (int i = 0; i < Wide; ++i)
                tasks.push_back(ctx.callActivity(QStringLiteral("Gate"), i));
            co_await whenAll(tasks);
            co_return Wide;
        });
        registry.addOrchestrator(QStringLiteral("Small"), [](OrchestrationContext &ctx) -> Task<QJsonValue> {
            co_return co_await ctx.callActivity(QStringLiteral("Mark"), ctx.input());
        });
        registry.addActivity(QStringLiteral("Gate"), [this](ActivityContext &, const QJsonValue &v) -> QJsonValue {
            record(QStringLiteral("wide"));
            m_permits.acquire();
            return v;
        });
        registry.addActivity(QStringLiteral("Mark"), [this](ActivityContext &, const QJsonValue &v) -> QJsonValue {
            record(QStringLiteral("small"));
            return v;
        });
    }

private Q_SLOTS:
    void init()
    {
        QMutexLocker lock(&m_mutex);
        m_started.clear();
        m_permits.acquire(m_permits.available());
    }

    void aSmallInstanceWaitsForOneTurnNotForTheFanOut()
    {
        EngineFixture f;
        f.options.activityThreads = Threads;
        registerFunctions(f.registry);
        QVERIFY(f.open());
        // Whatever fails below, the held activities must end before the engine can.
        const auto unblock = qScopeGuard([this] { m_permits.release(10 * Wide); });
        const QString wide = f.start(QStringLiteral("Wide"), {});
        // Both threads hold a fan-out activity; the other 48 are queued.
        QTRY_COMPARE_WITH_TIMEOUT(startedCount(), Threads, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(f.engine->activityBacklog().value_or(ActivityBacklog {}).queued, Wide - Threads,
                                  30000);
        QCOMPARE(f.engine->activityBacklog()->running, Threads);
        const QString small = f.start(QStringLiteral("Small"), QStringLiteral("hello"));
        QTRY_COMPARE_WITH_TIMEOUT(f.engine->activityBacklog()->queued, Wide - Threads + 1, 30000);
        QCOMPARE(startedCount(), Threads); // nothing started while no slot was free

        // Slot by slot: the small instance's activity is among the next two to start (the fan-out
        // had its turn before the small instance queued), not behind the 48 queued before it.
        m_permits.release();
        QTRY_COMPARE_WITH_TIMEOUT(startedCount(), Threads + 1, 30000);
        m_permits.release();
        // The small one does not block: the thread it frees may start the next one at once.
        QTRY_VERIFY_WITH_TIMEOUT(startedCount() >= Threads + 2, 30000);
        const QStringList next = started().mid(Threads, 2);
        QVERIFY2(next.contains(QStringLiteral("small")), qPrintable(started().join(u' ')));
        const auto done = f.finish(small, 30000);
        QCOMPARE(done.status, RuntimeStatus::Completed);
        QCOMPARE(done.output.toString(), QStringLiteral("hello"));
        // Two fan-out activities are done; the other 48 are queued or running.
        QTRY_COMPARE_WITH_TIMEOUT(f.engine->activityBacklog()->queued + f.engine->activityBacklog()->running, Wide - 2,
                                  30000);

        // The fan-out itself loses nothing to the turns: every activity runs, once.
        m_permits.release(Wide);
        const auto all = f.finish(wide, 60000);
        QCOMPARE(all.status, RuntimeStatus::Completed);
        QCOMPARE(all.output.toInt(), Wide);
        QCOMPARE(started().count(QStringLiteral("wide")), Wide);
        QCOMPARE(started().count(QStringLiteral("small")), 1);
        QTRY_COMPARE_WITH_TIMEOUT(f.engine->activityBacklog()->running, 0, 30000);
        QCOMPARE(f.engine->activityBacklog()->queued, 0);
        QVERIFY(f.engine->activityBacklog()->oldestQueuedAt.isNull());
    }

    void aFanInLargerThanABatchAppliesEveryResultOnce()
    {
        // Three results per batch: the fan-in of 300 takes a hundred batches or more, each applying
        // the oldest results; none may be lost, applied twice or left waiting.
        constexpr int Fan = 300;
        std::atomic<int> runs = 0;
        EngineFixture f;
        f.options.resultsPerBatch = 3;
        f.registry.addOrchestrator(QStringLiteral("Sum"), [](OrchestrationContext &ctx) -> Task<QJsonValue> {
            std::vector<Future> tasks;
            for (int i = 0; i < Fan; ++i)
                tasks.push_back(ctx.callActivity(QStringLiteral("Id"), i));
            co_await whenAll(tasks);
            qint64 sum = 0;
            for (const auto &t : tasks)
                sum += t.result().toInteger();
            co_return sum;
        });
        f.registry.addActivity(QStringLiteral("Id"), [&runs](ActivityContext &, const QJsonValue &v) -> QJsonValue {
            ++runs;
            return v;
        });
        QVERIFY(f.open());
        constexpr qint64 Expected = qint64(Fan) * (Fan - 1) / 2;
        const QString first = f.start(QStringLiteral("Sum"), {});
        const auto done = f.finish(first, 60000);
        QCOMPARE(done.status, RuntimeStatus::Completed);
        QCOMPARE(done.output.toInteger(), Expected);
        QCOMPARE(runs.load(), Fan);

        // Shut down while results wait beyond the limit: the last batch commits what finished,
        // the rest runs again after the reopen, and the sum is still exact.
        runs = 0;
        const QString second = f.start(QStringLiteral("Sum"), {});
        QTRY_VERIFY_WITH_TIMEOUT(runs.load() >= Fan / 3, 30000);
        f.close();
        QVERIFY(f.open());
        const auto again = f.finish(second, 60000);
        QCOMPARE(again.status, RuntimeStatus::Completed);
        QCOMPARE(again.output.toInteger(), Expected);
        QVERIFY(runs.load() >= Fan);
    }

    void aClientProcessKnowsNoBacklog()
    {
        EngineFixture f;
        f.options.runWorkers = false;
        registerFunctions(f.registry);
        QVERIFY(f.open());
        QVERIFY(!f.engine->activityBacklog());
    }
};

QTEST_GUILESS_MAIN(TestFairness)
#include "tst_fairness.moc"
