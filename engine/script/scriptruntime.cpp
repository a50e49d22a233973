#include "scriptruntime.h"
#include "syntaxlocator.h"
#include "watchdog.h"

#include "orchestration.h"

#include <QFile>
#include <QJSValueIterator>
#include <QJsonDocument>
#include <QThreadStorage>

#include <map>

namespace durable::script {

namespace {

    QString preludeCode()
    {
        QFile file(QStringLiteral(":/durable/script/prelude.js"));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(file.readAll());
    }

    struct ThreadCache {
        std::map<std::pair<const ScriptSource *, ScriptRuntime::Role>,
                 std::pair<std::shared_ptr<const ScriptSource>, std::shared_ptr<ScriptRuntime>>>
            runtimes;
    };
    // Deleted when its thread ends (for the main thread: with the QCoreApplication), releasing the
    // engines no orchestration holds any more.
    QThreadStorage<ThreadCache *> threadCaches;

} // namespace

ScriptError::ScriptError(QString type, QString message, QString location)
    : m_type(std::move(type))
    , m_message(std::move(message))
    , m_location(std::move(location))
{
    QString text = m_type + QStringLiteral(": ") + m_message;
    if (!m_location.isEmpty())
        text += QStringLiteral(" (at ") + m_location + u')';
    m_what = text.toUtf8();
}

FailureDetails ScriptError::activityFailure() const
{
    FailureDetails f { m_type, m_message, stack, false };
    f.file = file;
    f.line = line;
    return f;
}

FailureDetails ScriptError::orchestratorFailure() const
{
    if (!taskFailureJson.isEmpty()) {
        const QJsonObject task = QJsonDocument::fromJson(taskFailureJson.toUtf8()).object();
        return taskFailedException(FailureDetails::fromJson(task));
    }
    return activityFailure();
}

namespace {
    const QLatin1String preludeName("durable-prelude.js");

    QString cleanFile(QString file)
    {
        if (file.startsWith(QLatin1String("file://")))
            return file.mid(7);
        return file.startsWith(QLatin1String("file:")) ? file.mid(5) : file;
    }

    /// "function@file:line" as QJSEngine writes stack frames ("@file:line" at the top level).
    StackFrame parseFrame(const QString &text)
    {
        StackFrame frame;
        const qsizetype at = text.indexOf(u'@');
        frame.function = at > 0 ? text.left(at) : QString();
        QString location = cleanFile(text.mid(at + 1));
        const qsizetype colon = location.lastIndexOf(u':');
        bool ok = false;
        const int line = colon > 0 ? location.mid(colon + 1).toInt(&ok) : 0;
        if (ok && line > 0) {
            frame.line = line;
            location.truncate(colon);
        }
        frame.file = location;
        return frame;
    }

    bool sameFile(const QString &frameFile, const QString &userFile)
    {
        return frameFile == userFile || frameFile == cleanFile(userFile)
            || (!userFile.isEmpty() && frameFile.endsWith(u'/' + userFile));
    }
} // namespace

QList<StackFrame> userStackFrames(const QJSValue &error)
{
    QList<StackFrame> frames;
    const QStringList lines = error.property(QStringLiteral("stack")).toString().split(u'\n', Qt::SkipEmptyParts);
    for (const auto &line : lines) {
        StackFrame frame = parseFrame(line);
        if (!frame.file.isEmpty() && !frame.file.endsWith(preludeName) && frame.file != QLatin1String("undefined"))
            frames.append(frame);
    }
    return frames;
}

QString errorLocation(const QJSValue &error, const QString &userFile)
{
    // Errors the prelude raises on behalf of user code point into the prelude; the stack's first
    // frame outside it is where the user's code called it. Frames of the user's own file first:
    // a callback of the runtime could otherwise come before them.
    const QList<StackFrame> frames = userStackFrames(error);
    const auto text = [](const StackFrame &f) { return f.line > 0 ? f.file + u':' + QString::number(f.line) : f.file; };
    for (const auto &frame : frames) {
        if (sameFile(frame.file, userFile))
            return text(frame);
    }
    if (!frames.isEmpty())
        return text(frames.first());
    const QString file = cleanFile(error.property(QStringLiteral("fileName")).toString());
    const int line = error.property(QStringLiteral("lineNumber")).toInt();
    // An error made inside the prelude (a task's failure handed to the script) has no place in
    // the user's code: say nothing rather than name the runtime's line.
    if (file.isEmpty() || file == QLatin1String("undefined") || file.endsWith(preludeName))
        return {};
    return line > 0 ? file + u':' + QString::number(line) : file;
}

ScriptRuntime::ScriptRuntime(std::shared_ptr<const ScriptSource> source, Role role)
    : m_source(std::move(source))
    , m_role(role)
    , m_engine(std::make_unique<QJSEngine>())
{
    m_engine->installExtensions(QJSEngine::ConsoleExtension);
}

ScriptRuntime::~ScriptRuntime()
{
    // Values before their engine.
    m_orchestrators.clear();
    m_activities.clear();
    m_host = QJSValue();
}

Result<std::shared_ptr<ScriptRuntime>> ScriptRuntime::create(const std::shared_ptr<const ScriptSource> &source,
                                                             Role role)
{
    std::shared_ptr<ScriptRuntime> runtime(new ScriptRuntime(source, role));
    if (auto loaded = runtime->load(); !loaded)
        return std::unexpected(loaded.error());
    return runtime;
}

Result<std::shared_ptr<ScriptRuntime>> ScriptRuntime::forThread(const std::shared_ptr<const ScriptSource> &source,
                                                                Role role)
{
    if (!threadCaches.hasLocalData())
        threadCaches.setLocalData(new ThreadCache);
    auto &runtimes = threadCaches.localData()->runtimes;
    const auto key = std::make_pair(source.get(), role);
    if (const auto it = runtimes.find(key); it != runtimes.end())
        return it->second.second;
    auto created = create(source, role);
    if (created)
        runtimes.emplace(key, std::make_pair(source, *created));
    return created;
}

Status ScriptRuntime::load()
{
    const QString prelude = preludeCode();
    if (prelude.isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("the script prelude resource is missing"));
    const QJSValue factory = m_engine->evaluate(prelude, QStringLiteral("durable-prelude.js"));
    if (factory.isError())
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("prelude: %1 (%2)").arg(factory.toString(), errorLocation(factory)));
    const QString role = m_role == Role::Orchestrator ? QStringLiteral("orchestrator") : QStringLiteral("activity");
    m_host = factory.call({ m_engine->globalObject(), QJSValue(role) });
    if (m_host.isError())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("prelude: %1").arg(m_host.toString()));

    // The wrapper opens on the file's first line, so line numbers stay those of the file.
    const QString opening = QStringLiteral("(function (require, module, exports) {");
    const QString wrapped = opening + m_source->code + QStringLiteral("\n})");
    const QJSValue moduleFactory = m_engine->evaluate(wrapped, m_source->fileName, 1);
    if (moduleFactory.isError()) {
        // QJSEngine names the line of a syntax error; the parser also knows the column.
        if (moduleFactory.errorType() == QJSValue::SyntaxError) {
            if (const auto problem = locateSyntaxError(wrapped)) {
                const int column = problem->line == 1 ? problem->column - int(opening.size()) : problem->column;
                return fail(ErrorCode::InvalidArgument,
                            QStringLiteral("%1:%2:%3: SyntaxError: %4")
                                .arg(m_source->fileName)
                                .arg(problem->line)
                                .arg(column)
                                .arg(problem->message));
            }
        }
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("%1: %2").arg(errorLocation(moduleFactory), moduleFactory.toString()));
    }
    QJSValue exports;
    QJSValue collected;
    try {
        exports = call(m_host.property(QStringLiteral("load")), { moduleFactory });
        collected = call(m_host.property(QStringLiteral("collect")), { exports, QJSValue(m_source->baseName) });
    } catch (const ScriptError &e) {
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("%1: %2: %3")
                        .arg(e.location().isEmpty() ? m_source->fileName : e.location(), e.type(), e.message()));
    }
    const auto readAll = [](const QJSValue &object, QHash<QString, QJSValue> &into, QStringList &names) {
        QJSValueIterator it(object);
        while (it.hasNext()) {
            it.next();
            into.insert(it.name(), it.value());
            names.append(it.name());
        }
        names.sort();
    };
    readAll(collected.property(QStringLiteral("orchestrators")), m_orchestrators, m_definitions.orchestrators);
    readAll(collected.property(QStringLiteral("activities")), m_activities, m_definitions.activities);
    return {};
}

QJSValue ScriptRuntime::call(const QJSValue &function, const QJSValueList &arguments)
{
    QJSValue result;
    bool interrupted = false;
    const int limitMs = m_role == Role::Orchestrator ? m_source->timeLimitMs : m_source->activityTimeLimitMs;
    {
        Watchdog::Guard guard(*m_engine, std::chrono::milliseconds(limitMs));
        result = function.call(arguments);
        interrupted = guard.fired();
    }
    if (interrupted) {
        throw ScriptError(QStringLiteral("ScriptTimeout"),
                          QStringLiteral("script code ran longer than %1 ms in one call and was interrupted "
                                         "(an endless loop?)")
                              .arg(limitMs),
                          m_source->fileName);
    }
    if (result.isError())
        throw errorFrom(result);
    return result;
}

ScriptError ScriptRuntime::errorFrom(const QJSValue &error) const
{
    QString type = error.property(QStringLiteral("name")).toString();
    if (type.isEmpty() || type == QLatin1String("undefined"))
        type = QStringLiteral("Error");
    QString message = error.property(QStringLiteral("message")).toString();
    if (message == QLatin1String("undefined"))
        message = error.toString();
    const QString location = errorLocation(error, m_source->fileName);
    ScriptError e(type, message, location);
    const qsizetype colon = location.lastIndexOf(u':');
    bool ok = false;
    const int line = colon > 0 ? location.mid(colon + 1).toInt(&ok) : 0;
    e.file = ok ? location.left(colon) : location;
    e.line = ok ? line : 0;
    QStringList stack;
    for (const auto &frame : userStackFrames(error)) {
        const QString place = frame.line > 0 ? frame.file + u':' + QString::number(frame.line) : frame.file;
        stack.append(frame.function.isEmpty() ? QStringLiteral("at ") + place
                                              : QStringLiteral("at %1 (%2)").arg(frame.function, place));
    }
    e.stack = stack.join(u'\n');
    const QJSValue task = error.property(QStringLiteral("durableFailure"));
    if (task.isString())
        e.taskFailureJson = task.toString();
    return e;
}

QByteArray ScriptRuntime::toJsonText(const QJSValue &value)
{
    return call(m_host.property(QStringLiteral("toJson")), { value }).toString().toUtf8();
}

QJSValue ScriptRuntime::fromJsonText(const QByteArray &text)
{
    return call(m_host.property(QStringLiteral("fromJson")), { QJSValue(QString::fromUtf8(text)) });
}

} // namespace durable::script
