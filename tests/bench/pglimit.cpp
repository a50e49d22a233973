// PostgreSQL's durable-step limit, the same shape as measureSqliteLimit()'s SQLite one (sqlitelimit.h): 2 history rows
// of ~200-byte JSON, 1 instance update, 1 queue delete, 1 queue insert per step, through libpq
// with statements prepared once and one round trip each, in a schema of its own on the hub's server.
#include "pglimit.h"

#include "postgres/pgstore.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <libpq-fe.h>

namespace bench {

double measurePgLimit(const QString &url, durable::SyncMode sync, int perTransaction, int steps)
{
    auto location = durable::postgres::parseLocation(url);
    if (!location)
        return 0;
    PGconn *db = PQconnectdb(location->connectionUrl.constData());
    if (PQstatus(db) != CONNECTION_OK) {
        std::fprintf(stderr, "limit: %s\n", PQerrorMessage(db));
        PQfinish(db);
        return 0;
    }
    const QByteArray schema = "bench_limit_" + QByteArray::number(QCoreApplication::applicationPid());
    const auto exec = [&](const QByteArray &sql) {
        PGresult *r = PQexec(db, sql.constData());
        const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
        if (!ok)
            std::fprintf(stderr, "limit: %s\n", PQresultErrorMessage(r));
        PQclear(r);
        return ok;
    };
    double rate = 0;
    const QByteArray setup = "SET client_min_messages = warning; DROP SCHEMA IF EXISTS " + schema
        + " CASCADE; CREATE SCHEMA " + schema + "; SET search_path TO " + schema
        + "; SET synchronous_commit = " + (sync == durable::SyncMode::Full ? "on" : "off")
        + "; CREATE TABLE history (instance_id text COLLATE \"C\", sequence bigint, data text, "
          "PRIMARY KEY (instance_id, sequence));"
          "CREATE TABLE instances (instance_id text COLLATE \"C\" PRIMARY KEY, status integer, updated_at bigint);"
          "CREATE TABLE queue (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, instance_id text, data text);"
          "INSERT INTO instances VALUES ('limit', 0, 0);"
          "INSERT INTO queue (instance_id, data) VALUES ('limit', '{}');";
    if (exec(setup)) {
        const char *statements[] = {
            "INSERT INTO history VALUES ('limit', $1, $2)",
            "UPDATE instances SET status = 0, updated_at = $1 WHERE instance_id = 'limit'",
            "DELETE FROM queue WHERE id = (SELECT min(id) FROM queue)",
            "INSERT INTO queue (instance_id, data) VALUES ('limit', $1)",
        };
        bool ok = true;
        for (int i = 0; i < 4; ++i) {
            const QByteArray name = QByteArrayLiteral("p") + QByteArray::number(i);
            PGresult *r = PQprepare(db, name.constData(), statements[i], 0, nullptr);
            ok = ok && PQresultStatus(r) == PGRES_COMMAND_OK;
            PQclear(r);
        }
        const auto run = [&](const char *name, int count, const char *const *values) {
            PGresult *r = PQexecPrepared(db, name, count, values, nullptr, nullptr, 0);
            const bool done = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
            PQclear(r);
            return done;
        };
        const QByteArray json = "{\"input\":\"" + QByteArray(180, 'x') + "\"}";
        QElapsedTimer timer;
        timer.start();
        qint64 sequence = 0;
        for (int done = 0; ok && done < steps;) {
            ok = exec("BEGIN");
            for (int i = 0; ok && i < perTransaction && done < steps; ++i, ++done) {
                for (int k = 0; k < 2; ++k) {
                    const QByteArray seq = QByteArray::number(sequence++);
                    const char *values[] = { seq.constData(), json.constData() };
                    ok = ok && run("p0", 2, values);
                }
                const QByteArray seq = QByteArray::number(sequence);
                const char *update[] = { seq.constData() };
                const char *insert[] = { json.constData() };
                ok = ok && run("p1", 1, update) && run("p2", 0, nullptr) && run("p3", 1, insert);
            }
            ok = ok && exec("COMMIT");
        }
        if (ok)
            rate = steps / (timer.nsecsElapsed() / 1e9);
        exec("DROP SCHEMA " + schema + " CASCADE");
    }
    PQfinish(db);
    return rate;
}

} // namespace bench
