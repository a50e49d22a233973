// Test plugin for the sidecar's mixed-hub spec (mixed.test.mjs): in-process C++ orchestrators that
// call, and are called by, orchestrators of an external SDK worker on the same hub. Loaded by
// run.sh with `--load`.
#include "durableplugin.h"

#include <QJsonObject>
#include <QObject>

namespace {

/// Input {"name": orchestrator, "input": its input}; runs that orchestrator (wherever it is
/// registered: in-process or in an SDK worker) as a sub-orchestration, returns {"child": result}.
durable::Task<QJsonValue> callsSubOrchestration(durable::OrchestrationContext &ctx)
{
    const QJsonObject input = ctx.input().toObject();
    const QJsonValue result
        = co_await ctx.callSubOrchestrator(input.value(QStringLiteral("name")).toString(), input.value(QStringLiteral("input")));
    co_return QJsonObject { { QStringLiteral("child"), result } };
}

/// Input a number; returns it doubled by the in-process activity CppTimesTwo.
durable::Task<QJsonValue> cppDouble(durable::OrchestrationContext &ctx)
{
    co_return co_await ctx.callActivity(QStringLiteral("CppTimesTwo"), ctx.input());
}

} // namespace

class MixedPlugin : public QObject, public DurablePlugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID DURABLE_PLUGIN_IID FILE "mixedplugin.json")
    Q_INTERFACES(DurablePlugin)

public:
    QString pluginName() const override { return QStringLiteral("Sidecar mixed-hub test plugin"); }
    void registerFunctions(durable::Registry &registry) override
    {
        registry.addOrchestrator(durable::OrchestratorInfo {
            QStringLiteral("CppCallsSubOrchestration"), QString(),
            QStringLiteral("Runs input.name with input.input as a sub-orchestration; returns {child: result}."),
            QJsonObject { { QStringLiteral("name"), QStringLiteral("CppDouble") }, { QStringLiteral("input"), 21 } },
            callsSubOrchestration });
        registry.addOrchestrator(durable::OrchestratorInfo {
            QStringLiteral("CppDouble"), QString(),
            QStringLiteral("Doubles its numeric input with the activity CppTimesTwo."), QJsonValue(21), cppDouble });
        registry.addActivity(
            QStringLiteral("CppTimesTwo"),
            [](durable::ActivityContext &, const QJsonValue &value) -> QJsonValue { return value.toDouble() * 2; },
            QStringLiteral("Returns its numeric input times two."));
    }
};

#include "mixedplugin.moc"
