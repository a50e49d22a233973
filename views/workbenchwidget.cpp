#include "workbenchwidget.h"

#include "approvalinbox.h"
#include "banner.h"
#include "bulkactions.h"
#include "catalogproxy.h"
#include "comparedialog.h"
#include "contextmenus.h"
#include "curlaction.h"
#include "damagebanner.h"
#include "dashboard.h"
#include "designerpage.h"
#include "errortext.h"
#include "filterbar.h"
#include "forkdialog.h"
#include "historypage.h"
#include "instanceactions.h"
#include "instancedetail.h"
#include "instancelistview.h"
#include "listexporter.h"
#include "summarypage.h"
#include "timelineview.h"
#include "welcomepage.h"
#include "workersbanner.h"

#include <catalogmodel.h>

#include <QAction>
#include <QHeaderView>
#include <QMenu>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace durable::views {

namespace {
    const QString SettingsGroup = QStringLiteral("workbench");
}

WorkbenchWidget::WorkbenchWidget(HubClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_actions(new InstanceActions(client, this))
    , m_curl(new CopyAsCurl(this))
    , m_exporter(new ListExporter(client, this))
    , m_banner(new Banner(this))
    , m_workersBanner(new WorkersBanner(client, this))
    , m_damageBanner(new DamageBanner(client, this))
    , m_mainSplitter(new QSplitter(Qt::Horizontal, this))
    , m_rightSplitter(new QSplitter(Qt::Vertical, this))
    , m_sideTabs(new QTabWidget(this))
    , m_catalogModel(new models::CatalogModel(client->registry(), this))
    , m_catalog(new QTableView(this))
    , m_inbox(new ApprovalInbox(client, m_actions, this))
    , m_dashboard(new Dashboard(client, this))
    , m_listStack(new QStackedWidget(this))
    , m_welcome(new WelcomePage(client->registry(), this))
    , m_list(new InstanceListView(client, this))
    , m_detail(new InstanceDetail(client, this))
    , m_toolBar(new QToolBar(tr("Instance actions"), this))
    , m_backAction(new QAction(tr("&Back"), this))
    , m_compareAction(new QAction(tr("Co&mpare two runs"), this))
{
    setObjectName(QStringLiteral("workbench"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_damageBanner);
    layout->addWidget(m_banner);
    layout->addWidget(m_workersBanner);
    createNavigation();
    m_toolBar->addAction(m_backAction);
    m_toolBar->addSeparator();
    for (auto *action : m_actions->actions())
        m_toolBar->addAction(action);
    m_toolBar->addAction(m_curl->action());
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    layout->addWidget(m_toolBar);
    addActions(m_actions->actions()); // shortcuts work while the widget's window is active
    addAction(m_curl->action());
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_compareAction);

    m_sideTabs->addTab(createCatalog(), tr("&Catalog"));
    m_sideTabs->addTab(m_inbox, tr("Approval i&nbox"));
    m_sideTabs->addTab(m_dashboard, tr("&Dashboard"));
    m_listStack->addWidget(m_list);
    // The welcome text scrolls rather than claim the height of the pane (see the minimums below).
    auto *welcomeScroll = new QScrollArea(this);
    welcomeScroll->setObjectName(QStringLiteral("welcomeScroll"));
    welcomeScroll->setFrameShape(QFrame::NoFrame);
    welcomeScroll->setWidgetResizable(true);
    welcomeScroll->setWidget(m_welcome);
    m_listStack->addWidget(welcomeScroll);
    m_rightSplitter->addWidget(m_listStack);
    m_rightSplitter->addWidget(m_detail);
    m_rightSplitter->setStretchFactor(1, 2);
    m_mainSplitter->addWidget(m_sideTabs);
    m_mainSplitter->addWidget(m_rightSplitter);
    m_mainSplitter->setStretchFactor(1, 3);
    m_mainSplitter->setSizes({ 430, 1000 }); // start-up only; restoreState() may replace it
    // The panes' minimum sizes are fixed here rather than derived from their contents: a long
    // custom status or a wide chart then neither moves a splitter nor widens the window. Only
    // dragging a handle moves one, and no pane collapses to nothing on the way.
    const int em = fontMetrics().averageCharWidth();
    const int line = fontMetrics().height();
    m_sideTabs->setMinimumSize(24 * em, 12 * line);
    m_listStack->setMinimumSize(40 * em, 8 * line);
    m_detail->setMinimumSize(40 * em, 12 * line);
    for (auto *splitter : { m_mainSplitter, m_rightSplitter })
        splitter->setChildrenCollapsible(false);
    layout->addWidget(m_mainSplitter, 1);

    connect(m_list, &InstanceListView::currentInstanceChanged, m_detail, &InstanceDetail::setInstanceId);
    connect(m_detail, &InstanceDetail::currentInfoChanged, m_actions, &InstanceActions::setCurrent);
    connect(m_detail, &InstanceDetail::currentInfoChanged, m_curl, &CopyAsCurl::setCurrent);
    m_actions->setSelectionSource([list = QPointer<InstanceListView>(m_list)] {
        return list ? list->selectedInstances() : QList<models::BulkJob::Target> {};
    });
    connect(m_list, &InstanceListView::selectionChanged, m_actions, &InstanceActions::selectionChanged);
    connect(m_list->table(), &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        auto *menu = createInstanceListMenu(m_actions, m_list, this, m_compareAction);
        menu->insertAction(menu->actions().value(1), m_curl->action()); // after Copy id
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_list->table()->viewport()->mapToGlobal(pos));
    });
    connect(m_list->model(), &models::InstanceListModel::pageApplied, this,
            [this] { m_actions->setFilter(m_list->model()->query()); });
    connect(m_actions, &InstanceActions::instanceStarted, this, [this](const QString &id) {
        showList();
        showInstance(id);
    });
    connect(m_inbox, &ApprovalInbox::instanceActivated, this, &WorkbenchWidget::showInstance);
    // What the user just did shows at once, also while the pointer rests on the list and holds
    // live updates back (a purged row must not linger under it).
    connect(m_actions, &InstanceActions::commandSucceeded, m_list->model(), &models::InstanceListModel::refresh);
    connect(m_detail->summary(), &SummaryPage::fireTimerRequested, m_actions, &InstanceActions::fireTimer);
    connect(m_detail->summary(), &SummaryPage::raiseRequested, m_actions, &InstanceActions::openRaiseDialog);
    connect(m_detail->summary(), &SummaryPage::instanceLinkActivated, this, &WorkbenchWidget::followLink);
    connect(m_detail->history(), &HistoryPage::instanceLinkActivated, this, &WorkbenchWidget::followLink);
    connect(m_list, &InstanceListView::selectionChanged, this,
            [this] { m_compareAction->setEnabled(m_list->selectedInstances().size() == 2); });
    m_forkAction = new QAction(tr("F&ork from here…"), this);
    m_forkAction->setObjectName(QStringLiteral("forkFromHereAction"));
    m_forkAction->setShortcut(QKeySequence(tr("Ctrl+Alt+F")));
    m_forkAction->setShortcutContext(Qt::WindowShortcut);
    m_forkAction->setEnabled(false);
    addAction(m_forkAction);
    connect(m_forkAction, &QAction::triggered, this,
            [this] { openForkDialog(m_detail->history()->currentSequence()); });
    connect(m_detail->history(), &HistoryPage::forkRequested, this, &WorkbenchWidget::openForkDialog);
    connect(m_detail, &InstanceDetail::currentInfoChanged, m_forkAction,
            [this](const std::optional<InstanceInfo> &info) {
                m_forkAction->setEnabled(info && info->status != RuntimeStatus::Pending);
            });
    connect(m_welcome, &WelcomePage::startRequested, this,
            [this](const QString &name, const QJsonValue &input) { m_actions->start(name, input); });
    connect(m_welcome, &WelcomePage::dismissed, this, &WorkbenchWidget::showList);
    connect(m_dashboard, &Dashboard::countsChanged, this, [this](const QList<qint64> &counts) {
        // First launch: greet an empty hub once; any instance brings the list back.
        qint64 total = 0;
        for (auto c : counts)
            total += c;
        if (total == 0 && !property("welcomed").toBool()) {
            setProperty("welcomed", true);
            m_listStack->setCurrentWidget(m_welcome->parentWidget()->parentWidget()); // its scroll area
        } else if (total > 0 && isWelcomeShown()) {
            showList();
        }
    });
    connect(client, &HubClient::backgroundError, this, [this](const Error &error) {
        showBackgroundError(ErrorText::report(tr("The engine reported a problem."), error));
    });
    connect(m_list, &InstanceListView::backgroundError, this, &WorkbenchWidget::showBackgroundError);
    connect(m_dashboard, &Dashboard::backgroundError, this, &WorkbenchWidget::showBackgroundError);
    connect(m_detail->tracker(), &models::InstanceTracker::errorOccurred, this, [this](const Error &error) {
        // A purged selection is not a failure; a damaged page is the damage banner's to explain.
        if (error.code != ErrorCode::NotFound && !(error.code == ErrorCode::Corrupt && m_client->damage()))
            showBackgroundError(ErrorText::report(tr("Could not read the instance."), error));
    });
    connect(m_inbox->model(), &models::ApprovalInboxModel::errorOccurred, this, [this](const Error &error) {
        showBackgroundError(ErrorText::report(tr("Could not read the inbox."), error));
    });
    restoreState();
    m_dashboard->reload(); // its first read may have finished before the connections above
}

WorkbenchWidget::~WorkbenchWidget()
{
    saveState();
}

QWidget *WorkbenchWidget::createCatalog()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    m_catalog->setParent(page);
    auto *proxy = new CatalogProxy(page);
    proxy->setSourceModel(m_catalogModel);
    m_catalog->setModel(proxy);
    m_catalog->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_catalog->setTabKeyNavigation(false); // rows are chosen with the arrows; Tab moves on
    m_catalog->setSelectionMode(QAbstractItemView::SingleSelection);
    m_catalog->verticalHeader()->hide();
    m_catalog->horizontalHeader()->setStretchLastSection(true);
    m_catalog->setWordWrap(true);
    m_catalog->setColumnWidth(models::CatalogModel::Name, 190);
    m_catalog->setColumnWidth(models::CatalogModel::Version, 60);
    auto *start = new QPushButton(tr("Start…"), page);
    start->setObjectName(QStringLiteral("catalogStart"));
    auto startSelected = [this] {
        const auto index = m_catalog->currentIndex();
        // Remote orchestrators are started from the SDK's client: the Start dialog offers only
        // the registered ones.
        if (index.isValid() && !index.data(models::CatalogModel::RemoteRole).toBool())
            m_actions->openStartDialog(index.data(models::CatalogModel::NameRole).toString());
        else
            m_actions->openStartDialog();
    };
    connect(start, &QPushButton::clicked, this, startSelected);
    connect(m_catalog, &QTableView::activated, this, startSelected);
    layout->addWidget(m_catalog, 1);
    layout->addWidget(start);
    setTabOrder(m_catalog, start);
    return page;
}

void WorkbenchWidget::createNavigation()
{
    const auto add = [this](const QString &text, const QString &shortcut, const QString &name, auto slot) {
        auto *action = new QAction(text, this);
        action->setObjectName(name);
        action->setShortcut(QKeySequence(shortcut));
        action->setShortcutContext(Qt::WindowShortcut);
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
        m_navigation.append(action);
    };
    add(tr("&Go to instance id…"), tr("Ctrl+G"), QStringLiteral("navigateGoTo"), [this] {
        showList();
        m_list->focusGoTo();
    });
    add(tr("Filter by i&d…"), tr("Ctrl+F"), QStringLiteral("navigateFilter"), [this] {
        showList();
        m_list->filterBar()->focusIdFilter();
    });
    add(tr("Instance &list"), tr("Ctrl+L"), QStringLiteral("navigateList"), [this] {
        showList();
        m_list->table()->setFocus(Qt::ShortcutFocusReason);
    });
    add(tr("History &timeline"), tr("Ctrl+T"), QStringLiteral("navigateTimeline"), [this] {
        m_detail->setCurrentIndex(InstanceDetail::History);
        m_detail->history()->timeline()->setFocus(Qt::ShortcutFocusReason);
    });
    // Back after following a parent or child link. Alt+Left is the platforms' Back key.
    m_backAction->setObjectName(QStringLiteral("navigateBack"));
    m_backAction->setShortcut(QKeySequence(tr("Alt+Left")));
    m_backAction->setShortcutContext(Qt::WindowShortcut);
    m_backAction->setToolTip(tr("Back to the instance shown before the last link followed (Alt+Left)"));
    m_backAction->setEnabled(false);
    connect(m_backAction, &QAction::triggered, this, [this] {
        if (m_back.isEmpty())
            return;
        const QString previous = m_back.takeLast();
        m_backAction->setEnabled(!m_back.isEmpty());
        showInstance(previous);
    });
    addAction(m_backAction);
    m_navigation.append(m_backAction);
    // Two selected rows compared side by side; Ctrl+Shift+D is the Designer's.
    m_compareAction->setObjectName(QStringLiteral("compareRuns"));
    m_compareAction->setShortcut(QKeySequence(tr("Ctrl+D")));
    m_compareAction->setShortcutContext(Qt::WindowShortcut);
    m_compareAction->setToolTip(tr("Compare the two selected instances' histories side by side (Ctrl+D)"));
    m_compareAction->setEnabled(false);
    connect(m_compareAction, &QAction::triggered, this, [this] {
        const auto selected = m_list->selectedInstances();
        if (selected.size() == 2)
            openComparison(selected.at(0).instanceId, selected.at(1).instanceId);
    });
    addAction(m_compareAction);
    m_navigation.append(m_compareAction);
}

void WorkbenchWidget::followLink(const QString &instanceId)
{
    const QString current = m_detail->tracker()->instanceId();
    if (instanceId.isEmpty() || instanceId == current)
        return;
    if (!current.isEmpty()) {
        m_back.append(current);
        if (m_back.size() > 100) // a long walk keeps its last hundred steps
            m_back.removeFirst();
        m_backAction->setEnabled(true);
    }
    showInstance(instanceId);
}

CompareDialog *WorkbenchWidget::openComparison(const QString &leftId, const QString &rightId)
{
    auto *dialog = new CompareDialog(m_client, leftId, rightId, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

QMenu *WorkbenchWidget::createMenu(QWidget *parent) const
{
    auto *menu = new QMenu(tr("&Instance"), parent);
    const auto actions = m_actions->actions();
    for (int i = 0; i < actions.size(); ++i) {
        menu->addAction(actions.at(i));
        if (i == 1 || i == 4 || i == 9)
            menu->addSeparator();
    }
    menu->addAction(m_forkAction);
    menu->addSeparator();
    menu->addMenu(m_actions->bulk()->createFilteredMenu(menu));
    menu->addSeparator();
    menu->addAction(m_curl->action());
    menu->addSeparator();
    menu->addActions(m_navigation);
    return menu;
}

void WorkbenchWidget::exportList()
{
    m_exporter->exportList(m_list->model()->query());
}

DesignerPage *WorkbenchWidget::createDesigner(DesignService *design, QWidget *parent)
{
    auto *designer = new DesignerPage(m_client, design, parent);
    connect(designer, &DesignerPage::versionSaved, m_catalogModel, &models::CatalogModel::reload);
    connect(designer, &DesignerPage::instanceStarted, m_actions, &InstanceActions::instanceStarted);
    connect(m_detail->summary(), &SummaryPage::openInDesignerRequested, designer, &DesignerPage::openScriptAt);
    return designer;
}

void WorkbenchWidget::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_splittersPlaced)
        return;
    // Start-up only, without saved state: list and details share the height about evenly (from
    // the panes' size hints the details would get nearly all of it). Afterwards only the user
    // moves a handle.
    m_splittersPlaced = true;
    const int height = m_rightSplitter->height() - m_rightSplitter->handleWidth();
    m_rightSplitter->setSizes({ height * 9 / 20, height - height * 9 / 20 });
}

ForkDialog *WorkbenchWidget::openForkDialog(qint64 sequence)
{
    const auto &info = m_detail->tracker()->info();
    if (!info || info->status == RuntimeStatus::Pending)
        return nullptr;
    InstanceInfo instance = *info;
    instance.history = m_detail->tracker()->history();
    if (instance.history->isEmpty())
        return nullptr;
    auto *dialog = new ForkDialog(m_client, instance, sequence >= 0 ? sequence : instance.history->size() - 1, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &ForkDialog::forked, this, [this](const QString &id) {
        showList();
        showInstance(id);
        m_list->model()->refresh();
    });
    dialog->open();
    return dialog;
}

void WorkbenchWidget::showInstance(const QString &instanceId)
{
    m_detail->setInstanceId(instanceId);
    m_list->goToInstance(instanceId); // selects it when loaded, and no other row until then
}

bool WorkbenchWidget::isWelcomeShown() const
{
    return m_listStack->currentWidget()->isAncestorOf(m_welcome);
}

void WorkbenchWidget::showList()
{
    m_listStack->setCurrentWidget(m_list);
}

void WorkbenchWidget::showBackgroundError(const QString &message)
{
    m_banner->showMessage(message);
}

void WorkbenchWidget::saveState() const
{
    QSettings settings;
    settings.setValue(SettingsGroup + QStringLiteral("/mainSplitter"), m_mainSplitter->saveState());
    settings.setValue(SettingsGroup + QStringLiteral("/rightSplitter"), m_rightSplitter->saveState());
    settings.setValue(SettingsGroup + QStringLiteral("/sideTab"), m_sideTabs->currentIndex());
    settings.setValue(SettingsGroup + QStringLiteral("/detailTab"), m_detail->currentIndex());
    settings.setValue(SettingsGroup + QStringLiteral("/historyDetailSplitter"),
                      m_detail->history()->detailSplitter()->saveState());
    m_list->saveState(SettingsGroup + QStringLiteral("/list"));
}

void WorkbenchWidget::restoreState()
{
    QSettings settings;
    m_mainSplitter->restoreState(settings.value(SettingsGroup + QStringLiteral("/mainSplitter")).toByteArray());
    if (m_rightSplitter->restoreState(settings.value(SettingsGroup + QStringLiteral("/rightSplitter")).toByteArray()))
        m_splittersPlaced = true;
    m_sideTabs->setCurrentIndex(settings.value(SettingsGroup + QStringLiteral("/sideTab"), 0).toInt());
    m_detail->setCurrentIndex(settings.value(SettingsGroup + QStringLiteral("/detailTab"), 0).toInt());
    m_detail->history()->detailSplitter()->restoreState(
        settings.value(SettingsGroup + QStringLiteral("/historyDetailSplitter")).toByteArray());
    m_list->restoreState(SettingsGroup + QStringLiteral("/list"));
}

void WorkbenchWidget::reloadCatalog()
{
    m_catalogModel->reload();
}

void WorkbenchWidget::setRemoteNames(const QStringList &orchestrators, const QStringList &activities)
{
    m_catalogModel->setRemoteNames(orchestrators, activities);
}

} // namespace durable::views
