// The SQLite limit that durable-bench measures every ratio against (sqlitelimit.h).
#include "sqlitelimit.h"

#include "sqlite/sqlitestore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <vector>

#include <sqlite3.h>

namespace bench {

double measureSqliteLimit(const QString &dir, durable::SyncMode sync, int perTransaction, int steps)
{
    const QByteArray path = QFile::encodeName(QDir(dir).filePath(QStringLiteral("limit.sqlite")));
    QFile::remove(QFile::decodeName(path));
    QFile::remove(QFile::decodeName(path + "-wal"));
    // The engine's process-wide settings and connection mode: raw SQLite at its best, as the
    // engine uses it (the first SQLite use in the process decides the settings).
    durable::sqlite::SqliteStore::configureLibrary();
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(path.constData(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        nullptr)
        != SQLITE_OK) {
        sqlite3_close(db);
        return 0;
    }
    const QByteArray setup = QByteArray("PRAGMA journal_mode=WAL;")
        + (sync == durable::SyncMode::Full ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;")
        + "CREATE TABLE history (instance_id TEXT, sequence INTEGER, data TEXT, "
          "PRIMARY KEY (instance_id, sequence)) WITHOUT ROWID;"
          "CREATE TABLE instances (instance_id TEXT PRIMARY KEY, status INTEGER, updated_at INTEGER);"
          "CREATE TABLE queue (id INTEGER PRIMARY KEY, instance_id TEXT, data TEXT);"
          "INSERT INTO instances VALUES ('limit', 0, 0);"
          "INSERT INTO queue (instance_id, data) VALUES ('limit', '{}');";
    std::vector<sqlite3_stmt *> statements;
    const auto prepare = [&](const char *sql) {
        sqlite3_stmt *statement = nullptr;
        sqlite3_prepare_v2(db, sql, -1, &statement, nullptr);
        statements.push_back(statement);
        return statement;
    };
    // Steps a statement and resets it; false on an error.
    const auto run = [](sqlite3_stmt *statement) {
        const int rc = sqlite3_step(statement);
        sqlite3_reset(statement);
        return statement && (rc == SQLITE_DONE || rc == SQLITE_ROW);
    };
    double rate = 0;
    if (sqlite3_exec(db, setup.constData(), nullptr, nullptr, nullptr) == SQLITE_OK) {
        sqlite3_stmt *begin = prepare("BEGIN");
        sqlite3_stmt *commit = prepare("COMMIT");
        sqlite3_stmt *history = prepare("INSERT INTO history VALUES ('limit', ?, ?)");
        sqlite3_stmt *instance = prepare("UPDATE instances SET status = 0, updated_at = ? WHERE instance_id = 'limit'");
        sqlite3_stmt *remove = prepare("DELETE FROM queue WHERE id = (SELECT min(id) FROM queue)");
        sqlite3_stmt *insert = prepare("INSERT INTO queue (instance_id, data) VALUES ('limit', ?)");
        const QByteArray json = "{\"input\":\"" + QByteArray(180, 'x') + "\"}";
        bool ok = true;
        QElapsedTimer timer;
        timer.start();
        qint64 sequence = 0;
        for (int done = 0; ok && done < steps;) {
            ok = run(begin);
            for (int i = 0; ok && i < perTransaction && done < steps; ++i, ++done) {
                for (int k = 0; k < 2; ++k) {
                    sqlite3_bind_int64(history, 1, sequence++);
                    sqlite3_bind_text(history, 2, json.constData(), int(json.size()), SQLITE_STATIC);
                    ok = ok && run(history);
                }
                sqlite3_bind_int64(instance, 1, sequence);
                sqlite3_bind_text(insert, 1, json.constData(), int(json.size()), SQLITE_STATIC);
                ok = ok && run(instance) && run(remove) && run(insert);
            }
            ok = ok && run(commit);
        }
        if (ok)
            rate = steps / (timer.nsecsElapsed() / 1e9);
    }
    for (sqlite3_stmt *statement : statements)
        sqlite3_finalize(statement);
    sqlite3_close(db);
    return rate;
}

} // namespace bench
