#pragma once

#include <QString>

/// Hub locations as the user sees and the settings keep them: a SQLite file path or a
/// PostgreSQL URL (durable::isServerHub()).
namespace HubLocation {

/// A URL without its password (in the user part or a `password=` parameter), so that it can be
/// shown, logged or saved: libpq finds the password in ~/.pgpass or PGPASSFILE. Paths unchanged.
QString withoutPassword(const QString &location);
/// Paths absolute and clean; URLs trimmed.
QString normalized(const QString &location);
/// Short name for titles and menus: the file name, or "NAME on host/database" for a URL.
QString displayName(const QString &location);
/// Whether two locations name the same hub (files by their canonical path, URLs without password).
bool same(const QString &a, const QString &b);

} // namespace HubLocation
