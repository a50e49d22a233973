#pragma once

#include "commandline.h"
#include "engine.h"

#include <QCoreApplication>

#include <memory>

class MainWindow;
class WorkersPanel;
namespace durable::script {
class ScriptDesignService;
}
namespace durable::views {
class WorkbenchWidget;
}

/// Wires the application together: opens the task hub with the engine, reports when it cannot,
/// and builds the main window. main() creates one; a headless mode can use openHub() alone.
class Workbench {
    Q_DECLARE_TR_FUNCTIONS(Workbench)

public:
    /// Exit code when the task hub cannot be opened (1 is for command-line errors).
    static constexpr int HubOpenFailedExitCode = 2;
    /// Exit code when a --script file or --load plugin cannot be loaded.
    static constexpr int ExtensionLoadFailedExitCode = 5;

    /// `registry` holds the orchestrators and activities the engine runs; it must outlive the
    /// workbench. Nothing is opened yet.
    Workbench(const CommandLineOptions &options, durable::Registry &registry);
    ~Workbench();
    Workbench(const Workbench &) = delete;
    Workbench &operator=(const Workbench &) = delete;

    /// Organization, name and version of the application. Call right after creating the
    /// application object: QStandardPaths and --version depend on them.
    static void setApplicationIdentity();

    /// AppDataLocation/hub.sqlite; creates the directory. Needs setApplicationIdentity().
    static QString defaultHubPath();

    /// The hub this workbench opens: --hub, else defaultHubPath().
    QString hubPath() const { return m_hubPath; }

    /// Opens the hub. On failure the report (ErrorText::hubOpenFailed) always goes to stderr and,
    /// on a real display, also to a modal message box; returns false. Call once.
    bool openHub();

    /// Creates and shows the main window. Requires a QApplication and a successful openHub().
    void showMainWindow();

    /// Loads a C++ plugin ("app", see engine/script/durableplugin.h) into the running workbench:
    /// its orchestrators and activities join the registry and the catalog. Returns false with
    /// `message` set (nothing registered) for a file that is not a compatible plugin.
    bool loadApp(const QString &path, QString *message);

    durable::Engine *engine() const { return m_engine.get(); }
    MainWindow *mainWindow() const { return m_window.get(); }
    /// The Workers dock's panel (the sidecar for SDK workers); nullptr before showMainWindow().
    WorkersPanel *workersPanel() const { return m_workers; }

private:
    void reportOpenFailure(const durable::Error &error) const;
    void chooseApp();

    CommandLineOptions m_options;
    durable::Registry &m_registry;
    QString m_hubPath;
    QString m_startupWarning; ///< shown in the window's banner: saved scripts that did not load
    // Declared before the window so that it is destroyed after it: views may hold the engine.
    std::unique_ptr<durable::Engine> m_engine;
    // The Designer's jobs read the hub through the engine: the service goes after the window and
    // before the engine.
    std::unique_ptr<durable::script::ScriptDesignService> m_design;
    std::unique_ptr<MainWindow> m_window;
    durable::views::WorkbenchWidget *m_content = nullptr; ///< owned by the window
    WorkersPanel *m_workers = nullptr; ///< owned by the window
};
