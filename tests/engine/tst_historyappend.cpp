// History appends of every size on both backends: SQLite writes an append in statements of 32,
// 16, ... 1 rows and decodes repeated names once; whatever the split, a read gives back exactly
// what was appended, and a failed append leaves nothing once the caller rolls back. Work rows:
// inputs stored from their text, a batch of results' rows deleted under their fence.
#include "hubopen.h"
#include "json.h"
#include "pgtest.h"
#include "sqlitesql.h"

#include <QJsonArray>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace durable;

class TestHistoryAppend : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static void backends()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
    }

    std::unique_ptr<HubStore> openStore(const QString &backend, const QString &tag)
    {
        if (backend == QLatin1String("postgresql") && test::pgServer().isEmpty())
            return {};
        static int n = 0;
        const QString location = backend == QLatin1String("postgresql")
            ? test::pgHubUrl(tag)
            : m_dir.filePath(tag + QString::number(++n) + QStringLiteral(".sqlite"));
        auto opened = openHubStore(location, SyncMode::Normal, true);
        if (!opened)
            qWarning("%s", qPrintable(opened.error().message));
        return opened ? std::move(*opened) : nullptr;
    }

    /// A running instance's row.
    static InstanceRecord row(const QString &id, const QString &execution = QStringLiteral("e"))
    {
        InstanceRecord r;
        r.info.instanceId = id;
        r.info.name = QStringLiteral("Flow");
        r.info.executionId = execution;
        r.info.status = RuntimeStatus::Running;
        r.info.createdAt = r.info.lastUpdatedAt = QDateTime::fromMSecsSinceEpoch(1'767'600'000'000, Qt::UTC);
        return r;
    }

    /// The instance row an append needs first (HubStore::appendHistory()).
    static void putRow(HubStore &store, const QString &id, const QString &execution = QStringLiteral("e"))
    {
        DURABLE_VERIFY_OK(store.putInstance(row(id, execution)));
    }

    /// `count` events numbered from `first`: an episode's markers around them (folded into the
    /// rows they bracket), names that repeat, change, and are missing, data present and absent.
    static History events(qint64 first, int count)
    {
        const QDateTime t0 = QDateTime::fromMSecsSinceEpoch(1'767'600'300'000, Qt::UTC);
        const QStringList names { QStringLiteral("Echo"), QStringLiteral("Echo"), QString(), QStringLiteral("Other"),
                                  QStringLiteral("Échos ✓") };
        History out;
        for (int i = 0; i < count; ++i) {
            HistoryEvent e;
            e.sequence = first + i;
            const bool marker = count > 2 && (i == 0 || i == count - 1);
            e.type = !marker ? (i % 2 ? EventType::TaskCompleted : EventType::TaskScheduled)
                : i == 0     ? EventType::OrchestratorStarted
                             : EventType::OrchestratorCompleted;
            e.taskId = marker ? -1 : i / 2;
            e.eventId = e.type == EventType::TaskScheduled ? e.taskId : -1;
            e.name = marker ? QString() : names.at(i % names.size());
            if (!marker && i % 3)
                e.data = QJsonObject { { QStringLiteral("result"), QStringLiteral("v%1").arg(i) } };
            e.timestamp = t0.addMSecs(i);
            out.append(e);
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void everySizeReadsBackExactly_data() { backends(); }
    void everySizeReadsBackExactly()
    {
        QFETCH(QString, backend);
        if (backend == QLatin1String("postgresql"))
            DURABLE_NEED_PG();
        auto store = openStore(backend, QStringLiteral("append"));
        QVERIFY(store);
        // Rows around every statement size (an append of n >= 3 events brackets them with markers
        // and stores n - 2 rows: 1, 2, 1, 2, 3, 4, 15, 16, 17, 31, 32, 33, 63, 64, 65, 98), and
        // appends that follow one another in one history.
        const QList<int> sizes { 1, 2, 3, 4, 5, 6, 17, 18, 19, 33, 34, 35, 65, 66, 67, 100 };
        History all;
        for (int size : sizes) {
            const QString id = QStringLiteral("size-%1").arg(size);
            const History appended = events(0, size);
            DURABLE_VERIFY_OK(store->begin());
            putRow(*store, id);
            if (all.isEmpty())
                putRow(*store, QStringLiteral("all"));
            DURABLE_VERIFY_OK(store->appendHistory(id, QStringLiteral("e"), appended));
            DURABLE_VERIFY_OK(
                store->appendHistory(QStringLiteral("all"), QStringLiteral("e"), events(all.size(), size)));
            DURABLE_VERIFY_OK(store->commit());
            all.append(events(all.size(), size));
            const History read = store->history(id, QStringLiteral("e")).value();
            QCOMPARE(read.size(), appended.size());
            for (qsizetype i = 0; i < read.size(); ++i) {
                QCOMPARE(read.at(i).sequence, appended.at(i).sequence);
                QCOMPARE(read.at(i).name, appended.at(i).name);
                QCOMPARE(read.at(i).data, appended.at(i).data);
            }
            QCOMPARE(read, appended);
        }
        QCOMPARE(store->history(QStringLiteral("all"), QStringLiteral("e")).value(), all);
    }

    void encodedDataIsStoredAsTheData_data() { backends(); }
    void encodedDataIsStoredAsTheData()
    {
        // Events whose data the engine wrote as text (a TaskScheduled's input, a result made on
        // its activity thread) read back as the data the text holds; text wins over the object.
        QFETCH(QString, backend);
        if (backend == QLatin1String("postgresql"))
            DURABLE_NEED_PG();
        auto store = openStore(backend, QStringLiteral("encoded"));
        QVERIFY(store);
        History appended = events(0, 6);
        const QJsonObject input { { QStringLiteral("input"), QStringLiteral("x\"é") } };
        appended[1].data = {};
        appended[1].encodedData = json::toText(input);
        appended[2].data = QJsonObject { { QStringLiteral("result"), 7 } };
        appended[2].encodedData = json::memberText(u"result", 7);
        appended[3].data = QJsonObject { { QStringLiteral("stale"), true } };
        appended[3].encodedData = json::memberText(u"result", QJsonArray { 1, 2 });
        // A marker that carries text is a row of its own, not folded away with its text.
        QCOMPARE(appended[5].type, EventType::OrchestratorCompleted);
        appended[5].encodedData = json::memberText(u"customStatus", QStringLiteral("s"));
        DURABLE_VERIFY_OK(store->begin());
        putRow(*store, QStringLiteral("i"));
        DURABLE_VERIFY_OK(store->appendHistory(QStringLiteral("i"), QStringLiteral("e"), appended));
        DURABLE_VERIFY_OK(store->commit());
        const History read = store->history(QStringLiteral("i"), QStringLiteral("e")).value();
        QCOMPARE(read.size(), appended.size());
        QCOMPARE(read.at(1).data, input);
        QCOMPARE(read.at(2).data, appended.at(2).data);
        QCOMPARE(read.at(3).data, (QJsonObject { { QStringLiteral("result"), QJsonArray { 1, 2 } } }));
        QCOMPARE(read.at(5).type, EventType::OrchestratorCompleted);
        QCOMPARE(read.at(5).data, (QJsonObject { { QStringLiteral("customStatus"), QStringLiteral("s") } }));
        for (const auto &e : read)
            QVERIFY(e.encodedData.isEmpty());
        // A replaced event is written from its text too.
        HistoryEvent replaced = read.at(1);
        replaced.data = {};
        replaced.encodedData = json::memberText(u"input", 42);
        DURABLE_VERIFY_OK(store->begin());
        DURABLE_VERIFY_OK(store->replaceHistoryEvent(QStringLiteral("i"), QStringLiteral("e"), replaced));
        DURABLE_VERIFY_OK(store->commit());
        QCOMPARE(store->history(QStringLiteral("i"), QStringLiteral("e")).value().at(1).data,
                 (QJsonObject { { QStringLiteral("input"), 42 } }));
        QCOMPARE(read.at(4), appended.at(4));
    }

    void workInputIsStoredFromItsText_data() { backends(); }
    void workInputIsStoredFromItsText()
    {
        // A scheduled activity's input is written once, for its event; the work row stores that
        // text (here different from the stale value beside it, to tell which was written).
        QFETCH(QString, backend);
        if (backend == QLatin1String("postgresql"))
            DURABLE_NEED_PG();
        auto store = openStore(backend, QStringLiteral("workinput"));
        QVERIFY(store);
        const QJsonObject input { { QStringLiteral("a"), QStringLiteral("x\"é") } };
        const QByteArray text = json::toText(input);
        WorkItem fromText { 0, QStringLiteral("i"), QStringLiteral("e"), 1, QStringLiteral("Act"), 0 };
        WorkItem fromValue {
            0, QStringLiteral("i"), QStringLiteral("e"), 2, QStringLiteral("Act"), QJsonArray { 1, 2 }
        };
        WorkItem nothing { 0, QStringLiteral("i"),   QStringLiteral("e"),
                           3, QStringLiteral("Act"), QJsonValue(QJsonValue::Undefined) };
        DURABLE_VERIFY_OK(store->begin());
        fromText.id = store->insertWork(fromText, text).value();
        fromValue.id = store->insertWork(fromValue).value();
        nothing.id = store->insertWork(nothing, QByteArrayView()).value();
        DURABLE_VERIFY_OK(store->commit());
        const auto work = store->allWork().value();
        QCOMPARE(work.size(), 3);
        QCOMPARE(work.at(0).input, QJsonValue(input));
        QCOMPARE(work.at(1).input, QJsonValue(QJsonArray { 1, 2 }));
        QCOMPARE(work.at(2).input, QJsonValue(QJsonValue::Undefined));
    }

    void workRowsAreDeletedInBatchesUnderTheirFence_data() { backends(); }
    void workRowsAreDeletedInBatchesUnderTheirFence()
    {
        // A batch's results delete their rows in one call (PostgreSQL: one statement). Each item
        // keeps its own answer: a row of another task, instance or execution or (shared) a stale
        // attempt is not deleted, a repeated item counts once, an item whose fence does not hold
        // is void even before one of the same id whose fence does, instance ids change along the way.
        QFETCH(QString, backend);
        const bool shared = backend == QLatin1String("postgresql");
        if (shared)
            DURABLE_NEED_PG();
        auto store = openStore(backend, QStringLiteral("workrows"));
        QVERIFY(store);
        QVERIFY(store->openSession(WorkerInfo { QStringLiteral("w"), QStringLiteral("host"), 1 }, 60000).value());
        QList<WorkItem> rows;
        DURABLE_VERIFY_OK(store->begin());
        for (int t = 0; t < 90; ++t) {
            WorkItem w { 0,
                         t % 7 ? QStringLiteral("fan") : QStringLiteral("other-%1").arg(t),
                         QStringLiteral("e"),
                         t,
                         QStringLiteral("Act"),
                         t };
            w.id = store->insertWork(w).value();
            w.attempt = 1;
            rows.append(w);
        }
        QList<qint64> ids;
        for (const auto &w : std::as_const(rows))
            ids.append(w.id);
        DURABLE_VERIFY_OK(store->leaseWork(ids));
        DURABLE_VERIFY_OK(store->commit());

        QList<WorkItem> items;
        QList<bool> expected;
        QSet<qint64> kept;
        for (int t = 0; t < 85; ++t) {
            WorkItem w = rows.at(t);
            bool deletes = true;
            if (t == 10) {
                w.taskId = 99; // another task's row under this id
                deletes = false;
            } else if (t == 20) {
                w.executionId = QStringLiteral("older"); // a result of an execution gone since
                deletes = false;
            } else if (t == 30 && shared) {
                w.attempt = 2; // not the attempt it holds
                deletes = false;
            } else if (t == 35) {
                w.instanceId = QStringLiteral("fan-2"); // another instance's row under this id
                deletes = false;
            }
            if (!deletes)
                kept.insert(w.id);
            // The same id first with a fence that does not hold, then with the one that does:
            // the row answers the second.
            if (t == 50 || (t == 60 && shared)) {
                WorkItem stale = w;
                if (t == 50)
                    stale.taskId = 98;
                else
                    stale.attempt = 0;
                items.append(stale);
                expected.append(false);
            }
            items.append(w);
            expected.append(deletes);
        }
        items.insert(40, rows.at(3)); // repeated: its row is gone by the second
        expected.insert(40, false);
        WorkItem gone = rows.at(0);
        gone.id = rows.constLast().id + 1000; // no such row
        items.append(gone);
        expected.append(false);
        QCOMPARE(items.size(), shared ? 89 : 88);
        for (int t = 85; t < rows.size(); ++t)
            kept.insert(rows.at(t).id);

        DURABLE_VERIFY_OK(store->begin());
        const auto deleted = store->deleteWorkRows(items);
        QVERIFY2(deleted, qPrintable(deleted ? QString() : deleted.error().message));
        DURABLE_VERIFY_OK(store->commit());
        QCOMPARE(*deleted, expected);
        QSet<qint64> left;
        const auto work = store->allWork().value();
        for (const auto &w : work)
            left.insert(w.id);
        QCOMPARE(left, kept);
        DURABLE_VERIFY_OK(store->begin());
        QCOMPARE(store->deleteWorkRows({}).value(), QList<bool>());
        QCOMPARE(store->deleteWork(rows.at(86)).value(), true);
        QCOMPARE(store->deleteWork(rows.at(86)).value(), false);
        DURABLE_VERIFY_OK(store->commit());
    }

    void failedAppendLeavesNothingAfterRollback_data() { backends(); }
    void failedAppendLeavesNothingAfterRollback()
    {
        QFETCH(QString, backend);
        if (backend == QLatin1String("postgresql"))
            DURABLE_NEED_PG();
        auto store = openStore(backend, QStringLiteral("failed"));
        QVERIFY(store);
        const QString id = QStringLiteral("i");
        const History first = events(0, 10);
        DURABLE_VERIFY_OK(store->begin());
        putRow(*store, id);
        DURABLE_VERIFY_OK(store->appendHistory(id, QStringLiteral("e"), first));
        DURABLE_VERIFY_OK(store->commit());
        // 37 rows whose ninth repeats a stored sequence: on SQLite the first 32-row statement
        // fails after writing eight rows (OR FAIL keeps them until the rollback).
        History bad = events(10, 10);
        bad.append(events(5, 1));
        bad.append(events(21, 30));
        DURABLE_VERIFY_OK(store->begin());
        // PostgreSQL sends writes ahead within a transaction: its error may come with the commit.
        const Status appended = store->appendHistory(id, QStringLiteral("e"), bad);
        QVERIFY(!appended || !store->commit());
        if (store->inTransaction())
            store->rollback();
        QCOMPARE(store->history(id, QStringLiteral("e")).value(), first);
        // The store goes on: the same events, without the repeat, append as usual.
        DURABLE_VERIFY_OK(store->begin());
        DURABLE_VERIFY_OK(store->appendHistory(id, QStringLiteral("e"), events(10, 40)));
        DURABLE_VERIFY_OK(store->commit());
        QCOMPARE(store->history(id, QStringLiteral("e")).value(), first + events(10, 40));
    }

    void appendNeedsTheInstanceRowOfItsExecution()
    {
        // SQLite keys the rows by the instance row (schema 8): an append for an instance without
        // one, or for an execution that is not its current one, is refused and writes nothing.
        auto store = openStore(QStringLiteral("sqlite"), QStringLiteral("keyed"));
        QVERIFY(store);
        DURABLE_VERIFY_OK(store->begin());
        putRow(*store, QStringLiteral("i"));
        const Status missing = store->appendHistory(QStringLiteral("none"), QStringLiteral("e"), events(0, 3));
        const Status stale = store->appendHistory(QStringLiteral("i"), QStringLiteral("old"), events(0, 40));
        DURABLE_VERIFY_OK(store->commit());
        QVERIFY(!missing && !stale);
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
        QCOMPARE(stale.error().code, ErrorCode::NotFound);
        QVERIFY(stale.error().message.contains(QLatin1String("'old'")));
        QVERIFY(store->history(QStringLiteral("i"), QStringLiteral("e")).value().isEmpty());
        QVERIFY(store->history(QStringLiteral("i"), QStringLiteral("old")).value().isEmpty());
        // Its own execution appends, and a later execution of the row sees none of it.
        DURABLE_VERIFY_OK(store->begin());
        DURABLE_VERIFY_OK(store->appendHistory(QStringLiteral("i"), QStringLiteral("e"), events(0, 5)));
        DURABLE_VERIFY_OK(store->commit());
        QCOMPARE(store->history(QStringLiteral("i"), QStringLiteral("e")).value(), events(0, 5));
        InstanceRecord next = store->instance(QStringLiteral("i")).value().value();
        next.info.executionId = QStringLiteral("e2");
        DURABLE_VERIFY_OK(store->begin());
        DURABLE_VERIFY_OK(store->updateInstance(next));
        DURABLE_VERIFY_OK(store->commit());
        QVERIFY(store->history(QStringLiteral("i"), QStringLiteral("e")).value().isEmpty());
        QVERIFY(store->history(QStringLiteral("i"), QStringLiteral("e2")).value().isEmpty());
    }

    void keysFollowReplacedRowsAndOtherConnections()
    {
        // SQLite keys history rows by the instance row's integer key, which a later row can be
        // given again once the rows above it are gone. A row given a key finds no rows under it, and
        // a key one connection remembers is not used after another connection changed the hub.
        const QString file = m_dir.filePath(QStringLiteral("keys.sqlite"));
        auto a = openHubStore(file, SyncMode::Normal, true);
        QVERIFY(a);
        DURABLE_VERIFY_OK((*a)->begin());
        putRow(**a, QStringLiteral("i"));
        DURABLE_VERIFY_OK((*a)->appendHistory(QStringLiteral("i"), QStringLiteral("e"), events(0, 5)));
        putRow(**a, QStringLiteral("i"), QStringLiteral("e2"));
        DURABLE_VERIFY_OK((*a)->deleteInstance(QStringLiteral("i")));
        putRow(**a, QStringLiteral("k"));
        DURABLE_VERIFY_OK((*a)->commit());
        QVERIFY((*a)->history(QStringLiteral("k"), QStringLiteral("e")).value().isEmpty());

        DURABLE_VERIFY_OK((*a)->begin());
        putRow(**a, QStringLiteral("i"));
        DURABLE_VERIFY_OK((*a)->commit());
        auto b = openHubStore(file, SyncMode::Normal, true);
        QVERIFY(b);
        DURABLE_VERIFY_OK((*b)->begin());
        DURABLE_VERIFY_OK((*b)->deleteInstance(QStringLiteral("i")));
        putRow(**b, QStringLiteral("j")); // given the key "i" had
        putRow(**b, QStringLiteral("i"));
        DURABLE_VERIFY_OK((*b)->commit());
        DURABLE_VERIFY_OK((*a)->begin());
        DURABLE_VERIFY_OK((*a)->appendHistory(QStringLiteral("i"), QStringLiteral("e"), events(0, 3)));
        DURABLE_VERIFY_OK((*a)->commit());
        QCOMPARE((*b)->history(QStringLiteral("i"), QStringLiteral("e")).value(), events(0, 3));
        QVERIFY((*b)->history(QStringLiteral("j"), QStringLiteral("e")).value().isEmpty());
    }

    void keysForgottenOnRollback()
    {
        // A row inserted and rolled back frees its key for the next insert: an append for the
        // rolled-back instance must not find the key it was given and write under another row.
        const QString file = m_dir.filePath(QStringLiteral("rollback.sqlite"));
        auto store = openHubStore(file, SyncMode::Normal, true);
        QVERIFY(store);
        auto &s = **store;
        DURABLE_VERIFY_OK(s.begin());
        putRow(s, QStringLiteral("i"));
        s.rollback();
        DURABLE_VERIFY_OK(s.begin());
        putRow(s, QStringLiteral("j")); // given the key "i" had
        // A step of the rolled-back instance changes no other row.
        InstanceRecord gone = row(QStringLiteral("i"));
        gone.storedExecutionId = gone.info.executionId;
        gone.info.status = RuntimeStatus::Completed;
        gone.historyLength = 9;
        DURABLE_VERIFY_OK(s.updateInstance(gone));
        const auto j = s.instance(QStringLiteral("j"), false);
        QVERIFY(j && *j);
        QCOMPARE((*j)->info.status, RuntimeStatus::Running);
        QCOMPARE((*j)->historyLength, 0);
        auto appended = s.appendHistory(QStringLiteral("i"), QStringLiteral("e"), events(0, 3));
        QVERIFY(!appended);
        QCOMPARE(appended.error().code, ErrorCode::NotFound); // refused before anything was written
        DURABLE_VERIFY_OK(s.commit());

        DURABLE_VERIFY_OK(s.begin());
        putRow(s, QStringLiteral("x"));
        DURABLE_VERIFY_OK(s.savepoint());
        putRow(s, QStringLiteral("y"));
        s.rollbackToSavepoint();
        putRow(s, QStringLiteral("z")); // given the key "y" had
        appended = s.appendHistory(QStringLiteral("y"), QStringLiteral("e"), events(0, 3));
        QVERIFY(!appended);
        QCOMPARE(appended.error().code, ErrorCode::NotFound);
        DURABLE_VERIFY_OK(s.commit());
        // The keys were given again as the test assumes (an empty table's first key is 1).
        QCOMPARE(testing::sqliteExec(file,
                                     QStringLiteral("SELECT instance_id || '=' || instance_key FROM instances ORDER "
                                                    "BY instance_key")),
                 (QStringList { QStringLiteral("j=1"), QStringLiteral("x=2"), QStringLiteral("z=3") }));
        QCOMPARE(testing::sqliteExec(file, QStringLiteral("SELECT count(*) FROM history")),
                 QStringList { QStringLiteral("0") });
    }

    void rowKeptOutByATriggerIsAnError()
    {
        // An insert that a trigger ignores succeeds without a row: the connection's last rowid is
        // then another row's, which must not be taken for the key.
        const QString file = m_dir.filePath(QStringLiteral("ignored.sqlite"));
        auto store = openHubStore(file, SyncMode::Normal, true);
        QVERIFY(store);
        auto &s = **store;
        DURABLE_VERIFY_OK(s.begin());
        putRow(s, QStringLiteral("a"));
        DURABLE_VERIFY_OK(s.appendHistory(QStringLiteral("a"), QStringLiteral("e"), events(0, 3)));
        DURABLE_VERIFY_OK(s.commit());
        QCOMPARE(testing::sqliteExec(file,
                                     QStringLiteral("CREATE TRIGGER keep_out BEFORE INSERT ON instances WHEN "
                                                    "NEW.instance_id = 'x' BEGIN SELECT RAISE(IGNORE); END")),
                 QStringList());
        DURABLE_VERIFY_OK(s.begin());
        const auto put = s.putInstance(row(QStringLiteral("x")));
        QVERIFY(!put);
        QCOMPARE(put.error().code, ErrorCode::Storage);
        QVERIFY(!s.appendHistory(QStringLiteral("x"), QStringLiteral("e"), events(0, 1)));
        s.rollback();
        QCOMPARE(s.history(QStringLiteral("a"), QStringLiteral("e")).value(), events(0, 3));
    }

    void newRowsFindNoRowsUnderTheirKey()
    {
        // History rows under a key no row holds (left by another program, or by a row deleted
        // without them) are not inherited by the row given that key next.
        const QString file = m_dir.filePath(QStringLiteral("stray.sqlite"));
        auto store = openHubStore(file, SyncMode::Normal, true);
        QVERIFY(store);
        DURABLE_VERIFY_OK((*store)->begin());
        putRow(**store, QStringLiteral("a"));
        DURABLE_VERIFY_OK((*store)->commit());
        QCOMPARE(testing::sqliteExec(file,
                                     QStringLiteral("INSERT INTO history (instance_key, sequence, event_type, "
                                                    "event_id, task_id, timestamp) SELECT max(instance_key) + 1, "
                                                    "0, 0, -1, -1, 0 FROM instances")),
                 QStringList());
        DURABLE_VERIFY_OK((*store)->begin());
        putRow(**store, QStringLiteral("b"));
        DURABLE_VERIFY_OK((*store)->commit());
        QVERIFY((*store)->history(QStringLiteral("b"), QStringLiteral("e")).value().isEmpty());
        DURABLE_VERIFY_OK((*store)->begin());
        DURABLE_VERIFY_OK((*store)->appendHistory(QStringLiteral("b"), QStringLiteral("e"), events(0, 2)));
        DURABLE_VERIFY_OK((*store)->commit());
        QCOMPARE((*store)->history(QStringLiteral("b"), QStringLiteral("e")).value(), events(0, 2));
    }
};

QTEST_GUILESS_MAIN(TestHistoryAppend)
#include "tst_historyappend.moc"
