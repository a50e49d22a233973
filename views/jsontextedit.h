#pragma once

#include <QJsonValue>
#include <QPlainTextEdit>

class QLabel;

namespace durable::views {

/// A JSON editor that validates as you type: the error (with line and column) is shown in a label
/// below it and validityChanged() tells dialogs when to disable their accept button.
/// Empty text means "no value" (JSON null) and is valid.
class JsonTextEdit : public QWidget {
    Q_OBJECT
public:
    explicit JsonTextEdit(QWidget *parent = nullptr);

    void setJson(const QJsonValue &value);
    void setText(const QString &text);
    QString text() const;
    /// The parsed value; Null for empty text. Precondition: isValid().
    QJsonValue value() const { return m_value; }
    bool isValid() const { return m_error.isEmpty(); }
    /// Untranslated-free, user-facing reason ("Line 2, column 5: unterminated string"), empty if valid.
    QString error() const { return m_error; }
    QPlainTextEdit *editor() const { return m_edit; }
    /// Shows a caller's error about the value (e.g. the engine found it too large) in the status
    /// line until the next edit.
    void showError(const QString &message);
    /// The status line's text: "Valid JSON", error() or showError()'s message.
    QString statusText() const;

    /// Parses any JSON value, including scalars ("42", "\"text\"", "true").
    static std::optional<QJsonValue> parse(const QString &text, QString *error = nullptr);

Q_SIGNALS:
    void validityChanged(bool valid);
    /// The error changed (also from one error to another while staying invalid); empty: valid.
    void errorChanged(const QString &error);

private:
    void validate();

    QPlainTextEdit *m_edit;
    QLabel *m_status;
    QJsonValue m_value;
    QString m_error;
};

} // namespace durable::views
