// failure-card.png and designer-failure-line.png: a script that fails at the user's line after
// its retries, shown in the summary's failure card, and the Designer opened from it at that line.
#include "screenshots.h"

#include <codeeditor.h>
#include <designerpage.h>
#include <engine.h>
#include <failurecard.h>
#include <hubclient.h>
#include <instancedetail.h>
#include <instancelistview.h>
#include <scriptdesignservice.h>
#include <summarypage.h>
#include <workbenchwidget.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QPushButton>
#include <QToolButton>

namespace shots {

namespace {
    const char *const billing = R"(const df = require("durable-functions");

df.app.orchestration("Billing", function* (context) {
    const order = context.df.getInput();
    const retry = new df.RetryOptions(200, 3);
    const total = yield context.df.callActivity("PriceOrder", order);
    return yield context.df.callActivityWithRetry("ChargeCard", retry, { order: order.id, total: total });
});

function authorize(card, total) {
    if (total > card.limit)
        throw new Error("card declined: " + total + " exceeds the limit of " + card.limit);
    return "auth-" + total;
}

df.app.activity("PriceOrder", { handler: (order) => order.lines.reduce((a, b) => a + b, 0) });
df.app.activity("ChargeCard", { handler: (charge) => authorize({ limit: 100 }, charge.total) });
)";
} // namespace

bool shootFailureCard(durable::views::WorkbenchWidget &workbench, durable::HubClient &client,
                      durable::script::ScriptDesignService &design, durable::views::DesignerPage &designer,
                      const QString &out)
{
    using namespace durable;
    const QString file = QStringLiteral("billing.js");
    const QString code = QString::fromUtf8(billing);
    auto saved = client.saveScript(file, code, { QStringLiteral("Billing") },
                                   { QStringLiteral("PriceOrder"), QStringLiteral("ChargeCard") });
    saved.waitForFinished();
    if (!saved.result())
        return false;
    auto registered = design.registerVersion(file, code, *saved.result());
    registered.waitForFinished();
    if (!registered.result())
        return false;
    const QString id = QStringLiteral("billing-7");
    client
        .start(QStringLiteral("Billing"),
               QJsonObject { { QStringLiteral("id"), QStringLiteral("A-7") },
                             { QStringLiteral("lines"), QJsonArray { 40, 35, 60 } } },
               { .instanceId = id })
        .waitForFinished();
    until([&] { return client.status(id).result().value_or(InstanceInfo {}).status == RuntimeStatus::Failed; });
    workbench.sideTabs()->setCurrentIndex(0);
    workbench.instanceList()->goToInstance(id);
    workbench.detail()->setInstanceId(id);
    workbench.detail()->setCurrentIndex(views::InstanceDetail::Summary);
    auto *card = workbench.detail()->summary()->failureCard();
    until([&] { return card->isVisible() && !card->location().isEmpty(); });
    card->stackButton()->click();
    pump(200);
    bool ok = save(&workbench, out + QStringLiteral("/failure-card.png"));

    designer.resize(1100, 900);
    designer.show();
    bool opened = false;
    QObject::connect(&designer, &views::DesignerPage::scriptOpened, &designer, [&opened] { opened = true; });
    card->openInDesignerButton()->click();
    until([&] { return opened; });
    pump(300);
    ok &= save(&designer, out + QStringLiteral("/designer-failure-line.png"));
    return ok;
}

} // namespace shots
