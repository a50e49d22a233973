// The kill suite's workload (tst_kill and durable-killworker register the same names): chains,
// fan-outs, sub-orchestrations, durable timers, external events and continue-as-new. Every
// activity gets {"key", "v"}: the key names one scheduled task (instance, generation, position),
// so the side file of executions can be matched against the TaskScheduled events of the history.
#pragma once

#include "engine.h"

#include <QJsonArray>
#include <QJsonObject>

#include <functional>

namespace killsuite {

using namespace durable;

inline QJsonObject work(const OrchestrationContext &ctx, int generation, int position, double v)
{
    return { { QStringLiteral("key"), QStringLiteral("%1/%2/%3").arg(ctx.instanceId()).arg(generation).arg(position) },
             { QStringLiteral("v"), v } };
}

/// {"n"}: n chained increments from 0; output n.
inline Task<QJsonValue> chain(OrchestrationContext &ctx)
{
    double v = 0;
    const int n = ctx.input()[QStringLiteral("n")].toInt();
    for (int i = 0; i < n; ++i)
        v = (co_await ctx.callActivity(QStringLiteral("KInc"), work(ctx, 0, i, v))).toDouble();
    co_return v;
}

/// {"n"}: squares of 1..n in parallel; output their sum.
inline Task<QJsonValue> fan(OrchestrationContext &ctx)
{
    std::vector<Future> tasks;
    const int n = ctx.input()[QStringLiteral("n")].toInt();
    for (int i = 1; i <= n; ++i)
        tasks.push_back(ctx.callActivity(QStringLiteral("KSquare"), work(ctx, 0, i, i)));
    co_await whenAll(tasks);
    double sum = 0;
    for (const auto &t : tasks)
        sum += t.result().toDouble();
    co_return sum;
}

/// Three chains of 5 and a fan-out of 10 as sub-orchestrations; output 3 * 5 + 385 = 400.
inline Task<QJsonValue> parent(OrchestrationContext &ctx)
{
    std::vector<Future> children;
    for (int i = 0; i < 3; ++i)
        children.push_back(
            ctx.callSubOrchestrator(QStringLiteral("KChain"), QJsonObject { { QStringLiteral("n"), 5 } }));
    children.push_back(ctx.callSubOrchestrator(QStringLiteral("KFan"), QJsonObject { { QStringLiteral("n"), 10 } }));
    co_await whenAll(children);
    double sum = 0;
    for (const auto &c : children)
        sum += c.result().toDouble();
    co_return sum;
}

/// {"n"}: n rounds of a 40 ms durable timer then an increment; output n.
inline Task<QJsonValue> timers(OrchestrationContext &ctx)
{
    double v = 0;
    const int n = ctx.input()[QStringLiteral("n")].toInt();
    for (int i = 0; i < n; ++i) {
        co_await ctx.createTimer(std::chrono::milliseconds(40));
        v = (co_await ctx.callActivity(QStringLiteral("KInc"), work(ctx, 0, i, v))).toDouble();
    }
    co_return v;
}

/// {"n"}: n events "Ev", each followed by an increment; output the payloads in arrival order.
inline Task<QJsonValue> events(OrchestrationContext &ctx)
{
    QJsonArray got;
    const int n = ctx.input()[QStringLiteral("n")].toInt();
    for (int i = 0; i < n; ++i) {
        got.append(co_await ctx.waitForExternalEvent(QStringLiteral("Ev")));
        co_await ctx.callActivity(QStringLiteral("KInc"), work(ctx, 0, i, i));
    }
    co_return got;
}

/// {"gen", "limit", "got"}: one event "Tick" and one increment per generation, then continue as
/// new keeping the events not yet consumed; output the payloads of all generations in order.
inline Task<QJsonValue> eternal(OrchestrationContext &ctx)
{
    const QJsonObject in = ctx.input().toObject();
    const int gen = in[QStringLiteral("gen")].toInt();
    QJsonArray got = in[QStringLiteral("got")].toArray();
    if (gen == in[QStringLiteral("limit")].toInt())
        co_return got;
    got.append(co_await ctx.waitForExternalEvent(QStringLiteral("Tick")));
    co_await ctx.callActivity(QStringLiteral("KInc"), work(ctx, gen, 0, gen));
    QJsonObject next = in;
    next[QStringLiteral("gen")] = gen + 1;
    next[QStringLiteral("got")] = got;
    ctx.continueAsNew(next, true);
    co_return QJsonValue();
}

/// Registers the workload; `record` is called with the key at every real activity execution.
inline void registerWorkload(Registry &registry, const std::function<void(const QString &)> &record)
{
    registry.addOrchestrator(QStringLiteral("KChain"), chain);
    registry.addOrchestrator(QStringLiteral("KFan"), fan);
    registry.addOrchestrator(QStringLiteral("KParent"), parent);
    registry.addOrchestrator(QStringLiteral("KTimers"), timers);
    registry.addOrchestrator(QStringLiteral("KEvents"), events);
    registry.addOrchestrator(QStringLiteral("KEternal"), eternal);
    registry.addActivity(QStringLiteral("KInc"), [record](ActivityContext &, const QJsonValue &x) -> QJsonValue {
        record(x[QStringLiteral("key")].toString());
        return x[QStringLiteral("v")].toDouble() + 1;
    });
    registry.addActivity(QStringLiteral("KSquare"), [record](ActivityContext &, const QJsonValue &x) -> QJsonValue {
        record(x[QStringLiteral("key")].toString());
        const double v = x[QStringLiteral("v")].toDouble();
        return v * v;
    });
}

} // namespace killsuite
