// compare.png and nested-gantt.png: Compare two runs on two fan-outs of the sample patterns, and a
// sub-orchestration's bar expanded in the timeline.

#include "screenshots.h"

#include <comparedialog.h>
#include <engine.h>
#include <historypage.h>
#include <instancedetail.h>
#include <instancelistview.h>
#include <timelineview.h>
#include <workbenchwidget.h>

#include <QJsonObject>
#include <QTableView>

#include <cstdio>

using namespace durable;

namespace shots {

bool shootCompare(views::WorkbenchWidget &workbench, Client &client, const QString &out)
{
    // fanout-small squared 1..4; this one squares 1..5 and waits 300 ms in each: one action more,
    // another sum, and slower squares.
    Client::StartOptions options;
    options.instanceId = QStringLiteral("fanout-five");
    client
        .start(QStringLiteral("FanOutFanIn"),
               QJsonObject { { QStringLiteral("n"), 5 }, { QStringLiteral("delayMs"), 300 } }, options)
        .waitForFinished();
    if (!until([&] { return client.waitForCompletion(QStringLiteral("fanout-five"), 100).result().has_value(); },
               30000)) {
        std::fprintf(stderr, "fanout-five did not complete\n");
        return false;
    }
    auto *dialog = workbench.openComparison(QStringLiteral("fanout-small"), QStringLiteral("fanout-five"));
    dialog->resize(1150, 640);
    until([&] { return dialog->isLoaded(); });
    const bool ok = save(dialog, out + QStringLiteral("/compare.png"));
    dialog->close();
    return ok;
}

bool shootNestedGantt(views::WorkbenchWidget &workbench, const QString &parentId, const QString &out)
{
    workbench.showInstance(parentId);
    auto *detail = workbench.detail();
    until([&] { return detail->tracker()->instanceId() == parentId && detail->tracker()->history().size() > 4; });
    detail->setCurrentIndex(views::InstanceDetail::History);
    auto *history = detail->history();
    auto *timeline = history->timeline();
    const auto &events = detail->tracker()->history();
    for (int i = 0; i < events.size(); ++i) {
        if (events.at(i).type == EventType::SubOrchestrationInstanceCreated) {
            history->selectPosition(i);
            break;
        }
    }
    const QString child = timeline->childAtCursor();
    timeline->setExpanded(child, true);
    until([&] { return timeline->rowLabels().size() > 3; });
    timeline->setFocus();
    return save(&workbench, out + QStringLiteral("/nested-gantt.png"));
}

} // namespace shots
