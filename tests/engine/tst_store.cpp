// Opening a hub: creation, and the files that must be refused without being changed.
#include "engine.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace durable;

class TestStore : public QObject {
    Q_OBJECT

private:
    Registry m_registry;

    Result<std::unique_ptr<Engine>> open(const QString &path)
    {
        EngineOptions o;
        o.hubPath = path;
        return Engine::open(o, m_registry);
    }

    static QByteArray read(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    void createHub(const QString &path)
    {
        auto engine = open(path);
        QVERIFY(engine);
    }

private Q_SLOTS:
    void newHubGetsSchemaAndReopens()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("new.sqlite"));
        createHub(path);
        QVERIFY(QFile::exists(path));
        QVERIFY(read(path).startsWith("SQLite format 3"));
        auto again = open(path);
        QVERIFY2(again, again ? "" : qPrintable(again.error().message));
    }

    void refusedFiles_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("code");
        QTest::newRow("newer schema") << "newer" << int(ErrorCode::SchemaTooNew);
        QTest::newRow("garbage") << "garbage" << int(ErrorCode::Corrupt);
        QTest::newRow("foreign database") << "foreign" << int(ErrorCode::Corrupt);
        QTest::newRow("damaged hub") << "damaged" << int(ErrorCode::Corrupt);
        // Past the size up to which every open reads the whole file (quick_check).
        QTest::newRow("damaged large hub") << "damaged large" << int(ErrorCode::Corrupt);
    }
    void refusedFiles()
    {
        QFETCH(QString, kind);
        QFETCH(int, code);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hub.sqlite"));
        if (kind == QLatin1String("newer")) {
            createHub(path);
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadWrite));
            f.seek(60); // user_version in the database header, big-endian
            f.write(QByteArray::fromHex("00000063"));
        } else if (kind == QLatin1String("garbage")) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(8192, '\x5a'));
        } else if (kind == QLatin1String("foreign")) {
            {
                auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("foreign"));
                db.setDatabaseName(path);
                QVERIFY(db.open());
                QSqlQuery q(db);
                QVERIFY(q.exec(QStringLiteral("CREATE TABLE notes (body TEXT)")));
                db.close();
            }
            QSqlDatabase::removeDatabase(QStringLiteral("foreign"));
        } else {
            createHub(path);
            if (kind == QLatin1String("damaged large")) {
                {
                    auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("grow"));
                    db.setDatabaseName(path);
                    QVERIFY(db.open());
                    QSqlQuery q(db);
                    QVERIFY2(q.exec(QStringLiteral("INSERT INTO logs (instance_id, execution_id, history_sequence, "
                                                   "timestamp, level, source, task_id, replaying, message) VALUES "
                                                   "('i', 'e', 0, 0, 0, 'test', -1, 0, hex(randomblob(20000000)))")),
                             qPrintable(q.lastError().text()));
                    q.finish();
                    db.close();
                }
                QSqlDatabase::removeDatabase(QStringLiteral("grow"));
                QVERIFY(QFileInfo(path).size() > 36 * 1024 * 1024);
                QVERIFY(!QFileInfo::exists(path + QStringLiteral("-wal"))); // closed cleanly
                QVERIFY(open(path)); // whole, it opens
            }
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadWrite));
            const qint64 size = f.size();
            QVERIFY(size > 8192);
            f.seek(4096); // page 2 onwards: schema and data pages
            f.write(QByteArray(int(size - 4096), '\xff'));
        }
        const QByteArray before = read(path);
        auto engine = open(path);
        QVERIFY(!engine);
        QCOMPARE(int(engine.error().code), code);
        QVERIFY(engine.error().message.contains(path));
        QCOMPARE(read(path), before);
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")) || read(path + QStringLiteral("-wal")).isEmpty());
    }

    void versionOneHubIsMigrated()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v1.sqlite"));
        createHub(path);
        {
            // Turn it back into a version 1 hub: without the script table and the owner's start time,
            // user_version 1.
            auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("downgrade"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("DROP TABLE script_versions")));
            QVERIFY(q.exec(QStringLiteral("ALTER TABLE owner DROP COLUMN since")));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version=1")));
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("downgrade"));
        EngineOptions o;
        o.hubPath = path;
        auto engine = Engine::open(o, m_registry);
        QVERIFY2(engine, engine ? "" : qPrintable(engine.error().message));
        const QString code = QStringLiteral("df.orchestrator('A', function*(context) { return 1; });");
        auto saved = (*engine)->saveScript(QStringLiteral("a.js"), code, { QStringLiteral("A") }, {}).result();
        QCOMPARE(saved.value(), 1);
    }

    void versionTwoHubKeepsItsWork()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v2.sqlite"));
        createHub(path);
        const auto sql = [&](const QStringList &statements) {
            auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v2"));
            db.setDatabaseName(path);
            QStringList rows;
            if (db.open()) {
                QSqlQuery q(db);
                for (const auto &statement : statements) {
                    if (!q.exec(statement))
                        rows.append(QStringLiteral("error: ") + q.lastError().text());
                    while (q.next())
                        rows.append(q.value(0).toString());
                }
                q.finish();
                db.close();
            }
            QSqlDatabase::removeDatabase(QStringLiteral("v2"));
            return rows;
        };
        // A version 2 hub: work ids from AUTOINCREMENT, one activity in flight.
        QCOMPARE(
            sql({ QStringLiteral("DROP TABLE work"),
                  QStringLiteral("CREATE TABLE work (id INTEGER PRIMARY KEY AUTOINCREMENT, instance_id TEXT NOT "
                                 "NULL, execution_id TEXT NOT NULL, task_id INTEGER NOT NULL, name TEXT NOT NULL, "
                                 "input TEXT, created_at INTEGER NOT NULL)"),
                  QStringLiteral("CREATE INDEX work_instance ON work (instance_id)"),
                  QStringLiteral("INSERT INTO work VALUES (41, 'i', 'e', 3, 'Echo', '\"x\"', 0)"),
                  QStringLiteral("ALTER TABLE owner DROP COLUMN since"), QStringLiteral("PRAGMA user_version=2") }),
            QStringList());
        {
            EngineOptions o;
            o.hubPath = path;
            o.runWorkers = false;
            auto engine = Engine::open(o, m_registry);
            QVERIFY2(engine, engine ? "" : qPrintable(engine.error().message));
        }
        QCOMPARE(sql({ QStringLiteral("PRAGMA user_version") }), QStringList { QStringLiteral("4") });
        QCOMPARE(sql({ QStringLiteral("SELECT count(*) FROM pragma_table_info('owner') WHERE name = 'since'") }),
                 QStringList { QStringLiteral("1") });
        QCOMPARE(sql({ QStringLiteral("SELECT id || ':' || instance_id || ':' || task_id || ':' || input FROM work") }),
                 QStringList { QStringLiteral("41:i:3:\"x\"") });
        const QStringList definition = sql({ QStringLiteral("SELECT sql FROM sqlite_master WHERE name = 'work'") });
        QCOMPARE(definition.size(), 1);
        QVERIFY2(!definition.first().contains(QLatin1String("AUTOINCREMENT")), qPrintable(definition.first()));
        QCOMPARE(sql({ QStringLiteral("SELECT name FROM sqlite_master WHERE tbl_name = 'work' AND type = 'index'") }),
                 QStringList());
    }

    void scriptVersions()
    {
        QTemporaryDir dir;
        EngineOptions o;
        o.hubPath = dir.filePath(QStringLiteral("s.sqlite"));
        auto engine = Engine::open(o, m_registry);
        QVERIFY(engine);
        auto &e = **engine;
        const QString v1 = QStringLiteral("// one");
        const QString v2 = QStringLiteral("// two");
        QCOMPARE(e.saveScript(QStringLiteral("flow.js"), v1, { QStringLiteral("Flow") }, {}).result().value(), 1);
        QCOMPARE(e.saveScript(QStringLiteral("flow.js"), v1, { QStringLiteral("Flow") }, {}).result().value(), 1);
        QCOMPARE(e.saveScript(QStringLiteral("flow.js"), v2, { QStringLiteral("Flow") }, { QStringLiteral("Act") })
                     .result()
                     .value(),
                 2);
        QCOMPARE(e.saveScript(QStringLiteral("other.js"), v1, {}, {}).result().value(), 1);
        const auto versions = e.scriptVersions(QStringLiteral("flow.js")).result().value();
        QCOMPARE(versions.size(), 2);
        QCOMPARE(versions.at(1).activities, QStringList { QStringLiteral("Act") });
        QVERIFY(versions.at(0).code.isEmpty());
        QCOMPARE(e.scriptVersions().result().value().size(), 3);
        QCOMPARE(e.scriptVersion(QStringLiteral("flow.js"), 1).result().value().code, v1);
        QCOMPARE(e.scriptVersion(QStringLiteral("flow.js"), 9).result().error().code, ErrorCode::NotFound);
        QCOMPARE(e.saveScript(QStringLiteral(""), v1, {}, {}).result().error().code, ErrorCode::InvalidArgument);
    }

    void badPaths()
    {
        QTemporaryDir dir;
        auto isDir = open(dir.path());
        QCOMPARE(isDir.error().code, ErrorCode::InvalidArgument);
        auto missing = open(dir.filePath(QStringLiteral("no/such/folder/hub.sqlite")));
        QCOMPARE(missing.error().code, ErrorCode::InvalidArgument);
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("no"))));
    }

    void readOnlyFile()
    {
        if (::geteuid() == 0)
            QSKIP("root ignores file permissions; run as a normal user to check the read-only refusal");
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("ro.sqlite"));
        createHub(path);
        QFile::setPermissions(path, QFile::ReadOwner);
        auto engine = open(path);
        QCOMPARE(engine.error().code, ErrorCode::ReadOnly);
    }

    void lockedFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("locked.sqlite"));
        createHub(path);
        {
            auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("locker"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("BEGIN EXCLUSIVE")));
            auto engine = open(path);
            QVERIFY(!engine);
            QCOMPARE(engine.error().code, ErrorCode::Busy);
            QVERIFY(engine.error().message.contains(QStringLiteral("locked")));
            QVERIFY(q.exec(QStringLiteral("ROLLBACK")));
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("locker"));
        QVERIFY(open(path));
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
