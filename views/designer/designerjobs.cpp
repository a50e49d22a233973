#include "designerjobs.h"

#include <scriptloader.h>

#include <QCoreApplication>
#include <QJsonObject>

namespace durable::views::designer {

namespace {

    /// The draft's orchestrator, loaded into `registry` under a version of its own.
    Result<OrchestratorFunction> load(const Draft &draft, Registry &registry)
    {
        script::ScriptOptions options;
        options.version = QStringLiteral("draft");
        if (auto loaded = script::loadScript(draft.fileName, draft.code, registry, options); !loaded)
            return std::unexpected(loaded.error());
        const auto info = registry.orchestrator(draft.orchestrator);
        if (!info) {
            return fail(ErrorCode::UnknownOrchestrator,
                        QCoreApplication::translate("DesignerPage", "the code defines no orchestrator named %1")
                            .arg(draft.orchestrator));
        }
        return info->function;
    }

    template<typename T>
    T await(QFuture<T> future)
    {
        future.waitForFinished();
        return future.result();
    }

} // namespace

Result<script::DryRunResult> dryRunDraft(const Draft &draft, const QJsonValue &input, const QJsonObject &stubs,
                                         const QDateTime &startTime)
{
    Registry registry;
    const auto function = load(draft, registry);
    if (!function)
        return std::unexpected(function.error());
    const auto stub = [stubs](const script::DryRunStep &step) -> QJsonValue {
        if (const auto it = stubs.constFind(step.name); it != stubs.constEnd())
            return *it;
        return step.kind == script::DryRunStep::Kind::WaitForEvent ? QJsonValue(QJsonValue::Null) : step.input;
    };
    return script::dryRun(*function, input, stub, startTime);
}

ReplayTestResult replayTestDraft(Engine &engine, const Draft &draft, int maxInstances)
{
    ReplayTestResult result;
    Registry registry;
    const auto function = load(draft, registry);
    if (!function) {
        result.error = function.error();
        return result;
    }
    QList<script::ReplayCase> cases;
    InstanceQuery query;
    query.name = draft.orchestrator;
    query.pageSize = 100;
    do {
        const auto page = await(engine.query(query));
        if (!page) {
            result.error = page.error();
            return result;
        }
        for (const auto &instance : page->instances) {
            if (instance.status == RuntimeStatus::Pending || cases.size() >= maxInstances)
                continue;
            const auto status = await(engine.status(instance.instanceId, true, false));
            if (!status || !status->history)
                continue; // purged meanwhile
            cases.append({ status->instanceId, status->executionId, *status->history });
            result.versions.insert(status->instanceId, status->version);
        }
        query.continuation = page->continuation;
    } while (!query.continuation.isEmpty() && cases.size() < maxInstances);
    result.verdicts = script::replayTest(cases, *function);
    return result;
}

} // namespace durable::views::designer
