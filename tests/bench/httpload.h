// The http-load workload of durable-bench: the headless workbench as a user runs it, driven by
// concurrent keep-alive HTTP clients for a bounded time, then checked for anything lost or doubled.
#pragma once

#include <QString>

namespace bench {

struct HttpLoadOptions {
    QString app; ///< the durable-workbench executable
    QString dir; ///< where the hub and the key file go
    int clients = 32;
    double seconds = 10;
    bool fullSync = true;
    bool json = false;
};

/// Runs the load, prints throughput and p50/p99 latency per request kind, then checks that every
/// 202'd start exists and ended as it should (chains with their exact output, approvals with the
/// raised answer and exactly one EventRaised, terminated ones Terminated, purged ones gone) and
/// that the hub holds no instance nobody started. Returns 0 when everything holds; otherwise
/// prints each violation as "http-load: error: ..." on stderr and returns 1.
int runHttpLoad(const HttpLoadOptions &options);

} // namespace bench
