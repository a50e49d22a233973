// An example Durable Workbench plugin: one orchestrator that greets a list of names in parallel
// and joins the greetings, and its activity. Load it with `--load`.
#include "durableplugin.h"

#include <QJsonArray>
#include <QObject>

namespace {

durable::Task<QJsonValue> greetAll(durable::OrchestrationContext &ctx)
{
    std::vector<durable::Future> greetings;
    for (const auto &name : ctx.input().toArray())
        greetings.push_back(ctx.callActivity(QStringLiteral("PluginGreet"), name));
    const QJsonValue all = co_await durable::whenAll(greetings);
    QStringList lines;
    for (const auto &line : all.toArray())
        lines.append(line.toString());
    co_return lines.join(QStringLiteral("; "));
}

} // namespace

class ExamplePlugin : public QObject, public DurablePlugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID DURABLE_PLUGIN_IID FILE "exampleplugin.json")
    Q_INTERFACES(DurablePlugin)

public:
    QString pluginName() const override { return QStringLiteral("Example plugin"); }
    void registerFunctions(durable::Registry &registry) override
    {
        registry.addOrchestrator(durable::OrchestratorInfo {
            QStringLiteral("PluginGreetAll"), QStringLiteral("1"),
            QStringLiteral("Greets every name of the input array in parallel (example plugin)."),
            QJsonArray { QStringLiteral("Ada"), QStringLiteral("Linus") }, greetAll });
        registry.addActivity(
            QStringLiteral("PluginGreet"),
            [](durable::ActivityContext &, const QJsonValue &name) -> QJsonValue {
                return QStringLiteral("Hello, %1").arg(name.toString());
            },
            QStringLiteral("Greets one name (example plugin)."));
    }
};

#include "exampleplugin.moc"
