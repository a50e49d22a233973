// The orchestration context's remaining operations: timed event waits, deterministic GUIDs,
// sendEvent, scheduled start, retried sub-orchestrations, and coalesced change notifications.
#include "enginefixture.h"
#include "samples.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>

using namespace durable;
using namespace std::chrono_literals;
using testing::wait;

class TestContext : public QObject {
    Q_OBJECT

private:
    struct Hub : testing::EngineFixture {
        ManualClock clock { QDateTime(QDate(2026, 6, 1), QTime(8, 0), Qt::UTC) };
        explicit Hub(int cacheSize = 100)
        {
            samples::registerAll(registry);
            options.clock = &clock;
            options.cacheSize = cacheSize;
            registry.addOrchestrator(QStringLiteral("TimedWait"), [](OrchestrationContext &ctx) -> Task<QJsonValue> {
                try {
                    co_return co_await ctx.waitForExternalEvent(QStringLiteral("Answer"), 30min);
                } catch (const TaskFailedError &e) {
                    co_return e.details().errorType;
                }
            });
            registry.addOrchestrator(QStringLiteral("Guids"), [](OrchestrationContext &ctx) -> Task<QJsonValue> {
                QJsonArray guids;
                guids.append(ctx.newGuid().toString());
                co_await ctx.callActivity(QStringLiteral("F4"), QStringLiteral("g"));
                guids.append(ctx.newGuid().toString());
                guids.append(ctx.newGuid().toString());
                ctx.setCustomStatus(guids);
                co_await ctx.waitForExternalEvent(QStringLiteral("Go"));
                co_return guids;
            });
            registry.addOrchestrator(QStringLiteral("Sender"), [](OrchestrationContext &ctx) -> Task<QJsonValue> {
                ctx.sendEvent(ctx.input().toString(), QStringLiteral("Go"), QStringLiteral("from sender"));
                co_return true;
            });
            registry.addOrchestrator(QStringLiteral("Receiver"), [](OrchestrationContext &ctx) -> Task<QJsonValue> {
                co_return co_await ctx.waitForExternalEvent(QStringLiteral("Go"));
            });
            registry.addOrchestrator(QStringLiteral("RetriedChild"), [](OrchestrationContext &ctx) -> Task<QJsonValue> {
                RetryPolicy policy;
                policy.firstRetryInterval = 1s;
                policy.maxNumberOfAttempts = 3;
                try {
                    co_return co_await ctx.callSubOrchestrator(QStringLiteral("AlwaysFails"), {}, QString(), policy);
                } catch (const TaskFailedError &e) {
                    co_return e.details().errorMessage;
                }
            });
            registry.addOrchestrator(QStringLiteral("AlwaysFails"), [](OrchestrationContext &) -> Task<QJsonValue> {
                throw std::runtime_error("child gives up");
                co_return QJsonValue();
            });
        }
        ~Hub() { close(); }
    };

private Q_SLOTS:
    void timedWaitGetsTheEvent()
    {
        Hub hub;
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("TimedWait"), {});
        QTRY_VERIFY_WITH_TIMEOUT(hub.status(id).waiting.events.contains(QStringLiteral("Answer")), 10000);
        QCOMPARE(hub.status(id).waiting.timers.size(), 1);
        QVERIFY(wait(hub.engine->raiseEvent(id, QStringLiteral("Answer"), 42)));
        const auto done = hub.finish(id);
        QCOMPARE(done.output.toInt(), 42);
    }

    void timedWaitTimesOut()
    {
        Hub hub;
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("TimedWait"), {});
        QTRY_VERIFY_WITH_TIMEOUT(hub.status(id).waiting.events.contains(QStringLiteral("Answer")), 10000);
        hub.clock.advance(31min);
        QCOMPARE(hub.finish(id).output.toString(), QStringLiteral("TimeoutException"));
    }

    void guidsAreDeterministicUnderReplay()
    {
        // Forced replay re-runs the code at every episode: the GUIDs must come out the same.
        Hub hub(0);
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("Guids"), {});
        QTRY_VERIFY_WITH_TIMEOUT(hub.status(id).waiting.events.contains(QStringLiteral("Go")), 10000);
        const QJsonArray before = hub.status(id).customStatus.toArray();
        QCOMPARE(before.size(), 3);
        QVERIFY(before.at(0) != before.at(1) && before.at(1) != before.at(2));
        QVERIFY(wait(hub.engine->raiseEvent(id, QStringLiteral("Go"), 1)));
        QCOMPARE(hub.finish(id).output.toArray(), before);
    }

    void sendEventReachesAnotherInstance()
    {
        Hub hub;
        QVERIFY(hub.open());
        const QString receiver = hub.start(QStringLiteral("Receiver"), {}, QStringLiteral("rx"));
        QTRY_VERIFY_WITH_TIMEOUT(hub.status(receiver).waiting.events.contains(QStringLiteral("Go")), 10000);
        const QString sender = hub.start(QStringLiteral("Sender"), receiver);
        QCOMPARE(hub.finish(sender).status, RuntimeStatus::Completed);
        QCOMPARE(hub.finish(receiver).output.toString(), QStringLiteral("from sender"));
        QVERIFY(testing::shape(hub.history(sender)).contains(QStringLiteral("EventSent:Go#0")));
    }

    void scheduledStartWaitsUntilDue()
    {
        Hub hub;
        QVERIFY(hub.open());
        Client::StartOptions o;
        o.scheduledStart = hub.clock.now().addSecs(3600);
        const QString id
            = wait(hub.engine->start(QStringLiteral("FunctionChaining"), QStringLiteral("later"), o)).value();
        hub.barrier();
        QCOMPARE(hub.status(id).status, RuntimeStatus::Pending);
        hub.clock.advance(1h);
        QCOMPARE(hub.finish(id).output.toString(), QStringLiteral("later>F1>F2>F3>F4"));
    }

    void subOrchestrationRetriesThenFails()
    {
        Hub hub;
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("RetriedChild"), {});
        for (int i = 0; i < 2; ++i) {
            // Wait for the next retry timer (one due after now), then let it fire.
            // One status snapshot per check: the timer may fire between two reads.
            const auto retryPending = [&] {
                const auto timers = hub.status(id).waiting.timers;
                return !timers.isEmpty() && timers.first().fireAt > hub.clock.now();
            };
            QTRY_VERIFY_WITH_TIMEOUT(retryPending(), 10000);
            hub.clock.advance(2s);
        }
        const auto done = hub.finish(id);
        QCOMPARE(done.status, RuntimeStatus::Completed);
        QVERIFY(done.output.toString().contains(QStringLiteral("child gives up")));
        int children = 0;
        for (const auto &e : hub.history(id))
            children += e.type == EventType::SubOrchestrationInstanceCreated;
        QCOMPARE(children, 3);
    }

    void terminatePendingInstance()
    {
        Hub hub;
        QVERIFY(hub.open());
        Client::StartOptions o;
        o.scheduledStart = hub.clock.now().addDays(1);
        const QString id = wait(hub.engine->start(QStringLiteral("FunctionChaining"), QStringLiteral("x"), o)).value();
        QVERIFY(wait(hub.engine->terminate(id, QStringLiteral("never mind"))));
        QCOMPARE(hub.finish(id).status, RuntimeStatus::Terminated);
        hub.clock.advance(std::chrono::hours(25));
        hub.barrier();
        QCOMPARE(hub.status(id).status, RuntimeStatus::Terminated);
    }

    void recursivePurge()
    {
        Hub hub;
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("SubOrchestrationWithRetry"), QStringLiteral("p"));
        const QString child = id + QStringLiteral(":0");
        auto retryArmed = [&] {
            const auto timers = hub.status(child).waiting.timers;
            return !timers.isEmpty() && timers.first().fireAt > hub.clock.now();
        };
        for (int i = 0; i < 4 && !isTerminal(hub.status(id).status); ++i) {
            QTRY_VERIFY_WITH_TIMEOUT(retryArmed() || isTerminal(hub.status(id).status), 10000);
            hub.clock.advance(5s);
        }
        QCOMPARE(hub.finish(id).status, RuntimeStatus::Completed);
        QCOMPARE(wait(hub.engine->purge(id, true)).value(), 2);
        QCOMPARE(wait(hub.engine->status(id + QStringLiteral(":0"))).error().code, ErrorCode::NotFound);
    }

    void changeNotificationsAreCoalesced()
    {
        Hub hub;
        hub.options.clock = nullptr;
        QVERIFY(hub.open());
        QSignalSpy spy(hub.engine.get(), &Engine::changed);
        QElapsedTimer timer;
        timer.start();
        const QString id = hub.start(QStringLiteral("FanOutFanIn"), 2000);
        QCOMPARE(hub.finish(id, 60000).status, RuntimeStatus::Completed);
        auto sum = [&](bool *sawInstance) {
            int activities = 0;
            for (const auto &args : std::as_const(spy)) {
                const auto changes = args.first().value<ChangeSet>();
                activities += changes.activitiesCompleted;
                *sawInstance = *sawInstance || changes.instances.contains(id);
            }
            return activities;
        };
        bool sawInstance = false;
        // The last notification is flushed up to 100 ms after the last commit.
        QTRY_COMPARE_WITH_TIMEOUT(sum(&sawInstance), 2002, 5000);
        QVERIFY(sawInstance);
        // At most one notification per 100 ms window (plus the last one), never one per activity.
        QVERIFY2(spy.size() <= timer.elapsed() / 100 + 2, qPrintable(QString::number(spy.size())));
    }
};

QTEST_GUILESS_MAIN(TestContext)
#include "tst_context.moc"
