// The PostgreSQL store on a real server (the ctest fixture's): payloads byte for byte, schema
// creation and refusals, concurrent first opens, reconnects, clear errors, and the basics of
// row-lock claims, work leases and change notifications between two connections.
#include "engine.h"
#include "hubinfo.h"
#include "hubopen.h"
#include "json.h"
#include "pgtest.h"
#include "postgres/pgstore.h"
#include "samples.h"

#include <QMutex>
#include <QRegularExpression>
#include <QThread>

#include <libpq-fe.h>

#include <atomic>

using namespace durable;

namespace {

/// An administrator's connection beside the store's, for what the store itself never does.
class Admin {
public:
    explicit Admin(const QString &url)
    {
        // The store's own parameters are not libpq's.
        auto location = postgres::parseLocation(url);
        m_conn = PQconnectdb(location ? location->connectionUrl.constData() : "");
        m_schema = location ? location->hub : QString();
    }
    ~Admin() { PQfinish(m_conn); }
    bool ok() const { return PQstatus(m_conn) == CONNECTION_OK; }
    /// First column of every row; "error: …" on failure.
    QStringList sql(const QString &statement)
    {
        PGresult *r = PQexec(m_conn, statement.toUtf8().constData());
        QStringList rows;
        const auto status = PQresultStatus(r);
        if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
            rows.append(QStringLiteral("error: ") + QString::fromUtf8(PQresultErrorMessage(r)));
        else
            for (int i = 0; i < PQntuples(r); ++i)
                rows.append(QString::fromUtf8(PQgetvalue(r, i, 0)));
        PQclear(r);
        return rows;
    }
    QString schema() const { return m_schema; }

private:
    PGconn *m_conn = nullptr;
    QString m_schema;
};

std::unique_ptr<HubStore> openStore(const QString &url, bool first = true)
{
    auto store = openHubStore(url, SyncMode::Normal, first);
    if (!store) {
        qWarning("open %s: %s", qPrintable(url), qPrintable(store.error().message));
        return {};
    }
    return std::move(*store);
}

InstanceRecord record(const QString &id, RuntimeStatus status = RuntimeStatus::Running)
{
    InstanceRecord r;
    r.info.instanceId = id;
    r.info.name = QStringLiteral("Flow");
    r.info.executionId = QStringLiteral("exec-") + id;
    r.info.status = status;
    r.info.createdAt = QDateTime::fromMSecsSinceEpoch(1'767'600'000'000, Qt::UTC);
    r.info.lastUpdatedAt = r.info.createdAt;
    return r;
}

} // namespace

class TestPgStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void payloadsRoundTripByteForByte()
    {
        DURABLE_NEED_PG();
        const QString url = test::pgHubUrl(QStringLiteral("bytes"));
        auto store = openStore(url);
        QVERIFY(store);
        // Text as an SDK serialized it: odd spacing, key order, escapes, characters beyond the BMP.
        const QByteArray odd = "{ \"z\" :1 ,\n\t\"a\":[ 1.50, \"\\u00e9\xc3\xa9\" ],\"emoji\":\"\xf0\x9f\x98\x80\" }  ";
        const QByteArray plainText = "not JSON at all: \xe2\x82\xac 100 \"quoted\" \\ back";
        auto r = record(QStringLiteral("bytes-1"));
        r.info.input = json::verbatim(odd);
        r.info.customStatus = json::verbatim(plainText);
        DURABLE_VERIFY_OK(store->begin());
        DURABLE_VERIFY_OK(store->putInstance(r));
        HistoryEvent e;
        e.sequence = 0;
        e.type = EventType::ExecutionStarted;
        e.name = QStringLiteral("Flow \xe2\x9c\x93");
        e.data = QJsonObject { { QStringLiteral("input"), json::verbatim(odd) } };
        e.timestamp = r.info.createdAt;
        DURABLE_VERIFY_OK(store->appendHistory(r.info.instanceId, r.info.executionId, { e }));
        WorkItem w { 0, r.info.instanceId, r.info.executionId, 3, QStringLiteral("Act"), json::verbatim(odd) };
        DURABLE_VERIFY_OK(store->insertWork(w));
        DURABLE_VERIFY_OK(store->commit());

        auto back = store->instance(r.info.instanceId);
        QVERIFY(back && *back);
        QCOMPARE(json::verbatimText((*back)->info.input).value_or(QByteArray()), odd);
        QCOMPARE(json::verbatimText((*back)->info.customStatus).value_or(QByteArray()), plainText);
        auto history = store->history(r.info.instanceId, r.info.executionId);
        QVERIFY(history && history->size() == 1);
        QCOMPARE(history->first().name, e.name);
        QCOMPARE(json::verbatimText(history->first().data.value(QStringLiteral("input"))).value_or(QByteArray()), odd);
        auto work = store->allWork();
        QVERIFY(work && work->size() == 1);
        QCOMPARE(json::verbatimText(work->first().input).value_or(QByteArray()), odd);
    }

    void newerSchemaIsRefused()
    {
        DURABLE_NEED_PG();
        const QString url = test::pgHubUrl(QStringLiteral("newer"));
        QVERIFY(openStore(url));
        Admin admin(url);
        QVERIFY(admin.ok());
        QCOMPARE(admin.sql(
                     QStringLiteral("UPDATE %1.hub SET value = '99' WHERE key = 'schema_version'").arg(admin.schema())),
                 QStringList());
        auto refused = openHubStore(url, SyncMode::Full, true);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::SchemaTooNew);
        QVERIFY2(refused.error().message.contains(admin.schema()), qPrintable(refused.error().message));
    }

    /// A first episode as the engine appends it: markers around ExecutionStarted and a schedule.
    static History episode()
    {
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(1'767'600'000'000, Qt::UTC);
        History events;
        for (EventType type : { EventType::OrchestratorStarted, EventType::ExecutionStarted, EventType::TaskScheduled,
                                EventType::OrchestratorCompleted }) {
            HistoryEvent e;
            e.sequence = events.size();
            e.type = type;
            e.timestamp = at.addMSecs(events.size());
            if (type == EventType::TaskScheduled) {
                e.eventId = 0;
                e.name = QStringLiteral("Act");
            }
            events.append(e);
        }
        return events;
    }

    void versionOneHubGetsTheOriginColumn()
    {
        DURABLE_NEED_PG();
        const QString url = test::pgHubUrl(QStringLiteral("v1"));
        {
            auto store = openStore(url);
            QVERIFY(store);
            DURABLE_VERIFY_OK(store->begin());
            DURABLE_VERIFY_OK(store->putInstance(record(QStringLiteral("old-1"))));
            DURABLE_VERIFY_OK(store->appendHistory(QStringLiteral("old-1"), QStringLiteral("e"), episode()));
            DURABLE_VERIFY_OK(store->commit());
        }
        // Back to what a hub of schema version 1 (before origins, before folded markers) holds:
        // every episode marker a row of its own.
        Admin admin(url);
        QVERIFY(admin.ok());
        QCOMPARE(
            admin.sql(QStringLiteral("INSERT INTO %1.history (instance_id, execution_id, sequence, event_type, "
                                     "event_id, task_id, timestamp) SELECT instance_id, execution_id, sequence - 1, "
                                     "11, -1, -1, opened_at FROM %1.history WHERE opened_at IS NOT NULL; "
                                     "INSERT INTO %1.history (instance_id, execution_id, sequence, event_type, "
                                     "event_id, task_id, timestamp) SELECT instance_id, execution_id, sequence + 1, "
                                     "12, -1, -1, closed_at FROM %1.history WHERE closed_at IS NOT NULL; "
                                     "ALTER TABLE %1.history DROP COLUMN opened_at; ALTER TABLE %1.history DROP "
                                     "COLUMN closed_at; "
                                     "ALTER TABLE %1.instances DROP COLUMN origin; DROP INDEX "
                                     "%1.instances_status_created; CREATE INDEX instances_status ON %1.instances "
                                     "(status, instance_id); UPDATE %1.hub SET value = '1' WHERE key = "
                                     "'schema_version'")
                          .arg(admin.schema())),
            QStringList());
        QCOMPARE(admin.sql(QStringLiteral("SELECT count(*) FROM %1.history").arg(admin.schema())),
                 QStringList { QStringLiteral("4") });
        auto store = openStore(url);
        QVERIFY(store);
        QCOMPARE(admin.sql(QStringLiteral("SELECT value FROM %1.hub WHERE key = 'schema_version'").arg(admin.schema())),
                 QStringList { QString::number(postgres::PgStore::SchemaVersion) });
        QCOMPARE(store->history(QStringLiteral("old-1"), QStringLiteral("e")).value(), episode());
        QCOMPARE(admin.sql(QStringLiteral("SELECT indexname FROM pg_indexes WHERE schemaname = '%1' AND indexname LIKE "
                                          "'instances_status%'")
                               .arg(admin.schema())),
                 QStringList { QStringLiteral("instances_status_created") });
        auto old = store->instance(QStringLiteral("old-1"));
        QVERIFY(old && *old);
        QVERIFY((*old)->info.origin.isEmpty());
        InstanceRecord forked = record(QStringLiteral("fork-1"));
        forked.info.origin = QJsonObject { { QStringLiteral("kind"), QStringLiteral("fork") },
                                           { QStringLiteral("from"), QStringLiteral("old-1") } };
        DURABLE_VERIFY_OK(store->begin());
        DURABLE_VERIFY_OK(store->putInstance(forked));
        DURABLE_VERIFY_OK(store->commit());
        auto read = store->instance(QStringLiteral("fork-1"), false);
        QVERIFY(read && *read);
        QCOMPARE((*read)->info.origin, forked.info.origin);
    }

    void foreignSchemaIsRefused()
    {
        DURABLE_NEED_PG();
        const QString url = test::pgHubUrl(QStringLiteral("foreign"));
        Admin admin(url);
        QVERIFY(admin.ok());
        QCOMPARE(admin.sql(QStringLiteral("CREATE SCHEMA %1; CREATE TABLE %1.notes (body text)").arg(admin.schema())),
                 QStringList());
        auto refused = openHubStore(url, SyncMode::Full, true);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::Corrupt);
        QCOMPARE(
            admin.sql(QStringLiteral("SELECT count(*) FROM pg_tables WHERE schemaname = '%1'").arg(admin.schema())),
            QStringList { QStringLiteral("1") });
    }

    void concurrentFirstOpensCreateTheSchemaOnce()
    {
        DURABLE_NEED_PG();
        const QString url = test::pgHubUrl(QStringLiteral("race"));
        constexpr int Openers = 4;
        std::atomic<int> opened { 0 };
        std::atomic<bool> go { false };
        QList<QThread *> threads;
        QStringList errors;
        QMutex mutex;
        for (int i = 0; i < Openers; ++i) {
            threads.append(QThread::create([&] {
                while (!go.load())
                    QThread::yieldCurrentThread();
                auto store = openHubStore(url, SyncMode::Normal, true);
                if (store) {
                    ++opened;
                } else {
                    QMutexLocker lock(&mutex);
                    errors.append(store.error().message);
                }
            }));
            threads.last()->start();
        }
        go = true;
        for (auto *t : threads) {
            QVERIFY(t->wait(60000));
            delete t;
        }
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
        QCOMPARE(opened.load(), Openers);
        Admin admin(url);
        QCOMPARE(admin.sql(QStringLiteral("SELECT key || '=' || value FROM %1.hub ORDER BY key").arg(admin.schema())),
                 (QStringList { QStringLiteral("application_id=DWB1"),
                                QStringLiteral("schema_version=%1").arg(postgres::PgStore::SchemaVersion) }));
    }

    void reconnectsAfterTheServerEndedTheConnection()
    {
        DURABLE_NEED_PG();
        const QString name = test::uniqueHubName(QStringLiteral("app"));
        const QString url = test::pgHubUrl(QStringLiteral("reconnect")) + QStringLiteral("&application_name=") + name;
        auto store = openStore(url);
        QVERIFY(store);
        DURABLE_VERIFY_OK(store->begin());
        DURABLE_VERIFY_OK(store->putInstance(record(QStringLiteral("r-1"))));
        DURABLE_VERIFY_OK(store->commit());
        const qint64 counter = store->changeCounter().value();
        Admin admin(url);
        const auto terminate = QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                              "WHERE application_name = '%1' AND pid <> pg_backend_pid()")
                                   .arg(name);
        QCOMPARE(admin.sql(terminate), QStringList { QStringLiteral("t") });
        // A read on its own reconnects and runs again.
        auto found = store->instance(QStringLiteral("r-1"));
        QVERIFY2(found, found ? "" : qPrintable(found.error().message));
        QVERIFY(*found);
        // So does a transaction: begin() finds the broken connection and resets it.
        QCOMPARE(admin.sql(terminate), QStringList { QStringLiteral("t") });
        auto begun = store->begin();
        QVERIFY2(begun, begun ? "" : qPrintable(begun.error().message));
        DURABLE_VERIFY_OK(store->putInstance(record(QStringLiteral("r-2"))));
        DURABLE_VERIFY_OK(store->commit());
        QVERIFY(store->instance(QStringLiteral("r-2")).value().has_value());
        // What others committed while it was away went unnoticed: the counter says "changed".
        QVERIFY(store->changeCounter().value() > counter);
        // Inside a transaction a broken connection is an error, never a silent retry.
        DURABLE_VERIFY_OK(store->begin());
        QCOMPARE(admin.sql(terminate), QStringList { QStringLiteral("t") });
        auto write = store->putInstance(record(QStringLiteral("r-3")));
        QVERIFY(!write);
        QCOMPARE(write.error().code, ErrorCode::Storage);
        QVERIFY2(write.error().message.contains(QLatin1String("connection")), qPrintable(write.error().message));
        store->rollback();
        QVERIFY(!store->instance(QStringLiteral("r-3")).value().has_value());
    }

    void commitAfterAFailedStatementFails()
    {
        DURABLE_NEED_PG();
        // PostgreSQL aborts a transaction at its first error (and answers a later COMMIT with
        // ROLLBACK): the store must report that, never let a caller believe the rest was committed.
        auto store = openStore(test::pgHubUrl(QStringLiteral("aborted")));
        QVERIFY(store);
        HistoryEvent e;
        e.sequence = 0;
        e.type = EventType::ExecutionStarted;
        e.timestamp = QDateTime::currentDateTimeUtc();
        DURABLE_VERIFY_OK(store->begin());
        DURABLE_VERIFY_OK(store->appendHistory(QStringLiteral("a"), QStringLiteral("e"), { e }));
        DURABLE_VERIFY_OK(store->commit());
        DURABLE_VERIFY_OK(store->begin());
        DURABLE_VERIFY_OK(store->putInstance(record(QStringLiteral("a"))));
        // Same key: the write goes out pipelined, so its error may come with a later statement; the
        // COMMIT at the latest.
        (void)store->appendHistory(QStringLiteral("a"), QStringLiteral("e"), { e });
        auto committed = store->commit();
        QVERIFY(!committed);
        QVERIFY(!store->instance(QStringLiteral("a")).value().has_value());
        // A pipelined write's error also comes with the next statement that waits for an answer.
        DURABLE_VERIFY_OK(store->begin());
        DURABLE_VERIFY_OK(store->appendHistory(QStringLiteral("a"), QStringLiteral("e"), { e }));
        auto read = store->instance(QStringLiteral("a"));
        QVERIFY(!read);
        QVERIFY2(read.error().message.contains(QLatin1String("history")), qPrintable(read.error().message));
        store->rollback();
        // Inside a savepoint (a client command in a batch), the command alone is undone.
        DURABLE_VERIFY_OK(store->begin());
        DURABLE_VERIFY_OK(store->putInstance(record(QStringLiteral("b"))));
        DURABLE_VERIFY_OK(store->savepoint());
        DURABLE_VERIFY_OK(store->putInstance(record(QStringLiteral("c"))));
        (void)store->appendHistory(QStringLiteral("a"), QStringLiteral("e"), { e });
        QVERIFY(!store->releaseSavepoint());
        DURABLE_VERIFY_OK(store->commit());
        QVERIFY(store->instance(QStringLiteral("b")).value().has_value());
        QVERIFY(!store->instance(QStringLiteral("c")).value().has_value());
        DURABLE_VERIFY_OK(store->begin()); // and the connection goes on
        DURABLE_VERIFY_OK(store->putInstance(record(QStringLiteral("a"))));
        DURABLE_VERIFY_OK(store->commit());
        QVERIFY(store->instance(QStringLiteral("a")).value().has_value());
    }

    void clearErrors()
    {
        DURABLE_NEED_PG();
        const QString server = test::pgServer();
        auto badName = openHubStore(server + QStringLiteral("?hub=Not-An-Identifier"), SyncMode::Full, true);
        QVERIFY(!badName);
        QCOMPARE(badName.error().code, ErrorCode::InvalidArgument);
        QVERIFY(badName.error().message.contains(QLatin1String("Not-An-Identifier")));

        QString wrongDb = server;
        wrongDb.replace(QRegularExpression(QStringLiteral("/postgres$")), QStringLiteral("/no_such_database"));
        QVERIFY(wrongDb != server);
        auto missing = openHubStore(wrongDb, SyncMode::Full, true);
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::Storage);
        QVERIFY2(missing.error().message.contains(QLatin1String("no_such_database")),
                 qPrintable(missing.error().message));

        auto down = openHubStore(QStringLiteral("postgresql://durable@%2Fnonexistent%2Fsocket%2Fdir/postgres"),
                                 SyncMode::Full, true);
        QVERIFY(!down);
        QCOMPARE(down.error().code, ErrorCode::Storage);
        QVERIFY2(down.error().message.contains(QLatin1String("cannot connect")), qPrintable(down.error().message));
    }

    void statementTimeoutIsBusy()
    {
        DURABLE_NEED_PG();
        const QString url = test::pgHubUrl(QStringLiteral("timeout"));
        QVERIFY(openStore(url));
        auto store = openStore(url + QStringLiteral("&options=-c%20statement_timeout%3D200"));
        QVERIFY(store);
        DURABLE_VERIFY_OK(store->begin());
        DURABLE_VERIFY_OK(store->putInstance(record(QStringLiteral("t-1"))));
        DURABLE_VERIFY_OK(store->commit());
        Admin admin(url);
        QCOMPARE(admin.sql(QStringLiteral("BEGIN; SELECT 1 FROM %1.instances FOR UPDATE").arg(admin.schema())),
                 QStringList { QStringLiteral("1") });
        DURABLE_VERIFY_OK(store->begin());
        auto waited = store->deleteInstance(QStringLiteral("t-1"));
        QVERIFY(!waited);
        QCOMPARE(waited.error().code, ErrorCode::Busy);
        QVERIFY2(waited.error().message.contains(QLatin1String("statement_timeout")),
                 qPrintable(waited.error().message));
        store->rollback();
        admin.sql(QStringLiteral("ROLLBACK"));
    }

    void claimsSkipRowsAnotherBatchHolds()
    {
        DURABLE_NEED_PG();
        const QString url = test::pgHubUrl(QStringLiteral("claim"));
        auto a = openStore(url);
        auto b = openStore(url, false);
        QVERIFY(a && b);
        const QDateTime now = QDateTime::fromMSecsSinceEpoch(1'767'600'100'000, Qt::UTC);
        DURABLE_VERIFY_OK(a->begin());
        for (const auto &id : { QStringLiteral("c-1"), QStringLiteral("c-2") }) {
            DURABLE_VERIFY_OK(a->putInstance(record(id)));
            DURABLE_VERIFY_OK(a->insertMessage(InboxMessage::event(id, QStringLiteral("go"), 1, now)));
        }
        DURABLE_VERIFY_OK(a->commit());
        DURABLE_VERIFY_OK(a->begin());
        QCOMPARE(a->lockInstances({ QStringLiteral("c-1") }).value(), QStringList { QStringLiteral("c-1") });
        DURABLE_VERIFY_OK(b->begin());
        auto due = b->dueMessages(now, 100).value();
        QCOMPARE(due.size(), 1);
        QCOMPARE(due.first().instanceId, QStringLiteral("c-2"));
        // b's batch holds c-2 now: a's claim gets c-1 only (locked already by itself).
        auto dueA = a->dueMessages(now, 100).value();
        QCOMPARE(dueA.size(), 1);
        QCOMPARE(dueA.first().instanceId, QStringLiteral("c-1"));
        DURABLE_VERIFY_OK(b->deleteMessage(due.first().id));
        DURABLE_VERIFY_OK(b->commit());
        a->rollback();
        DURABLE_VERIFY_OK(b->begin());
        due = b->dueMessages(now, 100).value();
        QCOMPARE(due.size(), 1);
        QCOMPARE(due.first().instanceId, QStringLiteral("c-1"));
        b->rollback();
    }

    void workLeasesAndTheFence()
    {
        DURABLE_NEED_PG();
        const QString url = test::pgHubUrl(QStringLiteral("lease"));
        auto a = openStore(url);
        auto b = openStore(url, false);
        QVERIFY(a && b);
        auto sa = a->openSession(WorkerInfo { QStringLiteral("a"), QStringLiteral("host"), 1 }, 60000).value();
        auto sb = b->openSession(WorkerInfo { QStringLiteral("b"), QStringLiteral("host"), 2 }, 60000).value();
        QVERIFY(sa && sb && sa->workerId != sb->workerId);
        DURABLE_VERIFY_OK(a->begin());
        QVERIFY(a->verifySession(*sa).value());
        WorkItem local { 0, QStringLiteral("w-1"), QStringLiteral("e"), 1, QStringLiteral("Act"), 1 };
        WorkItem free { 0, QStringLiteral("w-1"), QStringLiteral("e"), 2, QStringLiteral("Act"), 2 };
        local.id = a->insertWork(local).value();
        free.id = a->insertWork(free).value();
        DURABLE_VERIFY_OK(a->leaseWork({ local.id }));
        DURABLE_VERIFY_OK(a->commit());
        // The free row goes to whoever claims it, with its first attempt.
        DURABLE_VERIFY_OK(b->begin());
        auto claimed = b->claimWork(10).value();
        QCOMPARE(claimed.size(), 1);
        QCOMPARE(claimed.first().id, free.id);
        QCOMPARE(claimed.first().attempt, 1);
        DURABLE_VERIFY_OK(b->commit());
        // a's result for the row b holds is void; its own counts once.
        free.attempt = 1;
        local.attempt = 1;
        DURABLE_VERIFY_OK(a->begin());
        QCOMPARE(a->deleteWork(free).value(), false);
        QCOMPARE(a->deleteWork(local).value(), true);
        QCOMPARE(a->deleteWork(local).value(), false);
        DURABLE_VERIFY_OK(a->commit());
        // b closes: its row is free again, and the next claim is attempt 2; b's stale result is void.
        DURABLE_VERIFY_OK(b->closeSession(*sb));
        DURABLE_VERIFY_OK(a->begin());
        auto again = a->claimWork(10).value();
        QCOMPARE(again.size(), 1);
        QCOMPARE(again.first().attempt, 2);
        DURABLE_VERIFY_OK(a->commit());
        DURABLE_VERIFY_OK(b->begin());
        QCOMPARE(b->deleteWork(claimed.first()).value(), false);
        DURABLE_VERIFY_OK(b->commit());
        auto workers = a->sessions().value();
        QCOMPARE(workers.size(), 1);
        QCOMPARE(workers.first().workHeld, 1);
        QCOMPARE(workers.first().instancesHeld, 1);
    }

    void expiredSessionsAreReaped()
    {
        DURABLE_NEED_PG();
        const QString url = test::pgHubUrl(QStringLiteral("reap"));
        auto a = openStore(url);
        auto b = openStore(url, false);
        QVERIFY(a && b);
        auto sa = a->openSession(WorkerInfo { QStringLiteral("a"), QStringLiteral("host"), 1 }, 60000).value();
        auto sb = b->openSession(WorkerInfo { QStringLiteral("b"), QStringLiteral("host"), 2 }, 1).value();
        QVERIFY(sa && sb);
        DURABLE_VERIFY_OK(b->begin());
        QVERIFY(b->verifySession(*sb).value() || true);
        WorkItem w { 0, QStringLiteral("x"), QStringLiteral("e"), 1, QStringLiteral("Act"), 1 };
        w.id = b->insertWork(w).value();
        DURABLE_VERIFY_OK(b->leaseWork({ w.id }));
        DURABLE_VERIFY_OK(b->commit());
        // b's 1 ms lease runs out; a's renewal reaps it and its work is free.
        QVERIFY(QTest::qWaitFor([&] { return !b->renewSession(*sb).value_or(true); }, 10000));
        QVERIFY(a->renewSession(*sa).value());
        DURABLE_VERIFY_OK(a->begin());
        QCOMPARE(b->sessions().value().size(), 1);
        auto claimed = a->claimWork(5).value();
        QCOMPARE(claimed.size(), 1);
        QCOMPARE(claimed.first().attempt, 2);
        DURABLE_VERIFY_OK(a->commit());
        DURABLE_VERIFY_OK(b->begin());
        QCOMPARE(b->verifySession(*sb).value(), false);
        b->rollback();
    }

    void integrityCheckLooksAtTheSchema()
    {
        DURABLE_NEED_PG();
        const QString url = test::pgHubUrl(QStringLiteral("integrity"));
        Registry registry;
        EngineOptions o;
        o.hubPath = url;
        o.runWorkers = false;
        auto engine = Engine::open(o, registry);
        DURABLE_VERIFY_OK(engine);
        auto checked = (*engine)->checkIntegrity().result();
        DURABLE_VERIFY_OK(checked);
        QCOMPARE(*checked, QStringList { QStringLiteral("ok") });
        Admin admin(url);
        QCOMPARE(admin.sql(QStringLiteral("DROP TABLE %1.logs").arg(admin.schema())), QStringList());
        checked = (*engine)->checkIntegrity().result();
        DURABLE_VERIFY_OK(checked);
        QCOMPARE(*checked, QStringList { QStringLiteral("table logs is missing") });
        QCOMPARE(serverHubDescription(url).value_or(QString()).left(11), QStringLiteral("PostgreSQL "));
    }

    void twoEnginesShareAFanOut()
    {
        DURABLE_NEED_PG();
        // Two workers (engines with their own connections and sessions) on one hub: the fan-out's
        // activities are spread between them, and the history records each task exactly once.
        const QString url = test::pgHubUrl(QStringLiteral("two"));
        Registry registry;
        samples::registerAll(registry);
        EngineOptions o;
        o.hubPath = url;
        o.sync = SyncMode::Normal;
        o.activityThreads = 2;
        auto a = Engine::open(o, registry);
        DURABLE_VERIFY_OK(a);
        auto b = Engine::open(o, registry);
        DURABLE_VERIFY_OK(b);
        constexpr int N = 200;
        auto id = (*a)->start(QStringLiteral("FanOutFanIn"),
                              QJsonObject { { QStringLiteral("n"), N }, { QStringLiteral("delayMs"), 5 } })
                      .result();
        DURABLE_VERIFY_OK(id);
        auto done = (*b)->waitForCompletion(*id, 120000).result();
        DURABLE_VERIFY_OK(done);
        QCOMPARE(done->status, RuntimeStatus::Completed);
        QCOMPARE(done->output.toInteger(), qint64(N) * (N + 1) * (2 * N + 1) / 6);
        auto history = (*a)->history(*id).result();
        DURABLE_VERIFY_OK(history);
        QSet<int> scheduled, completed;
        for (const auto &e : *history) {
            if (e.type == EventType::TaskScheduled) {
                QVERIFY2(!scheduled.contains(e.eventId), "a task scheduled twice");
                scheduled.insert(e.eventId);
            }
            if (e.type == EventType::TaskCompleted) {
                QVERIFY2(!completed.contains(e.taskId), "a task completed twice");
                completed.insert(e.taskId);
            }
        }
        QCOMPARE(scheduled.size(), N + 2); // F1, N times F2, F3
        QCOMPARE(completed, scheduled);
        auto store = openStore(url, false);
        QVERIFY(store);
        QCOMPARE(store->allWork().value().size(), 0);
        const auto workers = store->sessions().value();
        QCOMPARE(workers.size(), 2);
        // Informational: how the activities were shared (progress is written with each batch).
        qInfo("activities done per worker: %lld, %lld", workers.at(0).activitiesDone, workers.at(1).activitiesDone);
    }

    void commitsNotifyOtherConnections()
    {
        DURABLE_NEED_PG();
        const QString url = test::pgHubUrl(QStringLiteral("notify"));
        auto a = openStore(url);
        auto b = openStore(url, false);
        QVERIFY(a && b);
        const qint64 a0 = a->changeCounter().value();
        const qint64 b0 = b->changeCounter().value();
        DURABLE_VERIFY_OK(a->begin());
        DURABLE_VERIFY_OK(a->putInstance(record(QStringLiteral("n-1"))));
        DURABLE_VERIFY_OK(a->commit());
        QVERIFY(QTest::qWaitFor([&] { return b->changeCounter().value() > b0; }, 10000));
        QCOMPARE(a->changeCounter().value(), a0); // its own commit is not news to it
        // A transaction that wrote nothing notifies nobody.
        const qint64 b1 = b->changeCounter().value();
        DURABLE_VERIFY_OK(a->begin());
        QVERIFY(a->instance(QStringLiteral("n-1")));
        DURABLE_VERIFY_OK(a->commit());
        DURABLE_VERIFY_OK(a->begin());
        DURABLE_VERIFY_OK(a->putInstance(record(QStringLiteral("n-2"))));
        DURABLE_VERIFY_OK(a->commit());
        QVERIFY(QTest::qWaitFor([&] { return b->changeCounter().value() > b1; }, 10000));
        QCOMPARE(b->changeCounter().value(), b1 + 1);
    }
};

QTEST_GUILESS_MAIN(TestPgStore)
#include "tst_pgstore.moc"
