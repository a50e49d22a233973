#pragma once

// What copyHub() reads of one instance, and how two readings are compared (engine-internal).

#include "hubstore.h"

#include <QHash>
#include <QJsonObject>

namespace durable::hubcopy {

/// Everything a hub stores of one instance but its work rows (read from the whole table).
struct InstanceContent {
    InstanceRecord record;
    History history; ///< of the current execution
    QList<LogLine> logs; ///< of the current execution
    QList<InboxMessage> messages; ///< oldest first
};

/// Reads the instance's row (with payloads), history, logs and messages. nullopt: no such row.
Result<std::optional<InstanceContent>> readInstance(HubStore &store, const QString &instanceId);

/// Writes `content` into `store` inside its open transaction: the row as it is, the history,
/// the log lines and the messages (which get the destination's ids).
Status writeInstance(HubStore &store, const InstanceContent &content);

/// The store's work rows by instance, each instance's in the store's order (by id).
Result<QHash<QString, QList<WorkItem>>> workByInstance(HubStore &store);

// Comparable forms: every stored field but the ids a store assigns itself (messages, work rows,
// log lines) and a work row's attempt (only a shared backend keeps it). Times in milliseconds,
// payloads as values (an absent payload has no member, so it differs from null).
QJsonObject rowOf(const InstanceRecord &record);
QJsonObject rowOf(const HistoryEvent &event);
QJsonObject rowOf(const LogLine &line);
QJsonObject rowOf(const InboxMessage &message);
QJsonObject rowOf(const WorkItem &item);
QJsonObject rowOf(const ScriptVersion &version); ///< with its code

/// Empty when `a` (source) and `b` (destination) hold the same instance; otherwise what differs
/// first, e.g. "history row 12: data differs".
QString difference(const InstanceContent &a, const QList<WorkItem> &workA, const InstanceContent &b,
                   const QList<WorkItem> &workB);

} // namespace durable::hubcopy
