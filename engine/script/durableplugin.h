#pragma once

// The C++ plugin interface of Durable Workbench. A plugin is a Qt plugin (a shared library made
// with Q_PLUGIN_METADATA) whose root object implements DurablePlugin; `--load PATH` loads it and
// calls registerFunctions() once with the workbench's registry, before the hub opens.
//
// Writing one (see examples/plugin/):
//
//     class MyPlugin : public QObject, public DurablePlugin {
//         Q_OBJECT
//         Q_PLUGIN_METADATA(IID DURABLE_PLUGIN_IID FILE "myplugin.json")
//         Q_INTERFACES(DurablePlugin)
//     public:
//         QString pluginName() const override { return QStringLiteral("My orchestrations"); }
//         void registerFunctions(durable::Registry &registry) override { ... }
//     };
//
// myplugin.json must state the interface version the plugin was built against:
//     { "interfaceVersion": 1 }
// The loader reads it from the metadata before it runs any of the plugin's code, and refuses a
// plugin built against another version. Build a plugin with the same compiler, Qt and engine
// headers as the workbench: orchestrators and activities cross the boundary as C++ objects
// (std::function, durable::Task, exceptions), which have no stable ABI.

#include "registry.h"

#include <QtPlugin>

/// Bump when DurablePlugin, Registry, OrchestrationContext, ActivityContext or the types they use
/// change in a way that breaks compiled plugins.
inline constexpr int DurablePluginInterfaceVersion = 1;

#define DURABLE_PLUGIN_IID "org.durable-workbench.DurablePlugin"

class DurablePlugin {
public:
    virtual ~DurablePlugin() = default;
    /// Shown to the user when the plugin is loaded.
    virtual QString pluginName() const = 0;
    /// Registers the plugin's orchestrators and activities. Called once, on the loading thread.
    virtual void registerFunctions(durable::Registry &registry) = 0;
};

Q_DECLARE_INTERFACE(DurablePlugin, DURABLE_PLUGIN_IID)
