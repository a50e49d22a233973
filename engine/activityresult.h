#pragma once

#include "hubstore.h"

#include <QJsonObject>

#include <memory>

namespace durable {

/// Result of one activity execution, handed from the pool to the dispatcher thread.
struct ActivityResult {
    WorkItem item; ///< the work row it answers (id, instance, execution, task, name)
    bool succeeded = false;
    QJsonValue result;
    /// Set when it failed. Out of line and shared: a fan-out's results wait for the writer by the
    /// hundred thousand and nearly all succeed, so an inline FailureDetails (240 bytes) would
    /// more than double each one.
    std::shared_ptr<const FailureDetails> failure;
    QList<LogLine> logs;
    quint64 launch = 0; ///< the launch token that produced it

    void fail(FailureDetails details)
    {
        succeeded = false;
        failure = std::make_shared<const FailureDetails>(std::move(details));
    }
    /// The data of the history event it becomes: {"result": …} for TaskCompleted, {"failure": …}
    /// for TaskFailed.
    QJsonObject eventData() const
    {
        if (succeeded)
            return QJsonObject { { QStringLiteral("result"), result } };
        return QJsonObject { { QStringLiteral("failure"), failure ? failure->toJson() : QJsonObject() } };
    }
};

} // namespace durable
