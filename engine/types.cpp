#include "types.h"

#include "error.h"
#include "json.h"

#include <QJsonArray>

#include <array>

namespace durable {

namespace {
    constexpr std::array statusNames { "Running",  "Completed",  "ContinuedAsNew", "Failed",
                                       "Canceled", "Terminated", "Pending",        "Suspended" };
    constexpr std::array eventNames { "ExecutionStarted",
                                      "ExecutionCompleted",
                                      "ExecutionTerminated",
                                      "TaskScheduled",
                                      "TaskCompleted",
                                      "TaskFailed",
                                      "SubOrchestrationInstanceCreated",
                                      "SubOrchestrationInstanceCompleted",
                                      "SubOrchestrationInstanceFailed",
                                      "TimerCreated",
                                      "TimerFired",
                                      "OrchestratorStarted",
                                      "OrchestratorCompleted",
                                      "EventSent",
                                      "EventRaised",
                                      "ContinueAsNew",
                                      "GenericEvent",
                                      "ExecutionSuspended",
                                      "ExecutionResumed",
                                      "ExecutionRewound" };
    constexpr std::array errorNames { "InvalidArgument",
                                      "PayloadTooLarge",
                                      "UnknownOrchestrator",
                                      "NotFound",
                                      "AlreadyExists",
                                      "FailedPrecondition",
                                      "Storage",
                                      "Busy",
                                      "Corrupt",
                                      "SchemaTooNew",
                                      "ReadOnly",
                                      "Shutdown",
                                      "Damaged",
                                      "Cancelled" };
} // namespace

bool isTerminal(RuntimeStatus status)
{
    return status == RuntimeStatus::Completed || status == RuntimeStatus::Failed || status == RuntimeStatus::Canceled
        || status == RuntimeStatus::Terminated;
}

QString statusName(RuntimeStatus status)
{
    const auto index = static_cast<size_t>(status);
    return index < statusNames.size() ? QString::fromLatin1(statusNames[index]) : QStringLiteral("Unknown");
}

std::optional<RuntimeStatus> statusFromName(const QString &name)
{
    for (size_t i = 0; i < statusNames.size(); ++i) {
        if (name.compare(QLatin1String(statusNames[i]), Qt::CaseInsensitive) == 0)
            return static_cast<RuntimeStatus>(i);
    }
    return std::nullopt;
}

QString eventTypeName(EventType type)
{
    const auto index = static_cast<size_t>(type);
    return index < eventNames.size() ? QString::fromLatin1(eventNames[index]) : QStringLiteral("Unknown");
}

std::optional<EventType> eventTypeFromName(const QString &name)
{
    for (size_t i = 0; i < eventNames.size(); ++i) {
        if (name == QLatin1String(eventNames[i]))
            return static_cast<EventType>(i);
    }
    return std::nullopt;
}

QString errorCodeName(ErrorCode code)
{
    const auto index = static_cast<size_t>(code);
    return index < errorNames.size() ? QString::fromLatin1(errorNames[index]) : QStringLiteral("Unknown");
}

QString logLevelName(LogLevel level)
{
    switch (level) {
    case LogLevel::Debug:
        return QStringLiteral("debug");
    case LogLevel::Info:
        return QStringLiteral("info");
    case LogLevel::Warning:
        return QStringLiteral("warning");
    case LogLevel::Error:
        return QStringLiteral("error");
    }
    return QStringLiteral("info");
}

namespace {

    QJsonValue stepToJson(const std::optional<ScheduledStep> &step)
    {
        if (!step)
            return QJsonValue::Null;
        QJsonObject o { { QStringLiteral("type"), eventTypeName(step->type) } };
        if (!step->name.isEmpty())
            o.insert(QStringLiteral("name"), step->name);
        return o;
    }

    std::optional<ScheduledStep> stepFromJson(const QJsonValue &value)
    {
        const auto type = eventTypeFromName(value.toObject().value(QStringLiteral("type")).toString());
        if (!type)
            return std::nullopt;
        return ScheduledStep { *type, value.toObject().value(QStringLiteral("name")).toString() };
    }

} // namespace

QJsonObject Divergence::toJson() const
{
    return QJsonObject { { QStringLiteral("actionId"), actionId },
                         { QStringLiteral("expected"), stepToJson(expected) },
                         { QStringLiteral("actual"), stepToJson(actual) } };
}

std::optional<Divergence> Divergence::fromJson(const QJsonObject &object)
{
    const QJsonValue id = object.value(QStringLiteral("actionId"));
    if (!id.isDouble())
        return std::nullopt;
    return Divergence { id.toInt(), stepFromJson(object.value(QStringLiteral("expected"))),
                        stepFromJson(object.value(QStringLiteral("actual"))) };
}

QJsonObject FailureDetails::toJson() const
{
    QJsonObject o { { QStringLiteral("errorType"), errorType }, { QStringLiteral("errorMessage"), errorMessage } };
    if (!errorDetails.isEmpty())
        o.insert(QStringLiteral("errorDetails"), errorDetails);
    if (nonRetriable)
        o.insert(QStringLiteral("nonRetriable"), true);
    // A field of its own next to the message, which stays as it was for readers that predate it.
    if (divergence)
        o.insert(QStringLiteral("divergence"), divergence->toJson());
    if (!file.isEmpty())
        o.insert(QStringLiteral("file"), file);
    if (line > 0)
        o.insert(QStringLiteral("line"), line);
    if (attempt > 0)
        o.insert(QStringLiteral("attempt"), attempt);
    if (maxAttempts > 0)
        o.insert(QStringLiteral("maxAttempts"), maxAttempts);
    if (!earlierAttempts.isEmpty()) {
        QJsonArray attempts;
        for (const auto &a : earlierAttempts) {
            QJsonObject entry { { QStringLiteral("attempt"), a.attempt },
                                { QStringLiteral("errorType"), a.errorType },
                                { QStringLiteral("errorMessage"), a.errorMessage } };
            if (!a.file.isEmpty())
                entry.insert(QStringLiteral("file"), a.file);
            if (a.line > 0)
                entry.insert(QStringLiteral("line"), a.line);
            if (a.failedAt.isValid())
                entry.insert(QStringLiteral("failedAt"), a.failedAt.toString(Qt::ISODateWithMs));
            attempts.append(entry);
        }
        o.insert(QStringLiteral("earlierAttempts"), attempts);
    }
    return o;
}

FailureDetails FailureDetails::fromJson(const QJsonObject &object)
{
    FailureDetails f { object.value(QStringLiteral("errorType")).toString(),
                       object.value(QStringLiteral("errorMessage")).toString(),
                       object.value(QStringLiteral("errorDetails")).toString(),
                       object.value(QStringLiteral("nonRetriable")).toBool(),
                       Divergence::fromJson(object.value(QStringLiteral("divergence")).toObject()) };
    f.file = object.value(QStringLiteral("file")).toString();
    f.line = qMax(0, object.value(QStringLiteral("line")).toInt());
    f.attempt = qMax(0, object.value(QStringLiteral("attempt")).toInt());
    f.maxAttempts = qMax(0, object.value(QStringLiteral("maxAttempts")).toInt());
    for (const auto &value : object.value(QStringLiteral("earlierAttempts")).toArray()) {
        const QJsonObject a = value.toObject();
        f.earlierAttempts.append(AttemptFailure {
            qMax(0, a.value(QStringLiteral("attempt")).toInt()), a.value(QStringLiteral("errorType")).toString(),
            a.value(QStringLiteral("errorMessage")).toString(), a.value(QStringLiteral("file")).toString(),
            qMax(0, a.value(QStringLiteral("line")).toInt()),
            QDateTime::fromString(a.value(QStringLiteral("failedAt")).toString(), Qt::ISODateWithMs) });
    }
    return f;
}

QByteArray HistoryEvent::dataText() const
{
    if (!encodedData.isEmpty())
        return encodedData;
    return data.isEmpty() ? QByteArray() : json::toText(data);
}

QJsonObject WaitState::toJson() const
{
    QJsonObject o;
    if (!events.isEmpty())
        o.insert(QStringLiteral("events"), QJsonArray::fromStringList(events));
    if (!timers.isEmpty()) {
        QJsonArray array;
        for (const auto &t : timers)
            array.append(QJsonObject { { QStringLiteral("id"), t.id },
                                       { QStringLiteral("fireAt"), t.fireAt.toString(Qt::ISODateWithMs) } });
        o.insert(QStringLiteral("timers"), array);
    }
    if (activities)
        o.insert(QStringLiteral("activities"), activities);
    if (subOrchestrations)
        o.insert(QStringLiteral("subOrchestrations"), subOrchestrations);
    return o;
}

QByteArray WaitState::toText() const
{
    if (events.isEmpty() && timers.isEmpty() && !activities && !subOrchestrations)
        return {};
    // Members in key order, as a QJsonObject keeps them.
    QByteArray out = "{";
    const auto member = [&out](const char *key) {
        if (out.size() > 1)
            out += ',';
        out += key;
    };
    if (activities) {
        member("\"activities\":");
        out += QByteArray::number(activities);
    }
    if (!events.isEmpty()) {
        member("\"events\":[");
        for (qsizetype i = 0; i < events.size(); ++i) {
            if (i)
                out += ',';
            out += json::toText(QJsonValue(events.at(i)));
        }
        out += ']';
    }
    if (subOrchestrations) {
        member("\"subOrchestrations\":");
        out += QByteArray::number(subOrchestrations);
    }
    if (!timers.isEmpty()) {
        member("\"timers\":[");
        for (qsizetype i = 0; i < timers.size(); ++i) {
            if (i)
                out += ',';
            out += "{\"fireAt\":";
            out += json::toText(QJsonValue(timers.at(i).fireAt.toString(Qt::ISODateWithMs)));
            out += ",\"id\":";
            out += QByteArray::number(timers.at(i).id);
            out += '}';
        }
        out += ']';
    }
    out += '}';
    return out;
}

WaitState WaitState::fromJson(const QJsonObject &object)
{
    WaitState w;
    for (const auto &e : object.value(QStringLiteral("events")).toArray())
        w.events.append(e.toString());
    for (const auto &t : object.value(QStringLiteral("timers")).toArray()) {
        const auto to = t.toObject();
        w.timers.append(
            Timer { to.value(QStringLiteral("id")).toInt(),
                    QDateTime::fromString(to.value(QStringLiteral("fireAt")).toString(), Qt::ISODateWithMs) });
    }
    w.activities = object.value(QStringLiteral("activities")).toInt();
    w.subOrchestrations = object.value(QStringLiteral("subOrchestrations")).toInt();
    return w;
}

} // namespace durable
