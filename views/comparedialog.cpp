#include "comparedialog.h"

#include "errortext.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPointer>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace durable::views {

namespace {

    QString pretty(const QJsonValue &value)
    {
        // Any JSON value: wrapped to serialise scalars too, then unwrapped.
        const auto text = QString::fromUtf8(QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Indented));
        return text.mid(1, text.size() - 3).trimmed();
    }

    QString payloadText(const std::optional<models::RunAction> &action)
    {
        if (!action)
            return CompareDialog::tr("(not in this run)");
        QStringList parts;
        parts << CompareDialog::tr("%1 — %2").arg(action->label(), action->outcomeText());
        if (!action->input.isUndefined())
            parts << CompareDialog::tr("Input:") + u'\n' + pretty(action->input);
        if (!action->output.isUndefined())
            parts << CompareDialog::tr("Output:") + u'\n' + pretty(action->output);
        return parts.join(QStringLiteral("\n\n"));
    }

} // namespace

CompareDialog::CompareDialog(Client *client, const QString &leftId, const QString &rightId, QWidget *parent)
    : QDialog(parent)
    , m_ids { leftId, rightId }
    , m_model(new models::HistoryDiffModel(this))
    , m_summary(new QLabel(tr("Reading both histories…"), this))
    , m_table(new QTableView(this))
    , m_sideLabels { new QLabel(this), new QLabel(this) }
    , m_payload { new QPlainTextEdit(this), new QPlainTextEdit(this) }
{
    setObjectName(QStringLiteral("compareDialog"));
    setWindowTitle(tr("Compare %1 and %2").arg(leftId, rightId));
    auto *layout = new QVBoxLayout(this);
    auto *sides = new QLabel(
        tr("Left: <b>%1</b> &nbsp; · &nbsp; Right: <b>%2</b>").arg(leftId.toHtmlEscaped(), rightId.toHtmlEscaped()),
        this);
    sides->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(sides);
    m_summary->setObjectName(QStringLiteral("compareSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);
    layout->addWidget(m_summary);

    m_table->setObjectName(QStringLiteral("compareTable"));
    m_table->setAccessibleName(tr("Actions of both runs"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setTabKeyNavigation(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(models::HistoryDiffModel::Action, 180);

    auto *payloads = new QSplitter(Qt::Horizontal, this);
    for (int side = 0; side < 2; ++side) {
        auto *box = new QWidget(payloads);
        auto *boxLayout = new QVBoxLayout(box);
        boxLayout->setContentsMargins(0, 0, 0, 0);
        m_sideLabels[side]->setText(side == 0 ? tr("Left: %1").arg(leftId) : tr("Right: %1").arg(rightId));
        m_payload[side]->setReadOnly(true);
        m_payload[side]->setObjectName(side == 0 ? QStringLiteral("leftPayload") : QStringLiteral("rightPayload"));
        m_payload[side]->setAccessibleName(side == 0 ? tr("Left payload") : tr("Right payload"));
        m_payload[side]->setPlaceholderText(tr("Select a row to see both sides' input and output"));
        m_payload[side]->setLineWrapMode(QPlainTextEdit::NoWrap);
        boxLayout->addWidget(m_sideLabels[side]);
        boxLayout->addWidget(m_payload[side], 1);
        payloads->addWidget(box);
    }
    auto *vertical = new QSplitter(Qt::Vertical, this);
    vertical->addWidget(m_table);
    vertical->addWidget(payloads);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 2);
    layout->addWidget(vertical, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(1100, 650);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showPayloads(current.row()); });
    for (int side = 0; side < 2; ++side) {
        client->history(m_ids[side]).then(this, [this, side](const Result<History> &history) {
            arrived(side, history);
        });
    }
}

void CompareDialog::arrived(int side, const Result<History> &history)
{
    m_histories[side] = history;
    if (!m_histories[0] || !m_histories[1])
        return;
    m_loaded = true;
    QStringList errors;
    for (int s = 0; s < 2; ++s) {
        if (!*m_histories[s])
            errors << ErrorText::report(tr("Could not read the history of %1.").arg(m_ids[s]), m_histories[s]->error());
    }
    if (!errors.isEmpty()) {
        m_summary->setText(errors.join(u'\n'));
        Q_EMIT loaded();
        return;
    }
    m_model->setDiff(models::HistoryDiff::compare(**m_histories[0], **m_histories[1]));
    m_summary->setText(m_model->diff().summary());
    m_table->resizeColumnsToContents(); // headers and durations stay whole
    // Start where the runs part: the row the summary talks about.
    const auto &diff = m_model->diff();
    const int row = diff.divergenceRow >= 0 ? diff.divergenceRow
        : diff.firstOutputRow >= 0          ? diff.firstOutputRow
                                            : diff.timingRow;
    if (row >= 0) {
        m_table->setCurrentIndex(m_model->index(row, 0));
        m_table->scrollTo(m_model->index(row, 0));
    }
    Q_EMIT loaded();
}

void CompareDialog::showPayloads(int row)
{
    if (row < 0 || row >= m_model->diff().rows.size()) {
        m_payload[0]->clear();
        m_payload[1]->clear();
        return;
    }
    const auto &r = m_model->diff().rows.at(row);
    m_payload[0]->setPlainText(payloadText(r.left));
    m_payload[1]->setPlainText(payloadText(r.right));
}

} // namespace durable::views
