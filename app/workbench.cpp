#include "workbench.h"

#include "banner.h"
#include "bulkactions.h"
#include "curlaction.h"
#include "damagebanner.h"
#include "designerpage.h"
#include "docksizing.h"
#include "errortext.h"
#include "httppanel.h"
#include "hubfailuredialog.h"
#include "hublocation.h"
#include "hubopen.h"
#include "hubupgradedialog.h"
#include "hubworkerspanel.h"
#include "instanceactions.h"
#include "listexporter.h"
#include "mainwindow.h"
#include "pluginloader.h"
#include "recenthubs.h"
#include "scriptdesignservice.h"
#include "storedscripts.h"
#include "workbenchwidget.h"
#include "workerspanel.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QScopeGuard>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;
using durable::Result;

namespace {

// Offscreen and minimal platforms have nobody to click a message box away: a modal box there
// would hang a test or a script, so those only get the report on stderr.
bool hasInteractiveDisplay()
{
    if (!qobject_cast<QApplication *>(QCoreApplication::instance())) {
        return false;
    }
    const QString platform = QGuiApplication::platformName();
    return platform != "offscreen"_L1 && platform != "minimal"_L1;
}

} // namespace

Workbench::Workbench(const CommandLineOptions &options, durable::Registry &registry)
    : m_options(options)
    , m_registry(registry)
    , m_hubPath(options.hubPath.isEmpty() ? defaultHubPath() : options.hubPath)
{
}

// Explicitly in this order: the Workers panel's sidecar finishes its streams against the engine,
// then the window (and every view holding the engine) goes, then the Designer's service, and the
// engine last (the members' declaration order gives the same, this keeps it visible).
Workbench::~Workbench()
{
    if (m_workers)
        m_workers->setServing(false);
    if (m_window && m_content)
        m_content->saveState();
    m_window.reset();
    m_design.reset();
    m_engine.reset();
}

void Workbench::setApplicationIdentity()
{
    QCoreApplication::setOrganizationName(u"DurableWorkbench"_s);
    QCoreApplication::setApplicationName(u"durable-workbench"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(DURABLE_VERSION));
}

QString Workbench::defaultHubPath()
{
    const QString directory = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    // A failure here surfaces as a precise error from Engine::open on the path below.
    QDir().mkpath(directory);
    return QDir(directory).filePath(u"hub.sqlite"_s);
}

Result<Workbench::OpenedHub> Workbench::openEngine(const QString &path)
{
    durable::EngineOptions engineOptions;
    engineOptions.hubPath = path;
    engineOptions.sync = m_options.sync;
    // Names this process does not know belong to SDK workers: their work waits for one (the
    // sidecar may be switched on later, or the hub reopened with it), never failing as unknown.
    engineOptions.externalWorkers = true;
    // A server hub is shared by worker processes: the windowed workbench attaches to it as a client
    // unless asked to work too (--workers); a headless process is there to work.
    engineOptions.runWorkers = !durable::isServerHub(path) || m_options.workers || m_options.headless;
    // For tests of damage found after open: a small hub then opens with the shallow check that
    // hubs over 32 MB get (README, Reliability).
    bool deepCheckSet = false;
    const qint64 deepCheckBytes = qEnvironmentVariableIntValue("DURABLE_DEEP_CHECK_BYTES", &deepCheckSet);
    if (deepCheckSet)
        engineOptions.deepCheckBytes = deepCheckBytes;
    // An older hub file is upgraded first, where the user sees how far it is and may stop it:
    // Engine::open would do it too, but silently, before any window shows (about 4 s per
    // 100,000 instances).
    if (const int from = durable::pendingHubUpgrade(path); from > 0) {
        const auto upgraded = HubUpgradeDialog::upgradeWithProgress(m_window.get(), path, from, engineOptions.sync,
                                                                    engineOptions.deepCheckBytes);
        if (!upgraded)
            return std::unexpected(upgraded.error());
    }
    // The hub's own registry: the base plus its saved script versions, which go in before any
    // worker runs, so an instance resumes on the version it started with; the latest saved
    // version becomes the default. Nothing of it reaches the base or another hub.
    auto registry = std::make_unique<durable::Registry>(m_registry);
    const auto stored = durable::script::registerStoredScripts(engineOptions, *registry);
    auto engine = durable::Engine::open(engineOptions, *registry);
    if (!engine)
        return std::unexpected(engine.error());
    OpenedHub opened { std::move(registry), std::move(*engine), {} };
    if (!stored) {
        // Not fatal: only instances on the versions that failed to load cannot go on.
        opened.warning
            = durable::views::ErrorText::report(tr("Saved scripts could not all be loaded."), stored.error());
        std::fprintf(stderr, "%s\n", qUtf8Printable(opened.warning));
    }
    return opened;
}

bool Workbench::openHub()
{
    if (!hasInteractiveDisplay())
        return openHub(HubRecovery());
    return openHub([this](const QString &report) { return askForAnotherHub(report); });
}

bool Workbench::openHub(const HubRecovery &recover)
{
    for (;;) {
        auto opened = openEngine(m_hubPath);
        if (opened) {
            m_hubRegistry = std::move(opened->registry);
            m_engine = std::move(opened->engine);
            m_startupWarning = opened->warning;
            RecentHubs::add(m_hubPath);
            return true;
        }
        reportOpenFailure(m_hubPath, opened.error());
        const QString next
            = recover ? recover(durable::views::ErrorText::hubOpenFailed(m_hubPath, opened.error())) : QString();
        if (next.isEmpty())
            return false;
        m_hubPath = next;
    }
}

QString Workbench::askForAnotherHub(const QString &report)
{
    for (;;) {
        HubFailureDialog dialog(report);
        dialog.exec();
        if (dialog.choice() == HubFailureDialog::Choice::Quit)
            return {};
        const bool create = dialog.choice() == HubFailureDialog::Choice::NewHub;
        // A new hub must not exist yet: an existing file chosen for it is offered again.
        const QString path = askForHubFile(nullptr, create);
        if (!path.isEmpty() && !(create && QFileInfo::exists(path)))
            return path;
        // A cancelled file dialog brings the choice back rather than quitting.
    }
}

QString Workbench::askForHubFile(QWidget *parent, bool create) const
{
    const QString folder = durable::isServerHub(m_hubPath) ? QDir::homePath() : QFileInfo(m_hubPath).absolutePath();
    if (!create)
        return QFileDialog::getOpenFileName(parent, tr("Open Hub"), folder, tr("Task hubs (*.sqlite);;All files (*)"));
    QFileDialog dialog(parent, tr("New Hub"), folder, tr("Task hubs (*.sqlite)"));
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix(u"sqlite"_s);
    // An existing file is refused, never overwritten.
    dialog.setOption(QFileDialog::DontConfirmOverwrite);
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return {};
    return dialog.selectedFiles().constFirst();
}

void Workbench::createWindow()
{
    m_window = std::make_unique<MainWindow>(m_hubPath);
    QObject::connect(m_window.get(), &MainWindow::newHubRequested, m_window.get(), [this] { chooseHub(true); });
    QObject::connect(m_window.get(), &MainWindow::openHubRequested, m_window.get(), [this] { chooseHub(false); });
    QObject::connect(m_window.get(), &MainWindow::openHubUrlRequested, m_window.get(), [this] { chooseHubUrl(); });
    QObject::connect(m_window.get(), &MainWindow::recentHubRequested, m_window.get(), [this](const QString &path) {
        QString error;
        if (!switchHub(path, &error) && !error.isEmpty())
            QMessageBox::critical(m_window.get(), tr("Open Hub"), error);
    });
    // Saved here as well as when the content goes: the application may quit with the window.
    QObject::connect(m_window.get(), &MainWindow::closing, m_window.get(), [this] {
        if (m_content)
            m_content->saveState();
    });
    auto *loadApp = new QAction(tr("&Load App…"), m_window.get());
    loadApp->setObjectName(u"loadAppAction"_s);
    loadApp->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    loadApp->setStatusTip(tr("Load a C++ plugin that registers orchestrators and activities"));
    QObject::connect(loadApp, &QAction::triggered, m_window.get(), [this] { chooseApp(); });
    m_window->addFileAction(loadApp);
    auto *exportList = new QAction(tr("&Export List…"), m_window.get());
    exportList->setObjectName(u"exportListAction"_s);
    exportList->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X));
    exportList->setStatusTip(tr("Write every instance the list's filters match to a CSV or JSON file"));
    QObject::connect(exportList, &QAction::triggered, m_window.get(), [this] {
        if (m_content)
            m_content->exportList();
    });
    m_window->addFileAction(exportList);
    auto *copy = new QAction(tr("&Copy Hub To…"), m_window.get());
    copy->setObjectName(u"copyHubAction"_s);
    copy->setStatusTip(tr("Copy the open hub into a new hub file or a PostgreSQL hub, verified"));
    QObject::connect(copy, &QAction::triggered, m_window.get(), [this] { chooseCopyDestination(); });
    m_window->addFileAction(copy);
    auto *exportInstance = new QAction(tr("&Export Instance…"), m_window.get());
    exportInstance->setObjectName(u"exportInstanceAction"_s);
    exportInstance->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_E));
    exportInstance->setStatusTip(tr("Write the current instance and its sub-orchestrations to a repro bundle file"));
    QObject::connect(exportInstance, &QAction::triggered, m_window.get(), [this] { chooseExportFile(); });
    m_window->addFileAction(exportInstance);
    auto *importBundle = new QAction(tr("&Import Bundle…"), m_window.get());
    importBundle->setObjectName(u"importBundleAction"_s);
    importBundle->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_I));
    importBundle->setStatusTip(tr("Load a repro bundle into this hub as read-only instances"));
    QObject::connect(importBundle, &QAction::triggered, m_window.get(), [this] { chooseBundleFile(); });
    m_window->addFileAction(importBundle);
    auto *check = new QAction(tr("Check &Integrity"), m_window.get());
    check->setObjectName(u"checkIntegrityAction"_s);
    check->setStatusTip(tr("Read the whole task hub file and report damaged pages (PRAGMA integrity_check)"));
    QObject::connect(check, &QAction::triggered, m_window.get(), [this] {
        if (m_content)
            m_content->damageBanner()->checkIntegrity();
    });
    m_window->addFileAction(check);
}

void Workbench::attachHub()
{
    Q_ASSERT(m_engine);
    auto *content = new durable::views::WorkbenchWidget(m_engine.get());
    m_content = content;
    m_instanceMenu = content->createMenu(m_window.get());
    m_window->addContentMenu(m_instanceMenu);
    m_window->setContent(content);
    m_window->setHubPath(m_hubPath);

    m_design = std::make_unique<durable::script::ScriptDesignService>(*m_engine, *m_hubRegistry);
    m_designer = content->createDesigner(m_design.get(), m_window.get());
    m_designer->guardClose(m_window.get());
    // A failure card's Open in Designer: the Designer comes to the front.
    QObject::connect(m_designer, &durable::views::DesignerPage::revealRequested, m_designer, [this] {
        m_designerDock->show();
        m_designerDock->raise();
        m_designerDock->activateWindow();
    });
    if (!m_designerDock) {
        m_designerDock = m_window->addDock(m_designer, tr("Designer"), u"designer"_s, Qt::RightDockWidgetArea);
        m_designerDock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
        // An editor needs room the instance views cannot spare: it opens as a window of its own
        // (View ▸ Designer) and can be docked on the right.
        m_designerDock->setFloating(true);
        placeFloatingOnFirstOpen(m_window.get(), m_designerDock, QSize(1000, 820));
        m_designerDock->hide();
    } else {
        m_designerDock->setWidget(m_designer);
    }

    if (!m_httpDock) {
        m_http = new HttpPanel(*m_engine, m_options.httpPort, m_options.httpBind, m_options.httpKeyFile);
        m_httpDock = m_window->addDock(m_http, tr("HTTP API"), u"httpApi"_s, Qt::BottomDockWidgetArea);
        m_httpDock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
        // Hidden until asked for; it reads the key only when the API is switched on.
        m_httpDock->hide();
    } else {
        m_httpDock->setWidget(m_http);
    }
    m_http->setAllowedHosts(m_options.httpHosts);
    content->copyAsCurl()->setBaseUrlSource([this] { return m_http ? m_http->apiBaseUrl().toString() : QString(); });
    QObject::connect(content->listExporter(), &durable::views::ListExporter::finished, m_window.get(),
                     [this](bool, const QString &message) { m_window->statusBar()->showMessage(message, 10000); });

    if (!m_workersDock) {
        m_workers = new WorkersPanel(*m_engine, m_options.grpcPort, m_options.grpcBind, m_options.httpKeyFile);
        m_workersDock = m_window->addDock(m_workers, tr("Workers"), u"workers"_s, Qt::BottomDockWidgetArea);
        // Ctrl+Shift+W is Rewind; K as in worKers.
        m_workersDock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
        m_workersDock->toggleViewAction()->setStatusTip(
            tr("SDK workers connected over the Durable Task sidecar (gRPC)"));
        m_window->tabifyDockWidget(m_httpDock, m_workersDock);
        // Opened, the panels take at most a quarter of the height: the timeline above needs it more.
        limitHeightOnFirstOpen(m_window.get(), m_httpDock, 0.25);
        limitHeightOnFirstOpen(m_window.get(), m_workersDock, 0.25);
        m_workersDock->hide();
    } else {
        m_workersDock->setWidget(m_workers);
    }
    m_hubWorkers = new HubWorkersPanel(*m_engine);
    if (!m_hubWorkersDock) {
        m_hubWorkersDock
            = m_window->addDock(m_hubWorkers, tr("Hub Workers"), u"hubWorkers"_s, Qt::BottomDockWidgetArea);
        m_hubWorkersDock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U));
        m_hubWorkersDock->toggleViewAction()->setStatusTip(
            tr("The processes that run workers on this hub, what each holds and the hub's throughput"));
        m_window->tabifyDockWidget(m_workersDock, m_hubWorkersDock);
        limitHeightOnFirstOpen(m_window.get(), m_hubWorkersDock, 0.25);
        m_hubWorkersDock->hide();
    } else {
        m_hubWorkersDock->setWidget(m_hubWorkers);
    }
    QObject::connect(m_workers, &WorkersPanel::remoteNamesChanged, content,
                     &durable::views::WorkbenchWidget::setRemoteNames);
    if (!m_startupWarning.isEmpty())
        content->banner()->showMessage(m_startupWarning);
}

void Workbench::detachHub()
{
    // Servers first: their connections hold the engine.
    if (m_workers)
        m_workers->setServing(false);
    if (m_http)
        m_http->setServing(false);
    delete m_designer;
    m_designer = nullptr;
    delete m_http;
    m_http = nullptr;
    delete m_workers;
    m_workers = nullptr;
    delete m_hubWorkers;
    m_hubWorkers = nullptr;
    delete m_instanceMenu.data();
    // The content saves its layout (splitters, columns, tabs) as it goes; the next one restores it.
    delete m_content;
    m_content = nullptr;
    m_design.reset();
    m_engine.reset(); // the commit in progress finishes, activities are awaited, ownership is released
    m_hubRegistry.reset();
}

void Workbench::announce(const QString &text)
{
    m_window->statusBar()->showMessage(text);
    // Painted now: the GUI thread blocks right after, and no event loop turn comes before.
    m_window->statusBar()->repaint();
}

void Workbench::showMainWindow()
{
    Q_ASSERT(m_engine);
    createWindow();
    attachHub();
    m_window->restoreGeometryFromSettings();
    m_window->restoreLayout();
    if (m_options.grpcPort) {
        // Asked for on the command line: serving from the start, and in view.
        m_workers->setServing(true);
        m_workersDock->show();
        m_workersDock->raise();
    }
    // Restored again once the content has had its first layout, which would otherwise hand the
    // docks the sizes of their hints instead of the user's.
    m_window->show();
    QTimer::singleShot(0, m_window.get(), [this] {
        m_window->restoreLayout();
        if (m_options.grpcPort)
            m_workersDock->show();
    });
}

namespace {

// The port and address a panel is set to (the user may have changed them since start-up).
std::pair<quint16, QHostAddress> panelAddress(const QWidget *panel)
{
    const auto *port = panel->findChild<QSpinBox *>(u"port"_s);
    const auto *bind = panel->findChild<QLineEdit *>(u"bindAddress"_s);
    return { port ? quint16(port->value()) : quint16(0), QHostAddress(bind ? bind->text() : QString()) };
}

} // namespace

bool Workbench::switchHub(const QString &path, QString *error)
{
    error->clear();
    Q_ASSERT(m_window && m_engine);
    // Reading a key (SecretStore) and the dialogs below run nested event loops, in which Open
    // Recent or Ctrl+O can ask for another switch: that one would delete panels and the engine
    // under the running code.
    if (m_switching) {
        m_window->statusBar()->showMessage(tr("Another hub is being opened: wait until it is open."), 10000);
        return false;
    }
    if ((m_http && m_http->isObtainingKey()) || (m_workers && m_workers->isObtainingKey())) {
        m_window->statusBar()->showMessage(
            tr("The API key is being read from the keychain: open the other hub when that is done."), 10000);
        return false;
    }
    if (m_content && m_content->actions()->bulk()->isRunning()) {
        *error = tr("A bulk action is running on %1. Stop it or wait until it is done, then open the other hub.")
                     .arg(HubLocation::displayName(m_hubPath));
        return false;
    }
    m_switching = true;
    const auto switched = qScopeGuard([this] { m_switching = false; });
    if (HubLocation::same(m_hubPath, path)) {
        m_window->statusBar()->showMessage(
            tr("%1 is already open.").arg(QDir::toNativeSeparators(HubLocation::withoutPassword(path))), 10000);
        return false;
    }
    if (m_designer && !m_designer->maybeDiscard())
        return false;
    // Opening and closing wait for the hubs' files and running activities on this thread.
    QGuiApplication::setOverrideCursor(Qt::WaitCursor);
    const auto restoreCursor = qScopeGuard([] { QGuiApplication::restoreOverrideCursor(); });
    const QString oldName = HubLocation::displayName(m_hubPath);
    announce(tr("Opening %1…").arg(QDir::toNativeSeparators(HubLocation::withoutPassword(path))));
    // The new hub opens while the old one is still serving: a hub that cannot be opened changes
    // nothing.
    auto opened = openEngine(path);
    if (!opened && opened.error().code == durable::ErrorCode::Cancelled) {
        // The user stopped the new hub's upgrade: nothing to report beyond what stayed as it was.
        m_window->statusBar()->showMessage(
            tr("The upgrade of %1 was cancelled; it keeps its version, and %2 stays open.")
                .arg(QDir::toNativeSeparators(HubLocation::withoutPassword(path)), oldName),
            15000);
        return false;
    }
    if (!opened) {
        m_window->statusBar()->clearMessage();
        *error = durable::views::ErrorText::hubOpenFailed(HubLocation::withoutPassword(path), opened.error());
        return false;
    }
    const bool httpWasServing = m_http->isServing();
    const bool workersWereServing = m_workers->isServing();
    auto [httpPort, httpBind] = panelAddress(m_http);
    auto [grpcPort, grpcBind] = panelAddress(m_workers);
    // "Any free port" (0) keeps the port it got, so that clients find the new hub where they were.
    if (httpWasServing)
        httpPort = quint16(m_http->baseUrl().port());
    if (workersWereServing)
        grpcPort = m_workers->endpoint().section(u':', -1).toUShort();
    // The keys (and a key file chosen in the dock) go with the servers: the new panels serve
    // with them without reading the keychain.
    const HttpPanel::KeyState httpKey = m_http->keyState();
    const WorkersPanel::KeyState workersKey = m_workers->keyState();

    // The docks keep the sizes the user gave them: new panels and content would otherwise be laid
    // out from their size hints.
    const QByteArray dockLayout = m_window->saveState();
    announce(tr("Closing %1: waiting for running activities…").arg(oldName));
    detachHub();
    m_hubRegistry = std::move(opened->registry);
    m_engine = std::move(opened->engine);
    m_startupWarning = opened->warning;
    m_hubPath = path;
    // The new panels start where the user left the old ones.
    m_http = new HttpPanel(*m_engine, httpPort ? httpPort : m_options.httpPort, httpBind, m_options.httpKeyFile);
    m_workers = new WorkersPanel(*m_engine, grpcPort ? std::optional(grpcPort) : m_options.grpcPort, grpcBind,
                                 m_options.httpKeyFile);
    m_http->adoptKeyState(httpKey);
    m_workers->adoptKeyState(workersKey);
    attachHub();
    // Once the new content has been laid out: restored before, its first layout overrides it.
    QTimer::singleShot(0, m_window.get(), [window = m_window.get(), dockLayout] { window->restoreState(dockLayout); });
    RecentHubs::add(path);

    QStringList notes;
    if (httpWasServing) {
        m_http->setServing(true);
        notes << (m_http->isServing()
                      ? tr("The HTTP API serves the new hub at %1.").arg(m_http->baseUrl().toString())
                      : tr("The HTTP API could not serve the new hub and is off: %1").arg(m_http->errorText()));
    }
    if (workersWereServing) {
        m_workers->setServing(true);
        notes << (m_workers->isServing()
                      ? tr("The Workers sidecar serves the new hub at %1.").arg(m_workers->endpoint())
                      : tr("The Workers sidecar could not serve the new hub and is off."));
    }
    notes.prepend(tr("Opened %1.").arg(QDir::toNativeSeparators(HubLocation::withoutPassword(path))));
    m_window->statusBar()->showMessage(notes.join(u' '), 15000);
    return true;
}

bool Workbench::newHub(const QString &path, QString *error)
{
    if (QFileInfo::exists(path)) {
        *error = tr("%1 already exists. Open it with File ▸ Open Hub… or choose a new name.")
                     .arg(QDir::toNativeSeparators(path));
        return false;
    }
    return switchHub(path, error);
}

void Workbench::chooseHub(bool create)
{
    const QString path = askForHubFile(m_window.get(), create);
    if (path.isEmpty())
        return;
    QString error;
    if (!(create ? newHub(path, &error) : switchHub(path, &error)) && !error.isEmpty())
        QMessageBox::critical(m_window.get(), create ? tr("New Hub") : tr("Open Hub"), error);
}

bool Workbench::loadApp(const QString &path, QString *message)
{
    auto loaded = durable::script::loadPlugin(path, m_registry);
    if (!loaded) {
        *message = durable::views::ErrorText::report(tr("Could not load %1.").arg(QDir::toNativeSeparators(path)),
                                                     loaded.error());
        return false;
    }
    // The open hub runs on its own copy of the base: what the plugin registered goes there too.
    if (m_hubRegistry) {
        for (const QString &name : std::as_const(loaded->orchestrators)) {
            for (const auto &version : m_registry.versions(name))
                m_hubRegistry->addOrchestrator(version);
        }
        for (const QString &name : std::as_const(loaded->activities)) {
            if (auto activity = m_registry.activity(name))
                m_hubRegistry->addActivity(activity->name, activity->function, activity->description);
        }
    }
    *message = tr("Loaded %1: %n orchestrator(s)", nullptr, int(loaded->orchestrators.size())).arg(loaded->name);
    if (m_content)
        m_content->reloadCatalog();
    return true;
}

void Workbench::chooseApp()
{
    const QString path
        = QFileDialog::getOpenFileName(m_window.get(), tr("Load App"), QString(), tr("Plugins (*.so);;All files (*)"));
    if (path.isEmpty())
        return;
    QString message;
    if (loadApp(path, &message))
        m_window->statusBar()->showMessage(message, 10000);
    else
        QMessageBox::critical(m_window.get(), tr("Load App"), message);
}

void Workbench::chooseHubUrl()
{
    bool ok = false;
    const QString url = QInputDialog::getText(
        m_window.get(), tr("Open Hub at URL"),
        tr("PostgreSQL hub, shared by worker processes (the password comes from ~/.pgpass or PGPASSFILE):"),
        QLineEdit::Normal,
        durable::isServerHub(m_hubPath) ? HubLocation::withoutPassword(m_hubPath) : u"postgresql://"_s, &ok);
    if (!ok || url.trimmed().isEmpty())
        return;
    QString error;
    if (!durable::isServerHub(url.trimmed())) {
        error = tr("\"%1\" is not a hub URL: it starts with postgresql:// (files open with File ▸ Open Hub…).")
                    .arg(url.trimmed());
    } else if (switchHub(url.trimmed(), &error) || error.isEmpty()) {
        return;
    }
    QMessageBox::critical(m_window.get(), tr("Open Hub at URL"), error);
}

void Workbench::reportOpenFailure(const QString &path, const durable::Error &error) const
{
    const QString text = durable::views::ErrorText::hubOpenFailed(HubLocation::withoutPassword(path), error);
    std::fprintf(stderr, "%s\n", qUtf8Printable(text));
    std::fflush(stderr);
}
