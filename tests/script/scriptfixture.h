#pragma once

#include "clock.h"
#include "enginefixture.h"
#include "scriptloader.h"

#include <QFile>

namespace testing {

/// A real engine on a temporary hub with a manual clock, for script tests.
struct ScriptHub : EngineFixture {
    durable::ManualClock clock { QDateTime(QDate(2026, 1, 5), QTime(9, 0), Qt::UTC) };

    explicit ScriptHub(int cacheSize = 100)
    {
        options.cacheSize = cacheSize;
        options.clock = &clock;
        options.activityThreads = 2;
    }
    ~ScriptHub() { close(); } // the engine reads the clock until it is gone

    /// Loads tests/script/js/<file> into the registry; empty list on failure (with a warning).
    QStringList load(const QString &file, const durable::script::ScriptOptions &scriptOptions = {})
    {
        auto loaded = durable::script::loadScriptFile(QStringLiteral(SCRIPT_DIR "/") + file, registry, scriptOptions);
        if (!loaded) {
            qWarning("load failed: %s", qPrintable(loaded.error().message));
            return {};
        }
        return *loaded;
    }

    /// Registers `code` as file `name`.
    bool loadCode(const QString &name, const QString &code, const durable::script::ScriptOptions &scriptOptions = {})
    {
        auto loaded = durable::script::loadScript(name, code, registry, scriptOptions);
        if (!loaded)
            qWarning("load failed: %s", qPrintable(loaded.error().message));
        return bool(loaded);
    }
};

inline QStringList scheduledNames(const durable::History &history)
{
    QStringList names;
    for (const auto &e : history) {
        if (e.type == durable::EventType::TaskScheduled)
            names.append(e.name);
    }
    return names;
}

} // namespace testing
