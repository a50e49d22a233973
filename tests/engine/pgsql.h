#pragma once
// Plain SQL on a PostgreSQL hub from a test, on a connection of its own (libpq): to look at rows
// or to plant a fault the engine has no way to cause. Link the test with PkgConfig::LIBPQ.

#include <QString>
#include <QStringList>
#include <QUrl>

#include <libpq-fe.h>

#include <memory>

namespace testing {

/// A hub URL (`postgresql://…?hub=NAME[&…]`) split into what libpq takes and the hub's schema.
struct PostgresTarget {
    QByteArray connectionUrl;
    QString schema;
};

inline PostgresTarget postgresTarget(const QString &hubUrl)
{
    PostgresTarget target { {}, QStringLiteral("durable") };
    const qsizetype question = hubUrl.indexOf(u'?');
    QStringList kept;
    if (question >= 0) {
        for (const auto &p : hubUrl.mid(question + 1).split(u'&', Qt::SkipEmptyParts)) {
            if (p.startsWith(QLatin1String("hub=")))
                target.schema = QUrl::fromPercentEncoding(p.mid(4).toUtf8());
            else if (!p.startsWith(QLatin1String("idle_tx_timeout_ms=")))
                kept.append(p);
        }
    }
    const QString base = question < 0 ? hubUrl : hubUrl.left(question);
    target.connectionUrl = (kept.isEmpty() ? base : base + u'?' + kept.join(u'&')).toUtf8();
    return target;
}

/// Runs `sql` (one or more statements) with the hub's schema as the search path. Returns the
/// first column of the last statement's rows, or the server's error as the only element prefixed
/// with "error: ".
inline QStringList postgresExec(const QString &hubUrl, const QString &sql)
{
    const PostgresTarget target = postgresTarget(hubUrl);
    std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(target.connectionUrl.constData()), &PQfinish);
    if (PQstatus(conn.get()) != CONNECTION_OK)
        return { QStringLiteral("error: ") + QString::fromUtf8(PQerrorMessage(conn.get())) };
    const QByteArray text = "SET search_path TO \"" + target.schema.toUtf8() + "\"; " + sql.toUtf8();
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
