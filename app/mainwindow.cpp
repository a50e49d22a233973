#include "mainwindow.h"

#include "hubinfo.h"
#include "hublocation.h"
#include "hubopen.h"
#include "recenthubs.h"
#include "shortcutsdialog.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>

using namespace Qt::StringLiterals;

namespace {
const QString GeometryKey = u"mainWindow/geometry"_s;
const QString StateKey = u"mainWindow/state"_s;
// Bumped when docks are renamed or removed, so that an older saved state is not applied.
constexpr int LayoutVersion = 1;
} // namespace

MainWindow::MainWindow(const QString &hubPath, QWidget *parent)
    : QMainWindow(parent)
{
    setObjectName(u"MainWindow"_s);
    createMenus();

    m_hubLabel = new QLabel(this);
    m_hubLabel->setObjectName(u"hubLabel"_s);
    m_hubLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addPermanentWidget(m_hubLabel);
    setHubPath(hubPath);

    auto *placeholder = new QLabel(tr("Task hub: %1").arg(HubLocation::withoutPassword(hubPath)));
    placeholder->setAlignment(Qt::AlignCenter);
    placeholder->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setCentralWidget(placeholder);
}

void MainWindow::setHubPath(const QString &hubPath)
{
    m_hubPath = hubPath;
    const QString native
        = durable::isServerHub(hubPath) ? HubLocation::withoutPassword(hubPath) : QDir::toNativeSeparators(hubPath);
    setWindowTitle(tr("%1 — Durable Workbench").arg(HubLocation::displayName(hubPath)));
    if (!durable::isServerHub(hubPath))
        setWindowFilePath(hubPath);
    m_hubLabel->setText(HubLocation::displayName(hubPath));
    m_hubLabel->setToolTip(tr("Task hub: %1").arg(native));
}

void MainWindow::setContent(QWidget *widget)
{
    setCentralWidget(widget);
}

void MainWindow::addFileAction(QAction *action)
{
    action->setParent(this);
    m_fileMenu->insertAction(m_quitAction, action);
    // One separator between the added actions and Quit.
    const auto actions = m_fileMenu->actions();
    if (actions.at(actions.indexOf(m_quitAction) - 1) == action
        && actions.at(actions.indexOf(m_quitAction) - 2) == m_hubActionsEnd)
        m_fileMenu->insertSeparator(m_quitAction);
}

QDockWidget *MainWindow::addDock(QWidget *widget, const QString &title, const QString &objectName,
                                 Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(widget);
    addDockWidget(area, dock);
    if (!m_viewMenu) {
        m_viewMenu = new QMenu(tr("&View"), this);
        menuBar()->insertMenu(m_helpMenu->menuAction(), m_viewMenu);
    }
    m_viewMenu->addAction(dock->toggleViewAction());
    return dock;
}

void MainWindow::addContentMenu(QMenu *menu)
{
    menu->setParent(this, menu->windowFlags());
    menuBar()->insertMenu(m_viewMenu ? m_viewMenu->menuAction() : m_helpMenu->menuAction(), menu);
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *newHub = m_fileMenu->addAction(tr("&New Hub…"));
    newHub->setObjectName(u"newHubAction"_s);
    // No shortcut of its own: Ctrl+N and Ctrl+Shift+N start instances; Alt+F, N reaches it.
    newHub->setStatusTip(tr("Create a new task hub file and switch to it"));
    connect(newHub, &QAction::triggered, this, &MainWindow::newHubRequested);
    QAction *openHub = m_fileMenu->addAction(tr("&Open Hub…"));
    openHub->setObjectName(u"openHubAction"_s);
    openHub->setShortcut(QKeySequence::Open);
    openHub->setStatusTip(tr("Switch to another task hub file"));
    connect(openHub, &QAction::triggered, this, &MainWindow::openHubRequested);
    QAction *openUrl = m_fileMenu->addAction(tr("Open Hub at &URL…"));
    openUrl->setObjectName(u"openHubUrlAction"_s);
    openUrl->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_O));
    openUrl->setStatusTip(tr("Attach to a task hub on a PostgreSQL server, shared with its worker processes"));
    connect(openUrl, &QAction::triggered, this, &MainWindow::openHubUrlRequested);
    m_recentMenu = m_fileMenu->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(u"recentMenu"_s);
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::refreshRecentMenu);
    refreshRecentMenu();
    m_hubActionsEnd = m_fileMenu->addSeparator();

    QAction *quit = m_fileMenu->addAction(tr("&Quit"));
    m_quitAction = quit;
    quit->setObjectName(u"quitAction"_s);
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);
    // Closing the last window ends the application, and lets the window veto or save state.
    connect(quit, &QAction::triggered, this, &QWidget::close);

    m_helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction *shortcuts = m_helpMenu->addAction(tr("&Keyboard Shortcuts"));
    shortcuts->setObjectName(u"shortcutsAction"_s);
    shortcuts->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
    connect(shortcuts, &QAction::triggered, this, &MainWindow::showShortcuts);
    m_helpMenu->addSeparator();
    QAction *about = m_helpMenu->addAction(tr("&About Durable Workbench"));
    about->setObjectName(u"aboutAction"_s);
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
    QAction *aboutQt = m_helpMenu->addAction(tr("About &Qt"));
    aboutQt->setMenuRole(QAction::AboutQtRole);
    connect(aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::refreshRecentMenu()
{
    m_recentMenu->clear();
    const QStringList hubs = RecentHubs::list();
    for (int i = 0; i < hubs.size(); ++i) {
        const QString &path = hubs.at(i);
        // "&1 orders.sqlite": the number is the mnemonic; the folder is in the status tip.
        QString name = HubLocation::displayName(path).replace(u'&', u"&&"_s);
        QAction *entry = m_recentMenu->addAction(i < 9 ? u"&%1 %2"_s.arg(i + 1).arg(name) : name);
        entry->setData(path);
        const QString where = durable::isServerHub(path) ? path : QDir::toNativeSeparators(path);
        entry->setStatusTip(where);
        entry->setToolTip(where);
        // A server hub is checked when it is opened; a file can be seen missing now.
        if (!durable::isServerHub(path) && !QFileInfo::exists(path)) {
            entry->setEnabled(false);
            entry->setText(tr("%1 (missing)").arg(entry->text()));
        } else {
            connect(entry, &QAction::triggered, this, [this, path] { Q_EMIT recentHubRequested(path); });
        }
    }
    if (hubs.isEmpty()) {
        m_recentMenu->addAction(tr("No recent hubs"))->setEnabled(false);
        return;
    }
    m_recentMenu->addSeparator();
    QAction *clear = m_recentMenu->addAction(tr("&Clear Menu"));
    clear->setObjectName(u"clearRecentAction"_s);
    connect(clear, &QAction::triggered, this, [this] {
        RecentHubs::clear();
        refreshRecentMenu();
    });
}

QString MainWindow::aboutText() const
{
    return tr("<h3>Durable Workbench %1</h3>"
              "<p>Runs durable orchestrations on an embedded SQLite task hub and shows their instances, "
              "histories and logs.</p>"
              "<p>Task hub: %2<br>Schema version: %3</p>"
              "<p>Qt %4 · SQLite %5</p>")
        .arg(QCoreApplication::applicationVersion(),
             QDir::toNativeSeparators(HubLocation::withoutPassword(m_hubPath)).toHtmlEscaped())
        .arg(durable::hubSchemaVersion())
        .arg(QString::fromLatin1(qVersion()), durable::sqliteVersion());
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Durable Workbench"), aboutText());
}

void MainWindow::showShortcuts()
{
    // Built from the actions as they are now: plugins and docks added since are included.
    auto *dialog = new ShortcutsDialog(this, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

QRect MainWindow::initialGeometry(const QRect &available)
{
    QRect geometry(0, 0, available.width() * 4 / 5, available.height() * 4 / 5);
    geometry.moveCenter(available.center());
    return geometry;
}

void MainWindow::restoreGeometryFromSettings()
{
    const QByteArray saved = QSettings().value(GeometryKey).toByteArray();
    if (!saved.isEmpty() && restoreGeometry(saved))
        return;
    const QScreen *screen = this->screen() ? this->screen() : QGuiApplication::primaryScreen();
    if (screen)
        setGeometry(initialGeometry(screen->availableGeometry()));
}

bool MainWindow::restoreLayout()
{
    const QByteArray saved = QSettings().value(StateKey).toByteArray();
    return !saved.isEmpty() && restoreState(saved, LayoutVersion);
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.setValue(GeometryKey, saveGeometry());
    settings.setValue(StateKey, saveState(LayoutVersion));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QMainWindow::closeEvent(event);
    if (!event->isAccepted())
        return;
    saveLayout();
    Q_EMIT closing();
}
