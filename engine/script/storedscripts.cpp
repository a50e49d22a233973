#include "storedscripts.h"

namespace durable::script {

QString storedVersionName(int number)
{
    return QStringLiteral("v%1").arg(number);
}

Result<int> registerStoredScripts(Engine &engine, Registry &registry, const ScriptOptions &options)
{
    auto listed = engine.scriptVersions();
    listed.waitForFinished();
    const auto versions = listed.result();
    if (!versions)
        return std::unexpected(versions.error());
    int registered = 0;
    QStringList failures;
    for (const auto &listedVersion : *versions) {
        auto read = engine.scriptVersion(listedVersion.fileName, listedVersion.version);
        read.waitForFinished();
        const auto stored = read.result();
        if (!stored)
            return std::unexpected(stored.error());
        ScriptOptions versionOptions = options;
        versionOptions.version = storedVersionName(stored->version);
        // One broken version must not keep the others (and their instances) from running.
        if (auto loaded = loadScript(stored->fileName, stored->code, registry, versionOptions); !loaded) {
            failures.append(QStringLiteral("stored version %1 of %2 does not load: %3")
                                .arg(stored->version)
                                .arg(stored->fileName, loaded.error().message));
            continue;
        }
        ++registered;
    }
    if (!failures.isEmpty())
        return fail(ErrorCode::InvalidArgument, failures.join(QStringLiteral("; ")));
    return registered;
}

Result<int> registerStoredScripts(const EngineOptions &engineOptions, Registry &registry, const ScriptOptions &options)
{
    EngineOptions clientOnly = engineOptions;
    clientOnly.runWorkers = false;
    auto engine = Engine::open(clientOnly, registry);
    if (!engine)
        return std::unexpected(engine.error());
    return registerStoredScripts(**engine, registry, options);
}

} // namespace durable::script
