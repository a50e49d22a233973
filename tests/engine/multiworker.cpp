// Worker process for tst_multiworker: one of N workers sharing a PostgreSQL hub. Runs the
// multi-worker workload (multiworkload.h) until its standard input closes, then shuts down
// gracefully. Every activity execution is recorded in the side table before it sleeps. Says
// "ready" once the engine is open; on stderr every background error (a lost session reads
// "another process took over this hub's workers ..."); at exit "executed N" on stdout.
// Usage: durable-multiworker HUB_URL LEASE_MS THREADS
#include "multiworkload.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <unistd.h>

#include <atomic>
#include <cstdio>

using namespace durable;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const auto args = app.arguments();
    if (args.size() != 4) {
        std::fprintf(stderr, "usage: durable-multiworker HUB_URL LEASE_MS THREADS\n");
        return 64;
    }
    const QString hub = args.at(1);
    const QString insert = QStringLiteral("INSERT INTO %1 (instance_id, execution_id, task_id, attempt, pid) "
                                          "VALUES ($1, $2, $3, $4, $5)")
                               .arg(multiworker::executionsTable(hub));
    const QString pid = QString::number(::getpid());
    std::atomic<qint64> executed = 0;
    Registry registry;
    multiworker::registerWorkload(registry, [&](const ActivityContext &c) {
        // One connection per activity thread, each insert its own autocommit: a record survives
        // a SIGKILL of this process right after it.
        thread_local multiworker::PgConnection side(hub);
        if (!side.query(
                insert,
                { c.instanceId(), c.executionId(), QString::number(c.taskId()), QString::number(c.attempt()), pid })) {
            std::fprintf(stderr, "record: %s\n", qPrintable(side.lastError()));
            std::fflush(stderr);
        }
        ++executed;
    });
    EngineOptions options;
    options.hubPath = hub;
    options.ownerLeaseMs = args.at(2).toInt();
    options.activityThreads = args.at(3).toInt();
    options.pollIntervalMs = 50;
    auto engine = Engine::open(options, registry);
    if (!engine) {
        std::fprintf(stderr, "open: %s\n", qPrintable(engine.error().message));
        return 2;
    }
    QObject::connect(engine->get(), &HubClient::backgroundError, &app, [](const Error &error) {
        std::fprintf(stderr, "background: %s\n", qPrintable(error.message));
        std::fflush(stderr);
    });
    // The test ends a worker gracefully by closing its standard input.
    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&input, &QSocketNotifier::activated, &app, [&input] {
        char buffer[256];
        if (::read(STDIN_FILENO, buffer, sizeof buffer) <= 0) {
            input.setEnabled(false);
            QCoreApplication::quit();
        }
    });
    std::printf("ready\n");
    std::fflush(stdout);
    const int code = app.exec();
    engine->reset(); // the graceful shutdown: results checkpointed, the session closed
    std::printf("executed %lld\n", qlonglong(executed.load()));
    std::fflush(stdout);
    return code;
}
