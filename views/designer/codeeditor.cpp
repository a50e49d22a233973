#include "codeeditor.h"

#include <QHelpEvent>
#include <QPainter>
#include <QTextBlock>
#include <QToolTip>

#include <algorithm>

namespace durable::views {

namespace {

    /// The gutter: a thin widget that asks the editor to paint it.
    class Gutter : public QWidget {
    public:
        explicit Gutter(CodeEditor *editor)
            : QWidget(editor)
            , m_editor(editor)
        {
        }
        QSize sizeHint() const override { return { m_editor->gutterWidth(), 0 }; }

    protected:
        void paintEvent(QPaintEvent *event) override { m_editor->paintGutter(event); }
        bool event(QEvent *event) override
        {
            if (event->type() == QEvent::ToolTip) {
                auto *help = static_cast<QHelpEvent *>(event);
                const int line = m_editor->lineAt(help->pos().y());
                if (line > 0 && line == m_editor->errorLine())
                    QToolTip::showText(help->globalPos(), m_editor->errorMessage(), this);
                else
                    QToolTip::hideText();
                return true;
            }
            return QWidget::event(event);
        }

    private:
        CodeEditor *m_editor;
    };

    const QColor ErrorTint(255, 220, 220);
    const QColor ErrorMark(200, 40, 40);

} // namespace

CodeEditor::CodeEditor(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_gutter(new Gutter(this))
{
    setLineWrapMode(QPlainTextEdit::NoWrap);
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    setFont(font);
    setTabStopDistance(fontMetrics().horizontalAdvance(QLatin1Char(' ')) * 4);
    connect(this, &QPlainTextEdit::blockCountChanged, this, &CodeEditor::updateGutterWidth);
    connect(this, &QPlainTextEdit::updateRequest, this, &CodeEditor::updateGutter);
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, &CodeEditor::updateSelections);
    connect(this, &QPlainTextEdit::textChanged, this, [this] {
        if (m_highlightLine > 0)
            highlightLine(0);
    });
    updateGutterWidth();
    updateSelections();
}

void CodeEditor::setErrorMarker(int line, int column, const QString &message)
{
    m_errorLine = line;
    m_errorColumn = line > 0 ? std::max(0, column) : 0;
    m_errorMessage = message;
    updateSelections();
    m_gutter->update();
}

void CodeEditor::clearErrorMarker()
{
    setErrorMarker(0, 0, {});
}

void CodeEditor::goToError()
{
    const QTextBlock block = document()->findBlockByNumber(m_errorLine - 1);
    if (m_errorLine <= 0 || !block.isValid())
        return;
    QTextCursor cursor(block);
    cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor,
                        std::clamp(m_errorColumn - 1, 0, std::max(0, int(block.length()) - 1)));
    setTextCursor(cursor);
    ensureCursorVisible();
    setFocus(Qt::ShortcutFocusReason);
}

void CodeEditor::highlightLine(int line)
{
    const QTextBlock block = document()->findBlockByNumber(line - 1);
    m_highlightLine = line > 0 && block.isValid() ? line : 0;
    if (m_highlightLine > 0) {
        setTextCursor(QTextCursor(block));
        centerCursor();
        setFocus(Qt::OtherFocusReason);
    }
    updateSelections();
}

int CodeEditor::gutterWidth() const
{
    int digits = 2;
    for (int n = std::max(1, blockCount()); n >= 100; n /= 10)
        ++digits;
    return 12 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * digits;
}

void CodeEditor::updateGutterWidth()
{
    setViewportMargins(gutterWidth(), 0, 0, 0);
}

void CodeEditor::updateGutter(const QRect &rect, int dy)
{
    if (dy != 0)
        m_gutter->scroll(0, dy);
    else
        m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
    if (rect.contains(viewport()->rect()))
        updateGutterWidth();
}

void CodeEditor::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect area = contentsRect();
    m_gutter->setGeometry(QRect(area.left(), area.top(), gutterWidth(), area.height()));
}

bool CodeEditor::event(QEvent *event)
{
    // The error's message also shows over the marked line itself.
    if (event->type() == QEvent::ToolTip && m_errorLine > 0) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QTextCursor cursor = cursorForPosition(viewport()->mapFrom(this, help->pos()));
        if (cursor.blockNumber() + 1 == m_errorLine) {
            QToolTip::showText(help->globalPos(), m_errorMessage, this);
            return true;
        }
    }
    return QPlainTextEdit::event(event);
}

void CodeEditor::updateSelections()
{
    QList<QTextEdit::ExtraSelection> selections;
    if (!isReadOnly()) {
        QTextEdit::ExtraSelection current;
        current.format.setBackground(palette().alternateBase());
        current.format.setProperty(QTextFormat::FullWidthSelection, true);
        current.cursor = textCursor();
        current.cursor.clearSelection();
        selections.append(current);
    }
    if (m_highlightLine > 0) {
        QTextEdit::ExtraSelection focus;
        focus.format.setBackground(QColor(255, 214, 102, 150)); // amber: "look here", not a syntax error
        focus.format.setProperty(QTextFormat::FullWidthSelection, true);
        focus.cursor = QTextCursor(document()->findBlockByNumber(m_highlightLine - 1));
        selections.append(focus);
    }
    if (m_errorLine > 0) {
        const QTextBlock block = document()->findBlockByNumber(m_errorLine - 1);
        if (block.isValid()) {
            QTextEdit::ExtraSelection error;
            error.format.setBackground(ErrorTint);
            error.format.setProperty(QTextFormat::FullWidthSelection, true);
            error.cursor = QTextCursor(block);
            selections.append(error);
            // The parser's column: underline the character it stopped at (the line's end when the
            // column lies past it, as for a missing closing bracket).
            if (m_errorColumn > 0) {
                QTextEdit::ExtraSelection place;
                place.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
                place.format.setUnderlineColor(ErrorMark);
                place.format.setBackground(QColor(255, 170, 170));
                const int offset = std::min(m_errorColumn - 1, std::max(0, int(block.length()) - 2));
                place.cursor = QTextCursor(block);
                place.cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, offset);
                place.cursor.movePosition(QTextCursor::Right, QTextCursor::KeepAnchor);
                selections.append(place);
            }
        }
    }
    setExtraSelections(selections);
}

int CodeEditor::lineAt(int y) const
{
    for (QTextBlock block = firstVisibleBlock(); block.isValid(); block = block.next()) {
        const QRectF box = blockBoundingGeometry(block).translated(contentOffset());
        if (box.top() > y)
            break;
        if (y < box.bottom())
            return block.blockNumber() + 1;
    }
    return 0;
}

void CodeEditor::paintGutter(QPaintEvent *event)
{
    QPainter painter(m_gutter);
    painter.fillRect(event->rect(), palette().window());
    QTextBlock block = firstVisibleBlock();
    qreal top = blockBoundingGeometry(block).translated(contentOffset()).top();
    const int width = m_gutter->width();
    const int lineHeight = fontMetrics().height();
    while (block.isValid() && top <= event->rect().bottom()) {
        const qreal bottom = top + blockBoundingRect(block).height();
        if (block.isVisible() && bottom >= event->rect().top()) {
            const int line = block.blockNumber() + 1;
            const QRect box(0, int(top), width - 4, lineHeight);
            if (line == m_errorLine) {
                painter.fillRect(QRect(0, int(top), width, lineHeight), ErrorMark);
                painter.setPen(Qt::white);
            } else {
                painter.setPen(palette().color(QPalette::PlaceholderText));
            }
            painter.drawText(box, Qt::AlignRight | Qt::AlignVCenter, QString::number(line));
        }
        block = block.next();
        top = bottom;
    }
}

} // namespace durable::views
