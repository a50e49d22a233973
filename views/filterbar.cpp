#include "filterbar.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QTimer>
#include <QToolButton>

namespace durable::views {

FilterBar::FilterBar(const QStringList &orchestratorNames, QWidget *parent)
    : QWidget(parent)
    , m_statusButton(new QToolButton(this))
    , m_name(new QComboBox(this))
    , m_idMode(new QComboBox(this))
    , m_id(new QLineEdit(this))
    , m_preset(new QComboBox(this))
    , m_from(new QDateTimeEdit(this))
    , m_to(new QDateTimeEdit(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_statusButton->setObjectName(QStringLiteral("statusFilter"));
    m_name->setObjectName(QStringLiteral("nameFilter"));
    m_idMode->setObjectName(QStringLiteral("idMode"));
    m_id->setObjectName(QStringLiteral("idFilter"));
    m_preset->setObjectName(QStringLiteral("createdPreset"));
    m_from->setObjectName(QStringLiteral("createdFrom"));
    m_to->setObjectName(QStringLiteral("createdTo"));
    m_name->setAccessibleName(tr("Orchestrator"));
    m_idMode->setAccessibleName(tr("Id match"));
    m_id->setAccessibleName(tr("Instance id"));
    m_preset->setAccessibleName(tr("Created"));

    auto *menu = new QMenu(m_statusButton);
    for (int s = 0; s < RuntimeStatusCount; ++s) {
        auto *action = menu->addAction(statusName(RuntimeStatus(s)));
        action->setCheckable(true);
        action->setData(s);
        connect(action, &QAction::toggled, this, [this] {
            updateStatusText();
            Q_EMIT changed();
        });
        m_statusActions.append(action);
    }
    m_statusButton->setMenu(menu);
    m_statusButton->setPopupMode(QToolButton::InstantPopup);
    m_statusButton->setToolTip(tr("Show only instances with these statuses"));
    updateStatusText();

    m_name->addItem(tr("All orchestrators"), QString());
    for (const auto &name : orchestratorNames)
        m_name->addItem(name, name);
    m_idMode->addItem(tr("Id starts with"));
    m_idMode->addItem(tr("Id contains"));
    m_id->setPlaceholderText(tr("instance id"));
    m_id->setClearButtonEnabled(true);
    // Room for the placeholder and a short id, also when the bar is squeezed.
    m_id->setMinimumWidth(m_id->fontMetrics().horizontalAdvance(m_id->placeholderText()) * 2 + 40);
    m_preset->addItems({ tr("Any time"), tr("Last hour"), tr("Last day"), tr("Last week"), tr("Custom range") });
    m_from->setCalendarPopup(true);
    m_to->setCalendarPopup(true);
    m_from->setDateTime(QDateTime::currentDateTime().addDays(-1));
    m_to->setDateTime(QDateTime::currentDateTime().addSecs(3600));
    m_from->setVisible(false);
    m_to->setVisible(false);
    m_from->setToolTip(tr("Created from (inclusive)"));
    m_to->setToolTip(tr("Created before"));

    auto *statusLabel = new QLabel(tr("Stat&us:"), this);
    statusLabel->setBuddy(m_statusButton); // Alt+U opens the status menu
    layout->addWidget(statusLabel);
    layout->addWidget(m_statusButton);
    layout->addWidget(m_name);
    layout->addWidget(m_idMode);
    layout->addWidget(m_id, 1);
    layout->addWidget(m_preset);
    layout->addWidget(m_from);
    layout->addWidget(m_to);

    auto *debounce = new QTimer(this);
    debounce->setSingleShot(true);
    debounce->setInterval(250);
    connect(debounce, &QTimer::timeout, this, &FilterBar::changed);
    connect(m_id, &QLineEdit::textChanged, debounce, qOverload<>(&QTimer::start));
    connect(m_idMode, &QComboBox::currentIndexChanged, this, &FilterBar::changed);
    connect(m_name, &QComboBox::currentIndexChanged, this, &FilterBar::changed);
    connect(m_preset, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_from->setVisible(index == Custom);
        m_to->setVisible(index == Custom);
        Q_EMIT changed();
    });
    connect(m_from, &QDateTimeEdit::dateTimeChanged, debounce, qOverload<>(&QTimer::start));
    connect(m_to, &QDateTimeEdit::dateTimeChanged, debounce, qOverload<>(&QTimer::start));
}

QWidget *FilterBar::lastControl() const
{
    return m_to;
}

void FilterBar::focusIdFilter()
{
    m_id->setFocus(Qt::ShortcutFocusReason);
    m_id->selectAll();
}

void FilterBar::updateStatusText()
{
    QStringList names;
    for (auto *action : std::as_const(m_statusActions)) {
        if (action->isChecked())
            names.append(action->text());
    }
    // More than two names would widen the bar with every status ticked: count them, list them in the tooltip.
    m_statusButton->setText(names.isEmpty()         ? tr("Any")
                                : names.size() <= 2 ? names.join(QStringLiteral(", "))
                                                    : tr("%n statuses", nullptr, int(names.size())));
    m_statusButton->setToolTip(names.size() <= 2 ? tr("Show only instances with these statuses")
                                                 : names.join(QStringLiteral(", ")));
}

void FilterBar::setStatuses(const QSet<RuntimeStatus> &statuses)
{
    for (auto *action : std::as_const(m_statusActions)) {
        const QSignalBlocker blocker(action);
        action->setChecked(statuses.contains(RuntimeStatus(action->data().toInt())));
    }
    updateStatusText();
    Q_EMIT changed();
}

void FilterBar::setIdText(const QString &text, bool contains)
{
    m_idMode->setCurrentIndex(contains ? 1 : 0);
    m_id->setText(text);
    Q_EMIT changed();
}

void FilterBar::setPreset(Preset preset)
{
    m_preset->setCurrentIndex(preset);
}

InstanceQuery FilterBar::apply(InstanceQuery q) const
{
    q.statuses.clear();
    for (auto *action : m_statusActions) {
        if (action->isChecked())
            q.statuses.insert(RuntimeStatus(action->data().toInt()));
    }
    q.name = m_name->currentData().toString();
    const auto id = m_id->text().trimmed();
    q.idPrefix = m_idMode->currentIndex() == 0 ? id : QString();
    q.idContains = m_idMode->currentIndex() == 1 ? id : QString();
    const auto now = m_now ? m_now() : QDateTime::currentDateTimeUtc();
    q.createdFrom = {};
    q.createdTo = {};
    switch (m_preset->currentIndex()) {
    case LastHour:
        q.createdFrom = now.addSecs(-3600);
        break;
    case LastDay:
        q.createdFrom = now.addDays(-1);
        break;
    case LastWeek:
        q.createdFrom = now.addDays(-7);
        break;
    case Custom:
        q.createdFrom = m_from->dateTime().toUTC();
        q.createdTo = m_to->dateTime().toUTC();
        break;
    default:
        break;
    }
    return q;
}

} // namespace durable::views
