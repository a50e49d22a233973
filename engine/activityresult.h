#pragma once

#include "hubstore.h"

namespace durable {

/// Result of one activity execution, handed from the pool to the dispatcher thread.
struct ActivityResult {
    WorkItem item; ///< the work row it answers (id, instance, execution, task, name)
    bool succeeded = false;
    QJsonValue result;
    FailureDetails failure;
    QList<LogLine> logs;
    quint64 launch = 0; ///< the launch token that produced it
};

} // namespace durable
