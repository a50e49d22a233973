#pragma once

#include <registry.h>

#include <QWidget>

namespace durable::views {

/// First launch on an empty hub: what the workbench does, and one button per sample pattern that
/// starts it with its sample input. Child orchestrators (parentOfChildOrchestrator) get no button:
/// their parent's sample runs them.
class WelcomePage : public QWidget {
    Q_OBJECT
public:
    explicit WelcomePage(const Registry &registry, QWidget *parent = nullptr);

Q_SIGNALS:
    void startRequested(const QString &orchestrator, const QJsonValue &input);
    void dismissed();
};

} // namespace durable::views
