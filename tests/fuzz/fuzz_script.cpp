// The script loader and the syntax locator: any text as a script file. Text the parser accepts is
// also checked the way the Designer and --script do (evaluated in a QJSEngine under the watchdog,
// with a short time limit so that a generated endless loop costs a tenth of a second).
#include "scriptloader.h"
#include "syntaxlocator.h"

#include <QCoreApplication>

#include <cstddef>
#include <cstdint>

using namespace durable;

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv); // QJSEngine and the watchdog's thread need one
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString code = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto problem = script::locateSyntaxError(code);
    (void)script::contentVersion(code);
    if (!problem) {
        script::ScriptOptions options;
        options.timeLimitMs = 100;
        (void)script::checkScript(QStringLiteral("Fuzz.js"), code, options);
    }
    return 0;
}
