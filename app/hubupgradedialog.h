#pragma once

#include "hubupgrade.h"

#include <QCoreApplication>

class QWidget;

/// The upgrade of an older hub file before the engine opens it: on a GUI, a modal progress dialog
/// whose Cancel stops it (the hub then keeps its version and does not open); without one
/// (--headless), progress lines on stderr.
class HubUpgradeDialog {
    Q_DECLARE_TR_FUNCTIONS(HubUpgradeDialog)

public:
    /// The dialog's text for `progress` of the upgrade of `hub`.
    static QString describe(const QString &hub, const durable::HubUpgradeProgress &progress);
    /// The progress bar's value out of 100: the rows copied take it to 95, the rest is indexes and
    /// writing to disk.
    static int percent(const durable::HubUpgradeProgress &progress);

    /// durable::upgradeHub() of the hub file at `path` on a thread of its own while a modal
    /// progress dialog over `parent` (may be null) shows how far it is; Cancel stops it until the
    /// commit begins. Without a QApplication it runs on this thread and reports on stderr.
    static durable::Status upgradeWithProgress(QWidget *parent, const QString &path, int fromVersion,
                                               durable::SyncMode sync, qint64 deepCheckBytes);
};
