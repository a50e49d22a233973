// The multi-worker suite's workload and its plain libpq helpers (tst_multiworker and
// durable-multiworker share them): a fan-out of sleeping squares whose every execution is recorded
// as (instance, execution, task, attempt, pid) in a side table of the same database, in an
// autocommit of its own, so a SIGKILL loses no record and the test can match executions against
// the history and the work rows a worker held.
#pragma once

#include "engine.h"

#include <QJsonObject>
#include <QThread>
#include <QUrl>

#include <functional>
#include <libpq-fe.h>
#include <memory>

namespace multiworker {

using namespace durable;

/// The URL's query parameters other than `drop`, and the value of `wanted` (string handling: QUrl
/// would decode a socket directory given as the host).
inline QString urlParts(const QString &hubUrl, const QStringList &drop, const QString &wanted, QString *value)
{
    const qsizetype question = hubUrl.indexOf(u'?');
    QStringList kept;
    if (question >= 0) {
        for (const auto &p : hubUrl.mid(question + 1).split(u'&', Qt::SkipEmptyParts)) {
            const QString key = p.section(u'=', 0, 0);
            if (value && key == wanted)
                *value = QUrl::fromPercentEncoding(p.section(u'=', 1).toUtf8());
            if (!drop.contains(key))
                kept.append(p);
        }
    }
    const QString base = question < 0 ? hubUrl : hubUrl.left(question);
    return kept.isEmpty() ? base : base + u'?' + kept.join(u'&');
}

/// The hub's schema: the URL's `hub` parameter (the store's default when absent).
inline QString hubSchema(const QString &hubUrl)
{
    QString hub;
    urlParts(hubUrl, {}, QStringLiteral("hub"), &hub);
    return hub.isEmpty() ? QStringLiteral("durable") : hub;
}

/// The URL with the store's own parameters removed: what libpq itself accepts.
inline QString serverUrl(const QString &hubUrl)
{
    return urlParts(hubUrl, { QStringLiteral("hub"), QStringLiteral("idle_tx_timeout_ms") }, {}, nullptr);
}

/// The URL naming hub `name` (replacing any hub parameter).
inline QString withHub(const QString &url, const QString &name)
{
    const QString rest = urlParts(url, { QStringLiteral("hub") }, {}, nullptr);
    return rest + (rest.contains(u'?') ? u'&' : u'?') + QStringLiteral("hub=") + name;
}

/// One plain libpq connection (autocommit), for side tables and for reading a hub's rows directly.
class PgConnection {
public:
    explicit PgConnection(const QString &hubUrl)
        : m_conn(PQconnectdb(serverUrl(hubUrl).toUtf8().constData()), &PQfinish)
    {
        if (ok())
            query(QStringLiteral("SET client_min_messages = warning")); // no NOTICE of a cascading drop
    }
    bool ok() const { return PQstatus(m_conn.get()) == CONNECTION_OK; }
    QString error() const { return QString::fromUtf8(PQerrorMessage(m_conn.get())).trimmed(); }

    /// Runs `sql` with text parameters; the rows as text, or nullopt (error() says why).
    std::optional<QList<QStringList>> query(const QString &sql, const QStringList &params = {})
    {
        QList<QByteArray> values;
        std::vector<const char *> pointers;
        for (const auto &p : params)
            values.append(p.toUtf8());
        for (const auto &v : std::as_const(values))
            pointers.push_back(v.constData());
        std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexecParams(m_conn.get(), sql.toUtf8().constData(),
                                                                          int(pointers.size()), nullptr,
                                                                          pointers.data(), nullptr, nullptr, 0),
                                                             &PQclear);
        const auto status = PQresultStatus(result.get());
        if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
            m_lastError = QString::fromUtf8(PQresultErrorMessage(result.get())).trimmed();
            return std::nullopt;
        }
        QList<QStringList> rows;
        for (int r = 0; r < PQntuples(result.get()); ++r) {
            QStringList row;
            for (int c = 0; c < PQnfields(result.get()); ++c)
                row.append(QString::fromUtf8(PQgetvalue(result.get(), r, c)));
            rows.append(row);
        }
        return rows;
    }
    /// The first column of the first row as a number; -1 on an error or no row.
    qint64 number(const QString &sql, const QStringList &params = {})
    {
        const auto rows = query(sql, params);
        return rows && !rows->isEmpty() && !rows->first().isEmpty() ? rows->first().first().toLongLong() : -1;
    }
    QString lastError() const { return m_lastError.isEmpty() ? error() : m_lastError; }

private:
    std::unique_ptr<PGconn, decltype(&PQfinish)> m_conn;
    QString m_lastError;
};

/// The side table of executions, in the server's public schema, one per hub.
inline QString executionsTable(const QString &hubUrl)
{
    return QStringLiteral("public.executions_%1").arg(hubSchema(hubUrl));
}

inline QString createExecutionsSql(const QString &hubUrl)
{
    return QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (instance_id text NOT NULL, execution_id text NOT NULL, "
                          "task_id integer NOT NULL, attempt integer NOT NULL, pid integer NOT NULL, "
                          "at timestamptz NOT NULL DEFAULT clock_timestamp())")
        .arg(executionsTable(hubUrl));
}

/// {"n", "sleepMs"}: squares of 1..n in parallel, each activity sleeping sleepMs; output their sum.
inline Task<QJsonValue> fan(OrchestrationContext &ctx)
{
    const int n = ctx.input()[QStringLiteral("n")].toInt();
    const int sleepMs = ctx.input()[QStringLiteral("sleepMs")].toInt();
    std::vector<Future> tasks;
    tasks.reserve(size_t(n));
    for (int i = 1; i <= n; ++i)
        tasks.push_back(ctx.callActivity(
            QStringLiteral("MSquare"), QJsonObject { { QStringLiteral("v"), i }, { QStringLiteral("ms"), sleepMs } }));
    co_await whenAll(tasks);
    double sum = 0;
    for (const auto &t : tasks)
        sum += t.result().toDouble();
    co_return sum;
}

inline double expectedSum(int n)
{
    return double(n) * (n + 1) * (2 * n + 1) / 6;
}

/// Registers the workload; `record` runs at the start of every real activity execution.
inline void registerWorkload(Registry &registry, const std::function<void(const ActivityContext &)> &record)
{
    registry.addOrchestrator(QStringLiteral("MFan"), fan);
    registry.addActivity(QStringLiteral("MSquare"), [record](ActivityContext &c, const QJsonValue &x) -> QJsonValue {
        record(c);
        QThread::msleep(quint64(x[QStringLiteral("ms")].toInt()));
        const double v = x[QStringLiteral("v")].toDouble();
        return v * v;
    });
}

} // namespace multiworker
