// The fork dialog of the durable_screenshots program: Fork from here… on a completed chain, after
// the scheduling of its third activity, replacing that activity's result.

#include "screenshots.h"

#include <client.h>
#include <forkdialog.h>
#include <historypage.h>
#include <instancedetail.h>
#include <instancelistview.h>
#include <workbenchwidget.h>

#include <QComboBox>

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
    const bool ok = save(dialog, out + QStringLiteral("/fork-dialog.png"));
    dialog->reject();
    return ok;
}

} // namespace shots
