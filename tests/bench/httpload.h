// The http-load workload of durable-bench: the headless workbench as a user runs it, driven by
// concurrent keep-alive HTTP clients for a bounded time, then checked for anything lost or doubled.
#pragma once

#include <QByteArray>
#include <QString>

#include <expected>

class QProcess;

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

/// The headless app serving HTTP on a fresh hub file `hubName` in `dir`.
struct Headless {
    QString base; ///< http://127.0.0.1:PORT
    QByteArray key; ///< the API key
};
/// Starts `exe --headless` in `app` and waits for its HTTP API; the error says what went wrong.
std::expected<Headless, QString> startHeadless(QProcess &app, const QString &exe, const QString &dir,
                                               const QString &hubName, bool fullSync);
/// Terminates the app started by startHeadless(); false when it did not end cleanly.
bool stopHeadless(QProcess &app);

} // namespace bench
