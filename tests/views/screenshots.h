#pragma once

// Shared by the parts of the durable_screenshots program (screenshots.cpp: the main views;
// screenshots_desktop.cpp: the desktop features' dialogs).

#include <QImage>
#include <QString>

#include <functional>

class QWidget;
namespace durable {
class Client;
class HubClient;
class Engine;
namespace views {
    class DesignerPage;
    class WorkbenchWidget;
} // namespace views
namespace script {
    class ScriptDesignService;
}
} // namespace durable

namespace shots {
/// Processes events for `ms` milliseconds (lets a view settle before it is grabbed).
void pump(int ms);
/// Processes events until `condition` holds; false after `timeoutMs`.
bool until(const std::function<bool()> &condition, int timeoutMs = 15000);
/// Whether `name` (a file's base name) is rendered in this run (--dark renders only some).
bool wanted(const QString &name);
/// Writes `render()` to `path` (with the run's suffix) if wanted; false when writing failed.
bool saveImage(const std::function<QImage()> &render, QString path);
/// saveImage() of `widget->grab()`.
bool save(QWidget *widget, const QString &path);

/// bulk-question.png and bulk-report.png: "Terminate all filtered…" with the list filtered by
/// name, on `workbench`, whose hub already holds approval-1 (completed) and approval-2 (waiting).
bool shootBulk(durable::views::WorkbenchWidget &workbench, durable::Client &client, const QString &out);
/// start-replace.png: Start… with the id of the completed instance `finishedId`.
bool shootStartReplace(durable::views::WorkbenchWidget &workbench, const QString &finishedId, const QString &out);
/// compare.png: Compare two runs of fanout-small (already completed) and a larger, slower fan-out.
bool shootCompare(durable::views::WorkbenchWidget &workbench, durable::Client &client, const QString &out);
/// nested-gantt.png: the timeline of `parentId` with its first sub-orchestration expanded.
bool shootNestedGantt(durable::views::WorkbenchWidget &workbench, const QString &parentId, const QString &out);
/// failure-card.png and designer-failure-line.png: a saved script that fails at the user's line
/// after its retries, its failure card, and `designer` opened from the card at that line.
bool shootFailureCard(durable::views::WorkbenchWidget &workbench, durable::HubClient &client,
                      durable::script::ScriptDesignService &design, durable::views::DesignerPage &designer,
                      const QString &out);
/// shortcuts.png: Help ▸ Keyboard Shortcuts of the real main window (app/Workbench) on the hub at
/// `hubPath`, which no other engine may hold open.
bool shootShortcuts(const QString &hubPath, const QString &out);
/// hub-workers.png: the Hub Workers panel with two worker engines on one PostgreSQL hub (the
/// server from DURABLE_TEST_PG, a fresh hub) mid fan-out. Skipped, with a note, without a server.
bool shootHubWorkers(const QString &out);
/// fork-dialog.png: Fork from here… on the completed FunctionChaining instance `instanceId`, after
/// F3 was scheduled, replacing F3's result, and fork-summary.png: the fork made with it, completed
/// (screenshots_fork.cpp).
bool shootFork(durable::views::WorkbenchWidget &workbench, const QString &instanceId, const QString &out);
} // namespace shots
