#include "recenthubs.h"

#include "hublocation.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace {
const QString Key = u"recentHubs"_s;
}

QStringList RecentHubs::list()
{
    return QSettings().value(Key).toStringList();
}

void RecentHubs::add(const QString &path)
{
    // Never a password in the settings file: libpq reads it from ~/.pgpass or PGPASSFILE.
    const QString clean = HubLocation::withoutPassword(HubLocation::normalized(path));
    QStringList hubs = list();
    hubs.removeAll(clean);
    hubs.prepend(clean);
    while (hubs.size() > MaxEntries)
        hubs.removeLast();
    QSettings().setValue(Key, hubs);
}

void RecentHubs::clear()
{
    QSettings().remove(Key);
}
