// Worker process for tst_crash: runs one orchestration on a hub until it completes (or is killed).
// Every real activity execution appends "<taskId>\n" to a side file, so the test can count them.
// Usage: durable-crashworker HUB fanout|chain N SIDEFILE
#include "engine.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QThread>

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>

using namespace durable;

namespace {
int sideFile = -1;

void record(int taskId)
{
    const QByteArray line = QByteArray::number(taskId) + '\n';
    // O_APPEND writes of a few bytes are atomic; fsync so a SIGKILL cannot lose a line.
    if (::write(sideFile, line.constData(), size_t(line.size())) < 0)
        std::perror("write");
    ::fsync(sideFile);
}

Task<QJsonValue> fanout(OrchestrationContext &ctx)
{
    const int n = ctx.input().toInt();
    std::vector<Future> tasks;
    for (int i = 1; i <= n; ++i)
        tasks.push_back(ctx.callActivity(QStringLiteral("Work"), i));
    co_await whenAll(tasks);
    double sum = 0;
    for (const auto &t : tasks)
        sum += t.result().toDouble();
    co_return sum;
}

Task<QJsonValue> chain(OrchestrationContext &ctx)
{
    double value = 0;
    for (int i = 1; i <= ctx.input().toInt(); ++i)
        value = (co_await ctx.callActivity(QStringLiteral("Step"), value)).toDouble();
    co_return value;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const auto args = app.arguments();
    if (args.size() != 5) {
        std::fprintf(stderr, "usage: durable-crashworker HUB fanout|chain N SIDEFILE\n");
        return 64;
    }
    sideFile = ::open(args.at(4).toLocal8Bit().constData(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    Registry registry;
    registry.addOrchestrator(QStringLiteral("CrashFanout"), fanout);
    registry.addOrchestrator(QStringLiteral("CrashChain"), chain);
    registry.addActivity(QStringLiteral("Work"), [](ActivityContext &c, const QJsonValue &x) -> QJsonValue {
        QThread::msleep(2);
        record(c.taskId());
        return x.toDouble() * x.toDouble();
    });
    registry.addActivity(QStringLiteral("Step"), [](ActivityContext &c, const QJsonValue &v) -> QJsonValue {
        record(c.taskId());
        return v.toDouble() + 1;
    });
    EngineOptions options;
    options.hubPath = args.at(1);
    options.activityThreads = 4;
    auto engine = Engine::open(options, registry);
    if (!engine) {
        std::fprintf(stderr, "open: %s\n", qPrintable(engine.error().message));
        return 2;
    }
    const QString id = QStringLiteral("crash");
    auto status = (*engine)->status(id).result();
    if (!status) {
        Client::StartOptions o;
        o.instanceId = id;
        const QString name
            = args.at(2) == QLatin1String("chain") ? QStringLiteral("CrashChain") : QStringLiteral("CrashFanout");
        auto started = (*engine)->start(name, args.at(3).toInt(), o).result();
        if (!started) {
            std::fprintf(stderr, "start: %s\n", qPrintable(started.error().message));
            return 3;
        }
    }
    auto done = (*engine)->waitForCompletion(id, 300000).result();
    if (!done) {
        std::fprintf(stderr, "wait: %s\n", qPrintable(done.error().message));
        return 4;
    }
    std::printf("%s %.0f\n", qPrintable(statusName(done->status)), done->output.toDouble());
    return 0;
}
