#include "recenthubs.h"

#include <QDir>
#include <QFileInfo>
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
    const QString clean = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
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
