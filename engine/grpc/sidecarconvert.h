#pragma once

// Conversions between the engine's types and the sidecar protocol's messages. Pure functions, no
// engine calls. Only this header and sidecarserver.cpp see the generated protobuf types; the
// engine and the GUI never do.
//
// Payload rule: every payload an SDK sends (input, result, output, event data, custom status,
// terminate output) enters the engine as a verbatim payload (json::verbatim), so it is stored and
// returned byte for byte; an unset StringValue becomes Undefined and an empty one stays an empty
// verbatim payload. Every payload sent back is json::payloadText(value); when that text is empty
// (Undefined, or an empty payload) the StringValue stays unset, as the SDKs send it.

#include "error.h"
#include "remotework.h"
#include "types.h"

#include "sidecar_messages.pb.h"

#include <grpcpp/support/status.h>

#include <optional>
#include <string>

namespace durable::grpc {

namespace proto = ::durable::sidecar;

/// An SDK payload as an engine value: unset → Undefined, set → a verbatim payload of its text.
QJsonValue payloadFromWire(bool present, const ::google::protobuf::StringValue &value);
/// The text to send for an engine payload; nullopt when the StringValue must stay unset.
std::optional<std::string> payloadToWire(const QJsonValue &value);

/// Milliseconds precision both ways; an invalid date gives nullopt (leave the field unset).
std::optional<::google::protobuf::Timestamp> timestampToWire(const QDateTime &time);
/// A Timestamp outside its valid range (years 1 to 9999, nanos 0 to 999,999,999) is clamped to it.
QDateTime timestampFromWire(const ::google::protobuf::Timestamp &time);

/// Engine failure → wire: errorDetails travels as stackTrace (unset when empty); divergence
/// details are not sent (the message already describes them).
proto::TaskFailureDetails failureToWire(const FailureDetails &failure);
/// Wire failure → engine. The engine has no nested failures: an innerFailure (recursively
/// converted) is appended to errorDetails as a line "Inner failure: <compact JSON of its
/// FailureDetails::toJson()>", after the stack trace if there is one.
FailureDetails failureFromWire(const proto::TaskFailureDetails &failure);

/// One engine history event of instance `instanceId`, execution `executionId` (both needed for
/// ExecutionStarted, which names its instance). Every EventType has a wire case; keys of `data`
/// used: input, result, failure, fireAt, instanceId, status, version, reason (the terminate
/// output, sent as its payload text; the suspend/resume/rewind reason, sent as plain text),
/// parentInstanceId/parentTaskId (and parentName/parentExecutionId when present). The custom
/// status on OrchestratorCompleted is dropped (that wire event has no fields). GenericEvent sends
/// its data object as compact JSON.
proto::HistoryEvent historyEventToWire(const HistoryEvent &event, const QString &instanceId,
                                       const QString &executionId);

/// A work item for the GetWorkItems stream. The completion token travels as decimal text.
proto::WorkItem workItemToWire(const RemoteItem &item);

/// An orchestration step's answer. Scheduling actions become Actions (in the order sent),
/// completeOrchestration the Outcome (COMPLETED, FAILED, TERMINATED, CONTINUED_AS_NEW; for the
/// last, `result` is the new input and every carryover EventRaised becomes an engine EventRaised
/// {name, data {"input": verbatim}}); actions after the completion are dropped, as the SDKs
/// expect. terminateOrchestration becomes a RemoteTermination whose reason is the SDK's text as
/// sent (JSON text from the SDKs). Entity and rewind actions, other
/// completion statuses, other carryover event types and malformed tokens are InvalidArgument.
Result<RemoteOrchestratorResult> orchestratorResultFromWire(const proto::OrchestratorResponse &response);
/// An activity's answer: failureDetails set → failed, else succeeded with `result` (verbatim).
Result<RemoteActivityResult> activityResultFromWire(const proto::ActivityResponse &response);

/// Instance state for clients. failureDetails only for FAILED; payloads are sent only when the
/// snapshot holds them (InstanceInfo leaves them Undefined when not requested).
proto::OrchestrationState instanceToWire(const InstanceInfo &info);

/// Completion tokens: decimal text of the engine's token; empty → 0 (none sent). Anything that is
/// not a decimal number is InvalidArgument.
Result<quint64> tokenFromWire(const std::string &token);
std::string tokenToWire(quint64 token);

/// The engine's error as a gRPC status: NotFound → NOT_FOUND, AlreadyExists → ALREADY_EXISTS,
/// InvalidArgument/PayloadTooLarge/UnknownOrchestrator → INVALID_ARGUMENT, FailedPrecondition →
/// FAILED_PRECONDITION, Busy/Shutdown → UNAVAILABLE, anything else INTERNAL; the engine's message.
::grpc::Status statusFromError(const Error &error);

/// QString ↔ protobuf string (UTF-8).
inline QString fromWire(const std::string &s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}
inline std::string toWire(const QString &s)
{
    return s.toStdString();
}

} // namespace durable::grpc
