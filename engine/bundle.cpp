// Repro bundles: export through the client's reads, parse and validate, import in one transaction
// as read-only instances.
#include "bundle.h"

#include "commands.h"
#include "hubclient.h"
#include "hubinfo.h"
#include "json.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace durable {

namespace bundle {

    namespace {

        template<typename T>
        T await(QFuture<T> future)
        {
            future.waitForFinished();
            return future.result();
        }

        QString timeText(const QDateTime &t)
        {
            return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
        }

        void put(QJsonObject &o, const char *key, const QJsonValue &value)
        {
            if (!value.isUndefined())
                o.insert(QLatin1String(key), value);
        }

        QJsonObject rowJson(const InstanceInfo &i)
        {
            QJsonObject o { { QStringLiteral("instanceId"), i.instanceId },
                            { QStringLiteral("name"), i.name },
                            { QStringLiteral("version"), i.version },
                            { QStringLiteral("executionId"), i.executionId },
                            { QStringLiteral("status"), statusName(i.status) },
                            { QStringLiteral("createdAt"), timeText(i.createdAt) },
                            { QStringLiteral("lastUpdatedAt"), timeText(i.lastUpdatedAt) },
                            { QStringLiteral("completedAt"), timeText(i.completedAt) },
                            { QStringLiteral("parentInstanceId"), i.parentInstanceId },
                            { QStringLiteral("parentTaskId"), i.parentTaskId },
                            { QStringLiteral("waiting"), i.waiting.toJson() } };
            put(o, "input", i.input);
            put(o, "output", i.output);
            put(o, "customStatus", i.customStatus);
            if (i.failure)
                o.insert(QStringLiteral("failure"), i.failure->toJson());
            return o;
        }

        QJsonObject eventJson(const HistoryEvent &e)
        {
            return { { QStringLiteral("sequence"), e.sequence },
                     { QStringLiteral("type"), eventTypeName(e.type) },
                     { QStringLiteral("eventId"), e.eventId },
                     { QStringLiteral("taskId"), e.taskId },
                     { QStringLiteral("name"), e.name },
                     { QStringLiteral("data"), e.data },
                     { QStringLiteral("timestamp"), timeText(e.timestamp) } };
        }

        QJsonObject logJson(const LogLine &l)
        {
            return { { QStringLiteral("historySequence"), l.historySequence },
                     { QStringLiteral("timestamp"), timeText(l.timestamp) },
                     { QStringLiteral("level"), int(l.level) },
                     { QStringLiteral("source"), l.source },
                     { QStringLiteral("taskId"), l.taskId },
                     { QStringLiteral("replaying"), l.replaying },
                     { QStringLiteral("message"), l.message } };
        }

        /// Reads the fields of one JSON object, naming the first missing or malformed one.
        class Reader {
        public:
            Reader(const QJsonObject &object, QString place)
                : m_object(object)
                , m_place(std::move(place))
            {
            }
            bool ok() const { return m_error.isEmpty(); }
            QString error() const { return m_error; }
            QString text(const char *key, bool required = true)
            {
                const QJsonValue v = m_object.value(QLatin1String(key));
                if (v.isString())
                    return v.toString();
                if (required || !v.isUndefined())
                    fault(key, "a string");
                return {};
            }
            qint64 integer(const char *key)
            {
                const QJsonValue v = m_object.value(QLatin1String(key));
                if (!v.isDouble()) {
                    fault(key, "a number");
                    return 0;
                }
                return v.toInteger();
            }
            QDateTime time(const char *key, bool required = true)
            {
                const QString t = text(key, required);
                if (t.isEmpty()) {
                    if (required && ok())
                        fault(key, "a time");
                    return {};
                }
                const QDateTime parsed = QDateTime::fromString(t, Qt::ISODateWithMs);
                if (!parsed.isValid())
                    fault(key, "an ISO 8601 time");
                return parsed.toUTC();
            }
            QJsonObject object(const char *key, bool required = true)
            {
                const QJsonValue v = m_object.value(QLatin1String(key));
                if (v.isObject())
                    return v.toObject();
                if (required || !v.isUndefined())
                    fault(key, "an object");
                return {};
            }
            QJsonArray array(const char *key)
            {
                const QJsonValue v = m_object.value(QLatin1String(key));
                if (!v.isArray())
                    fault(key, "an array");
                return v.toArray();
            }
            QJsonValue value(const char *key) const { return m_object.value(QLatin1String(key)); }
            void fault(const char *key, const char *what)
            {
                if (m_error.isEmpty())
                    m_error = QStringLiteral("%1.%2 must be %3").arg(m_place, QLatin1String(key), QLatin1String(what));
            }
            void fault(const QString &message)
            {
                if (m_error.isEmpty())
                    m_error = QStringLiteral("%1: %2").arg(m_place, message);
            }

        private:
            const QJsonObject &m_object;
            QString m_place;
            QString m_error;
        };

        std::unexpected<Error> invalid(const QString &message)
        {
            return fail(ErrorCode::InvalidArgument, QStringLiteral("not a valid bundle: %1").arg(message));
        }

    } // namespace

    Result<QByteArray> exportInstance(HubClient &client, const QString &instanceId, bool withChildren)
    {
        QJsonArray instances;
        QHash<QString, ScriptVersion> scripts; // by file and version
        QStringList queue { instanceId };
        QList<ScriptVersion> listed;
        bool versionsListed = false;
        while (!queue.isEmpty()) {
            const QString id = queue.takeFirst();
            auto info = await(client.status(id, true, true));
            if (!info)
                return std::unexpected(info.error());
            auto logs = await(client.logs(id));
            if (!logs)
                return std::unexpected(logs.error());
            QJsonArray history;
            for (const auto &e : info->history.value_or(History {}))
                history.append(eventJson(e));
            QJsonArray lines;
            for (const auto &l : std::as_const(*logs))
                lines.append(logJson(l));
            instances.append(QJsonObject { { QStringLiteral("row"), rowJson(*info) },
                                           { QStringLiteral("history"), history },
                                           { QStringLiteral("logs"), lines } });
            // A stored script version "v<n>": the file version that defines this orchestrator.
            if (info->version.startsWith(u'v')) {
                bool isNumber = false;
                const int number = info->version.mid(1).toInt(&isNumber);
                if (isNumber) {
                    if (!versionsListed) {
                        auto all = await(client.scriptVersions());
                        if (!all)
                            return std::unexpected(all.error());
                        listed = *all;
                        versionsListed = true;
                    }
                    for (const auto &v : std::as_const(listed)) {
                        const QString key = v.fileName + u'#' + QString::number(v.version);
                        if (v.version != number || !v.orchestrators.contains(info->name) || scripts.contains(key))
                            continue;
                        auto code = await(client.scriptVersion(v.fileName, v.version));
                        if (!code)
                            return std::unexpected(code.error());
                        scripts.insert(key, *code);
                    }
                }
            }
            if (!withChildren)
                break;
            InstanceQuery children;
            children.parentInstanceId = id;
            children.pageSize = 1000;
            do {
                auto page = await(client.query(children));
                if (!page)
                    return std::unexpected(page.error());
                for (const auto &child : std::as_const(page->instances))
                    queue.append(child.instanceId);
                children.continuation = page->continuation;
            } while (!children.continuation.isEmpty());
        }
        QJsonArray scriptArray;
        for (const auto &s : std::as_const(scripts))
            scriptArray.append(
                QJsonObject { { QStringLiteral("fileName"), s.fileName },
                              { QStringLiteral("version"), s.version },
                              { QStringLiteral("code"), s.code },
                              { QStringLiteral("sha256"), s.sha256 },
                              { QStringLiteral("orchestrators"), QJsonArray::fromStringList(s.orchestrators) },
                              { QStringLiteral("activities"), QJsonArray::fromStringList(s.activities) } });
        const QJsonObject root {
            { QStringLiteral("format"), QLatin1String(Format) },
            { QStringLiteral("version"), Version },
            { QStringLiteral("exportedAt"), timeText(client.clock()->now()) },
            { QStringLiteral("app"),
              QJsonObject { { QStringLiteral("name"), QStringLiteral("Durable Workbench") },
                            { QStringLiteral("version"), QStringLiteral(DURABLE_VERSION) } } },
            { QStringLiteral("hub"),
              QJsonObject { { QStringLiteral("schemaVersion"), hubSchemaVersion(client.hubName()) } } },
            { QStringLiteral("instances"), instances },
            { QStringLiteral("scripts"), scriptArray },
        };
        const QByteArray bytes = QJsonDocument(root).toJson(QJsonDocument::Indented);
        if (bytes.size() > MaxBytes)
            return fail(
                ErrorCode::PayloadTooLarge,
                QStringLiteral("the bundle would be %1 bytes; the limit is %2").arg(bytes.size()).arg(MaxBytes));
        return bytes;
    }

    Result<Contents> parse(const QByteArray &bytes)
    {
        if (bytes.size() > MaxBytes)
            return fail(ErrorCode::PayloadTooLarge,
                        QStringLiteral("the file is %1 bytes; bundles are at most %2").arg(bytes.size()).arg(MaxBytes));
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return invalid(QStringLiteral("no JSON (%1 at byte %2; truncated?)")
                               .arg(parseError.errorString())
                               .arg(parseError.offset));
        if (!document.isObject())
            return invalid(QStringLiteral("the file holds no JSON object"));
        const QJsonObject root = document.object();
        if (root.value(QStringLiteral("format")).toString() != QLatin1String(Format))
            return invalid(QStringLiteral("its \"format\" is not \"%1\"").arg(QLatin1String(Format)));
        if (!root.value(QStringLiteral("version")).isDouble())
            return invalid(QStringLiteral("it has no format \"version\""));
        const int version = root.value(QStringLiteral("version")).toInt();
        if (version > Version)
            return fail(ErrorCode::SchemaTooNew,
                        QStringLiteral("the bundle has format version %1; this version reads up to %2. Use a newer "
                                       "version.")
                            .arg(version)
                            .arg(Version));
        if (version < 1)
            return invalid(QStringLiteral("format version %1 does not exist").arg(version));
        Contents contents;
        contents.header = QJsonObject { { QStringLiteral("exportedAt"), root.value(QStringLiteral("exportedAt")) },
                                        { QStringLiteral("app"), root.value(QStringLiteral("app")) } };
        Reader top(root, QStringLiteral("bundle"));
        const QJsonArray instances = top.array("instances");
        const QJsonArray scripts = top.array("scripts");
        if (!top.ok())
            return invalid(top.error());
        if (instances.isEmpty())
            return invalid(QStringLiteral("it holds no instance"));
        QSet<QString> ids;
        for (qsizetype n = 0; n < instances.size(); ++n) {
            const QString place = QStringLiteral("instances[%1]").arg(n);
            if (!instances.at(n).isObject())
                return invalid(place + QStringLiteral(" is not an object"));
            const QJsonObject item = instances.at(n).toObject();
            Reader r(item, place);
            const QJsonObject row = r.object("row");
            const QJsonArray history = r.array("history");
            const QJsonArray logs = r.array("logs");
            if (!r.ok())
                return invalid(r.error());
            Contents::Instance instance;
            InstanceInfo &i = instance.info;
            Reader rr(row, place + QStringLiteral(".row"));
            i.instanceId = rr.text("instanceId");
            i.name = rr.text("name");
            i.version = rr.text("version");
            i.executionId = rr.text("executionId");
            const auto status = statusFromName(rr.text("status"));
            i.createdAt = rr.time("createdAt");
            i.lastUpdatedAt = rr.time("lastUpdatedAt");
            i.completedAt = rr.time("completedAt", false);
            i.parentInstanceId = rr.text("parentInstanceId", false);
            i.parentTaskId = int(rr.integer("parentTaskId"));
            i.waiting = WaitState::fromJson(rr.object("waiting", false));
            i.input = rr.value("input");
            i.output = rr.value("output");
            i.customStatus = rr.value("customStatus");
            if (row.contains(QStringLiteral("failure")))
                i.failure = FailureDetails::fromJson(rr.object("failure"));
            if (rr.ok() && !status)
                rr.fault("status", "a runtime status name");
            if (rr.ok() && (i.instanceId.isEmpty() || i.name.isEmpty() || i.executionId.isEmpty()))
                rr.fault(QStringLiteral("instanceId, name and executionId must not be empty"));
            if (rr.ok() && ids.contains(i.instanceId))
                rr.fault(QStringLiteral("instance '%1' is in the bundle twice").arg(i.instanceId));
            if (!rr.ok())
                return invalid(rr.error());
            i.status = *status;
            ids.insert(i.instanceId);
            for (qsizetype k = 0; k < history.size(); ++k) {
                const QJsonObject e = history.at(k).toObject();
                Reader er(e, QStringLiteral("%1.history[%2]").arg(place).arg(k));
                HistoryEvent event;
                event.sequence = er.integer("sequence");
                const auto type = eventTypeFromName(er.text("type"));
                event.eventId = int(er.integer("eventId"));
                event.taskId = int(er.integer("taskId"));
                event.name = er.text("name", false);
                event.data = er.object("data", false);
                event.timestamp = er.time("timestamp");
                if (er.ok() && !type)
                    er.fault("type", "a history event type");
                if (er.ok() && event.sequence != k)
                    er.fault(QStringLiteral("sequence %1 where %2 belongs").arg(event.sequence).arg(k));
                if (!er.ok())
                    return invalid(er.error());
                event.type = *type;
                instance.history.append(event);
            }
            for (qsizetype k = 0; k < logs.size(); ++k) {
                const QJsonObject l = logs.at(k).toObject();
                Reader lr(l, QStringLiteral("%1.logs[%2]").arg(place).arg(k));
                LogLine line;
                line.historySequence = lr.integer("historySequence");
                line.timestamp = lr.time("timestamp");
                const qint64 level = lr.integer("level");
                line.source = lr.text("source");
                line.taskId = int(lr.integer("taskId"));
                line.replaying = lr.value("replaying").toBool();
                line.message = lr.text("message");
                if (lr.ok() && (level < 0 || level > int(LogLevel::Error)))
                    lr.fault("level", "0 to 3");
                if (!lr.ok())
                    return invalid(lr.error());
                line.level = LogLevel(level);
                instance.logs.append(line);
            }
            contents.instances.append(std::move(instance));
        }
        for (qsizetype n = 0; n < scripts.size(); ++n) {
            Reader sr(scripts.at(n).toObject(), QStringLiteral("scripts[%1]").arg(n));
            ScriptVersion s;
            s.fileName = sr.text("fileName");
            s.version = int(sr.integer("version"));
            s.code = sr.text("code");
            const auto names = [&](const char *key) {
                QStringList list;
                for (const auto &v : sr.array(key))
                    list.append(v.toString());
                return list;
            };
            s.orchestrators = names("orchestrators");
            s.activities = names("activities");
            if (sr.ok() && (s.fileName.isEmpty() || s.code.isEmpty()))
                sr.fault(QStringLiteral("fileName and code must not be empty"));
            if (!sr.ok())
                return invalid(sr.error());
            contents.scripts.append(s);
        }
        return contents;
    }

} // namespace bundle

QFuture<Result<bundle::ImportResult>> HubClient::importBundle(const QByteArray &bytes, const QString &fileName)
{
    Q_UNUSED(bytes);
    Q_UNUSED(fileName);
    return QtFuture::makeReadyFuture(Result<bundle::ImportResult>(
        fail(ErrorCode::FailedPrecondition, QStringLiteral("this hub client cannot import bundles"))));
}

Result<bundle::ImportResult> ClientCommands::importBundle(const QByteArray &bytes, const QString &fileName)
{
    auto contents = bundle::parse(bytes);
    if (!contents)
        return std::unexpected(contents.error());
    const QDateTime now = m_clock.now();
    return transaction([&]() -> Result<bundle::ImportResult> {
        bundle::ImportResult result;
        // Script versions first: the instances name the version they run on in this hub.
        QHash<QString, QString> versionOf; // "file#version" in the bundle -> "v<n>" here
        for (const auto &s : std::as_const(contents->scripts)) {
            auto stored = m_store.scriptVersions(s.fileName);
            if (!stored)
                return std::unexpected(stored.error());
            const QString sha
                = QString::fromLatin1(QCryptographicHash::hash(s.code.toUtf8(), QCryptographicHash::Sha256).toHex());
            int number = 0;
            for (const auto &v : std::as_const(*stored)) {
                if (v.sha256 == sha)
                    number = v.version;
            }
            if (number == 0) {
                auto saved = m_store.saveScriptVersion(s.fileName, s.code, s.orchestrators, s.activities, now);
                if (!saved)
                    return std::unexpected(saved.error());
                number = *saved;
            }
            ScriptVersion here = s;
            here.version = number;
            result.scripts.append(here);
            for (const auto &o : s.orchestrators)
                versionOf.insert(o + u'#' + QString::number(s.version), QStringLiteral("v%1").arg(number));
        }
        // New ids first, so that children point at their imported parent.
        QHash<QString, QString> idOf;
        for (const auto &instance : std::as_const(contents->instances)) {
            const QString original = instance.info.instanceId;
            QString id = original;
            for (int n = 1;; ++n) {
                auto taken = m_store.instance(id, false);
                if (!taken)
                    return std::unexpected(taken.error());
                const bool usedHere
                    = std::any_of(idOf.cbegin(), idOf.cend(), [&](const QString &v) { return v == id; });
                if (!*taken && !usedHere)
                    break;
                id = QStringLiteral("%1-imported-%2").arg(original).arg(n);
            }
            idOf.insert(original, id);
        }
        for (const auto &instance : std::as_const(contents->instances)) {
            InstanceRecord record;
            InstanceInfo &info = record.info;
            info = instance.info;
            info.instanceId = idOf.value(instance.info.instanceId);
            info.parentInstanceId = idOf.value(instance.info.parentInstanceId);
            if (info.parentInstanceId.isEmpty())
                info.parentTaskId = -1;
            if (info.version.startsWith(u'v')) {
                const QString here = versionOf.value(info.name + u'#' + info.version.mid(1));
                if (!here.isEmpty())
                    info.version = here;
            }
            info.origin
                = QJsonObject { { QStringLiteral("kind"), QStringLiteral("bundle") },
                                { QStringLiteral("file"), fileName },
                                { QStringLiteral("importedAt"), now.toString(Qt::ISODateWithMs) },
                                { QStringLiteral("originalId"), instance.info.instanceId },
                                { QStringLiteral("originalVersion"), instance.info.version },
                                { QStringLiteral("exportedAt"), contents->header.value(QStringLiteral("exportedAt")) },
                                { QStringLiteral("app"), contents->header.value(QStringLiteral("app")) } };
            record.historyLength = instance.history.size();
            if (auto s = m_store.putInstance(record); !s)
                return std::unexpected(s.error());
            if (!instance.history.isEmpty()) {
                // The links between parent and children in the events follow the renamed ids too.
                History history = instance.history;
                for (auto &e : history) {
                    const auto key = e.type == EventType::SubOrchestrationInstanceCreated ? QStringLiteral("instanceId")
                        : e.type == EventType::ExecutionStarted ? QStringLiteral("parentInstanceId")
                                                                : QString();
                    const QString linked = key.isEmpty() ? QString() : e.data.value(key).toString();
                    if (!linked.isEmpty() && idOf.contains(linked))
                        e.data.insert(key, idOf.value(linked));
                }
                if (auto s = m_store.appendHistory(info.instanceId, info.executionId, history); !s)
                    return std::unexpected(s.error());
            }
            QList<LogLine> lines = instance.logs;
            for (auto &l : lines) {
                l.id = 0;
                l.instanceId = info.instanceId;
                l.executionId = info.executionId;
            }
            if (auto s = m_store.insertLogs(lines); !s)
                return std::unexpected(s.error());
            m_changes.instance(info.instanceId, true, !lines.isEmpty());
            result.instanceIds.append(info.instanceId);
        }
        return result;
    });
}

} // namespace durable
