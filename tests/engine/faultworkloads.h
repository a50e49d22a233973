#pragma once

// The workloads of engine.faults: orchestrators and activities that record every real activity
// execution in a side file, client calls in order, and what must hold once they are done.

#include "engine.h"
#include "enginefixture.h"

#include <QDeadlineTimer>
#include <QFuture>
#include <QSet>
#include <QTest>

#include <atomic>
#include <functional>

namespace faults {

/// The side file (an O_APPEND descriptor): every real activity execution appends "<key> <phase>",
/// the key being "instance|activity|input".
extern int sideFile;
/// 1 while faults are injected, 2 after the reopen without faults.
extern std::atomic<int> phase;
/// A second connection to the hub that does not run workers, as another process's would be: its
/// commands commit in their own transactions and leave the owner's page cache stale.
extern durable::Engine *client;
/// Parts of a compound call that succeeded in this run: a retry after the reopen does only the
/// rest, as a client that knows which answer it got would.
extern QSet<QString> succeeded;

void registerAll(durable::Registry &registry);

/// Client calls made against a future with a deadline, so a hung engine fails the test instead
/// of blocking it.
using testing::await;

struct Call {
    QString what;
    std::function<durable::Status(durable::Engine &)> run;
    /// Codes a retry after the reopen may get because the first try committed although its
    /// caller saw an error (a failed sync after the commit record was written).
    QList<durable::ErrorCode> retryMayFind;
};

struct Expect {
    QString instanceId;
    durable::RuntimeStatus status = durable::RuntimeStatus::Completed;
    QJsonValue output;
    bool purged = false;
};

struct Workload {
    QString name;
    QList<Call> calls;
    QList<Expect> expects;
    /// Faults start before Engine::open (the migration of a fresh hub) instead of after it.
    bool faultInOpen = false;
    /// Checks beyond instance outcomes (stored scripts); empty string: fine.
    std::function<QString(durable::Engine &)> extra;
    /// A client engine (runWorkers = false) is open next to the owner (`client`).
    bool withClient = false;
};

/// A 20-step chain, a 50-activity fan-out, raise/suspend/resume/terminate/purge, commands from a
/// client connection, continue-as-new, a script save, opening a new hub.
QList<Workload> workloads();

} // namespace faults
