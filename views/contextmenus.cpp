#include "contextmenus.h"

#include "bulkactions.h"
#include "instanceactions.h"
#include "instancelistview.h"

#include <QApplication>
#include <QClipboard>
#include <QMenu>

namespace durable::views {

QMenu *createInstanceListMenu(InstanceActions *actions, InstanceListView *list, QWidget *parent, QAction *compare)
{
    auto *menu = new QMenu(parent);
    menu->setObjectName(QStringLiteral("instanceListMenu"));
    const auto selected = list->selectedInstances();
    auto *copy
        = menu->addAction(selected.size() > 1 ? InstanceListView::tr("&Copy ids") : InstanceListView::tr("&Copy id"));
    copy->setObjectName(QStringLiteral("copyInstanceId"));
    copy->setEnabled(!selected.isEmpty());
    QObject::connect(copy, &QAction::triggered, menu, [selected] {
        QStringList ids;
        for (const auto &target : selected)
            ids.append(target.instanceId);
        QApplication::clipboard()->setText(ids.join(QLatin1Char('\n')));
    });
    if (compare)
        menu->addAction(compare);
    menu->addSeparator();
    for (auto *action : { actions->raiseAction, actions->approveAction, actions->rejectAction, actions->terminateAction,
                          actions->suspendAction, actions->resumeAction, actions->restartAction, actions->rewindAction,
                          actions->purgeAction, actions->fireTimerAction, actions->startLikeAction })
        menu->addAction(action);
    menu->addSeparator();
    menu->addMenu(actions->bulk()->createFilteredMenu(menu));
    return menu;
}

} // namespace durable::views
