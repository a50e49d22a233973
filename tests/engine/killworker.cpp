// Worker process for tst_kill: owns a hub and runs the kill suite's workload until it is killed.
// Every real activity execution appends "<key>\n" to a side file (O_APPEND, fsync'ed, so a
// SIGKILL loses no line), so the test can count executions per scheduled task.
// Usage: durable-killworker HUB SIDEFILE
#include "killworkload.h"

#include <QCoreApplication>

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const auto args = app.arguments();
    if (args.size() != 3) {
        std::fprintf(stderr, "usage: durable-killworker HUB SIDEFILE\n");
        return 64;
    }
    const int side = ::open(args.at(2).toLocal8Bit().constData(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (side < 0) {
        std::perror("open side file");
        return 2;
    }
    durable::Registry registry;
    killsuite::registerWorkload(registry, [side](const QString &key) {
        const QByteArray line = key.toUtf8() + '\n';
        if (::write(side, line.constData(), size_t(line.size())) < 0)
            std::perror("write");
        ::fsync(side);
    });
    durable::EngineOptions options;
    options.hubPath = args.at(1);
    options.activityThreads = 4;
    options.pollIntervalMs = 50; // events raised by the test arrive sooner
    auto engine = durable::Engine::open(options, registry);
    if (!engine) {
        std::fprintf(stderr, "open: %s\n", qPrintable(engine.error().message));
        return 2;
    }
    QObject::connect(engine->get(), &durable::HubClient::backgroundError, &app, [](const durable::Error &error) {
        std::fprintf(stderr, "background: %s\n", qPrintable(error.message));
    });
    std::printf("ready\n");
    std::fflush(stdout);
    return app.exec();
}
