#include "docksizing.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QTimer>

#include <memory>

void limitHeightOnFirstOpen(QMainWindow *window, QDockWidget *dock, double fraction)
{
    auto *action = dock->toggleViewAction();
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = QObject::connect(action, &QAction::triggered, dock, [=](bool checked) {
        if (!checked)
            return;
        QObject::disconnect(*connection);
        // From the event loop: the dock gets its place in the layout when it is shown, and only
        // then can the separator next to it be moved.
        QTimer::singleShot(0, dock, [window, dock, fraction] {
            const Qt::DockWidgetArea area = window->dockWidgetArea(dock);
            if (dock->isFloating() || (area != Qt::BottomDockWidgetArea && area != Qt::TopDockWidgetArea))
                return;
            const int limit = int(window->height() * fraction);
            if (dock->height() > limit)
                window->resizeDocks({ dock }, { limit }, Qt::Vertical);
        });
    });
}
