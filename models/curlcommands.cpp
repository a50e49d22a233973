#include "curlcommands.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

namespace durable::models {

namespace {

    QString segment(const QString &text)
    {
        return QString::fromLatin1(QUrl::toPercentEncoding(text));
    }

    QString jsonText(const QJsonValue &value)
    {
        const auto text = QString::fromUtf8(QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact));
        return text.mid(1, text.size() - 2);
    }

    // Double quotes so that the shell expands the variable; the key never appears in the text.
    const QString keyHeader = QStringLiteral("-H \"x-functions-key: $DURABLE_KEY\"");

    QString command(const QString &method, const QString &url, const std::optional<QJsonValue> &body = std::nullopt)
    {
        QString line = QStringLiteral("curl -sS -X %1 %2 %3").arg(method, CurlCommands::shellQuote(url), keyHeader);
        if (body) {
            line += QStringLiteral(" -H 'Content-Type: application/json' --data-binary ")
                + CurlCommands::shellQuote(jsonText(*body));
        }
        return line;
    }

} // namespace

QString CurlCommands::shellQuote(const QString &text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString CurlCommands::start(const QString &name, const QJsonValue &input, const QString &baseUrl)
{
    const QString url = baseUrl + QStringLiteral("/orchestrators/") + segment(name);
    // No body for an orchestrator started without input; `null` is the JSON for none as well.
    return command(QStringLiteral("POST"), url,
                   input.isUndefined() ? QJsonValue(QJsonValue::Null) : std::optional<QJsonValue>(input));
}

QString CurlCommands::forInstance(const InstanceInfo &info, const QString &baseUrl)
{
    const QString instance = baseUrl + QStringLiteral("/instances/") + segment(info.instanceId);
    QStringList lines;
    const auto add
        = [&lines](const QString &comment, const QString &line) { lines << QStringLiteral("# ") + comment << line; };
    lines << QStringLiteral("# ") + tr("Set DURABLE_KEY to the API key first (HTTP API dock: Copy key).");
    add(tr("Start %1 with the same input (a new instance)").arg(info.name), start(info.name, info.input, baseUrl));
    add(tr("Status of %1").arg(info.instanceId), command(QStringLiteral("GET"), instance));
    const bool active = info.status == RuntimeStatus::Running || info.status == RuntimeStatus::Pending
        || info.status == RuntimeStatus::Suspended;
    if (active) {
        for (const auto &event : info.waiting.events) {
            add(tr("Raise the awaited event %1 (the body is its JSON payload)").arg(event),
                command(QStringLiteral("POST"), instance + QStringLiteral("/raiseEvent/") + segment(event),
                        QJsonValue(QJsonValue::Null)));
        }
        add(tr("Terminate"), command(QStringLiteral("POST"), instance + QStringLiteral("/terminate?reason=curl")));
        if (info.status == RuntimeStatus::Suspended)
            add(tr("Resume"), command(QStringLiteral("POST"), instance + QStringLiteral("/resume?reason=curl")));
        else
            add(tr("Suspend"), command(QStringLiteral("POST"), instance + QStringLiteral("/suspend?reason=curl")));
    } else {
        add(tr("Purge (history, logs and instance)"), command(QStringLiteral("DELETE"), instance));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace durable::models
