#pragma once

#include "error.h"
#include "registry.h"

#include <QStringList>

namespace durable::script {

/// What a loaded plugin registered.
struct LoadedPlugin {
    QString path;
    QString name; ///< DurablePlugin::pluginName()
    QStringList orchestrators; ///< names new or changed in the registry
    QStringList activities;
};

/// Loads the Qt plugin at `path` and lets it register its orchestrators and activities (see
/// durableplugin.h). The library stays loaded for the rest of the process. Errors
/// (InvalidArgument unless noted): NotFound when the file does not exist; "not a Qt plugin" for
/// any other library or file; "not a Durable Workbench plugin" for a Qt plugin with another IID;
/// "built against plugin interface version N" when its metadata names another version than
/// DurablePluginInterfaceVersion (its code is not run then).
Result<LoadedPlugin> loadPlugin(const QString &path, Registry &registry);

} // namespace durable::script
