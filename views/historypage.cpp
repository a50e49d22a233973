#include "historypage.h"

#include "cursorpanel.h"
#include "eventdetail.h"
#include "timelineview.h"

#include <historyexport.h>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace durable::views {

HistoryPage::HistoryPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new models::HistoryModel(this))
    , m_proxy(new models::HistoryTypeFilterProxy(this))
    , m_typeFilter(new QComboBox(this))
    , m_table(new QTableView(this))
    , m_timeline(new TimelineView(this))
    , m_panel(new CursorPanel(this))
    , m_links(new QLabel(this))
    , m_detail(new EventDetailPane(this))
    , m_detailSplitter(new QSplitter(Qt::Horizontal, this))
    , m_allEventsAction(new QAction(tr("&All events"), this))
    , m_downloadJsonAction(new QAction(tr("&Download history as JSON…"), this))
    , m_exportCsvAction(new QAction(tr("Export history as &CSV…"), this))
{
    m_proxy->setCompact(true);
    m_proxy->setSourceModel(m_model);
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setTabKeyNavigation(false); // rows are chosen with the arrows; Tab moves on
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(models::HistoryModel::Type, 230);

    m_typeFilter->addItem(tr("All events"));
    m_typeFilter->addItem(
        tr("Activities"),
        QVariantList { int(EventType::TaskScheduled), int(EventType::TaskCompleted), int(EventType::TaskFailed) });
    m_typeFilter->addItem(tr("Timers"), QVariantList { int(EventType::TimerCreated), int(EventType::TimerFired) });
    m_typeFilter->addItem(tr("External events"),
                          QVariantList { int(EventType::EventRaised), int(EventType::EventSent) });
    m_typeFilter->addItem(tr("Sub-orchestrations"),
                          QVariantList { int(EventType::SubOrchestrationInstanceCreated),
                                         int(EventType::SubOrchestrationInstanceCompleted),
                                         int(EventType::SubOrchestrationInstanceFailed) });
    m_typeFilter->addItem(tr("Failures"),
                          QVariantList { int(EventType::TaskFailed), int(EventType::SubOrchestrationInstanceFailed),
                                         int(EventType::ExecutionTerminated) });
    for (int t = 0; t <= int(EventType::ExecutionRewound); ++t)
        m_typeFilter->addItem(eventTypeName(EventType(t)), QVariantList { t });
    connect(m_typeFilter, &QComboBox::currentIndexChanged, this, [this] {
        QSet<EventType> types;
        for (const auto &v : m_typeFilter->currentData().toList())
            types.insert(EventType(v.toInt()));
        m_proxy->setAcceptedTypes(types);
    });

    m_allEventsAction->setObjectName(QStringLiteral("historyAllEvents"));
    m_allEventsAction->setCheckable(true);
    m_allEventsAction->setShortcut(QKeySequence(tr("Ctrl+Shift+E")));
    m_allEventsAction->setToolTip(
        tr("Show every event by its engine name, episode markers included (Ctrl+Shift+E); off: the compact view"));
    connect(m_allEventsAction, &QAction::toggled, this, [this](bool all) {
        m_proxy->setCompact(!all);
        m_model->setReadableNames(!all);
        if (m_timeline->cursor() >= 0)
            cursorMoved(m_timeline->cursor()); // the table selects the cursor's row again
    });
    m_downloadJsonAction->setObjectName(QStringLiteral("historyDownloadJson"));
    m_downloadJsonAction->setShortcut(QKeySequence(tr("Ctrl+Shift+S")));
    m_downloadJsonAction->setToolTip(tr("Save the history of the current execution and the instance summary as JSON"));
    connect(m_downloadJsonAction, &QAction::triggered, this, [this] { exportHistory(true); });
    m_exportCsvAction->setObjectName(QStringLiteral("historyExportCsv"));
    m_exportCsvAction->setToolTip(tr("Save the history of the current execution as CSV"));
    connect(m_exportCsvAction, &QAction::triggered, this, [this] { exportHistory(false); });
    for (auto *action : { m_allEventsAction, m_downloadJsonAction })
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_allEventsAction);
    addAction(m_downloadJsonAction);
    m_chooseFile = [this](const QString &title, const QString &suggested, const QString &filter) {
        return QFileDialog::getSaveFileName(this, title, suggested, filter);
    };

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Show:"), this));
    top->addWidget(m_typeFilter);
    const auto button = [this, top](QAction *action) {
        auto *tool = new QToolButton(this);
        tool->setDefaultAction(action);
        top->addWidget(tool);
        return tool;
    };
    button(m_allEventsAction)->setObjectName(QStringLiteral("historyAllEventsButton"));
    top->addSpacing(12);
    m_links->setObjectName(QStringLiteral("historyLinks"));
    m_links->setTextFormat(Qt::RichText);
    m_links->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_links->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    connect(m_links, &QLabel::linkActivated, this, &HistoryPage::instanceLinkActivated);
    top->addWidget(m_links, 1);
    button(m_downloadJsonAction)->setText(tr("Download JSON…"));
    button(m_exportCsvAction)->setText(tr("Export CSV…"));
    layout->addLayout(top);
    m_detailSplitter->setObjectName(QStringLiteral("historyDetailSplitter"));
    m_detailSplitter->addWidget(m_table);
    m_detailSplitter->addWidget(m_detail);
    m_detailSplitter->setStretchFactor(0, 3);
    m_detailSplitter->setStretchFactor(1, 2);
    m_detailSplitter->setChildrenCollapsible(false);
    auto *vertical = new QSplitter(Qt::Vertical, this);
    vertical->addWidget(m_detailSplitter);
    vertical->addWidget(m_timeline);
    vertical->setStretchFactor(1, 2);
    auto *horizontal = new QSplitter(Qt::Horizontal, this);
    horizontal->addWidget(vertical);
    horizontal->addWidget(m_panel);
    horizontal->setStretchFactor(0, 3);
    horizontal->setStretchFactor(1, 1);
    layout->addWidget(horizontal, 1);

    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        auto *menu = createContextMenu(m_table->indexAt(pos), this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_table->viewport()->mapToGlobal(pos));
    });
    connect(m_timeline, &TimelineView::cursorMoved, this, &HistoryPage::cursorMoved);
    // Enter or a double-click on a sub-orchestration's event opens the child.
    connect(m_table, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        const QString child = childInstanceAt(m_model->history(), m_proxy->mapToSource(index).row());
        if (!child.isEmpty())
            Q_EMIT instanceLinkActivated(child);
    });
    connect(m_detail, &EventDetailPane::positionActivated, this, &HistoryPage::selectPosition);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (m_syncing || !current.isValid())
                    return;
                const auto source = m_proxy->mapToSource(current);
                m_timeline->setCursor(source.row()); // emits cursorMoved, which updates the panel
                cursorMoved(source.row());
            });
}

void HistoryPage::setData(const History &history, const QList<LogLine> &logs, const QJsonValue &customStatus,
                          const QDateTime &now)
{
    // Log lines and re-reads arrive far more often than history changes; a finished instance's
    // table and timeline (20,000+ rows for a large fan-out) are built once. `now` set: running, the
    // pending bars grow.
    const bool historyChanged = now.isValid() || history != m_cursor.history() || m_model->rowCount() != history.size();
    if (historyChanged) {
        m_model->setHistory(history);
        m_cursor.setHistory(history);
    }
    m_cursor.setLogs(logs);
    m_cursor.setCurrentCustomStatus(customStatus);
    m_detail->setHistory(history, logs);
    if (historyChanged)
        m_timeline->setHistory(history, now);
    if (m_timeline->cursor() >= 0)
        cursorMoved(m_timeline->cursor());
    else
        m_panel->setState({});
    m_downloadJsonAction->setEnabled(!history.isEmpty());
    m_exportCsvAction->setEnabled(!history.isEmpty());
    updateLinks();
}

QString HistoryPage::childInstanceAt(const History &history, int position)
{
    if (position < 0 || position >= history.size())
        return {};
    const auto &e = history.at(position);
    if (e.type == EventType::SubOrchestrationInstanceCreated)
        return e.data.value(QStringLiteral("instanceId")).toString();
    if (e.type != EventType::SubOrchestrationInstanceCompleted && e.type != EventType::SubOrchestrationInstanceFailed)
        return {};
    // The creation is the latest earlier one with the completion's task id (see HistoryPairing).
    for (int i = position - 1; i >= 0; --i) {
        const auto &created = history.at(i);
        if (created.type == EventType::SubOrchestrationInstanceCreated && created.eventId == e.taskId)
            return created.data.value(QStringLiteral("instanceId")).toString();
    }
    return {};
}

QString HistoryPage::parentInstanceId() const
{
    const auto &history = m_model->history();
    for (const auto &e : history) {
        if (e.type == EventType::ExecutionStarted)
            return e.data.value(QStringLiteral("parentInstanceId")).toString();
    }
    return {};
}

void HistoryPage::updateLinks()
{
    QStringList parts;
    const QString parent = parentInstanceId();
    if (!parent.isEmpty())
        parts << tr("Parent: <a href=\"%1\">%1</a>").arg(parent.toHtmlEscaped());
    const QString child = childInstanceAt(m_model->history(), m_timeline->cursor());
    if (!child.isEmpty())
        parts << tr("Sub-orchestration: <a href=\"%1\">%1</a> (Enter opens it)").arg(child.toHtmlEscaped());
    m_links->setText(parts.join(QStringLiteral(" &nbsp; · &nbsp; ")));
}

void HistoryPage::selectPosition(int position)
{
    m_timeline->setCursor(position);
    cursorMoved(m_timeline->cursor());
}

void HistoryPage::selectSequence(qint64 sequence)
{
    const int row = m_model->rowOfSequence(sequence);
    if (row >= 0)
        selectPosition(row);
}

QJsonObject HistoryPage::eventJson(const HistoryEvent &event)
{
    return models::eventToJson(event);
}

Status HistoryPage::writeHistoryJson(const QString &path) const
{
    InstanceInfo info;
    if (m_info)
        info = *m_info;
    info.history.reset();
    return models::writeFile(
        path, QJsonDocument(models::historyDocument(info, m_model->history())).toJson(QJsonDocument::Indented));
}

Status HistoryPage::writeHistoryCsv(const QString &path) const
{
    return models::writeFile(path, models::historyCsv(m_model->history()));
}

void HistoryPage::exportHistory(bool json)
{
    if (m_model->history().isEmpty())
        return;
    const QString id = m_info ? m_info->instanceId : QStringLiteral("history");
    // Instance ids may hold characters file names cannot.
    QString base = id;
    base.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("_"));
    const QString path = json ? m_chooseFile(tr("Download History as JSON"), base + QStringLiteral("-history.json"),
                                             tr("JSON files (*.json);;All files (*)"))
                              : m_chooseFile(tr("Export History as CSV"), base + QStringLiteral("-history.csv"),
                                             tr("CSV files (*.csv);;All files (*)"));
    if (path.isEmpty())
        return;
    const auto written = json ? writeHistoryJson(path) : writeHistoryCsv(path);
    if (!written)
        QMessageBox::warning(this, tr("Export History"),
                             tr("The history could not be saved: %1").arg(written.error().message));
}

QMenu *HistoryPage::createContextMenu(const QModelIndex &tableIndex, QWidget *parent)
{
    auto *menu = new QMenu(parent);
    menu->setObjectName(QStringLiteral("historyMenu"));
    const int row = tableIndex.isValid() ? m_proxy->mapToSource(tableIndex).row() : -1;
    const bool has = row >= 0 && row < m_model->history().size();
    const auto event = has ? m_model->history().at(row) : HistoryEvent {};
    auto *payload = menu->addAction(tr("Copy &payload"), this, [event] {
        const auto value = models::HistoryModel::payloadOf(event);
        // Any JSON value: wrapped to serialise scalars too, then unwrapped.
        const auto text = QString::fromUtf8(QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Indented));
        QApplication::clipboard()->setText(text.mid(1, text.size() - 3).trimmed());
    });
    payload->setObjectName(QStringLiteral("copyPayload"));
    payload->setEnabled(has && !models::HistoryModel::payloadOf(event).isUndefined());
    auto *copy = menu->addAction(tr("Copy &event"), this, [event] {
        QApplication::clipboard()->setText(
            QString::fromUtf8(QJsonDocument(eventJson(event)).toJson(QJsonDocument::Indented)));
    });
    copy->setObjectName(QStringLiteral("copyEvent"));
    copy->setEnabled(has);
    auto *show = menu->addAction(tr("Show in &timeline"), this, [this, row] {
        selectPosition(row);
        m_timeline->setFocus(Qt::OtherFocusReason);
    });
    show->setObjectName(QStringLiteral("showInTimeline"));
    show->setEnabled(has);
    const QString child = has ? childInstanceAt(m_model->history(), row) : QString();
    if (!child.isEmpty()) {
        auto *open = menu->addAction(tr("&Open sub-orchestration %1").arg(child), this,
                                     [this, child] { Q_EMIT instanceLinkActivated(child); });
        open->setObjectName(QStringLiteral("openChild"));
    }
    menu->addSeparator();
    menu->addAction(m_allEventsAction);
    menu->addAction(m_downloadJsonAction);
    menu->addAction(m_exportCsvAction);
    menu->addSeparator();
    const qint64 sequence = event.sequence;
    auto *fork = menu->addAction(tr("&Fork from here…"), this, [this, sequence] { Q_EMIT forkRequested(sequence); });
    fork->setObjectName(QStringLiteral("forkFromHere"));
    fork->setEnabled(has);
    return menu;
}

QModelIndex HistoryPage::tableIndexAt(int position) const
{
    return m_proxy->mapFromSource(m_model->index(position, 0));
}

qint64 HistoryPage::currentSequence() const
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return -1;
    const int row = m_proxy->mapToSource(current).row();
    return row >= 0 && row < m_model->history().size() ? m_model->history().at(row).sequence : -1;
}

void HistoryPage::cursorMoved(int position)
{
    m_panel->setState(m_cursor.stateAt(position));
    updateLinks();
    m_detail->showPosition(position);
    const auto proxyIndex = m_proxy->mapFromSource(m_model->index(position, 0));
    if (proxyIndex.isValid() && m_table->currentIndex().row() != proxyIndex.row()) {
        m_syncing = true;
        m_table->setCurrentIndex(proxyIndex);
        m_table->scrollTo(proxyIndex);
        m_syncing = false;
    }
}

} // namespace durable::views
