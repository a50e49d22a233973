// The fork dialog of the durable_screenshots program: Fork from here… on a completed chain, after
// the scheduling of its third activity, replacing that activity's result; then the fork's summary.

#include "screenshots.h"

#include <client.h>
#include <forkdialog.h>
#include <historypage.h>
#include <instancedetail.h>
#include <instancelistview.h>
#include <jsontextedit.h>
#include <workbenchwidget.h>

#include <QComboBox>
#include <QPushButton>

using namespace durable;

namespace shots {

bool shootFork(views::WorkbenchWidget &workbench, const QString &instanceId, const QString &out)
{
    if (!wanted(QStringLiteral("fork-dialog")))
        return true;
    workbench.instanceList()->goToInstance(instanceId);
    workbench.detail()->setInstanceId(instanceId);
    workbench.detail()->setCurrentIndex(views::InstanceDetail::History);
    if (!until([&] {
            const auto &info = workbench.detail()->tracker()->info();
            return info && info->instanceId == instanceId && info->status == RuntimeStatus::Completed
                && workbench.detail()->tracker()->history().size() > 8;
        }))
        return false;
    qint64 sequence = -1;
    for (const auto &e : workbench.detail()->tracker()->history()) {
        if (e.type == EventType::TaskScheduled && e.name == QLatin1String("F3"))
            sequence = e.sequence;
    }
    workbench.detail()->history()->selectSequence(sequence);
    auto *dialog = workbench.openForkDialog(sequence);
    if (!dialog)
        return false;
    dialog->findChild<QComboBox *>(QStringLiteral("forkSubstitute"))->setCurrentIndex(1);
    bool ok = save(dialog, out + QStringLiteral("/fork-dialog.png"));
    // The fork itself, with another result for F3: the summary says where it came from.
    dialog->findChild<views::JsonTextEdit *>(QStringLiteral("forkValue"))->setText(QStringLiteral("\"what if\""));
    dialog->forkButton()->click();
    const QString fork = instanceId + QStringLiteral("-fork-1");
    if (!until([&] {
            const auto &info = workbench.detail()->tracker()->info();
            return info && info->instanceId == fork && info->status == RuntimeStatus::Completed;
        }))
        return false;
    workbench.detail()->setCurrentIndex(views::InstanceDetail::Summary);
    ok &= save(&workbench, out + QStringLiteral("/fork-summary.png"));
    return ok;
}

} // namespace shots
