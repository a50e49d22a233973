// Client operations and the Durable Task edge cases, against a real hub: every test runs on an
// SQLite file and on a PostgreSQL hub with the same expectations.
#include "enginefixture.h"
#include "hubopen.h"
#include "pgsql.h"
#include "samples.h"

#include <QJsonArray>
#include <QJsonObject>

#include <QFileInfo>
#include <QScopeGuard>
#include <QSemaphore>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <csignal>

#include <sys/resource.h>

using namespace durable;
using namespace std::chrono_literals;
using testing::wait;

namespace {
std::atomic<int> failingCalls { 0 };
std::atomic<int> countedRuns { 0 };
std::atomic<int> gateRuns { 0 };
QSemaphore gate;
}

class TestClient : public QObject {
    Q_OBJECT

private:
    struct Hub : testing::EngineFixture {
        ManualClock clock { QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC) };
        Hub()
        {
            samples::registerAll(registry);
            options.clock = &clock;
            options.maxPayloadBytes = 1000;
            // An orchestrator that waits for "Go" after one activity, then returns the payload.
            registry.addOrchestrator(QStringLiteral("WaitGo"), [](OrchestrationContext &ctx) -> Task<QJsonValue> {
                co_await ctx.callActivity(QStringLiteral("F4"), QStringLiteral("w"));
                ctx.log(QStringLiteral("waiting for Go"));
                co_return co_await ctx.waitForExternalEvent(QStringLiteral("Go"));
            });
            registry.addOrchestrator(QStringLiteral("Parent"), [](OrchestrationContext &ctx) -> Task<QJsonValue> {
                co_return co_await ctx.callSubOrchestrator(QStringLiteral("WaitGo"), {},
                                                           ctx.instanceId() + QStringLiteral("-child"));
            });
            registry.addOrchestrator(QStringLiteral("Race"), [](OrchestrationContext &ctx) -> Task<QJsonValue> {
                Future slow = ctx.callActivity(QStringLiteral("Sleep"), 2000);
                Future fast = ctx.callActivity(QStringLiteral("Sleep"), 1);
                co_return co_await whenAny(slow, fast);
            });
            registry.addActivity(QStringLiteral("Sleep"), [](ActivityContext &, const QJsonValue &ms) -> QJsonValue {
                QThread::msleep(ulong(ms.toInt()));
                return ms;
            });
            registry.addOrchestrator(QStringLiteral("ForgottenTimer"),
                                     [](OrchestrationContext &ctx) -> Task<QJsonValue> {
                                         ctx.createTimer(1h); // never awaited nor cancelled: keeps the instance alive
                                         co_return QStringLiteral("returned");
                                     });
            registry.addOrchestrator(QStringLiteral("KeepEvents"), [](OrchestrationContext &ctx) -> Task<QJsonValue> {
                const int round = ctx.input().toInt();
                if (round == 0) {
                    co_await ctx.waitForExternalEvent(QStringLiteral("First"));
                    // "Second" arrives while this execution never waits for it: carried over.
                    co_await ctx.createTimer(1s);
                    ctx.continueAsNew(1, true);
                    co_return QJsonValue();
                }
                co_return co_await ctx.waitForExternalEvent(QStringLiteral("Second"));
            });
            registry.addOrchestrator(QStringLiteral("FailOnce"), [](OrchestrationContext &ctx) -> Task<QJsonValue> {
                co_return co_await ctx.callActivity(QStringLiteral("FailFirst"), ctx.input());
            });
            registry.addActivity(QStringLiteral("FailFirst"), [](ActivityContext &, const QJsonValue &v) -> QJsonValue {
                if (failingCalls.fetch_add(1) == 0)
                    throw std::runtime_error("first call fails");
                return v;
            });
            registry.addOrchestrator(QStringLiteral("Catcher"), [](OrchestrationContext &ctx) -> Task<QJsonValue> {
                try {
                    co_await ctx.callActivity(QStringLiteral("Thrower"));
                } catch (const TaskFailedError &e) {
                    co_return QJsonObject { { QStringLiteral("type"), e.details().errorType },
                                            { QStringLiteral("message"), e.details().errorMessage } };
                }
                co_return QStringLiteral("no failure");
            });
            registry.addActivity(QStringLiteral("Thrower"), [](ActivityContext &, const QJsonValue &) -> QJsonValue {
                throw ActivityError(QStringLiteral("InsufficientFunds"), QStringLiteral("balance too low"),
                                    QStringLiteral("account 7"));
            });
        }
        ~Hub() { close(); }

        void waitFor(const QString &id, const QString &event)
        {
            QTRY_VERIFY_WITH_TIMEOUT(status(id).waiting.events.contains(event), 10000);
        }
        int count()
        {
            InstanceQuery q;
            q.pageSize = 1000;
            auto page = wait(engine->query(q));
            return page ? int(page->instances.size()) : -1;
        }
    };

private Q_SLOTS:
    void initTestCase_data() { testing::backendRows(); }
    void init() { DURABLE_USE_BACKEND(); }

    void failedCommitVoidsTheActivitiesItStarted()
    {
        // A batch starts its activities before its commit returns. When the commit fails, the
        // activity may already
        // run, but its result must not reach the instance, whose history never scheduled it.
        Hub hub;
        hub.registry.addOrchestrator(QStringLiteral("EventThenWork"),
                                     [](OrchestrationContext &ctx) -> Task<QJsonValue> {
                                         const QJsonValue go = co_await ctx.waitForExternalEvent(QStringLiteral("Go"));
                                         co_return co_await ctx.callActivity(QStringLiteral("Counted"), go);
                                     });
        hub.registry.addActivity(QStringLiteral("Counted"), [](ActivityContext &, const QJsonValue &v) -> QJsonValue {
            ++countedRuns;
            return v;
        });
        countedRuns = 0;
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("EventThenWork"), {});
        QTRY_VERIFY(hub.status(id).waiting.events.contains(QStringLiteral("Go")));
        hub.barrier();

        Status refused;
        if (hub.shared()) {
            // PostgreSQL: a deferred constraint trigger refuses the commit of any new history row.
            QCOMPARE(testing::postgresExec(
                         hub.options.hubPath,
                         QStringLiteral(
                             "CREATE FUNCTION refuse_commit() RETURNS trigger LANGUAGE plpgsql AS "
                             "$$ BEGIN RAISE EXCEPTION 'commit refused by the test'; END $$; "
                             "CREATE CONSTRAINT TRIGGER refuse_commit AFTER INSERT ON history DEFERRABLE INITIALLY "
                             "DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_commit()")),
                     QStringList());
            refused = wait(hub.engine->raiseEvent(id, QStringLiteral("Go"), QStringLiteral("first")));
            QCOMPARE(
                testing::postgresExec(hub.options.hubPath, QStringLiteral("DROP TRIGGER refuse_commit ON history")),
                QStringList());
        } else {
            // SQLite: the WAL cannot grow (a full disk as far as this process sees).
            const QString wal = hub.options.hubPath + QStringLiteral("-wal");
            const qint64 walSize = QFileInfo(wal).size();
            QVERIFY(walSize > 0);
            std::signal(SIGXFSZ, SIG_IGN); // a write past the limit fails with EFBIG instead of killing us
            rlimit old {};
            QCOMPARE(getrlimit(RLIMIT_FSIZE, &old), 0);
            rlimit tight = old;
            tight.rlim_cur = rlim_t(walSize);
            QCOMPARE(setrlimit(RLIMIT_FSIZE, &tight), 0);
            refused = wait(hub.engine->raiseEvent(id, QStringLiteral("Go"), QStringLiteral("first")));
            QCOMPARE(setrlimit(RLIMIT_FSIZE, &old), 0);
        }
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::Storage);
        // Launched before the commit; the failed commit voided it: if it had not started yet it
        // never does, if it had, its result is dropped.
        hub.barrier();
        const int voidedRuns = countedRuns.load();
        QVERIFY(voidedRuns <= 1);

        QVERIFY(wait(hub.engine->raiseEvent(id, QStringLiteral("Go"), QStringLiteral("second"))).has_value());
        const auto done = hub.finish(id);
        QCOMPARE(done.status, RuntimeStatus::Completed);
        QCOMPARE(done.output.toString(), QStringLiteral("second"));
        QCOMPARE(countedRuns.load(), voidedRuns + 1);
        QCOMPARE(testing::shape(hub.history(id)),
                 QStringList({ QStringLiteral("OrchestratorStarted"), QStringLiteral("ExecutionStarted:EventThenWork"),
                               QStringLiteral("OrchestratorCompleted"), QStringLiteral("OrchestratorStarted"),
                               QStringLiteral("EventRaised:Go"), QStringLiteral("TaskScheduled:Counted#0"),
                               QStringLiteral("OrchestratorCompleted"), QStringLiteral("OrchestratorStarted"),
                               QStringLiteral("TaskCompleted:Counted@0"), QStringLiteral("ExecutionCompleted"),
                               QStringLiteral("OrchestratorCompleted") }));
    }

    void closingWithActivitiesInFlightLosesNothing()
    {
        // The engine closes while a fan-out's activities run and others wait in the queue; the
        // next engine on the file runs what was not committed, and every activity's result is in
        // the history exactly once.
        Hub hub;
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("FanOutFanIn"),
                                     QJsonObject { { QStringLiteral("n"), 200 }, { QStringLiteral("delayMs"), 20 } });
        QVERIFY(!id.isEmpty());
        const auto completions = [&] {
            QHash<int, int> perTask;
            for (const auto &e : hub.history(id)) {
                if (e.type == EventType::TaskCompleted && e.name == QLatin1String("F2"))
                    ++perTask[e.taskId];
            }
            return perTask;
        };
        QTRY_VERIFY(!completions().isEmpty()); // the fan-out is under way
        hub.close();
        QVERIFY(hub.open());
        const auto done = hub.finish(id);
        QCOMPARE(done.status, RuntimeStatus::Completed);
        QCOMPARE(done.output.toDouble(), 200.0 * 201 * 401 / 6); // sum of squares 1..200
        const auto perTask = completions();
        QCOMPARE(perTask.size(), 200);
        for (const int count : perTask)
            QCOMPARE(count, 1);
    }

    void finishedInstancesLeaveNoWork()
    {
        // An instance that completes with an activity still running (a whenAny loser), and one
        // terminated while its activity runs, leave no work row: a restart runs neither again.
        Hub hub;
        hub.registry.addActivity(QStringLiteral("Gate"), [](ActivityContext &, const QJsonValue &v) -> QJsonValue {
            ++gateRuns;
            gate.acquire();
            return v;
        });
        hub.registry.addOrchestrator(QStringLiteral("GateRace"), [](OrchestrationContext &ctx) -> Task<QJsonValue> {
            Future slow = ctx.callActivity(QStringLiteral("Gate"), 1);
            Future fast = ctx.callActivity(QStringLiteral("Sleep"), 1);
            co_return co_await whenAny(slow, fast);
        });
        hub.registry.addOrchestrator(QStringLiteral("GateWait"), [](OrchestrationContext &ctx) -> Task<QJsonValue> {
            co_return co_await ctx.callActivity(QStringLiteral("Gate"), 2);
        });
        gateRuns = 0;
        bool released = false;
        const auto releaseGates = [&] {
            if (!std::exchange(released, true))
                gate.release(2);
        };
        const auto onFailure = qScopeGuard(releaseGates); // a failed check must not leave the gates shut
        QVERIFY(hub.open());
        const QString race = hub.start(QStringLiteral("GateRace"), {});
        const QString stuck = hub.start(QStringLiteral("GateWait"), {});
        QCOMPARE(hub.finish(race).status, RuntimeStatus::Completed);
        QTRY_COMPARE(gateRuns.load(), 2);
        QVERIFY(wait(hub.engine->terminate(stuck, QStringLiteral("stop"))).has_value());
        QCOMPARE(hub.finish(stuck).status, RuntimeStatus::Terminated);
        hub.barrier();
        const auto workRows = [&] {
            auto store = openHubStore(hub.options.hubPath, SyncMode::Normal, false);
            if (!store)
                return -1;
            auto work = (*store)->allWork();
            return work ? int(work->size()) : -1;
        };
        QCOMPARE(workRows(), 0);
        releaseGates(); // the two gates end now; their results are dropped
        hub.close();
        gateRuns = 0;
        QVERIFY(hub.open());
        hub.barrier();
        QCOMPARE(gateRuns.load(), 0);
    }

    void badStartsWriteNothing_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("payloadBytes");
        QTest::addColumn<int>("code");
        QTest::newRow("unknown orchestrator") << "Nope"
                                              << "" << 1 << int(ErrorCode::UnknownOrchestrator);
        QTest::newRow("slash in id") << "FunctionChaining"
                                     << "a/b" << 1 << int(ErrorCode::InvalidArgument);
        QTest::newRow("control char in id") << "FunctionChaining"
                                            << "a\tb" << 1 << int(ErrorCode::InvalidArgument);
        QTest::newRow("over-long id") << "FunctionChaining" << QString(300, u'x') << 1
                                      << int(ErrorCode::InvalidArgument);
        QTest::newRow("payload too large") << "FunctionChaining"
                                           << "" << 5000 << int(ErrorCode::PayloadTooLarge);
    }
    void badStartsWriteNothing()
    {
        QFETCH(QString, name);
        QFETCH(QString, id);
        QFETCH(int, payloadBytes);
        QFETCH(int, code);
        Hub hub;
        QVERIFY(hub.open());
        Client::StartOptions o;
        o.instanceId = id;
        auto r = wait(hub.engine->start(name, QString(payloadBytes, u'p'), o));
        QVERIFY(!r);
        QCOMPARE(int(r.error().code), code);
        QVERIFY(!r.error().message.isEmpty());
        QCOMPARE(hub.count(), 0);
    }

    void duplicateRunningIdRefusedFinishedReplaced()
    {
        Hub hub;
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("WaitGo"), {}, QStringLiteral("dup"));
        hub.waitFor(id, QStringLiteral("Go"));
        Client::StartOptions o;
        o.instanceId = id;
        auto again = wait(hub.engine->start(QStringLiteral("WaitGo"), {}, o));
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::AlreadyExists);
        const auto before = hub.status(id);
        QVERIFY(wait(hub.engine->raiseEvent(id, QStringLiteral("Go"), 1)));
        QCOMPARE(hub.finish(id).output.toInt(), 1);
        QVERIFY(wait(hub.engine->start(QStringLiteral("FunctionChaining"), QStringLiteral("r"), o)));
        const auto replaced = hub.finish(id);
        QCOMPARE(replaced.name, QStringLiteral("FunctionChaining"));
        QVERIFY(replaced.executionId != before.executionId);
        QCOMPARE(hub.history(id).size(), 20);
    }

    // The guards a start dialog uses against other clients: checked inside the start's transaction.
    void startGuardsAgainstConcurrentRuns()
    {
        Hub hub;
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("FunctionChaining"), QStringLiteral("a"), QStringLiteral("guard"));
        const auto first = hub.finish(id);
        Client::StartOptions o;
        o.instanceId = id;
        o.onlyIfNew = true;
        auto refused = wait(hub.engine->start(QStringLiteral("WaitGo"), {}, o));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::AlreadyExists);
        QCOMPARE(hub.status(id).executionId, first.executionId);

        // Replace only the run that was seen: after a restart it is another one.
        QVERIFY(wait(hub.engine->restart(id, false)));
        const auto second = hub.finish(id);
        QVERIFY(second.executionId != first.executionId);
        o.onlyIfNew = false;
        o.replaceExecutionId = first.executionId;
        refused = wait(hub.engine->start(QStringLiteral("WaitGo"), {}, o));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::AlreadyExists);
        QCOMPARE(hub.status(id).executionId, second.executionId);
        o.replaceExecutionId = second.executionId;
        QVERIFY(wait(hub.engine->start(QStringLiteral("WaitGo"), {}, o)));
        QCOMPARE(hub.status(id).name, QStringLiteral("WaitGo"));

        // Purged meanwhile: nothing is lost by starting.
        o.instanceId = QStringLiteral("guard-purged");
        const QString purged = hub.start(QStringLiteral("FunctionChaining"), QStringLiteral("b"), o.instanceId);
        o.replaceExecutionId = hub.finish(purged).executionId;
        QVERIFY(wait(hub.engine->purge(purged)));
        QVERIFY(wait(hub.engine->start(QStringLiteral("FunctionChaining"), QStringLiteral("c"), o)));
        // The new-id guard lets a new id through.
        Client::StartOptions fresh;
        fresh.instanceId = QStringLiteral("guard-fresh");
        fresh.onlyIfNew = true;
        QVERIFY(wait(hub.engine->start(QStringLiteral("FunctionChaining"), QStringLiteral("d"), fresh)));
    }

    void raiseAndTerminateErrors()
    {
        Hub hub;
        QVERIFY(hub.open());
        auto r = wait(hub.engine->raiseEvent(QStringLiteral("ghost"), QStringLiteral("Go"), 1));
        QCOMPARE(r.error().code, ErrorCode::NotFound);
        auto t = wait(hub.engine->terminate(QStringLiteral("ghost"), QStringLiteral("why")));
        QCOMPARE(t.error().code, ErrorCode::NotFound);
        const QString id = hub.start(QStringLiteral("FunctionChaining"), QStringLiteral("x"));
        hub.finish(id);
        const auto historyBefore = hub.history(id);
        r = wait(hub.engine->raiseEvent(id, QStringLiteral("Go"), 1));
        QCOMPARE(r.error().code, ErrorCode::FailedPrecondition);
        t = wait(hub.engine->terminate(id, QStringLiteral("late")));
        QCOMPARE(t.error().code, ErrorCode::FailedPrecondition);
        r = wait(hub.engine->raiseEvent(id, QStringLiteral("Go"), QString(2000, u'x')));
        QVERIFY(!r);
        QCOMPARE(hub.history(id), historyBefore);
    }

    void eventBeforeTheWaitIsBuffered()
    {
        Hub hub;
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("WaitGo"), {});
        // Raised at once, before the orchestrator reaches its wait.
        QVERIFY(wait(hub.engine->raiseEvent(id, QStringLiteral("go"), QStringLiteral("early"))));
        QCOMPARE(hub.finish(id).output.toString(), QStringLiteral("early"));
    }

    void eventsDuringSuspensionAreHeld()
    {
        Hub hub;
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("WaitGo"), {});
        hub.waitFor(id, QStringLiteral("Go"));
        QVERIFY(wait(hub.engine->suspend(id, QStringLiteral("inspect"))));
        QTRY_COMPARE_WITH_TIMEOUT(hub.status(id).status, RuntimeStatus::Suspended, 10000);
        // The raise's future finishes after the batch it ran in: had the event reached the
        // suspended instance, that batch would have recorded it.
        QVERIFY(wait(hub.engine->raiseEvent(id, QStringLiteral("Go"), 5)));
        QCOMPARE(hub.status(id).status, RuntimeStatus::Suspended);
        QVERIFY(!testing::shape(hub.history(id)).contains(QStringLiteral("EventRaised:Go")));
        QVERIFY(wait(hub.engine->resume(id, QStringLiteral("done inspecting"))));
        const auto done = hub.finish(id);
        QCOMPARE(done.status, RuntimeStatus::Completed);
        QCOMPARE(done.output.toInt(), 5);
        const auto shape = testing::shape(hub.history(id));
        QVERIFY(shape.indexOf(QStringLiteral("ExecutionSuspended"))
                < shape.indexOf(QStringLiteral("ExecutionResumed")));
        QVERIFY(shape.indexOf(QStringLiteral("ExecutionResumed")) < shape.indexOf(QStringLiteral("EventRaised:Go")));
    }

    void eventsCarriedAcrossContinueAsNew()
    {
        Hub hub;
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("KeepEvents"), 0);
        hub.waitFor(id, QStringLiteral("First"));
        QVERIFY(wait(hub.engine->raiseEvent(id, QStringLiteral("First"), 1)));
        QTRY_VERIFY_WITH_TIMEOUT(!hub.status(id).waiting.timers.isEmpty(), 10000);
        QVERIFY(wait(hub.engine->raiseEvent(id, QStringLiteral("Second"), QStringLiteral("kept"))));
        // Committed (buffered by the first execution) once the raise's future finished.
        QVERIFY(testing::shape(hub.history(id)).contains(QStringLiteral("EventRaised:Second")));
        hub.clock.advance(2s);
        const auto done = hub.finish(id);
        QCOMPARE(done.status, RuntimeStatus::Completed);
        QCOMPARE(done.output.toString(), QStringLiteral("kept"));
    }

    void whenAnyLoserDoesNotBlockCompletion()
    {
        Hub hub;
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("Race"), {});
        const auto done = hub.finish(id, 1500);
        QCOMPARE(done.status, RuntimeStatus::Completed);
        QCOMPARE(done.output.toInt(), 1);
    }

    void uncancelledTimerKeepsInstanceAlive()
    {
        Hub hub;
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("ForgottenTimer"), {});
        QTRY_COMPARE_WITH_TIMEOUT(hub.status(id).waiting.timers.size(), 1, 10000);
        hub.barrier();
        QCOMPARE(hub.status(id).status, RuntimeStatus::Running);
        hub.clock.advance(1h);
        const auto done = hub.finish(id);
        QCOMPARE(done.status, RuntimeStatus::Completed);
        QCOMPARE(done.output.toString(), QStringLiteral("returned"));
    }

    void activityFailureIsCatchable()
    {
        Hub hub;
        QVERIFY(hub.open());
        const auto done = hub.finish(hub.start(QStringLiteral("Catcher"), {}));
        QCOMPARE(done.status, RuntimeStatus::Completed);
        QCOMPARE(done.output[QLatin1String("type")].toString(), QStringLiteral("InsufficientFunds"));
        QCOMPARE(done.output[QLatin1String("message")].toString(), QStringLiteral("balance too low"));
    }

    void recursiveTerminate()
    {
        Hub hub;
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("Parent"), {}, QStringLiteral("p"));
        const QString child = QStringLiteral("p-child");
        hub.waitFor(child, QStringLiteral("Go"));
        QVERIFY(wait(hub.engine->terminate(id, QStringLiteral("stop all"), true)));
        const auto parent = hub.finish(id);
        QCOMPARE(parent.status, RuntimeStatus::Terminated);
        QCOMPARE(parent.output.toString(), QStringLiteral("stop all"));
        QCOMPARE(hub.finish(child).status, RuntimeStatus::Terminated);
    }

    void purgeRules()
    {
        Hub hub;
        QVERIFY(hub.open());
        const QString running = hub.start(QStringLiteral("WaitGo"), {});
        hub.waitFor(running, QStringLiteral("Go"));
        auto refused = wait(hub.engine->purge(running));
        QCOMPARE(refused.error().code, ErrorCode::FailedPrecondition);
        QCOMPARE(hub.status(running).status, RuntimeStatus::Running);
        const QString done = hub.start(QStringLiteral("FunctionChaining"), QStringLiteral("x"));
        hub.finish(done);
        QCOMPARE(wait(hub.engine->purge(done)).value(), 1);
        QCOMPARE(wait(hub.engine->status(done)).error().code, ErrorCode::NotFound);
        QCOMPARE(wait(hub.engine->history(done)).error().code, ErrorCode::NotFound);
        for (int i = 0; i < 5; ++i)
            hub.finish(hub.start(QStringLiteral("FunctionChaining"), QStringLiteral("x")));
        PurgeFilter filter;
        filter.statuses = { RuntimeStatus::Completed, RuntimeStatus::Running };
        QCOMPARE(wait(hub.engine->purge(filter)).value(), 5);
        QCOMPARE(hub.count(), 1); // the running one survives any filter
    }

    void rewindRerunsWhatFailed()
    {
        Hub hub;
        QVERIFY(hub.open());
        failingCalls = 0;
        const QString id = hub.start(QStringLiteral("FailOnce"), QStringLiteral("v"));
        const auto failed = hub.finish(id);
        QCOMPARE(failed.status, RuntimeStatus::Failed);
        QVERIFY(failed.failure);
        QVERIFY(failed.failure->errorMessage.contains(QStringLiteral("first call fails")));
        QVERIFY(wait(hub.engine->rewind(id, QStringLiteral("fixed"))));
        QTRY_COMPARE_WITH_TIMEOUT(hub.status(id).status, RuntimeStatus::Completed, 10000);
        QCOMPARE(hub.status(id).output.toString(), QStringLiteral("v"));
        auto again = wait(hub.engine->rewind(id, QStringLiteral("twice")));
        QCOMPARE(again.error().code, ErrorCode::FailedPrecondition);
    }

    void restartSameAndNewId()
    {
        Hub hub;
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("FunctionChaining"), QStringLiteral("s"));
        hub.finish(id);
        auto same = wait(hub.engine->restart(id, false));
        QCOMPARE(same.value(), id);
        QCOMPARE(hub.finish(id).output.toString(), QStringLiteral("s>F1>F2>F3>F4"));
        auto fresh = wait(hub.engine->restart(id, true));
        QVERIFY(fresh && *fresh != id);
        QCOMPARE(hub.finish(*fresh).output.toString(), QStringLiteral("s>F1>F2>F3>F4"));
    }

    void queryPagesWithKeysetContinuation()
    {
        Hub hub;
        QVERIFY(hub.open());
        for (int i = 0; i < 25; ++i) {
            hub.start(QStringLiteral("FunctionChaining"), QStringLiteral("q"),
                      QStringLiteral("q-%1").arg(i, 2, 10, QLatin1Char('0')));
            hub.clock.advance(1ms);
        }
        hub.start(QStringLiteral("WaitGo"), {}, QStringLiteral("other"));
        InstanceQuery q;
        q.idPrefix = QStringLiteral("q-");
        q.pageSize = 10;
        QStringList seen;
        int pages = 0;
        do {
            auto page = wait(hub.engine->query(q));
            QVERIFY(page);
            ++pages;
            for (const auto &i : page->instances)
                seen.append(i.instanceId);
            q.continuation = page->continuation;
        } while (!q.continuation.isEmpty());
        QCOMPARE(pages, 3);
        QCOMPARE(seen.size(), 25);
        QCOMPARE(seen.first(), QStringLiteral("q-24")); // newest first
        QCOMPARE(seen.last(), QStringLiteral("q-00"));
        InstanceQuery byName;
        byName.name = QStringLiteral("WaitGo");
        QCOMPARE(wait(hub.engine->query(byName))->instances.size(), 1);
        // Every sort key pages through all rows exactly once, in order.
        for (auto key : { SortKey::CreatedAt, SortKey::LastUpdatedAt, SortKey::Name, SortKey::InstanceId,
                          SortKey::Status, SortKey::Duration, SortKey::CustomStatus, SortKey::ParentInstanceId }) {
            for (bool descending : { true, false }) {
                InstanceQuery sorted;
                sorted.sortKey = key;
                sorted.descending = descending;
                sorted.pageSize = 4;
                QSet<QString> ids;
                int rows = 0;
                do {
                    auto page = wait(hub.engine->query(sorted));
                    QVERIFY(page);
                    for (const auto &i : page->instances) {
                        ids.insert(i.instanceId);
                        ++rows;
                    }
                    sorted.continuation = page->continuation;
                } while (!sorted.continuation.isEmpty());
                QCOMPARE(rows, 26);
                QCOMPARE(ids.size(), 26);
            }
        }
        InstanceQuery bad;
        bad.continuation = QStringLiteral("garbage");
        QCOMPARE(wait(hub.engine->query(bad)).error().code, ErrorCode::InvalidArgument);
    }

    void logsAreMarkedWhenReplayed_data()
    {
        QTest::addColumn<int>("cacheSize");
        QTest::addColumn<bool>("expectReplayed");
        QTest::newRow("cached") << 100 << false;
        QTest::newRow("forced replay") << 0 << true;
    }
    void logsAreMarkedWhenReplayed()
    {
        QFETCH(int, cacheSize);
        QFETCH(bool, expectReplayed);
        Hub hub;
        hub.options.cacheSize = cacheSize;
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("FanOutFanIn"), 3);
        hub.finish(id);
        auto lines = wait(hub.engine->logs(id)).value();
        int live = 0, replayed = 0, activity = 0;
        for (const auto &l : lines) {
            if (l.source == QLatin1String("orchestrator"))
                (l.replaying ? replayed : live)++;
            else
                ++activity;
            QVERIFY(l.historySequence >= 0);
        }
        QCOMPARE(live, 2); // "fanning out", "fan-in complete"
        QCOMPARE(replayed > 0, expectReplayed);
        QCOMPARE(activity, 1); // F3 logs the aggregate
    }

    void nonDeterminismFailsWithExpectedAndActual()
    {
        Hub hub;
        hub.registry.addOrchestrator(QStringLiteral("Flip"), [](OrchestrationContext &ctx) -> Task<QJsonValue> {
            co_await ctx.callActivity(QStringLiteral("F4"), QStringLiteral("a"));
            co_return co_await ctx.waitForExternalEvent(QStringLiteral("Go"));
        });
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("Flip"), {});
        hub.waitFor(id, QStringLiteral("Go"));
        hub.close();
        // The code changes under a running instance: the first action is now a different activity.
        hub.registry.addOrchestrator(QStringLiteral("Flip"), [](OrchestrationContext &ctx) -> Task<QJsonValue> {
            co_await ctx.callActivity(QStringLiteral("F3"), QStringLiteral("a"));
            co_return co_await ctx.waitForExternalEvent(QStringLiteral("Go"));
        });
        QVERIFY(hub.open());
        QVERIFY(wait(hub.engine->raiseEvent(id, QStringLiteral("Go"), 1)));
        const auto failed = hub.finish(id);
        QCOMPARE(failed.status, RuntimeStatus::Failed);
        QCOMPARE(failed.failure->errorType, QStringLiteral("NonDeterministicOrchestrationError"));
        QVERIFY2(failed.failure->errorMessage.contains(
                     QStringLiteral("expected TaskScheduled 'F4' at id 0, code now does TaskScheduled 'F3'")),
                 qPrintable(failed.failure->errorMessage));
        // The structured form survives the instance row and the history, where readers find it.
        const Divergence divergence { 0, ScheduledStep { EventType::TaskScheduled, QStringLiteral("F4") },
                                      ScheduledStep { EventType::TaskScheduled, QStringLiteral("F3") } };
        QCOMPARE(failed.failure->divergence, divergence);
        const auto history = wait(hub.engine->history(id));
        QVERIFY(history);
        const auto completed = std::ranges::find(*history, EventType::ExecutionCompleted, &HistoryEvent::type);
        QVERIFY(completed != history->end());
        QCOMPARE(FailureDetails::fromJson(completed->data.value(QStringLiteral("failure")).toObject()).divergence,
                 divergence);
    }

    void secondEngineSendsCommandsToOwner()
    {
        Hub hub;
        QVERIFY(hub.open());
        QVERIFY(hub.engine->ownsWorkers());
        auto second = Engine::open(hub.options, hub.registry);
        QVERIFY(second);
        // One process runs an SQLite hub's workers; a PostgreSQL hub is shared by all of them.
        QCOMPARE((*second)->ownsWorkers(), hub.shared());
        const QString id = wait((*second)->start(QStringLiteral("WaitGo"), {})).value();
        hub.waitFor(id, QStringLiteral("Go"));
        QVERIFY(wait((*second)->raiseEvent(id, QStringLiteral("Go"), 9)));
        QCOMPARE(wait((*second)->waitForCompletion(id, 10000))->output.toInt(), 9);
    }

    void reopenResumesWhereItStopped()
    {
        Hub hub;
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("WaitGo"), {});
        hub.waitFor(id, QStringLiteral("Go"));
        hub.close();
        QVERIFY(hub.open());
        QCOMPARE(hub.status(id).status, RuntimeStatus::Running);
        QVERIFY(wait(hub.engine->raiseEvent(id, QStringLiteral("Go"), 3)));
        QCOMPARE(hub.finish(id).output.toInt(), 3);
    }
};

QTEST_GUILESS_MAIN(TestClient)
#include "tst_client.moc"
