#include "pgconnection.h"

#include "json.h"

#include <libpq-fe.h>

#include <cmath>

namespace durable::postgres {

namespace {

    QByteArray arrayElement(const QByteArray &value)
    {
        QByteArray out;
        out.reserve(value.size() + 2);
        out.append('"');
        for (char c : value) {
            if (c == '"' || c == '\\')
                out.append('\\');
            out.append(c);
        }
        out.append('"');
        return out;
    }

    QString trimmed(const char *message)
    {
        return QString::fromUtf8(message).trimmed();
    }

} // namespace

Params &Params::utf8(const QByteArray &value)
{
    m_values.append(value);
    m_nulls.append(false);
    return *this;
}

Params &Params::text(const QString &value)
{
    return utf8(value.toUtf8());
}

Params &Params::integer(qint64 value)
{
    return utf8(QByteArray::number(value));
}

Params &Params::null()
{
    m_values.append(QByteArray());
    m_nulls.append(true);
    return *this;
}

Params &Params::nullableText(const QString &value)
{
    return value.isEmpty() ? null() : text(value);
}

Params &Params::time(const QDateTime &value)
{
    return integer(value.isValid() ? value.toMSecsSinceEpoch() : 0);
}

Params &Params::nullableTime(const QDateTime &value)
{
    return value.isValid() ? integer(value.toMSecsSinceEpoch()) : null();
}

Params &Params::json(const QJsonValue &value)
{
    return value.isUndefined() ? null() : utf8(json::toText(value));
}

Params &Params::jsonObject(const QJsonObject &object)
{
    return object.isEmpty() ? null() : utf8(json::toText(object));
}

Params &Params::variant(const QVariant &value)
{
    if (value.isNull())
        return null();
    if (value.typeId() == QMetaType::Double) {
        // JSON numbers come back from a continuation token as doubles; the columns are integers.
        const double d = value.toDouble();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.0e15)
            return integer(qint64(d));
    }
    if (value.typeId() == QMetaType::Bool)
        return integer(value.toBool() ? 1 : 0);
    return text(value.toString());
}

Params &Params::textArray(const QList<std::optional<QByteArray>> &values)
{
    QByteArray literal = "{";
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i)
            literal.append(',');
        literal.append(values.at(i) ? arrayElement(*values.at(i)) : QByteArrayLiteral("NULL"));
    }
    literal.append('}');
    return utf8(literal);
}

Params &Params::textArray(const QStringList &values)
{
    QList<std::optional<QByteArray>> utf8Values;
    utf8Values.reserve(values.size());
    for (const auto &v : values)
        utf8Values.append(v.toUtf8());
    return textArray(utf8Values);
}

Params &Params::integerArray(const QList<qint64> &values)
{
    QByteArray literal = "{";
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i)
            literal.append(',');
        literal.append(QByteArray::number(values.at(i)));
    }
    literal.append('}');
    return utf8(literal);
}

QList<const char *> Params::pointers() const
{
    QList<const char *> result;
    result.reserve(m_values.size());
    for (qsizetype i = 0; i < m_values.size(); ++i)
        result.append(m_nulls.at(i) ? nullptr : m_values.at(i).constData());
    return result;
}

Rows::Rows(pg_result *result)
    : m_result(result, PQclear)
{
}

int Rows::count() const
{
    return m_result ? PQntuples(m_result.get()) : 0;
}

bool Rows::isNull(int row, int column) const
{
    return PQgetisnull(m_result.get(), row, column);
}

QString Rows::text(int row, int column) const
{
    return QString::fromUtf8(PQgetvalue(m_result.get(), row, column), PQgetlength(m_result.get(), row, column));
}

QByteArray Rows::bytes(int row, int column) const
{
    return QByteArray(PQgetvalue(m_result.get(), row, column), PQgetlength(m_result.get(), row, column));
}

QByteArrayView Rows::view(int row, int column) const
{
    return QByteArrayView(PQgetvalue(m_result.get(), row, column), PQgetlength(m_result.get(), row, column));
}

qint64 Rows::integer(int row, int column) const
{
    return QByteArray::fromRawData(PQgetvalue(m_result.get(), row, column), PQgetlength(m_result.get(), row, column))
        .toLongLong();
}

qint64 Rows::affected() const
{
    return m_result ? QByteArray(PQcmdTuples(m_result.get())).toLongLong() : 0;
}

QByteArray Rows::command() const
{
    return m_result ? QByteArray(PQcmdStatus(m_result.get())) : QByteArray();
}

Error errorFor(pg_conn *connection, pg_result *result, const QString &context)
{
    const char *state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const QString message
        = trimmed(result && *PQresultErrorMessage(result) ? PQresultErrorMessage(result) : PQerrorMessage(connection));
    const QString sqlState = state ? QString::fromLatin1(state) : QString();
    const QString detail = context + QStringLiteral(": ") + message;
    if (PQstatus(connection) == CONNECTION_BAD || sqlState.startsWith(QLatin1String("08"))
        || sqlState == QLatin1String("57P01") || sqlState == QLatin1String("57P02")
        || sqlState == QLatin1String("57P03")) {
        return Error { ErrorCode::Storage,
                       context + QStringLiteral(": the connection to the PostgreSQL server was lost (") + message
                           + QStringLiteral(")") };
    }
    if (sqlState == QLatin1String("40001") || sqlState == QLatin1String("40P01") || sqlState == QLatin1String("55P03"))
        return Error { ErrorCode::Busy, detail };
    if (sqlState == QLatin1String("57014"))
        return Error { ErrorCode::Busy,
                       detail + QStringLiteral(" (the server's statement_timeout or a cancel ended the statement)") };
    if (sqlState == QLatin1String("42501"))
        return Error { ErrorCode::ReadOnly,
                       context + QStringLiteral(": the PostgreSQL user has no permission for this (") + message
                           + QStringLiteral(")") };
    if (sqlState == QLatin1String("25006"))
        return Error { ErrorCode::ReadOnly, detail };
    if (sqlState == QLatin1String("XX001") || sqlState == QLatin1String("XX002"))
        return Error { ErrorCode::Corrupt, detail };
    return Error { ErrorCode::Storage, sqlState.isEmpty() ? detail : detail + QStringLiteral(" [") + sqlState + u']' };
}

Error connectError(pg_conn *connection, const QString &where)
{
    const QString message = trimmed(connection ? PQerrorMessage(connection) : "out of memory");
    if (message.contains(QLatin1String("password authentication failed"))
        || message.contains(QLatin1String("no password supplied"))
        || message.contains(QLatin1String("authentication failed")))
        return Error { ErrorCode::Storage,
                       QStringLiteral("PostgreSQL at %1 refused the login (wrong user or password; a password comes "
                                      "from ~/.pgpass or PGPASSFILE): %2")
                           .arg(where, message) };
    if (message.contains(QLatin1String("does not exist")) && message.contains(QLatin1String("database")))
        return Error { ErrorCode::Storage,
                       QStringLiteral("PostgreSQL at %1 has no such database: %2").arg(where, message) };
    if (message.contains(QLatin1String("permission denied")))
        return Error { ErrorCode::ReadOnly,
                       QStringLiteral("PostgreSQL at %1 refused the connection: %2").arg(where, message) };
    return Error {
        ErrorCode::Storage,
        QStringLiteral("cannot connect to the PostgreSQL server at %1 (is it running?): %2").arg(where, message)
    };
}

QJsonValue jsonValue(const Rows &rows, int row, int column)
{
    if (rows.isNull(row, column))
        return QJsonValue(QJsonValue::Undefined);
    return json::parse(rows.bytes(row, column)).value_or(QJsonValue(QJsonValue::Undefined));
}

QJsonObject jsonObject(const Rows &rows, int row, int column)
{
    if (rows.isNull(row, column))
        return {};
    return json::parseObject(rows.view(row, column));
}

QDateTime timeValue(const Rows &rows, int row, int column)
{
    if (rows.isNull(row, column))
        return {};
    return QDateTime::fromMSecsSinceEpoch(rows.integer(row, column), Qt::UTC);
}

} // namespace durable::postgres
