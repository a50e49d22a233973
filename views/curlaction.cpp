#include "curlaction.h"

#include <curlcommands.h>

#include <QAction>
#include <QApplication>
#include <QClipboard>

namespace durable::views {

CopyAsCurl::CopyAsCurl(QObject *parent)
    : QObject(parent)
    , m_action(new QAction(tr("Cop&y as curl"), this))
{
    m_action->setObjectName(QStringLiteral("copyAsCurl"));
    m_action->setShortcut(QKeySequence(tr("Ctrl+Shift+C")));
    m_action->setShortcutContext(Qt::WindowShortcut);
    m_action->setStatusTip(
        tr("Copy curl commands that start an instance like this one and act on it over the HTTP API"));
    connect(m_action, &QAction::triggered, this, [this] {
        const auto text = commands();
        if (!text.isEmpty())
            QApplication::clipboard()->setText(text);
    });
    setCurrent(std::nullopt);
}

void CopyAsCurl::setCurrent(const std::optional<InstanceInfo> &info)
{
    m_current = info;
    m_action->setEnabled(info.has_value());
    m_action->setToolTip(info ? tr("Copy curl commands for %1").arg(info->instanceId) : tr("No instance selected"));
}

QString CopyAsCurl::commands() const
{
    if (!m_current)
        return {};
    QString base = m_baseUrl ? m_baseUrl() : QString();
    if (base.isEmpty())
        base = QString::fromLatin1(DefaultBaseUrl);
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return models::CurlCommands::forInstance(*m_current, base);
}

} // namespace durable::views
