// The SQLite statement wrapper's text binds: a string bound again to the same parameter reuses
// its UTF-8 bytes (ids bound row after row), and never where the value differs, another kind of
// value was bound in between, or a large run's binds were released.
#include "sqlite/sqlitestatement.h"

#include <QTest>

#include <sqlite3.h>

using namespace durable::sqlite;

class TestSqliteStatement : public QObject {
    Q_OBJECT

private:
    sqlite3 *m_db = nullptr;

    /// The table's rows in order, each as its value's type and text ("null" for NULL).
    QStringList rows()
    {
        QStringList out;
        Statement q(m_db, "SELECT v FROM t ORDER BY k", Statement::Lifetime::Transient);
        if (!q.exec())
            return { QStringLiteral("select failed") };
        while (q.next())
            out.append(q.isNull(0) ? QStringLiteral("null") : q.string(0));
        return out;
    }

private Q_SLOTS:
    void init()
    {
        QCOMPARE(sqlite3_open(":memory:", &m_db), SQLITE_OK);
        Statement create(m_db, "CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)", Statement::Lifetime::Transient);
        QVERIFY(create.exec());
    }

    void cleanup()
    {
        sqlite3_close(m_db);
        m_db = nullptr;
    }

    void repeatedStringsBindTheirOwnValue()
    {
        QStringList expected;
        {
            Statement insert(m_db, "INSERT INTO t (k, v) VALUES (?, ?)");
            int k = 0;
            const auto add = [&](const std::function<void()> &bind, const QString &stored) {
                insert.bindValue(0, ++k);
                bind();
                QVERIFY(insert.exec());
                expected.append(stored);
            };
            const QString id = QStringLiteral("instance-1");
            add([&] { insert.bindValue(1, id); }, id);
            add([&] { insert.bindValue(1, id); }, id); // the same string object
            add([&] { insert.bindValue(1, QStringLiteral("instance-1")); }, id); // equal, not shared
            QString edited = id;
            edited[0] = u'I'; // detached from the bound copy
            add([&] { insert.bindValue(1, edited); }, QStringLiteral("Instance-1"));
            add([&] { insert.bindValue(1, QStringLiteral("é✓")); }, QStringLiteral("é✓"));
            add([&] { insert.bindNull(1); }, QStringLiteral("null"));
            add([&] { insert.bindValue(1, QStringLiteral("é✓")); }, QStringLiteral("é✓")); // after a NULL
            add([&] { insert.bindUtf8(1, "raw"); }, QStringLiteral("raw"));
            add([&] { insert.bindValue(1, QStringLiteral("é✓")); }, QStringLiteral("é✓")); // after other bytes
            add([&] { insert.bindValue(1, 7); }, QStringLiteral("7"));
            add([&] { insert.bindValue(1, QStringLiteral("é✓")); }, QStringLiteral("é✓")); // after an integer
            // More than the statement keeps between runs: finish() releases every bind.
            const QString large(70 * 1024, u'x');
            add([&] { insert.bindValue(1, large); }, large);
            insert.finish();
            add([&] { insert.bindValue(1, large); }, large);
            insert.finish();
            add([&] { insert.bindValue(1, QStringLiteral("é✓")); }, QStringLiteral("é✓"));
            add([&] { insert.bindValue(1, QString()); }, QString());
            add([&] { insert.bindValue(1, QString()); }, QString());
            add([&] { insert.bindValue(1, QStringLiteral("")); }, QString());
        }
        QCOMPARE(rows(), expected);
    }
};

QTEST_GUILESS_MAIN(TestSqliteStatement)
#include "tst_sqlitestatement.moc"
