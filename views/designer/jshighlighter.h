#pragma once

#include <QRegularExpression>
#include <QSyntaxHighlighter>

namespace durable::views {

/// Highlights JavaScript: keywords, the durable API's entry points, strings (single, double and
/// template quotes on one line), numbers, and line and block comments (block comments may span
/// lines).
class JsHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    explicit JsHighlighter(QTextDocument *document);

protected:
    void highlightBlock(const QString &text) override;

private:
    struct Rule {
        QRegularExpression pattern;
        QTextCharFormat format;
    };
    QList<Rule> m_rules;
    QTextCharFormat m_comment;
    QTextCharFormat m_string;
};

} // namespace durable::views
