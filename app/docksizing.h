#pragma once

class QDockWidget;
class QMainWindow;

/// The first time in a session the user opens `dock` (its toggle action, e.g. from the View menu)
/// while it sits in the top or bottom dock area, its height is limited to `fraction` of the
/// window's height, so a panel's size hint cannot crush the central widget. Docks shown by
/// QMainWindow::restoreState do not trigger the action: a layout the user saved keeps its sizes,
/// and later openings keep whatever height the user dragged to.
void limitHeightOnFirstOpen(QMainWindow *window, QDockWidget *dock, double fraction);
