#include "instancelistview.h"

#include "errortext.h"
#include "filterbar.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace durable::views {

using models::InstanceListModel;

InstanceListView::InstanceListView(HubClient *client, QWidget *parent)
    : QWidget(parent)
    , m_model(new InstanceListModel(client, this))
    , m_table(new QTableView(this))
    , m_pause(new QToolButton(this))
    , m_goTo(new QLineEdit(this))
    , m_count(new QLabel(this))
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
    top->addWidget(m_goTo);
    top->addWidget(m_pause);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_count);

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setTabKeyNavigation(false); // rows are chosen with the arrows; Tab moves on
    // Several rows for the bulk commands; the details show the current one.
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->setColumnWidth(InstanceListModel::Id, 260);
    m_table->setColumnWidth(InstanceListModel::Created, 150);
    m_table->setColumnWidth(InstanceListModel::LastUpdated, 150);
    m_table->horizontalHeader()->setSortIndicatorShown(true);
    m_table->horizontalHeader()->setSortIndicator(InstanceListModel::Created, Qt::DescendingOrder);
    m_table->horizontalHeader()->setSectionsClickable(true);
    connect(m_table->horizontalHeader(), &QHeaderView::sortIndicatorChanged, m_model, &InstanceListModel::sort);

    connect(m_pause, &QToolButton::toggled, m_model, &InstanceListModel::setPaused);
    connect(m_filter, &FilterBar::changed, this, &InstanceListView::applyFilter);
    connect(m_goTo, &QLineEdit::returnPressed, this, [this] { goToInstance(m_goTo->text().trimmed(), true); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                Q_EMIT currentInstanceChanged(
                    current.isValid() ? current.data(InstanceListModel::InstanceIdRole).toString() : QString());
            });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &InstanceListView::selectionChanged);
    connect(m_model, &InstanceListModel::pageApplied, this, [this] {
        m_count->setText(m_model->canFetchMore({})
                             ? tr("%n instance(s) loaded, scroll for more", nullptr, m_model->rowCount())
                             : tr("%n instance(s)", nullptr, m_model->rowCount()));
        selectPending();
    });
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

void InstanceListView::applyFilter()
{
    m_model->setQuery(m_filter->apply(m_model->query()));
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
    m_pendingSelection = instanceId;
    if (filterIfMissing && m_model->rowOfInstance(instanceId) < 0) {
        // Not among the loaded rows: narrow the list to it rather than paging through everything.
        m_filter->setIdText(instanceId);
        return;
    }
    selectPending();
}

void InstanceListView::selectPending()
{
    if (m_pendingSelection.isEmpty())
        return;
    const int row = m_model->rowOfInstance(m_pendingSelection);
    if (row < 0)
        return;
    m_pendingSelection.clear();
    if (m_table->currentIndex().row() == row) {
        // Already current (the detail may show another instance meanwhile, e.g. one just started): follow it again.
        Q_EMIT currentInstanceChanged(m_model->index(row, 0).data(InstanceListModel::InstanceIdRole).toString());
    }
    m_table->setCurrentIndex(m_model->index(row, 0));
    m_table->scrollTo(m_model->index(row, 0));
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
