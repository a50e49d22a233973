#include "historypage.h"

#include "cursorpanel.h"
#include "timelineview.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QSplitter>
#include <QTableView>
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
{
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

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Show:"), this));
    top->addWidget(m_typeFilter);
    top->addStretch(1);
    layout->addLayout(top);
    auto *vertical = new QSplitter(Qt::Vertical, this);
    vertical->addWidget(m_table);
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
    if (historyChanged)
        m_timeline->setHistory(history, now);
    if (m_timeline->cursor() >= 0)
        cursorMoved(m_timeline->cursor());
    else
        m_panel->setState({});
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
    QJsonObject object { { QStringLiteral("sequence"), event.sequence },
                         { QStringLiteral("type"), eventTypeName(event.type) },
                         { QStringLiteral("timestamp"), event.timestamp.toString(Qt::ISODateWithMs) } };
    if (event.eventId >= 0)
        object.insert(QStringLiteral("eventId"), event.eventId);
    if (event.taskId >= 0)
        object.insert(QStringLiteral("taskId"), event.taskId);
    if (!event.name.isEmpty())
        object.insert(QStringLiteral("name"), event.name);
    if (!event.data.isEmpty())
        object.insert(QStringLiteral("data"), event.data);
    return object;
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
    menu->addSeparator();
    const qint64 sequence = event.sequence;
    auto *fork = menu->addAction(tr("&Fork from here…"), this, [this, sequence] { Q_EMIT forkRequested(sequence); });
    fork->setObjectName(QStringLiteral("forkFromHere"));
    fork->setEnabled(has);
    return menu;
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
    const auto proxyIndex = m_proxy->mapFromSource(m_model->index(position, 0));
    if (proxyIndex.isValid() && m_table->currentIndex().row() != proxyIndex.row()) {
        m_syncing = true;
        m_table->setCurrentIndex(proxyIndex);
        m_table->scrollTo(proxyIndex);
        m_syncing = false;
    }
}

} // namespace durable::views
