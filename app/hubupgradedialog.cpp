#include "hubupgradedialog.h"

#include "hubinfo.h"
#include "progressthread.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QProgressDialog>
#include <QScopeGuard>

#include <cstdio>

using namespace Qt::StringLiterals;
using durable::HubUpgradeProgress;

namespace {

/// A progress dialog that stays up until the upgrade's thread is done: Cancel, Escape and the
/// window's close button only ask the upgrade to stop (QProgressDialog would hide itself and let
/// the user at the window behind it while the file is still being written).
class UpgradeProgressDialog : public QProgressDialog {
public:
    using QProgressDialog::QProgressDialog;

    void reject() override { Q_EMIT canceled(); }

protected:
    void closeEvent(QCloseEvent *event) override
    {
        event->ignore();
        Q_EMIT canceled();
    }
};

} // namespace

QString HubUpgradeDialog::describe(const QString &hub, const HubUpgradeProgress &progress)
{
    const QString headline = tr("Upgrading %1 from schema version %2 to %3.")
                                 .arg(QDir::toNativeSeparators(hub))
                                 .arg(progress.fromVersion)
                                 .arg(progress.toVersion);
    switch (progress.phase) {
    case HubUpgradeProgress::Phase::Copying:
        return headline + u'\n' + tr("Copying rows: %L1 of %L2").arg(progress.done).arg(progress.total);
    case HubUpgradeProgress::Phase::Replacing:
        return headline + u'\n' + tr("Replacing the old tables and building indexes…");
    case HubUpgradeProgress::Phase::Writing:
        return headline + u'\n' + tr("Writing to disk…");
    }
    return headline;
}

int HubUpgradeDialog::percent(const HubUpgradeProgress &progress)
{
    switch (progress.phase) {
    case HubUpgradeProgress::Phase::Copying:
        return progress.total > 0 ? int(std::min(progress.done, progress.total) * 95 / progress.total) : 0;
    case HubUpgradeProgress::Phase::Replacing:
        return 96;
    case HubUpgradeProgress::Phase::Writing:
        return 98;
    }
    return 0;
}

durable::Status HubUpgradeDialog::upgradeWithProgress(QWidget *parent, const QString &path, int fromVersion,
                                                      durable::SyncMode sync, qint64 deepCheckBytes)
{
    HubUpgradeProgress start;
    start.fromVersion = fromVersion;
    start.toVersion = durable::hubSchemaVersion();
    if (!qobject_cast<QApplication *>(QCoreApplication::instance())) {
        // A line per tenth and per phase: a server's log gets the story without a line per report.
        int lastTenth = -1;
        auto lastPhase = start.phase;
        std::fprintf(stderr, "%s\n", qUtf8Printable(describe(path, start).section(u'\n', 0, 0)));
        return durable::upgradeHub(
            path, sync,
            [&](const HubUpgradeProgress &p) {
                const int tenth = percent(p) / 10;
                if (tenth == lastTenth && p.phase == lastPhase)
                    return;
                lastTenth = tenth;
                lastPhase = p.phase;
                std::fprintf(stderr, "%d%%: %s\n", percent(p), qUtf8Printable(describe(path, p).section(u'\n', 1)));
            },
            nullptr, deepCheckBytes);
    }

    UpgradeProgressDialog progress(describe(path, start), tr("Cancel"), 0, 100, parent);
    // QProgressDialog's own reaction to its cancel button hides it: only the flag below answers.
    // (QProgressDialog makes that connection by name, so only a disconnect by name undoes it.)
    QObject::disconnect(&progress, SIGNAL(canceled()), &progress, SLOT(cancel()));
    // A switch of hubs shows the wait cursor: the dialog's button must not look unclickable.
    QGuiApplication::setOverrideCursor(Qt::ArrowCursor);
    const auto restoreCursor = qScopeGuard([] { QGuiApplication::restoreOverrideCursor(); });
    progress.setObjectName(u"hubUpgradeProgress"_s);
    progress.setWindowTitle(tr("Upgrade Hub"));
    progress.setWindowModality(Qt::ApplicationModal);
    progress.setMinimumDuration(0);
    progress.setAutoClose(false);
    progress.setAutoReset(false);
    progress.setMinimumWidth(480);
    std::atomic<bool> cancel { false };
    bool writing = false;
    QObject::connect(&progress, &QProgressDialog::canceled, &progress, [&] {
        if (writing)
            return;
        cancel = true;
        progress.setLabelText(tr("Cancelling: the hub is left as it was…"));
    });
    progress.setValue(0);
    // Shown before the upgrade starts (not after QProgressDialog's delay): it happens once per
    // hub and version, and a Cancel pressed at once must find the upgrade not yet begun.
    progress.show();
    durable::Status result;
    runBesideProgress(progress, [&] {
        result = durable::upgradeHub(
            path, sync,
            [&](const HubUpgradeProgress &p) {
                QMetaObject::invokeMethod(&progress, [&progress, &cancel, &writing, &path, p] {
                    if (cancel)
                        return;
                    // The commit cannot be stopped: no button that would promise it.
                    if (p.phase == HubUpgradeProgress::Phase::Writing && !writing) {
                        writing = true;
                        progress.setCancelButton(nullptr);
                    }
                    progress.setLabelText(describe(path, p));
                    progress.setValue(percent(p));
                });
            },
            &cancel, deepCheckBytes);
    });
    return result;
}
