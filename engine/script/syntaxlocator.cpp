#include "syntaxlocator.h"

// Private Qt API (Debian: qt6-declarative-private-dev), kept to this file: the QML/JS parser is
// the only source of a syntax error's column in Qt 6.4, and it is the parser QJSEngine runs, so
// both agree on what is an error and where.
#include <private/qqmljsengine_p.h>
#include <private/qqmljslexer_p.h>
#include <private/qqmljsparser_p.h>

namespace durable::script {

std::optional<SyntaxProblem> locateSyntaxError(const QString &code)
{
    QQmlJS::Engine engine;
    QQmlJS::Lexer lexer(&engine);
    lexer.setCode(code, 1, /* qmlMode */ false);
    QQmlJS::Parser parser(&engine);
    if (parser.parseScript())
        return std::nullopt;
    for (const auto &diagnostic : parser.diagnosticMessages()) {
        if (diagnostic.isError())
            return SyntaxProblem { int(diagnostic.loc.startLine), int(diagnostic.loc.startColumn), diagnostic.message };
    }
    return std::nullopt;
}

} // namespace durable::script
