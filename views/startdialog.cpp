#include "startdialog.h"

#include "jsontextedit.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace durable::views {

StartDialog::StartDialog(const Registry &registry, QWidget *parent)
    : QDialog(parent)
    , m_registry(registry)
    , m_name(new QComboBox(this))
    , m_description(new QLabel(this))
    , m_instanceId(new QLineEdit(this))
    , m_input(new JsonTextEdit(this))
    , m_reason(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Start orchestration"));
    auto *form = new QFormLayout(this);
    for (const auto &info : registry.orchestrators())
        m_name->addItem(info.name);
    m_description->setWordWrap(true);
    m_instanceId->setPlaceholderText(tr("optional: a new random id"));
    m_reason->setObjectName(QStringLiteral("startReason"));
    m_reason->setWordWrap(true);
    form->addRow(tr("&Orchestrator:"), m_name);
    form->addRow(QString(), m_description);
    form->addRow(tr("Instance &id:"), m_instanceId);
    form->addRow(tr("&Input (JSON):"), m_input);
    form->addRow(m_reason);
    form->addRow(m_buttons);
    m_buttons->addButton(tr("&Start"), QDialogButtonBox::AcceptRole);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QComboBox::currentTextChanged, this, [this](const QString &name) { setOrchestrator(name); });
    connect(m_input, &JsonTextEdit::validityChanged, this, &StartDialog::updateState);
    connect(m_instanceId, &QLineEdit::textChanged, this, &StartDialog::updateState);
    if (m_name->count() > 0)
        setOrchestrator(m_name->itemText(0));
    resize(520, 420);
    updateState();
}

void StartDialog::setOrchestrator(const QString &name, const QJsonValue &input)
{
    const auto info = m_registry.orchestrator(name);
    if (!info)
        return;
    if (m_name->currentText() != name) {
        const QSignalBlocker blocker(m_name);
        m_name->setCurrentText(name);
    }
    m_description->setText(info->description);
    m_input->setJson(input.isUndefined() ? info->sampleInput : input);
    updateState();
}

QString StartDialog::orchestrator() const
{
    return m_name->currentText();
}

QString StartDialog::instanceId() const
{
    return m_instanceId->text().trimmed();
}

QJsonValue StartDialog::input() const
{
    return m_input->value();
}

QPushButton *StartDialog::startButton() const
{
    for (auto *button : m_buttons->buttons()) {
        if (m_buttons->buttonRole(button) == QDialogButtonBox::AcceptRole)
            return qobject_cast<QPushButton *>(button);
    }
    return nullptr;
}

void StartDialog::updateState()
{
    QString reason;
    if (m_name->count() == 0)
        reason = tr("No orchestrators are registered.");
    else if (!m_input->isValid())
        reason = tr("Cannot start: %1").arg(m_input->error());
    else if (const auto id = instanceId(); id.contains(QLatin1Char('/')) || id.contains(QLatin1Char('\\'))
             || id.contains(QLatin1Char('#')) || id.contains(QLatin1Char('?')))
        reason = tr("Cannot start: an instance id may not contain / \\ # or ?");
    m_reason->setText(reason);
    m_reason->setVisible(!reason.isEmpty());
    if (auto *start = startButton()) {
        start->setEnabled(reason.isEmpty());
        start->setToolTip(reason);
    }
}

} // namespace durable::views
