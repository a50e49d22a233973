#pragma once

// Orchestrations for the comparison and parent/child tests: real code on a real engine, whose
// runs differ by their instance id only (same input), so that what differs is what the test made
// differ.

#include <engine.h>
#include <orchestration.h>

#include <QJsonArray>
#include <QThread>

#include <vector>

namespace durable::testing {

using namespace std::chrono_literals;

inline Task<QJsonValue> chain3(OrchestrationContext &ctx)
{
    const QJsonValue prepared = co_await ctx.callActivity(QStringLiteral("Prepare"), ctx.input());
    const QJsonValue worked = co_await ctx.callActivity(QStringLiteral("Work"), prepared);
    co_return co_await ctx.callActivity(QStringLiteral("Finish"), worked);
}

inline Task<QJsonValue> parent2(OrchestrationContext &ctx)
{
    const QString a = ctx.instanceId() + u"-a";
    const QString b = ctx.instanceId() + u"-b";
    std::vector<Future> children;
    children.push_back(ctx.callSubOrchestrator(QStringLiteral("Chain3"), ctx.input(), a));
    children.push_back(ctx.callSubOrchestrator(QStringLiteral("Chain3"), ctx.input(), b));
    co_await whenAll(children);
    const QJsonArray both { children.at(0).result(), children.at(1).result() };
    co_return co_await ctx.callActivity(QStringLiteral("Merge"), both);
}

inline Task<QJsonValue> grand(OrchestrationContext &ctx)
{
    const QString child = ctx.instanceId() + u"-p";
    co_return co_await ctx.callSubOrchestrator(QStringLiteral("Parent2"), ctx.input(), child);
}

/// "Chain3": Prepare → Work → Finish. Work fails when the instance id contains "fail", takes
/// 600 ms when it contains "slow", and answers "changed" when it contains "other".
/// "Parent2": two sub-orchestrations of "Chain3" (ids `<parent>-a` and `<parent>-b`), then Merge.
/// "Grand": one sub-orchestration of "Parent2" (id `<grand>-p`).
inline void registerCompareFixtures(Registry &registry)
{
    registry.addActivity(QStringLiteral("Prepare"),
                         [](ActivityContext &, const QJsonValue &input) -> QJsonValue { return input; });
    registry.addActivity(QStringLiteral("Work"), [](ActivityContext &context, const QJsonValue &input) -> QJsonValue {
        const QString id = context.instanceId();
        if (id.contains(QLatin1String("fail")))
            throw ActivityError(QStringLiteral("WorkError"), QStringLiteral("work failed for %1").arg(id));
        if (id.contains(QLatin1String("slow")))
            QThread::msleep(600); // the workload whose duration the comparison reports
        if (id.contains(QLatin1String("other")))
            return QStringLiteral("changed");
        return QString(input.toString() + u'!');
    });
    registry.addActivity(QStringLiteral("Finish"),
                         [](ActivityContext &, const QJsonValue &input) -> QJsonValue { return input; });
    registry.addActivity(QStringLiteral("Merge"),
                         [](ActivityContext &, const QJsonValue &input) -> QJsonValue { return input; });
    registry.addOrchestrator(QStringLiteral("Chain3"), chain3);
    registry.addOrchestrator(QStringLiteral("Parent2"), parent2);
    registry.addOrchestrator(QStringLiteral("Grand"), grand);
}

/// Starts `name` as `instanceId` and waits until it finished; the final snapshot.
inline Result<InstanceInfo> runToEnd(Engine &engine, const QString &name, const QString &instanceId,
                                     const QJsonValue &input)
{
    Client::StartOptions options;
    options.instanceId = instanceId;
    const auto started = engine.start(name, input, options).result();
    if (!started)
        return std::unexpected(started.error());
    return engine.waitForCompletion(instanceId, 30000).result();
}

inline Result<InstanceInfo> runToEnd(Engine &engine, const QString &name, const QString &instanceId)
{
    return runToEnd(engine, name, instanceId, QJsonValue(QStringLiteral("go")));
}

} // namespace durable::testing
