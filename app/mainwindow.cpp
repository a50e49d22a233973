#include "mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>

using namespace Qt::StringLiterals;

MainWindow::MainWindow(const QString &hubPath, QWidget *parent)
    : QMainWindow(parent)
    , m_hubPath(hubPath)
{
    setObjectName(u"MainWindow"_s);
    setWindowTitle(tr("Durable Workbench — %1").arg(QDir::toNativeSeparators(hubPath)));
    resize(1100, 700);
    createMenus();

    auto *hubLabel = new QLabel(tr("Task hub: %1").arg(QDir::toNativeSeparators(hubPath)));
    hubLabel->setAlignment(Qt::AlignCenter);
    hubLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setCentralWidget(hubLabel);
}

void MainWindow::setContent(QWidget *widget)
{
    setCentralWidget(widget);
}

void MainWindow::addFileAction(QAction *action)
{
    action->setParent(this);
    m_fileMenu->insertAction(m_quitAction, action);
    if (m_fileMenu->actions().size() == 2)
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
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    m_fileMenu = fileMenu;
    QAction *quit = fileMenu->addAction(tr("&Quit"));
    m_quitAction = quit;
    quit->setObjectName(u"quitAction"_s);
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);
    // Closing the last window ends the application, and lets the window veto or save state later.
    connect(quit, &QAction::triggered, this, &QWidget::close);

    m_helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction *about = m_helpMenu->addAction(tr("&About Durable Workbench"));
    about->setObjectName(u"aboutAction"_s);
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
    QAction *aboutQt = m_helpMenu->addAction(tr("About &Qt"));
    aboutQt->setMenuRole(QAction::AboutQtRole);
    connect(aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About Durable Workbench"),
        tr("<h3>Durable Workbench %1</h3>"
           "<p>Runs durable orchestrations on an embedded SQLite task hub and shows their instances, "
           "histories and logs.</p>"
           "<p>Task hub: %2</p>")
            .arg(QCoreApplication::applicationVersion(), QDir::toNativeSeparators(m_hubPath).toHtmlEscaped()));
}
