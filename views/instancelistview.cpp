#include "instancelistview.h"

#include "errortext.h"
#include "filterbar.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace durable::views {

using models::InstanceListModel;

namespace {
    /// Whether the list's filters let `info` in (the engine's InstanceQuery semantics).
    bool matches(const InstanceQuery &q, const InstanceInfo &info)
    {
        return (q.statuses.isEmpty() || q.statuses.contains(info.status)) && (q.name.isEmpty() || q.name == info.name)
            && info.instanceId.startsWith(q.idPrefix) && info.instanceId.contains(q.idContains)
            && (!q.createdFrom.isValid() || info.createdAt >= q.createdFrom)
            && (!q.createdTo.isValid() || info.createdAt < q.createdTo)
            && (q.parentInstanceId.isEmpty() || q.parentInstanceId == info.parentInstanceId)
            && (!q.onlyAwaitingEvents || !info.waiting.events.isEmpty());
    }

    /// Ids (generated ones especially) differ at their ends: cut them in the middle.
    class MiddleElidingDelegate : public QStyledItemDelegate {
    public:
        using QStyledItemDelegate::QStyledItemDelegate;

    protected:
        void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
        {
            QStyledItemDelegate::initStyleOption(option, index);
            option->textElideMode = Qt::ElideMiddle;
        }
    };
} // namespace

InstanceListView::InstanceListView(HubClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_model(new InstanceListModel(client, this))
    , m_table(new QTableView(this))
    , m_pause(new QToolButton(this))
    , m_goTo(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_note(new QLabel(this))
    , m_waiting(new QLabel(this))
{
    QStringList names;
    for (const auto &info : client->registry().orchestrators())
        names.append(info.name);
    m_filter = new FilterBar(names, this);
    m_model->watch(client);
    m_model->setClock(client->clock());

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *top = new QHBoxLayout;
    m_pause->setText(tr("Pause live updates"));
    m_pause->setCheckable(true);
    m_pause->setToolTip(tr("Stop refreshing the list while you look at it; changes are applied on resume"));
    m_goTo->setPlaceholderText(tr("Go to instance id…"));
    m_goTo->setClearButtonEnabled(true);
    m_goTo->setObjectName(QStringLiteral("goToInstance"));
    m_goTo->setAccessibleName(tr("Go to instance id"));
    m_pause->setObjectName(QStringLiteral("pauseLive"));
    m_table->setObjectName(QStringLiteral("instanceTable"));
    m_table->setAccessibleName(tr("Instances"));
    top->addWidget(m_filter, 1);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    // Go to and pause below the rows, so the filters keep the width of the pane.
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_count);
    bottom->addWidget(m_note, 1);
    bottom->addWidget(m_waiting);
    bottom->addWidget(m_goTo);
    bottom->addWidget(m_pause);
    layout->addLayout(bottom);
    m_goTo->setMinimumWidth(m_goTo->fontMetrics().horizontalAdvance(m_goTo->placeholderText()) + 40);
    m_note->setWordWrap(true);
    m_note->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_note->setObjectName(QStringLiteral("listNote"));
    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_note->hide();
    // Rows that would appear, vanish or move wait while the pointer is on the list; say so.
    m_waiting->setObjectName(QStringLiteral("updatesWaiting"));
    m_waiting->setText(tr("Updates waiting"));
    m_waiting->setToolTip(tr("New, removed or reordered rows are shown when the pointer leaves the list; "
                             "status changes show at once"));
    m_waiting->hide();
    // Live updates wait while the pointer is over the rows (see eventFilter()).
    m_table->viewport()->installEventFilter(this);

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setTabKeyNavigation(false); // rows are chosen with the arrows; Tab moves on
    // Several rows for the bulk commands; the details show the current one.
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true); // Parent fills what is left
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    // Defaults by the font rather than pixels; every column fits its usual content, the ids elide
    // in the middle (where they differ least), and the header scrolls when the pane is narrower.
    const auto chars = [this](int n) { return m_table->fontMetrics().averageCharWidth() * n + 16; };
    const int time = m_table->fontMetrics().horizontalAdvance(QStringLiteral("2026-12-31 23:59:59")) + 16;
    int status = 0;
    for (int s = 0; s < RuntimeStatusCount; ++s)
        status = std::max(status, m_table->fontMetrics().horizontalAdvance(statusName(RuntimeStatus(s))));
    m_table->setItemDelegateForColumn(InstanceListModel::Id, new MiddleElidingDelegate(m_table));
    m_table->horizontalHeader()->setMinimumSectionSize(chars(4));
    m_table->setColumnWidth(InstanceListModel::Id, chars(24));
    m_table->setColumnWidth(InstanceListModel::Name, chars(18));
    m_table->setColumnWidth(InstanceListModel::Status,
                            status + m_table->style()->pixelMetric(QStyle::PM_SmallIconSize) + 32);
    m_table->setColumnWidth(InstanceListModel::Created, time);
    m_table->setColumnWidth(InstanceListModel::LastUpdated, time);
    m_table->setColumnWidth(InstanceListModel::Duration, chars(11));
    m_table->setColumnWidth(InstanceListModel::CustomStatus, chars(22));
    m_table->horizontalHeader()->setSortIndicatorShown(true);
    m_table->horizontalHeader()->setSortIndicator(InstanceListModel::Created, Qt::DescendingOrder);
    m_table->horizontalHeader()->setSectionsClickable(true);
    connect(m_table->horizontalHeader(), &QHeaderView::sortIndicatorChanged, m_model, &InstanceListModel::sort);

    connect(m_pause, &QToolButton::toggled, m_model, &InstanceListModel::setPaused);
    connect(m_filter, &FilterBar::changed, this, &InstanceListView::applyFilter);
    connect(m_goTo, &QLineEdit::returnPressed, this, [this] { goToInstance(m_goTo->text().trimmed(), true); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (m_quiet)
                    return;
                // The user (or a live update removing the row) chose: an instance still awaited is not any more.
                m_pendingSelection.clear();
                m_explainPending = false;
                // A row chosen answers a "Go to" as well; a current row that a live update took
                // away leaves the explanation of a missing id standing.
                if (current.isValid()) {
                    m_goToPending.clear();
                    setNote({});
                }
                m_shown = current.isValid() ? current.data(InstanceListModel::InstanceIdRole).toString() : QString();
                Q_EMIT currentInstanceChanged(m_shown);
            });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &InstanceListView::selectionChanged);
    connect(m_table, &QTableView::clicked, this, [this](const QModelIndex &index) {
        // A click always shows its row, also when it was current already but the details had moved on.
        const auto id = index.data(InstanceListModel::InstanceIdRole).toString();
        m_goToPending.clear();
        if (id != m_shown) {
            m_shown = id;
            setNote({});
            Q_EMIT currentInstanceChanged(id);
        }
    });
    connect(m_model, &InstanceListModel::pageApplied, this, [this] {
        m_count->setText(m_model->canFetchMore({})
                             ? tr("%n instance(s) loaded, scroll for more", nullptr, m_model->rowCount())
                             : tr("%n instance(s)", nullptr, m_model->rowCount()));
        selectPending();
        if (m_explainPending && !m_pendingSelection.isEmpty()) {
            m_explainPending = false;
            explainMissing(m_pendingSelection, false);
        }
    });
    connect(m_model, &InstanceListModel::modelReset, this, [this] {
        // New filters or order: the details keep their instance, so select it again when it is loaded.
        if (m_pendingSelection.isEmpty())
            m_pendingSelection = m_shown;
        // The selection model dropped the selected rows with its signals blocked: say so, or the
        // bulk commands would still count the rows that are gone.
        Q_EMIT selectionChanged();
    });
    connect(m_model, &InstanceListModel::updatesWaitingChanged, this,
            [this](bool waiting) { m_waiting->setVisible(waiting && !m_model->isPaused()); });
    connect(m_model, &InstanceListModel::pausedChanged, this,
            [this](bool paused) { m_waiting->setVisible(!paused && m_model->updatesWaiting()); });
    connect(m_model, &InstanceListModel::errorOccurred, this, [this](const Error &error) {
        Q_EMIT backgroundError(ErrorText::report(tr("Could not load the instance list."), error));
    });
    // Tab goes through the filters left to right, then go-to and pause, then the rows (the
    // members above were created before the filter bar, which would put the table first).
    setTabOrder(m_filter->lastControl(), m_goTo);
    setTabOrder(m_goTo, m_pause);
    setTabOrder(m_pause, m_table);
    applyFilter();
}

void InstanceListView::focusGoTo()
{
    m_goTo->setFocus(Qt::ShortcutFocusReason);
    m_goTo->selectAll();
}

namespace {

    /// The parts of a query the filter bar sets.
    bool sameFilters(const InstanceQuery &a, const InstanceQuery &b)
    {
        return a.statuses == b.statuses && a.name == b.name && a.idPrefix == b.idPrefix && a.idContains == b.idContains
            && a.createdFrom == b.createdFrom && a.createdTo == b.createdTo && a.parentInstanceId == b.parentInstanceId
            && a.onlyAwaitingEvents == b.onlyAwaitingEvents;
    }

} // namespace

void InstanceListView::applyFilter()
{
    const InstanceQuery next = m_filter->apply(m_model->query());
    // The filter bar reports edits after a pause; one that ends where it began (typed and erased,
    // or a reset to what is set) changes nothing, and must not wipe the answer to a "Go to".
    if (sameFilters(next, m_model->query()))
        return;
    setNote({});
    m_model->setQuery(next);
}

QString InstanceListView::currentInstanceId() const
{
    const auto index = m_table->currentIndex();
    return index.isValid() ? index.data(InstanceListModel::InstanceIdRole).toString() : QString();
}

QList<models::BulkJob::Target> InstanceListView::selectedInstances() const
{
    auto rows = m_table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QList<models::BulkJob::Target> targets;
    for (const auto &index : rows)
        targets.append({ index.data(InstanceListModel::InstanceIdRole).toString(),
                         RuntimeStatus(index.data(InstanceListModel::StatusRole).toInt()) });
    return targets;
}

void InstanceListView::goToInstance(const QString &instanceId, bool filterIfMissing)
{
    if (instanceId.isEmpty())
        return;
    setNote({});
    m_pendingSelection = instanceId;
    m_goToPending = filterIfMissing ? instanceId : QString();
    if (m_model->rowOfInstance(instanceId) >= 0) {
        selectPending();
        return;
    }
    // Not loaded: until it is, no other row stays selected (the details show this one).
    m_shown = instanceId;
    m_quiet = true;
    m_table->selectionModel()->clear();
    m_quiet = false;
    if (filterIfMissing) {
        explainMissing(instanceId, true);
        return;
    }
    // Just started or restarted, or further down: a refresh now (not held back by the pointer)
    // brings it in, or shows it is filtered out.
    m_explainPending = true;
    m_model->refresh();
}

void InstanceListView::explainMissing(const QString &instanceId, bool filterIfMissing)
{
    m_client->status(instanceId, false, false)
        .then(this, [this, instanceId, filterIfMissing](const Result<InstanceInfo> &r) {
            // Selected meanwhile, or the user moved on. A "Go to" asked by the user is answered
            // unless the user chose a row or another id since; live updates do not cancel it.
            if (filterIfMissing ? m_goToPending != instanceId : m_pendingSelection != instanceId)
                return;
            if (filterIfMissing)
                m_goToPending.clear();
            if (!r) {
                m_pendingSelection.clear();
                if (r.error().code == ErrorCode::NotFound)
                    setNote(tr("There is no instance with the id “%1”.").arg(instanceId));
                else
                    Q_EMIT backgroundError(ErrorText::report(tr("Could not read the instance."), r.error()));
                return;
            }
            if (filterIfMissing) {
                // It exists but is not loaded: narrow the list to it (the filter bar shows the change).
                m_filter->setIdText(instanceId);
                return;
            }
            if (!matches(m_model->query(), *r))
                setNote(tr("“%1” is not in the list: it does not match the filters.").arg(instanceId));
            else
                setNote(tr("“%1” is further down the list: scroll to load it.").arg(instanceId));
        });
}

bool InstanceListView::updatesWaiting() const
{
    return m_waiting->isVisibleTo(this);
}

QString InstanceListView::note() const
{
    return m_note->text();
}

void InstanceListView::setNote(const QString &text)
{
    m_note->setText(text);
    m_note->setVisible(!text.isEmpty());
}

void InstanceListView::selectPending()
{
    if (m_pendingSelection.isEmpty())
        return;
    const int row = m_model->rowOfInstance(m_pendingSelection);
    if (row < 0)
        return;
    m_shown = m_pendingSelection;
    m_pendingSelection.clear();
    m_explainPending = false;
    setNote({});
    const auto index = m_model->index(row, 0);
    m_quiet = true;
    // Not QTableView::setCurrentIndex(): with extended selection it reads the keyboard modifiers
    // of the moment, and Ctrl held down would add the row to the selection instead of replacing it.
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_quiet = false;
    Q_EMIT currentInstanceChanged(m_shown);
    m_table->scrollTo(index);
}

bool InstanceListView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table->viewport()) {
        // A pressed button delays Leave until its release, so a drag or a click is covered too.
        if (event->type() == QEvent::Enter)
            m_model->setHeld(true);
        else if (event->type() == QEvent::Leave || event->type() == QEvent::Hide)
            m_model->setHeld(false);
    }
    return QWidget::eventFilter(watched, event);
}

void InstanceListView::saveState(const QString &group) const
{
    QSettings settings;
    settings.setValue(group + QStringLiteral("/header"), m_table->horizontalHeader()->saveState());
}

void InstanceListView::restoreState(const QString &group)
{
    QSettings settings;
    const auto state = settings.value(group + QStringLiteral("/header")).toByteArray();
    if (!state.isEmpty()) {
        const QSignalBlocker blocker(m_table->horizontalHeader());
        m_table->horizontalHeader()->restoreState(state);
    }
    const auto *header = m_table->horizontalHeader();
    m_model->sort(header->sortIndicatorSection(), header->sortIndicatorOrder());
}

} // namespace durable::views
