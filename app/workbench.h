#pragma once

#include "commandline.h"
#include "engine.h"

#include <QCoreApplication>
#include <QPointer>

#include <functional>
#include <memory>

class HttpPanel;
class HubWorkersPanel;
class MainWindow;
class QDockWidget;
class QMenu;
class QWidget;
class WorkersPanel;
namespace durable::script {
class ScriptDesignService;
}
namespace durable::views {
class DesignerPage;
class WorkbenchWidget;
} // namespace durable::views

/// Wires the application together: opens the task hub with the engine, reports when it cannot,
/// builds the main window and switches it to another hub on request. main() creates one; a
/// headless mode can use openHub() alone.
class Workbench {
    Q_DECLARE_TR_FUNCTIONS(Workbench)

public:
    /// Exit code when the task hub cannot be opened (1 is for command-line errors).
    static constexpr int HubOpenFailedExitCode = 2;
    /// Exit code when a --script file or --load plugin cannot be loaded.
    static constexpr int ExtensionLoadFailedExitCode = 5;

    /// Asked when the hub cannot be opened at start-up, with the report (ErrorText::hubOpenFailed):
    /// returns the path of another hub to try (created when missing), or an empty string to give up.
    using HubRecovery = std::function<QString(const QString &report)>;

    /// `registry` is the base: the built-in orchestrators and activities and those of --script and
    /// --load. It must outlive the workbench and is never given a hub's saved scripts: each hub
    /// runs on a registry of its own, a copy of the base plus that hub's saved versions (see
    /// registry()), so that a switch leaves nothing of one hub in the next. Nothing is opened yet.
    Workbench(const CommandLineOptions &options, durable::Registry &registry);
    ~Workbench();
    Workbench(const Workbench &) = delete;
    Workbench &operator=(const Workbench &) = delete;

    /// Organization, name and version of the application. Call right after creating the
    /// application object: QStandardPaths and --version depend on them.
    static void setApplicationIdentity();

    /// AppDataLocation/hub.sqlite; creates the directory. Needs setApplicationIdentity().
    static QString defaultHubPath();

    /// The open hub (after a switch, the new one); before openHub(): --hub, else defaultHubPath().
    QString hubPath() const { return m_hubPath; }

    /// Opens the hub. On failure the report (ErrorText::hubOpenFailed) always goes to stderr; on
    /// a real display the user may then choose another hub or create one (HubFailureDialog), on
    /// offscreen and minimal platforms (tests, scripts) it returns false. Call once.
    bool openHub();
    /// openHub() with `recover` deciding what comes after each failure.
    bool openHub(const HubRecovery &recover);

    /// Creates and shows the main window. Requires a QApplication and a successful openHub().
    void showMainWindow();

    /// Switches the running workbench to the hub at `path` (created when missing) without a
    /// restart. The new hub is opened first: on failure the current one stays open, untouched,
    /// and `error` gets the report. Otherwise the old engine shuts down cleanly (its running
    /// instances go on when that hub is opened again) and the content, the Designer, the HTTP
    /// API and Workers docks are rebuilt on the new engine in the same dock layout; a server
    /// that was serving serves again from the new hub (on the same address) or, when it cannot,
    /// is left off with the reason in the status bar. False, with `error` empty, when the user
    /// kept unsaved Designer changes, or when `path` is the open hub. Refused (false, the reason in
    /// the status bar, `error` empty) while another switch is in progress or a panel is reading
    /// the API key from the keychain (both run nested event loops in which File ▸ Open Recent can
    /// fire); refused with `error` set while a bulk action runs on the open hub. The panels' API
    /// keys (and a key file chosen in the HTTP API dock) carry over, so a switch never reads the
    /// keychain.
    bool switchHub(const QString &path, QString *error);
    /// File ▸ New Hub…'s work: like switchHub() for a file that must not exist yet.
    bool newHub(const QString &path, QString *error);

    /// File ▸ Copy Hub To…'s work: copies the open hub into `destination` (a new or empty hub file,
    /// or a postgresql:// URL) and verifies it, with a progress dialog whose Cancel removes what was
    /// copied. The hub's engine is closed for the copy (no worker may change it meanwhile) and the
    /// hub opens again afterwards in the same layout, its servers serving again. Refused, with the
    /// reason in `message`, when another process runs the hub's workers or while a switch or bulk
    /// action runs. Returns whether the copy was made and verified; `message` then has the summary.
    bool copyHubTo(const QString &destination, QString *message);

    /// Loads a C++ plugin ("app", see engine/script/durableplugin.h) into the running workbench:
    /// its orchestrators and activities join the base registry (so every hub opened later has them),
    /// the open hub's registry and the catalog. Returns false with
    /// `message` set (nothing registered) for a file that is not a compatible plugin.
    bool loadApp(const QString &path, QString *message);

    /// File ▸ Export Instance…'s work: writes the repro bundle of `instanceId` with its
    /// sub-orchestrations (durable::bundle) to `path`. False with `message` set when it cannot be
    /// read or written (nothing is left at `path` then).
    bool exportInstanceTo(const QString &instanceId, const QString &path, QString *message);
    /// File ▸ Import Bundle…'s work: imports the bundle at `path` into the open hub (read-only
    /// instances), registers the script versions it brought and shows its first instance. Returns
    /// the imported ids; empty with `message` set when the file was refused (nothing written).
    QStringList importBundleFrom(const QString &path, QString *message);

    durable::Engine *engine() const { return m_engine.get(); }
    /// What the open hub's engine runs: the base registry plus the hub's saved script versions.
    /// Replaced at each switch; nullptr before openHub().
    durable::Registry *registry() const { return m_hubRegistry.get(); }
    MainWindow *mainWindow() const { return m_window.get(); }
    /// The central content on the open hub; nullptr before showMainWindow().
    durable::views::WorkbenchWidget *content() const { return m_content; }
    /// The Workers dock's panel (the sidecar for SDK workers); nullptr before showMainWindow().
    WorkersPanel *workersPanel() const { return m_workers; }
    /// The HTTP API dock's panel; nullptr before showMainWindow().
    HttpPanel *httpPanel() const { return m_http; }
    /// The Hub Workers dock's panel (the hub's worker processes); nullptr before showMainWindow().
    HubWorkersPanel *hubWorkersPanel() const { return m_hubWorkers; }
    QDockWidget *hubWorkersDock() const { return m_hubWorkersDock; }

private:
    struct OpenedHub {
        std::unique_ptr<durable::Registry> registry; ///< before the engine: it must outlive it
        std::unique_ptr<durable::Engine> engine;
        QString warning; ///< saved scripts that did not load
    };
    durable::Result<OpenedHub> openEngine(const QString &path);
    void reportOpenFailure(const QString &path, const durable::Error &error) const;
    QString askForAnotherHub(const QString &report);
    /// A file dialog for Open Hub or New Hub (a save dialog); empty when cancelled.
    QString askForHubFile(QWidget *parent, bool create) const;
    void createWindow();
    /// Everything that holds the engine: the content and its Instance menu, the Designer and its
    /// design service, the HTTP API and Workers panels. Docks are created on the first call and
    /// keep their place; later calls put new panels into them.
    void attachHub();
    /// Undoes attachHub(): stops the servers, deletes the panels and the content (saving its
    /// state), then the design service and the engine.
    void detachHub();
    void chooseHub(bool create);
    /// File ▸ Open Hub at URL…: asks for a PostgreSQL URL and switches to it.
    void chooseHubUrl();
    void chooseApp();
    /// Asks for the destination (HubCopyDialog), then copyHubTo() and its report in a message box.
    void chooseCopyDestination();
    /// Asks where to export the current instance, then exportInstanceTo() (workbenchbundle.cpp).
    void chooseExportFile();
    /// Asks for a bundle file, then importBundleFrom().
    void chooseBundleFile();

    /// Status-bar text shown at once: the switch blocks the GUI thread right after it.
    void announce(const QString &text);

    CommandLineOptions m_options;
    durable::Registry &m_registry; ///< the base, see the constructor
    /// Set while switchHub() runs: its dialogs and the engines' shutdown may run nested event loops.
    bool m_switching = false;
    QString m_hubPath;
    QString m_startupWarning; ///< shown in the window's banner: saved scripts that did not load
    // The engine runs on it: declared before the engine so that it is destroyed after it.
    std::unique_ptr<durable::Registry> m_hubRegistry;
    // Declared before the window so that it is destroyed after it: views may hold the engine.
    std::unique_ptr<durable::Engine> m_engine;
    // The Designer's jobs read the hub through the engine: the service goes after the window and
    // before the engine.
    std::unique_ptr<durable::script::ScriptDesignService> m_design;
    std::unique_ptr<MainWindow> m_window;
    // Owned by the window.
    durable::views::WorkbenchWidget *m_content = nullptr;
    durable::views::DesignerPage *m_designer = nullptr;
    HttpPanel *m_http = nullptr;
    WorkersPanel *m_workers = nullptr;
    HubWorkersPanel *m_hubWorkers = nullptr;
    QPointer<QMenu> m_instanceMenu;
    QDockWidget *m_designerDock = nullptr;
    QDockWidget *m_httpDock = nullptr;
    QDockWidget *m_workersDock = nullptr;
    QDockWidget *m_hubWorkersDock = nullptr;
};
