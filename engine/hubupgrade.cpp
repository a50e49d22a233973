#include "hubupgrade.h"

#include "hubopen.h"
#include "sqlite/sqlitestore.h"

namespace durable {

int pendingHubUpgrade(const QString &location)
{
    return isServerHub(location) ? 0 : sqlite::SqliteStore::pendingUpgrade(location);
}

Status upgradeHub(const QString &location, SyncMode sync, const HubUpgradeCallback &progress,
                  const std::atomic<bool> *cancel, qint64 deepCheckBytes)
{
    if (isServerHub(location))
        return {};
    const sqlite::SqliteStore::MigrationWatch watch { progress, cancel };
    // The same open as Engine::open's first connection, closed again at once: the checks before
    // any write stay the same, and the engine's own open then finds the schema current.
    auto store
        = sqlite::SqliteStore::open(location, sync, sqlite::SqliteStore::Inspection::Default, deepCheckBytes, &watch);
    if (!store)
        return std::unexpected(store.error());
    return {};
}

} // namespace durable
