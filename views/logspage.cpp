#include "logspage.h"

#include <QCheckBox>
#include <QHeaderView>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace durable::views {

namespace {
    /// Dims and italicises replayed lines using the palette, so it follows light and dark themes.
    class ReplayDelegate : public QStyledItemDelegate {
    public:
        using QStyledItemDelegate::QStyledItemDelegate;

    protected:
        void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
        {
            QStyledItemDelegate::initStyleOption(option, index);
            if (index.data(models::LogModel::ReplayingRole).toBool()) {
                option->font.setItalic(true);
                option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
            }
        }
    };
} // namespace

LogsPage::LogsPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new models::LogModel(this))
    , m_proxy(new models::LogFilterProxy(this))
    , m_hideReplayed(new QCheckBox(tr("Hide lines logged while &replaying"), this))
    , m_table(new QTableView(this))
{
    m_proxy->setSourceModel(m_model);
    m_table->setModel(m_proxy);
    m_table->setItemDelegate(new ReplayDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setTabKeyNavigation(false); // rows are chosen with the arrows; Tab moves on
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(models::LogModel::Source, 160);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_hideReplayed);
    layout->addWidget(m_table, 1);
    connect(m_hideReplayed, &QCheckBox::toggled, m_proxy, &models::LogFilterProxy::setHideReplayed);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    Q_EMIT historySequenceActivated(current.data(models::LogModel::HistorySequenceRole).toLongLong());
            });
}

void LogsPage::setLines(const QList<LogLine> &lines, bool reset)
{
    if (reset)
        m_model->setLines(lines);
    else
        m_model->appendLines(lines);
}

} // namespace durable::views
