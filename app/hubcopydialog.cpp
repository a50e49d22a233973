#include "hubcopydialog.h"

#include "progressthread.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressDialog>
#include <QPushButton>
#include <QVBoxLayout>

#include <atomic>

using namespace Qt::StringLiterals;

HubCopyDialog::HubCopyDialog(const QString &from, QWidget *parent)
    : QDialog(parent)
    , m_from(from)
{
    setWindowTitle(tr("Copy Hub To"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Copies every instance, history, log line, message, activity in flight and saved "
                                "script of %1 into a new hub file, an empty hub file or a PostgreSQL hub "
                                "(postgresql://user@host/database?hub=NAME), then verifies the copy. This hub "
                                "closes while it is copied and opens again afterwards.")
                                 .arg(QDir::toNativeSeparators(from)),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *row = new QHBoxLayout;
    m_destination = new QLineEdit(this);
    m_destination->setObjectName(u"destination"_s);
    m_destination->setPlaceholderText(tr("File path or postgresql:// URL"));
    m_destination->setMinimumWidth(420);
    auto *browseButton = new QPushButton(tr("&Browse…"), this);
    connect(browseButton, &QPushButton::clicked, this, &HubCopyDialog::browse);
    row->addWidget(m_destination, 1);
    row->addWidget(browseButton);
    auto *form = new QFormLayout;
    form->addRow(tr("&Destination:"), row);
    layout->addLayout(form);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Copy"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    connect(m_destination, &QLineEdit::textChanged, this, [this, buttons](const QString &text) {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(!text.trimmed().isEmpty());
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QString HubCopyDialog::destination() const
{
    const QString text = m_destination->text().trimmed();
    if (text.isEmpty() || text.contains(u"://"_s))
        return text;
    return QDir::cleanPath(QFileInfo(text).absoluteFilePath());
}

void HubCopyDialog::browse()
{
    QFileDialog dialog(this, tr("Copy Hub To"), QFileInfo(m_from).absolutePath(), tr("Task hubs (*.sqlite)"));
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix(u"sqlite"_s);
    // An existing file is only accepted when it is an empty hub: the copy itself checks that.
    dialog.setOption(QFileDialog::DontConfirmOverwrite);
    if (dialog.exec() == QDialog::Accepted && !dialog.selectedFiles().isEmpty())
        m_destination->setText(QDir::toNativeSeparators(dialog.selectedFiles().constFirst()));
}

durable::HubCopyResult HubCopyDialog::copyWithProgress(QWidget *parent, const QString &from, const QString &to,
                                                       durable::SyncMode sync)
{
    QProgressDialog progress(tr("Copying %1…").arg(QDir::toNativeSeparators(from)), tr("Cancel"), 0, 100, parent);
    progress.setObjectName(u"hubCopyProgress"_s);
    progress.setWindowTitle(tr("Copy Hub To"));
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(0);
    progress.setAutoClose(false);
    progress.setAutoReset(false);
    progress.setValue(0);
    std::atomic<bool> cancel { false };
    QObject::connect(&progress, &QProgressDialog::canceled, &progress, [&] {
        cancel = true;
        progress.setLabelText(tr("Cancelling: removing what was copied…"));
    });
    durable::HubCopyResult result;
    durable::HubCopyOptions options;
    options.sync = sync;
    runBesideProgress(progress, [&] {
        result = durable::copyHub(
            from, to,
            [&](const durable::HubCopyProgress &p) {
                const int percent = p.total > 0 ? int(p.done * 100 / p.total) : 100;
                const QString text = p.phase == durable::HubCopyProgress::Phase::Copying
                    ? tr("Copying: %L1 of %L2 instances").arg(p.done).arg(p.total)
                    : tr("Verifying: %L1 of %L2 instances").arg(p.done).arg(p.total);
                QMetaObject::invokeMethod(&progress, [&progress, &cancel, percent, text] {
                    if (cancel)
                        return;
                    progress.setValue(percent);
                    progress.setLabelText(text);
                });
            },
            &cancel, options);
    });
    return result;
}
