#include "hubstore.h"

namespace durable {

InboxMessage InboxMessage::command(const QString &instanceId, EventType type, const QJsonObject &data,
                                   const QDateTime &visibleAt)
{
    return InboxMessage { .id = 0,
                          .instanceId = instanceId,
                          .executionId = {},
                          .type = type,
                          .taskId = -1,
                          .name = {},
                          .data = data,
                          .visibleAt = visibleAt };
}

InboxMessage InboxMessage::event(const QString &instanceId, const QString &name, const QJsonValue &payload,
                                 const QDateTime &visibleAt)
{
    return InboxMessage { .id = 0,
                          .instanceId = instanceId,
                          .executionId = {},
                          .type = EventType::EventRaised,
                          .taskId = -1,
                          .name = name,
                          .data = QJsonObject { { QStringLiteral("input"), payload } },
                          .visibleAt = visibleAt };
}

InboxMessage InboxMessage::timer(const QString &instanceId, const QString &executionId, int timerId,
                                 const QDateTime &fireAt)
{
    return InboxMessage { .id = 0,
                          .instanceId = instanceId,
                          .executionId = executionId,
                          .type = EventType::TimerFired,
                          .taskId = timerId,
                          .name = {},
                          .data = QJsonObject { { QStringLiteral("fireAt"), fireAt.toString(Qt::ISODateWithMs) } },
                          .visibleAt = fireAt };
}

InboxMessage InboxMessage::completion(const QString &instanceId, const QString &executionId, EventType type, int taskId,
                                      const QString &name, const QJsonObject &data, const QDateTime &visibleAt)
{
    return InboxMessage { .id = 0,
                          .instanceId = instanceId,
                          .executionId = executionId,
                          .type = type,
                          .taskId = taskId,
                          .name = name,
                          .data = data,
                          .visibleAt = visibleAt };
}

InboxMessage InboxMessage::executionStarted(const InstanceInfo &info, const QDateTime &visibleAt)
{
    QJsonObject data { { QStringLiteral("version"), info.version } };
    if (!info.input.isUndefined())
        data.insert(QStringLiteral("input"), info.input);
    if (!info.parentInstanceId.isEmpty()) {
        data.insert(QStringLiteral("parentInstanceId"), info.parentInstanceId);
        data.insert(QStringLiteral("parentTaskId"), info.parentTaskId);
    }
    return InboxMessage { .id = 0,
                          .instanceId = info.instanceId,
                          .executionId = info.executionId,
                          .type = EventType::ExecutionStarted,
                          .taskId = -1,
                          .name = info.name,
                          .data = data,
                          .visibleAt = visibleAt };
}

} // namespace durable
