#pragma once

#include <QStringList>

/// The task hubs opened last, most recent first, kept per user in QSettings (key "recentHubs").
/// File ▸ Open Recent shows them. Paths are stored absolute and clean, URLs without their
/// password, each once.
class RecentHubs {
public:
    static constexpr int MaxEntries = 8;

    /// As stored, most recent first; files that no longer exist are included (the menu shows
    /// them disabled).
    static QStringList list();
    /// Puts `path` first (moving it up when listed already) and keeps MaxEntries.
    static void add(const QString &path);
    static void clear();
};
