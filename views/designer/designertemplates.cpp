#include "designertemplates.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace durable::views {

namespace {

    const char *const chaining = R"(const df = require("durable-functions");

// Function chaining: each activity gets the result of the one before.
df.orchestrator("GreetingChain", function* (context) {
    const name = context.df.getInput() || "world";
    const greeting = yield context.df.callActivity("ComposeGreeting", name);
    const shouted = yield context.df.callActivity("Shout", greeting);
    return yield context.df.callActivity("Sign", shouted);
});

df.activity("ComposeGreeting", function (context, name) {
    return "Hello, " + name;
});

df.activity("Shout", function (context, text) {
    return text.toUpperCase() + "!";
});

df.activity("Sign", function (context, text) {
    return text + " -- the workbench";
});
)";

    const char *const fanOut = R"(const df = require("durable-functions");

// Fan-out/fan-in: process the work items in parallel, then aggregate the results.
df.orchestrator("SquareAndSum", function* (context) {
    const items = yield context.df.callActivity("ListWorkItems", context.df.getInput());
    const tasks = items.map((item) => context.df.callActivity("SquareItem", item));
    const squares = yield context.df.Task.all(tasks);
    const total = squares.reduce((sum, square) => sum + square, 0);
    yield context.df.callActivity("StoreTotal", total);
    return total;
});

df.activity("ListWorkItems", function (context, input) {
    return Array.isArray(input) ? input : [1, 2, 3, 4, 5];
});

df.activity("SquareItem", function (context, item) {
    return item * item;
});

df.activity("StoreTotal", function (context, total) {
    return total;
});
)";

    const char *const asyncHttp = R"(const df = require("durable-functions");

// Async HTTP API: start it with POST /api/orchestrators/ProcessUpload; the answer carries the
// status URL a client polls until the work is done. The custom status reports the progress.
df.orchestrator("ProcessUpload", function* (context) {
    const upload = context.df.getInput() || { parts: 3 };
    const results = [];
    for (let part = 1; part <= upload.parts; part++) {
        context.df.setCustomStatus({ progress: part + "/" + upload.parts });
        results.push(yield context.df.callActivity("ProcessPart", { part: part }));
    }
    context.df.setCustomStatus({ progress: "done" });
    return results;
});

df.activity("ProcessPart", function (context, input) {
    return "part " + input.part + " processed";
});
)";

    const char *const monitor = R"(const df = require("durable-functions");

// Monitor: poll a job's status on a durable timer until it completes or the monitor expires.
df.orchestrator("WatchJob", function* (context) {
    const job = context.df.getInput() || { id: "job-1", doneAfter: 3 };
    const expiry = new Date(context.df.currentUtcDateTime.getTime() + 60 * 60 * 1000);
    let checks = 0;
    while (context.df.currentUtcDateTime < expiry) {
        checks++;
        const status = yield context.df.callActivity("CheckJob", { id: job.id, check: checks, doneAfter: job.doneAfter });
        if (status === "Completed") {
            yield context.df.callActivity("NotifyOwner", job.id);
            return "completed after " + checks + " checks";
        }
        yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + 2 * 1000));
    }
    return "expired";
});

df.activity("CheckJob", function (context, input) {
    return input.check >= input.doneAfter ? "Completed" : "Running";
});

df.activity("NotifyOwner", function (context, jobId) {
    return "owner of " + jobId + " notified";
});
)";

    const char *const approval = R"(const df = require("durable-functions");

// Human interaction: ask for an approval and wait for the "ApprovalEvent" event, escalating
// when nobody answers within 72 hours. Raise the event from the instance's actions.
df.orchestrator("ExpenseApproval", function* (context) {
    const request = context.df.getInput() || { amount: 120 };
    yield context.df.callActivity("AskForApproval", request);
    const deadline = new Date(context.df.currentUtcDateTime.getTime() + 72 * 60 * 60 * 1000);
    const timeout = context.df.createTimer(deadline);
    const approval = context.df.waitForExternalEvent("ApprovalEvent");
    const winner = yield context.df.Task.any([approval, timeout]);
    if (winner === approval) {
        timeout.cancel();
        return yield context.df.callActivity("RecordDecision", approval.result);
    }
    return yield context.df.callActivity("EscalateRequest", request);
});

df.activity("AskForApproval", function (context, request) {
    return "approval requested for " + request.amount;
});

df.activity("RecordDecision", function (context, approved) {
    return approved ? "approved" : "rejected";
});

df.activity("EscalateRequest", function (context, request) {
    return "escalated: " + request.amount;
});
)";

    const char *const v4Model = R"(const df = require("durable-functions");

// The Durable Functions for Node.js v4 programming model (npm durable-functions 3.x): code from
// a current Durable Functions app pastes in as it is. Activity handlers take (input, context).
df.app.orchestration("OrderPipeline", function* (context) {
    const order = context.df.getInput() || { id: "A-1", lines: [2, 3] };
    const retry = new df.RetryOptions(1000, 3);
    const checked = yield context.df.callActivityWithRetry("ValidateOrder", retry, order);
    const prices = yield context.df.Task.all(checked.lines.map((qty) => context.df.callActivity("PriceLine", qty)));
    context.df.setCustomStatus({ priced: prices.length });
    return yield context.df.callActivity("Invoice", { id: checked.id, total: prices.reduce((a, b) => a + b, 0) });
});

df.app.activity("ValidateOrder", {
    handler: (order, context) => {
        if (!order.lines || order.lines.length === 0)
            throw new Error("order " + order.id + " has no lines");
        context.log("order", order.id, "is valid");
        return order;
    },
});

df.app.activity("PriceLine", { handler: (qty) => qty * 10 });

df.app.activity("Invoice", { handler: (invoice) => "invoice " + invoice.id + ": " + invoice.total });
)";

    QString text(const char *source)
    {
        return QString::fromUtf8(source);
    }

    QString title(const char *source)
    {
        return QCoreApplication::translate("DesignerTemplates", source);
    }

} // namespace

QList<DesignerTemplate> designerTemplates()
{
    using O = QJsonObject;
    return {
        { title(QT_TRANSLATE_NOOP("DesignerTemplates", "Function chaining")), QStringLiteral("greeting-chain.js"),
          QStringLiteral("GreetingChain"), text(chaining), QStringLiteral("Ada"), QJsonValue::Null },
        { title(QT_TRANSLATE_NOOP("DesignerTemplates", "Fan-out/fan-in")), QStringLiteral("square-and-sum.js"),
          QStringLiteral("SquareAndSum"), text(fanOut), QJsonArray { 1, 2, 3, 4 }, QJsonValue::Null },
        { title(QT_TRANSLATE_NOOP("DesignerTemplates", "Async HTTP API")), QStringLiteral("process-upload.js"),
          QStringLiteral("ProcessUpload"), text(asyncHttp), O { { QStringLiteral("parts"), 3 } }, QJsonValue::Null },
        { title(QT_TRANSLATE_NOOP("DesignerTemplates", "Monitor")), QStringLiteral("watch-job.js"),
          QStringLiteral("WatchJob"), text(monitor),
          O { { QStringLiteral("id"), QStringLiteral("job-7") }, { QStringLiteral("doneAfter"), 3 } },
          O { { QStringLiteral("CheckJob"), QStringLiteral("Completed") } } },
        { title(QT_TRANSLATE_NOOP("DesignerTemplates", "Human interaction")), QStringLiteral("expense-approval.js"),
          QStringLiteral("ExpenseApproval"), text(approval), O { { QStringLiteral("amount"), 120 } },
          O { { QStringLiteral("ApprovalEvent"), true } } },
        { title(QT_TRANSLATE_NOOP("DesignerTemplates", "Durable Functions v4 model (df.app)")),
          QStringLiteral("order-pipeline.js"), QStringLiteral("OrderPipeline"), text(v4Model),
          O { { QStringLiteral("id"), QStringLiteral("A-7") }, { QStringLiteral("lines"), QJsonArray { 1, 2, 4 } } },
          QJsonValue::Null },
    };
}

} // namespace durable::views
