// Repro bundles on real engines: a script orchestrator's run (with a sub-orchestration and log
// lines) exported from one hub and imported into a fresh one gives the same rows, histories, logs
// and replay-test verdicts; the imported instances refuse every command but purge, can be forked,
// and are never dispatched; bad or foreign files are refused with nothing written.
#include "bundle.h"
#include "json.h"
#include "replaytest.h"
#include "scriptfixture.h"
#include "storedscripts.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace durable;

namespace {

const char *const payCode = R"(
const df = require("durable-functions");
df.orchestrator("Pay", function* (context) {
    const quote = yield context.df.callActivity("Quote", context.df.getInput());
    context.df.log("quoted " + quote);
    const checked = yield context.df.callSubOrchestrator("Check", quote, context.df.instanceId + "-check");
    const charged = yield context.df.callActivity("Charge", checked);
    return "paid:" + charged;
});
df.orchestrator("Check", function* (context) {
    return yield context.df.callActivity("Quote", context.df.getInput());
});
)";

// A version that cannot replay Pay's histories: a new first step.
const char *const divergingCode = R"(
const df = require("durable-functions");
df.orchestrator("Pay", function* (context) {
    yield context.df.callActivity("Charge", 0);
    return "never";
});
)";

void addActivities(Registry &registry)
{
    registry.addActivity(QStringLiteral("Quote"),
                         [](ActivityContext &, const QJsonValue &input) -> QJsonValue { return input.toInt() * 2; });
    registry.addActivity(QStringLiteral("Charge"),
                         [](ActivityContext &, const QJsonValue &input) -> QJsonValue { return input.toInt() + 1; });
}

/// A hub with pay.js saved as version 1 and registered, and one completed run "pay-1" (input 5).
bool completedRun(testing::ScriptHub &hub)
{
    addActivities(hub.registry);
    if (!hub.open())
        return false;
    const auto saved = testing::wait(hub.engine->saveScript(QStringLiteral("pay.js"), QString::fromUtf8(payCode),
                                                            { QStringLiteral("Pay"), QStringLiteral("Check") }, {}));
    if (!saved || *saved != 1)
        return false;
    script::ScriptOptions v1;
    v1.version = script::storedVersionName(1);
    if (!hub.loadCode(QStringLiteral("pay.js"), QString::fromUtf8(payCode), v1))
        return false;
    hub.start(QStringLiteral("Pay"), 5, QStringLiteral("pay-1"));
    return hub.finish(QStringLiteral("pay-1")).output.toString() == QLatin1String("paid:21");
}

QStringList logContent(const QList<LogLine> &lines)
{
    QStringList out;
    for (const auto &l : lines)
        out.append(QStringLiteral("%1 %2 %3 %4 %5 %6 %7")
                       .arg(l.historySequence)
                       .arg(l.timestamp.toString(Qt::ISODateWithMs))
                       .arg(int(l.level))
                       .arg(l.source)
                       .arg(l.taskId)
                       .arg(l.replaying)
                       .arg(l.message));
    return out;
}

QStringList rowContent(const InstanceInfo &i)
{
    return { i.name,
             statusName(i.status),
             QString::fromUtf8(json::toText(i.input)),
             QString::fromUtf8(json::toText(i.output)),
             QString::fromUtf8(json::toText(i.customStatus)),
             i.failure ? QString::fromUtf8(QJsonDocument(i.failure->toJson()).toJson()) : QString(),
             i.createdAt.toString(Qt::ISODateWithMs),
             i.lastUpdatedAt.toString(Qt::ISODateWithMs),
             i.completedAt.toString(Qt::ISODateWithMs),
             i.executionId };
}

int instanceCount(testing::ScriptHub &hub)
{
    InstanceQuery query;
    query.pageSize = 1000;
    auto page = testing::wait(hub.engine->query(query));
    return page ? int(page->instances.size()) : -1;
}

} // namespace

class TestBundle : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void exportImportIntoAFreshHub()
    {
        testing::ScriptHub from;
        QVERIFY(completedRun(from));
        auto bytes = bundle::exportInstance(*from.engine, QStringLiteral("pay-1"), true);
        QVERIFY2(bytes, bytes ? "" : qPrintable(bytes.error().message));

        testing::ScriptHub to;
        addActivities(to.registry);
        QVERIFY(to.open());
        auto imported = testing::wait(to.engine->importBundle(*bytes, QStringLiteral("pay.bundle.json")));
        QVERIFY2(imported, imported ? "" : qPrintable(imported.error().message));
        QCOMPARE(imported->instanceIds, (QStringList { QStringLiteral("pay-1"), QStringLiteral("pay-1-check") }));
        QCOMPARE(imported->scripts.size(), 1);
        QCOMPARE(imported->scripts.first().version, 1);
        QCOMPARE(imported->scripts.first().code, QString::fromUtf8(payCode));
        // The script version is stored in the new hub: a process registers it to replay and fork.
        auto versions = testing::wait(to.engine->scriptVersions(QStringLiteral("pay.js")));
        QVERIFY(versions && versions->size() == 1);
        script::ScriptOptions v1;
        v1.version = script::storedVersionName(1);
        QVERIFY(to.loadCode(QStringLiteral("pay.js"), imported->scripts.first().code, v1));

        for (const QString &id : imported->instanceIds) {
            const auto a = from.status(id);
            const auto b = to.status(id);
            QCOMPARE(rowContent(b), rowContent(a));
            QCOMPARE(b.version, a.version);
            QCOMPARE(b.parentInstanceId, a.parentInstanceId);
            QVERIFY(isImported(b));
            QCOMPARE(b.origin.value(QStringLiteral("originalId")).toString(), id);
            QCOMPARE(b.origin.value(QStringLiteral("file")).toString(), QStringLiteral("pay.bundle.json"));
            QCOMPARE(to.history(id), from.history(id));
            const auto logsA = testing::wait(from.engine->logs(id));
            const auto logsB = testing::wait(to.engine->logs(id));
            QVERIFY(logsA && logsB);
            QCOMPARE(logContent(*logsB), logContent(*logsA));
        }
        QVERIFY(!testing::wait(to.engine->logs(QStringLiteral("pay-1")))->isEmpty());

        // The replay test gives the same verdicts on both hubs, for the code it ran and for code
        // that diverges.
        Registry diverging;
        script::ScriptOptions candidate;
        candidate.version = QStringLiteral("candidate");
        QVERIFY(script::loadScript(QStringLiteral("pay.js"), QString::fromUtf8(divergingCode), diverging, candidate));
        for (const auto &code : { from.registry.orchestrator(QStringLiteral("Pay"), QStringLiteral("v1"))->function,
                                  diverging.orchestrator(QStringLiteral("Pay"))->function }) {
            const auto a
                = script::replayHistory({ QStringLiteral("pay-1"), from.status(QStringLiteral("pay-1")).executionId,
                                          from.history(QStringLiteral("pay-1")) },
                                        code);
            const auto b
                = script::replayHistory({ QStringLiteral("pay-1"), to.status(QStringLiteral("pay-1")).executionId,
                                          to.history(QStringLiteral("pay-1")) },
                                        code);
            QCOMPARE(b.kind, a.kind);
            QCOMPARE(b.sequence, a.sequence);
            QCOMPARE(b.divergence, a.divergence);
        }

        // Imported again: the ids are taken, so the copies get a suffix.
        auto again = testing::wait(to.engine->importBundle(*bytes, QStringLiteral("pay.bundle.json")));
        QVERIFY(again);
        QCOMPARE(again->instanceIds,
                 (QStringList { QStringLiteral("pay-1-imported-1"), QStringLiteral("pay-1-check-imported-1") }));
        QCOMPARE(to.status(QStringLiteral("pay-1-check-imported-1")).parentInstanceId,
                 QStringLiteral("pay-1-imported-1"));
        // The events link the renamed copies, not the first import's instances.
        const auto linked = [&](const QString &id, EventType type, const QString &key) {
            for (const auto &e : to.history(id)) {
                if (e.type == type)
                    return e.data.value(key).toString();
            }
            return QString();
        };
        QCOMPARE(linked(QStringLiteral("pay-1-imported-1"), EventType::SubOrchestrationInstanceCreated,
                        QStringLiteral("instanceId")),
                 QStringLiteral("pay-1-check-imported-1"));
        QCOMPARE(linked(QStringLiteral("pay-1-check-imported-1"), EventType::ExecutionStarted,
                        QStringLiteral("parentInstanceId")),
                 QStringLiteral("pay-1-imported-1"));
        QCOMPARE(testing::wait(to.engine->scriptVersions(QStringLiteral("pay.js")))->size(), 1);
    }

    void importedInstancesAreReadOnly()
    {
        testing::ScriptHub from;
        QVERIFY(completedRun(from));
        // A run still waiting (mid-flight when exported): imported as Running, never dispatched.
        from.registry.addOrchestrator(QStringLiteral("Wait"), [](OrchestrationContext &ctx) -> Task<QJsonValue> {
            co_return co_await ctx.waitForExternalEvent(QStringLiteral("Go"));
        });
        from.start(QStringLiteral("Wait"), {}, QStringLiteral("wait-1"));
        QTRY_VERIFY_WITH_TIMEOUT(from.status(QStringLiteral("wait-1")).waiting.events.contains(QStringLiteral("Go")),
                                 20000);
        auto waitBundle = bundle::exportInstance(*from.engine, QStringLiteral("wait-1"), false);
        auto payBundle = bundle::exportInstance(*from.engine, QStringLiteral("pay-1"), false);
        QVERIFY(waitBundle && payBundle);

        testing::ScriptHub to;
        addActivities(to.registry);
        to.registry.addOrchestrator(QStringLiteral("Wait"), [](OrchestrationContext &ctx) -> Task<QJsonValue> {
            co_return co_await ctx.waitForExternalEvent(QStringLiteral("Go"));
        });
        QVERIFY(to.open());
        QVERIFY(testing::wait(to.engine->importBundle(*waitBundle, QStringLiteral("wait.json"))));
        auto pay = testing::wait(to.engine->importBundle(*payBundle, QStringLiteral("pay.json")));
        QVERIFY(pay);
        script::ScriptOptions v1;
        v1.version = script::storedVersionName(pay->scripts.first().version);
        QVERIFY(to.loadCode(QStringLiteral("pay.js"), pay->scripts.first().code, v1));
        const QString waiting = QStringLiteral("wait-1");
        QCOMPARE(to.status(waiting).status, RuntimeStatus::Running);

        const auto refused = [](const Status &s) { return !s && s.error().code == ErrorCode::FailedPrecondition; };
        QVERIFY(refused(testing::wait(to.engine->raiseEvent(waiting, QStringLiteral("Go"), 1))));
        QVERIFY(refused(testing::wait(to.engine->terminate(waiting, QStringLiteral("no")))));
        QVERIFY(refused(testing::wait(to.engine->suspend(waiting, QStringLiteral("no")))));
        QVERIFY(refused(testing::wait(to.engine->resume(waiting, QStringLiteral("no")))));
        QVERIFY(refused(testing::wait(to.engine->rewind(QStringLiteral("pay-1"), QStringLiteral("no")))));
        QVERIFY(refused(testing::wait(to.engine->fireTimer(waiting, 0))));
        const auto restart = testing::wait(to.engine->restart(QStringLiteral("pay-1"), true));
        QVERIFY(!restart && restart.error().code == ErrorCode::FailedPrecondition);
        Client::StartOptions replace;
        replace.instanceId = QStringLiteral("pay-1");
        const auto started = testing::wait(to.engine->start(QStringLiteral("Pay"), 1, replace));
        QVERIFY(!started && started.error().code == ErrorCode::FailedPrecondition);
        to.barrier();
        QCOMPARE(to.status(waiting).status, RuntimeStatus::Running);
        QCOMPARE(to.history(waiting), from.history(waiting));

        // A sub-orchestration started under an imported instance's id neither replaces it (though
        // it is finished) nor runs: the call fails as for an instance that exists.
        to.registry.addOrchestrator(QStringLiteral("Reuse"), [](OrchestrationContext &ctx) -> Task<QJsonValue> {
            co_return co_await ctx.callSubOrchestrator(QStringLiteral("Pay"), 1, QStringLiteral("pay-1"));
        });
        const auto importedPay = to.history(QStringLiteral("pay-1"));
        to.start(QStringLiteral("Reuse"), {}, QStringLiteral("reuse-1"));
        const auto reuse = to.finish(QStringLiteral("reuse-1"));
        QCOMPARE(reuse.status, RuntimeStatus::Failed);
        QVERIFY(reuse.failure);
        QVERIFY2(reuse.failure->errorMessage.contains(QStringLiteral("read-only")),
                 qPrintable(reuse.failure->errorMessage));
        QVERIFY(isImported(to.status(QStringLiteral("pay-1"))));
        QCOMPARE(to.history(QStringLiteral("pay-1")), importedPay);

        // A fork of an imported instance is a normal one, on the version the bundle brought.
        ForkRequest request;
        request.instanceId = QStringLiteral("pay-1");
        request.afterSequence = 2;
        auto forked = testing::wait(to.engine->fork(request));
        QVERIFY2(forked, forked ? "" : qPrintable(forked.error().message));
        QCOMPARE(forked->verdict.kind, ReplayVerdict::Kind::Deterministic);
        QCOMPARE(to.finish(forked->instanceId).output.toString(), QStringLiteral("paid:21"));
        QVERIFY(!isImported(to.status(forked->instanceId)));

        // Purge removes an imported instance, running or not.
        QCOMPARE(testing::wait(to.engine->purge(waiting)).value_or(0), 1);
        QCOMPARE(testing::wait(to.engine->status(waiting)).error().code, ErrorCode::NotFound);
    }

    void badFilesAreRefusedAndWriteNothing()
    {
        testing::ScriptHub from;
        QVERIFY(completedRun(from));
        auto bytes = bundle::exportInstance(*from.engine, QStringLiteral("pay-1"), false);
        QVERIFY(bytes);
        const QJsonObject good = QJsonDocument::fromJson(*bytes).object();
        const auto edited = [&](const std::function<void(QJsonObject &)> &edit) {
            QJsonObject copy = good;
            edit(copy);
            return QJsonDocument(copy).toJson();
        };

        testing::ScriptHub to;
        addActivities(to.registry);
        QVERIFY(to.open());
        const QList<std::pair<QByteArray, ErrorCode>> cases {
            { QByteArray("PK\x03\x04 a zip file"), ErrorCode::InvalidArgument },
            { bytes->left(bytes->size() / 2), ErrorCode::InvalidArgument },
            { QByteArray("[1, 2, 3]"), ErrorCode::InvalidArgument },
            { edited([](QJsonObject &o) { o.insert(QStringLiteral("format"), QStringLiteral("something-else")); }),
              ErrorCode::InvalidArgument },
            { edited([](QJsonObject &o) { o.insert(QStringLiteral("version"), bundle::Version + 1); }),
              ErrorCode::SchemaTooNew },
            { edited([](QJsonObject &o) { o.remove(QStringLiteral("instances")); }), ErrorCode::InvalidArgument },
            { edited([](QJsonObject &o) {
                  QJsonArray instances = o.value(QStringLiteral("instances")).toArray();
                  QJsonObject first = instances.first().toObject();
                  QJsonObject row = first.value(QStringLiteral("row")).toObject();
                  row.remove(QStringLiteral("instanceId"));
                  first.insert(QStringLiteral("row"), row);
                  instances.replace(0, first);
                  o.insert(QStringLiteral("instances"), instances);
              }),
              ErrorCode::InvalidArgument },
            { edited([](QJsonObject &o) {
                  // A broken later instance: the good first one must not be written either.
                  QJsonArray instances = o.value(QStringLiteral("instances")).toArray();
                  QJsonObject second = instances.first().toObject();
                  QJsonObject row = second.value(QStringLiteral("row")).toObject();
                  row.insert(QStringLiteral("instanceId"), QStringLiteral("other"));
                  row.insert(QStringLiteral("status"), QStringLiteral("Exploded"));
                  second.insert(QStringLiteral("row"), row);
                  instances.append(second);
                  o.insert(QStringLiteral("instances"), instances);
              }),
              ErrorCode::InvalidArgument },
            { QByteArray(bundle::MaxBytes + 1, ' '), ErrorCode::PayloadTooLarge },
        };
        for (const auto &[file, code] : cases) {
            auto r = testing::wait(to.engine->importBundle(file, QStringLiteral("bad.json")));
            QVERIFY(!r);
            QCOMPARE(r.error().code, code);
            QVERIFY(!r.error().message.isEmpty());
        }
        to.barrier();
        QCOMPARE(instanceCount(to), 0);
        QCOMPARE(testing::wait(to.engine->scriptVersions())->size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestBundle)
#include "tst_bundle.moc"
