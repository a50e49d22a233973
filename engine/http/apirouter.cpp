#include "apirouter.h"

#include <QStringDecoder>
#include <QStringList>
#include <QUrl>

namespace durable::http {

namespace {

    bool same(const QString &segment, const char *literal)
    {
        return segment.compare(QLatin1String(literal), Qt::CaseInsensitive) == 0;
    }

    /// Percent-decodes one segment; false when the bytes are not valid UTF-8 (QUrl's own decoding
    /// would turn them into U+FFFD, so that different ids reached the same instance).
    bool decodeSegment(const QString &encoded, QString *decoded)
    {
        const QByteArray bytes = QByteArray::fromPercentEncoding(encoded.toUtf8());
        QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        *decoded = utf8.decode(bytes);
        return !utf8.hasError();
    }

    /// Splits the part after the mount into decoded segments. Encoded '/' inside a segment stays one
    /// segment (and later fails instance-id validation) instead of changing the route. `invalid`
    /// gets the indexes of segments that are not valid UTF-8.
    QStringList decodedSegments(const QString &rest, QList<int> *invalid)
    {
        QString trimmed = rest;
        while (trimmed.startsWith(QLatin1Char('/')))
            trimmed.remove(0, 1);
        while (trimmed.endsWith(QLatin1Char('/')))
            trimmed.chop(1);
        if (trimmed.isEmpty())
            return {};
        QStringList segments = trimmed.split(QLatin1Char('/'));
        for (int i = 0; i < segments.size(); ++i)
            if (!decodeSegment(segments.at(i), &segments[i]))
                invalid->append(i);
        return segments;
    }

    Endpoint instanceOperation(const QString &operation)
    {
        if (same(operation, "terminate"))
            return Endpoint::Terminate;
        if (same(operation, "suspend"))
            return Endpoint::Suspend;
        if (same(operation, "resume"))
            return Endpoint::Resume;
        if (same(operation, "rewind"))
            return Endpoint::Rewind;
        if (same(operation, "restart"))
            return Endpoint::Restart;
        return Endpoint::None;
    }

    void routeInstances(const QByteArray &method, const QStringList &s, Route &route)
    {
        const bool get = method == "GET", post = method == "POST", del = method == "DELETE";
        if (s.size() == 1) {
            route.endpoint = get ? Endpoint::ListInstances : del ? Endpoint::PurgeByFilter : Endpoint::None;
            return;
        }
        if (s.at(1).isEmpty())
            return;
        route.instanceId = s.at(1);
        if (s.size() == 2) {
            route.endpoint = get ? Endpoint::GetStatus : del ? Endpoint::PurgeInstance : Endpoint::None;
        } else if (s.size() == 3 && post) {
            route.endpoint = instanceOperation(s.at(2));
        } else if (s.size() == 4 && post && same(s.at(2), "raiseEvent") && !s.at(3).isEmpty()) {
            route.endpoint = Endpoint::RaiseEvent;
            route.eventName = s.at(3);
        }
    }

} // namespace

Route routeRequest(const QByteArray &method, const QString &encodedPath)
{
    Route route;
    QString rest;
    for (const char *mount : { webhookMount, rpcMount }) {
        const QLatin1String prefix(mount);
        if (encodedPath.startsWith(prefix, Qt::CaseInsensitive)
            && (encodedPath.size() == prefix.size() || encodedPath.at(prefix.size()) == QLatin1Char('/'))) {
            route.mount = prefix;
            rest = encodedPath.mid(prefix.size());
            break;
        }
    }
    if (route.mount.isEmpty())
        return route;

    QList<int> invalid;
    const QStringList s = decodedSegments(rest, &invalid);
    if (s.isEmpty())
        return route;
    if (same(s.at(0), "orchestrators")) {
        if (method == "POST" && (s.size() == 2 || s.size() == 3) && !s.at(1).isEmpty()) {
            route.endpoint = Endpoint::StartOrchestration;
            route.functionName = s.at(1);
            if (s.size() == 3)
                route.instanceId = s.at(2);
        }
    } else if (same(s.at(0), "instances")) {
        routeInstances(method, s, route);
    } else if (same(s.at(0), "entities") && s.size() <= 3) {
        route.endpoint = Endpoint::Entities;
    } else if (same(s.at(0), "makeprimary") && s.size() == 1) {
        route.endpoint = Endpoint::MakePrimary;
    }
    if (route.endpoint == Endpoint::None || route.endpoint == Endpoint::Entities)
        return route;
    // Which segment holds the instance id: orchestrators/{name}/{id}, instances/{id}/...
    const int idSegment = route.endpoint == Endpoint::StartOrchestration ? 2 : 1;
    if (invalid.contains(idSegment) && !route.instanceId.isEmpty())
        route.problem = QStringLiteral("The instance id is not valid UTF-8 once percent-decoded.");
    else if (!invalid.isEmpty())
        route.problem = QStringLiteral("The request path is not valid UTF-8 once percent-decoded.");
    else if (route.instanceId == QLatin1String(".") || route.instanceId == QLatin1String(".."))
        route.problem = QStringLiteral("The instance id must not be \".\" or \"..\".");
    return route;
}

} // namespace durable::http
