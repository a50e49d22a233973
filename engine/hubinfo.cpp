#include "hubinfo.h"

#include "sqlite/sqlitestore.h"

#include <sqlite3.h>

namespace durable {

int hubSchemaVersion()
{
    return sqlite::SqliteStore::SchemaVersion;
}

QString sqliteVersion()
{
    return QString::fromLatin1(sqlite3_libversion());
}

} // namespace durable
