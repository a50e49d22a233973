#include "scriptdesignservice.h"

#include "dryrun.h"
#include "replaytest.h"
#include "scriptloader.h"
#include "storedscripts.h"

#include <QPromise>
#include <QThread>

#include <memory>

namespace durable::script {

namespace {

    /// The draft's orchestrator, loaded into `registry` under a version of its own.
    Result<OrchestratorFunction> loadDraft(const ScriptDraft &draft, Registry &registry)
    {
        ScriptOptions options;
        options.version = QStringLiteral("draft");
        if (auto loaded = loadScript(draft.fileName, draft.code, registry, options); !loaded)
            return std::unexpected(loaded.error());
        const auto info = registry.orchestrator(draft.orchestrator);
        if (!info)
            return fail(ErrorCode::UnknownOrchestrator, draft.orchestrator);
        return info->function;
    }

    DryRunReport toReport(const DryRunResult &result)
    {
        DryRunReport report;
        report.steps = result.steps;
        report.stepLimitReached = result.stepLimitReached;
        if (const auto &outcome = result.outcome)
            report.outcome
                = DryRunOutcome { outcome->status, outcome->output, outcome->failure, outcome->continueInput };
        return report;
    }

    template<typename T>
    T await(QFuture<T> future)
    {
        future.waitForFinished();
        return future.result();
    }

} // namespace

ScriptDesignService::ScriptDesignService(HubClient &client, Registry &registry, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_registry(registry)
{
}

ScriptDesignService::~ScriptDesignService()
{
    for (QThread *thread : std::as_const(m_threads)) {
        thread->wait();
        delete thread;
    }
}

template<typename T>
QFuture<T> ScriptDesignService::runOnScriptThread(std::function<T()> job)
{
    auto promise = std::make_shared<QPromise<T>>();
    promise->start();
    QThread *thread = QThread::create([promise, job = std::move(job)] {
        promise->addResult(job());
        promise->finish();
    });
    m_threads.append(thread);
    connect(thread, &QThread::finished, this, [this, thread] {
        m_threads.removeOne(thread);
        thread->deleteLater();
    });
    thread->start();
    return promise->future();
}

QFuture<Result<ScriptDefinitions>> ScriptDesignService::check(const QString &fileName, const QString &code)
{
    return runOnScriptThread<Result<ScriptDefinitions>>([fileName, code] { return checkScript(fileName, code); });
}

QFuture<Result<DryRunReport>> ScriptDesignService::dryRun(const ScriptDraft &draft, const QJsonValue &input,
                                                          const QJsonObject &stubs, const QDateTime &startTime)
{
    return runOnScriptThread<Result<DryRunReport>>([draft, input, stubs, startTime]() -> Result<DryRunReport> {
        Registry registry;
        const auto function = loadDraft(draft, registry);
        if (!function)
            return std::unexpected(function.error());
        const auto stub = [stubs, &registry](const DryRunStep &step) -> QJsonValue {
            if (const auto it = stubs.constFind(step.name); it != stubs.constEnd())
                return *it;
            // An activity of the draft's own file runs for real (on this thread, under the
            // script's activity time limit); its error fails the call as it would in a run.
            if (step.kind == DryRunStep::Kind::Activity) {
                if (const auto activity = registry.activity(step.name)) {
                    ActivityContext context(QStringLiteral("dry-run"), QStringLiteral("dry-run"), step.name, step.id,
                                            1);
                    try {
                        return activity->function(context, step.input);
                    } catch (const ActivityError &) {
                        throw;
                    } catch (const std::exception &e) {
                        throw ActivityError(QStringLiteral("Error"), QString::fromUtf8(e.what()));
                    }
                }
            }
            return step.kind == DryRunStep::Kind::WaitForEvent ? QJsonValue(QJsonValue::Null) : step.input;
        };
        return toReport(script::dryRun(*function, input, stub, startTime));
    });
}

QFuture<Result<ReplayTestReport>> ScriptDesignService::replayTest(const ScriptDraft &draft, int maxInstances)
{
    HubClient *client = &m_client;
    return runOnScriptThread<Result<ReplayTestReport>>([client, draft, maxInstances]() -> Result<ReplayTestReport> {
        Registry registry;
        const auto function = loadDraft(draft, registry);
        if (!function)
            return std::unexpected(function.error());
        ReplayTestReport report;
        QList<ReplayCase> cases;
        InstanceQuery query;
        query.name = draft.orchestrator;
        query.pageSize = 100;
        do {
            const auto page = await(client->query(query));
            if (!page)
                return std::unexpected(page.error());
            for (const auto &instance : page->instances) {
                if (instance.status == RuntimeStatus::Pending || cases.size() >= maxInstances)
                    continue;
                const auto status = await(client->status(instance.instanceId, true, false));
                if (!status || !status->history)
                    continue; // purged meanwhile
                cases.append({ status->instanceId, status->executionId, *status->history });
                report.versions.insert(status->instanceId, status->version);
            }
            query.continuation = page->continuation;
        } while (!query.continuation.isEmpty() && cases.size() < maxInstances);
        report.verdicts = script::replayTest(cases, *function);
        return report;
    });
}

QFuture<Result<QString>> ScriptDesignService::registerVersion(const QString &fileName, const QString &code, int version)
{
    Registry *registry = &m_registry;
    return runOnScriptThread<Result<QString>>([registry, fileName, code, version]() -> Result<QString> {
        ScriptOptions options;
        options.version = storedVersionName(version);
        if (auto loaded = loadScript(fileName, code, *registry, options); !loaded)
            return std::unexpected(loaded.error());
        return options.version;
    });
}

QString ScriptDesignService::versionName(int version) const
{
    return storedVersionName(version);
}

} // namespace durable::script
