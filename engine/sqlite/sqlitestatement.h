#pragma once

#include "error.h"

#include <QByteArray>
#include <QString>
#include <QVariant>

struct sqlite3;
struct sqlite3_stmt;

namespace durable::sqlite {

/// The one mapping from an SQLite result code to an engine Error: BUSY and LOCKED → Busy,
/// READONLY → ReadOnly, CORRUPT and NOTADB → Corrupt, anything else → Storage. `context` says
/// what was being done; SQLite's own message follows it.
Error errorFor(int resultCode, sqlite3 *db, const QString &context);

/// A prepared SQLite statement: bind, exec, next, value, finish. Values are bound and read as
/// UTF-8, SQLite's native encoding. Persistent statements are prepared once per connection and
/// kept (the hot path); transient ones serve dynamic SQL (queries, PRAGMAs).
class Statement {
public:
    enum class Lifetime { Persistent, Transient };
    Statement(sqlite3 *db, const QByteArray &sql, Lifetime lifetime = Lifetime::Persistent);
    ~Statement();
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    void bindValue(int index, const QString &text);
    void bindValue(int index, qint64 value);
    void bindValue(int index, int value) { bindValue(index, qint64(value)); }
    /// Null, integers, doubles; a QByteArray is bound as UTF-8 text as it is (serialised JSON).
    void bindValue(int index, const QVariant &value);

    /// Runs the statement; a first row, if any, is kept for next(). Errors as errorFor().
    Status exec();
    /// The next row. False at the end, and on an error, which then stays in error() until the
    /// next exec(): a read loop must check it, or a damaged page ends a read silently.
    bool next();
    /// The error that ended the last next() loop, if any (Corrupt for a damaged page).
    Status error() const { return m_stepError; }
    QVariant value(int column) const;
    /// Resets the statement, releasing its read snapshot.
    void finish();
    qint64 numRowsAffected() const { return m_changes; }
    qint64 lastInsertId() const { return m_lastInsert; }

private:
    sqlite3 *m_db;
    sqlite3_stmt *m_stmt = nullptr;
    QByteArray m_sql;
    int m_prepareResult = 0;
    bool m_active = false;
    bool m_pendingRow = false;
    qint64 m_changes = 0;
    qint64 m_lastInsert = 0;
    Status m_stepError;
};

} // namespace durable::sqlite
