#include "damagebanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace durable::views {

DamageBanner::DamageBanner(HubClient *client, QWidget *parent)
    : QFrame(parent)
    , m_client(client)
    , m_label(new QLabel(this))
    , m_result(new QLabel(this))
    , m_busy(new QProgressBar(this))
    , m_check(new QPushButton(tr("Check &Integrity"), this))
    , m_close(new QPushButton(tr("Close"), this))
{
    setObjectName(QStringLiteral("damageBanner"));
    setFrameShape(QFrame::StyledPanel);
    setStyleSheet(QStringLiteral("#damageBanner { background: #fff4e5; border: 1px solid #e65100; } "
                                 "#damageBanner QLabel { color: #5d2c00; }"));
    m_check->setObjectName(QStringLiteral("checkIntegrityButton"));
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->hide();
    m_busy->setRange(0, 0); // busy: the check cannot say how far it is
    m_busy->setMaximumWidth(160);
    m_busy->setTextVisible(false);
    m_busy->hide();
    auto *texts = new QVBoxLayout;
    texts->addWidget(m_label);
    texts->addWidget(m_result);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->addLayout(texts, 1);
    layout->addWidget(m_busy, 0, Qt::AlignTop);
    layout->addWidget(m_check, 0, Qt::AlignTop);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    connect(m_check, &QPushButton::clicked, this, &DamageBanner::checkIntegrity);
    connect(m_close, &QPushButton::clicked, this, &QWidget::hide);
    connect(client, &HubClient::damaged, this, &DamageBanner::update);
    hide();
    update();
}

QString DamageBanner::message() const
{
    return isHidden() ? QString() : m_label->text();
}

QString DamageBanner::checkResult() const
{
    return m_result->isHidden() ? QString() : m_result->text();
}

bool DamageBanner::isChecking() const
{
    return m_checking;
}

void DamageBanner::checkIntegrity()
{
    if (m_checking)
        return;
    m_checking = true;
    m_result->setText(tr("Checking every page of the task hub; this can take a while for a large file…"));
    m_result->show();
    update();
    show();
    // Shown from the event loop, never inside this call: a check that finished before then()
    // (a small hub) would run the continuation at once and end the busy state before the caller
    // (a click's handler) returned.
    m_client->checkIntegrity().then(this, [this](const Result<QStringList> &lines) {
        QMetaObject::invokeMethod(
            this, [this, lines] { showCheckResult(lines); }, Qt::QueuedConnection);
    });
}

void DamageBanner::showCheckResult(const Result<QStringList> &lines)
{
    m_checking = false;
    if (!lines) {
        m_problemsFound = false;
        m_result->setText(tr("The integrity check could not run: %1").arg(lines.error().message));
    } else if (lines->size() == 1 && lines->first() == QLatin1String("ok")) {
        m_problemsFound = false;
        m_result->setText(tr("Integrity check: no damage found in the file."));
    } else {
        m_problemsFound = true;
        constexpr int Shown = 5;
        QStringList shown = lines->mid(0, Shown);
        if (lines->size() > Shown)
            shown.append(tr("… and %n more", nullptr, int(lines->size() - Shown)));
        m_result->setText(tr("Integrity check: the file is damaged (%n problem(s) found). Restore it from a "
                             "backup, or recover what is readable with sqlite3's .recover into a new file.",
                             nullptr, int(lines->size()))
                          + u'\n' + shown.join(u'\n'));
    }
    update();
    Q_EMIT checkFinished();
}

void DamageBanner::update()
{
    const auto damage = m_client->damage();
    if (damage) {
        m_label->setText(tr("<b>This task hub is damaged and can only be read.</b> A read found a damaged page, so "
                            "nothing runs and every change is refused; what can still be read is shown. Run the "
                            "integrity check, then restore the file from a backup.<br>Details: %1")
                             .arg(damage->message.toHtmlEscaped()));
        show();
    } else if (m_problemsFound) {
        m_label->setText(tr("<b>The integrity check found damage in this task hub.</b>"));
    } else {
        m_label->setText(tr("<b>Integrity check of the task hub</b>"));
    }
    m_busy->setVisible(m_checking);
    m_check->setEnabled(!m_checking);
    // A damaged hub keeps its banner: the state lasts until the hub is reopened.
    m_close->setVisible(!damage && !m_checking);
}

} // namespace durable::views
