#include "jshighlighter.h"

namespace durable::views {

namespace {

    QTextCharFormat charFormat(const QColor &color, bool bold = false, bool italic = false)
    {
        QTextCharFormat f;
        f.setForeground(color);
        if (bold)
            f.setFontWeight(QFont::Bold);
        f.setFontItalic(italic);
        return f;
    }

    enum BlockState { Normal = 0, InComment = 1 };

} // namespace

JsHighlighter::JsHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
    , m_comment(charFormat(QColor(110, 120, 110), false, true))
{
    static const char *const keywords[]
        = { "break", "case",   "catch",     "class",   "const",  "continue", "default", "delete", "do",
            "else",  "export", "false",     "finally", "for",    "function", "if",      "in",     "instanceof",
            "let",   "new",    "null",      "of",      "return", "switch",   "this",    "throw",  "true",
            "try",   "typeof", "undefined", "var",     "void",   "while",    "yield" };
    QStringList words;
    for (const char *k : keywords)
        words.append(QString::fromLatin1(k));
    m_rules.append({ QRegularExpression(QStringLiteral("\\b(") + words.join(u'|') + QStringLiteral(")\\b")),
                     charFormat(QColor(0, 70, 160), true) });
    m_rules.append(
        { QRegularExpression(QStringLiteral("\\b(require|df|context|ctx)\\b")), charFormat(QColor(120, 40, 140)) });
    m_rules.append({ QRegularExpression(QStringLiteral("\\b(0[xX][0-9a-fA-F]+|\\d+(\\.\\d+)?([eE][+-]?\\d+)?)\\b")),
                     charFormat(QColor(170, 90, 0)) });
    m_string = charFormat(QColor(0, 130, 60));
}

void JsHighlighter::highlightBlock(const QString &text)
{
    for (const auto &rule : std::as_const(m_rules)) {
        for (auto it = rule.pattern.globalMatch(text); it.hasNext();) {
            const auto match = it.next();
            setFormat(int(match.capturedStart()), int(match.capturedLength()), rule.format);
        }
    }
    // Strings and comments with a small scanner: each hides the other's markers ("//" in a string,
    // a quote in a comment), which rules that run one after the other cannot express.
    const int n = int(text.size());
    setCurrentBlockState(Normal);
    bool inComment = previousBlockState() == InComment;
    int commentStart = 0;
    int i = 0;
    while (i < n) {
        if (inComment) {
            const int end = int(text.indexOf(QStringLiteral("*/"), i));
            if (end < 0) {
                setFormat(commentStart, n - commentStart, m_comment);
                setCurrentBlockState(InComment);
                return;
            }
            setFormat(commentStart, end + 2 - commentStart, m_comment);
            i = end + 2;
            inComment = false;
            continue;
        }
        const QChar c = text.at(i);
        if (c == u'"' || c == u'\'' || c == u'`') {
            int j = i + 1;
            while (j < n && text.at(j) != c)
                j += text.at(j) == u'\\' ? 2 : 1;
            const int end = std::min(j + 1, n);
            setFormat(i, end - i, m_string);
            i = end;
        } else if (c == u'/' && i + 1 < n && text.at(i + 1) == u'/') {
            setFormat(i, n - i, m_comment);
            return;
        } else if (c == u'/' && i + 1 < n && text.at(i + 1) == u'*') {
            inComment = true;
            commentStart = i;
            i += 2;
        } else {
            ++i;
        }
    }
}

} // namespace durable::views
