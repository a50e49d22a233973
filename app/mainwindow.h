#pragma once

#include <QMainWindow>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;

/// The workbench's main window: a shell with the menu bar (File: New Hub…, Open Hub…, Open
/// Recent, Quit; Help: Keyboard Shortcuts, About) whose central area and docks are filled by the
/// views. The title names the open task hub. Opening hubs is the owner's (Workbench) job: the
/// window only asks for it with its signals.
///
/// Layout persistence (QSettings group "mainWindow"): restoreGeometryFromSettings() before the
/// first show, restoreLayout() once every dock is added; the layout is saved when the window
/// closes (or with saveLayout()).
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(const QString &hubPath, QWidget *parent = nullptr);

    QString hubPath() const { return m_hubPath; }
    /// Names another open hub: the title shows its file name, the status bar and About its path.
    void setHubPath(const QString &hubPath);

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
    /// and before View and Help, so that Help stays last. The window takes ownership; deleting
    /// the menu removes it from the bar.
    void addContentMenu(QMenu *menu);

    /// Adds `action` to the File menu, between the hub actions and Quit. The window takes ownership.
    void addFileAction(QAction *action);

    /// The View menu; nullptr until the first addDock().
    QMenu *viewMenu() const { return m_viewMenu; }
    /// File ▸ Open Recent, filled from RecentHubs each time it is shown (see refreshRecentMenu()).
    QMenu *recentMenu() const { return m_recentMenu; }
    /// Rebuilds Open Recent: the hubs of RecentHubs, most recent first, those whose file is gone
    /// disabled, then Clear Menu.
    void refreshRecentMenu();

    /// The About box's text (rich text): version, Qt at run time, SQLite, the hub's path and
    /// schema version.
    QString aboutText() const;

    /// The first window on a screen whose available area is `available`: four fifths of it in
    /// each direction, centred.
    static QRect initialGeometry(const QRect &available);
    /// The geometry saved at the last close, or initialGeometry() on the window's screen when
    /// none was saved. Call before the first show().
    void restoreGeometryFromSettings();
    /// Docks' and tool bars' state saved at the last close; call after every dock was added.
    /// False when nothing (or something unusable) was saved.
    bool restoreLayout();
    /// Saves geometry and dock state (done by closeEvent()).
    void saveLayout() const;

Q_SIGNALS:
    /// File ▸ New Hub…: the owner asks for a file and switches to it.
    void newHubRequested();
    /// File ▸ Open Hub…: the owner asks for a file and switches to it.
    void openHubRequested();
    /// File ▸ Open Hub at URL…
    void openHubUrlRequested();
    /// An Open Recent entry was chosen.
    void recentHubRequested(const QString &path);
    /// The window is about to close (after the close was accepted): the content saves its state.
    void closing();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void showAbout();
    void showShortcuts();

    QString m_hubPath;
    QLabel *m_hubLabel = nullptr;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_recentMenu = nullptr;
    QAction *m_hubActionsEnd = nullptr; ///< separator after the hub actions
    QAction *m_quitAction = nullptr;
    QMenu *m_helpMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
};
