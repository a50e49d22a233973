#include "store.h"

#include "json.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

#include <csignal>

namespace durable {

/// A prepared SQLite statement with the small part of QSqlQuery's interface the store uses:
/// bind, exec, next, value, finish. Values are bound and read as UTF-8, SQLite's native encoding.
class Statement {
public:
    Statement(sqlite3 *db, const char *sql)
        : m_db(db)
    {
        m_prepareResult = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr);
    }
    ~Statement() { sqlite3_finalize(m_stmt); }
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    void bindValue(int index, const QString &text)
    {
        if (m_active)
            finish();
        const QByteArray utf8 = text.toUtf8();
        sqlite3_bind_text(m_stmt, index + 1, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    }
    void bindValue(int index, qint64 value)
    {
        if (m_active)
            finish();
        sqlite3_bind_int64(m_stmt, index + 1, value);
    }
    void bindValue(int index, int value) { bindValue(index, qint64(value)); }
    void bindValue(int index, const QVariant &v)
    {
        if (m_active)
            finish();
        const int i = index + 1;
        if (v.isNull()) {
            sqlite3_bind_null(m_stmt, i);
            return;
        }
        switch (v.typeId()) {
        case QMetaType::Int:
        case QMetaType::LongLong:
        case QMetaType::Bool:
        case QMetaType::UInt:
        case QMetaType::ULongLong:
            sqlite3_bind_int64(m_stmt, i, v.toLongLong());
            break;
        case QMetaType::Double:
            sqlite3_bind_double(m_stmt, i, v.toDouble());
            break;
        case QMetaType::QByteArray: { // UTF-8 text as it is, e.g. serialised JSON
            const QByteArray utf8 = v.toByteArray();
            sqlite3_bind_text(m_stmt, i, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
            break;
        }
        default: {
            const QByteArray utf8 = v.toString().toUtf8();
            sqlite3_bind_text(m_stmt, i, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
        }
        }
    }

    /// Runs the statement; a first row, if any, is kept for next().
    int exec()
    {
        if (!m_stmt)
            return m_prepareResult;
        if (m_active)
            sqlite3_reset(m_stmt);
        m_active = true;
        const int rc = sqlite3_step(m_stmt);
        m_pendingRow = rc == SQLITE_ROW;
        if (rc == SQLITE_DONE) {
            m_changes = sqlite3_changes(m_db);
            m_lastInsert = sqlite3_last_insert_rowid(m_db);
            finish();
            return SQLITE_OK;
        }
        if (rc != SQLITE_ROW) {
            finish();
            return rc;
        }
        return SQLITE_OK;
    }
    bool next()
    {
        if (m_pendingRow) {
            m_pendingRow = false;
            return true;
        }
        if (!m_active)
            return false;
        return sqlite3_step(m_stmt) == SQLITE_ROW;
    }
    QVariant value(int column) const
    {
        switch (sqlite3_column_type(m_stmt, column)) {
        case SQLITE_NULL:
            return QVariant();
        case SQLITE_INTEGER:
            return QVariant(qint64(sqlite3_column_int64(m_stmt, column)));
        case SQLITE_FLOAT:
            return QVariant(sqlite3_column_double(m_stmt, column));
        default:
            return QVariant(QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column)),
                                              sqlite3_column_bytes(m_stmt, column)));
        }
    }
    void finish()
    {
        sqlite3_reset(m_stmt);
        m_active = false;
        m_pendingRow = false;
    }
    qint64 numRowsAffected() const { return m_changes; }
    QVariant lastInsertId() const { return QVariant(m_lastInsert); }
    QString lastError() const { return QString::fromUtf8(sqlite3_errmsg(m_db)); }

private:
    sqlite3 *m_db;
    sqlite3_stmt *m_stmt = nullptr;
    int m_prepareResult = SQLITE_OK;
    bool m_active = false;
    bool m_pendingRow = false;
    qint64 m_changes = 0;
    qint64 m_lastInsert = 0;
};

namespace {

    // "DWB1": marks a file as a Durable Workbench task hub (PRAGMA application_id).
    constexpr qint64 ApplicationId = 0x44574231;

    qint64 ms(const QDateTime &t)
    {
        return t.isValid() ? t.toMSecsSinceEpoch() : 0;
    }

    QDateTime fromMs(const QVariant &v)
    {
        if (v.isNull())
            return {};
        return QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC);
    }

    QVariant text(const QJsonValue &value)
    {
        if (value.isUndefined())
            return QVariant(QMetaType::fromType<QString>());
        return json::toText(value); // UTF-8, bound as text without a round trip through QString
    }

    QJsonValue value(const QVariant &v)
    {
        if (v.isNull())
            return QJsonValue(QJsonValue::Undefined);
        return json::parse(v.toString().toUtf8()).value_or(QJsonValue(QJsonValue::Undefined));
    }

    QVariant objectText(const QJsonObject &object)
    {
        if (object.isEmpty())
            return QVariant(QMetaType::fromType<QString>());
        return json::toText(object);
    }

    QJsonObject object(const QVariant &v)
    {
        if (v.isNull())
            return {};
        return QJsonDocument::fromJson(v.toString().toUtf8()).object();
    }

    QVariant nullableString(const QString &s)
    {
        return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
    }

    ErrorCode codeFor(const QSqlError &error)
    {
        const int code = error.nativeErrorCode().toInt() & 0xff;
        switch (code) {
        case 5: // SQLITE_BUSY
        case 6: // SQLITE_LOCKED
            return ErrorCode::Busy;
        case 8: // SQLITE_READONLY
            return ErrorCode::ReadOnly;
        case 11: // SQLITE_CORRUPT
        case 26: // SQLITE_NOTADB
            return ErrorCode::Corrupt;
        default:
            return ErrorCode::Storage;
        }
    }

    const char *sortColumn(SortKey key)
    {
        switch (key) {
        case SortKey::CreatedAt:
            return "created_at";
        case SortKey::LastUpdatedAt:
            return "updated_at";
        case SortKey::Name:
            return "name";
        case SortKey::InstanceId:
            return "instance_id";
        case SortKey::Status:
            return "status";
        case SortKey::Duration:
            return "(coalesce(completed_at, updated_at) - created_at)";
        case SortKey::CustomStatus:
            return "coalesce(custom_status, '')";
        case SortKey::ParentInstanceId:
            return "coalesce(parent_instance_id, '')";
        }
        return "created_at";
    }

    constexpr auto InstanceColumns = "instance_id, name, version, execution_id, status, created_at, updated_at, "
                                     "completed_at, parent_instance_id, parent_task_id, waiting, history_length";

    template<typename Row>
    InstanceRecord readInstance(const Row &q, bool withInputs)
    {
        InstanceRecord r;
        auto &i = r.info;
        i.instanceId = q.value(0).toString();
        i.name = q.value(1).toString();
        i.version = q.value(2).toString();
        i.executionId = q.value(3).toString();
        i.status = static_cast<RuntimeStatus>(q.value(4).toInt());
        i.createdAt = fromMs(q.value(5));
        i.lastUpdatedAt = fromMs(q.value(6));
        i.completedAt = fromMs(q.value(7));
        i.parentInstanceId = q.value(8).toString();
        i.parentTaskId = q.value(9).toInt();
        i.waiting = WaitState::fromJson(object(q.value(10)));
        r.historyLength = q.value(11).toLongLong();
        r.stored = r.indexedColumns();
        i.input = QJsonValue(QJsonValue::Undefined);
        i.output = QJsonValue(QJsonValue::Undefined);
        i.customStatus = QJsonValue(QJsonValue::Undefined);
        if (withInputs) {
            i.input = value(q.value(12));
            i.output = value(q.value(13));
            i.customStatus = value(q.value(14));
            if (!q.value(15).isNull())
                i.failure = FailureDetails::fromJson(object(q.value(15)));
        } else {
            // The list shows custom status and failure even without inputs; both are small.
            i.customStatus = value(q.value(12));
            if (!q.value(13).isNull())
                i.failure = FailureDetails::fromJson(object(q.value(13)));
        }
        return r;
    }

    HistoryEvent readEvent(const Statement &q)
    {
        HistoryEvent e;
        e.sequence = q.value(0).toLongLong();
        e.type = static_cast<EventType>(q.value(1).toInt());
        e.eventId = q.value(2).toInt();
        e.taskId = q.value(3).toInt();
        e.name = q.value(4).toString();
        e.data = object(q.value(5));
        e.timestamp = fromMs(q.value(6));
        return e;
    }

} // namespace

Store::Store(QSqlDatabase db, QString connectionName)
    : m_db(std::move(db))
    , m_connectionName(std::move(connectionName))
    , m_statements(std::make_unique<QHash<const char *, Statement *>>())
{
}

Store::~Store()
{
    if (m_inTransaction)
        rollback();
    qDeleteAll(*m_statements);
    m_statements.reset();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

Error Store::errorFrom(const QSqlQuery &query, const QString &what)
{
    const QSqlError error = query.lastError();
    return Error { codeFor(error), what + QStringLiteral(": ") + error.text() };
}

Error Store::errorFrom(const QSqlDatabase &db, const QString &what)
{
    const QSqlError error = db.lastError();
    return Error { codeFor(error), what + QStringLiteral(": ") + error.text() };
}

Result<std::unique_ptr<Store>> Store::open(const QString &path, SyncMode sync, const QString &connectionName,
                                           Inspection inspection)
{
    const QFileInfo file(path);
    if (file.exists()) {
        if (file.isDir())
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("'%1' is a directory, not a task hub file").arg(path));
        if (!file.isReadable())
            return fail(ErrorCode::ReadOnly, QStringLiteral("'%1' cannot be read (permission denied)").arg(path));
        if (!file.isWritable())
            return fail(ErrorCode::ReadOnly, QStringLiteral("'%1' is read-only").arg(path));
    } else if (!file.absoluteDir().exists()) {
        return fail(ErrorCode::InvalidArgument, QStringLiteral("folder '%1' does not exist").arg(file.absolutePath()));
    }
    // WAL needs to create -wal and -shm files next to the hub.
    if (!QFileInfo(file.absolutePath()).isWritable())
        return fail(ErrorCode::ReadOnly, QStringLiteral("folder '%1' is not writable").arg(file.absolutePath()));

    // SQLite removes the WAL when the last connection closes cleanly: one left over means a
    // crash, a power loss, or another process using the hub right now.
    const QFileInfo wal(path + QStringLiteral("-wal"));
    const bool unclean = wal.exists() && wal.size() > 0;
    std::unique_ptr<Store> store;
    {
        // The only handle must be the store's own, so that removeDatabase() finds it unused.
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        store.reset(new Store(db, connectionName));
    }
    if (!store->m_db.open())
        return std::unexpected(errorFrom(store->m_db, QStringLiteral("cannot open '%1'").arg(path)));
    const QVariant handle = store->m_db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return fail(ErrorCode::Storage, QStringLiteral("the Qt SQLite driver gave no SQLite handle"));
    store->m_handle = *static_cast<sqlite3 *const *>(handle.constData());

    // Inspect before writing anything: a foreign or damaged file must stay untouched.
    QSqlQuery q(store->m_db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next()) {
        auto error = errorFrom(q, QStringLiteral("'%1' is not a readable task hub").arg(path));
        return std::unexpected(error);
    }
    const int version = q.value(0).toInt();
    if (!q.exec(QStringLiteral("PRAGMA application_id")) || !q.next())
        return std::unexpected(errorFrom(q, QStringLiteral("'%1' is not a readable task hub").arg(path)));
    const qint64 appId = q.value(0).toLongLong();
    if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !q.next())
        return std::unexpected(errorFrom(q, QStringLiteral("'%1' is not a readable task hub").arg(path)));
    const int objects = q.value(0).toInt();
    q.finish();
    if (objects > 0 && appId != ApplicationId)
        return fail(ErrorCode::Corrupt, QStringLiteral("'%1' is an SQLite database but not a task hub").arg(path));
    if (version > SchemaVersion)
        return fail(ErrorCode::SchemaTooNew,
                    QStringLiteral("'%1' has schema version %2; this version reads up to %3. Use a newer version.")
                        .arg(path)
                        .arg(version)
                        .arg(SchemaVersion));
    if (objects > 0 && inspection == Inspection::Default) {
        constexpr qint64 FullCheckBytes = 32 * 1024 * 1024;
        if (file.size() < FullCheckBytes || unclean) {
            if (!q.exec(QStringLiteral("PRAGMA quick_check(1)")) || !q.next())
                return std::unexpected(errorFrom(q, QStringLiteral("'%1' is damaged").arg(path)));
            if (q.value(0).toString() != QLatin1String("ok"))
                return fail(ErrorCode::Corrupt, QStringLiteral("'%1' is damaged: %2").arg(path, q.value(0).toString()));
            q.finish();
        } else {
            if (!q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'")))
                return std::unexpected(errorFrom(q, QStringLiteral("'%1' is damaged").arg(path)));
            QStringList tables;
            while (q.next())
                tables.append(q.value(0).toString());
            q.finish();
            for (const auto &table : std::as_const(tables)) {
                const QString probe = QStringLiteral("SELECT * FROM \"%1\" LIMIT 1").arg(table);
                if (!q.exec(probe))
                    return std::unexpected(errorFrom(q, QStringLiteral("'%1' is damaged").arg(path)));
                q.finish();
            }
        }
    }

    if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")))
        return std::unexpected(errorFrom(q, QStringLiteral("cannot switch '%1' to WAL").arg(path)));
    q.finish();
    const QString syncPragma = sync == SyncMode::Full ? QStringLiteral("PRAGMA synchronous=FULL")
                                                      : QStringLiteral("PRAGMA synchronous=NORMAL");
    if (auto s = store->execSql(syncPragma); !s)
        return std::unexpected(s.error());
    if (auto s = store->execSql(QStringLiteral("PRAGMA foreign_keys=OFF")); !s)
        return std::unexpected(s.error());
    // 64 MiB of page cache (SQLite's default is 2 MiB): a batch that touches thousands of
    // instances otherwise re-reads the same index pages from the OS for every one.
    (void)store->execSql(QStringLiteral("PRAGMA cache_size=-65536"));
    if (version < SchemaVersion) {
        if (auto s = store->migrate(version); !s)
            return std::unexpected(s.error());
    } else {
        // Fail now, with a clear message, if another program holds the write lock, rather than
        // at the first checkpoint.
        (void)store->execSql(QStringLiteral("PRAGMA busy_timeout=1500"));
        auto probe = store->execSql(QStringLiteral("BEGIN IMMEDIATE"));
        if (!probe) {
            return fail(probe.error().code == ErrorCode::Busy ? ErrorCode::Busy : probe.error().code,
                        QStringLiteral("'%1' is locked by another program: %2").arg(path, probe.error().message));
        }
        (void)store->execSql(QStringLiteral("ROLLBACK"));
        (void)store->execSql(QStringLiteral("PRAGMA busy_timeout=5000"));
    }
    return store;
}

Status Store::migrate(int fromVersion)
{
    static const char *const files[] = { "001-initial.sql", "002-scripts.sql", "003-work-ids.sql" };
    static_assert(std::size(files) == SchemaVersion);
    for (int version = fromVersion + 1; version <= SchemaVersion; ++version) {
        QFile file(QStringLiteral(":/durable/schema/") + QLatin1String(files[version - 1]));
        if (!file.open(QIODevice::ReadOnly))
            return fail(ErrorCode::Storage, QStringLiteral("schema resource %1 missing").arg(file.fileName()));
        // Comments first (they may contain ';'), then one statement per ';'.
        QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
        lines.removeIf([](const QString &l) { return l.trimmed().startsWith(QLatin1String("--")); });
        const QString sql = lines.join(u'\n');
        if (auto s = begin(); !s)
            return s;
        for (QString statement : sql.split(u';')) {
            statement = statement.trimmed();
            if (statement.isEmpty())
                continue;
            if (auto s = execSql(statement); !s) {
                rollback();
                return s;
            }
        }
        auto s = execSql(QStringLiteral("PRAGMA application_id=%1").arg(ApplicationId));
        if (s)
            s = execSql(QStringLiteral("PRAGMA user_version=%1").arg(version));
        if (!s) {
            rollback();
            return s;
        }
        if (auto c = commit(); !c)
            return c;
    }
    return {};
}

Result<int> Store::saveScriptVersion(const QString &fileName, const QString &code, const QStringList &orchestrators,
                                     const QStringList &activities, const QDateTime &now)
{
    const QString sha
        = QString::fromLatin1(QCryptographicHash::hash(code.toUtf8(), QCryptographicHash::Sha256).toHex());
    auto &latest
        = prepared("SELECT version, sha256 FROM script_versions WHERE file_name = ? ORDER BY version DESC LIMIT 1");
    latest.bindValue(0, fileName);
    if (auto s = exec(latest); !s)
        return std::unexpected(s.error());
    int version = 0;
    if (latest.next()) {
        version = latest.value(0).toInt();
        if (latest.value(1).toString() == sha) {
            latest.finish();
            return version;
        }
    }
    latest.finish();
    auto &insert = prepared("INSERT INTO script_versions (file_name, version, code, sha256, created_at, orchestrators, "
                            "activities) VALUES (?, ?, ?, ?, ?, ?, ?)");
    insert.bindValue(0, fileName);
    insert.bindValue(1, version + 1);
    insert.bindValue(2, code);
    insert.bindValue(3, sha);
    insert.bindValue(4, ms(now));
    insert.bindValue(5, orchestrators.join(u'\n'));
    insert.bindValue(6, activities.join(u'\n'));
    if (auto s = exec(insert); !s)
        return std::unexpected(s.error());
    return version + 1;
}

Result<QList<ScriptVersion>> Store::scriptVersions(const QString &fileName)
{
    auto &q = fileName.isEmpty()
        ? prepared("SELECT file_name, version, sha256, created_at, orchestrators, activities FROM script_versions "
                   "WHERE ? = '' ORDER BY file_name, version")
        : prepared("SELECT file_name, version, sha256, created_at, orchestrators, activities FROM script_versions "
                   "WHERE file_name = ? ORDER BY version");
    q.bindValue(0, fileName);
    if (auto s = exec(q); !s)
        return std::unexpected(s.error());
    QList<ScriptVersion> versions;
    while (q.next()) {
        ScriptVersion v;
        v.fileName = q.value(0).toString();
        v.version = q.value(1).toInt();
        v.sha256 = q.value(2).toString();
        v.createdAt = fromMs(q.value(3));
        v.orchestrators = q.value(4).toString().split(u'\n', Qt::SkipEmptyParts);
        v.activities = q.value(5).toString().split(u'\n', Qt::SkipEmptyParts);
        versions.append(v);
    }
    q.finish();
    return versions;
}

Result<ScriptVersion> Store::scriptVersion(const QString &fileName, int version)
{
    auto &q = prepared("SELECT sha256, created_at, orchestrators, activities, code FROM script_versions "
                       "WHERE file_name = ? AND version = ?");
    q.bindValue(0, fileName);
    q.bindValue(1, version);
    if (auto s = exec(q); !s)
        return std::unexpected(s.error());
    if (!q.next())
        return fail(ErrorCode::NotFound, QStringLiteral("no version %1 of script '%2'").arg(version).arg(fileName));
    ScriptVersion v { fileName,
                      version,
                      q.value(4).toString(),
                      q.value(0).toString(),
                      fromMs(q.value(1)),
                      q.value(2).toString().split(u'\n', Qt::SkipEmptyParts),
                      q.value(3).toString().split(u'\n', Qt::SkipEmptyParts) };
    q.finish();
    return v;
}

Statement &Store::prepared(const char *sql)
{
    auto it = m_statements->find(sql);
    if (it == m_statements->end())
        it = m_statements->insert(sql, new Statement(m_handle, sql));
    return **it;
}

Status Store::exec(Statement &statement)
{
    const int rc = statement.exec();
    if (rc != SQLITE_OK) {
        ErrorCode code = ErrorCode::Storage;
        switch (rc & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            code = ErrorCode::Busy;
            break;
        case SQLITE_READONLY:
            code = ErrorCode::ReadOnly;
            break;
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            code = ErrorCode::Corrupt;
            break;
        default:
            break;
        }
        return fail(code, QStringLiteral("SQL failed: ") + statement.lastError());
    }
    return {};
}

Status Store::execSql(const QString &sql)
{
    QSqlQuery q(m_db);
    if (!q.exec(sql))
        return std::unexpected(errorFrom(q, QStringLiteral("SQL failed (%1)").arg(sql.left(60))));
    return {};
}

Status Store::begin()
{
    // IMMEDIATE takes the write lock now, so a second process waits here (busy timeout) rather
    // than failing half-way through a checkpoint.
    if (auto s = exec(prepared("BEGIN IMMEDIATE")); !s)
        return s;
    m_inTransaction = true;
    return {};
}

Status Store::commit()
{
    auto s = exec(prepared("COMMIT"));
    if (!s)
        rollback();
    m_inTransaction = false;
    return s;
}

void Store::rollback()
{
    (void)exec(prepared("ROLLBACK"));
    m_inTransaction = false;
}

Status Store::savepoint()
{
    return exec(prepared("SAVEPOINT command"));
}

Status Store::releaseSavepoint()
{
    return exec(prepared("RELEASE command"));
}

void Store::rollbackToSavepoint()
{
    (void)exec(prepared("ROLLBACK TO command"));
    (void)exec(prepared("RELEASE command"));
}

Result<qint64> Store::dataVersion()
{
    auto &q = prepared("PRAGMA data_version");
    if (auto s = exec(q); !s)
        return std::unexpected(s.error());
    const qint64 v = q.next() ? q.value(0).toLongLong() : 0;
    q.finish();
    return v;
}

Result<std::optional<InstanceRecord>> Store::instance(const QString &instanceId, bool withInputs)
{
    auto &q = withInputs ? prepared("SELECT instance_id, name, version, execution_id, status, created_at, updated_at, "
                                    "completed_at, parent_instance_id, parent_task_id, waiting, history_length, "
                                    "input, output, custom_status, failure FROM instances WHERE instance_id = ?")
                         : prepared("SELECT instance_id, name, version, execution_id, status, created_at, updated_at, "
                                    "completed_at, parent_instance_id, parent_task_id, waiting, history_length, "
                                    "custom_status, failure FROM instances WHERE instance_id = ?");
    q.bindValue(0, instanceId);
    if (auto s = exec(q); !s)
        return std::unexpected(s.error());
    std::optional<InstanceRecord> result;
    if (q.next())
        result = readInstance(q, withInputs);
    q.finish();
    return result;
}

Status Store::putInstance(const InstanceRecord &r)
{
    const auto &i = r.info;
    auto &q = prepared("INSERT OR REPLACE INTO instances (instance_id, name, version, execution_id, status, input, "
                       "output, custom_status, failure, created_at, updated_at, completed_at, parent_instance_id, "
                       "parent_task_id, waiting, awaits_event, history_length) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.bindValue(0, i.instanceId);
    q.bindValue(1, i.name);
    q.bindValue(2, i.version);
    q.bindValue(3, i.executionId);
    q.bindValue(4, int(i.status));
    q.bindValue(5, text(i.input));
    q.bindValue(6, text(i.output));
    q.bindValue(7, text(i.customStatus));
    q.bindValue(8, i.failure ? objectText(i.failure->toJson()) : QVariant(QMetaType::fromType<QString>()));
    q.bindValue(9, ms(i.createdAt));
    q.bindValue(10, ms(i.lastUpdatedAt));
    q.bindValue(11, i.completedAt.isValid() ? QVariant(ms(i.completedAt)) : QVariant(QMetaType::fromType<qint64>()));
    q.bindValue(12, nullableString(i.parentInstanceId));
    q.bindValue(13, i.parentTaskId);
    q.bindValue(14, objectText(i.waiting.toJson()));
    q.bindValue(15, i.waiting.events.isEmpty() ? 0 : 1);
    q.bindValue(16, r.historyLength);
    return exec(q);
}

Status Store::updateInstance(InstanceRecord &r)
{
    const auto &i = r.info;
    const auto columns = r.indexedColumns();
    // SQLite rewrites the entries of every index on a column the UPDATE sets, changed or not.
    const bool keys = r.stored != columns;
    auto &q = keys ? prepared("UPDATE instances SET execution_id = ?, input = ?, output = ?, custom_status = ?, "
                              "failure = ?, updated_at = ?, completed_at = ?, waiting = ?, history_length = ?, "
                              "status = ?, awaits_event = ? WHERE instance_id = ?")
                   : prepared("UPDATE instances SET execution_id = ?, input = ?, output = ?, custom_status = ?, "
                              "failure = ?, updated_at = ?, completed_at = ?, waiting = ?, history_length = ? "
                              "WHERE instance_id = ?");
    q.bindValue(0, i.executionId);
    q.bindValue(1, text(i.input));
    q.bindValue(2, text(i.output));
    q.bindValue(3, text(i.customStatus));
    q.bindValue(4, i.failure ? objectText(i.failure->toJson()) : QVariant(QMetaType::fromType<QString>()));
    q.bindValue(5, ms(i.lastUpdatedAt));
    q.bindValue(6, i.completedAt.isValid() ? QVariant(ms(i.completedAt)) : QVariant(QMetaType::fromType<qint64>()));
    q.bindValue(7, objectText(i.waiting.toJson()));
    q.bindValue(8, r.historyLength);
    int next = 9;
    if (keys) {
        q.bindValue(next++, int(i.status));
        q.bindValue(next++, columns.awaitsEvent ? 1 : 0);
    }
    q.bindValue(next, i.instanceId);
    if (auto s = exec(q); !s)
        return s;
    r.stored = columns;
    return {};
}

Status Store::deleteInstance(const QString &instanceId)
{
    // No work rows: a finished instance has none left (deleteWorkOf() at its end), and the work
    // table has no index on instance_id to find them by.
    for (const char *sql : { "DELETE FROM instances WHERE instance_id = ?", "DELETE FROM history WHERE instance_id = ?",
                             "DELETE FROM logs WHERE instance_id = ?", "DELETE FROM inbox WHERE instance_id = ?" }) {
        auto &q = prepared(sql);
        q.bindValue(0, instanceId);
        if (auto s = exec(q); !s)
            return s;
    }
    return {};
}

Result<QStringList> Store::children(const QString &instanceId)
{
    auto &q = prepared("SELECT instance_id FROM instances WHERE parent_instance_id = ?");
    q.bindValue(0, instanceId);
    if (auto s = exec(q); !s)
        return std::unexpected(s.error());
    QStringList ids;
    while (q.next())
        ids.append(q.value(0).toString());
    q.finish();
    return ids;
}

Result<InstancePage> Store::query(const InstanceQuery &query)
{
    const QString column = QString::fromLatin1(sortColumn(query.sortKey));
    QStringList where;
    QVariantList binds;
    if (!query.statuses.isEmpty()) {
        QStringList values;
        for (auto s : query.statuses)
            values.append(QString::number(int(s)));
        values.sort();
        where.append(QStringLiteral("status IN (%1)").arg(values.join(u',')));
    }
    if (!query.name.isEmpty()) {
        where.append(QStringLiteral("name = ?"));
        binds.append(query.name);
    }
    if (!query.idPrefix.isEmpty()) {
        // Range instead of LIKE: uses the primary key and treats % and _ literally.
        where.append(QStringLiteral("instance_id >= ? AND instance_id < ?"));
        binds.append(query.idPrefix);
        binds.append(QString(query.idPrefix + QChar(0xFFFF)));
    }
    if (!query.idContains.isEmpty()) {
        where.append(QStringLiteral("instr(instance_id, ?) > 0"));
        binds.append(query.idContains);
    }
    if (query.createdFrom.isValid()) {
        where.append(QStringLiteral("created_at >= ?"));
        binds.append(ms(query.createdFrom));
    }
    if (query.createdTo.isValid()) {
        where.append(QStringLiteral("created_at < ?"));
        binds.append(ms(query.createdTo));
    }
    if (!query.parentInstanceId.isEmpty()) {
        where.append(QStringLiteral("parent_instance_id = ?"));
        binds.append(query.parentInstanceId);
    }
    if (query.onlyAwaitingEvents)
        where.append(QStringLiteral("awaits_event = 1"));
    const QString cmp = query.descending ? QStringLiteral("<") : QStringLiteral(">");
    if (!query.continuation.isEmpty()) {
        const auto token = QJsonDocument::fromJson(QByteArray::fromBase64(query.continuation.toLatin1())).array();
        if (token.size() != 2)
            return fail(ErrorCode::InvalidArgument, QStringLiteral("invalid continuation token"));
        if (query.sortKey == SortKey::InstanceId) {
            where.append(QStringLiteral("instance_id %1 ?").arg(cmp));
            binds.append(token.at(1).toString());
        } else {
            where.append(QStringLiteral("(%1, instance_id) %2 (?, ?)").arg(column, cmp));
            binds.append(token.at(0).toVariant());
            binds.append(token.at(1).toString());
        }
    }
    const int pageSize = std::clamp(query.pageSize, 1, 1000);
    const QString order = query.descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    const QString sql
        = QStringLiteral("SELECT %1, %2 FROM instances %3 ORDER BY %4 %5, instance_id %5 LIMIT %6")
              .arg(QString::fromLatin1(InstanceColumns),
                   query.includeInputs ? QStringLiteral("input, output, custom_status, failure")
                                       : QStringLiteral("custom_status, failure"),
                   where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND ")), column,
                   order)
              .arg(pageSize + 1);
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(sql);
    for (int i = 0; i < binds.size(); ++i)
        q.bindValue(i, binds.at(i));
    if (!q.exec())
        return std::unexpected(errorFrom(q, QStringLiteral("query failed")));
    InstancePage page;
    bool more = false;
    QVariant lastSortValue;
    while (q.next()) {
        if (page.instances.size() == pageSize) {
            more = true;
            break;
        }
        page.instances.append(readInstance(q, query.includeInputs).info);
    }
    if (more) {
        const auto &last = page.instances.last();
        QJsonValue sortValue;
        switch (query.sortKey) {
        case SortKey::CreatedAt:
            sortValue = ms(last.createdAt);
            break;
        case SortKey::LastUpdatedAt:
            sortValue = ms(last.lastUpdatedAt);
            break;
        case SortKey::Name:
            sortValue = last.name;
            break;
        case SortKey::InstanceId:
            sortValue = last.instanceId;
            break;
        case SortKey::Status:
            sortValue = int(last.status);
            break;
        case SortKey::Duration:
            sortValue = ms(last.completedAt.isValid() ? last.completedAt : last.lastUpdatedAt) - ms(last.createdAt);
            break;
        case SortKey::CustomStatus:
            sortValue = QString::fromUtf8(json::toText(last.customStatus));
            break;
        case SortKey::ParentInstanceId:
            sortValue = last.parentInstanceId;
            break;
        }
        page.continuation = QString::fromLatin1(
            QJsonDocument(QJsonArray { sortValue, last.instanceId }).toJson(QJsonDocument::Compact).toBase64());
    }
    return page;
}

Result<QList<qint64>> Store::countByStatus()
{
    auto &q = prepared("SELECT status, count(*) FROM instances GROUP BY status");
    if (auto s = exec(q); !s)
        return std::unexpected(s.error());
    QList<qint64> counts(RuntimeStatusCount, 0);
    while (q.next()) {
        const int status = q.value(0).toInt();
        if (status >= 0 && status < RuntimeStatusCount)
            counts[status] = q.value(1).toLongLong();
    }
    q.finish();
    return counts;
}

Result<QStringList> Store::purgeCandidates(const PurgeFilter &filter, int limit)
{
    QSet<RuntimeStatus> statuses = filter.statuses;
    if (statuses.isEmpty())
        statuses
            = { RuntimeStatus::Completed, RuntimeStatus::Failed, RuntimeStatus::Canceled, RuntimeStatus::Terminated };
    QStringList values;
    for (auto s : statuses) {
        if (isTerminal(s))
            values.append(QString::number(int(s)));
    }
    if (values.isEmpty())
        return QStringList();
    QString sql = QStringLiteral("SELECT instance_id FROM instances WHERE status IN (%1)").arg(values.join(u','));
    if (filter.createdFrom.isValid())
        sql += QStringLiteral(" AND created_at >= %1").arg(ms(filter.createdFrom));
    if (filter.createdTo.isValid())
        sql += QStringLiteral(" AND created_at < %1").arg(ms(filter.createdTo));
    sql += QStringLiteral(" LIMIT %1").arg(limit);
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(sql))
        return std::unexpected(errorFrom(q, QStringLiteral("purge query failed")));
    QStringList ids;
    while (q.next())
        ids.append(q.value(0).toString());
    return ids;
}

Result<History> Store::history(const QString &instanceId, const QString &executionId)
{
    auto &q = prepared("SELECT sequence, event_type, event_id, task_id, name, data, timestamp FROM history "
                       "WHERE instance_id = ? AND execution_id = ? ORDER BY sequence");
    q.bindValue(0, instanceId);
    q.bindValue(1, executionId);
    if (auto s = exec(q); !s)
        return std::unexpected(s.error());
    History events;
    while (q.next())
        events.append(readEvent(q));
    q.finish();
    return events;
}

Status Store::appendHistory(const QString &instanceId, const QString &executionId, const History &events)
{
    auto &q = prepared("INSERT INTO history (instance_id, execution_id, sequence, event_type, event_id, task_id, name, "
                       "data, timestamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const auto &e : events) {
        q.bindValue(0, instanceId);
        q.bindValue(1, executionId);
        q.bindValue(2, e.sequence);
        q.bindValue(3, int(e.type));
        q.bindValue(4, e.eventId);
        q.bindValue(5, e.taskId);
        q.bindValue(6, nullableString(e.name));
        q.bindValue(7, objectText(e.data));
        q.bindValue(8, ms(e.timestamp));
        if (auto s = exec(q); !s)
            return s;
    }
    return {};
}

Status Store::replaceHistoryEvent(const QString &instanceId, const QString &executionId, const HistoryEvent &e)
{
    auto &q = prepared("UPDATE history SET event_type = ?, event_id = ?, task_id = ?, name = ?, data = ? "
                       "WHERE instance_id = ? AND execution_id = ? AND sequence = ?");
    q.bindValue(0, int(e.type));
    q.bindValue(1, e.eventId);
    q.bindValue(2, e.taskId);
    q.bindValue(3, nullableString(e.name));
    q.bindValue(4, objectText(e.data));
    q.bindValue(5, instanceId);
    q.bindValue(6, executionId);
    q.bindValue(7, e.sequence);
    return exec(q);
}

Status Store::deleteHistory(const QString &instanceId)
{
    for (const char *sql : { "DELETE FROM history WHERE instance_id = ?", "DELETE FROM logs WHERE instance_id = ?" }) {
        auto &q = prepared(sql);
        q.bindValue(0, instanceId);
        if (auto s = exec(q); !s)
            return s;
    }
    return {};
}

Result<qint64> Store::insertMessage(const InboxMessage &m)
{
    auto &q = prepared("INSERT INTO inbox (instance_id, execution_id, event_type, task_id, name, data, visible_at, "
                       "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    q.bindValue(0, m.instanceId);
    q.bindValue(1, nullableString(m.executionId));
    q.bindValue(2, int(m.type));
    q.bindValue(3, m.taskId);
    q.bindValue(4, nullableString(m.name));
    q.bindValue(5, objectText(m.data));
    q.bindValue(6, ms(m.visibleAt));
    q.bindValue(7, QDateTime::currentMSecsSinceEpoch());
    if (auto s = exec(q); !s)
        return std::unexpected(s.error());
    ++m_messagesInserted;
    return q.lastInsertId().toLongLong();
}

Result<QList<InboxMessage>> Store::dueMessages(const QDateTime &now, int limit)
{
    auto &q = prepared("SELECT m.id, m.instance_id, m.execution_id, m.event_type, m.task_id, m.name, m.data, "
                       "m.visible_at FROM inbox m LEFT JOIN instances i ON i.instance_id = m.instance_id "
                       "WHERE m.visible_at <= ? AND (i.status IS NULL OR i.status != 7 OR m.event_type IN (2, 18)) "
                       "ORDER BY m.id LIMIT ?");
    q.bindValue(0, ms(now));
    q.bindValue(1, limit);
    if (auto s = exec(q); !s)
        return std::unexpected(s.error());
    QList<InboxMessage> messages;
    while (q.next()) {
        InboxMessage m;
        m.id = q.value(0).toLongLong();
        m.instanceId = q.value(1).toString();
        m.executionId = q.value(2).toString();
        m.type = static_cast<EventType>(q.value(3).toInt());
        m.taskId = q.value(4).toInt();
        m.name = q.value(5).toString();
        m.data = object(q.value(6));
        m.visibleAt = fromMs(q.value(7));
        messages.append(m);
    }
    q.finish();
    return messages;
}

Status Store::deleteMessage(qint64 id)
{
    auto &q = prepared("DELETE FROM inbox WHERE id = ?");
    q.bindValue(0, id);
    return exec(q);
}

Status Store::deleteMessagesOf(const QString &instanceId)
{
    auto &q = prepared("DELETE FROM inbox WHERE instance_id = ?");
    q.bindValue(0, instanceId);
    return exec(q);
}

Result<QDateTime> Store::nextDue(const QDateTime &now)
{
    auto &q = prepared("SELECT min(visible_at) FROM inbox WHERE visible_at > ?");
    q.bindValue(0, ms(now));
    if (auto s = exec(q); !s)
        return std::unexpected(s.error());
    QDateTime due;
    if (q.next())
        due = fromMs(q.value(0));
    q.finish();
    return due;
}

Result<bool> Store::fireTimer(const QString &instanceId, int timerId, const QDateTime &now)
{
    auto &q = prepared("UPDATE inbox SET visible_at = ? WHERE instance_id = ? AND event_type = 10 AND task_id = ? "
                       "AND visible_at > ?");
    q.bindValue(0, ms(now));
    q.bindValue(1, instanceId);
    q.bindValue(2, timerId);
    q.bindValue(3, ms(now));
    if (auto s = exec(q); !s)
        return std::unexpected(s.error());
    return q.numRowsAffected() > 0;
}

Result<qint64> Store::insertWork(const WorkItem &w)
{
    auto &q = prepared("INSERT INTO work (instance_id, execution_id, task_id, name, input, created_at) "
                       "VALUES (?, ?, ?, ?, ?, ?)");
    q.bindValue(0, w.instanceId);
    q.bindValue(1, w.executionId);
    q.bindValue(2, w.taskId);
    q.bindValue(3, w.name);
    q.bindValue(4, text(w.input));
    q.bindValue(5, QDateTime::currentMSecsSinceEpoch());
    if (auto s = exec(q); !s)
        return std::unexpected(s.error());
    return q.lastInsertId().toLongLong();
}

Status Store::deleteWork(const WorkItem &item)
{
    auto &q = prepared("DELETE FROM work WHERE id = ? AND instance_id = ? AND execution_id = ? AND task_id = ?");
    q.bindValue(0, item.id);
    q.bindValue(1, item.instanceId);
    q.bindValue(2, item.executionId);
    q.bindValue(3, item.taskId);
    return exec(q);
}

Status Store::deleteWorkOf(const QString &instanceId)
{
    auto &q = prepared("DELETE FROM work WHERE instance_id = ?");
    q.bindValue(0, instanceId);
    return exec(q);
}

Result<QList<WorkItem>> Store::allWork()
{
    auto &q = prepared("SELECT id, instance_id, execution_id, task_id, name, input FROM work ORDER BY id");
    if (auto s = exec(q); !s)
        return std::unexpected(s.error());
    QList<WorkItem> items;
    while (q.next()) {
        items.append(WorkItem { q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                                q.value(3).toInt(), q.value(4).toString(), value(q.value(5)) });
    }
    q.finish();
    return items;
}

Status Store::insertLogs(const QList<LogLine> &lines)
{
    auto &q = prepared("INSERT INTO logs (instance_id, execution_id, history_sequence, timestamp, level, source, "
                       "task_id, replaying, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const auto &l : lines) {
        q.bindValue(0, l.instanceId);
        q.bindValue(1, l.executionId);
        q.bindValue(2, l.historySequence);
        q.bindValue(3, ms(l.timestamp));
        q.bindValue(4, int(l.level));
        q.bindValue(5, l.source);
        q.bindValue(6, l.taskId);
        q.bindValue(7, l.replaying ? 1 : 0);
        q.bindValue(8, l.message);
        if (auto s = exec(q); !s)
            return s;
    }
    return {};
}

Result<QList<LogLine>> Store::logs(const QString &instanceId, const QString &executionId, qint64 afterId)
{
    auto &q = prepared("SELECT id, history_sequence, timestamp, level, source, task_id, replaying, message FROM logs "
                       "WHERE instance_id = ? AND execution_id = ? AND id > ? ORDER BY id");
    q.bindValue(0, instanceId);
    q.bindValue(1, executionId);
    q.bindValue(2, afterId);
    if (auto s = exec(q); !s)
        return std::unexpected(s.error());
    QList<LogLine> lines;
    while (q.next()) {
        LogLine l;
        l.id = q.value(0).toLongLong();
        l.instanceId = instanceId;
        l.executionId = executionId;
        l.historySequence = q.value(1).toLongLong();
        l.timestamp = fromMs(q.value(2));
        l.level = static_cast<LogLevel>(q.value(3).toInt());
        l.source = q.value(4).toString();
        l.taskId = q.value(5).toInt();
        l.replaying = q.value(6).toBool();
        l.message = q.value(7).toString();
        lines.append(l);
    }
    q.finish();
    return lines;
}

Result<std::optional<Store::Owner>> Store::owner()
{
    auto &q = prepared("SELECT owner_id, host, pid, heartbeat FROM owner WHERE id = 1");
    if (auto s = exec(q); !s)
        return std::unexpected(s.error());
    std::optional<Owner> result;
    if (q.next())
        result
            = Owner { q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong(), q.value(3).toLongLong() };
    q.finish();
    return result;
}

Result<bool> Store::claimOwnership(const Owner &me, qint64 leaseMs)
{
    if (auto s = begin(); !s)
        return std::unexpected(s.error());
    auto current = owner();
    if (!current) {
        rollback();
        return std::unexpected(current.error());
    }
    bool free = !*current || (*current)->id == me.id || me.heartbeatMs - (*current)->heartbeatMs > leaseMs;
    if (!free && (*current)->host == me.host && (*current)->pid != me.pid) {
        // A process killed without releasing its lease: on this host we can tell it is gone.
        free = ::kill(pid_t((*current)->pid), 0) != 0 && errno == ESRCH;
    }
    if (!free) {
        rollback();
        return false;
    }
    auto &q = prepared("INSERT OR REPLACE INTO owner (id, owner_id, host, pid, heartbeat) VALUES (1, ?, ?, ?, ?)");
    q.bindValue(0, me.id);
    q.bindValue(1, me.host);
    q.bindValue(2, me.pid);
    q.bindValue(3, me.heartbeatMs);
    if (auto s = exec(q); !s) {
        rollback();
        return std::unexpected(s.error());
    }
    if (auto s = commit(); !s)
        return std::unexpected(s.error());
    return true;
}

Status Store::releaseOwnership(const QString &ownerId)
{
    auto &q = prepared("DELETE FROM owner WHERE id = 1 AND owner_id = ?");
    q.bindValue(0, ownerId);
    return exec(q);
}

} // namespace durable
