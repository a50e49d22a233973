// copyHub(): a hub with every kind of instance copied between real SQLite files (and through a
// real PostgreSQL server when the suite has one), compared row for row, refusals that change
// nothing, a cancel that leaves nothing, and the copy run to completion by a real engine.
#include "enginefixture.h"
#include "hubcopy.h"
#include "hubopen.h"
#include "json.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTest>

#include <atomic>

using namespace durable;
using namespace testing;
using namespace Qt::StringLiterals;

namespace {

QString text(const QJsonValue &v)
{
    return v.isUndefined() ? u"<undefined>"_s : QString::fromUtf8(json::toText(v));
}

QString ms(const QDateTime &t)
{
    return t.isValid() ? QString::number(t.toMSecsSinceEpoch()) : u"-"_s;
}

// Each stored row as one line of text with every field a store keeps, but the ids it assigns
// itself (messages, work rows, log lines): an independent check of the copy's own comparison.
QString dump(const InstanceRecord &r)
{
    const auto &i = r.info;
    return QStringList { i.instanceId,
                         i.name,
                         i.version,
                         i.executionId,
                         statusName(i.status),
                         text(i.input),
                         text(i.output),
                         text(i.customStatus),
                         i.failure ? text(i.failure->toJson()) : u"-"_s,
                         ms(i.createdAt),
                         ms(i.lastUpdatedAt),
                         ms(i.completedAt),
                         i.parentInstanceId,
                         QString::number(i.parentTaskId),
                         text(i.waiting.toJson()),
                         QString::number(r.historyLength) }
        .join(u'|');
}

QString dump(const HistoryEvent &e)
{
    return u"%1|%2|%3|%4|%5|%6|%7"_s.arg(e.sequence)
        .arg(eventTypeName(e.type))
        .arg(e.eventId)
        .arg(e.taskId)
        .arg(e.name, text(e.data), ms(e.timestamp));
}

QString dump(const LogLine &l)
{
    return u"%1|%2|%3|%4|%5|%6|%7|%8|%9"_s.arg(l.instanceId, l.executionId)
        .arg(l.historySequence)
        .arg(ms(l.timestamp))
        .arg(int(l.level))
        .arg(l.source)
        .arg(l.taskId)
        .arg(l.replaying)
        .arg(l.message);
}

QString dump(const InboxMessage &m)
{
    return u"%1|%2|%3|%4|%5|%6|%7"_s.arg(m.instanceId, m.executionId, eventTypeName(m.type))
        .arg(m.taskId)
        .arg(m.name, text(m.data), ms(m.visibleAt));
}

/// The whole hub as lines of text, in id order: what "identical" means here.
struct HubDump {
    QStringList instances, history, logs, messages, work, scripts;
    qsizetype rows() const
    {
        return instances.size() + history.size() + logs.size() + messages.size() + work.size() + scripts.size();
    }
};

HubDump dumpHub(const QString &location)
{
    HubDump d;
    auto opened = openHubStore(location, SyncMode::Normal, true);
    if (!opened) {
        qWarning("cannot open %s: %s", qPrintable(location), qPrintable(opened.error().message));
        d.instances << u"<cannot open>"_s;
        return d;
    }
    auto &store = **opened;
    InstanceQuery q;
    q.sortKey = SortKey::InstanceId;
    q.descending = false;
    q.pageSize = 7; // several pages even for the small hub
    for (;;) {
        auto page = store.query(q);
        if (!page)
            qFatal("query: %s", qPrintable(page.error().message));
        for (const auto &info : page->instances) {
            auto r = store.instance(info.instanceId, true);
            if (!r || !*r)
                qFatal("instance %s", qPrintable(info.instanceId));
            d.instances << dump(**r);
            const QString exec = (*r)->info.executionId;
            // Named: a range-for over *temporary would read a destroyed value.
            const auto history = store.history(info.instanceId, exec);
            const auto logs = store.logs(info.instanceId, exec, 0);
            const auto messages = store.messagesOf(info.instanceId);
            if (!history || !logs || !messages)
                qFatal("reading %s failed", qPrintable(info.instanceId));
            for (const auto &e : *history)
                d.history << info.instanceId + u'|' + dump(e);
            for (const auto &l : *logs)
                d.logs << dump(l);
            for (const auto &m : *messages)
                d.messages << dump(m);
        }
        if (page->continuation.isEmpty())
            break;
        q.continuation = page->continuation;
    }
    const auto work = store.allWork();
    const auto scripts = store.scriptVersions({});
    if (!work || !scripts)
        qFatal("reading work and scripts failed");
    for (const auto &w : *work)
        d.work << u"%1|%2|%3|%4|%5"_s.arg(w.instanceId, w.executionId).arg(w.taskId).arg(w.name, text(w.input));
    for (const auto &v : *scripts) {
        auto full = store.scriptVersion(v.fileName, v.version);
        d.scripts << u"%1|%2|%3|%4|%5|%6|%7"_s.arg(full->fileName)
                         .arg(full->version)
                         .arg(full->code, full->sha256, ms(full->createdAt), full->orchestrators.join(u','),
                              full->activities.join(u','));
    }
    return d;
}

void compareDumps(const HubDump &a, const HubDump &b)
{
    QCOMPARE(b.instances, a.instances);
    QCOMPARE(b.history, a.history);
    QCOMPARE(b.logs, a.logs);
    QCOMPARE(b.messages, a.messages);
    QCOMPARE(b.work, a.work);
    QCOMPARE(b.scripts, a.scripts);
}

const QString Remote = u"RemoteStep"_s; // an activity the source's engine does not register

void registerOrchestrators(Registry &registry)
{
    registry.addActivity(u"Echo"_s, [](ActivityContext &ctx, const QJsonValue &input) -> QJsonValue {
        ctx.log(u"echo "_s + input.toString());
        return QString(input.toString() + u"!"_s);
    });
    registry.addActivity(u"Boom"_s, [](ActivityContext &, const QJsonValue &) -> QJsonValue {
        throw ActivityError(u"BoomError"_s, u"it went boom"_s, u"details"_s);
    });
    // Running with an activity in flight (its work row waits for a worker that has it) and a timer
    // an hour away; custom status as verbatim text, as SDK workers send it.
    registry.addOrchestrator(u"Mixed"_s, [](OrchestrationContext &ctx) -> Task<QJsonValue> {
        ctx.log(u"mixed starts"_s);
        ctx.setCustomStatus(json::verbatim(QByteArrayLiteral("phase one, not JSON")));
        auto step = ctx.callActivity(u"RemoteStep"_s, ctx.input());
        auto timer = ctx.createTimer(ctx.currentUtcDateTime().addSecs(3600));
        // Named: GCC cannot keep an initializer list's array in a coroutine frame.
        const std::vector<Future> both { step, timer };
        co_await whenAll(both);
        co_return QString(step.result().toString() + u" after the timer"_s);
    });
    registry.addOrchestrator(u"Waiter"_s, [](OrchestrationContext &ctx) -> Task<QJsonValue> {
        ctx.log(u"waiting for Go"_s);
        const QJsonValue go = co_await ctx.waitForExternalEvent(u"Go"_s);
        co_return QString(u"got "_s + go.toString());
    });
    registry.addOrchestrator(u"Chain"_s, [](OrchestrationContext &ctx) -> Task<QJsonValue> {
        const QJsonValue a = co_await ctx.callActivity(u"Echo"_s, ctx.input());
        ctx.log(LogLevel::Warning, u"half way"_s);
        co_return co_await ctx.callActivity(u"Echo"_s, a);
    });
    registry.addOrchestrator(u"Failing"_s, [](OrchestrationContext &ctx) -> Task<QJsonValue> {
        co_return co_await ctx.callActivity(u"Boom"_s, ctx.input());
    });
    registry.addOrchestrator(u"Parent"_s, [](OrchestrationContext &ctx) -> Task<QJsonValue> {
        const QJsonValue child = co_await ctx.callSubOrchestrator(u"Waiter"_s, {}, ctx.instanceId() + u"-child"_s);
        co_return QString(u"parent of "_s + child.toString());
    });
    // Continues as new twice, then waits: a later execution with a history of its own.
    registry.addOrchestrator(u"Looper"_s, [](OrchestrationContext &ctx) -> Task<QJsonValue> {
        const int round = ctx.input().toInt();
        ctx.log(u"round %1"_s.arg(round));
        if (round < 2) {
            ctx.continueAsNew(round + 1);
            co_return QJsonValue();
        }
        const QJsonValue go = co_await ctx.waitForExternalEvent(u"Go"_s);
        co_return QString(u"looped, got "_s + go.toString());
    });
}

bool waitForStatus(EngineFixture &f, const QString &id, auto &&predicate)
{
    return QTest::qWaitFor(
        [&] {
            const auto s = wait(f.engine->status(id));
            return s && predicate(*s);
        },
        30000);
}

QString pgLocation(const QString &base, const QString &hub)
{
    return base + (base.contains(u'?') ? u"&hub="_s : u"?hub="_s) + hub;
}

} // namespace

class HubCopyTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_source; ///< the hub with every kind of instance, built once
    HubDump m_sourceDump;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    void checkCopy(const QString &from, const QString &to)
    {
        std::vector<HubCopyProgress> progress;
        auto copied = copyHub(from, to, [&](const HubCopyProgress &p) { progress.push_back(p); });
        QVERIFY2(copied, copied ? "" : qPrintable(copied.error().error.message));
        QCOMPARE(copied->instances, qint64(m_sourceDump.instances.size()));
        QCOMPARE(copied->historyEvents, qint64(m_sourceDump.history.size()));
        QCOMPARE(copied->logLines, qint64(m_sourceDump.logs.size()));
        QCOMPARE(copied->messages, qint64(m_sourceDump.messages.size()));
        QCOMPARE(copied->workRows, qint64(m_sourceDump.work.size()));
        QCOMPARE(copied->scriptVersions, qint64(m_sourceDump.scripts.size()));
        QVERIFY(copied->verification().endsWith(u"identical"_s));
        QVERIFY(!progress.empty());
        QCOMPARE(progress.back().phase, HubCopyProgress::Phase::Verifying);
        QCOMPARE(progress.back().done, copied->instances);
        QCOMPARE(progress.back().total, copied->instances);
        compareDumps(m_sourceDump, dumpHub(to));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_source = path(u"source.sqlite"_s);
        EngineFixture f;
        f.options.hubPath = m_source;
        f.options.externalWorkers = true; // RemoteStep waits in its work row
        registerOrchestrators(f.registry);
        QVERIFY(f.open());
        f.start(u"Mixed"_s, u"in flight"_s, u"mixed"_s);
        f.start(u"Waiter"_s, json::verbatim("{not json"), u"waiting"_s);
        f.start(u"Waiter"_s, 1, u"suspended"_s);
        f.start(u"Waiter"_s, 2, u"terminated"_s);
        f.start(u"Chain"_s, u"c"_s, u"completed"_s);
        f.start(u"Failing"_s, QJsonObject { { u"x"_s, 1 } }, u"failed"_s);
        f.start(u"Parent"_s, {}, u"parent"_s);
        f.start(u"Looper"_s, 0, u"looper"_s);
        QCOMPARE(f.finish(u"completed"_s).status, RuntimeStatus::Completed);
        QCOMPARE(f.finish(u"failed"_s).status, RuntimeStatus::Failed);
        for (const QString &id : { u"waiting"_s, u"suspended"_s, u"terminated"_s, u"parent-child"_s, u"looper"_s }) {
            QVERIFY2(waitForStatus(f, id, [](const InstanceInfo &i) { return !i.waiting.events.isEmpty(); }),
                     qPrintable(id));
        }
        QVERIFY(waitForStatus(f, u"mixed"_s, [](const InstanceInfo &i) {
            return i.waiting.activities == 1 && !i.waiting.timers.isEmpty();
        }));
        QVERIFY(wait(f.engine->suspend(u"suspended"_s, u"held"_s)));
        QVERIFY(wait(f.engine->terminate(u"terminated"_s, u"stopped"_s)));
        QVERIFY(waitForStatus(f, u"suspended"_s,
                              [](const InstanceInfo &i) { return i.status == RuntimeStatus::Suspended; }));
        QVERIFY(waitForStatus(f, u"terminated"_s,
                              [](const InstanceInfo &i) { return i.status == RuntimeStatus::Terminated; }));
        // An event waiting in the inbox of the suspended one (only resume reaches it).
        QVERIFY(wait(f.engine->raiseEvent(u"suspended"_s, u"Go"_s, u"early"_s)));
        QVERIFY(wait(f.engine->saveScript(u"a.js"_s, u"// one"_s, { u"A"_s }, { u"a1"_s })));
        QVERIFY(wait(f.engine->saveScript(u"a.js"_s, u"// two"_s, { u"A"_s, u"B"_s }, {})));
        QVERIFY(wait(f.engine->saveScript(u"b.js"_s, u"// b"_s, {}, { u"b1"_s })));
        QVERIFY(wait(f.engine->saveScript(u"a.js"_s, u"// one"_s, { u"A"_s }, { u"a1"_s })));
        // A what-if fork: the origin in its row is copied (and compared) like every other column.
        ForkRequest fork;
        fork.instanceId = u"completed"_s;
        fork.afterSequence = 1;
        fork.newInstanceId = u"forked"_s;
        const auto forked = wait(f.engine->fork(fork));
        QVERIFY2(forked && forked->instanceId == u"forked"_s, forked ? "" : qPrintable(forked.error().message));
        QCOMPARE(f.finish(u"forked"_s).status, RuntimeStatus::Completed);
        QCOMPARE(f.status(u"forked"_s).origin.value(u"from"_s).toString(), u"completed"_s);
        f.close();

        m_sourceDump = dumpHub(m_source);
        // The hub holds what the test claims to copy.
        QCOMPARE(m_sourceDump.instances.size(), 10);
        for (const char *status : { "|Running|", "|Completed|", "|Failed|", "|Terminated|", "|Suspended|" })
            QVERIFY2(m_sourceDump.instances.filter(QLatin1String(status)).size() >= 1, status);
        QVERIFY(m_sourceDump.instances.filter(u"parent-child|Waiter"_s).constFirst().contains(u"|parent|"_s));
        QVERIFY(m_sourceDump.instances.filter(u"phase one"_s).size() == 1);
        QCOMPARE(m_sourceDump.work.size(), 1);
        QVERIFY(m_sourceDump.work.constFirst().contains(Remote));
        QVERIFY(m_sourceDump.messages.filter(u"TimerFired"_s).size() == 1);
        QVERIFY(m_sourceDump.messages.filter(u"early"_s).size() == 1);
        QVERIFY(m_sourceDump.logs.filter(u"round 2"_s).size() >= 1);
        QVERIFY(m_sourceDump.logs.filter(u"round 0"_s).isEmpty()); // gone with its execution
        QCOMPARE(m_sourceDump.scripts.size(), 4);
        QVERIFY(m_sourceDump.history.size() > 30);
    }

    void sqliteToSqlite()
    {
        const QString to = path(u"copy.sqlite"_s);
        checkCopy(m_source, to);
        QVERIFY(!QTest::currentTestFailed());
        // The source is as it was.
        compareDumps(m_sourceDump, dumpHub(m_source));
    }

    void intoEmptyHub()
    {
        const QString to = path(u"empty.sqlite"_s);
        QVERIFY(openHubStore(to, SyncMode::Normal, true)); // an existing, empty hub
        checkCopy(m_source, to);
    }

    void throughPostgres()
    {
        const QString server = qEnvironmentVariable("DURABLE_TEST_PG");
        if (server.isEmpty()) {
            if (qEnvironmentVariableIsSet("DURABLE_REQUIRE_PG"))
                QFAIL("DURABLE_REQUIRE_PG is set but DURABLE_TEST_PG is not: no PostgreSQL server for this test");
            QSKIP("needs a PostgreSQL server: DURABLE_TEST_PG unset (ctest sets it with the pg fixture)");
        }
        const QString hub = u"copy_%1"_s.arg(QRandomGenerator::global()->generate(), 8, 16, QChar(u'0'));
        const QString pg = pgLocation(server, hub);
        checkCopy(m_source, pg);
        QVERIFY(!QTest::currentTestFailed());
        const QString back = path(u"back.sqlite"_s);
        checkCopy(pg, back);
        QVERIFY(!QTest::currentTestFailed());
        // A second copy into the now full PostgreSQL hub is refused.
        auto again = copyHub(m_source, pg);
        QVERIFY(!again);
        QCOMPARE(again.error().kind, HubCopyError::Kind::Refused);

        // A PostgreSQL hub that does not exist: nothing to open, and no schema is created for it.
        const QString nowhere = pgLocation(server, hub + u"_nowhere"_s);
        auto absent = copyHub(nowhere, path(u"from-nowhere.sqlite"_s));
        QVERIFY(!absent);
        QCOMPARE(absent.error().kind, HubCopyError::Kind::CannotOpen);
        QVERIFY(!QFileInfo::exists(path(u"from-nowhere.sqlite"_s)));
        {
            auto probe = openHubStore(nowhere, SyncMode::Normal, false);
            QVERIFY(probe);
            QVERIFY(!(*probe)->countByStatus());
        }

        // A worker session on the PostgreSQL hub: copying from it is refused, naming that worker.
        {
            auto worker = openHubStore(pg, SyncMode::Normal, false);
            QVERIFY(worker);
            auto session = (*worker)->openSession({ u"test-worker"_s, u"elsewhere"_s, 4242, {}, {} }, 15000);
            QVERIFY(session && *session);
            auto busy = copyHub(pg, path(u"from-busy-pg.sqlite"_s));
            QVERIFY(!busy);
            QCOMPARE(busy.error().kind, HubCopyError::Kind::Refused);
            QVERIFY2(busy.error().error.message.contains(u"host elsewhere, pid 4242"_s),
                     qPrintable(busy.error().error.message));
            QVERIFY(!QFileInfo::exists(path(u"from-busy-pg.sqlite"_s)));
            QVERIFY((*worker)->closeSession(**session));
        }

        // Cancelled half way into another PostgreSQL hub: the copied instances are removed again.
        const QString cancelled = pgLocation(server, hub + u"_cancel"_s);
        HubCopyOptions small;
        small.batchInstances = 2;
        std::atomic<bool> cancel { false };
        auto stopped = copyHub(
            m_source, cancelled,
            [&](const HubCopyProgress &p) {
                if (p.phase == HubCopyProgress::Phase::Copying && p.done >= 4)
                    cancel = true;
            },
            &cancel, small);
        QVERIFY(!stopped);
        QCOMPARE(stopped.error().kind, HubCopyError::Kind::Cancelled);
        QVERIFY(stopped.error().leftover.isEmpty());
        QCOMPARE(dumpHub(cancelled).rows(), 0);
    }

    void refusals()
    {
        // Same hub, by another spelling of its path.
        auto same = copyHub(m_source, m_dir.path() + u"/./source.sqlite"_s);
        QVERIFY(!same);
        QCOMPARE(same.error().kind, HubCopyError::Kind::Refused);
        QVERIFY2(same.error().error.message.contains(u"same hub"_s), qPrintable(same.error().error.message));

        // A missing source is not created.
        const QString missing = path(u"missing.sqlite"_s);
        auto none = copyHub(missing, path(u"never.sqlite"_s));
        QVERIFY(!none);
        QCOMPARE(none.error().kind, HubCopyError::Kind::CannotOpen);
        QVERIFY(!QFileInfo::exists(missing));
        QVERIFY(!QFileInfo::exists(path(u"never.sqlite"_s)));

        // An empty source (most likely a wrong name) is refused.
        const QString empty = path(u"empty-source.sqlite"_s);
        QVERIFY(openHubStore(empty, SyncMode::Normal, true));
        auto nothing = copyHub(empty, path(u"from-empty.sqlite"_s));
        QVERIFY(!nothing);
        QCOMPARE(nothing.error().kind, HubCopyError::Kind::Refused);
        QVERIFY2(nothing.error().error.message.contains(u"empty"_s), qPrintable(nothing.error().error.message));
        QVERIFY(!QFileInfo::exists(path(u"from-empty.sqlite"_s)));

        // A destination that already holds instances: nothing changes in either hub.
        const QString full = path(u"full.sqlite"_s);
        {
            EngineFixture f;
            f.options.hubPath = full;
            registerOrchestrators(f.registry);
            QVERIFY(f.open());
            f.start(u"Chain"_s, u"x"_s, u"mine"_s);
            QCOMPARE(f.finish(u"mine"_s).status, RuntimeStatus::Completed);
        }
        const HubDump before = dumpHub(full);
        auto notEmpty = copyHub(m_source, full);
        QVERIFY(!notEmpty);
        QCOMPARE(notEmpty.error().kind, HubCopyError::Kind::Refused);
        QVERIFY2(notEmpty.error().error.message.contains(u"not empty"_s), qPrintable(notEmpty.error().error.message));
        compareDumps(before, dumpHub(full));
        compareDumps(m_sourceDump, dumpHub(m_source));

        // A running worker on the source: refused with its pid, the destination file not left behind.
        {
            EngineFixture f;
            f.options.hubPath = m_source;
            f.options.externalWorkers = true;
            registerOrchestrators(f.registry);
            QVERIFY(f.open());
            QVERIFY(QTest::qWaitFor([&] { return f.engine->ownsWorkers(); }, 20000));
            const QString to = path(u"while-running.sqlite"_s);
            auto busy = copyHub(m_source, to);
            QVERIFY(!busy);
            QCOMPARE(busy.error().kind, HubCopyError::Kind::Refused);
            QVERIFY2(busy.error().error.message.contains(u"pid %1"_s.arg(QCoreApplication::applicationPid())),
                     qPrintable(busy.error().error.message));
            QVERIFY(!QFileInfo::exists(to));
        }
        compareDumps(m_sourceDump, dumpHub(m_source));
    }

    void cancelLeavesNothing()
    {
        HubCopyOptions small;
        small.batchInstances = 2; // several commits before the cancel
        for (bool existing : { false, true }) {
            const QString to = path(existing ? u"cancel-existing.sqlite"_s : u"cancel-new.sqlite"_s);
            if (existing)
                QVERIFY(openHubStore(to, SyncMode::Normal, true));
            std::atomic<bool> cancel { false };
            qint64 copiedBeforeCancel = 0;
            auto result = copyHub(
                m_source, to,
                [&](const HubCopyProgress &p) {
                    if (p.phase == HubCopyProgress::Phase::Copying && p.done >= 4) {
                        copiedBeforeCancel = p.done;
                        cancel = true;
                    }
                },
                &cancel, small);
            QVERIFY(!result);
            QCOMPARE(result.error().kind, HubCopyError::Kind::Cancelled);
            QVERIFY(result.error().leftover.isEmpty());
            QVERIFY(copiedBeforeCancel >= 4); // instances had been committed when it was cancelled
            if (existing)
                QCOMPARE(dumpHub(to).rows(), 0);
            else
                QVERIFY(!QFileInfo::exists(to));
        }
        compareDumps(m_sourceDump, dumpHub(m_source));
    }

    /// The copy opens in an engine that has the remote activity, and every running instance ends.
    void copiedHubRuns()
    {
        const QString to = path(u"run.sqlite"_s);
        checkCopy(m_source, to);
        QVERIFY(!QTest::currentTestFailed());
        EngineFixture f;
        f.options.hubPath = to;
        registerOrchestrators(f.registry);
        f.registry.addActivity(Remote, [](ActivityContext &, const QJsonValue &input) -> QJsonValue {
            return QString(u"ran "_s + input.toString());
        });
        QVERIFY(f.open());
        const auto mixed = wait(f.engine->status(u"mixed"_s));
        QVERIFY(mixed && mixed->waiting.timers.size() == 1);
        QVERIFY(waitForStatus(f, u"mixed"_s, [](const InstanceInfo &i) { return i.waiting.activities == 0; }));
        QVERIFY(wait(f.engine->fireTimer(u"mixed"_s, mixed->waiting.timers.constFirst().id)));
        QVERIFY(wait(f.engine->raiseEvent(u"waiting"_s, u"Go"_s, u"w"_s)));
        QVERIFY(wait(f.engine->raiseEvent(u"parent-child"_s, u"Go"_s, u"c"_s)));
        QVERIFY(wait(f.engine->raiseEvent(u"looper"_s, u"Go"_s, u"l"_s)));
        QVERIFY(wait(f.engine->resume(u"suspended"_s, u"go on"_s)));
        QCOMPARE(f.finish(u"mixed"_s).output, QJsonValue(u"ran in flight after the timer"_s));
        QCOMPARE(f.finish(u"waiting"_s).output, QJsonValue(u"got w"_s));
        QCOMPARE(f.finish(u"parent"_s).output, QJsonValue(u"parent of got c"_s));
        QCOMPARE(f.finish(u"looper"_s).output, QJsonValue(u"looped, got l"_s));
        QCOMPARE(f.finish(u"suspended"_s).output, QJsonValue(u"got early"_s));
        // Two script versions of a.js plus b.js: numbers as in the source.
        const auto versions = wait(f.engine->scriptVersions(u"a.js"_s));
        QVERIFY(versions);
        QCOMPARE(versions->size(), 3);
        QCOMPARE(versions->last().version, 3);
    }

    /// DURABLE_COPY_LARGE=N: a hub of N completed instances (6 events each) copied in bounded
    /// batches, to SQLite and, with DURABLE_TEST_PG, to PostgreSQL.
    void largeHub()
    {
        const int n = qEnvironmentVariableIntValue("DURABLE_COPY_LARGE");
        if (n <= 0)
            QSKIP("set DURABLE_COPY_LARGE=N (e.g. 100000) for a hub of N instances");
        // DURABLE_COPY_LARGE_HUB=PATH keeps the generated hub there, e.g. to time the CLI on it.
        const QString from = qEnvironmentVariable("DURABLE_COPY_LARGE_HUB", path(u"large.sqlite"_s));
        for (const char *suffix : { "", "-wal", "-shm" })
            QFile::remove(from + QLatin1String(suffix));
        {
            auto store = openHubStore(from, SyncMode::Normal, true);
            QVERIFY(store);
            auto &s = **store;
            const QDateTime t = QDateTime::currentDateTimeUtc();
            for (int i = 0; i < n;) {
                QVERIFY(s.begin());
                for (int k = 0; k < 5000 && i < n; ++k, ++i) {
                    InstanceRecord r;
                    r.info.instanceId = u"large-%1"_s.arg(i, 7, 10, QChar(u'0'));
                    r.info.name = u"Chain"_s;
                    r.info.executionId = u"e%1"_s.arg(i);
                    r.info.status = RuntimeStatus::Completed;
                    r.info.input = i;
                    r.info.output = u"done"_s;
                    r.info.createdAt = r.info.lastUpdatedAt = r.info.completedAt = t;
                    History h;
                    for (int e = 0; e < 6; ++e)
                        h.append(HistoryEvent { e, EventType::GenericEvent, -1, -1, {}, { { u"n"_s, e } }, t });
                    r.historyLength = h.size();
                    QVERIFY(s.putInstance(r));
                    QVERIFY(s.appendHistory(r.info.instanceId, r.info.executionId, h));
                }
                QVERIFY(s.commit());
            }
        }
        QStringList targets { path(u"large-copy.sqlite"_s) };
        const QString server = qEnvironmentVariable("DURABLE_TEST_PG");
        if (!server.isEmpty())
            targets << pgLocation(server,
                                  u"large_%1"_s.arg(QRandomGenerator::global()->generate(), 8, 16, QChar(u'0')));
        for (const QString &to : std::as_const(targets)) {
            QElapsedTimer timer;
            timer.start();
            auto copied = copyHub(from, to, {}, nullptr);
            QVERIFY2(copied, copied ? "" : qPrintable(copied.error().error.message));
            QCOMPARE(copied->instances, qint64(n));
            QCOMPARE(copied->historyEvents, qint64(n) * 6);
            qInfo("to %s: %s in %lld ms (copy and verification)", isServerHub(to) ? "PostgreSQL" : "SQLite",
                  qPrintable(copied->verification()), timer.elapsed());
        }
    }
};

QTEST_GUILESS_MAIN(HubCopyTest)
#include "tst_hubcopy.moc"
