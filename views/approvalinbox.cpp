#include "approvalinbox.h"

#include "instanceactions.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace durable::views {

using models::ApprovalInboxModel;

ApprovalInbox::ApprovalInbox(HubClient *client, InstanceActions *actions, QWidget *parent)
    : QWidget(parent)
    , m_model(new ApprovalInboxModel(client, this))
    , m_actions(actions)
    , m_table(new QTableView(this))
    , m_approve(new QPushButton(tr("&Approve"), this))
    , m_reject(new QPushButton(tr("Re&ject"), this))
    , m_raise(new QPushButton(tr("Raise…"), this))
    , m_fire(new QPushButton(tr("Fire timer now"), this))
    , m_detail(new QLabel(this))
{
    m_model->setClock(client->clock());
    m_model->watch(client);
    m_model->reload();
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setTabKeyNavigation(false); // rows are chosen with the arrows; Tab moves on
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false); // one line a row: long requests elide, the line below has them whole
    // What decides an approval first (id, countdown), the rest after; the request fills the width.
    auto *header = m_table->horizontalHeader();
    header->setStretchLastSection(true);
    header->setSectionsMovable(true);
    header->moveSection(header->visualIndex(ApprovalInboxModel::TimerDue), 1);
    header->moveSection(header->visualIndex(ApprovalInboxModel::WaitingFor), 2);
    header->moveSection(header->visualIndex(ApprovalInboxModel::Request), 3);
    // Room for n characters of content, and for the column's title.
    const auto chars = [this](int column, int n) {
        const auto title = m_model->headerData(column, Qt::Horizontal).toString();
        return std::max(m_table->fontMetrics().averageCharWidth() * n,
                        m_table->horizontalHeader()->fontMetrics().horizontalAdvance(title) + 8)
            + 16;
    };
    m_table->setColumnWidth(ApprovalInboxModel::Instance, chars(ApprovalInboxModel::Instance, 14));
    m_table->setColumnWidth(ApprovalInboxModel::TimerDue, chars(ApprovalInboxModel::TimerDue, 13));
    m_table->setColumnWidth(ApprovalInboxModel::WaitingFor, chars(ApprovalInboxModel::WaitingFor, 10));
    m_table->setColumnWidth(ApprovalInboxModel::Events, chars(ApprovalInboxModel::Events, 14));
    m_table->setColumnWidth(ApprovalInboxModel::Orchestrator, chars(ApprovalInboxModel::Orchestrator, 12));
    m_table->setColumnWidth(ApprovalInboxModel::Request, chars(ApprovalInboxModel::Request, 24));
    header->setMinimumSectionSize(m_table->fontMetrics().averageCharWidth() * 4 + 16);
    m_detail->setObjectName(QStringLiteral("inboxDetail"));
    m_detail->setWordWrap(true);
    m_detail->setTextFormat(Qt::PlainText);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Wrapped text of any length must not widen the pane.
    m_detail->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto *buttons = new QHBoxLayout;
    for (auto *b : { m_approve, m_reject, m_raise, m_fire })
        buttons->addWidget(b);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_detail);
    layout->addLayout(buttons);
    m_approve->setToolTip(tr("Send the awaited approval event with payload true"));
    m_reject->setToolTip(tr("Send the awaited approval event with payload false"));

    auto rowArgs = [this] {
        const auto index = current();
        return std::pair { index.data(ApprovalInboxModel::InstanceIdRole).toString(),
                           index.data(ApprovalInboxModel::EventsRole).toStringList() };
    };
    connect(m_approve, &QPushButton::clicked, this, [this, rowArgs] {
        const auto [id, events] = rowArgs();
        m_actions->answer(id, events, true);
    });
    connect(m_reject, &QPushButton::clicked, this, [this, rowArgs] {
        const auto [id, events] = rowArgs();
        m_actions->answer(id, events, false);
    });
    connect(m_raise, &QPushButton::clicked, this, [this, rowArgs] {
        const auto [id, events] = rowArgs();
        m_actions->openRaiseDialog(id, events);
    });
    connect(m_fire, &QPushButton::clicked, this, [this] {
        const auto index = current();
        m_actions->fireTimer(index.data(ApprovalInboxModel::InstanceIdRole).toString(),
                             index.data(ApprovalInboxModel::TimerIdRole).toInt());
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &index) {
        updateButtons();
        updateDetail();
        if (index.isValid())
            Q_EMIT instanceActivated(index.data(ApprovalInboxModel::InstanceIdRole).toString());
    });
    connect(m_model, &ApprovalInboxModel::pageApplied, this, &ApprovalInbox::updateButtons);
    // A second click while the answer is on its way would only earn a refusal.
    connect(m_actions, &InstanceActions::busyChanged, this, &ApprovalInbox::updateButtons);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        auto *menu = createContextMenu(this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_table->viewport()->mapToGlobal(pos));
    });
    connect(m_model, &ApprovalInboxModel::pageApplied, this, &ApprovalInbox::updateDetail);
    // "Waiting for" and the countdown move with time even when nothing else changes.
    auto *tick = new QTimer(this);
    tick->setInterval(1000);
    connect(tick, &QTimer::timeout, this, [this] {
        if (m_model->rowCount() > 0)
            Q_EMIT m_model->dataChanged(m_model->index(0, ApprovalInboxModel::WaitingFor),
                                        m_model->index(m_model->rowCount() - 1, ApprovalInboxModel::TimerDue));
    });
    tick->start();
    updateButtons();
    updateDetail();
}

void ApprovalInbox::updateDetail()
{
    const auto index = current();
    if (!index.isValid()) {
        m_detail->setText(tr("Select a row to see its request."));
        return;
    }
    const auto request = m_model->index(index.row(), ApprovalInboxModel::Request).data(Qt::ToolTipRole).toString();
    m_detail->setText(tr("%1 awaits %2. Request: %3")
                          .arg(index.data(ApprovalInboxModel::InstanceIdRole).toString(),
                               index.data(ApprovalInboxModel::EventsRole).toStringList().join(QStringLiteral(", ")),
                               request.isEmpty() ? tr("(none)") : request.left(400)));
}

QModelIndex ApprovalInbox::current() const
{
    const auto index = m_table->currentIndex();
    return index.isValid() ? m_model->index(index.row(), 0) : QModelIndex();
}

bool ApprovalInbox::selectInstance(const QString &instanceId)
{
    const int row = m_model->rowOfInstance(instanceId);
    if (row < 0)
        return false;
    m_table->setCurrentIndex(m_model->index(row, 0));
    return true;
}

QMenu *ApprovalInbox::createContextMenu(QWidget *parent)
{
    auto *menu = new QMenu(parent);
    menu->setObjectName(QStringLiteral("inboxMenu"));
    const auto index = current();
    for (auto *button : { m_approve, m_reject, m_raise, m_fire }) {
        auto *action = menu->addAction(button->text(), button, &QPushButton::click);
        action->setEnabled(button->isEnabled());
        action->setToolTip(button->toolTip());
    }
    menu->addSeparator();
    auto *open = menu->addAction(
        tr("&Open instance"), this,
        [this, id = index.data(ApprovalInboxModel::InstanceIdRole).toString()] { Q_EMIT instanceActivated(id); });
    open->setObjectName(QStringLiteral("inboxOpenInstance"));
    open->setEnabled(index.isValid());
    return menu;
}

void ApprovalInbox::updateButtons()
{
    const auto index = current();
    const bool has = index.isValid();
    const bool busy = has && m_actions->isBusy(index.data(ApprovalInboxModel::InstanceIdRole).toString());
    const QString none = tr("Select a waiting instance first");
    for (auto *b : { m_approve, m_reject, m_raise }) {
        b->setEnabled(has && !busy);
        if (!has)
            b->setToolTip(none);
        else if (busy)
            b->setToolTip(tr("The answer is on its way"));
    }
    if (has && !busy) {
        m_approve->setToolTip(tr("Send the awaited approval event with payload true"));
        m_reject->setToolTip(tr("Send the awaited approval event with payload false"));
        m_raise->setToolTip({});
    }
    const bool timer = has && !busy && index.data(ApprovalInboxModel::TimerIdRole).toInt() >= 0;
    m_fire->setEnabled(timer);
    m_fire->setToolTip(timer ? tr("Make the racing timer due now") : tr("No timer races this wait"));
}

} // namespace durable::views
