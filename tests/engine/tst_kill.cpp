// Kill suite: a worker process (durable-killworker) owns a hub and runs a mixed workload — chains,
// fan-outs, sub-orchestrations, durable timers, external events, continue-as-new — and is killed
// with SIGKILL at random moments, round after round; each round adds a wave of instances, and the
// test raises events through a client of the same hub while the worker lives and while it is dead.
// After every kill: no history holds a second completion of anything. At the end, after a final
// run to completion: exact outputs, exactly one completion per scheduled task, timer and child,
// every raised event consumed once and in order, empty work and inbox tables, and no activity
// whose completion was committed at a kill ran again afterwards (at-least-once: only uncommitted
// tasks re-run).
//
// DURABLE_KILL_ROUNDS=N (default 10) sets the rounds; DURABLE_KILL_SEED=S replays a run (the seed
// is printed at the start).
#include "killworkload.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace durable;

namespace {

struct Tracked {
    QString id;
    QString event; ///< event name the instance consumes; empty: none
    QJsonArray toRaise; ///< its payloads, in the order they are raised
    int raised = 0;
};

/// Exact output of an instance of the workload, from its name and input; events instances
/// (KEvents, KEternal) are checked against what was raised instead.
std::optional<double> expectedNumber(const InstanceInfo &info)
{
    const int n = info.input[QStringLiteral("n")].toInt();
    if (info.name == QLatin1String("KChain") || info.name == QLatin1String("KTimers"))
        return n;
    if (info.name == QLatin1String("KFan"))
        return double(n) * (n + 1) * (2 * n + 1) / 6;
    if (info.name == QLatin1String("KParent"))
        return 3 * 5 + 385;
    return std::nullopt;
}

int envInt(const char *name, int fallback)
{
    bool ok = false;
    const int v = qEnvironmentVariableIntValue(name, &ok);
    return ok ? v : fallback;
}

} // namespace

class TestKill : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_hub, m_side;
    Registry m_registry;
    std::unique_ptr<Engine> m_client; ///< a second process's view: starts and raises, never runs work
    QList<Tracked> m_tracked;
    /// Per kill: the keys whose completion was committed, and how often each had run by then.
    QList<std::pair<QSet<QString>, QHash<QString, int>>> m_committed;

    QHash<QString, int> executions() const
    {
        QHash<QString, int> counts;
        QFile f(m_side);
        if (f.open(QIODevice::ReadOnly)) {
            for (const auto &line : f.readAll().split('\n')) {
                if (!line.isEmpty())
                    ++counts[QString::fromUtf8(line)];
            }
        }
        return counts;
    }

    int executionCount() const
    {
        QFile f(m_side);
        return f.open(QIODevice::ReadOnly) ? int(f.readAll().count('\n')) : 0;
    }

    QList<InstanceInfo> allInstances()
    {
        QList<InstanceInfo> all;
        InstanceQuery q;
        q.pageSize = 1000;
        q.includeInputs = true;
        do {
            auto page = m_client->query(q).result();
            if (!page)
                return {};
            all += page->instances;
            q.continuation = page->continuation;
        } while (!q.continuation.isEmpty());
        return all;
    }

    void startWave(int wave)
    {
        const auto start = [&](const QString &kind, const QString &name, const QJsonObject &input, const QString &event,
                               int events) {
            Client::StartOptions o;
            o.instanceId = QStringLiteral("w%1-%2").arg(wave).arg(kind);
            auto started = m_client->start(name, input, o).result();
            QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
            Tracked t { o.instanceId, event, {}, 0 };
            for (int k = 0; k < events; ++k)
                t.toRaise.append(wave * 100 + k);
            m_tracked.append(t);
        };
        const auto n = [](int v) { return QJsonObject { { QStringLiteral("n"), v } }; };
        start(QStringLiteral("chain"), QStringLiteral("KChain"), n(30), {}, 0);
        start(QStringLiteral("fan"), QStringLiteral("KFan"), n(40), {}, 0);
        start(QStringLiteral("parent"), QStringLiteral("KParent"), {}, {}, 0);
        start(QStringLiteral("timers"), QStringLiteral("KTimers"), n(4), {}, 0);
        start(QStringLiteral("events"), QStringLiteral("KEvents"), n(5), QStringLiteral("Ev"), 5);
        start(QStringLiteral("eternal"), QStringLiteral("KEternal"),
              QJsonObject { { QStringLiteral("gen"), 0 },
                            { QStringLiteral("limit"), 4 },
                            { QStringLiteral("got"), QJsonArray() } },
              QStringLiteral("Tick"), 4);
    }

    /// Raises the next pending event of one instance picked at random, through the client.
    void raiseOne(QRandomGenerator &rng)
    {
        QList<Tracked *> pending;
        for (auto &t : m_tracked) {
            if (t.raised < t.toRaise.size())
                pending.append(&t);
        }
        if (pending.isEmpty())
            return;
        Tracked *t = pending.at(int(rng.bounded(quint32(pending.size()))));
        auto raised = m_client->raiseEvent(t->id, t->event, t->toRaise.at(t->raised)).result();
        QVERIFY2(raised, qPrintable(raised ? QString() : raised.error().message));
        ++t->raised;
    }

    /// Checks every history as it stands: contiguous sequences, no second completion of anything,
    /// nothing completed that was not scheduled, never more events than raised; with `final`, also
    /// exactly one completion of everything scheduled. Returns the keys of activities whose
    /// completion is committed.
    QSet<QString> checkHistories(bool final)
    {
        QSet<QString> committed;
        const auto instances = allInstances();
        if (final)
            [&] { QVERIFY(!instances.isEmpty()); }();
        QHash<QString, int> raisedTo;
        for (const auto &t : std::as_const(m_tracked))
            raisedTo.insert(t.id, t.raised);
        for (const auto &info : instances) {
            auto history = m_client->history(info.instanceId).result();
            [&] { QVERIFY2(history, qPrintable(info.instanceId)); }();
            if (!history)
                return committed;
            QHash<std::pair<int, int>, QString> scheduled; // (type, eventId) -> key for activities
            QHash<std::pair<int, int>, int> completions;
            int eventsRaised = 0;
            for (int i = 0; i < history->size(); ++i) {
                const HistoryEvent &e = history->at(i);
                const QString where
                    = QStringLiteral("%1 event %2 (%3)").arg(info.instanceId).arg(i).arg(eventTypeName(e.type));
                [&] {
                    QVERIFY2(e.sequence == i,
                             qPrintable(where + QStringLiteral(": sequence ") + QString::number(e.sequence)));
                }();
                std::optional<EventType> scheduling;
                switch (e.type) {
                case EventType::TaskScheduled:
                case EventType::TimerCreated:
                case EventType::SubOrchestrationInstanceCreated:
                    [&] {
                        QVERIFY2(!scheduled.contains({ int(e.type), e.eventId }),
                                 qPrintable(where + QStringLiteral(": scheduled twice")));
                    }();
                    scheduled.insert({ int(e.type), e.eventId },
                                     e.data.value(QStringLiteral("input"))[QStringLiteral("key")].toString());
                    break;
                case EventType::TaskCompleted:
                case EventType::TaskFailed:
                    scheduling = EventType::TaskScheduled;
                    break;
                case EventType::TimerFired:
                    scheduling = EventType::TimerCreated;
                    break;
                case EventType::SubOrchestrationInstanceCompleted:
                case EventType::SubOrchestrationInstanceFailed:
                    scheduling = EventType::SubOrchestrationInstanceCreated;
                    break;
                case EventType::EventRaised:
                    ++eventsRaised;
                    break;
                default:
                    break;
                }
                if (!scheduling)
                    continue;
                const std::pair<int, int> key { int(*scheduling), e.taskId };
                [&] {
                    QVERIFY2(scheduled.contains(key),
                             qPrintable(where + QStringLiteral(": completes nothing scheduled")));
                }();
                [&] {
                    QVERIFY2(++completions[key] == 1, qPrintable(where + QStringLiteral(": a second completion")));
                }();
                if (*scheduling == EventType::TaskScheduled)
                    committed.insert(scheduled.value(key));
            }
            // An execution that ran an episode is no longer in the continue-as-new transition.
            const bool ranEpisode = std::any_of(history->cbegin(), history->cend(), [](const HistoryEvent &e) {
                return e.type == EventType::OrchestratorCompleted;
            });
            [&] {
                QVERIFY2(
                    !(ranEpisode && info.status == RuntimeStatus::ContinuedAsNew),
                    qPrintable(info.instanceId + QStringLiteral(": ContinuedAsNew while its next execution runs")));
            }();
            // KEternal's history is its current generation's only; the output check covers it.
            if (info.name == QLatin1String("KEvents"))
                [&] {
                    QVERIFY2(eventsRaised <= raisedTo.value(info.instanceId),
                             qPrintable(info.instanceId + QStringLiteral(": more events than raised")));
                }();
            if (final) {
                for (auto it = scheduled.cbegin(); it != scheduled.cend(); ++it)
                    [&] {
                        QVERIFY2(completions.value(it.key()) == 1,
                                 qPrintable(QStringLiteral("%1: event %2 of type %3 never completed")
                                                .arg(info.instanceId)
                                                .arg(it.key().second)
                                                .arg(it.key().first)));
                    }();
            }
        }
        return committed;
    }

    bool allDone()
    {
        const auto instances = allInstances();
        return !instances.isEmpty()
            && std::all_of(instances.cbegin(), instances.cend(), [](const auto &i) { return isTerminal(i.status); });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_hub = m_dir.filePath(QStringLiteral("hub.sqlite"));
        m_side = m_dir.filePath(QStringLiteral("executions.log"));
        killsuite::registerWorkload(m_registry, [](const QString &) {});
        EngineOptions o;
        o.hubPath = m_hub;
        o.runWorkers = false;
        auto client = Engine::open(o, m_registry);
        QVERIFY2(client, qPrintable(client ? QString() : client.error().message));
        m_client = std::move(*client);
    }

    void killRounds()
    {
        const int rounds = envInt("DURABLE_KILL_ROUNDS", 10);
        const quint32 seed
            = quint32(envInt("DURABLE_KILL_SEED", int(QRandomGenerator::global()->generate() & 0x7fffffff)));
        qInfo("kill suite: %d rounds, seed %u (replay with DURABLE_KILL_SEED=%u)", rounds, seed, seed);
        QRandomGenerator rng(seed);
        int killedMidRun = 0;
        for (int round = 0; round < rounds; ++round) {
            startWave(round);
            if (QTest::currentTestFailed())
                return;
            raiseOne(rng); // while no worker runs
            QProcess worker;
            worker.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            worker.start(QStringLiteral(KILLWORKER), { m_hub, m_side });
            QVERIFY(worker.waitForStarted());
            const int before = executionCount();
            const quint32 moment = rng.bounded(3u);
            if (moment == 0) {
                // A random time after the start: start-up, recovery of the previous run's work, or mid-run.
                QTest::qWait(int(rng.bounded(400u)));
            } else {
                // After a random amount of progress, raising events while it runs. The work left may
                // be smaller than the amount drawn (instances waiting for events): then the kill
                // comes when the worker has gone idle, another moment worth testing.
                const int progress = 1 + int(rng.bounded(moment == 1 ? 100u : 30u));
                for (quint32 k = rng.bounded(4u); k > 0; --k)
                    raiseOne(rng);
                QDeadlineTimer idle(1000);
                for (int last = executionCount();
                     executionCount() - before < progress && worker.state() == QProcess::Running;) {
                    QTest::qWait(20);
                    if (const int now = executionCount(); now != last) {
                        last = now;
                        idle.setRemainingTime(1000);
                    } else if (idle.hasExpired()) {
                        break;
                    }
                }
            }
            QVERIFY2(worker.state() == QProcess::Running, "the worker ended before it was killed");
            killedMidRun += executionCount() > before ? 1 : 0;
            worker.kill(); // SIGKILL
            QVERIFY(worker.waitForFinished());
            const QSet<QString> committed = checkHistories(false);
            if (QTest::currentTestFailed())
                return;
            m_committed.append({ committed, executions() });
        }
        qInfo("kill suite: %d kills, %d of them after the worker had run activities", rounds, killedMidRun);

        // The final run: everything left is raised while the worker runs, and it all completes.
        QProcess worker;
        worker.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        worker.start(QStringLiteral(KILLWORKER), { m_hub, m_side });
        QVERIFY(worker.waitForStarted());
        int left = 0;
        for (const auto &t : std::as_const(m_tracked))
            left += int(t.toRaise.size()) - t.raised;
        while (left-- > 0)
            raiseOne(rng);
        QTRY_VERIFY_WITH_TIMEOUT(allDone(), 180000);
        worker.kill();
        QVERIFY(worker.waitForFinished());

        // Exact outputs; every raised event consumed once, in the order raised.
        QHash<QString, Tracked> tracked;
        for (const auto &t : std::as_const(m_tracked))
            tracked.insert(t.id, t);
        const auto instances = allInstances();
        QCOMPARE(instances.size(), m_tracked.size() / 6 * 10); // per wave 6 instances and KParent's 4 children
        for (const auto &info : instances) {
            QVERIFY2(info.status == RuntimeStatus::Completed,
                     qPrintable(info.instanceId + QStringLiteral(": ") + statusName(info.status)));
            if (const auto number = expectedNumber(info)) {
                QVERIFY2(info.output.toDouble() == *number, qPrintable(info.instanceId));
            } else {
                const Tracked t = tracked.value(info.instanceId);
                QCOMPARE(t.raised, t.toRaise.size());
                QVERIFY2(info.output == t.toRaise,
                         qPrintable(
                             info.instanceId + QStringLiteral(": ")
                             + QString::fromUtf8(QJsonDocument(info.output.toArray()).toJson(QJsonDocument::Compact))));
            }
        }
        const QSet<QString> done = checkHistories(true);
        if (QTest::currentTestFailed())
            return;

        // At least once: every completed activity ran; a committed one never ran again.
        const auto after = executions();
        for (const auto &key : done)
            QVERIFY2(after.value(key) >= 1, qPrintable(key + QStringLiteral(" never ran")));
        int reruns = 0;
        for (const auto &[committed, counts] : std::as_const(m_committed)) {
            for (const auto &key : committed)
                QVERIFY2(after.value(key) == counts.value(key),
                         qPrintable(key + QStringLiteral(" ran again after its completion was committed")));
        }
        for (auto it = after.cbegin(); it != after.cend(); ++it)
            reruns += it.value() - 1;
        int raised = 0;
        for (const auto &t : std::as_const(m_tracked))
            raised += t.raised;
        qInfo("kill suite: %lld instances exact, %d events raised and consumed once, %lld activity completions in the "
              "final histories, each once, "
              "%lld executions (%d re-runs of uncommitted tasks, none of committed ones)",
              qlonglong(instances.size()), raised, qlonglong(done.size()), qlonglong(after.size()) + reruns, reruns);

        // Nothing left behind: no work, no message, no timer.
        m_client.reset();
        {
            auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("inspect"));
            db.setDatabaseName(m_hub);
            QVERIFY(db.open());
            for (const char *table : { "work", "inbox" }) {
                QSqlQuery q(db);
                QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table))));
                QVERIFY(q.next());
                QVERIFY2(q.value(0).toInt() == 0, table);
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("inspect"));
    }
};

QTEST_GUILESS_MAIN(TestKill)
#include "tst_kill.moc"
