#pragma once

// Hubs as earlier schema versions left them, made from a hub of the current version with SQL that
// another program could run on it (QtSql or the sqlite3 shell).
#include "sqlite/sqlitestore.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStringList>

namespace oldschema {

/// Runs `statements` on the SQLite file at `path` through QtSql (binding `binds` to each), as
/// another program would; the last column of every row, and "error: …" for a failed statement.
inline QStringList runSql(const QString &path, const QStringList &statements, const QVariantList &binds = {})
{
    const QString connection = QStringLiteral("direct");
    QStringList rows;
    {
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            for (const auto &statement : statements) {
                q.prepare(statement);
                for (const auto &b : binds)
                    q.addBindValue(b);
                if (!q.exec())
                    rows.append(QStringLiteral("error: ") + q.lastError().text());
                while (q.next())
                    rows.append(q.value(q.record().count() - 1).toString());
            }
            q.finish();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return rows;
}

/// Every column an instance row had in version 7, in its order.
inline constexpr const char *InstanceColumns
    = "instance_id, name, version, execution_id, status, input, output, custom_status, failure, created_at, "
      "updated_at, completed_at, parent_instance_id, parent_task_id, waiting, awaits_event, history_length, "
      "origin";

/// Schema 8's integer keys undone: the instances table without its key, history rows keyed by
/// the two ids again.
inline QStringList versionSevenTables()
{
    return {
        QStringLiteral("CREATE TABLE history_v7 (instance_id TEXT NOT NULL, execution_id TEXT NOT NULL, "
                       "sequence INTEGER NOT NULL, event_type INTEGER NOT NULL, event_id INTEGER NOT NULL, "
                       "task_id INTEGER NOT NULL, name TEXT, data TEXT, timestamp INTEGER NOT NULL, "
                       "opened_at INTEGER, closed_at INTEGER, "
                       "PRIMARY KEY (instance_id, execution_id, sequence)) WITHOUT ROWID"),
        QStringLiteral("INSERT INTO history_v7 SELECT i.instance_id, i.execution_id, h.sequence, h.event_type, "
                       "h.event_id, h.task_id, h.name, h.data, h.timestamp, h.opened_at, h.closed_at "
                       "FROM history h JOIN instances i USING (instance_key)"),
        QStringLiteral("DROP TABLE history"),
        QStringLiteral("ALTER TABLE history_v7 RENAME TO history"),
        QStringLiteral("CREATE TABLE instances_v7 (instance_id TEXT PRIMARY KEY, name TEXT NOT NULL, "
                       "version TEXT NOT NULL DEFAULT '', execution_id TEXT NOT NULL, status INTEGER NOT NULL, "
                       "input TEXT, output TEXT, custom_status TEXT, failure TEXT, created_at INTEGER NOT NULL, "
                       "updated_at INTEGER NOT NULL, completed_at INTEGER, parent_instance_id TEXT, "
                       "parent_task_id INTEGER NOT NULL DEFAULT -1, waiting TEXT, "
                       "awaits_event INTEGER NOT NULL DEFAULT 0, history_length INTEGER NOT NULL DEFAULT 0, "
                       "origin TEXT)"),
        QStringLiteral("INSERT INTO instances_v7 SELECT %1 FROM instances").arg(QLatin1String(InstanceColumns)),
        QStringLiteral("DROP TABLE instances"),
        QStringLiteral("ALTER TABLE instances_v7 RENAME TO instances"),
        QStringLiteral("CREATE INDEX instances_created ON instances (created_at, instance_id)"),
        QStringLiteral("CREATE INDEX instances_updated ON instances (updated_at, instance_id)"),
        QStringLiteral("CREATE INDEX instances_name ON instances (name, instance_id)"),
        QStringLiteral("CREATE INDEX instances_status_created ON instances (status, created_at, instance_id)"),
        QStringLiteral("CREATE INDEX instances_parent ON instances (parent_instance_id) "
                       "WHERE parent_instance_id IS NOT NULL"),
        QStringLiteral("CREATE INDEX instances_awaiting ON instances (awaits_event) WHERE awaits_event = 1"),
    };
}

/// Turns a hub of the current version back into what schema `version` left: the later
/// versions' changes undone, newest first, and user_version set. (Version 3's rebuilt work table
/// is left to the test that needs the old one.)
inline QStringList downgradeTo(int version, int from = durable::sqlite::SqliteStore::SchemaVersion)
{
    QStringList statements;
    if (version < 8 && from >= 8)
        statements << versionSevenTables();
    if (version < 7)
        statements << QStringLiteral("ALTER TABLE history DROP COLUMN closed_at")
                   << QStringLiteral("ALTER TABLE history DROP COLUMN opened_at");
    if (version < 6)
        statements << QStringLiteral("DROP INDEX instances_status_created")
                   << QStringLiteral("CREATE INDEX instances_status ON instances (status, instance_id)");
    if (version < 5)
        statements << QStringLiteral("ALTER TABLE instances DROP COLUMN origin");
    if (version < 4)
        statements << QStringLiteral("ALTER TABLE owner DROP COLUMN since");
    if (version < 2)
        statements << QStringLiteral("DROP TABLE script_versions");
    statements << QStringLiteral("PRAGMA user_version=%1").arg(version);
    return statements;
}

} // namespace oldschema
