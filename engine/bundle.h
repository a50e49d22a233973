#pragma once

#include "error.h"
#include "types.h"

#include <QByteArray>
#include <QJsonObject>

namespace durable {
class HubClient;
}

namespace durable::bundle {

// Repro bundles: one instance (with its sub-orchestrations) as one JSON file, to hand a run to a
// colleague. The file:
//   { "format": "durable-workbench-bundle", "version": 1, "exportedAt": ISO time,
//     "app": { "name", "version" }, "hub": { "schemaVersion" },
//     "instances": [ { "row": { instanceId, name, version, executionId, status, input, output,
//                               customStatus, failure, createdAt, lastUpdatedAt, completedAt,
//                               parentInstanceId, parentTaskId, waiting },
//                      "history": [ events ], "logs": [ lines ] }, ... ],   // the root first
//     "scripts": [ { fileName, version, code, sha256, orchestrators, activities } ] }
// Only the current execution of an instance is stored in a hub, so that is what a bundle holds.

inline constexpr auto Format = "durable-workbench-bundle";
inline constexpr int Version = 1;
/// Files larger than this are refused before they are read.
inline constexpr qint64 MaxBytes = 256LL * 1024 * 1024;

/// Builds the bundle of `instanceId` (and, with `withChildren`, its sub-orchestrations, all
/// levels) through the client's read calls, blocking the calling thread on them: call it off the
/// GUI thread. The script source of each script orchestrator's version (a stored version "v<n>")
/// comes along. Errors: NotFound, those of the reads.
Result<QByteArray> exportInstance(HubClient &client, const QString &instanceId, bool withChildren);

/// A parsed and validated bundle, ready to be written (the client's importBundle()).
struct Contents {
    struct Instance {
        InstanceInfo info; ///< as exported (origin empty)
        History history;
        QList<LogLine> logs;
    };
    QList<Instance> instances;
    QList<ScriptVersion> scripts;
    QJsonObject header; ///< exportedAt, app, hub
};

/// Parses a bundle file's bytes. Errors (nothing is written by anyone on an error):
/// PayloadTooLarge (over MaxBytes), InvalidArgument (not JSON, truncated, not a bundle, a missing
/// or malformed field, named with its place: "instances[0].row.instanceId"), SchemaTooNew (a
/// newer format version).
Result<Contents> parse(const QByteArray &bytes);

/// What an import wrote.
struct ImportResult {
    QStringList instanceIds; ///< in the hub; the root first (suffixed "-imported-<n>" on a clash)
    /// Script versions the imported instances run on in this hub (saved now or found identical);
    /// a process registers them (script::loadScript with storedVersionName()) to fork or replay.
    QList<ScriptVersion> scripts;
};

} // namespace durable::bundle
