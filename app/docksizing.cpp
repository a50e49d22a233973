#include "docksizing.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QScreen>
#include <QTimer>

#include <algorithm>
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

QSize fitToScreen(const QSize &preferred, const QRect &available)
{
    return { std::min(preferred.width(), int(available.width() * 0.8)),
             std::min(preferred.height(), int(available.height() * 0.8)) };
}

void placeFloatingOnFirstOpen(QMainWindow *window, QDockWidget *dock, const QSize &preferred)
{
    if (QScreen *screen = window->screen())
        dock->resize(fitToScreen(preferred, screen->availableGeometry()));
    else
        dock->resize(preferred);
    const QRect placed = dock->geometry();
    auto *action = dock->toggleViewAction();
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = QObject::connect(action, &QAction::triggered, dock, [=](bool checked) {
        if (!checked)
            return;
        QObject::disconnect(*connection);
        // A geometry restored from the user's saved layout is theirs: only the default moves.
        if (!dock->isFloating() || dock->geometry() != placed)
            return;
        QRect centred = dock->frameGeometry();
        centred.moveCenter(window->frameGeometry().center());
        dock->move(centred.topLeft());
    });
}
