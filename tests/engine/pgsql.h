#pragma once
// Plain SQL on a PostgreSQL hub from a test, on a connection of its own (libpq): to look at rows
// or to plant a fault the engine has no way to cause. Link the test with PkgConfig::LIBPQ.

#include "postgres/pgstore.h"

#include <QStringList>

#include <libpq-fe.h>

#include <memory>

namespace testing {

/// Runs `sql` (one or more statements) with the hub's schema as the search path. Returns the
/// first column of the last statement's rows, or the server's error as the only element prefixed
/// with "error: ".
inline QStringList postgresExec(const QString &hubUrl, const QString &sql)
{
    const auto target = durable::postgres::parseLocation(hubUrl); // the hub's own parameters are not libpq's
    if (!target)
        return { QStringLiteral("error: ") + target.error().message };
    std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(target->connectionUrl.constData()), &PQfinish);
    if (PQstatus(conn.get()) != CONNECTION_OK)
        return { QStringLiteral("error: ") + QString::fromUtf8(PQerrorMessage(conn.get())) };
    const QByteArray text = "SET search_path TO \"" + target->hub.toUtf8() + "\"; " + sql.toUtf8();
    std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(conn.get(), text.constData()), &PQclear);
    const auto status = PQresultStatus(result.get());
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
        return { QStringLiteral("error: ") + QString::fromUtf8(PQresultErrorMessage(result.get())) };
    QStringList rows;
    for (int r = 0; r < PQntuples(result.get()); ++r)
        rows.append(QString::fromUtf8(PQgetvalue(result.get(), r, 0)));
    return rows;
}

} // namespace testing
