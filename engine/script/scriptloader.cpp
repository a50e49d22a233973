#include "scriptloader.h"
#include "json.h"
#include "orchestrationbridge.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJSEngine>

namespace durable::script {

namespace {

    /// The `native` object of a JavaScript activity's context.
    class ActivityBridge : public QObject {
        Q_OBJECT
    public:
        explicit ActivityBridge(ActivityContext &context)
            : m_context(context)
        {
        }
        Q_INVOKABLE QString instanceId() const { return m_context.instanceId(); }
        Q_INVOKABLE void log(int level, const QString &message)
        {
            m_context.log(LogLevel(qBound(0, level, 3)), message);
        }

    private:
        ActivityContext &m_context;
    };

    std::shared_ptr<ScriptSource> makeSource(const QString &fileName, const QString &code, const ScriptOptions &options)
    {
        auto source = std::make_shared<ScriptSource>();
        source->fileName = fileName;
        source->baseName = QFileInfo(fileName).baseName();
        source->code = code;
        source->version = options.version.isEmpty() ? contentVersion(code) : options.version;
        source->timeLimitMs = qMax(1, options.timeLimitMs);
        source->activityTimeLimitMs = qMax(1, options.activityTimeLimitMs);
        return source;
    }

    Result<ScriptDefinitions> probe(const std::shared_ptr<const ScriptSource> &source)
    {
        auto runtime = ScriptRuntime::create(source, ScriptRuntime::Role::Orchestrator);
        if (!runtime)
            return std::unexpected(runtime.error());
        const ScriptDefinitions definitions = (*runtime)->definitions();
        if (definitions.orchestrators.isEmpty() && definitions.activities.isEmpty())
            return fail(
                ErrorCode::InvalidArgument,
                QStringLiteral("%1: defines no orchestrator or activity (use module.exports = df(function* "
                               "...), df.orchestrator(name, function* ...), df.activity(name, function ...), "
                               "df.app.orchestration(name, function* ...) or df.app.activity(name, { handler }))")
                    .arg(source->fileName));
        return definitions;
    }

} // namespace

QString contentVersion(const QString &code)
{
    const QByteArray hash = QCryptographicHash::hash(code.toUtf8(), QCryptographicHash::Sha256).toHex();
    return QStringLiteral("js-") + QString::fromLatin1(hash.left(12));
}

Result<ScriptDefinitions> checkScript(const QString &fileName, const QString &code, const ScriptOptions &options)
{
    return probe(makeSource(fileName, code, options));
}

Result<ScriptDefinitions> loadScript(const QString &fileName, const QString &code, Registry &registry,
                                     const ScriptOptions &options)
{
    const std::shared_ptr<const ScriptSource> source = makeSource(fileName, code, options);
    auto definitions = probe(source);
    if (!definitions)
        return definitions;
    for (const auto &name : definitions->orchestrators) {
        registry.addOrchestrator(OrchestratorInfo { name, source->version,
                                                    QStringLiteral("JavaScript orchestrator from %1").arg(fileName),
                                                    QJsonValue(), scriptOrchestrator(source, name) });
    }
    for (const auto &name : definitions->activities)
        registry.addActivity(name, scriptActivity(source, name),
                             QStringLiteral("JavaScript activity from %1").arg(fileName));
    return definitions;
}

Result<QStringList> loadScriptFile(const QString &path, Registry &registry, const ScriptOptions &options)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::NotFound,
                    QStringLiteral("%1: cannot read the script: %2").arg(path, file.errorString()));
    auto definitions = loadScript(path, QString::fromUtf8(file.readAll()), registry, options);
    if (!definitions)
        return std::unexpected(definitions.error());
    return definitions->orchestrators + definitions->activities;
}

ActivityFunction scriptActivity(std::shared_ptr<const ScriptSource> source, QString name)
{
    return [source = std::move(source), name = std::move(name)](ActivityContext &context,
                                                                const QJsonValue &input) -> QJsonValue {
        auto loaded = ScriptRuntime::forThread(source, ScriptRuntime::Role::Activity);
        if (!loaded)
            throw ActivityError(QStringLiteral("ScriptLoadError"), loaded.error().message, {}, true);
        const std::shared_ptr<ScriptRuntime> runtime = *loaded;
        const QJSValue function = runtime->activity(name);
        if (!function.isCallable())
            throw ActivityError(QStringLiteral("ScriptLoadError"),
                                QStringLiteral("%1 does not define activity '%2'").arg(source->fileName, name), {},
                                true);
        ActivityBridge bridge(context);
        QJSEngine::setObjectOwnership(&bridge, QJSEngine::CppOwnership);
        try {
            const QJSValue native = runtime->engine().newQObject(&bridge);
            const QJSValue jsContext
                = runtime->call(runtime->host().property(QStringLiteral("makeActivityContext")), { native });
            const QJSValue argument = runtime->fromJsonText(json::toText(input));
            const QJSValue result = runtime->call(function, { jsContext, argument });
            const QByteArray text = runtime->toJsonText(result);
            return text.isEmpty() ? QJsonValue() : json::parse(text).value_or(QJsonValue());
        } catch (const ScriptError &e) {
            throw ActivityError(e.activityFailure());
        }
    };
}

} // namespace durable::script

#include "scriptloader.moc"
