#pragma once

#include <QJsonValue>
#include <QList>
#include <QString>

namespace durable::views {

/// A starting point for the Designer: one of the five Durable Functions patterns as a complete
/// script (orchestrator and activities, df.orchestrator/df.activity) that runs as it is, or the
/// same in the v4 programming model (df.app.orchestration/df.app.activity).
struct DesignerTemplate {
    QString title; ///< translated
    QString fileName; ///< the script file name versions are saved under
    QString orchestrator; ///< the orchestrator the script defines
    QString code;
    QJsonValue sampleInput;
    QJsonValue stubs; ///< dry-run answers by activity or event name (an object), Null for none
};

/// Chaining, fan-out/fan-in, async HTTP API, monitor, human interaction and the v4 model, in
/// that order.
QList<DesignerTemplate> designerTemplates();

} // namespace durable::views
