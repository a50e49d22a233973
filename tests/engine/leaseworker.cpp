// Worker process for tst_takeover: runs a fan-out of slow activities on a hub with a short owner
// lease, and says on stdout when it holds the workers ("owner"), loses them ("lost") and how the
// instance ended. Every activity start appends "<pid> <taskId>" to a side file.
// Usage: durable-leaseworker HUB N SIDEFILE LEASE_MS
#include "engine.h"

#include <QCoreApplication>
#include <QThread>

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>

using namespace durable;

namespace {
int sideFile = -1;

void say(const char *line)
{
    std::printf("%s\n", line);
    std::fflush(stdout);
}

Task<QJsonValue> fan(OrchestrationContext &ctx)
{
    std::vector<Future> tasks;
    for (int i = 1; i <= ctx.input().toInt(); ++i)
        tasks.push_back(ctx.callActivity(QStringLiteral("Slow"), i));
    co_await whenAll(tasks);
    double sum = 0;
    for (const auto &t : tasks)
        sum += t.result().toDouble();
    co_return sum;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const auto args = app.arguments();
    if (args.size() != 5) {
        std::fprintf(stderr, "usage: durable-leaseworker HUB N SIDEFILE LEASE_MS\n");
        return 64;
    }
    sideFile = ::open(args.at(3).toLocal8Bit().constData(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    Registry registry;
    registry.addOrchestrator(QStringLiteral("Fan"), fan);
    registry.addActivity(QStringLiteral("Slow"), [](ActivityContext &c, const QJsonValue &x) -> QJsonValue {
        const QByteArray line = QByteArray::number(qint64(::getpid())) + ' ' + QByteArray::number(c.taskId()) + '\n';
        if (::write(sideFile, line.constData(), size_t(line.size())) < 0) // O_APPEND: one atomic line
            std::perror("write");
        QThread::msleep(10);
        return x;
    });
    EngineOptions options;
    options.hubPath = args.at(1);
    options.activityThreads = 4;
    options.ownerLeaseMs = args.at(4).toInt();
    auto engine = Engine::open(options, registry);
    if (!engine) {
        std::fprintf(stderr, "open: %s\n", qPrintable(engine.error().message));
        return 2;
    }
    Engine *e = engine->get();
    QObject::connect(e, &HubClient::workersChanged, &app, [e] { say(e->ownsWorkers() ? "owner" : "lost"); });
    QObject::connect(e, &HubClient::backgroundError, &app, [](const Error &error) {
        std::fprintf(stderr, "background: %s\n", qPrintable(error.message));
        std::fflush(stderr);
    });
    if (e->ownsWorkers())
        say("owner");
    const QString id = QStringLiteral("fan");
    const auto wait = [e, id] {
        e->waitForCompletion(id, 300000).then(qApp, [](const Result<InstanceInfo> &done) {
            if (!done) {
                std::fprintf(stderr, "wait: %s\n", qPrintable(done.error().message));
                QCoreApplication::exit(4);
                return;
            }
            std::printf("%s %.0f\n", qPrintable(statusName(done->status)), done->output.toDouble());
            QCoreApplication::exit(0);
        });
    };
    // The event loop runs throughout, so the engine's notifications reach this thread.
    e->status(id).then(&app, [e, id, n = args.at(2).toInt(), wait](const Result<InstanceInfo> &existing) {
        if (existing) {
            wait();
            return;
        }
        Client::StartOptions o;
        o.instanceId = id;
        e->start(QStringLiteral("Fan"), n, o).then(qApp, [wait](const Result<QString> &started) {
            if (!started) {
                std::fprintf(stderr, "start: %s\n", qPrintable(started.error().message));
                QCoreApplication::exit(3);
                return;
            }
            wait();
        });
    });
    return app.exec();
}
