#pragma once

#include <QColor>
#include <QDateTime>
#include <QJsonValue>
#include <QString>

namespace durable::models {

/// "850 ms", "12.3 s", "4 min 05 s", "3 h 12 min", "2 d 4 h": compact, for table cells.
QString formatDuration(qint64 milliseconds);
/// Local time as "yyyy-MM-dd HH:mm:ss"; empty for an invalid time.
QString formatTime(const QDateTime &time);
/// One-line JSON: strings unquoted at top level, objects and arrays compact, cut at `maxLength`.
QString jsonPreview(const QJsonValue &value, int maxLength = 120);
/// An orchestrator version as shown after its name: "v2" for the Designer's "v2", "v1.0" for an
/// SDK's "1.0"; empty for none.
QString versionLabel(const QString &version);
/// A registered orchestrator's or activity's description in the interface language: the samples
/// mark theirs with QT_TRANSLATE_NOOP("durable::Registry", …); others are shown as registered.
QString translatedDescription(const QString &description);
/// A time stored in event data: ISO 8601 text or milliseconds since the epoch; invalid otherwise.
QDateTime timeFromJson(const QJsonValue &value);

/// WCAG contrast ratio of two colours, from 1 (same luminance) to 21 (black on white).
double contrastRatio(const QColor &a, const QColor &b);
/// `colour`, lightened on a dark background or darkened on a light one just enough to reach
/// `minimum` contrast against it (3:1 is WCAG's level for icons and graphics); hue kept.
QColor readableOn(const QColor &colour, const QColor &background, double minimum = 3.0);

} // namespace durable::models
