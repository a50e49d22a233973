#pragma once

class QDockWidget;
class QMainWindow;
class QRect;
class QSize;

/// The first time in a session the user opens `dock` (its toggle action, e.g. from the View menu)
/// while it sits in the top or bottom dock area, its height is limited to `fraction` of the
/// window's height, so a panel's size hint cannot crush the central widget. Docks shown by
/// QMainWindow::restoreState do not trigger the action: a layout the user saved keeps its sizes,
/// and later openings keep whatever height the user dragged to.
void limitHeightOnFirstOpen(QMainWindow *window, QDockWidget *dock, double fraction);

/// `preferred`, but at most 80 % of `available` (a screen's available geometry) in each direction.
QSize fitToScreen(const QSize &preferred, const QRect &available);

/// For a dock that starts floating and hidden: sizes it to fitToScreen(`preferred`) on the
/// window's screen, and the first time in a session the user opens it (its toggle action) centres
/// it over `window` — unless QMainWindow::restoreState put it somewhere else since.
void placeFloatingOnFirstOpen(QMainWindow *window, QDockWidget *dock, const QSize &preferred);
