#include "catalogproxy.h"

#include <catalogmodel.h>

#include <QApplication>
#include <QFont>
#include <QGuiApplication>
#include <QPalette>
#include <QStyle>

namespace durable::views {

QString parentOfChildOrchestrator(const QString &name)
{
    if (name == QLatin1String("RetryChild"))
        return QStringLiteral("SubOrchestrationWithRetry");
    return {};
}

QVariant CatalogProxy::data(const QModelIndex &index, int role) const
{
    // Remote rows (run by SDK workers) carry a network icon before the name; the text says it too.
    if (role == Qt::DecorationRole && index.column() == models::CatalogModel::Name
        && mapToSource(index).data(models::CatalogModel::RemoteRole).toBool())
        return QApplication::style()->standardIcon(QStyle::SP_DriveNetIcon);
    const auto parent = parentOfChildOrchestrator(mapToSource(index).data(models::CatalogModel::NameRole).toString());
    if (parent.isEmpty())
        return QIdentityProxyModel::data(index, role);
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == models::CatalogModel::Name)
            return tr("%1 (child)").arg(QIdentityProxyModel::data(index, role).toString());
        break;
    case Qt::FontRole: {
        QFont font;
        font.setItalic(true);
        return font;
    }
    case Qt::ForegroundRole:
        return QGuiApplication::palette().color(QPalette::PlaceholderText);
    case Qt::ToolTipRole:
        return tr("Started by %1 as its sub-orchestration. Start… runs it on its own, without the parent.").arg(parent);
    default:
        break;
    }
    return QIdentityProxyModel::data(index, role);
}

} // namespace durable::views
