#pragma once

#include <QMainWindow>

class QAction;
class QDockWidget;
class QMenu;

/// The workbench's main window: a shell with the menu bar (File ▸ Quit, Help ▸ About) whose
/// central area and docks are filled by the views. The title names the open task hub.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(const QString &hubPath, QWidget *parent = nullptr);

    QString hubPath() const { return m_hubPath; }

    /// Puts `widget` in the central area, replacing (and deleting) what was there; the window
    /// takes ownership. Until it is called, the central area shows which hub is open.
    void setContent(QWidget *widget);

    /// Adds `widget` in a dock at `area` and a toggle for it to the View menu (created with the
    /// first dock, so a window without docks has no empty menu). `objectName` must be unique and
    /// stable: saveState()/restoreState() identify docks by it. The window takes ownership of
    /// both the widget and the returned dock.
    QDockWidget *addDock(QWidget *widget, const QString &title, const QString &objectName,
                         Qt::DockWidgetArea area = Qt::LeftDockWidgetArea);

    /// Adds a menu of the content (e.g. Instance) to the menu bar, after the ones added before it
    /// and before View and Help, so that Help stays last. The window takes ownership.
    void addContentMenu(QMenu *menu);

    /// Adds `action` to the File menu, above Quit. The window takes ownership.
    void addFileAction(QAction *action);

    /// The View menu; nullptr until the first addDock().
    QMenu *viewMenu() const { return m_viewMenu; }

private:
    void createMenus();
    void showAbout();

    QString m_hubPath;
    QMenu *m_fileMenu = nullptr;
    QAction *m_quitAction = nullptr;
    QMenu *m_helpMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
};
