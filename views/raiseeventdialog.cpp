#include "raiseeventdialog.h"

#include "jsontextedit.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace durable::views {

RaiseEventDialog::RaiseEventDialog(const QString &instanceId, const QStringList &awaitedEvents, QWidget *parent)
    : QDialog(parent)
    , m_instanceId(instanceId)
    , m_name(new QComboBox(this))
    , m_payload(new JsonTextEdit(this))
    , m_reason(new QLabel(this))
{
    setWindowTitle(tr("Raise event"));
    auto *form = new QFormLayout(this);
    m_name->setEditable(true);
    m_name->addItems(awaitedEvents);
    m_name->setToolTip(tr("Events the instance waits for are suggested; any name may be sent."));
    m_reason->setObjectName(QStringLiteral("raiseReason"));
    m_reason->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_raise = buttons->addButton(tr("&Raise"), QDialogButtonBox::AcceptRole);
    form->addRow(tr("Instance:"), new QLabel(instanceId, this));
    form->addRow(tr("&Event name:"), m_name);
    form->addRow(tr("&Payload (JSON):"), m_payload);
    form->addRow(m_reason);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (m_raise->isEnabled())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QComboBox::editTextChanged, this, &RaiseEventDialog::updateState);
    connect(m_payload, &JsonTextEdit::errorChanged, this, &RaiseEventDialog::updateState);
    resize(460, 320);
    updateState();
}

QString RaiseEventDialog::eventName() const
{
    return m_name->currentText().trimmed();
}

QJsonValue RaiseEventDialog::payload() const
{
    return m_payload->value();
}

void RaiseEventDialog::updateState()
{
    // A JSON error is shown once, by the payload editor; the button's tooltip repeats it.
    QString reason;
    if (eventName().isEmpty())
        reason = tr("Enter the name of the event.");
    m_reason->setText(reason);
    m_reason->setVisible(!reason.isEmpty());
    const QString blocking = reason.isEmpty() ? m_payload->error() : reason;
    m_raise->setEnabled(blocking.isEmpty());
    m_raise->setToolTip(blocking);
}

} // namespace durable::views
