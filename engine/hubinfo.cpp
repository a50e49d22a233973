#include "hubinfo.h"

#include "hubopen.h"
#include "postgres/pgstore.h"
#include "sqlite/sqlitestore.h"

#include <libpq-fe.h>
#include <sqlite3.h>

namespace durable {

int hubSchemaVersion()
{
    return sqlite::SqliteStore::SchemaVersion;
}

int hubSchemaVersion(const QString &location)
{
    return isServerHub(location) ? postgres::PgStore::SchemaVersion : sqlite::SqliteStore::SchemaVersion;
}

QString libpqVersion()
{
    const int v = PQlibVersion();
    return QStringLiteral("%1.%2").arg(v / 10000).arg(v % 10000);
}

Result<QString> serverHubDescription(const QString &location)
{
    auto store = postgres::PgStore::open(location, SyncMode::Full, false);
    if (!store)
        return std::unexpected(store.error());
    auto version = (*store)->storedSchemaVersion();
    if (!version)
        return std::unexpected(version.error());
    return QStringLiteral("PostgreSQL %1, schema version %2").arg((*store)->serverVersion()).arg(*version);
}

QString sqliteVersion()
{
    return QString::fromLatin1(sqlite3_libversion());
}

} // namespace durable
