#include "hublocation.h"

#include "hubopen.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace HubLocation {

QString withoutPassword(const QString &location)
{
    if (!durable::isServerHub(location))
        return location;
    // Text edits rather than QUrl: a socket directory percent-encoded in the host part (which QUrl
    // refuses) and everything else stay exactly as the user wrote them.
    QString text = location.trimmed();
    static const QRegularExpression userPassword(u"^([a-zA-Z]+://[^/@:?]*):[^@/?]*@"_s);
    text.replace(userPassword, u"\\1@"_s);
    static const QRegularExpression parameter(u"([?&])password=[^&]*(&|$)"_s);
    for (auto match = parameter.match(text); match.hasMatch(); match = parameter.match(text)) {
        // "?password=x&hub=a" keeps "?", "&password=x" at the end goes with its "&".
        const bool last = match.captured(2).isEmpty();
        text.replace(match.capturedStart(), match.capturedLength(), last ? QString() : match.captured(1));
    }
    if (text.endsWith(u'?'))
        text.chop(1);
    return text;
}

QString normalized(const QString &location)
{
    if (durable::isServerHub(location))
        return location.trimmed();
    return QDir::cleanPath(QFileInfo(location).absoluteFilePath());
}

QString displayName(const QString &location)
{
    if (!durable::isServerHub(location))
        return QFileInfo(location).fileName();
    // Taken apart by hand for the same reason as in withoutPassword().
    const QString text = location.trimmed();
    const qsizetype authorityStart = text.indexOf(u"://"_s) + 3;
    qsizetype queryStart = text.indexOf(u'?', authorityStart);
    if (queryStart < 0)
        queryStart = text.size();
    qsizetype pathStart = text.indexOf(u'/', authorityStart);
    if (pathStart < 0 || pathStart > queryStart)
        pathStart = queryStart;
    QString host = text.mid(authorityStart, pathStart - authorityStart).section(u'@', -1);
    if (!host.startsWith(u'['))
        host = host.section(u':', 0, 0); // without the port
    host = QUrl::fromPercentEncoding(host.toUtf8());
    const QUrlQuery query(text.mid(queryStart + 1));
    // A unix socket directory may come as a host= parameter instead.
    if (host.isEmpty())
        host = query.queryItemValue(u"host"_s, QUrl::FullyDecoded);
    if (host.isEmpty())
        host = u"localhost"_s;
    const QString database = QUrl::fromPercentEncoding(text.mid(pathStart, queryStart - pathStart).toUtf8());
    const QString where = database.size() > 1 ? host + database : host;
    const QString hub = query.queryItemValue(u"hub"_s, QUrl::FullyDecoded);
    //: A PostgreSQL hub in titles and menus: %1 the hub's name, %2 host/database
    return hub.isEmpty() ? where : QCoreApplication::translate("HubLocation", "%1 on %2").arg(hub, where);
}

bool same(const QString &a, const QString &b)
{
    if (durable::isServerHub(a) || durable::isServerHub(b))
        return withoutPassword(normalized(a)) == withoutPassword(normalized(b));
    const QString ca = QFileInfo(a).canonicalFilePath();
    return !ca.isEmpty() && ca == QFileInfo(b).canonicalFilePath();
}

} // namespace HubLocation
