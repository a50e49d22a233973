#include "failurecard.h"

#include <formatting.h>

#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace durable::views {

namespace {
    QString place(const QString &file, int line)
    {
        if (file.isEmpty())
            return {};
        return line > 0 ? file + u':' + QString::number(line) : file;
    }
} // namespace

FailureCard::FailureCard(QWidget *parent)
    : QFrame(parent)
    , m_title(new QLabel(this))
    , m_message(new QLabel(this))
    , m_location(new QLabel(this))
    , m_attempts(new QLabel(this))
    , m_stackToggle(new QToolButton(this))
    , m_stack(new QPlainTextEdit(this))
    , m_open(new QPushButton(tr("Open in Desi&gner"), this))
{
    setObjectName(QStringLiteral("failureCard"));
    setFrameShape(QFrame::StyledPanel);
    // A red edge marks it as a failure in light and dark palettes alike.
    setStyleSheet(QStringLiteral("#failureCard { border: 1px solid #d32f2f; border-left: 4px solid #d32f2f; "
                                 "border-radius: 3px; }"));
    auto *layout = new QVBoxLayout(this);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_message->setStyleSheet(QStringLiteral("color: #d32f2f"));
    for (auto *label : { m_title, m_message, m_location, m_attempts }) {
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        // Long messages wrap instead of widening the page (and the window with it).
        label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    }
    m_location->setObjectName(QStringLiteral("failureLocation"));
    m_attempts->setObjectName(QStringLiteral("failureAttempts"));
    m_open->setObjectName(QStringLiteral("openInDesigner"));
    m_open->setToolTip(tr("Open the script this instance ran in the Designer, at this line"));
    m_stackToggle->setObjectName(QStringLiteral("failureStackToggle"));
    m_stackToggle->setText(tr("Stack"));
    m_stackToggle->setCheckable(true);
    m_stackToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_stackToggle->setArrowType(Qt::RightArrow);
    m_stackToggle->setAutoRaise(true);
    m_stack->setReadOnly(true);
    m_stack->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_stack->setMaximumHeight(fontMetrics().lineSpacing() * 8);
    m_stack->hide();
    connect(m_stackToggle, &QToolButton::toggled, this, [this](bool on) {
        m_stack->setVisible(on);
        m_stackToggle->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
    });
    connect(m_open, &QPushButton::clicked, this,
            [this] { Q_EMIT openInDesignerRequested(m_failure.file, m_version, m_failure.line); });

    auto *placeRow = new QHBoxLayout;
    placeRow->addWidget(m_location, 1);
    placeRow->addWidget(m_open);
    layout->addWidget(m_title);
    layout->addWidget(m_message);
    layout->addLayout(placeRow);
    layout->addWidget(m_attempts);
    layout->addWidget(m_stackToggle, 0, Qt::AlignLeft);
    layout->addWidget(m_stack);
}

void FailureCard::setFailure(const QString &title, const QString &message, const FailureDetails &failure,
                             const QString &version)
{
    // The summary refreshes on every change of the instance: keep the stack open while the
    // failure shown stays the same.
    const bool same = failure == m_failure && version == m_version;
    m_failure = failure;
    m_version = version;
    m_title->setText(title);
    m_message->setText(message);
    const QString where = place(failure.file, failure.line);
    m_location->setVisible(!where.isEmpty());
    m_location->setText(tr("at %1").arg(where));
    // Only script failures name a file and line to open; C++ code has its exception type only.
    m_open->setVisible(!failure.file.isEmpty() && failure.line > 0);
    m_stack->setPlainText(failure.errorDetails);
    // Scripts give a stack; other code may give details of another kind (a nested failure).
    m_stackToggle->setText(failure.file.isEmpty() ? tr("Details") : tr("Stack"));
    m_stackToggle->setVisible(!failure.errorDetails.isEmpty());
    if (!same)
        m_stackToggle->setChecked(false);
    showAttempts();
}

void FailureCard::setEarlierAttempts(const QList<AttemptFailure> &attempts)
{
    if (!m_failure.earlierAttempts.isEmpty() || attempts.isEmpty())
        return;
    m_failure.earlierAttempts = attempts;
    if (m_failure.attempt == 0)
        m_failure.attempt = int(attempts.size()) + 1;
    showAttempts();
}

void FailureCard::showAttempts()
{
    QStringList lines;
    if (m_failure.attempt > 0) {
        lines.append(m_failure.maxAttempts > 0
                         ? tr("Attempt %1 of %2").arg(m_failure.attempt).arg(m_failure.maxAttempts)
                         : tr("Attempt %1").arg(m_failure.attempt));
    }
    for (const auto &a : m_failure.earlierAttempts) {
        const QString where = place(a.file, a.line);
        QString line = tr("Attempt %1: %2: %3").arg(a.attempt).arg(a.errorType, a.errorMessage);
        if (!where.isEmpty())
            line += tr(" at %1").arg(where);
        if (a.failedAt.isValid())
            line += tr(" (%1)").arg(models::formatTime(a.failedAt));
        lines.append(line);
    }
    m_attempts->setText(lines.join(u'\n'));
    m_attempts->setVisible(!lines.isEmpty());
}

QString FailureCard::message() const
{
    return m_message->text();
}

QString FailureCard::location() const
{
    return place(m_failure.file, m_failure.line);
}

QString FailureCard::attemptsText() const
{
    return m_attempts->text();
}

QString FailureCard::stackText() const
{
    return m_stack->toPlainText();
}

bool FailureCard::isStackShown() const
{
    return m_stackToggle->isChecked();
}

} // namespace durable::views
