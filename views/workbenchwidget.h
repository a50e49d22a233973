#pragma once

#include <designservice.h>
#include <hubclient.h>

#include <QWidget>

class QMenu;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QToolBar;

namespace durable::models {
class CatalogModel;
}

namespace durable::views {

class ForkDialog;
class ApprovalInbox;
class Banner;
class CompareDialog;
class CopyAsCurl;
class ListExporter;
class WorkersBanner;
class DamageBanner;
class Dashboard;
class DesignerPage;
class InstanceActions;
class InstanceDetail;
class InstanceListView;
class WelcomePage;

/// The whole workbench in one widget, for app/MainWindow to host: catalog, approval inbox and
/// dashboard on the left; the live instance list (or the welcome page on an empty hub) above the
/// instance detail on the right; a banner for background errors; the instance actions in a tool
/// bar (and in menu() for the window's menu bar). Layout and column state persist in QSettings.
class WorkbenchWidget : public QWidget {
    Q_OBJECT
public:
    /// `client` must outlive the widget.
    explicit WorkbenchWidget(HubClient *client, QWidget *parent = nullptr);
    ~WorkbenchWidget() override;

    /// An "Instance" menu with every action, parented to `parent`.
    QMenu *createMenu(QWidget *parent) const;
    void saveState() const;
    void restoreState();

    InstanceActions *actions() const { return m_actions; }
    /// Copy as curl for the current instance (in the Instance menu, the tool bar and the list's
    /// context menu).
    CopyAsCurl *copyAsCurl() const { return m_curl; }
    /// Exports what the instance list's filters match (File ▸ Export List…).
    ListExporter *listExporter() const { return m_exporter; }
    /// Asks for a file and exports the instance list with its current filters and order.
    void exportList();
    /// Keyboard navigation: go to id (Ctrl+G), filter by id (Ctrl+F), the instance list (Ctrl+L),
    /// the history timeline (Ctrl+T). Also in createMenu().
    QList<QAction *> navigationActions() const { return m_navigation; }
    InstanceListView *instanceList() const { return m_list; }
    InstanceDetail *detail() const { return m_detail; }
    ApprovalInbox *inbox() const { return m_inbox; }
    Dashboard *dashboard() const { return m_dashboard; }
    Banner *banner() const { return m_banner; }
    WorkersBanner *workersBanner() const { return m_workersBanner; }
    /// The hub's health: shown while the hub is damaged and for integrity check results.
    DamageBanner *damageBanner() const { return m_damageBanner; }
    QTabWidget *sideTabs() const { return m_sideTabs; }
    QTableView *catalog() const { return m_catalog; }
    /// Re-reads the registry into the catalog (after a plugin or script registered more).
    void reloadCatalog();
    /// The orchestrator and activity names SDK workers run, listed in the catalog as remote.
    void setRemoteNames(const QStringList &orchestrators, const QStringList &activities);
    /// The one way to make an instance current: the details show it and the list selects it (or,
    /// when the filters hide it, selects nothing and says why). The list's own selection comes
    /// back through InstanceListView::currentInstanceChanged.
    void showInstance(const QString &instanceId);
    WelcomePage *welcome() const { return m_welcome; }
    bool isWelcomeShown() const;
    /// Fork from here… (Ctrl+Alt+F): a what-if fork of the current instance at the history's
    /// current event (its last when none is current). Also in createMenu().
    QAction *forkAction() const { return m_forkAction; }
    /// Opens the fork dialog for the current instance at `sequence`; a fork it creates is shown.
    /// Returns the dialog (window-modal, deleted on close), or nullptr without a current instance.
    ForkDialog *openForkDialog(qint64 sequence);

    /// Follows a link from the current instance to another (a parent, a sub-orchestration): shows
    /// it like showInstance() and remembers where it came from, for Back.
    void followLink(const QString &instanceId);
    /// Back (Alt+Left, and in the tool bar): the instance shown before the last followed link;
    /// disabled while there is none.
    QAction *backAction() const { return m_backAction; }
    /// The instances Back returns to, the most recent last.
    QStringList backHistory() const { return m_back; }
    /// Compare two runs (Ctrl+D): enabled while exactly two instances are selected in the list.
    QAction *compareAction() const { return m_compareAction; }
    /// Opens the comparison of two instances (non-modal, deleted on close).
    CompareDialog *openComparison(const QString &leftId, const QString &rightId);

    /// A Designer for the host to place (a dock in the app), parented to `parent` and wired to
    /// this workbench: saved versions reload the catalog, started instances are shown here.
    /// `design` is the design service of the same hub and must outlive the Designer.
    DesignerPage *createDesigner(DesignService *design, QWidget *parent);

protected:
    void showEvent(QShowEvent *event) override;

private:
    QWidget *createCatalog();
    void createNavigation();
    void showBackgroundError(const QString &message);
    void showList();

    HubClient *m_client;
    InstanceActions *m_actions;
    CopyAsCurl *m_curl;
    ListExporter *m_exporter;
    Banner *m_banner;
    WorkersBanner *m_workersBanner;
    DamageBanner *m_damageBanner;
    QSplitter *m_mainSplitter;
    QSplitter *m_rightSplitter;
    QTabWidget *m_sideTabs;
    models::CatalogModel *m_catalogModel;
    QTableView *m_catalog;
    ApprovalInbox *m_inbox;
    Dashboard *m_dashboard;
    QStackedWidget *m_listStack;
    WelcomePage *m_welcome;
    InstanceListView *m_list;
    InstanceDetail *m_detail;
    QToolBar *m_toolBar;
    QList<QAction *> m_navigation;
    QAction *m_backAction;
    QAction *m_compareAction;
    QStringList m_back;
    QAction *m_forkAction = nullptr;
    bool m_splittersPlaced = false; ///< restored from settings, or placed at the first show
};

} // namespace durable::views
