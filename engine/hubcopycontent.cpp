#include "hubcopycontent.h"

#include <QJsonArray>

namespace durable::hubcopy {

namespace {

    QJsonValue msOf(const QDateTime &t)
    {
        // Invalid (no completion yet) stays distinct from the epoch.
        return t.isValid() ? QJsonValue(double(t.toMSecsSinceEpoch())) : QJsonValue();
    }

    void put(QJsonObject &o, const char *key, const QJsonValue &value)
    {
        // An undefined payload (absent) is left out, so it compares unequal to a stored null.
        if (!value.isUndefined())
            o.insert(QLatin1String(key), value);
    }

    QString fieldDifference(const QJsonObject &a, const QJsonObject &b)
    {
        QStringList keys = a.keys();
        for (const QString &k : b.keys()) {
            if (!a.contains(k))
                keys.append(k);
        }
        for (const QString &k : std::as_const(keys)) {
            if (a.value(k) != b.value(k))
                return k;
        }
        return {};
    }

    template<typename T>
    QString listDifference(const QString &what, const QList<T> &a, const QList<T> &b)
    {
        if (a.size() != b.size())
            return QStringLiteral("%1: %2 in the source, %3 in the destination").arg(what).arg(a.size()).arg(b.size());
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QJsonObject ra = rowOf(a.at(i));
            const QJsonObject rb = rowOf(b.at(i));
            if (ra != rb)
                return QStringLiteral("%1 %2: %3 differs").arg(what).arg(i).arg(fieldDifference(ra, rb));
        }
        return {};
    }

} // namespace

Result<std::optional<InstanceContent>> readInstance(HubStore &store, const QString &instanceId)
{
    auto record = store.instance(instanceId, true);
    if (!record)
        return std::unexpected(record.error());
    if (!*record)
        return std::optional<InstanceContent>();
    InstanceContent c;
    c.record = std::move(**record);
    const QString &execution = c.record.info.executionId;
    auto history = store.history(instanceId, execution);
    if (!history)
        return std::unexpected(history.error());
    c.history = std::move(*history);
    auto logs = store.logs(instanceId, execution, 0);
    if (!logs)
        return std::unexpected(logs.error());
    c.logs = std::move(*logs);
    auto messages = store.messagesOf(instanceId);
    if (!messages)
        return std::unexpected(messages.error());
    c.messages = std::move(*messages);
    return std::optional<InstanceContent>(std::move(c));
}

Status writeInstance(HubStore &store, const InstanceContent &c)
{
    const QString &id = c.record.info.instanceId;
    if (auto s = store.putInstance(c.record); !s)
        return s;
    if (!c.history.isEmpty()) {
        if (auto s = store.appendHistory(id, c.record.info.executionId, c.history); !s)
            return s;
    }
    if (!c.logs.isEmpty()) {
        if (auto s = store.insertLogs(c.logs); !s)
            return s;
    }
    for (const auto &m : c.messages) {
        if (auto inserted = store.insertMessage(m); !inserted)
            return std::unexpected(inserted.error());
    }
    return {};
}

Result<QHash<QString, QList<WorkItem>>> workByInstance(HubStore &store)
{
    auto all = store.allWork();
    if (!all)
        return std::unexpected(all.error());
    QHash<QString, QList<WorkItem>> byInstance;
    for (auto &item : *all)
        byInstance[item.instanceId].append(std::move(item));
    return byInstance;
}

QJsonObject rowOf(const InstanceRecord &r)
{
    const auto &i = r.info;
    QJsonObject o { { QStringLiteral("instanceId"), i.instanceId },
                    { QStringLiteral("name"), i.name },
                    { QStringLiteral("version"), i.version },
                    { QStringLiteral("executionId"), i.executionId },
                    { QStringLiteral("status"), int(i.status) },
                    { QStringLiteral("createdAt"), msOf(i.createdAt) },
                    { QStringLiteral("lastUpdatedAt"), msOf(i.lastUpdatedAt) },
                    { QStringLiteral("completedAt"), msOf(i.completedAt) },
                    { QStringLiteral("parentInstanceId"), i.parentInstanceId },
                    { QStringLiteral("parentTaskId"), i.parentTaskId },
                    { QStringLiteral("waiting"), i.waiting.toJson() },
                    { QStringLiteral("historyLength"), double(r.historyLength) } };
    put(o, "input", i.input);
    put(o, "output", i.output);
    put(o, "customStatus", i.customStatus);
    if (i.failure)
        o.insert(QStringLiteral("failure"), i.failure->toJson());
    if (!i.origin.isEmpty())
        o.insert(QStringLiteral("origin"), i.origin);
    return o;
}

QJsonObject rowOf(const HistoryEvent &e)
{
    return { { QStringLiteral("sequence"), double(e.sequence) },
             { QStringLiteral("type"), int(e.type) },
             { QStringLiteral("eventId"), e.eventId },
             { QStringLiteral("taskId"), e.taskId },
             { QStringLiteral("name"), e.name },
             { QStringLiteral("data"), e.data },
             { QStringLiteral("timestamp"), msOf(e.timestamp) } };
}

QJsonObject rowOf(const LogLine &l)
{
    return { { QStringLiteral("instanceId"), l.instanceId },
             { QStringLiteral("executionId"), l.executionId },
             { QStringLiteral("historySequence"), double(l.historySequence) },
             { QStringLiteral("timestamp"), msOf(l.timestamp) },
             { QStringLiteral("level"), int(l.level) },
             { QStringLiteral("source"), l.source },
             { QStringLiteral("taskId"), l.taskId },
             { QStringLiteral("replaying"), l.replaying },
             { QStringLiteral("message"), l.message } };
}

QJsonObject rowOf(const InboxMessage &m)
{
    return { { QStringLiteral("instanceId"), m.instanceId },
             { QStringLiteral("executionId"), m.executionId },
             { QStringLiteral("type"), int(m.type) },
             { QStringLiteral("taskId"), m.taskId },
             { QStringLiteral("name"), m.name },
             { QStringLiteral("data"), m.data },
             { QStringLiteral("visibleAt"), msOf(m.visibleAt) } };
}

QJsonObject rowOf(const WorkItem &w)
{
    QJsonObject o { { QStringLiteral("instanceId"), w.instanceId },
                    { QStringLiteral("executionId"), w.executionId },
                    { QStringLiteral("taskId"), w.taskId },
                    { QStringLiteral("name"), w.name } };
    put(o, "input", w.input);
    return o;
}

QJsonObject rowOf(const ScriptVersion &v)
{
    return { { QStringLiteral("fileName"), v.fileName },
             { QStringLiteral("version"), v.version },
             { QStringLiteral("code"), v.code },
             { QStringLiteral("sha256"), v.sha256 },
             { QStringLiteral("createdAt"), msOf(v.createdAt) },
             { QStringLiteral("orchestrators"), QJsonArray::fromStringList(v.orchestrators) },
             { QStringLiteral("activities"), QJsonArray::fromStringList(v.activities) } };
}

QString difference(const InstanceContent &a, const QList<WorkItem> &workA, const InstanceContent &b,
                   const QList<WorkItem> &workB)
{
    const QJsonObject ra = rowOf(a.record);
    const QJsonObject rb = rowOf(b.record);
    if (ra != rb)
        return QStringLiteral("instance row: %1 differs").arg(fieldDifference(ra, rb));
    for (const QString &d : { listDifference(QStringLiteral("history row"), a.history, b.history),
                              listDifference(QStringLiteral("log line"), a.logs, b.logs),
                              listDifference(QStringLiteral("inbox message"), a.messages, b.messages),
                              listDifference(QStringLiteral("work row"), workA, workB) }) {
        if (!d.isEmpty())
            return d;
    }
    return {};
}

} // namespace durable::hubcopy
