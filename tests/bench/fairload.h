// Two durable-bench workloads that are about latency rather than a rate alone:
// - fair: a chain's step latency while a large fan-out of short sleeping activities runs, against
//   the chain alone, and the fan-out's rate with and without the chain (the cost of fairness);
// - http-chains: sample chains (FunctionChaining) started and awaited through the HTTP API by
//   concurrent clients against the real headless app, and the same chains in-process.
#pragma once

#include "engine.h"

#include <QString>

namespace bench {

struct FairOptions {
    QString dir; ///< where the hub files go
    durable::SyncMode sync = durable::SyncMode::Full;
    QString syncName;
    int fanout = 10000; ///< activities of the fan-out
    int activityMs = 10; ///< what each fan-out activity sleeps
    int chainSteps = 100;
    int threads = 8; ///< activity threads
    int repeat = 1;
    bool json = false;
};

/// Each repeat runs the chain alone, the fan-out alone, then the fan-out with the chain started
/// once the fan-out's activities run; prints medians (and min–max) over the repeats. Returns 0, or
/// 1 when an instance did not complete.
int runFair(const FairOptions &options);

struct HttpChainsOptions {
    QString app; ///< the durable-workbench executable
    QString dir;
    bool fullSync = true;
    int chains = 2000; ///< in total, per path
    int clients = 32;
    int repeat = 1;
    bool json = false;
};

/// Per repeat: the chains in-process (the same engine options, `clients` concurrent callers that
/// start one and wait for it), then through the headless app's HTTP API (start with a wait for
/// completion, one request per chain). Prints starts/s, p50/p99 start-to-completion latency and
/// the ratio of the two rates. Returns 1 when a chain did not complete with its exact output.
int runHttpChains(const HttpChainsOptions &options);

} // namespace bench
