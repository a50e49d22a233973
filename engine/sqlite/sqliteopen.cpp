// Opening a hub file: refusing what is not ours or is damaged before writing anything, then the
// connection's settings and the schema migrations.
#include "sqlitestatement.h"
#include "sqlitestore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>

#include <array>
#include <mutex>

#include <sqlite3.h>

namespace durable::sqlite {

namespace {

    // "DWB1": marks a file as a Durable Workbench task hub (PRAGMA application_id).
    constexpr qint64 ApplicationId = 0x44574231;
    constexpr int BusyTimeoutMs = 5000;

    /// Refusals that need no SQLite: a directory, missing folder, missing permissions.
    Status checkFile(const QFileInfo &file)
    {
        const QString path = file.filePath();
        if (file.exists()) {
            if (file.isDir())
                return fail(ErrorCode::InvalidArgument,
                            QStringLiteral("'%1' is a directory, not a task hub file").arg(path));
            if (!file.isReadable())
                return fail(ErrorCode::ReadOnly, QStringLiteral("'%1' cannot be read (permission denied)").arg(path));
            if (!file.isWritable())
                return fail(ErrorCode::ReadOnly, QStringLiteral("'%1' is read-only").arg(path));
        } else if (!file.absoluteDir().exists()) {
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("folder '%1' does not exist").arg(file.absolutePath()));
        }
        // WAL needs to create -wal and -shm files next to the hub.
        if (!QFileInfo(file.absolutePath()).isWritable())
            return fail(ErrorCode::ReadOnly, QStringLiteral("folder '%1' is not writable").arg(file.absolutePath()));
        return {};
    }

    /// The state of migrate() that its SQL function and progress reports share.
    struct MigrationRun {
        const SqliteStore::MigrationWatch *watch = nullptr;
        HubUpgradeProgress progress;
        qint64 step = 256; ///< rows between two reports
        qint64 nextReport = 0;

        void report() const
        {
            if (watch && watch->progress)
                watch->progress(progress);
        }
        void setPhase(HubUpgradeProgress::Phase phase)
        {
            if (phase == progress.phase)
                return;
            progress.phase = phase;
            report();
        }
        /// durable_copied_row(any): true, counting the row it is called for.
        static void countRow(sqlite3_context *context, int, sqlite3_value **)
        {
            auto *run = static_cast<MigrationRun *>(sqlite3_user_data(context));
            if (++run->progress.done >= run->nextReport) {
                run->nextReport = run->progress.done + run->step;
                run->report();
            }
            sqlite3_result_int(context, 1);
        }
    };

    /// The single value of a one-row PRAGMA or SELECT.
    Result<QVariant> scalar(sqlite3 *db, const QByteArray &sql, const QString &context)
    {
        Statement q(db, sql, Statement::Lifetime::Transient);
        if (auto s = q.exec(); !s)
            return std::unexpected(Error { s.error().code, context + QStringLiteral(": ") + s.error().message });
        if (!q.next()) {
            if (auto e = q.error(); !e)
                return std::unexpected(e.error());
            return QVariant();
        }
        return q.value(0);
    }

} // namespace

void SqliteStore::configureLibrary()
{
    static std::once_flag once;
    // SQLITE_MISUSE once the library is initialised (by code that opened it earlier): it then
    // keeps its defaults, which are correct, only slower.
    std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const QString &path, SyncMode sync, Inspection inspection,
                                                       qint64 deepCheckBytes, const MigrationWatch *watch)
{
    configureLibrary();
    const QFileInfo file(path);
    if (auto s = checkFile(file); !s)
        return std::unexpected(s.error());
    // SQLite removes the WAL when the last connection closes cleanly: one left over means a
    // crash, a power loss, or another process using the hub right now.
    const QFileInfo wal(path + QStringLiteral("-wal"));
    const bool unclean = wal.exists() && wal.size() > 0;

    sqlite3 *handle = nullptr;
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &handle,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    std::unique_ptr<SqliteStore> store(new SqliteStore(handle)); // closes the handle in every case
    if (rc != SQLITE_OK)
        return std::unexpected(errorFor(rc, handle, QStringLiteral("cannot open '%1'").arg(path)));
    sqlite3_busy_timeout(handle, BusyTimeoutMs);

    // Inspect before writing anything: a foreign or damaged file must stay untouched.
    const QString unreadable = QStringLiteral("'%1' is not a readable task hub").arg(path);
    auto version = scalar(handle, "PRAGMA user_version", unreadable);
    if (!version)
        return std::unexpected(version.error());
    auto appId = scalar(handle, "PRAGMA application_id", unreadable);
    if (!appId)
        return std::unexpected(appId.error());
    auto objects = scalar(handle, "SELECT count(*) FROM sqlite_master", unreadable);
    if (!objects)
        return std::unexpected(objects.error());
    const bool fresh = objects->toInt() == 0;
    if (!fresh && appId->toLongLong() != ApplicationId)
        return fail(ErrorCode::Corrupt, QStringLiteral("'%1' is an SQLite database but not a task hub").arg(path));
    if (version->toInt() > SchemaVersion)
        return fail(ErrorCode::SchemaTooNew,
                    QStringLiteral("'%1' has schema version %2; this version reads up to %3. Use a newer version.")
                        .arg(path)
                        .arg(version->toInt())
                        .arg(SchemaVersion));
    if (!fresh && inspection == Inspection::Default) {
        if (auto s = store->inspect(path, file.size() < deepCheckBytes || unclean); !s)
            return std::unexpected(s.error());
    }

    if (auto s = store->configure(path, sync, version->toInt(), watch); !s)
        return std::unexpected(s.error());
    return store;
}

Result<QStringList> SqliteStore::integrityCheck(const QString &path)
{
    if (!QFileInfo::exists(path))
        return fail(ErrorCode::NotFound, QStringLiteral("'%1' does not exist").arg(path));
    configureLibrary();
    sqlite3 *handle = nullptr;
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &handle,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    const std::unique_ptr<sqlite3, int (*)(sqlite3 *)> closer(handle, &sqlite3_close);
    if (rc != SQLITE_OK)
        return std::unexpected(errorFor(rc, handle, QStringLiteral("cannot open '%1'").arg(path)));
    sqlite3_busy_timeout(handle, BusyTimeoutMs);
    QStringList lines;
    Statement q(handle, "PRAGMA integrity_check(100)", Statement::Lifetime::Transient);
    Status read = q.exec();
    if (read) {
        while (q.next())
            lines.append(q.value(0).toString());
        read = q.error();
        q.finish();
    }
    // Some damage stops the check itself (a page that is no b-tree page at all): a finding too.
    if (!read && read.error().code == ErrorCode::Corrupt)
        lines.append(read.error().message);
    else if (!read)
        return fail(read.error().code, QStringLiteral("checking '%1': %2").arg(path, read.error().message));
    return lines;
}

int SqliteStore::pendingUpgrade(const QString &path)
{
    if (!QFileInfo(path).isFile())
        return 0;
    configureLibrary();
    sqlite3 *handle = nullptr;
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &handle,
                                   SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
    const std::unique_ptr<sqlite3, int (*)(sqlite3 *)> closer(handle, &sqlite3_close);
    if (rc != SQLITE_OK)
        return 0;
    sqlite3_busy_timeout(handle, BusyTimeoutMs);
    const auto version = scalar(handle, "PRAGMA user_version", QString());
    const auto appId = scalar(handle, "PRAGMA application_id", QString());
    if (!version || !appId || appId->toLongLong() != ApplicationId)
        return 0;
    const int v = version->toInt();
    return v > 0 && v < SchemaVersion ? v : 0;
}

Status SqliteStore::configure(const QString &path, SyncMode sync, int version, const MigrationWatch *watch)
{
    if (auto mode = scalar(m_handle, "PRAGMA journal_mode=WAL", QStringLiteral("cannot switch '%1' to WAL").arg(path));
        !mode)
        return std::unexpected(mode.error());
    if (auto s = execSql(sync == SyncMode::Full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL"); !s)
        return s;
    if (auto s = execSql("PRAGMA foreign_keys=OFF"); !s)
        return s;
    // 64 MiB of page cache (SQLite's default is 2 MiB): a batch that touches thousands of
    // instances otherwise re-reads the same index pages from the OS for every one.
    (void)execSql("PRAGMA cache_size=-65536");
    if (version < SchemaVersion) {
        if (auto s = migrate(version, watch); !s)
            return s;
    } else {
        // Fail now, with a clear message, if another program holds the write lock, rather than
        // at the first checkpoint.
        sqlite3_busy_timeout(m_handle, 1500);
        auto probe = execSql("BEGIN IMMEDIATE");
        if (!probe) {
            return fail(probe.error().code,
                        QStringLiteral("'%1' is locked by another program: %2").arg(path, probe.error().message));
        }
        (void)execSql("ROLLBACK");
        sqlite3_busy_timeout(m_handle, BusyTimeoutMs);
    }
    return {};
}

Status SqliteStore::inspect(const QString &path, bool fullCheck)
{
    const QString damaged = QStringLiteral("'%1' is damaged").arg(path);
    if (fullCheck) {
        auto result = scalar(m_handle, "PRAGMA quick_check(1)", damaged);
        if (!result)
            return std::unexpected(result.error());
        if (result->toString() != QLatin1String("ok"))
            return fail(ErrorCode::Corrupt, damaged + QStringLiteral(": ") + result->toString());
        return {};
    }
    QStringList tables;
    {
        Statement q(m_handle, "SELECT name FROM sqlite_master WHERE type = 'table'", Statement::Lifetime::Transient);
        if (auto s = q.exec(); !s)
            return fail(s.error().code, damaged + QStringLiteral(": ") + s.error().message);
        while (q.next())
            tables.append(q.value(0).toString());
        if (auto e = q.error(); !e)
            return fail(e.error().code, damaged + QStringLiteral(": ") + e.error().message);
    }
    for (const auto &table : std::as_const(tables)) {
        Statement probe(m_handle, QStringLiteral("SELECT * FROM \"%1\" LIMIT 1").arg(table).toUtf8(),
                        Statement::Lifetime::Transient);
        if (auto s = probe.exec(); !s)
            return fail(s.error().code, damaged + QStringLiteral(": ") + s.error().message);
    }
    return {};
}

Status SqliteStore::migrate(int fromVersion, const MigrationWatch *watch)
{
    // Each file with the tables whose rows it copies into a rebuilt table, with a
    // durable_copied_row(column) call in that copy's WHERE clause: the progress report counts them.
    struct Migration {
        const char *file;
        std::array<const char *, 2> copies;
    };
    static constexpr Migration migrations[] = {
        { "001-initial.sql", {} },          { "002-scripts.sql", {} },
        { "003-work-ids.sql", { "work" } }, { "004-owner-since.sql", {} },
        { "005-origin.sql", {} },           { "006-status-created.sql", {} },
        { "007-folded-markers.sql", {} },   { "008-integer-keys.sql", { "instances", "history" } },
    };
    static_assert(std::size(migrations) == SchemaVersion);

    const std::atomic<bool> *cancel = watch ? watch->cancel : nullptr;
    const auto cancelled = [&] {
        return fail(ErrorCode::Cancelled,
                    QStringLiteral("the upgrade from schema version %1 to %2 was cancelled; the hub is unchanged")
                        .arg(fromVersion)
                        .arg(SchemaVersion));
    };

    // One transaction for the whole upgrade: a cancelled or failed one leaves the file exactly at
    // the version it had, which the workbench that wrote it still opens. While another program
    // holds the write lock, the wait for it (the usual busy timeout) ends early on a cancel too.
    struct LockWait {
        const std::atomic<bool> *cancel;
        bool cancelled = false; ///< the wait ended on the cancel, not on the timeout
    } lockWait { cancel };
    if (cancel) {
        sqlite3_busy_handler(
            m_handle,
            [](void *state, int attempts) {
                auto *wait = static_cast<LockWait *>(state);
                wait->cancelled = wait->cancel->load();
                if (wait->cancelled || attempts >= BusyTimeoutMs / 10)
                    return 0;
                sqlite3_sleep(10);
                return 1;
            },
            &lockWait);
    }
    auto began = begin();
    sqlite3_busy_timeout(m_handle, BusyTimeoutMs); // replaces the handler above
    if (!began)
        return lockWait.cancelled ? cancelled() : began;
    auto rollbackOnExit = qScopeGuard([this] { rollback(); });

    MigrationRun run;
    run.watch = watch;
    run.progress.fromVersion = fromVersion;
    run.progress.toVersion = SchemaVersion;
    int lastCopy = 0; // the last version that copies rows: its replacing of tables comes last
    for (int version = fromVersion + 1; version <= SchemaVersion; ++version) {
        for (const char *table : migrations[version - 1].copies) {
            if (!table)
                continue;
            lastCopy = version;
            // Counted inside the transaction, so no other writer changes them before the copy. A
            // table an older hub lacks counts nothing: its copy then fails with the reason.
            if (fromVersion == 0)
                continue;
            if (auto n = scalar(m_handle, QByteArray("SELECT count(*) FROM ") + table, QString()))
                run.progress.total += n->toLongLong();
        }
    }
    run.step = std::max<qint64>(256, run.progress.total / 200);
    run.nextReport = run.step;
    const auto registerCounter = [this](void *state, void (*function)(sqlite3_context *, int, sqlite3_value **)) {
        return sqlite3_create_function_v2(m_handle, "durable_copied_row", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY, state,
                                          function, nullptr, nullptr, nullptr);
    };
    if (const int rc = registerCounter(&run, &MigrationRun::countRow); rc != SQLITE_OK)
        return std::unexpected(errorFor(rc, m_handle, QStringLiteral("cannot prepare the upgrade")));
    // SQLite calls this every few thousand virtual machine steps; a non-zero answer stops the
    // statement with SQLITE_INTERRUPT (ErrorCode::Cancelled), and the transaction is rolled back.
    if (cancel) {
        sqlite3_progress_handler(
            m_handle, 4096, [](void *flag) { return static_cast<const std::atomic<bool> *>(flag)->load() ? 1 : 0; },
            const_cast<std::atomic<bool> *>(cancel));
    }
    const auto unregister = qScopeGuard([this, registerCounter] {
        sqlite3_progress_handler(m_handle, 0, nullptr, nullptr);
        (void)registerCounter(nullptr, nullptr);
    });
    // A migration that rebuilds a table drops the old one and renames the new one into its place.
    // Since SQLite 3.26 a rename re-checks every view and trigger in the file, so a user's own view
    // over the two tables being rebuilt would fail the upgrade half way ("no such table"). The
    // legacy rename checks nothing, and the names end up as they were.
    if (auto s = execSql("PRAGMA legacy_alter_table=ON"); !s)
        return s;
    const auto legacyOff = qScopeGuard([this] { (void)execSql("PRAGMA legacy_alter_table=OFF"); });
    for (int version = fromVersion + 1; version <= SchemaVersion; ++version) {
        if (cancel && cancel->load())
            return cancelled();
        QFile file(QStringLiteral(":/durable/schema/") + QLatin1String(migrations[version - 1].file));
        if (!file.open(QIODevice::ReadOnly))
            return fail(ErrorCode::Storage, QStringLiteral("schema resource %1 missing").arg(file.fileName()));
        // Comments first (they may contain ';'), then one statement per ';'.
        QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
        lines.removeIf([](const QString &l) { return l.trimmed().startsWith(QLatin1String("--")); });
        const QString sql = lines.join(u'\n');
        QStringList statements = sql.split(u';');
        for (QString statement : std::as_const(statements)) {
            statement = statement.trimmed();
            if (statement.isEmpty())
                continue;
            if (version == lastCopy
                && (statement.startsWith(QLatin1String("DROP TABLE"))
                    || statement.startsWith(QLatin1String("CREATE INDEX"))))
                run.setPhase(HubUpgradeProgress::Phase::Replacing);
            if (auto s = execSql(statement.toUtf8()); !s)
                return s.error().code == ErrorCode::Cancelled ? cancelled() : s;
        }
    }
    if (auto s = execSql(QStringLiteral("PRAGMA application_id=%1").arg(ApplicationId).toUtf8()); !s)
        return s;
    if (auto s = execSql(QByteArray("PRAGMA user_version=") + QByteArray::number(SchemaVersion)); !s)
        return s;
    // The commit is not interrupted: it either happens or fails on its own.
    sqlite3_progress_handler(m_handle, 0, nullptr, nullptr);
    if (cancel && cancel->load())
        return cancelled();
    run.setPhase(HubUpgradeProgress::Phase::Writing);
    rollbackOnExit.dismiss();
    return commit();
}

Status SqliteStore::reclaimLogSpace()
{
    // No busy wait: the dispatcher must not stall behind a reader; it tries again after its next
    // batch.
    sqlite3_busy_timeout(m_handle, 0);
    const int rc = sqlite3_wal_checkpoint_v2(m_handle, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
    sqlite3_busy_timeout(m_handle, BusyTimeoutMs);
    if (rc != SQLITE_OK)
        return std::unexpected(errorFor(rc, m_handle, QStringLiteral("checkpoint failed")));
    return {};
}

Status SqliteStore::execSql(const QByteArray &sql)
{
    Statement q(m_handle, sql, Statement::Lifetime::Transient, &m_guard);
    return q.exec();
}

} // namespace durable::sqlite
