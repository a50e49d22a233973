// gRPC message decoding: the first byte picks a request message, the rest is parsed as its wire
// bytes and converted as the sidecar server converts it.
#include "fuzzcommon.h"
#include "sidecarconvert.h"

#include <google/protobuf/stubs/logging.h>

#include <cstddef>
#include <cstdint>

using namespace durable;
using namespace durable::grpc;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    // Invalid UTF-8 in a string field is a parse failure the target expects; protobuf's log line
    // for each would drown the fuzzer's own output.
    google::protobuf::SetLogHandler([](google::protobuf::LogLevel, const char *, int, const std::string &) {});
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const void *bytes = data + 1;
    const int length = int(size - 1);
    switch (data[0] % 5) {
    case 0: {
        proto::OrchestratorResponse message;
        if (message.ParseFromArray(bytes, length))
            (void)orchestratorResultFromWire(message);
        break;
    }
    case 1: {
        proto::ActivityResponse message;
        if (message.ParseFromArray(bytes, length))
            (void)activityResultFromWire(message);
        break;
    }
    case 2: {
        proto::CreateInstanceRequest message;
        if (!message.ParseFromArray(bytes, length))
            break;
        (void)fromWire(message.name());
        (void)fromWire(message.instanceid());
        (void)payloadFromWire(message.has_input(), message.input());
        if (message.has_scheduledstarttimestamp())
            (void)timestampToWire(timestampFromWire(message.scheduledstarttimestamp()));
        break;
    }
    case 3: {
        proto::TaskFailureDetails message;
        if (message.ParseFromArray(bytes, length)) {
            const FailureDetails failure = failureFromWire(message);
            (void)failureToWire(failure);
        }
        break;
    }
    default: {
        const std::string token(reinterpret_cast<const char *>(bytes), size_t(length));
        if (const auto parsed = tokenFromWire(token); parsed && !token.empty()) {
            const auto again = tokenFromWire(tokenToWire(*parsed));
            fuzz::require(again && *again == *parsed, "completion token round trip");
        }
        break;
    }
    }
    return 0;
}
