#pragma once

#include "registry.h"

namespace durable::samples {

/// Registers the seed's five patterns and two extras, with their activities:
/// FunctionChaining, FanOutFanIn, AsyncHttpApi, Monitor, Approval, SubOrchestrationWithRetry (with
/// its child RetryChild) and Eternal. Names and behaviour are relied on by the GUI, the HTTP API
/// and the tests; see README.md.
void registerAll(Registry &registry);

/// The approval event name the Approval sample waits for.
inline constexpr auto ApprovalEventName = "ApprovalEvent";

} // namespace durable::samples
