#pragma once

class QAction;
class QMenu;
class QWidget;

namespace durable::views {

class InstanceActions;
class InstanceListView;

/// The instance list's context menu: the instance commands (on the selection when several rows
/// are selected), Copy id, and the commands over everything the filters match. Built afresh for
/// each right click so that it shows the actions' current state; parented to `parent`. `compare`,
/// when given, is listed after Copy id (Compare two runs).
QMenu *createInstanceListMenu(InstanceActions *actions, InstanceListView *list, QWidget *parent,
                              QAction *compare = nullptr);

} // namespace durable::views
