#pragma once

#include "error.h"
#include "registry.h"

#include <QStringList>

namespace durable::script {

/// What the command line's --script and --load options ask for, loaded in one go: registers the
/// built-in activities (http, delay), then every script file, then every plugin, in the order
/// given. Returns one untranslated line per file saying what it registered. Stops at the first
/// file that fails, with that file's error (see loadScriptFile() and loadPlugin()).
Result<QStringList> loadExtensions(const QStringList &scripts, const QStringList &plugins, Registry &registry);

} // namespace durable::script
