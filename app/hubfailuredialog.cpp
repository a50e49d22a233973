#include "hubfailuredialog.h"

#include <QPushButton>

using namespace Qt::StringLiterals;

HubFailureDialog::HubFailureDialog(const QString &report, QWidget *parent)
    : QMessageBox(QMessageBox::Critical, tr("Durable Workbench"), report, QMessageBox::NoButton, parent)
{
    setObjectName(u"hubFailureDialog"_s);
    setInformativeText(tr("Choose another task hub, create a new one, or quit."));
    m_openAnother = addButton(tr("&Open Another…"), QMessageBox::AcceptRole);
    m_openAnother->setObjectName(u"openAnother"_s);
    m_newHub = addButton(tr("&New Hub…"), QMessageBox::AcceptRole);
    m_newHub->setObjectName(u"newHub"_s);
    QPushButton *quit = addButton(tr("&Quit"), QMessageBox::RejectRole);
    quit->setObjectName(u"quit"_s);
    setDefaultButton(qobject_cast<QPushButton *>(m_openAnother));
    setEscapeButton(quit);
}

HubFailureDialog::Choice HubFailureDialog::choice() const
{
    if (clickedButton() == m_openAnother)
        return Choice::OpenAnother;
    if (clickedButton() == m_newHub)
        return Choice::NewHub;
    return Choice::Quit;
}
