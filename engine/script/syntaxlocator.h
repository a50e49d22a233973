#pragma once

#include <QString>

#include <optional>

namespace durable::script {

/// Where the JavaScript parser stopped: 1-based line and column, and its message.
struct SyntaxProblem {
    int line = 0;
    int column = 0;
    QString message;
};

/// Parses `code` as a script with the parser QJSEngine itself uses and returns its first error, or
/// nothing when the code parses. QJSEngine::evaluate() in Qt 6.4 reports a syntax error's line
/// only; this recovers the column. Errors found after parsing (a redeclared `let`, for one) are not
/// parser errors: for those it returns nothing and the caller keeps the line QJSEngine gave.
std::optional<SyntaxProblem> locateSyntaxError(const QString &code);

} // namespace durable::script
