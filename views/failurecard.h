#pragma once

#include <types.h>

#include <QFrame>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QToolButton;

namespace durable::views {

/// One failure, readably: what failed, the type and message, where in the user's code (file and
/// line of a script), the attempt of a call with a retry policy and the earlier attempts'
/// failures, the stack (collapsed at first), and for a script "Open in Designer", which asks for
/// the script at that line.
class FailureCard : public QFrame {
    Q_OBJECT
public:
    explicit FailureCard(QWidget *parent = nullptr);

    /// `title` names what failed ("The orchestration failed", "Activity 'X' failed");
    /// `message` is the failure as text (the summary's wording); `version` is the version the
    /// instance ran on, which Open in Designer loads.
    void setFailure(const QString &title, const QString &message, const FailureDetails &failure,
                    const QString &version);
    /// Attempts of the same call seen in the history, when the failure itself does not list them
    /// (a call still being retried): shown as the retry history.
    void setEarlierAttempts(const QList<AttemptFailure> &attempts);

    QString message() const;
    /// "file:line", empty when the failure names no place.
    QString location() const;
    /// "Attempt 3 of 3" and the earlier attempts, one per line; empty without attempts.
    QString attemptsText() const;
    QString stackText() const;
    bool isStackShown() const;
    QPushButton *openInDesignerButton() const { return m_open; }
    QToolButton *stackButton() const { return m_stackToggle; }

Q_SIGNALS:
    void openInDesignerRequested(const QString &file, const QString &version, int line);

private:
    void showAttempts();

    QLabel *m_title;
    QLabel *m_message;
    QLabel *m_location;
    QLabel *m_attempts;
    QToolButton *m_stackToggle;
    QPlainTextEdit *m_stack;
    QPushButton *m_open;
    FailureDetails m_failure;
    QString m_version;
};

} // namespace durable::views
