#include "formatting.h"

#include <algorithm>
#include <cmath>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace durable::models {

QString formatDuration(qint64 ms)
{
    if (ms < 0)
        ms = 0;
    if (ms < 1000)
        return QStringLiteral("%1 ms").arg(ms);
    if (ms < 60 * 1000)
        return QStringLiteral("%1 s").arg(ms / 1000.0, 0, 'f', 1);
    const qint64 s = ms / 1000;
    if (s < 3600)
        return QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    if (s < 24 * 3600)
        return QStringLiteral("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1 d %2 h").arg(s / 86400).arg((s % 86400) / 3600);
}

QString versionLabel(const QString &version)
{
    if (version.isEmpty() || version.startsWith(u'v', Qt::CaseInsensitive))
        return version;
    return u'v' + version;
}

QString translatedDescription(const QString &description)
{
    return description.isEmpty() ? description
                                 : QCoreApplication::translate("durable::Registry", description.toUtf8().constData());
}

QString formatTime(const QDateTime &time)
{
    return time.isValid() ? time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QString();
}

QString jsonPreview(const QJsonValue &value, int maxLength)
{
    QString text;
    switch (value.type()) {
    case QJsonValue::Undefined:
        return {};
    case QJsonValue::Null:
        text = QStringLiteral("null");
        break;
    case QJsonValue::String:
        text = value.toString();
        break;
    case QJsonValue::Object:
        text = QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
        break;
    case QJsonValue::Array:
        text = QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
        break;
    default: {
        // Numbers and booleans: serialise through an array to get JSON spelling ("true", "1.5").
        const auto doc = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
        text = QString::fromUtf8(doc.mid(1, doc.size() - 2));
    }
    }
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    if (maxLength > 1 && text.size() > maxLength)
        text = text.left(maxLength - 1) + QChar(0x2026);
    return text;
}

QDateTime timeFromJson(const QJsonValue &value)
{
    if (value.isDouble())
        return QDateTime::fromMSecsSinceEpoch(qint64(value.toDouble()), Qt::UTC);
    if (value.isString())
        return QDateTime::fromString(value.toString(), Qt::ISODateWithMs).toUTC();
    return {};
}

namespace {
    double luminance(const QColor &colour)
    {
        const auto channel = [](double c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
        const QColor rgb = colour.toRgb();
        return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF()) + 0.0722 * channel(rgb.blueF());
    }
} // namespace

double contrastRatio(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor readableOn(const QColor &colour, const QColor &background, double minimum)
{
    const bool darkBackground = luminance(background) < 0.18;
    QColor result = colour.toHsl();
    // Lightness moves in small steps towards white (dark background) or black; 50 steps reach either end.
    for (int step = 0; step < 50 && contrastRatio(result, background) < minimum; ++step) {
        const float lightness = std::clamp(result.lightnessF() + (darkBackground ? 0.02f : -0.02f), 0.0f, 1.0f);
        result.setHslF(result.hslHueF(), result.hslSaturationF(), lightness, result.alphaF());
    }
    return result.toRgb();
}

} // namespace durable::models
