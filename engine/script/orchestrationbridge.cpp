#include "orchestrationbridge.h"
#include "json.h"

#include <QJSEngine>

#include <atomic>

namespace durable::script {

namespace {
    std::atomic<int> liveBridges { 0 };

    QString jsonText(const QJsonValue &value)
    {
        return QString::fromUtf8(json::toText(value));
    }
} // namespace

OrchestrationBridge::OrchestrationBridge(OrchestrationContext &context)
    : m_context(context)
{
    ++liveBridges;
}

OrchestrationBridge::~OrchestrationBridge()
{
    --liveBridges;
}

int OrchestrationBridge::liveCount()
{
    return liveBridges.load();
}

Future OrchestrationBridge::future(int handle) const
{
    return valid(handle) ? m_futures[size_t(handle)] : Future();
}

int OrchestrationBridge::add(Future future)
{
    m_futures.push_back(std::move(future));
    return int(m_futures.size()) - 1;
}

bool OrchestrationBridge::valid(int handle) const
{
    if (handle >= 0 && size_t(handle) < m_futures.size())
        return true;
    if (auto *engine = qjsEngine(this))
        engine->throwError(QJSValue::RangeError, QStringLiteral("unknown task handle %1").arg(handle));
    return false;
}

QJsonValue OrchestrationBridge::parse(const QString &json)
{
    if (json.isEmpty())
        return {};
    QString error;
    const auto value = json::parse(json.toUtf8(), &error);
    if (!value) {
        if (auto *engine = qjsEngine(this))
            engine->throwError(QJSValue::TypeError, QStringLiteral("not JSON: %1").arg(error));
        return {};
    }
    return *value;
}

RetryPolicy OrchestrationBridge::retryPolicy(const QVariantList &retry) const
{
    // [first interval ms, max attempts, backoff coefficient, max interval ms, overall timeout ms]
    RetryPolicy policy;
    const auto number = [&](int i) { return i < retry.size() ? retry.at(i).toDouble() : 0.0; };
    policy.firstRetryInterval = std::chrono::milliseconds(qint64(number(0)));
    policy.maxNumberOfAttempts = qMax(1, int(number(1)));
    policy.backoffCoefficient = number(2) > 0 ? number(2) : 1.0;
    if (number(3) > 0)
        policy.maxRetryInterval = std::chrono::milliseconds(qint64(number(3)));
    policy.retryTimeout = std::chrono::milliseconds(qint64(number(4)));
    return policy;
}

int OrchestrationBridge::callActivity(const QString &name, const QString &inputJson)
{
    return add(m_context.callActivity(name, parse(inputJson)));
}

int OrchestrationBridge::callActivityWithRetry(const QString &name, const QString &inputJson, const QVariantList &retry)
{
    return add(m_context.callActivity(name, parse(inputJson), retryPolicy(retry)));
}

int OrchestrationBridge::callSubOrchestrator(const QString &name, const QString &inputJson, const QString &instanceId)
{
    return add(m_context.callSubOrchestrator(name, parse(inputJson), instanceId));
}

int OrchestrationBridge::callSubOrchestratorWithRetry(const QString &name, const QString &inputJson,
                                                      const QString &instanceId, const QVariantList &retry)
{
    return add(m_context.callSubOrchestrator(name, parse(inputJson), instanceId, retryPolicy(retry)));
}

int OrchestrationBridge::createTimer(double fireAtMs)
{
    return add(m_context.createTimer(QDateTime::fromMSecsSinceEpoch(qint64(fireAtMs), Qt::UTC)));
}

int OrchestrationBridge::waitForExternalEvent(const QString &name)
{
    return add(m_context.waitForExternalEvent(name));
}

int OrchestrationBridge::whenAll(const QVariantList &handles)
{
    std::vector<Future> futures;
    for (const auto &handle : handles) {
        if (!valid(handle.toInt()))
            return -1;
        futures.push_back(m_futures[size_t(handle.toInt())]);
    }
    return add(durable::whenAll(futures));
}

int OrchestrationBridge::whenAny(const QVariantList &handles)
{
    std::vector<Future> futures;
    for (const auto &handle : handles) {
        if (!valid(handle.toInt()))
            return -1;
        futures.push_back(m_futures[size_t(handle.toInt())]);
    }
    return add(durable::whenAny(futures).future());
}

bool OrchestrationBridge::isDone(int handle) const
{
    return valid(handle) && m_futures[size_t(handle)].isDone();
}

bool OrchestrationBridge::isFaulted(int handle) const
{
    return valid(handle) && m_futures[size_t(handle)].isFaulted();
}

QString OrchestrationBridge::resultJson(int handle) const
{
    if (!valid(handle) || !m_futures[size_t(handle)].isCompletedSuccessfully())
        return {};
    return jsonText(m_futures[size_t(handle)].state()->result);
}

int OrchestrationBridge::resultIndex(int handle) const
{
    if (!valid(handle) || !m_futures[size_t(handle)].isCompletedSuccessfully())
        return -1;
    return m_futures[size_t(handle)].state()->result.toInt(-1);
}

QString OrchestrationBridge::failureJson(int handle) const
{
    if (!valid(handle) || !m_futures[size_t(handle)].isFaulted())
        return QStringLiteral("{}");
    return jsonText(m_futures[size_t(handle)].failure().toJson());
}

void OrchestrationBridge::cancel(int handle)
{
    if (valid(handle))
        m_futures[size_t(handle)].cancel();
}

QString OrchestrationBridge::inputJson() const
{
    return jsonText(m_context.input());
}

double OrchestrationBridge::nowMs() const
{
    return double(m_context.currentUtcDateTime().toMSecsSinceEpoch());
}

bool OrchestrationBridge::isReplaying() const
{
    return m_context.isReplaying();
}

QString OrchestrationBridge::newGuid()
{
    return m_context.newGuid().toString(QUuid::WithoutBraces);
}

QString OrchestrationBridge::instanceId() const
{
    return m_context.instanceId();
}

QString OrchestrationBridge::executionId() const
{
    return m_context.executionId();
}

void OrchestrationBridge::setCustomStatus(const QString &json)
{
    m_context.setCustomStatus(parse(json));
}

void OrchestrationBridge::continueAsNew(const QString &inputJson, bool keepUnprocessedEvents)
{
    m_context.continueAsNew(parse(inputJson), keepUnprocessedEvents);
}

void OrchestrationBridge::log(int level, const QString &message)
{
    m_context.log(LogLevel(qBound(0, level, 3)), message);
}

namespace {

    Task<QJsonValue> runGenerator(std::shared_ptr<const ScriptSource> source, QString name, OrchestrationContext &ctx)
    {
        auto loaded = ScriptRuntime::forThread(source, ScriptRuntime::Role::Orchestrator);
        if (!loaded)
            throw ScriptError(QStringLiteral("ScriptLoadError"), loaded.error().message, source->fileName);
        // Declared first, destroyed last: every script value below belongs to this engine.
        const std::shared_ptr<ScriptRuntime> runtime = *loaded;
        const QJSValue function = runtime->orchestrator(name);
        if (!function.isCallable())
            throw ScriptError(QStringLiteral("ScriptLoadError"),
                              QStringLiteral("the script does not define orchestrator '%1'").arg(name),
                              source->fileName);
        auto bridge = std::make_unique<OrchestrationBridge>(ctx);
        QJSEngine::setObjectOwnership(bridge.get(), QJSEngine::CppOwnership);
        QJSEngine &engine = runtime->engine();
        const QJSValue host = runtime->host();
        const QJSValue native = engine.newQObject(bridge.get());
        const QJSValue made = runtime->call(host.property(QStringLiteral("makeOrchestrationContext")), { native });
        const QJSValue state = made.property(QStringLiteral("state"));
        const QJSValue context = made.property(QStringLiteral("context"));
        const QJSValue generator = runtime->call(host.property(QStringLiteral("start")), { state, function, context });
        const QJSValue step = host.property(QStringLiteral("step"));
        QJSValue task(QJSValue::NullValue);
        for (;;) {
            const QJSValue next = runtime->call(step, { state, generator, task });
            if (next.property(QStringLiteral("threw")).toBool())
                throw runtime->errorFrom(next.property(QStringLiteral("error")));
            if (next.property(QStringLiteral("done")).toBool()) {
                const QString text = next.property(QStringLiteral("value")).toString();
                co_return text.isEmpty() ? QJsonValue() : json::parse(text.toUtf8()).value_or(QJsonValue());
            }
            Future future = bridge->future(next.property(QStringLiteral("handle")).toInt());
            task = next.property(QStringLiteral("task"));
            try {
                co_await future;
            } catch (const TaskFailedError &) {
                // The script sees the failure through the task: step() throws it into the generator.
            }
        }
    }

    /// runGenerator with script errors as the orchestrator's failure: the JavaScript error type,
    /// the user's file and line, the stack (ActivityError carries a failure as it is).
    Task<QJsonValue> driveGenerator(std::shared_ptr<const ScriptSource> source, QString name, OrchestrationContext &ctx)
    {
        std::optional<FailureDetails> failure;
        try {
            co_return co_await runGenerator(std::move(source), std::move(name), ctx);
        } catch (const ScriptError &e) {
            failure = e.orchestratorFailure();
        }
        throw ActivityError(*failure);
    }

} // namespace

OrchestratorFunction scriptOrchestrator(std::shared_ptr<const ScriptSource> source, QString name)
{
    return [source = std::move(source), name = std::move(name)](OrchestrationContext &ctx) {
        return driveGenerator(source, name, ctx);
    };
}

} // namespace durable::script
