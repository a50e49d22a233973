#pragma once

// A thin layer over libpq for the PostgreSQL store: bound parameters in text form, result rows,
// and the mapping of server and connection errors to engine error codes.

#include "error.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QStringList>
#include <QVariant>

#include <memory>

struct pg_conn;
struct pg_result;

namespace durable::postgres {

/// Parameters of one statement, all sent as text; the server infers their types from the
/// statement (casts in the SQL where it cannot).
class Params {
public:
    Params &text(const QString &value);
    Params &utf8(const QByteArray &value);
    Params &integer(qint64 value);
    Params &null();
    /// An empty string is NULL.
    Params &nullableText(const QString &value);
    /// Milliseconds since the epoch; an invalid time is 0.
    Params &time(const QDateTime &value);
    /// NULL for an invalid time.
    Params &nullableTime(const QDateTime &value);
    /// Compact JSON text; NULL for an undefined value.
    Params &json(const QJsonValue &value);
    /// Compact JSON text; NULL for an empty object.
    Params &jsonObject(const QJsonObject &object);
    /// JSON text made already; NULL when empty.
    Params &jsonText(const QByteArray &text) { return text.isEmpty() ? null() : utf8(text); }
    /// A value of a dynamic query (QVariant of a string, integer or whole double).
    Params &variant(const QVariant &value);
    /// A PostgreSQL array literal; nullopt elements are NULL.
    Params &textArray(const QList<std::optional<QByteArray>> &values);
    Params &textArray(const QStringList &values);
    Params &integerArray(const QList<qint64> &values);

    int size() const { return int(m_values.size()); }
    /// Pointers valid while this object lives unchanged.
    QList<const char *> pointers() const;

private:
    QList<QByteArray> m_values;
    QList<bool> m_nulls;
};

/// The rows of one statement's result (owns the PGresult).
class Rows {
public:
    Rows() = default;
    explicit Rows(pg_result *result);
    int count() const;
    bool isNull(int row, int column) const;
    QString text(int row, int column) const;
    QByteArray bytes(int row, int column) const;
    /// The value's bytes where libpq holds them: valid while this result lives.
    QByteArrayView view(int row, int column) const;
    qint64 integer(int row, int column) const;
    /// Rows an INSERT, UPDATE or DELETE changed.
    qint64 affected() const;
    /// The command tag ("COMMIT", "ROLLBACK", "INSERT 0 1", ...).
    QByteArray command() const;

private:
    std::shared_ptr<pg_result> m_result;
};

/// The engine error for a failed result (SQLSTATE mapped to a code) or, without a result, for the
/// connection's own failure. `context` says what was being done.
Error errorFor(pg_conn *connection, pg_result *result, const QString &context);
/// The error of a connection attempt that failed (no SQLSTATE: the message is matched).
Error connectError(pg_conn *connection, const QString &where);

/// Text of a JSON value read back: Undefined for NULL.
QJsonValue jsonValue(const Rows &rows, int row, int column);
QJsonObject jsonObject(const Rows &rows, int row, int column);
QDateTime timeValue(const Rows &rows, int row, int column);

} // namespace durable::postgres
