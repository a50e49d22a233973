#include "sidecarconvert.h"

#include "json.h"

#include <algorithm>
#include <charconv>

namespace durable::grpc {

namespace {

    QString key(const char *name)
    {
        return QString::fromLatin1(name);
    }

    /// Sets `field` (a StringValue getter like mutable_input) only when there is text to send.
    template<typename Mutable>
    void setPayload(const QJsonValue &value, Mutable &&mutableField)
    {
        if (auto text = payloadToWire(value))
            mutableField()->set_value(std::move(*text));
    }

    template<typename Mutable>
    void setTime(const QDateTime &time, Mutable &&mutableField)
    {
        if (auto t = timestampToWire(time))
            *mutableField() = *t;
    }

    QDateTime isoTime(const QJsonValue &value)
    {
        return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    }

    proto::OrchestrationStatus statusToWire(RuntimeStatus status)
    {
        // RuntimeStatus is numbered as the protocol's OrchestrationStatus.
        return proto::OrchestrationStatus(int(status));
    }

    std::optional<FailureDetails> failureOf(const QJsonObject &data)
    {
        const QJsonValue f = data.value(key("failure"));
        if (!f.isObject())
            return std::nullopt;
        return FailureDetails::fromJson(f.toObject());
    }

    QJsonValue payloadOf(const std::string &text)
    {
        return json::verbatim(text.empty() ? QByteArray("") : QByteArray(text.data(), qsizetype(text.size())));
    }

} // namespace

QJsonValue payloadFromWire(bool present, const ::google::protobuf::StringValue &value)
{
    if (!present)
        return QJsonValue(QJsonValue::Undefined);
    return payloadOf(value.value());
}

std::optional<std::string> payloadToWire(const QJsonValue &value)
{
    const QByteArray text = json::payloadText(value);
    if (text.isEmpty())
        return std::nullopt;
    return text.toStdString();
}

std::optional<::google::protobuf::Timestamp> timestampToWire(const QDateTime &time)
{
    if (!time.isValid())
        return std::nullopt;
    const qint64 ms = time.toMSecsSinceEpoch();
    ::google::protobuf::Timestamp t;
    // Floor division, so times before 1970 keep nanos in [0, 1e9).
    qint64 seconds = ms / 1000;
    qint64 rest = ms % 1000;
    if (rest < 0) {
        rest += 1000;
        --seconds;
    }
    t.set_seconds(seconds);
    t.set_nanos(int(rest * 1000000));
    return t;
}

QDateTime timestampFromWire(const ::google::protobuf::Timestamp &time)
{
    // Clamped to Timestamp's own range, 0001-01-01 to 9999-12-31: beyond it the milliseconds
    // would overflow. Clamped rather than refused, so that a bound stays a bound (a purge "up to
    // before year 1" purges nothing rather than everything).
    constexpr qint64 FirstSecond = -62'135'596'800;
    constexpr qint64 LastSecond = 253'402'300'799;
    const qint64 seconds = std::clamp<qint64>(time.seconds(), FirstSecond, LastSecond);
    const qint64 nanos = std::clamp<qint64>(time.nanos(), 0, 999'999'999);
    return QDateTime::fromMSecsSinceEpoch(seconds * 1000 + nanos / 1000000, Qt::UTC);
}

proto::TaskFailureDetails failureToWire(const FailureDetails &failure)
{
    proto::TaskFailureDetails out;
    out.set_errortype(toWire(failure.errorType));
    out.set_errormessage(toWire(failure.errorMessage));
    if (!failure.errorDetails.isEmpty())
        out.mutable_stacktrace()->set_value(toWire(failure.errorDetails));
    out.set_isnonretriable(failure.nonRetriable);
    return out;
}

FailureDetails failureFromWire(const proto::TaskFailureDetails &failure)
{
    FailureDetails out;
    out.errorType = fromWire(failure.errortype());
    out.errorMessage = fromWire(failure.errormessage());
    if (failure.has_stacktrace())
        out.errorDetails = fromWire(failure.stacktrace().value());
    out.nonRetriable = failure.isnonretriable();
    if (failure.has_innerfailure()) {
        const QByteArray inner = json::toText(failureFromWire(failure.innerfailure()).toJson());
        if (!out.errorDetails.isEmpty())
            out.errorDetails += QLatin1Char('\n');
        out.errorDetails += QStringLiteral("Inner failure: ") + QString::fromUtf8(inner);
    }
    return out;
}

proto::HistoryEvent historyEventToWire(const HistoryEvent &event, const QString &instanceId, const QString &executionId)
{
    proto::HistoryEvent out;
    out.set_eventid(event.eventId);
    setTime(event.timestamp, [&] { return out.mutable_timestamp(); });
    const QJsonObject &data = event.data;
    const QJsonValue input = data.value(key("input"));
    const QJsonValue result = data.value(key("result"));

    switch (event.type) {
    case EventType::ExecutionStarted: {
        auto *e = out.mutable_executionstarted();
        e->set_name(toWire(event.name));
        const QString version = data.value(key("version")).toString();
        if (!version.isEmpty())
            e->mutable_version()->set_value(toWire(version));
        setPayload(input, [&] { return e->mutable_input(); });
        e->mutable_orchestrationinstance()->set_instanceid(toWire(instanceId));
        if (!executionId.isEmpty())
            e->mutable_orchestrationinstance()->mutable_executionid()->set_value(toWire(executionId));
        const QString parent = data.value(key("parentInstanceId")).toString();
        if (!parent.isEmpty()) {
            auto *p = e->mutable_parentinstance();
            p->set_taskscheduledid(data.value(key("parentTaskId")).toInt(-1));
            const QString parentName = data.value(key("parentName")).toString();
            if (!parentName.isEmpty())
                p->mutable_name()->set_value(toWire(parentName));
            p->mutable_orchestrationinstance()->set_instanceid(toWire(parent));
            const QString parentExecution = data.value(key("parentExecutionId")).toString();
            if (!parentExecution.isEmpty())
                p->mutable_orchestrationinstance()->mutable_executionid()->set_value(toWire(parentExecution));
        }
        break;
    }
    case EventType::ExecutionCompleted: {
        auto *e = out.mutable_executioncompleted();
        const auto status = RuntimeStatus(data.value(key("status")).toInt(int(RuntimeStatus::Completed)));
        e->set_orchestrationstatus(statusToWire(status));
        setPayload(result, [&] { return e->mutable_result(); });
        if (auto f = failureOf(data))
            *e->mutable_failuredetails() = failureToWire(*f);
        break;
    }
    case EventType::ExecutionTerminated: {
        auto *e = out.mutable_executionterminated();
        // The terminate output: a verbatim "output" when the client gave one, else the reason
        // (a plain reason string goes out JSON-encoded, which the SDKs parse as the output).
        const QJsonValue output = data.contains(key("output")) ? data.value(key("output")) : data.value(key("reason"));
        setPayload(output, [&] { return e->mutable_input(); });
        e->set_recurse(data.value(key("recurse")).toBool());
        break;
    }
    case EventType::TaskScheduled: {
        auto *e = out.mutable_taskscheduled();
        e->set_name(toWire(event.name));
        const QString version = data.value(key("version")).toString();
        if (!version.isEmpty())
            e->mutable_version()->set_value(toWire(version));
        setPayload(input, [&] { return e->mutable_input(); });
        break;
    }
    case EventType::TaskCompleted: {
        auto *e = out.mutable_taskcompleted();
        e->set_taskscheduledid(event.taskId);
        setPayload(result, [&] { return e->mutable_result(); });
        break;
    }
    case EventType::TaskFailed: {
        auto *e = out.mutable_taskfailed();
        e->set_taskscheduledid(event.taskId);
        *e->mutable_failuredetails() = failureToWire(failureOf(data).value_or(FailureDetails {}));
        break;
    }
    case EventType::SubOrchestrationInstanceCreated: {
        auto *e = out.mutable_suborchestrationinstancecreated();
        e->set_instanceid(toWire(data.value(key("instanceId")).toString()));
        e->set_name(toWire(event.name));
        setPayload(input, [&] { return e->mutable_input(); });
        break;
    }
    case EventType::SubOrchestrationInstanceCompleted: {
        auto *e = out.mutable_suborchestrationinstancecompleted();
        e->set_taskscheduledid(event.taskId);
        setPayload(result, [&] { return e->mutable_result(); });
        break;
    }
    case EventType::SubOrchestrationInstanceFailed: {
        auto *e = out.mutable_suborchestrationinstancefailed();
        e->set_taskscheduledid(event.taskId);
        *e->mutable_failuredetails() = failureToWire(failureOf(data).value_or(FailureDetails {}));
        break;
    }
    case EventType::TimerCreated: {
        auto *e = out.mutable_timercreated();
        setTime(isoTime(data.value(key("fireAt"))), [&] { return e->mutable_fireat(); });
        break;
    }
    case EventType::TimerFired: {
        auto *e = out.mutable_timerfired();
        setTime(isoTime(data.value(key("fireAt"))), [&] { return e->mutable_fireat(); });
        e->set_timerid(event.taskId);
        break;
    }
    case EventType::OrchestratorStarted:
        out.mutable_orchestratorstarted();
        break;
    case EventType::OrchestratorCompleted:
        out.mutable_orchestratorcompleted();
        break;
    case EventType::EventSent: {
        auto *e = out.mutable_eventsent();
        e->set_instanceid(toWire(data.value(key("instanceId")).toString()));
        e->set_name(toWire(event.name));
        setPayload(input, [&] { return e->mutable_input(); });
        break;
    }
    case EventType::EventRaised: {
        auto *e = out.mutable_eventraised();
        e->set_name(toWire(event.name));
        setPayload(input, [&] { return e->mutable_input(); });
        break;
    }
    case EventType::ContinueAsNew: {
        auto *e = out.mutable_continueasnew();
        setPayload(input, [&] { return e->mutable_input(); });
        break;
    }
    case EventType::GenericEvent: {
        auto *e = out.mutable_genericevent();
        if (!data.isEmpty())
            e->mutable_data()->set_value(json::toText(data).toStdString());
        break;
    }
    case EventType::ExecutionSuspended:
    case EventType::ExecutionResumed: {
        // The reason as the client sent it (plain text, not JSON).
        auto *e = event.type == EventType::ExecutionSuspended ? out.mutable_executionsuspended()->mutable_input()
                                                              : out.mutable_executionresumed()->mutable_input();
        e->set_value(toWire(data.value(key("reason")).toString()));
        break;
    }
    case EventType::ExecutionRewound: {
        const QString reason = data.value(key("reason")).toString();
        auto *e = out.mutable_executionrewound();
        if (!reason.isEmpty())
            e->mutable_reason()->set_value(toWire(reason));
        break;
    }
    }
    return out;
}

proto::WorkItem workItemToWire(const RemoteItem &item)
{
    proto::WorkItem out;
    out.set_completiontoken(tokenToWire(item.token));
    if (const auto *o = std::get_if<RemoteOrchestratorItem>(&item.item)) {
        auto *r = out.mutable_orchestratorrequest();
        r->set_instanceid(toWire(o->instanceId));
        if (!o->executionId.isEmpty())
            r->mutable_executionid()->set_value(toWire(o->executionId));
        for (const auto &e : o->pastEvents)
            *r->add_pastevents() = historyEventToWire(e, o->instanceId, o->executionId);
        for (const auto &e : o->newEvents)
            *r->add_newevents() = historyEventToWire(e, o->instanceId, o->executionId);
    } else {
        const auto &a = std::get<RemoteActivityItem>(item.item);
        auto *r = out.mutable_activityrequest();
        r->set_name(toWire(a.name));
        setPayload(a.input, [&] { return r->mutable_input(); });
        r->mutable_orchestrationinstance()->set_instanceid(toWire(a.instanceId));
        if (!a.executionId.isEmpty())
            r->mutable_orchestrationinstance()->mutable_executionid()->set_value(toWire(a.executionId));
        r->set_taskid(a.taskId);
    }
    return out;
}

Result<RemoteOrchestratorResult> orchestratorResultFromWire(const proto::OrchestratorResponse &response)
{
    RemoteOrchestratorResult out;
    auto token = tokenFromWire(response.completiontoken());
    if (!token)
        return std::unexpected(token.error());
    out.token = *token;
    out.instanceId = fromWire(response.instanceid());
    if (response.has_customstatus())
        out.customStatus = payloadFromWire(true, response.customstatus());

    for (const auto &a : response.actions()) {
        if (out.outcome)
            break; // nothing runs after the orchestration completed
        Action action;
        action.id = a.id();
        switch (a.orchestratorActionType_case()) {
        case proto::OrchestratorAction::kScheduleTask:
            action.kind = Action::Kind::ScheduleTask;
            action.name = fromWire(a.scheduletask().name());
            action.input = payloadFromWire(a.scheduletask().has_input(), a.scheduletask().input());
            out.actions.append(action);
            break;
        case proto::OrchestratorAction::kCreateTimer:
            action.kind = Action::Kind::CreateTimer;
            if (!a.createtimer().has_fireat())
                return fail(ErrorCode::InvalidArgument,
                            QStringLiteral("createTimer action %1 has no fireAt").arg(a.id()));
            action.fireAt = timestampFromWire(a.createtimer().fireat());
            out.actions.append(action);
            break;
        case proto::OrchestratorAction::kCreateSubOrchestration: {
            const auto &c = a.createsuborchestration();
            action.kind = Action::Kind::CreateSubOrchestration;
            action.instanceId = fromWire(c.instanceid());
            action.name = fromWire(c.name());
            action.input = payloadFromWire(c.has_input(), c.input());
            out.actions.append(action);
            break;
        }
        case proto::OrchestratorAction::kSendEvent: {
            const auto &s = a.sendevent();
            action.kind = Action::Kind::SendEvent;
            action.instanceId = fromWire(s.instance().instanceid());
            action.name = fromWire(s.name());
            action.input = payloadFromWire(s.has_data(), s.data());
            out.actions.append(action);
            break;
        }
        case proto::OrchestratorAction::kCompleteOrchestration: {
            const auto &c = a.completeorchestration();
            Outcome outcome;
            switch (c.orchestrationstatus()) {
            case proto::ORCHESTRATION_STATUS_COMPLETED:
                outcome.status = RuntimeStatus::Completed;
                outcome.output = payloadFromWire(c.has_result(), c.result());
                break;
            case proto::ORCHESTRATION_STATUS_TERMINATED:
                outcome.status = RuntimeStatus::Terminated;
                outcome.output = payloadFromWire(c.has_result(), c.result());
                break;
            case proto::ORCHESTRATION_STATUS_FAILED:
                outcome.status = RuntimeStatus::Failed;
                outcome.failure = c.has_failuredetails()
                    ? failureFromWire(c.failuredetails())
                    : FailureDetails { QStringLiteral("OrchestrationFailed"),
                                       QStringLiteral("the worker reported a failure without details"),
                                       {},
                                       false };
                break;
            case proto::ORCHESTRATION_STATUS_CONTINUED_AS_NEW:
                outcome.status = RuntimeStatus::ContinuedAsNew;
                outcome.continueInput = payloadFromWire(c.has_result(), c.result());
                for (const auto &e : c.carryoverevents()) {
                    if (!e.has_eventraised())
                        return fail(ErrorCode::InvalidArgument,
                                    QStringLiteral("only EventRaised events can be carried over a continue-as-new"));
                    HistoryEvent carried;
                    carried.type = EventType::EventRaised;
                    carried.name = fromWire(e.eventraised().name());
                    const QJsonValue input = payloadFromWire(e.eventraised().has_input(), e.eventraised().input());
                    if (!input.isUndefined())
                        carried.data.insert(key("input"), input);
                    if (e.has_timestamp())
                        carried.timestamp = timestampFromWire(e.timestamp());
                    outcome.carriedEvents.append(carried);
                }
                break;
            default:
                return fail(ErrorCode::InvalidArgument,
                            QStringLiteral("completeOrchestration with unsupported status %1")
                                .arg(int(c.orchestrationstatus())));
            }
            out.outcome = std::move(outcome);
            break;
        }
        case proto::OrchestratorAction::kTerminateOrchestration: {
            const auto &t = a.terminateorchestration();
            out.terminations.append(RemoteTermination {
                fromWire(t.instanceid()),
                t.has_reason() ? payloadOf(t.reason().value()) : QJsonValue(QJsonValue::Undefined), t.recurse() });
            break;
        }
        case proto::OrchestratorAction::kSendEntityMessage:
            return fail(ErrorCode::InvalidArgument, QStringLiteral("entities are not supported by Durable Workbench"));
        case proto::OrchestratorAction::kRewindOrchestration:
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("rewindOrchestration actions are not supported by Durable Workbench"));
        case proto::OrchestratorAction::ORCHESTRATORACTIONTYPE_NOT_SET:
            return fail(ErrorCode::InvalidArgument, QStringLiteral("action %1 has no type").arg(a.id()));
        }
    }
    return out;
}

Result<RemoteActivityResult> activityResultFromWire(const proto::ActivityResponse &response)
{
    RemoteActivityResult out;
    auto token = tokenFromWire(response.completiontoken());
    if (!token)
        return std::unexpected(token.error());
    out.token = *token;
    out.instanceId = fromWire(response.instanceid());
    out.taskId = response.taskid();
    if (response.has_failuredetails()) {
        out.succeeded = false;
        out.failure = failureFromWire(response.failuredetails());
    } else {
        out.result = payloadFromWire(response.has_result(), response.result());
    }
    return out;
}

proto::OrchestrationState instanceToWire(const InstanceInfo &info)
{
    proto::OrchestrationState out;
    out.set_instanceid(toWire(info.instanceId));
    out.set_name(toWire(info.name));
    if (!info.version.isEmpty())
        out.mutable_version()->set_value(toWire(info.version));
    out.set_orchestrationstatus(statusToWire(info.status));
    setTime(info.createdAt, [&] { return out.mutable_createdtimestamp(); });
    setTime(info.lastUpdatedAt, [&] { return out.mutable_lastupdatedtimestamp(); });
    setTime(info.completedAt, [&] { return out.mutable_completedtimestamp(); });
    setPayload(info.input, [&] { return out.mutable_input(); });
    // A failed instance has failure details, never an output (the SDKs read one as a result).
    if (info.status != RuntimeStatus::Failed)
        setPayload(info.output, [&] { return out.mutable_output(); });
    setPayload(info.customStatus, [&] { return out.mutable_customstatus(); });
    if (info.status == RuntimeStatus::Failed && info.failure)
        *out.mutable_failuredetails() = failureToWire(*info.failure);
    if (!info.executionId.isEmpty())
        out.mutable_executionid()->set_value(toWire(info.executionId));
    if (!info.parentInstanceId.isEmpty())
        out.mutable_parentinstanceid()->set_value(toWire(info.parentInstanceId));
    return out;
}

Result<quint64> tokenFromWire(const std::string &token)
{
    if (token.empty())
        return quint64(0);
    quint64 value = 0;
    const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
    if (ec != std::errc() || end != token.data() + token.size())
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("malformed completion token '%1'").arg(fromWire(token).left(40)));
    return value;
}

std::string tokenToWire(quint64 token)
{
    return token ? std::to_string(token) : std::string();
}

::grpc::Status statusFromError(const Error &error)
{
    ::grpc::StatusCode code = ::grpc::StatusCode::INTERNAL;
    switch (error.code) {
    case ErrorCode::NotFound:
        code = ::grpc::StatusCode::NOT_FOUND;
        break;
    case ErrorCode::AlreadyExists:
        code = ::grpc::StatusCode::ALREADY_EXISTS;
        break;
    case ErrorCode::InvalidArgument:
    case ErrorCode::PayloadTooLarge:
    case ErrorCode::UnknownOrchestrator:
        code = ::grpc::StatusCode::INVALID_ARGUMENT;
        break;
    case ErrorCode::FailedPrecondition:
        code = ::grpc::StatusCode::FAILED_PRECONDITION;
        break;
    case ErrorCode::Busy:
    case ErrorCode::Shutdown:
    case ErrorCode::Damaged:
        code = ::grpc::StatusCode::UNAVAILABLE;
        break;
    case ErrorCode::Cancelled:
        code = ::grpc::StatusCode::CANCELLED;
        break;
    case ErrorCode::Storage:
    case ErrorCode::Corrupt:
    case ErrorCode::SchemaTooNew:
    case ErrorCode::ReadOnly:
        break;
    }
    return ::grpc::Status(code, error.message.toStdString());
}

} // namespace durable::grpc
