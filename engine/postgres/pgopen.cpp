// Connecting to a PostgreSQL hub: the URL, the connection's settings, reconnects, statements,
// transactions, change notifications, and creating or migrating the hub's schema.
#include "pgstore.h"

#include <QFile>
#include <QRegularExpression>
#include <QUrl>

#include <libpq-fe.h>

namespace durable::postgres {

namespace {

    constexpr auto ApplicationId = "DWB1";
    // One object for the statement, whose address keys the prepared statement.
    constexpr const char CommitSql[] = "COMMIT";

    QString withoutPassword(const QString &url)
    {
        // postgresql://user:secret@host/… → postgresql://user@host/…
        static const QRegularExpression password(QStringLiteral("^([a-zA-Z]+://[^:@/]*):[^@/]*@"));
        return QString(url).replace(password, QStringLiteral("\\1@"));
    }

} // namespace

Result<HubLocation> parseLocation(const QString &url)
{
    HubLocation location;
    location.hub = QStringLiteral("durable");
    const qsizetype question = url.indexOf(u'?');
    QString base = question < 0 ? url : url.left(question);
    QStringList kept;
    if (question >= 0) {
        const auto parameters = url.mid(question + 1).split(u'&', Qt::SkipEmptyParts);
        for (const auto &p : parameters) {
            const qsizetype eq = p.indexOf(u'=');
            const QString key = eq < 0 ? p : p.left(eq);
            const QString value = eq < 0 ? QString() : QUrl::fromPercentEncoding(p.mid(eq + 1).toUtf8());
            if (key == QLatin1String("hub")) {
                location.hub = value;
            } else if (key == QLatin1String("idle_tx_timeout_ms")) {
                bool ok = false;
                location.idleTransactionTimeoutMs = value.toInt(&ok);
                if (!ok || location.idleTransactionTimeoutMs < 0)
                    return fail(
                        ErrorCode::InvalidArgument,
                        QStringLiteral("idle_tx_timeout_ms must be a number of milliseconds, not '%1'").arg(value));
            } else {
                kept.append(p);
            }
        }
    }
    static const QRegularExpression identifier(QStringLiteral("^[a-z_][a-z0-9_]{0,62}$"));
    if (!identifier.match(location.hub).hasMatch())
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("hub name '%1' is not valid: use 1 to 63 lower-case letters, digits and _, not "
                                   "starting with a digit")
                        .arg(location.hub));
    const QString rest = kept.isEmpty() ? base : base + u'?' + kept.join(u'&');
    location.connectionUrl = rest.toUtf8();
    location.display = withoutPassword(base) + QStringLiteral(" (hub ") + location.hub + u')';
    return location;
}

PgStore::PgStore(pg_conn *connection, HubLocation location, SyncMode sync)
    : m_conn(connection)
    , m_location(std::move(location))
    , m_sync(sync)
    , m_channel("durable_" + m_location.hub.toUtf8())
{
}

PgStore::~PgStore()
{
    if (m_conn) {
        if (m_inTransaction)
            rollback();
        PQfinish(m_conn);
    }
}

Result<std::unique_ptr<PgStore>> PgStore::open(const QString &url, SyncMode sync, bool first)
{
    auto location = parseLocation(url);
    if (!location)
        return std::unexpected(location.error());
    pg_conn *conn = PQconnectdb(location->connectionUrl.constData());
    std::unique_ptr<PgStore> store(new PgStore(conn, *location, sync)); // finishes the connection in every case
    if (!conn || PQstatus(conn) != CONNECTION_OK)
        return std::unexpected(connectError(conn, location->display));
    if (PQserverVersion(conn) < 120000)
        return fail(ErrorCode::Storage,
                    QStringLiteral("PostgreSQL at %1 is version %2; hubs need version 12 or later")
                        .arg(location->display, store->serverVersion()));
    if (auto s = store->setUp(); !s)
        return std::unexpected(s.error());
    if (first) {
        if (auto s = store->createOrMigrate(); !s)
            return std::unexpected(s.error());
    }
    return store;
}

QString PgStore::serverVersion() const
{
    const int v = PQserverVersion(m_conn);
    return QStringLiteral("%1.%2").arg(v / 10000).arg(v % 10000);
}

Status PgStore::setUp()
{
    QByteArray sql = "SET client_encoding = 'UTF8'; SET search_path TO \"" + m_location.hub.toUtf8()
        + "\"; SET idle_in_transaction_session_timeout = " + QByteArray::number(m_location.idleTransactionTimeoutMs)
        + "; SET synchronous_commit = " + (m_sync == SyncMode::Normal ? "off" : "on") + ";";
    // Only a connection that asks for changes listens: libpq keeps every notification it reads
    // until PQnotifies() takes it, which only changeCounter() does.
    if (m_listening)
        sql += "LISTEN \"" + m_channel + "\";";
    return execSimple(sql, QStringLiteral("cannot set up the connection to %1").arg(m_location.display));
}

Status PgStore::reconnect()
{
    PQreset(m_conn);
    if (PQstatus(m_conn) != CONNECTION_OK)
        return std::unexpected(connectError(m_conn, m_location.display));
    m_inTransaction = false;
    m_prepared.clear(); // a new server session has none
    m_deferred.clear();
    ++m_changes; // whatever others committed meanwhile went unnoticed
    return setUp();
}

Status PgStore::execSimple(const QByteArray &sql, const QString &context)
{
    if (auto s = flush(); !s)
        return s;
    // PQexec returns the result of the last statement, or of the first that failed.
    PGresult *r = PQexec(m_conn, sql.constData());
    const auto status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        Error e = errorFor(m_conn, r, context);
        PQclear(r);
        return std::unexpected(e);
    }
    PQclear(r);
    return {};
}

QString PgStore::context(const char *sql) const
{
    QString s = QString::fromUtf8(sql).simplified();
    if (s.size() > 60)
        s = s.left(57) + QStringLiteral("...");
    return QStringLiteral("%1: %2").arg(m_location.display, s);
}

Result<QByteArray> PgStore::preparedName(const char *sql, int parameters)
{
    auto it = m_prepared.find(sql);
    if (it != m_prepared.end())
        return *it;
    const QByteArray name = "s" + QByteArray::number(m_prepared.size() + 1);
    PGresult *prepared = PQprepare(m_conn, name.constData(), sql, parameters, nullptr);
    const bool ok = prepared && PQresultStatus(prepared) == PGRES_COMMAND_OK;
    if (!ok) {
        Error e = errorFor(m_conn, prepared, context(sql));
        PQclear(prepared);
        return std::unexpected(e);
    }
    PQclear(prepared);
    m_prepared.insert(sql, name);
    return name;
}

Result<Rows> PgStore::runOnce(const char *sql, const Params &params)
{
    if (auto s = flush(); !s)
        return std::unexpected(s.error());
    auto name = preparedName(sql, params.size());
    if (!name)
        return std::unexpected(name.error());
    const auto values = params.pointers();
    PGresult *r = PQexecPrepared(m_conn, name->constData(), params.size(), values.constData(), nullptr, nullptr, 0);
    const auto status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        Error e = errorFor(m_conn, r, context(sql));
        PQclear(r);
        return std::unexpected(e);
    }
    return Rows(r);
}

Status PgStore::defer(const char *sql, const Params &params)
{
    // Prepared before the pipeline starts (a prepare inside it would need its own result).
    if (!PQpipelineStatus(m_conn) || !m_prepared.contains(sql)) {
        if (auto s = flush(); !s)
            return s;
        if (auto name = preparedName(sql, params.size()); !name)
            return std::unexpected(name.error());
    }
    if (PQpipelineStatus(m_conn) == PQ_PIPELINE_OFF && !PQenterPipelineMode(m_conn))
        return std::unexpected(errorFor(m_conn, nullptr, context(sql)));
    const auto values = params.pointers();
    if (!PQsendQueryPrepared(m_conn, m_prepared.value(sql).constData(), params.size(), values.constData(), nullptr,
                             nullptr, 0))
        return std::unexpected(errorFor(m_conn, nullptr, context(sql)));
    m_deferred.append(sql);
    m_wrote = true;
    // Bounded, so neither side's socket buffer fills while the other waits.
    if (m_deferred.size() >= 256)
        return flush();
    return {};
}

Status PgStore::flush(const char *alsoSql)
{
    if (PQpipelineStatus(m_conn) == PQ_PIPELINE_OFF)
        return {};
    if (alsoSql) {
        if (!PQsendQueryPrepared(m_conn, m_prepared.value(alsoSql).constData(), 0, nullptr, nullptr, nullptr, 0))
            return std::unexpected(errorFor(m_conn, nullptr, context(alsoSql)));
        m_deferred.append(alsoSql);
    }
    const QList<const char *> sent = std::exchange(m_deferred, {});
    std::optional<Error> first;
    if (!PQpipelineSync(m_conn))
        first = errorFor(m_conn, nullptr, m_location.display);
    // One result (then a null) per statement sent, then the sync's own.
    for (const char *sql : sent) {
        while (PGresult *r = PQgetResult(m_conn)) {
            const auto status = PQresultStatus(r);
            if (!first && status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
                first = status == PGRES_PIPELINE_ABORTED
                    ? Error { ErrorCode::Storage, context(sql) + QStringLiteral(": not run after an earlier error") }
                    : errorFor(m_conn, r, context(sql));
            }
            if (alsoSql && sql == sent.last() && status == PGRES_COMMAND_OK)
                m_lastCommand = PQcmdStatus(r);
            PQclear(r);
        }
        if (PQstatus(m_conn) != CONNECTION_OK)
            break;
    }
    while (PGresult *r = PQgetResult(m_conn)) {
        const bool sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
        PQclear(r);
        if (sync)
            break;
    }
    if (!PQexitPipelineMode(m_conn) && !first)
        first = errorFor(m_conn, nullptr, m_location.display);
    if (first)
        return std::unexpected(*first);
    return {};
}

Result<Rows> PgStore::exec(const char *sql, const Params &params, Kind kind)
{
    if (kind == Kind::Deferred) {
        // Inside a transaction a write whose answer nobody needs goes out in a pipeline with the
        // ones after it: its error, if any, comes with the next statement that waits for an
        // answer (at the latest the COMMIT), which fails the transaction as it would have.
        if (m_inTransaction) {
            if (auto s = defer(sql, params); !s)
                return std::unexpected(s.error());
            return Rows();
        }
        kind = Kind::Write;
    }
    if (!m_inTransaction && PQstatus(m_conn) != CONNECTION_OK) {
        if (auto s = reconnect(); !s)
            return std::unexpected(s.error());
    }
    auto rows = runOnce(sql, params);
    if (!rows && kind == Kind::Read && !m_inTransaction && PQstatus(m_conn) != CONNECTION_OK) {
        // A read on its own may simply run again on a fresh connection (the server restarted, or
        // an administrator ended this backend).
        if (auto s = reconnect(); !s)
            return std::unexpected(s.error());
        rows = runOnce(sql, params);
    }
    if (rows && kind == Kind::Write)
        m_wrote = true;
    return rows;
}

Result<Rows> PgStore::execDynamic(const QByteArray &sql, const Params &params)
{
    if (auto s = flush(); !s)
        return std::unexpected(s.error());
    if (!m_inTransaction && PQstatus(m_conn) != CONNECTION_OK) {
        if (auto s = reconnect(); !s)
            return std::unexpected(s.error());
    }
    const auto values = params.pointers();
    PGresult *r
        = PQexecParams(m_conn, sql.constData(), params.size(), nullptr, values.constData(), nullptr, nullptr, 0);
    const auto status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        Error e = errorFor(m_conn, r, context(sql.constData()));
        PQclear(r);
        return std::unexpected(e);
    }
    return Rows(r);
}

Status PgStore::begin()
{
    m_inTransaction = false;
    m_wrote = false;
    m_writingActivities = m_writingEpisodes = 0;
    if (PQstatus(m_conn) != CONNECTION_OK) {
        if (auto s = reconnect(); !s)
            return s;
    }
    auto begun = runOnce("BEGIN", {});
    if (!begun && PQstatus(m_conn) != CONNECTION_OK) {
        // The connection died while idle (server restart, backend ended): once more, afresh.
        if (auto s = reconnect(); !s)
            return s;
        begun = runOnce("BEGIN", {});
    }
    if (!begun)
        return std::unexpected(begun.error());
    m_inTransaction = true;
    return {};
}

Status PgStore::commit()
{
    if (!std::exchange(m_verifiedSession, {}).isEmpty() && m_inTransaction) {
        // The row is still locked by this transaction, so nobody reaped it: extend it from now.
        if (auto s = defer("UPDATE workers SET renewed_at = now_ms(), expires_at = now_ms() + $2 WHERE worker_id = $1",
                           Params().text(m_sessionId).integer(m_leaseMs));
            !s)
            return s;
    }
    Result<Rows> committed;
    if (PQpipelineStatus(m_conn) != PQ_PIPELINE_OFF && m_prepared.contains(CommitSql)) {
        // The writes still in the pipeline and the COMMIT in one round trip.
        m_lastCommand.clear();
        if (auto s = flush(CommitSql); !s) {
            committed = std::unexpected(s.error());
        } else if (m_lastCommand == "ROLLBACK") {
            committed = std::unexpected(
                Error { ErrorCode::Storage,
                        QStringLiteral("%1: the transaction was rolled back by the server after an error")
                            .arg(m_location.display) });
        } else {
            m_inTransaction = false;
            return afterCommit();
        }
    } else {
        committed = runOnce(CommitSql, {});
    }
    m_inTransaction = false;
    if (!committed) {
        Error e = committed.error();
        if (PQstatus(m_conn) != CONNECTION_OK)
            e.message += QStringLiteral(" (the outcome of this COMMIT is unknown: it may have committed)");
        if (PQstatus(m_conn) == CONNECTION_OK)
            (void)runOnce("ROLLBACK", {});
        return std::unexpected(e);
    }
    // COMMIT of a transaction PostgreSQL had already aborted (a failed statement the caller went
    // past) answers ROLLBACK, not an error: nothing was committed.
    if (committed->command() == "ROLLBACK")
        return fail(
            ErrorCode::Storage,
            QStringLiteral("%1: the transaction was rolled back by the server after an error").arg(m_location.display));
    return afterCommit();
}

Status PgStore::afterCommit()
{
    m_pendingActivities -= m_writingActivities;
    m_pendingEpisodes -= m_writingEpisodes;
    m_writingActivities = m_writingEpisodes = 0;
    if (std::exchange(m_wrote, false)) {
        // After the commit, as a statement of its own: a NOTIFY inside the write transaction
        // would serialize every committing worker on the server's notification queue lock.
        static const QByteArray notify = "SELECT pg_notify($1, '')";
        (void)execDynamic(notify, Params().utf8(m_channel));
    }
    return {};
}

void PgStore::rollback()
{
    m_verifiedSession.clear();
    (void)flush(); // whatever failed there is rolled back now
    m_inTransaction = false;
    m_wrote = false;
    m_writingActivities = m_writingEpisodes = 0;
    if (PQstatus(m_conn) == CONNECTION_OK)
        (void)runOnce("ROLLBACK", {});
}

Status PgStore::savepoint()
{
    return discardValue(runOnce("SAVEPOINT command", {}));
}

Status PgStore::releaseSavepoint()
{
    // A pipelined write of the command failed: undo the command alone, as SQLite would have
    // (its statement failed there and then), so the rest of the transaction goes on.
    if (auto s = flush(); !s) {
        rollbackToSavepoint();
        return s;
    }
    return discardValue(runOnce("RELEASE SAVEPOINT command", {}));
}

void PgStore::rollbackToSavepoint()
{
    (void)runOnce("ROLLBACK TO SAVEPOINT command", {});
    (void)runOnce("RELEASE SAVEPOINT command", {});
}

Result<qint64> PgStore::changeCounter()
{
    if (PQstatus(m_conn) != CONNECTION_OK && !m_inTransaction) {
        if (auto s = reconnect(); !s)
            return std::unexpected(s.error());
    }
    if (!m_listening) {
        if (auto s = execSimple("LISTEN \"" + m_channel + "\"", m_location.display); !s)
            return std::unexpected(s.error());
        m_listening = true;
    }
    if (!PQconsumeInput(m_conn))
        return std::unexpected(errorFor(m_conn, nullptr, m_location.display));
    const int me = PQbackendPID(m_conn);
    while (PGnotify *n = PQnotifies(m_conn)) {
        if (n->be_pid != me)
            ++m_changes;
        PQfreemem(n);
    }
    return m_changes;
}

Status PgStore::createOrMigrate()
{
    const QString where = m_location.display;
    const QByteArray schema = "\"" + m_location.hub.toUtf8() + "\"";
    // Brings a hub of `from` up to SchemaVersion, one numbered file after the other, inside the
    // caller's transaction (under its advisory lock), so another process never sees half of it.
    const auto migrateFrom = [&](int from) -> Status {
        static const char *const files[]
            = { "001-initial.sql", "002-origin.sql", "003-status-created.sql", "004-folded-markers.sql" };
        static_assert(std::size(files) == SchemaVersion);
        for (int version = from + 1; version <= SchemaVersion; ++version) {
            QFile ddl(QStringLiteral(":/durable/schema/postgres/") + QLatin1String(files[version - 1]));
            if (!ddl.open(QIODevice::ReadOnly))
                return fail(ErrorCode::Storage, QStringLiteral("schema resource %1 missing").arg(ddl.fileName()));
            if (auto s = execSimple("SET LOCAL search_path TO " + schema + ";\n" + ddl.readAll(),
                                    QStringLiteral("cannot migrate hub '%1' at %2 to schema version %3")
                                        .arg(m_location.hub, where)
                                        .arg(version));
                !s)
                return s;
            auto stored = execDynamic("UPDATE " + schema + ".hub SET value = $1 WHERE key = 'schema_version'",
                                      Params().integer(version));
            if (!stored)
                return std::unexpected(stored.error());
        }
        return {};
    };
    auto inTransaction = [&]() -> Status {
        auto locked = execDynamic("SELECT pg_advisory_xact_lock(hashtext($1))",
                                  Params().text(QStringLiteral("durable-workbench hub ") + m_location.hub));
        if (!locked)
            return std::unexpected(locked.error());
        auto tables = execDynamic("SELECT count(*), count(*) FILTER (WHERE tablename = 'hub') FROM pg_tables "
                                  "WHERE schemaname = $1",
                                  Params().text(m_location.hub));
        if (!tables)
            return std::unexpected(tables.error());
        if (tables->integer(0, 1) == 0) {
            if (tables->integer(0, 0) > 0)
                return fail(
                    ErrorCode::Corrupt,
                    QStringLiteral("schema '%1' at %2 holds tables but is not a task hub").arg(m_location.hub, where));
            QFile ddl(QStringLiteral(":/durable/schema/postgres/001-initial.sql"));
            if (!ddl.open(QIODevice::ReadOnly))
                return fail(ErrorCode::Storage, QStringLiteral("the PostgreSQL schema is missing from this build"));
            if (auto s = execSimple("CREATE SCHEMA IF NOT EXISTS " + schema + "; SET LOCAL search_path TO " + schema
                                        + ";\n" + ddl.readAll(),
                                    QStringLiteral("cannot create hub '%1' at %2").arg(m_location.hub, where));
                !s)
                return s;
            auto stored = execDynamic("INSERT INTO " + schema
                                          + ".hub (key, value) VALUES ('application_id', $1), "
                                            "('schema_version', $2)",
                                      Params().utf8(ApplicationId).integer(1));
            if (!stored)
                return std::unexpected(stored.error());
            return migrateFrom(1);
        }
        auto meta = execDynamic("SELECT (SELECT value FROM " + schema
                                    + ".hub WHERE key = 'application_id'), "
                                      "(SELECT value FROM "
                                    + schema + ".hub WHERE key = 'schema_version')",
                                {});
        if (!meta)
            return std::unexpected(meta.error());
        if (meta->bytes(0, 0) != ApplicationId)
            return fail(
                ErrorCode::Corrupt,
                QStringLiteral("schema '%1' at %2 is not a Durable Workbench task hub").arg(m_location.hub, where));
        const qint64 version = meta->integer(0, 1);
        if (version > SchemaVersion)
            return fail(ErrorCode::SchemaTooNew,
                        QStringLiteral("hub '%1' at %2 has schema version %3; this build knows up to %4")
                            .arg(m_location.hub, where)
                            .arg(version)
                            .arg(SchemaVersion));
        return migrateFrom(int(version));
    };
    if (auto s = begin(); !s)
        return s;
    auto done = inTransaction();
    if (!done) {
        rollback();
        return done;
    }
    return commit();
}

Result<int> PgStore::storedSchemaVersion()
{
    auto rows = exec("SELECT value FROM hub WHERE key = 'schema_version'");
    if (!rows)
        return std::unexpected(rows.error());
    return rows->count() ? int(rows->integer(0, 0)) : 0;
}

Result<QStringList> PgStore::integrityCheck()
{
    QStringList problems;
    auto version = storedSchemaVersion();
    if (!version)
        return std::unexpected(version.error());
    if (*version != SchemaVersion)
        problems.append(QStringLiteral("schema version %1, expected %2").arg(*version).arg(SchemaVersion));
    static const QStringList expected {
        QStringLiteral("hub"),     QStringLiteral("instances"),
        QStringLiteral("history"), QStringLiteral("inbox"),
        QStringLiteral("work"),    QStringLiteral("logs"),
        QStringLiteral("workers"), QStringLiteral("script_versions"),
    };
    auto tables = exec("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()");
    if (!tables)
        return std::unexpected(tables.error());
    QStringList present;
    for (int r = 0; r < tables->count(); ++r)
        present.append(tables->text(r, 0));
    for (const auto &t : expected) {
        if (!present.contains(t))
            problems.append(QStringLiteral("table %1 is missing").arg(t));
    }
    auto invalid = exec("SELECT c.relname FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid "
                        "JOIN pg_namespace n ON n.oid = c.relnamespace "
                        "WHERE n.nspname = current_schema() AND NOT x.indisvalid");
    if (!invalid)
        return std::unexpected(invalid.error());
    for (int r = 0; r < invalid->count(); ++r)
        problems.append(QStringLiteral("index %1 is not valid").arg(invalid->text(r, 0)));
    if (problems.isEmpty())
        problems.append(QStringLiteral("ok"));
    return problems;
}

} // namespace durable::postgres
