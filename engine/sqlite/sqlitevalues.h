#pragma once

// Conversions between engine values and SQLite columns, shared by the SQLite backend's files.
// Times are milliseconds since the Unix epoch (UTC); JSON payloads are stored as text.

#include "json.h"
#include "sqlitestatement.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QVariant>

namespace durable::sqlite {

inline qint64 ms(const QDateTime &t)
{
    return t.isValid() ? t.toMSecsSinceEpoch() : 0;
}

inline QDateTime fromMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

inline QDateTime fromMs(const QVariant &v)
{
    if (v.isNull())
        return {};
    return fromMs(v.toLongLong());
}

inline QVariant text(const QJsonValue &value)
{
    if (value.isUndefined())
        return QVariant(QMetaType::fromType<QString>());
    return json::toText(value); // UTF-8, bound as text without a round trip through QString
}

/// JSON text, NULL for undefined (as text(), without the QVariant): the write path's bind.
inline void bindJson(Statement &q, int index, const QJsonValue &value)
{
    if (value.isUndefined())
        q.bindNull(index);
    else
        q.bindUtf8(index, json::toText(value));
}

inline QJsonValue value(const QVariant &v)
{
    if (v.isNull())
        return QJsonValue(QJsonValue::Undefined);
    return json::parse(v.toString().toUtf8()).value_or(QJsonValue(QJsonValue::Undefined));
}

inline QVariant objectText(const QJsonObject &object)
{
    if (object.isEmpty())
        return QVariant(QMetaType::fromType<QString>());
    return json::toText(object);
}

inline QJsonObject object(const QVariant &v)
{
    if (v.isNull())
        return {};
    return json::parseObject(v.toString().toUtf8());
}

inline QVariant nullableString(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}

/// Text as it is, NULL when empty (no data).
inline void bindText(Statement &q, int index, const QByteArray &text)
{
    if (text.isEmpty())
        q.bindNull(index);
    else
        q.bindUtf8(index, text);
}

/// Text, NULL for an empty string (as nullableString()).
inline void bindName(Statement &q, int index, const QString &name)
{
    if (name.isEmpty())
        q.bindNull(index);
    else
        q.bindValue(index, name);
}

} // namespace durable::sqlite
