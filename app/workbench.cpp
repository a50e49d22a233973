#include "workbench.h"

#include "banner.h"
#include "damagebanner.h"
#include "designerpage.h"
#include "docksizing.h"
#include "errortext.h"
#include "httppanel.h"
#include "mainwindow.h"
#include "pluginloader.h"
#include "scriptdesignservice.h"
#include "storedscripts.h"
#include "workbenchwidget.h"
#include "workerspanel.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QMessageBox>
#include <QStandardPaths>
#include <QStatusBar>

#include <cstdio>

using namespace Qt::StringLiterals;

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

bool Workbench::openHub()
{
    durable::EngineOptions engineOptions;
    engineOptions.hubPath = m_hubPath;
    engineOptions.sync = m_options.sync;
    // Names this process does not know belong to SDK workers: their work waits for one (the
    // sidecar may be switched on later, or the hub reopened with it), never failing as unknown.
    engineOptions.externalWorkers = true;
    // For tests of damage found after open: a small hub then opens with the shallow check that
    // hubs over 32 MB get (README, Reliability).
    bool deepCheckSet = false;
    const qint64 deepCheckBytes = qEnvironmentVariableIntValue("DURABLE_DEEP_CHECK_BYTES", &deepCheckSet);
    if (deepCheckSet)
        engineOptions.deepCheckBytes = deepCheckBytes;
    // Saved script versions go into the registry before any worker runs, so an instance resumes
    // on the version it started with; the latest saved version becomes the default.
    const auto stored = durable::script::registerStoredScripts(engineOptions, m_registry);
    auto engine = durable::Engine::open(engineOptions, m_registry);
    if (!engine) {
        reportOpenFailure(engine.error());
        return false;
    }
    if (!stored) {
        // Not fatal: only instances on the versions that failed to load cannot go on.
        m_startupWarning
            = durable::views::ErrorText::report(tr("Saved scripts could not all be loaded."), stored.error());
        std::fprintf(stderr, "%s\n", qUtf8Printable(m_startupWarning));
    }
    m_engine = std::move(*engine);
    return true;
}

void Workbench::showMainWindow()
{
    Q_ASSERT(m_engine);
    m_window = std::make_unique<MainWindow>(m_hubPath);
    auto *content = new durable::views::WorkbenchWidget(m_engine.get());
    m_content = content;
    auto *loadApp = new QAction(tr("&Load App…"), m_window.get());
    loadApp->setObjectName(u"loadAppAction"_s);
    loadApp->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    loadApp->setStatusTip(tr("Load a C++ plugin that registers orchestrators and activities"));
    QObject::connect(loadApp, &QAction::triggered, m_window.get(), [this] { chooseApp(); });
    m_window->addFileAction(loadApp);
    auto *check = new QAction(tr("Check &Integrity"), m_window.get());
    check->setObjectName(u"checkIntegrityAction"_s);
    check->setStatusTip(tr("Read the whole task hub file and report damaged pages (PRAGMA integrity_check)"));
    QObject::connect(check, &QAction::triggered, content->damageBanner(),
                     &durable::views::DamageBanner::checkIntegrity);
    m_window->addFileAction(check);
    m_window->addContentMenu(content->createMenu(m_window.get()));
    m_window->setContent(content);
    m_design = std::make_unique<durable::script::ScriptDesignService>(*m_engine, m_registry);
    auto *designer = content->createDesigner(m_design.get(), m_window.get());
    auto *dock = m_window->addDock(designer, tr("Designer"), u"designer"_s, Qt::RightDockWidgetArea);
    dock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    // An editor needs room the instance views cannot spare: it opens as a window of its own
    // (View ▸ Designer) and can be docked on the right.
    dock->setFloating(true);
    dock->resize(1000, 820);
    dock->hide();
    designer->guardClose(m_window.get());
    auto *http = new HttpPanel(*m_engine, m_options.httpPort, m_options.httpBind, m_options.httpKeyFile);
    http->setAllowedHosts(m_options.httpHosts);
    auto *httpDock = m_window->addDock(http, tr("HTTP API"), u"httpApi"_s, Qt::BottomDockWidgetArea);
    httpDock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    // Hidden until asked for; it reads the key only when the API is switched on.
    httpDock->hide();
    m_workers = new WorkersPanel(*m_engine, m_options.grpcPort, m_options.grpcBind, m_options.httpKeyFile);
    auto *workersDock = m_window->addDock(m_workers, tr("Workers"), u"workers"_s, Qt::BottomDockWidgetArea);
    // Ctrl+Shift+W is Rewind; K as in worKers.
    workersDock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    workersDock->toggleViewAction()->setStatusTip(tr("SDK workers connected over the Durable Task sidecar (gRPC)"));
    QObject::connect(m_workers, &WorkersPanel::remoteNamesChanged, content,
                     &durable::views::WorkbenchWidget::setRemoteNames);
    m_window->tabifyDockWidget(httpDock, workersDock);
    // Opened, the panels take at most a quarter of the height: the timeline above needs it more.
    limitHeightOnFirstOpen(m_window.get(), httpDock, 0.25);
    limitHeightOnFirstOpen(m_window.get(), workersDock, 0.25);
    if (m_options.grpcPort) {
        // Asked for on the command line: serving from the start, and in view.
        m_workers->setServing(true);
        workersDock->show();
        workersDock->raise();
    } else {
        workersDock->hide();
    }
    if (!m_startupWarning.isEmpty())
        content->banner()->showMessage(m_startupWarning);
    m_window->show();
}

bool Workbench::loadApp(const QString &path, QString *message)
{
    auto loaded = durable::script::loadPlugin(path, m_registry);
    if (!loaded) {
        *message = durable::views::ErrorText::report(tr("Could not load %1.").arg(QDir::toNativeSeparators(path)),
                                                     loaded.error());
        return false;
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

void Workbench::reportOpenFailure(const durable::Error &error) const
{
    const QString text = durable::views::ErrorText::hubOpenFailed(m_hubPath, error);
    std::fprintf(stderr, "%s\n", qUtf8Printable(text));
    std::fflush(stderr);
    if (hasInteractiveDisplay()) {
        QMessageBox::critical(nullptr, tr("Durable Workbench"), text);
    }
}
