#include "apipayloads.h"

#include "apiparams.h"
#include "historyvocabulary.h"

#include <QUrl>

namespace durable::http {

namespace {

    QString key(const char *name)
    {
        return QString::fromLatin1(name);
    }

    QJsonValue field(const HistoryEvent &event, const char *name)
    {
        return payloadValue(event.data.value(QLatin1String(name)));
    }

    void addFailure(QJsonObject &out, const HistoryEvent &event)
    {
        const QJsonObject failure = event.data.value(QLatin1String("failure")).toObject();
        if (failure.isEmpty())
            return;
        const auto details = FailureDetails::fromJson(failure);
        out.insert(key("Reason"), details.errorMessage);
        out.insert(key("Details"), details.errorDetails.isEmpty() ? QJsonValue() : QJsonValue(details.errorDetails));
        out.insert(key("FailureDetails"),
                   QJsonObject { { key("ErrorType"), details.errorType },
                                 { key("ErrorMessage"), details.errorMessage },
                                 { key("StackTrace"), details.errorDetails },
                                 { key("IsNonRetriable"), details.nonRetriable } });
    }

    /// One event rewritten per A.5; `scheduled` is the scheduling event a completion completes
    /// (HistoryPairing), null for other events and unpaired completions.
    QJsonObject rewrite(const HistoryEvent &event, const HistoryEvent *scheduled, bool showInput, bool showOutput)
    {
        QJsonObject out { { key("EventType"), eventTypeName(event.type) } };
        switch (event.type) {
        case EventType::ExecutionStarted:
            out.insert(key("FunctionName"), event.name);
            if (showInput)
                out.insert(key("Input"), field(event, "input"));
            break;
        case EventType::ExecutionCompleted:
        case EventType::ContinueAsNew: {
            const QJsonValue status = event.data.value(QLatin1String("status"));
            if (status.isDouble())
                out.insert(key("OrchestrationStatus"), statusName(static_cast<RuntimeStatus>(status.toInt())));
            else if (status.isString())
                out.insert(key("OrchestrationStatus"), status);
            else if (event.type == EventType::ContinueAsNew)
                out.insert(key("OrchestrationStatus"), statusName(RuntimeStatus::ContinuedAsNew));
            if (showOutput)
                out.insert(key("Result"),
                           event.type == EventType::ContinueAsNew && !event.data.contains(QLatin1String("result"))
                               ? field(event, "input")
                               : field(event, "result"));
            addFailure(out, event);
            break;
        }
        case EventType::ExecutionTerminated:
            out.insert(key("Input"),
                       event.data.contains(QLatin1String("reason")) ? field(event, "reason") : field(event, "input"));
            break;
        case EventType::TaskScheduled:
        case EventType::SubOrchestrationInstanceCreated: // still pending: no completion folded it away
            out.insert(key("Name"), event.name);
            if (showInput)
                out.insert(key("Input"), field(event, "input"));
            break;
        case EventType::TaskCompleted:
        case EventType::TaskFailed:
        case EventType::SubOrchestrationInstanceCompleted:
        case EventType::SubOrchestrationInstanceFailed:
            if (scheduled) {
                out.insert(key("FunctionName"), scheduled->name);
                out.insert(key("ScheduledTime"), formatHistoryTime(scheduled->timestamp));
                if (showInput)
                    out.insert(key("Input"), field(*scheduled, "input"));
            }
            if (showOutput
                && (event.type == EventType::TaskCompleted
                    || event.type == EventType::SubOrchestrationInstanceCompleted))
                out.insert(key("Result"), field(event, "result"));
            addFailure(out, event);
            break;
        case EventType::TimerCreated:
        case EventType::TimerFired:
            out.insert(key("FireAt"), event.data.value(QLatin1String("fireAt")));
            break;
        case EventType::EventRaised:
        case EventType::EventSent:
            out.insert(key("Name"), event.name);
            if (event.type == EventType::EventSent)
                out.insert(key("InstanceId"), field(event, "instanceId"));
            if (showInput)
                out.insert(key("Input"), field(event, "input"));
            break;
        case EventType::ExecutionSuspended:
        case EventType::ExecutionResumed:
        case EventType::ExecutionRewound:
            out.insert(key("Reason"), field(event, "reason"));
            break;
        case EventType::GenericEvent:
            out.insert(key("Data"), QJsonValue(event.data));
            break;
        case EventType::OrchestratorStarted:
        case EventType::OrchestratorCompleted:
            break;
        }
        out.insert(key("Timestamp"), formatHistoryTime(event.timestamp));
        return out;
    }

    QString joinQuery(const QString &first, const QUrlQuery &common)
    {
        const QString rest = common.toString(QUrl::FullyEncoded);
        if (first.isEmpty())
            return rest.isEmpty() ? QString() : QLatin1Char('?') + rest;
        return QLatin1Char('?') + first + (rest.isEmpty() ? QString() : QLatin1Char('&') + rest);
    }

} // namespace

QJsonObject statusPayload(const InstanceInfo &info, bool showInput)
{
    QJsonValue output = payloadValue(info.output);
    if (info.status == RuntimeStatus::Failed && output.isNull() && info.failure)
        output = info.failure->errorMessage; // the handler shows the stored failure text as output
    return QJsonObject {
        { key("name"), info.name },
        { key("instanceId"), info.instanceId },
        { key("runtimeStatus"), statusName(info.status) },
        { key("input"), showInput ? payloadValue(info.input) : QJsonValue() },
        { key("customStatus"), payloadValue(info.customStatus) },
        { key("output"), output },
        { key("createdTime"), formatStatusTime(info.createdAt) },
        { key("lastUpdatedTime"), formatStatusTime(info.lastUpdatedAt) },
    };
}

QJsonArray historyEvents(const History &history, bool showInput, bool showHistoryOutput)
{
    const HistoryPairing pairing(history);
    QJsonArray result;
    for (qsizetype i = 0; i < history.size(); ++i) {
        const HistoryEvent &event = history.at(i);
        if (event.type == EventType::OrchestratorStarted || event.type == EventType::OrchestratorCompleted)
            continue;
        if (schedulesWork(event.type) && pairing.completionOf(i) >= 0)
            continue; // folded into its completion
        const qsizetype scheduling = pairing.scheduledOf(i);
        result.append(
            rewrite(event, scheduling >= 0 ? &history.at(scheduling) : nullptr, showInput, showHistoryOutput));
    }
    return result;
}

QString statusQueryUrl(const UrlContext &urls, const QString &instanceId, bool returnInternalServerErrorOnFailure)
{
    const QString base = urls.origin + urls.mount + QStringLiteral("/instances/")
        + QString::fromLatin1(QUrl::toPercentEncoding(instanceId));
    QUrlQuery common = urls.common;
    if (returnInternalServerErrorOnFailure)
        common.addQueryItem(QStringLiteral("returnInternalServerErrorOnFailure"), QStringLiteral("true"));
    return base + joinQuery({}, common);
}

QJsonObject checkStatusPayload(const UrlContext &urls, const QString &instanceId,
                               bool returnInternalServerErrorOnFailure)
{
    const QString instance = urls.origin + urls.mount + QStringLiteral("/instances/")
        + QString::fromLatin1(QUrl::toPercentEncoding(instanceId));
    const QString reason = QStringLiteral("reason={text}");
    const auto url = [&](const char *suffix, const QString &first) -> QString {
        return instance + QLatin1String(suffix) + joinQuery(first, urls.common);
    };
    return QJsonObject {
        { key("id"), instanceId },
        { key("statusQueryGetUri"), statusQueryUrl(urls, instanceId, returnInternalServerErrorOnFailure) },
        { key("sendEventPostUri"), url("/raiseEvent/{eventName}", {}) },
        { key("terminatePostUri"), url("/terminate", reason) },
        { key("purgeHistoryDeleteUri"), url("", {}) },
        { key("restartPostUri"), url("/restart", {}) },
        { key("suspendPostUri"), url("/suspend", reason) },
        { key("resumePostUri"), url("/resume", reason) },
        { key("rewindPostUri"), url("/rewind", reason) },
    };
}

} // namespace durable::http
