#pragma once

#include <QIdentityProxyModel>

namespace durable::views {

/// The orchestrator another one calls as its child (RetryChild → SubOrchestrationWithRetry), or an
/// empty string. The registry has no notion of a child; this small list names the samples' ones so
/// the welcome page does not offer them as patterns of their own.
QString parentOfChildOrchestrator(const QString &name);

/// The catalog as shown: child orchestrators stay startable but are marked (italic, dimmed, a
/// tooltip naming the parent) so they do not read as patterns of their own. Orchestrators and
/// activities of SDK workers get a network icon.
class CatalogProxy : public QIdentityProxyModel {
    Q_OBJECT
public:
    using QIdentityProxyModel::QIdentityProxyModel;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
};

} // namespace durable::views
