// durable-bench --workers N: the same task hub worked by N separate worker processes (this program
// re-executed with --worker-of), the workload started and timed from a client process that runs no
// workers. On a PostgreSQL hub every worker runs activities and episodes; on a SQLite hub one of
// them owns the workers and the rest wait as standbys. Workloads: fanout-sleep (activities of
// 20 ms of sleep), fanout (0 ms), instances (3 chained activities each), sequential (a chain),
// limit (the server's own durable-step limit at 1 and 100 steps per transaction).
#pragma once

#include "types.h"

#include <QString>
#include <QStringList>

namespace bench {

struct MultiWorkerOptions {
    QString hub; ///< a postgresql:// URL, or a directory for SQLite hub files
    QString self; ///< this program, re-executed as each worker
    int workers = 1;
    int threads = 8; ///< activity threads per worker
    QStringList workloads;
    int n = -1; ///< size of each workload; -1: its default
    int repeat = 1;
    int limitSteps = 5000; ///< the limit runs limitSteps / 2 steps one per transaction, 4 × limitSteps batched
    bool json = false;
    QString syncName = QStringLiteral("full");
};

/// Workload names --workers accepts.
QStringList multiWorkerWorkloads();
/// Runs the workloads, prints a line (or a JSON object) per workload; the process's exit code.
int runMultiWorker(const MultiWorkerOptions &options);
/// The worker side: opens `hub` with workers, runs until standard input closes, then prints
/// "executed N" (activity executions in this process) and exits.
int runBenchWorker(const QString &hub, int threads, durable::SyncMode sync);

} // namespace bench
