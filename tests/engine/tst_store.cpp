// Opening a hub: creation, and the files that must be refused without being changed; the store
// contract on both backends (SQLite file, PostgreSQL schema) with identical expectations.
#include "engine.h"
#include "hubopen.h"
#include "pgsql.h"
#include "pgtest.h"
#include "sqlitesql.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace durable;

// The joined orders of contractInstancesAndQueries (every sort key, both directions), as SQLite
// gives them; PostgreSQL must give the same.
static constexpr const char *SortOrdersSha1 = "9060d95a470e84b9aae6e6006fd51b8c0c2fd049";

class TestStore : public QObject {
    Q_OBJECT

private:
    Registry m_registry;
    QTemporaryDir m_dir;

    /// Adds the `backend` column with one row per backend.
    static void backends()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
    }

    /// A new hub's location on the row's backend (a file, or a schema of its own).
    QString newHub(const QString &backend, const QString &tag)
    {
        if (backend == QLatin1String("postgresql"))
            return test::pgHubUrl(tag);
        static int n = 0;
        return m_dir.filePath(tag + QString::number(++n) + QStringLiteral(".sqlite"));
    }

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
    void newHubGetsSchemaAndReopens_data() { backends(); }
    void newHubGetsSchemaAndReopens()
    {
        QFETCH(QString, backend);
        if (backend == QLatin1String("postgresql"))
            DURABLE_NEED_PG();
        const QString path = newHub(backend, QStringLiteral("new"));
        createHub(path);
        if (backend == QLatin1String("sqlite")) {
            QVERIFY(QFile::exists(path));
            QVERIFY(read(path).startsWith("SQLite format 3"));
        }
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
            QCOMPARE(testing::sqliteExec(path, QStringLiteral("CREATE TABLE notes (body TEXT)")), QStringList());
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

    void scriptVersions_data() { backends(); }
    void scriptVersions()
    {
        QFETCH(QString, backend);
        if (backend == QLatin1String("postgresql"))
            DURABLE_NEED_PG();
        EngineOptions o;
        o.hubPath = newHub(backend, QStringLiteral("scripts"));
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

    void badServerLocations()
    {
        DURABLE_NEED_PG();
        auto badName = open(test::pgServer() + QStringLiteral("?hub=1st"));
        QCOMPARE(badName.error().code, ErrorCode::InvalidArgument);
        QVERIFY(badName.error().message.contains(QLatin1String("1st")));
        QString wrongDb = test::pgServer();
        wrongDb.replace(QStringLiteral("/postgres"), QStringLiteral("/missing_db"));
        auto missing = open(wrongDb);
        QCOMPARE(missing.error().code, ErrorCode::Storage);
        QVERIFY(missing.error().message.contains(QLatin1String("missing_db")));
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

    // The store contract, the same expectations on both backends.

    std::unique_ptr<HubStore> contractStore(const QString &backend)
    {
        auto store = openHubStore(newHub(backend, QStringLiteral("contract")), SyncMode::Normal, true);
        if (!store) {
            qWarning("%s", qPrintable(store.error().message));
            return {};
        }
        return std::move(*store);
    }

    static InstanceRecord instanceRecord(int i)
    {
        static const RuntimeStatus statuses[]
            = { RuntimeStatus::Running, RuntimeStatus::Completed, RuntimeStatus::Failed, RuntimeStatus::Pending,
                RuntimeStatus::Terminated };
        InstanceRecord r;
        r.info.instanceId = QStringLiteral("q-%1").arg(i, 2, 10, QLatin1Char('0'));
        r.info.name = i % 2 ? QStringLiteral("B") : QStringLiteral("A");
        r.info.executionId = QStringLiteral("e-%1").arg(i);
        r.info.status = statuses[i % 5];
        r.info.createdAt = QDateTime::fromMSecsSinceEpoch(1'767'600'000'000 + qint64(i % 7) * 1000, Qt::UTC);
        r.info.lastUpdatedAt = r.info.createdAt.addSecs(i);
        if (isTerminal(r.info.status))
            r.info.completedAt = r.info.lastUpdatedAt;
        r.info.customStatus = i % 3 ? QJsonValue(QStringLiteral("s%1").arg(i % 4)) : QJsonValue(QJsonValue::Undefined);
        if (i >= 20)
            r.info.parentInstanceId = QStringLiteral("q-00");
        r.info.input = QJsonObject { { QStringLiteral("n"), i } };
        return r;
    }

    static QStringList ids(const QList<InstanceInfo> &infos)
    {
        QStringList result;
        for (const auto &i : infos)
            result.append(i.instanceId);
        return result;
    }

    void contractInstancesAndQueries_data() { backends(); }
    void contractInstancesAndQueries()
    {
        QFETCH(QString, backend);
        if (backend == QLatin1String("postgresql"))
            DURABLE_NEED_PG();
        auto store = contractStore(backend);
        QVERIFY(store);
        DURABLE_VERIFY_OK(store->begin());
        for (int i = 0; i < 25; ++i)
            DURABLE_VERIFY_OK(store->putInstance(instanceRecord(i)));
        DURABLE_VERIFY_OK(store->commit());

        auto one = store->instance(QStringLiteral("q-07")).value();
        QVERIFY(one);
        QCOMPARE(one->info.input, QJsonValue(QJsonObject { { QStringLiteral("n"), 7 } }));
        QCOMPARE(one->info.customStatus, QJsonValue(QStringLiteral("s3")));
        QCOMPARE(one->info.createdAt, instanceRecord(7).info.createdAt);
        QVERIFY(!store->instance(QStringLiteral("nope")).value());

        // Every sort key, both directions, paged by continuation: the pages join to one order
        // that is the same on both backends.
        const SortKey keys[]
            = { SortKey::CreatedAt, SortKey::LastUpdatedAt, SortKey::Name,         SortKey::InstanceId,
                SortKey::Status,    SortKey::Duration,      SortKey::CustomStatus, SortKey::ParentInstanceId };
        QStringList orders;
        for (SortKey key : keys) {
            for (bool descending : { false, true }) {
                InstanceQuery q;
                q.sortKey = key;
                q.descending = descending;
                q.pageSize = 7;
                q.asOf = QDateTime::fromMSecsSinceEpoch(1'767'600'100'000, Qt::UTC);
                QStringList all;
                for (int page = 0; page < 10; ++page) {
                    auto result = store->query(q);
                    DURABLE_VERIFY_OK(result);
                    all += ids(result->instances);
                    if (result->continuation.isEmpty())
                        break;
                    q.continuation = result->continuation;
                }
                QCOMPARE(all.size(), 25);
                orders.append(all.join(u','));
            }
        }
        // The orders themselves, as SQLite gives them: fixed expectations for both.
        QCOMPARE(orders.at(6).left(29), QStringLiteral("q-00,q-01,q-02,q-03,q-04,q-05")); // id ascending
        QCOMPARE(orders.at(4).left(24), QStringLiteral("q-00,q-02,q-04,q-06,q-08")); // name A first
        QCOMPARE(QCryptographicHash::hash(orders.join(u'|').toUtf8(), QCryptographicHash::Sha1).toHex(),
                 QByteArray(SortOrdersSha1));

        InstanceQuery filtered;
        filtered.name = QStringLiteral("A");
        filtered.statuses = { RuntimeStatus::Completed, RuntimeStatus::Running };
        filtered.sortKey = SortKey::InstanceId;
        filtered.descending = false;
        QCOMPARE(ids(store->query(filtered).value().instances),
                 (QStringList { QStringLiteral("q-00"), QStringLiteral("q-06"), QStringLiteral("q-10"),
                                QStringLiteral("q-16"), QStringLiteral("q-20") }));
        InstanceQuery prefix;
        prefix.idPrefix = QStringLiteral("q-1");
        prefix.sortKey = SortKey::InstanceId;
        QCOMPARE(store->query(prefix).value().instances.size(), 10);
        InstanceQuery contains;
        contains.idContains = QStringLiteral("2");
        QCOMPARE(store->query(contains).value().instances.size(), 7); // 02, 12, 20..24
        InstanceQuery bad;
        bad.continuation = QStringLiteral("not a token");
        QCOMPARE(store->query(bad).error().code, ErrorCode::InvalidArgument);

        QCOMPARE(store->countByStatus().value(), (QList<qint64> { 5, 5, 0, 5, 0, 5, 5, 0 }));
        auto purge = store->purgeCandidates(PurgeFilter {}, 100).value();
        QCOMPARE(purge.size(), 15);
        QCOMPARE(store->purgeCandidates(PurgeFilter { {}, {}, { RuntimeStatus::Failed } }, 2).value().size(), 2);
        auto kids = store->children(QStringLiteral("q-00")).value();
        std::sort(kids.begin(), kids.end());
        QCOMPARE(kids.size(), 5);
        QCOMPARE(kids.first(), QStringLiteral("q-20"));

        // updateInstance writes the changing columns; deleteInstance takes everything.
        auto record = *store->instance(QStringLiteral("q-03")).value();
        record.info.status = RuntimeStatus::Completed;
        record.info.output = QJsonValue(QStringLiteral("done"));
        record.historyLength = 9;
        DURABLE_VERIFY_OK(store->begin());
        DURABLE_VERIFY_OK(store->updateInstance(record));
        DURABLE_VERIFY_OK(store->commit());
        auto updated = *store->instance(QStringLiteral("q-03")).value();
        QCOMPARE(updated.info.status, RuntimeStatus::Completed);
        QCOMPARE(updated.info.output, QJsonValue(QStringLiteral("done")));
        QCOMPARE(updated.historyLength, 9);
        DURABLE_VERIFY_OK(store->begin());
        DURABLE_VERIFY_OK(store->deleteInstance(QStringLiteral("q-03")));
        DURABLE_VERIFY_OK(store->commit());
        QVERIFY(!store->instance(QStringLiteral("q-03")).value());
    }

    void contractInboxHistoryWorkLogs_data() { backends(); }
    void contractInboxHistoryWorkLogs()
    {
        QFETCH(QString, backend);
        if (backend == QLatin1String("postgresql"))
            DURABLE_NEED_PG();
        auto store = contractStore(backend);
        QVERIFY(store);
        const QDateTime now = QDateTime::fromMSecsSinceEpoch(1'767'600'200'000, Qt::UTC);
        auto running = instanceRecord(0);
        auto suspended = instanceRecord(1);
        suspended.info.status = RuntimeStatus::Suspended;
        DURABLE_VERIFY_OK(store->begin());
        DURABLE_VERIFY_OK(store->putInstance(running));
        DURABLE_VERIFY_OK(store->putInstance(suspended));
        const qint64 m1
            = store
                  ->insertMessage(InboxMessage::event(running.info.instanceId, QStringLiteral("x"), 1, now.addSecs(-2)))
                  .value();
        (void)store
            ->insertMessage(InboxMessage::event(suspended.info.instanceId, QStringLiteral("y"), 2, now.addSecs(-1)))
            .value();
        const qint64 m3 = store
                              ->insertMessage(InboxMessage::command(suspended.info.instanceId,
                                                                    EventType::ExecutionResumed, {}, now))
                              .value();
        (void)store
            ->insertMessage(InboxMessage::timer(running.info.instanceId, running.info.executionId, 4, now.addSecs(10)))
            .value();
        DURABLE_VERIFY_OK(store->commit());
        QCOMPARE(store->messagesInserted(), 4);

        // Oldest first; a suspended instance gets only its resume.
        DURABLE_VERIFY_OK(store->begin());
        auto due = store->dueMessages(now, 100).value();
        store->rollback();
        QCOMPARE(due.size(), 2);
        QCOMPARE(due.at(0).id, m1);
        QCOMPARE(due.at(0).name, QStringLiteral("x"));
        QCOMPARE(due.at(1).id, m3);
        QCOMPARE(store->nextDue(now).value(), now.addSecs(10));
        DURABLE_VERIFY_OK(store->begin());
        QCOMPARE(store->fireTimer(running.info.instanceId, 4, now).value(), true);
        QCOMPARE(store->fireTimer(running.info.instanceId, 5, now).value(), false);
        DURABLE_VERIFY_OK(store->commit());
        QVERIFY(!store->nextDue(now).value().isValid());
        QCOMPARE(store->messagesOf(suspended.info.instanceId).value().size(), 2);
        DURABLE_VERIFY_OK(store->begin());
        DURABLE_VERIFY_OK(store->deleteMessage(m1));
        DURABLE_VERIFY_OK(store->deleteMessagesOf(suspended.info.instanceId));
        DURABLE_VERIFY_OK(store->commit());
        const auto left = store->messagesOf(running.info.instanceId).value();
        QCOMPARE(left.size(), 1);
        QCOMPARE(left.first().type, EventType::TimerFired);
        QCOMPARE(left.first().taskId, 4);

        // History: appended in order, one event replaced.
        History events;
        for (int i = 0; i < 3; ++i) {
            HistoryEvent e;
            e.sequence = i;
            e.type = i == 0 ? EventType::ExecutionStarted : EventType::TaskScheduled;
            e.eventId = i - 1;
            e.taskId = i;
            e.name = i ? QStringLiteral("Act%1").arg(i) : QString();
            e.data = QJsonObject { { QStringLiteral("input"), i } };
            e.timestamp = now.addMSecs(i);
            events.append(e);
        }
        DURABLE_VERIFY_OK(store->begin());
        DURABLE_VERIFY_OK(store->appendHistory(running.info.instanceId, running.info.executionId, events));
        events[2].name = QStringLiteral("Replaced");
        DURABLE_VERIFY_OK(store->replaceHistoryEvent(running.info.instanceId, running.info.executionId, events[2]));
        DURABLE_VERIFY_OK(store->commit());
        QCOMPARE(store->history(running.info.instanceId, running.info.executionId).value(), events);

        // Work: a result counts once.
        auto session
            = store->openSession(WorkerInfo { QStringLiteral("me"), QStringLiteral("host"), 42 }, 60000).value();
        QVERIFY(session);
        DURABLE_VERIFY_OK(store->begin());
        QVERIFY(store->verifySession(*session).value());
        WorkItem a { 0, running.info.instanceId, running.info.executionId, 1, QStringLiteral("Act1"), 5 };
        WorkItem b { 0, running.info.instanceId, running.info.executionId, 2, QStringLiteral("Act2"), 6 };
        a.id = store->insertWork(a).value();
        b.id = store->insertWork(b).value();
        DURABLE_VERIFY_OK(store->leaseWork({ a.id, b.id }));
        DURABLE_VERIFY_OK(store->commit());
        QCOMPARE(store->allWork().value().size(), 2);
        QCOMPARE(store->allWork().value().first().input, QJsonValue(5));
        DURABLE_VERIFY_OK(store->begin());
        QCOMPARE(store->deleteWork(a).value(), true);
        QCOMPARE(store->deleteWork(a).value(), false);
        WorkItem other = b;
        other.taskId = 9;
        QCOMPARE(store->deleteWork(other).value(), false);
        DURABLE_VERIFY_OK(store->deleteWorkOf(running.info.instanceId));
        DURABLE_VERIFY_OK(store->commit());
        QCOMPARE(store->allWork().value().size(), 0);
        const auto workers = store->sessions().value();
        QCOMPARE(workers.size(), 1);
        QCOMPARE(workers.first().host, QStringLiteral("host"));
        QCOMPARE(workers.first().pid, 42);
        DURABLE_VERIFY_OK(store->closeSession(*session));
        QCOMPARE(store->sessions().value().size(), 0);

        // Logs: in order, after an id.
        QList<LogLine> lines;
        for (int i = 0; i < 3; ++i) {
            LogLine l;
            l.instanceId = running.info.instanceId;
            l.executionId = running.info.executionId;
            l.historySequence = i;
            l.timestamp = now;
            l.source = QStringLiteral("orchestrator");
            l.replaying = i == 1;
            l.message = QStringLiteral("line %1 \u00e9").arg(i);
            lines.append(l);
        }
        DURABLE_VERIFY_OK(store->begin());
        DURABLE_VERIFY_OK(store->insertLogs(lines));
        DURABLE_VERIFY_OK(store->commit());
        const auto all = store->logs(running.info.instanceId, running.info.executionId, 0).value();
        QCOMPARE(all.size(), 3);
        QCOMPARE(all.at(2).message, lines.at(2).message);
        QVERIFY(all.at(1).replaying);
        const auto after = store->logs(running.info.instanceId, running.info.executionId, all.first().id).value();
        QCOMPARE(after.size(), 2);
        QCOMPARE(after.first().historySequence, 1);
    }
    // A step's update leaves the input alone (it is not serialised again); a new execution
    // (continue-as-new) writes its own.
    void contractUpdateWritesInputWithItsExecution_data() { backends(); }
    void contractUpdateWritesInputWithItsExecution()
    {
        QFETCH(QString, backend);
        if (backend == QLatin1String("postgresql"))
            DURABLE_NEED_PG();
        auto store = contractStore(backend);
        QVERIFY(store);
        InstanceRecord r = instanceRecord(0);
        const QString id = r.info.instanceId;
        DURABLE_VERIFY_OK(store->begin());
        DURABLE_VERIFY_OK(store->putInstance(r));
        DURABLE_VERIFY_OK(store->commit());
        // A step of a record read without its input: the stored input stays.
        InstanceRecord step = store->instance(id, false).value().value();
        QVERIFY(step.info.input.isUndefined());
        step.historyLength = 4;
        DURABLE_VERIFY_OK(store->begin());
        DURABLE_VERIFY_OK(store->updateInstance(step));
        DURABLE_VERIFY_OK(store->commit());
        InstanceRecord read = store->instance(id).value().value();
        QCOMPARE(read.historyLength, 4);
        QCOMPARE(read.info.input, r.info.input);
        // The next execution, with its input.
        read.info.executionId = QStringLiteral("e-next");
        read.info.input = QJsonArray { 1, 2 };
        read.historyLength = 0;
        DURABLE_VERIFY_OK(store->begin());
        DURABLE_VERIFY_OK(store->updateInstance(read));
        DURABLE_VERIFY_OK(store->commit());
        const InstanceRecord next = store->instance(id).value().value();
        QCOMPARE(next.info.executionId, QStringLiteral("e-next"));
        QCOMPARE(next.info.input, QJsonValue(QJsonArray { 1, 2 }));
        QCOMPARE(next.historyLength, 0);
    }

    // Episode markers kept in their neighbours' rows: what comes back is what was appended, in
    // every arrangement, with fewer rows stored.
    void contractFoldedMarkers_data() { backends(); }
    void contractFoldedMarkers()
    {
        QFETCH(QString, backend);
        if (backend == QLatin1String("postgresql"))
            DURABLE_NEED_PG();
        const QString location = newHub(backend, QStringLiteral("folded"));
        auto opened = openHubStore(location, SyncMode::Normal, true);
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
        auto &store = *opened;
        const QDateTime t0 = QDateTime::fromMSecsSinceEpoch(1'767'600'300'000, Qt::UTC);
        History all;
        qint64 next = 0;
        const auto add = [&](History &into, EventType type, qint64 at, int taskId = -1, QJsonObject data = {}) {
            HistoryEvent e;
            e.sequence = next++;
            e.type = type;
            e.taskId = taskId;
            e.eventId = type == EventType::TaskScheduled ? taskId : -1;
            e.data = std::move(data);
            e.timestamp = t0.addMSecs(at);
            into.append(e);
        };
        using T = EventType;
        const QJsonObject status { { QStringLiteral("customStatus"), QStringLiteral("half") } };
        const QJsonObject input { { QStringLiteral("input"), QStringLiteral("in") } };
        const QJsonObject result { { QStringLiteral("result"), 42 } };
        // A first episode; a step (its markers at their own times, as a remote step's are); an
        // episode whose close carries a custom status (kept as a row); markers with nothing
        // between them; a marker episode; an append that starts with the close of the episode
        // before it (kept as a row: folding never reaches across appends).
        QList<History> appends(5);
        add(appends[0], T::OrchestratorStarted, 0);
        add(appends[0], T::ExecutionStarted, 0);
        add(appends[0], T::TaskScheduled, 0, 0, input);
        add(appends[0], T::OrchestratorCompleted, 0);
        add(appends[1], T::OrchestratorStarted, 10);
        add(appends[1], T::TaskCompleted, 10, 0, result);
        add(appends[1], T::TaskScheduled, 25, 1, input);
        add(appends[1], T::OrchestratorCompleted, 26);
        add(appends[2], T::OrchestratorStarted, 30);
        add(appends[2], T::TaskCompleted, 30, 1);
        add(appends[2], T::OrchestratorCompleted, 30, -1, status);
        add(appends[2], T::OrchestratorStarted, 40);
        add(appends[2], T::OrchestratorCompleted, 40);
        add(appends[2], T::OrchestratorStarted, 50);
        add(appends[2], T::EventRaised, 50);
        add(appends[2], T::OrchestratorCompleted, 50);
        add(appends[3], T::OrchestratorStarted, 60);
        add(appends[3], T::TimerFired, 60, 7);
        appends[3].last().name = QStringLiteral("late");
        add(appends[4], T::OrchestratorCompleted, 61);
        add(appends[4], T::OrchestratorStarted, 70);
        add(appends[4], T::EventRaised, 70);
        add(appends[4], T::OrchestratorCompleted, 70);
        appends[4].last().name = QStringLiteral("named"); // not plain: kept
        add(appends[4], T::OrchestratorStarted, 72);
        ++next; // a gap after it: kept
        add(appends[4], T::EventRaised, 72);
        add(appends[4], T::OrchestratorCompleted, 73);
        add(appends[4], T::OrchestratorStarted, 80);
        add(appends[4], T::ExecutionCompleted, 80);
        add(appends[4], T::OrchestratorCompleted, 81);
        const QString id = QStringLiteral("folded");
        const QString execution = QStringLiteral("e-1");
        DURABLE_VERIFY_OK(store->begin());
        for (const QString &row : { id, QStringLiteral("typed") }) {
            InstanceRecord r = instanceRecord(1);
            r.info.instanceId = row;
            r.info.executionId = execution;
            DURABLE_VERIFY_OK(store->putInstance(r));
        }
        DURABLE_VERIFY_OK(store->commit());
        for (const History &events : std::as_const(appends)) {
            DURABLE_VERIFY_OK(store->begin());
            DURABLE_VERIFY_OK(store->appendHistory(id, execution, events));
            DURABLE_VERIFY_OK(store->commit());
            all.append(events);
        }
        QCOMPARE(all.size(), 28);
        const History read = store->history(id, execution).value();
        QCOMPARE(read.size(), all.size());
        for (qsizetype i = 0; i < all.size(); ++i) {
            QCOMPARE(read.at(i).sequence, all.at(i).sequence);
            QCOMPARE(eventTypeName(read.at(i).type), eventTypeName(all.at(i).type));
            QCOMPARE(read.at(i).timestamp, all.at(i).timestamp);
        }
        QCOMPARE(read, all);
        // Read for replay: the scheduling events' data left out, everything else as stored.
        const History replay = store->history(id, execution, HubStore::HistoryRead::Replay).value();
        QCOMPARE(replay.size(), all.size());
        QVERIFY(replay.at(2).data.isEmpty() && replay.at(5).data == result);
        // One event of every type, each with data: only the four scheduling types lose it.
        History typed;
        next = 0;
        for (int type = 0; type <= int(T::ExecutionRewound); ++type)
            add(typed, T(type), 90 + type, type, input);
        DURABLE_VERIFY_OK(store->begin());
        DURABLE_VERIFY_OK(store->appendHistory(QStringLiteral("typed"), execution, typed));
        DURABLE_VERIFY_OK(store->commit());
        QCOMPARE(store->history(QStringLiteral("typed"), execution).value(), typed);
        const History replayed
            = store->history(QStringLiteral("typed"), execution, HubStore::HistoryRead::Replay).value();
        QCOMPARE(replayed.size(), typed.size());
        int dropped = 0;
        for (qsizetype i = 0; i < typed.size(); ++i) {
            HistoryEvent expected = typed.at(i);
            if (!HubStore::readsData(HubStore::HistoryRead::Replay, expected.type)) {
                expected.data = {};
                ++dropped;
            }
            QCOMPARE(replayed.at(i), expected);
        }
        QCOMPARE(dropped, 4); // TaskScheduled, TimerCreated, SubOrchestrationInstanceCreated, EventSent

        // A replaced event keeps the markers folded into it; a folded marker has no row to replace.
        HistoryEvent renamed = all.at(1);
        renamed.name = QStringLiteral("renamed");
        DURABLE_VERIFY_OK(store->begin());
        DURABLE_VERIFY_OK(store->replaceHistoryEvent(id, execution, renamed));
        const auto folded = store->replaceHistoryEvent(id, execution, all.at(0));
        DURABLE_VERIFY_OK(store->commit());
        QVERIFY(!folded);
        QCOMPARE(folded.error().code, ErrorCode::NotFound);
        all[1] = renamed;
        QCOMPARE(store->history(id, execution).value(), all);

        // Folded: every plain marker next to an event of its append (12 of 18); kept: the close
        // with a custom status, the pair with nothing between them, the close that opens append 4,
        // the named close and the start its event does not follow directly. Schema 8 keys SQLite's
        // rows by the instance's integer key.
        store.reset();
        const QString rows = backend == QLatin1String("postgresql")
            ? testing::postgresExec(location,
                                    QStringLiteral("SELECT count(*) FROM history WHERE instance_id = 'folded'"))
                  .value(0)
            : testing::sqliteExec(location,
                                  QStringLiteral("SELECT count(*) FROM history JOIN instances USING "
                                                 "(instance_key) WHERE instance_id = 'folded'"))
                  .value(0);
        QCOMPARE(rows, QStringLiteral("16"));
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
