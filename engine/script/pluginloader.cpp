#include "pluginloader.h"
#include "durableplugin.h"

#include <QFileInfo>
#include <QJsonObject>
#include <QPluginLoader>

namespace durable::script {

Result<LoadedPlugin> loadPlugin(const QString &path, Registry &registry)
{
    if (!QFileInfo::exists(path))
        return fail(ErrorCode::NotFound, QStringLiteral("%1: no such plugin file").arg(path));
    QPluginLoader loader(path);
    // Metadata is read without running the library's code.
    const QJsonObject metaData = loader.metaData();
    if (metaData.isEmpty()) {
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("%1: not a Qt plugin (%2)").arg(path, loader.errorString()));
    }
    const QString iid = metaData.value(QStringLiteral("IID")).toString();
    if (iid != QLatin1String(DURABLE_PLUGIN_IID)) {
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("%1: not a Durable Workbench plugin (its interface is '%2', expected '%3')")
                        .arg(path, iid, QLatin1String(DURABLE_PLUGIN_IID)));
    }
    const QJsonValue version = metaData.value(QStringLiteral("MetaData")).toObject().value(u"interfaceVersion");
    if (version.toInt(-1) != DurablePluginInterfaceVersion) {
        return fail(
            ErrorCode::InvalidArgument,
            QStringLiteral("%1: built against plugin interface version %2; this workbench needs version %3 "
                           "(rebuild the plugin with this workbench's headers)")
                .arg(path, version.isUndefined() ? QStringLiteral("(none stated)") : QString::number(version.toInt(-1)))
                .arg(DurablePluginInterfaceVersion));
    }
    QObject *root = loader.instance();
    auto *plugin = qobject_cast<DurablePlugin *>(root);
    if (!plugin) {
        return fail(
            ErrorCode::InvalidArgument,
            QStringLiteral("%1: the plugin could not be loaded: %2")
                .arg(path,
                     root ? QStringLiteral("its root object does not implement DurablePlugin") : loader.errorString()));
    }
    QSet<QString> orchestratorsBefore;
    for (const auto &o : registry.orchestrators())
        orchestratorsBefore.insert(o.name + u'/' + o.version);
    const QStringList activitiesBefore = registry.activityNames();
    plugin->registerFunctions(registry);

    LoadedPlugin loaded { path, plugin->pluginName(), {}, {} };
    for (const auto &o : registry.orchestrators()) {
        if (!orchestratorsBefore.contains(o.name + u'/' + o.version))
            loaded.orchestrators.append(o.name);
    }
    for (const auto &name : registry.activityNames()) {
        if (!activitiesBefore.contains(name))
            loaded.activities.append(name);
    }
    return loaded;
}

} // namespace durable::script
