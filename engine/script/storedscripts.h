#pragma once

#include "engine.h"
#include "scriptloader.h"

namespace durable::script {

/// The registry version of saved version `number` of a script file: "v<number>".
QString storedVersionName(int number);

/// Registers every script version saved in the hub of `engine` (Engine::saveScript) into
/// `registry`, each under storedVersionName(), oldest first, so that the latest saved version of
/// each orchestrator is its default and instances that started on an older one replay it.
/// Blocks the calling thread on the engine's reader. Returns the number of versions registered.
/// Errors: those of Engine::scriptVersions()/scriptVersion(); InvalidArgument naming each file
/// and version whose stored code no longer loads (every other version is registered all the same).
/// Instances the engine resumes before this returns may not find their version: prefer the
/// overload below at startup.
Result<int> registerStoredScripts(Engine &engine, Registry &registry, const ScriptOptions &options = {});

/// Opens the hub of `engineOptions` as a client only (no workers run, so no instance replays yet),
/// registers its saved versions as above and closes it again. Call before Engine::open() of the
/// engine that runs instances. Errors: those of Engine::open() and of the overload above.
Result<int> registerStoredScripts(const EngineOptions &engineOptions, Registry &registry,
                                  const ScriptOptions &options = {});

} // namespace durable::script
