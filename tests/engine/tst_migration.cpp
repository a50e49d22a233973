// Hubs written by earlier schema versions: each is rebuilt as that version left it (columns,
// indexes and user_version put back) and must open, migrate in place and keep its data.
#include "engine.h"
#include "enginefixture.h"
#include "hubopen.h"
#include "hubupgrade.h"
#include "oldschema.h"
#include "samples.h"
#include "sqlite/instancequery.h"
#include "sqlite/sqlitestore.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace durable;
using namespace oldschema;

class TestMigration : public QObject {
    Q_OBJECT

private:
    Registry m_registry;

    Result<std::unique_ptr<Engine>> open(const QString &path)
    {
        EngineOptions o;
        o.hubPath = path;
        return Engine::open(o, m_registry);
    }

    void createHub(const QString &path)
    {
        auto engine = open(path);
        QVERIFY(engine);
    }

    static QString currentVersion() { return QString::number(sqlite::SqliteStore::SchemaVersion); }

private Q_SLOTS:
    void versionOneHubIsMigrated()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v1.sqlite"));
        createHub(path);
        // Turn it back into a version 1 hub: without the script table and everything after it.
        QCOMPARE(runSql(path, downgradeTo(1)), QStringList());
        EngineOptions o;
        o.hubPath = path;
        auto engine = Engine::open(o, m_registry);
        QVERIFY2(engine, engine ? "" : qPrintable(engine.error().message));
        const QString code = QStringLiteral("df.orchestrator('A', function*(context) { return 1; });");
        auto saved = (*engine)->saveScript(QStringLiteral("a.js"), code, { QStringLiteral("A") }, {}).result();
        QCOMPARE(saved.value(), 1);
    }

    void versionFourHubGetsTheOriginColumn()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v4.sqlite"));
        const QString id = QStringLiteral("old-1");
        {
            auto store = openHubStore(path, SyncMode::Normal, true);
            QVERIFY(store);
            InstanceRecord r;
            r.info.instanceId = id;
            r.info.name = QStringLiteral("Flow");
            r.info.executionId = QStringLiteral("e");
            r.info.status = RuntimeStatus::Completed;
            r.info.createdAt = QDateTime::fromMSecsSinceEpoch(1'767'600'000'000, Qt::UTC);
            r.info.lastUpdatedAt = r.info.createdAt;
            QVERIFY((*store)->begin());
            QVERIFY((*store)->putInstance(r));
            QVERIFY((*store)->commit());
        }
        // The hub as schema version 4 (before origins) left it.
        QCOMPARE(runSql(path, downgradeTo(4)), QStringList());
        {
            auto engine = open(path);
            QVERIFY(engine);
            auto info = (*engine)->status(id).result();
            QVERIFY(info);
            QVERIFY(info->origin.isEmpty());
        }
        QCOMPARE(runSql(path, { QStringLiteral("PRAGMA user_version") }), QStringList { currentVersion() });
        QCOMPARE(
            runSql(path,
                   { QStringLiteral("SELECT count(*) FROM pragma_table_info('instances') WHERE name = 'origin'") }),
            QStringList { QStringLiteral("1") });
        QCOMPARE(runSql(path, { QStringLiteral("SELECT count(*) FROM instances WHERE origin IS NULL") }),
                 QStringList { QStringLiteral("1") });
    }

    void versionTwoHubKeepsItsWork()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v2.sqlite"));
        createHub(path);
        // A version 2 hub: work ids from AUTOINCREMENT, one activity in flight.
        QCOMPARE(
            runSql(path,
                   QStringList {
                       QStringLiteral("DROP TABLE work"),
                       QStringLiteral("CREATE TABLE work (id INTEGER PRIMARY KEY AUTOINCREMENT, instance_id TEXT NOT "
                                      "NULL, execution_id TEXT NOT NULL, task_id INTEGER NOT NULL, name TEXT NOT NULL, "
                                      "input TEXT, created_at INTEGER NOT NULL)"),
                       QStringLiteral("CREATE INDEX work_instance ON work (instance_id)"),
                       QStringLiteral("INSERT INTO work VALUES (41, 'i', 'e', 3, 'Echo', '\"x\"', 0)") }
                       + downgradeTo(2)),
            QStringList());
        {
            EngineOptions o;
            o.hubPath = path;
            o.runWorkers = false;
            auto engine = Engine::open(o, m_registry);
            QVERIFY2(engine, engine ? "" : qPrintable(engine.error().message));
        }
        QCOMPARE(runSql(path, { QStringLiteral("PRAGMA user_version") }), QStringList { currentVersion() });
        QCOMPARE(
            runSql(path, { QStringLiteral("SELECT count(*) FROM pragma_table_info('owner') WHERE name = 'since'") }),
            QStringList { QStringLiteral("1") });
        QCOMPARE(
            runSql(path,
                   { QStringLiteral("SELECT id || ':' || instance_id || ':' || task_id || ':' || input FROM work") }),
            QStringList { QStringLiteral("41:i:3:\"x\"") });
        const QStringList definition
            = runSql(path, { QStringLiteral("SELECT sql FROM sqlite_master WHERE name = 'work'") });
        QCOMPARE(definition.size(), 1);
        QVERIFY2(!definition.first().contains(QLatin1String("AUTOINCREMENT")), qPrintable(definition.first()));
        QCOMPARE(
            runSql(path,
                   { QStringLiteral("SELECT name FROM sqlite_master WHERE tbl_name = 'work' AND type = 'index'") }),
            QStringList());
    }

    void versionFiveHubGetsTheStatusIndexByCreation()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v5.sqlite"));
        {
            auto store = openHubStore(path, SyncMode::Normal, true);
            QVERIFY(store);
            QVERIFY((*store)->begin());
            for (int i = 0; i < 300; ++i) {
                InstanceRecord r;
                r.info.instanceId = QStringLiteral("i%1").arg(i, 3, 10, QChar(u'0'));
                r.info.name = QStringLiteral("Flow");
                r.info.executionId = QStringLiteral("e");
                r.info.status = i % 3 == 0 ? RuntimeStatus::Failed : RuntimeStatus::Completed;
                r.info.createdAt = QDateTime::fromMSecsSinceEpoch(1'767'600'000'000 + i * 1000, Qt::UTC);
                r.info.lastUpdatedAt = r.info.createdAt;
                QVERIFY((*store)->putInstance(r));
            }
            QVERIFY((*store)->commit());
        }
        QCOMPARE(runSql(path, downgradeTo(5)), QStringList());
        // The list's query for one status in its default order (newest first), as the engine builds it.
        InstanceQuery failed;
        failed.statuses = { RuntimeStatus::Failed };
        const auto built = sqlite::buildInstanceQuery(failed, "instance_id");
        QVERIFY(built);
        const QString plan = QStringLiteral("EXPLAIN QUERY PLAN ") + QString::fromUtf8(built->sql);
        // Version 5 sorts every failed instance to find the first page.
        QVERIFY(runSql(path, { plan }, built->binds).join(u'\n').contains(QLatin1String("TEMP B-TREE")));
        {
            auto engine = open(path);
            QVERIFY2(engine, engine ? "" : qPrintable(engine.error().message));
            auto page = (*engine)->query(failed).result();
            QVERIFY(page);
            QCOMPARE(page->instances.size(), 100);
            QCOMPARE(page->instances.first().instanceId, QStringLiteral("i297"));
            QCOMPARE(page->instances.last().instanceId, QStringLiteral("i000"));
        }
        QCOMPARE(runSql(path, { QStringLiteral("PRAGMA user_version") }), QStringList { currentVersion() });
        QCOMPARE(runSql(path,
                        { QStringLiteral("SELECT name FROM sqlite_master WHERE tbl_name = 'instances' AND name LIKE "
                                         "'instances_status%'") }),
                 QStringList { QStringLiteral("instances_status_created") });
        // Version 6 reads the first page off the index, in order.
        const QString after = runSql(path, { plan }, built->binds).join(u'\n');
        QVERIFY2(!after.contains(QLatin1String("TEMP B-TREE")), qPrintable(after));
        QVERIFY2(after.contains(QLatin1String("instances_status_created")), qPrintable(after));
    }
    // Version 6 kept every episode marker as a row of its own. Such a hub opens at version 7
    // without rewriting a row, reads every instance's history event for event as before, and an
    // instance that goes on writes its new episodes folded next to the old rows.
    void versionSevenHubGetsIntegerKeys()
    {
        Registry registry;
        samples::registerAll(registry);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v7.sqlite"));
        QStringList ids;
        QHash<QString, History> before;
        {
            EngineOptions o;
            o.hubPath = path;
            auto engine = Engine::open(o, registry);
            QVERIFY2(engine, engine ? "" : qPrintable(engine.error().message));
            auto &e = **engine;
            const auto started = [&](const QString &name, const QJsonValue &input, const QDateTime &at = {}) {
                Client::StartOptions options;
                options.scheduledStart = at;
                const QString id = testing::wait(e.start(name, input, options)).value();
                ids.append(id);
                return id;
            };
            // Every kind of instance: completed, with a custom status, waiting, terminated, failed
            // and retried children under a parent, continued as new, and one not started yet.
            const QStringList done {
                started(QStringLiteral("FunctionChaining"), QStringLiteral("Oslo")),
                started(QStringLiteral("FanOutFanIn"), 4),
                started(QStringLiteral("AsyncHttpApi"), 1),
                started(QStringLiteral("SubOrchestrationWithRetry"), QStringLiteral("p")),
                started(QStringLiteral("Eternal"),
                        QJsonObject { { QStringLiteral("count"), 0 },
                                      { QStringLiteral("limit"), 4 },
                                      { QStringLiteral("intervalMs"), 1 } }),
            };
            const QString waiting = started(QStringLiteral("Approval"), 1);
            const QString stopped = started(QStringLiteral("Approval"), 2);
            started(QStringLiteral("FunctionChaining"), QStringLiteral("later"),
                    QDateTime::currentDateTimeUtc().addDays(1));
            for (const auto &id : done)
                QCOMPARE(testing::wait(e.waitForCompletion(id, 30000)).value().status, RuntimeStatus::Completed);
            QTRY_VERIFY_WITH_TIMEOUT(testing::wait(e.status(waiting)).value().waiting.events.size() == 1, 10000);
            QTRY_VERIFY_WITH_TIMEOUT(testing::wait(e.status(stopped)).value().waiting.events.size() == 1, 10000);
            QVERIFY(testing::wait(e.terminate(stopped, QStringLiteral("no"))));
            QCOMPARE(testing::wait(e.waitForCompletion(stopped, 30000)).value().status, RuntimeStatus::Terminated);
            // The children of the parent are instances of their own.
            const auto page = testing::wait(e.query(InstanceQuery {})).value();
            for (const auto &info : page.instances) {
                if (!ids.contains(info.instanceId))
                    ids.append(info.instanceId);
            }
            QVERIFY(ids.size() > 8);
            for (const auto &id : std::as_const(ids))
                before.insert(id, testing::wait(e.history(id)).value());
        }
        const QStringList instanceRows { QStringLiteral("SELECT json_array(%1) FROM instances ORDER BY instance_id")
                                             .arg(QLatin1String(InstanceColumns)) };
        const QString historyColumns = QStringLiteral(
            "json_array(%1instance_id, %1execution_id, h.sequence, h.event_type, h.event_id, h.task_id, h.name, "
            "h.data, h.timestamp, h.opened_at, h.closed_at)");
        const QString v7History
            = QStringLiteral("SELECT %1 FROM history h ORDER BY instance_id, execution_id, sequence")
                  .arg(historyColumns.arg(QStringLiteral("h.")));
        const QString v8History = QStringLiteral("SELECT %1 FROM history h JOIN instances i USING (instance_key) "
                                                 "ORDER BY i.instance_id, i.execution_id, h.sequence")
                                      .arg(historyColumns.arg(QStringLiteral("i.")));
        QCOMPARE(runSql(path, downgradeTo(7)), QStringList());
        const QStringList instancesBefore = runSql(path, instanceRows);
        const QStringList historyBefore = runSql(path, { v7History });
        QCOMPARE(instancesBefore.size(), ids.size());
        QVERIFY(historyBefore.size() > 50);
        // Rows no reader could reach: an execution that is no longer current, an instance that is gone.
        QCOMPARE(
            runSql(path,
                   { QStringLiteral("INSERT INTO history (instance_id, execution_id, sequence, event_type, event_id, "
                                    "task_id, timestamp) VALUES (?, 'stale', 0, 0, -1, -1, 0)"),
                     QStringLiteral("INSERT INTO history (instance_id, execution_id, sequence, event_type, event_id, "
                                    "task_id, timestamp) VALUES ('gone', ?, 0, 0, -1, -1, 0)") },
                   { ids.first() }),
            QStringList());
        // A user's own views over both tables: the tables' renames must neither fail on them nor
        // break them.
        const QStringList views { QStringLiteral("SELECT group_concat(instance_id) FROM finished"),
                                  QStringLiteral("SELECT count(*) FROM task_events") };
        QCOMPARE(runSql(path,
                        { QStringLiteral("CREATE VIEW finished AS SELECT instance_id FROM instances WHERE status = "
                                         "1 ORDER BY instance_id"),
                          QStringLiteral("CREATE VIEW task_events AS SELECT sequence FROM history WHERE "
                                         "task_id >= 0") }),
                 QStringList());
        const QStringList viewsBefore = runSql(path, views);
        QVERIFY(!viewsBefore.value(0).isEmpty() && viewsBefore.value(1).toInt() > 0);

        EngineOptions o;
        o.hubPath = path;
        auto engine = Engine::open(o, registry);
        QVERIFY2(engine, engine ? "" : qPrintable(engine.error().message));
        auto &e = **engine;
        QCOMPARE(runSql(path, { QStringLiteral("PRAGMA user_version") }), QStringList { currentVersion() });
        // Row for row: every instance and every reachable history row, column for column.
        QCOMPARE(runSql(path, instanceRows), instancesBefore);
        QCOMPARE(runSql(path, { v8History }), historyBefore);
        QCOMPARE(
            runSql(path,
                   { QStringLiteral("SELECT count(DISTINCT instance_key) = count(*) AND min(typeof(instance_key)) = "
                                    "'integer' FROM instances"),
                     QStringLiteral("PRAGMA integrity_check") }),
            (QStringList { QStringLiteral("1"), QStringLiteral("ok") }));
        for (const auto &id : std::as_const(ids))
            QCOMPARE(testing::wait(e.history(id)).value(), before.value(id));
        QCOMPARE(runSql(path, views), viewsBefore);
        // The rebuilt tables' indexes, named (the version-7 hub had its own, which the rebuild
        // dropped with its tables; the history's primary key is its table, WITHOUT ROWID).
        QCOMPARE(
            runSql(path,
                   { QStringLiteral("SELECT tbl_name || ' ' || name FROM sqlite_master WHERE type = 'index' AND "
                                    "tbl_name IN ('instances', 'history') ORDER BY tbl_name, name") }),
            (QStringList {
                QStringLiteral("instances instances_awaiting"), QStringLiteral("instances instances_created"),
                QStringLiteral("instances instances_name"), QStringLiteral("instances instances_parent"),
                QStringLiteral("instances instances_status_created"), QStringLiteral("instances instances_updated"),
                QStringLiteral("instances sqlite_autoindex_instances_1") }));

        // The hub goes on: the waiting approval completes, the scheduled start can be replaced.
        const QString waiting = ids.at(5);
        QVERIFY(testing::wait(e.raiseEvent(waiting, QLatin1String(samples::ApprovalEventName), true)));
        QCOMPARE(testing::wait(e.waitForCompletion(waiting, 30000)).value().output,
                 QJsonValue(QStringLiteral("approved")));
        const History after = testing::wait(e.history(waiting)).value();
        QCOMPARE(after.first(before.value(waiting).size()), before.value(waiting));
        QVERIFY(testing::wait(e.purge(ids.first())));
        QCOMPARE(runSql(path,
                        { QStringLiteral("SELECT count(*) FROM history WHERE instance_key NOT IN "
                                         "(SELECT instance_key FROM instances)") }),
                 QStringList { QStringLiteral("0") });
    }

    void upgradeReportsProgressAndCanBeCancelled()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("big-v7.sqlite"));
        createHub(path);
        QCOMPARE(pendingHubUpgrade(path), 0);
        // 600 finished instances with 10 history rows each, written as another program would, and
        // two rows no reader could reach (an execution that is no longer current).
        QCOMPARE(
            runSql(path,
                   { QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 600) "
                                    "INSERT INTO instances (instance_id, name, execution_id, status, created_at, "
                                    "updated_at) SELECT printf('bulk%04d', i), 'FunctionChaining', "
                                    "printf('e%04d', i), 1, i, i FROM n"),
                     QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 9) "
                                    "INSERT INTO history (instance_key, sequence, event_type, event_id, task_id, "
                                    "timestamp) SELECT instance_key, n.i, 4, -1, -1, n.i FROM instances, n") }),
            QStringList());
        // Version 6: an upgrade of several versions, which a cancel must undo as a whole.
        QCOMPARE(runSql(path, downgradeTo(6)), QStringList());
        // Statistics that would make SQLite scan the history first (and count rows it does not
        // copy) if the copy did not fix its join order.
        QCOMPARE(runSql(path,
                        { QStringLiteral("INSERT INTO history (instance_id, execution_id, sequence, event_type, "
                                         "event_id, task_id, timestamp) VALUES ('bulk0001', 'old', 0, 0, -1, -1, 0), "
                                         "('bulk0001', 'old', 1, 0, -1, -1, 0)"),
                          QStringLiteral("ANALYZE") }),
                 QStringList());
        const QStringList counts { QStringLiteral("SELECT count(*) FROM instances"),
                                   QStringLiteral("SELECT count(*) FROM history"),
                                   QStringLiteral("PRAGMA user_version") };
        const QStringList before { QStringLiteral("600"), QStringLiteral("6002"), QStringLiteral("6") };
        QCOMPARE(runSql(path, counts), before);
        QCOMPARE(pendingHubUpgrade(path), 6);

        // Cancelled before it starts, and cancelled half way through the copy (from the progress
        // report, as a dialog's button would between two reports): the hub stays as it was.
        std::atomic<bool> cancel { true };
        QList<HubUpgradeProgress> reports;
        const auto record = [&](const HubUpgradeProgress &p) { reports.append(p); };
        auto stopped = upgradeHub(path, SyncMode::Normal, record, &cancel);
        QVERIFY(!stopped);
        QCOMPARE(stopped.error().code, ErrorCode::Cancelled);
        QVERIFY2(stopped.error().message.contains(QStringLiteral("unchanged")), qPrintable(stopped.error().message));
        QCOMPARE(runSql(path, counts), before);
        cancel = false;
        reports.clear();
        stopped = upgradeHub(
            path, SyncMode::Normal,
            [&](const HubUpgradeProgress &p) {
                reports.append(p);
                if (p.done > 0)
                    cancel = true;
            },
            &cancel);
        QVERIFY(!stopped);
        QCOMPARE(stopped.error().code, ErrorCode::Cancelled);
        QVERIFY(!reports.isEmpty());
        QVERIFY(reports.constLast().done < 600 + 6000); // it stopped before the copy was through
        QCOMPARE(runSql(path, counts), before);
        QCOMPARE(runSql(path, { QStringLiteral("PRAGMA integrity_check") }), QStringList { QStringLiteral("ok") });
        QCOMPARE(pendingHubUpgrade(path), 6);
        // Version 7's columns did not stay behind either.
        QCOMPARE(runSql(path,
                        { QStringLiteral("SELECT count(*) FROM pragma_table_info('history') WHERE name = "
                                         "'opened_at'") }),
                 QStringList { QStringLiteral("0") });

        // Through: reports in order, rows counted up to the rows carried over.
        cancel = false;
        reports.clear();
        QVERIFY(upgradeHub(path, SyncMode::Normal, record, &cancel));
        QVERIFY(reports.size() >= 10);
        qint64 done = 0;
        int phase = 0;
        for (const auto &r : std::as_const(reports)) {
            QCOMPARE(r.fromVersion, 6);
            QCOMPARE(r.toVersion, sqlite::SqliteStore::SchemaVersion);
            QCOMPARE(r.total, 600 + 6002);
            QVERIFY(r.done >= done && r.done <= r.total);
            QVERIFY(int(r.phase) >= phase);
            done = r.done;
            phase = int(r.phase);
        }
        QCOMPARE(reports.constLast().phase, HubUpgradeProgress::Phase::Writing);
        QCOMPARE(reports.constLast().done, 600 + 6000);
        QVERIFY(std::any_of(reports.cbegin(), reports.cend(),
                            [](const auto &r) { return r.phase == HubUpgradeProgress::Phase::Replacing; }));
        QCOMPARE(runSql(path, counts),
                 (QStringList { QStringLiteral("600"), QStringLiteral("6000"), currentVersion() }));
        QCOMPARE(pendingHubUpgrade(path), 0);
        // Nothing left to do is success, and the engine opens the upgraded hub as it is.
        QVERIFY(upgradeHub(path, SyncMode::Normal, record, &cancel));
        auto engine = open(path);
        QVERIFY2(engine, engine ? "" : qPrintable(engine.error().message));
        QCOMPARE(testing::wait((*engine)->history(QStringLiteral("bulk0042"))).value().size(), 10);
    }

    void cancelEndsTheWaitForAnotherProgramsLock()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("locked-v7.sqlite"));
        createHub(path);
        QCOMPARE(runSql(path, downgradeTo(7)), QStringList());
        // Another program holds the write lock: the upgrade waits for it, until the user cancels.
        const QString connection = QStringLiteral("holder");
        {
            auto holder = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
            holder.setDatabaseName(path);
            QVERIFY(holder.open());
            QSqlQuery lock(holder);
            QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));
            // Cancelled while it waits: the flag is already set when the lock is first refused.
            const std::atomic<bool> cancel { true };
            const Status result = upgradeHub(path, SyncMode::Normal, {}, &cancel);
            QVERIFY(!result);
            // Without the cancel it would have waited out the busy timeout and failed as Busy.
            QCOMPARE(result.error().code, ErrorCode::Cancelled);
            QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
            lock.finish();
            holder.close();
        }
        QSqlDatabase::removeDatabase(connection);
        QCOMPARE(pendingHubUpgrade(path), 7);
        QVERIFY(upgradeHub(path, SyncMode::Normal, {}));
        QCOMPARE(pendingHubUpgrade(path), 0);
    }

    void pendingUpgradeIgnoresWhatIsNoOlderHub()
    {
        QTemporaryDir dir;
        QCOMPARE(pendingHubUpgrade(dir.filePath(QStringLiteral("missing.sqlite"))), 0);
        QCOMPARE(pendingHubUpgrade(dir.path()), 0);
        const QString foreign = dir.filePath(QStringLiteral("foreign.sqlite"));
        QCOMPARE(runSql(foreign, { QStringLiteral("CREATE TABLE t (x)"), QStringLiteral("PRAGMA user_version=3") }),
                 QStringList());
        QCOMPARE(pendingHubUpgrade(foreign), 0);
        const QString newer = dir.filePath(QStringLiteral("newer.sqlite"));
        createHub(newer);
        QCOMPARE(runSql(newer, { QStringLiteral("PRAGMA user_version=99") }), QStringList());
        QCOMPARE(pendingHubUpgrade(newer), 0);
        QCOMPARE(pendingHubUpgrade(QStringLiteral("postgresql://nobody@127.0.0.1:1/none?hub=x")), 0);
    }

    void versionSixHistoriesReadAsBefore()
    {
        Registry registry;
        samples::registerAll(registry);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v6.sqlite"));
        QStringList ids;
        QHash<QString, History> before;
        {
            EngineOptions o;
            o.hubPath = path;
            auto engine = Engine::open(o, registry);
            QVERIFY2(engine, engine ? "" : qPrintable(engine.error().message));
            auto &e = **engine;
            const auto started = [&](const QString &name, const QJsonValue &input) {
                const QString id = testing::wait(e.start(name, input)).value();
                ids.append(id);
                return id;
            };
            const QString chain = started(QStringLiteral("FunctionChaining"), QStringLiteral("Tokyo"));
            const QString fan = started(QStringLiteral("FanOutFanIn"), 5);
            const QString progress = started(QStringLiteral("AsyncHttpApi"), 1); // custom status per step
            const QString waiting = started(QStringLiteral("Approval"), 7);
            const QString stopped = started(QStringLiteral("Approval"), 8);
            for (const auto &id : { chain, fan, progress })
                QCOMPARE(testing::wait(e.waitForCompletion(id, 30000)).value().status, RuntimeStatus::Completed);
            QTRY_VERIFY_WITH_TIMEOUT(testing::wait(e.status(waiting)).value().waiting.events.size() == 1, 10000);
            QTRY_VERIFY_WITH_TIMEOUT(testing::wait(e.status(stopped)).value().waiting.events.size() == 1, 10000);
            QVERIFY(testing::wait(e.terminate(stopped, QStringLiteral("no"))));
            QCOMPARE(testing::wait(e.waitForCompletion(stopped, 30000)).value().status, RuntimeStatus::Terminated);
            for (const auto &id : std::as_const(ids))
                before.insert(id, testing::wait(e.history(id)).value());
        }
        qsizetype events = 0;
        for (const auto &h : std::as_const(before))
            events += h.size();
        // The rows as version 6 wrote them: every marker a row of its own.
        const auto markerRows = [](int type, const char *column, int offset) {
            return QStringLiteral(
                       "INSERT INTO history (instance_id, execution_id, sequence, event_type, event_id, "
                       "task_id, name, data, timestamp) SELECT instance_id, execution_id, sequence + %1, %2, "
                       "-1, -1, NULL, NULL, %3 FROM history WHERE %3 IS NOT NULL")
                .arg(offset)
                .arg(type)
                .arg(QLatin1String(column));
        };
        QCOMPARE(runSql(path,
                        downgradeTo(7)
                            + QStringList { markerRows(int(EventType::OrchestratorStarted), "opened_at", -1),
                                            markerRows(int(EventType::OrchestratorCompleted), "closed_at", 1) }
                            + downgradeTo(6, 7)),
                 QStringList());
        const QStringList rowCount { QStringLiteral("SELECT count(*) FROM history") };
        QCOMPARE(runSql(path, rowCount), QStringList { QString::number(events) });

        EngineOptions o;
        o.hubPath = path;
        auto engine = Engine::open(o, registry);
        QVERIFY2(engine, engine ? "" : qPrintable(engine.error().message));
        auto &e = **engine;
        QCOMPARE(runSql(path, { QStringLiteral("PRAGMA user_version") }), QStringList { currentVersion() });
        QCOMPARE(runSql(path, rowCount), QStringList { QString::number(events) }); // nothing rewritten
        for (const auto &id : std::as_const(ids))
            QCOMPARE(testing::wait(e.history(id)).value(), before.value(id));

        // The waiting approval goes on: its old rows and its new, folded ones read as one history.
        const QString waiting = ids.at(3);
        QVERIFY(testing::wait(e.raiseEvent(waiting, QLatin1String(samples::ApprovalEventName), true)));
        QCOMPARE(testing::wait(e.waitForCompletion(waiting, 30000)).value().status, RuntimeStatus::Completed);
        const History after = testing::wait(e.history(waiting)).value();
        const History old = before.value(waiting);
        QVERIFY(after.size() > old.size());
        QCOMPARE(after.first(old.size()), old);
        for (qsizetype i = 0; i < after.size(); ++i)
            QCOMPARE(after.at(i).sequence, qint64(i));
        QCOMPARE(after.last().type, EventType::OrchestratorCompleted);
        const QStringList waitingRows {
            QStringLiteral("SELECT count(*) FROM history JOIN instances USING (instance_key) WHERE instance_id = '%1'")
                .arg(waiting)
        };
        QVERIFY(runSql(path, waitingRows).value(0).toInt() < after.size());
    }
};

QTEST_GUILESS_MAIN(TestMigration)
#include "tst_migration.moc"
