#include "hubopen.h"

#include "postgres/pgstore.h"
#include "sqlite/sqlitestore.h"

namespace durable {

bool isServerHub(const QString &location)
{
    return location.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive)
        || location.startsWith(QLatin1String("postgres://"), Qt::CaseInsensitive);
}

Result<std::unique_ptr<HubStore>> openHubStore(const QString &location, SyncMode sync, bool first,
                                               qint64 deepCheckBytes)
{
    if (isServerHub(location)) {
        auto store = postgres::PgStore::open(location, sync, first);
        if (!store)
            return std::unexpected(store.error());
        return std::unique_ptr<HubStore>(std::move(*store));
    }
    auto store = sqlite::SqliteStore::open(
        location, sync, first ? sqlite::SqliteStore::Inspection::Default : sqlite::SqliteStore::Inspection::Skip,
        deepCheckBytes);
    if (!store)
        return std::unexpected(store.error());
    return std::unique_ptr<HubStore>(std::move(*store));
}

} // namespace durable
