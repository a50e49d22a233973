// Hubs written by earlier schema versions: each is rebuilt as that version left it (columns,
// indexes and user_version put back) and must open, migrate in place and keep its data.
#include "engine.h"
#include "hubopen.h"
#include "sqlite/instancequery.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace durable;

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

    /// Runs `statements` on the SQLite file at `path` through QtSql (binding `binds` to each), as
    /// another program would; the last column of every row, and "error: …" for a failed statement.
    static QStringList runSql(const QString &path, const QStringList &statements, const QVariantList &binds = {})
    {
        const QString connection = QStringLiteral("direct");
        QStringList rows;
        {
            auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
            db.setDatabaseName(path);
            if (db.open()) {
                QSqlQuery q(db);
                for (const auto &statement : statements) {
                    q.prepare(statement);
                    for (const auto &b : binds)
                        q.addBindValue(b);
                    if (!q.exec())
                        rows.append(QStringLiteral("error: ") + q.lastError().text());
                    while (q.next())
                        rows.append(q.value(q.record().count() - 1).toString());
                }
                q.finish();
                db.close();
            }
        }
        QSqlDatabase::removeDatabase(connection);
        return rows;
    }

    /// Puts back the status index of schema versions 1 to 5 (by status and id).
    static QStringList oldStatusIndex()
    {
        return { QStringLiteral("DROP INDEX instances_status_created"),
                 QStringLiteral("CREATE INDEX instances_status ON instances (status, instance_id)") };
    }

private Q_SLOTS:
    void versionOneHubIsMigrated()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v1.sqlite"));
        createHub(path);
        // Turn it back into a version 1 hub: without the script table, the owner's start time, the
        // origin column and the status index by creation; user_version 1.
        QCOMPARE(runSql(path,
                        QStringList { QStringLiteral("DROP TABLE script_versions"),
                                      QStringLiteral("ALTER TABLE owner DROP COLUMN since"),
                                      QStringLiteral("ALTER TABLE instances DROP COLUMN origin") }
                            + oldStatusIndex() + QStringList { QStringLiteral("PRAGMA user_version=1") }),
                 QStringList());
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
        QCOMPARE(runSql(path,
                        QStringList { QStringLiteral("ALTER TABLE instances DROP COLUMN origin") } + oldStatusIndex()
                            + QStringList { QStringLiteral("PRAGMA user_version=4") }),
                 QStringList());
        {
            auto engine = open(path);
            QVERIFY(engine);
            auto info = (*engine)->status(id).result();
            QVERIFY(info);
            QVERIFY(info->origin.isEmpty());
        }
        QCOMPARE(runSql(path, { QStringLiteral("PRAGMA user_version") }), QStringList { QStringLiteral("6") });
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
                   { QStringLiteral("DROP TABLE work"),
                     QStringLiteral("CREATE TABLE work (id INTEGER PRIMARY KEY AUTOINCREMENT, instance_id TEXT NOT "
                                    "NULL, execution_id TEXT NOT NULL, task_id INTEGER NOT NULL, name TEXT NOT NULL, "
                                    "input TEXT, created_at INTEGER NOT NULL)"),
                     QStringLiteral("CREATE INDEX work_instance ON work (instance_id)"),
                     QStringLiteral("INSERT INTO work VALUES (41, 'i', 'e', 3, 'Echo', '\"x\"', 0)"),
                     QStringLiteral("ALTER TABLE owner DROP COLUMN since"),
                     QStringLiteral("ALTER TABLE instances DROP COLUMN origin"), oldStatusIndex().at(0),
                     oldStatusIndex().at(1), QStringLiteral("PRAGMA user_version=2") }),
            QStringList());
        {
            EngineOptions o;
            o.hubPath = path;
            o.runWorkers = false;
            auto engine = Engine::open(o, m_registry);
            QVERIFY2(engine, engine ? "" : qPrintable(engine.error().message));
        }
        QCOMPARE(runSql(path, { QStringLiteral("PRAGMA user_version") }), QStringList { QStringLiteral("6") });
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
        QCOMPARE(runSql(path, oldStatusIndex() + QStringList { QStringLiteral("PRAGMA user_version=5") }),
                 QStringList());
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
        QCOMPARE(runSql(path, { QStringLiteral("PRAGMA user_version") }), QStringList { QStringLiteral("6") });
        QCOMPARE(runSql(path,
                        { QStringLiteral("SELECT name FROM sqlite_master WHERE tbl_name = 'instances' AND name LIKE "
                                         "'instances_status%'") }),
                 QStringList { QStringLiteral("instances_status_created") });
        // Version 6 reads the first page off the index, in order.
        const QString after = runSql(path, { plan }, built->binds).join(u'\n');
        QVERIFY2(!after.contains(QLatin1String("TEMP B-TREE")), qPrintable(after));
        QVERIFY2(after.contains(QLatin1String("instances_status_created")), qPrintable(after));
    }
};

QTEST_GUILESS_MAIN(TestMigration)
#include "tst_migration.moc"
