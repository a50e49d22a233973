#include "terminatedialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace durable::views {

TerminateDialog::TerminateDialog(const QString &instanceId, QWidget *parent)
    : QDialog(parent)
    , m_reason(new QLineEdit(this))
    , m_recursive(new QCheckBox(tr("Also terminate its &sub-orchestrations"), this))
{
    setWindowTitle(tr("Terminate %1").arg(instanceId));
    auto *form = new QFormLayout(this);
    m_reason->setText(tr("Terminated from the workbench"));
    m_recursive->setChecked(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(tr("&Terminate"), QDialogButtonBox::AcceptRole);
    form->addRow(new QLabel(tr("The instance stops at once; this cannot be undone."), this));
    form->addRow(tr("&Reason:"), m_reason);
    form->addRow(m_recursive);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString TerminateDialog::reason() const
{
    return m_reason->text();
}

bool TerminateDialog::recursive() const
{
    return m_recursive->isChecked();
}

} // namespace durable::views
