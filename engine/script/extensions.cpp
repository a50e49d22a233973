#include "extensions.h"
#include "builtinactivities.h"
#include "pluginloader.h"
#include "scriptloader.h"

namespace durable::script {

Result<QStringList> loadExtensions(const QStringList &scripts, const QStringList &plugins, Registry &registry)
{
    registerBuiltinActivities(registry);
    QStringList report;
    for (const auto &path : scripts) {
        auto loaded = loadScriptFile(path, registry);
        if (!loaded)
            return std::unexpected(loaded.error());
        report.append(QStringLiteral("%1: %2").arg(path, loaded->join(QStringLiteral(", "))));
    }
    for (const auto &path : plugins) {
        auto loaded = loadPlugin(path, registry);
        if (!loaded)
            return std::unexpected(loaded.error());
        report.append(QStringLiteral("%1 (%2): %3")
                          .arg(path, loaded->name, (loaded->orchestrators + loaded->activities).join(u", ")));
    }
    return report;
}

} // namespace durable::script
