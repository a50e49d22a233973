#pragma once

#include "error.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QVariant>

struct sqlite3;
struct sqlite3_stmt;

namespace durable::sqlite {

/// The one mapping from an SQLite result code to an engine Error: BUSY and LOCKED → Busy,
/// READONLY → ReadOnly, CORRUPT and NOTADB → Corrupt, anything else → Storage. `context` says
/// what was being done; SQLite's own message follows it.
Error errorFor(int resultCode, sqlite3 *db, const QString &context);

/// The transaction of one connection, as its statements see it. SQLite rolls a whole transaction
/// back by itself after some errors of a single statement (I/O errors, a full disk, out of memory)
/// and goes on in autocommit mode: every later statement of the caller would then commit on its
/// own. A statement given the guard refuses to run in that state, with the error that caused it,
/// until the owner rolls back.
struct TransactionGuard {
    bool open = false; ///< BEGIN succeeded; neither COMMIT nor ROLLBACK ran since
    Error cause; ///< the last error of a statement while open
};

/// A prepared SQLite statement: bind, exec, next, value, finish. Values are bound and read as
/// UTF-8, SQLite's native encoding. Persistent statements are prepared once per connection and
/// kept (the hot path); transient ones serve dynamic SQL (queries, PRAGMAs).
class Statement {
public:
    enum class Lifetime { Persistent, Transient };
    /// `guard`, when given, must outlive the statement (see TransactionGuard).
    Statement(sqlite3 *db, const QByteArray &sql, Lifetime lifetime = Lifetime::Persistent,
              TransactionGuard *guard = nullptr);
    ~Statement();
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    void bindValue(int index, const QString &text);
    void bindValue(int index, qint64 value);
    void bindValue(int index, int value) { bindValue(index, qint64(value)); }
    /// Null, integers, doubles; a QByteArray is bound as UTF-8 text as it is (serialised JSON).
    void bindValue(int index, const QVariant &value);
    /// Typed binds for the write path, without a QVariant: UTF-8 text as it is (a shared
    /// QByteArray, such as an id converted once for many rows, is not copied), and NULL.
    void bindUtf8(int index, const QByteArray &utf8);
    void bindNull(int index);

    /// Runs the statement; a first row, if any, is kept for next(). Errors as errorFor(); with a
    /// guard whose transaction SQLite has rolled back, the statement does not run and the error
    /// says why.
    Status exec();
    /// The next row. False at the end, and on an error, which then stays in error() until the
    /// next exec(): a read loop must check it, or a damaged page ends a read silently.
    bool next();
    /// The error that ended the last next() loop, if any (Corrupt for a damaged page).
    Status error() const { return m_stepError; }
    QVariant value(int column) const;
    /// Typed reads of the current row, without a QVariant per column (the history read's hot path).
    bool isNull(int column) const;
    qint64 int64(int column) const;
    /// The column's bytes as UTF-8 text, valid until the next next(), exec() or finish().
    QByteArrayView utf8(int column) const;
    QString string(int column) const;
    /// Resets the statement, releasing its read snapshot.
    void finish();
    qint64 numRowsAffected() const { return m_changes; }
    qint64 lastInsertId() const { return m_lastInsert; }

private:
    /// Notes `error` as the cause should SQLite have ended the guarded transaction.
    void noteError(const Error &error);
    void bindText(int index, QByteArray utf8);

    /// Bound text kept past a run of the statement, at most (finish() unbinds beyond it): every
    /// caller binds all parameters before each exec(), never relying on an earlier run's.
    static constexpr qsizetype KeptTextBytes = 64 * 1024;
    /// Strings up to this length are remembered with their bytes (bindValue(int, QString)).
    static constexpr qsizetype MaxRememberedString = 256;

    sqlite3 *m_db;
    TransactionGuard *m_guard;
    sqlite3_stmt *m_stmt = nullptr;
    QByteArray m_sql;
    int m_prepareResult = 0;
    bool m_active = false;
    bool m_pendingRow = false;
    qint64 m_changes = 0;
    qint64 m_lastInsert = 0;
    Status m_stepError;
    struct BoundText {
        QByteArray utf8;
        QString source; ///< the string `utf8` was converted from; null: none remembered
    };
    /// The bytes of the bound text parameters, by index, with the short string each came from:
    /// bound again, the same string reuses them.
    QList<BoundText> m_texts;
};

} // namespace durable::sqlite
