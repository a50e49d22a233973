#pragma once

#include <QPlainTextEdit>

namespace durable::views {

/// A plain-text code editor with a line-number gutter and one error marker: the line of the last
/// syntax error is tinted, the character at its column underlined, its number drawn on a red mark
/// in the gutter, the message in its tooltip.
class CodeEditor : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit CodeEditor(QWidget *parent = nullptr);

    /// Marks 1-based `line` (and 1-based `column` when it is above 0) with `message`; replaces any
    /// previous marker.
    void setErrorMarker(int line, int column, const QString &message);
    void clearErrorMarker();
    /// 1-based line of the marker, 0 when there is none.
    int errorLine() const { return m_errorLine; }
    /// 1-based column of the marker, 0 when there is none or it marks a whole line.
    int errorColumn() const { return m_errorColumn; }
    /// Moves the text cursor to the marker.
    void goToError();
    QString errorMessage() const { return m_errorMessage; }

    /// Puts the cursor on 1-based `line`, scrolls it to the middle and tints it until the text
    /// changes (the line a failure points at); 0 removes the tint.
    void highlightLine(int line);
    /// 1-based line tinted by highlightLine(), 0 when none.
    int highlightedLine() const { return m_highlightLine; }

    /// Width of the gutter for the current number of lines.
    int gutterWidth() const;
    /// Paints the gutter; called by the gutter widget.
    void paintGutter(QPaintEvent *event);
    /// The 1-based line at gutter position `y`, 0 when none.
    int lineAt(int y) const;

protected:
    void resizeEvent(QResizeEvent *event) override;
    bool event(QEvent *event) override;

private:
    void updateGutterWidth();
    void updateGutter(const QRect &rect, int dy);
    void updateSelections();

    QWidget *m_gutter;
    int m_errorLine = 0;
    int m_errorColumn = 0;
    int m_highlightLine = 0;
    QString m_errorMessage;
};

} // namespace durable::views
