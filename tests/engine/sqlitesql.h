#pragma once
// Plain SQL on an SQLite hub file from a test, on a connection of its own (Qt's SQLite driver):
// to look at rows the store's interface does not show. Close the hub's store first.

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace testing {

/// Runs one statement on the file. Returns the first column of its rows, or the driver's error as
/// the only element prefixed with "error: ".
inline QStringList sqliteExec(const QString &path, const QString &sql)
{
    const QString connection = QStringLiteral("sqliteExec");
    QStringList rows;
    {
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        if (!db.open()) {
            rows = { QStringLiteral("error: ") + db.lastError().text() };
        } else {
            QSqlQuery q(db);
            if (!q.exec(sql))
                rows = { QStringLiteral("error: ") + q.lastError().text() };
            while (q.next())
                rows.append(q.value(0).toString());
            q.finish();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return rows;
}

} // namespace testing
