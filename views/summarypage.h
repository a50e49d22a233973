#pragma once

#include <types.h>

#include <QWidget>

class QFormLayout;
class QLabel;
class QVBoxLayout;

namespace durable::views {

class FailureCard;
class JsonViewer;

/// Summary tab: status, times, version, parent and children (links), input / output / custom
/// status as collapsible JSON, failure details, and what the instance waits for: activities in
/// flight, timers with "Fire now", awaited events with "Raise…".
class SummaryPage : public QWidget {
    Q_OBJECT
public:
    explicit SummaryPage(QWidget *parent = nullptr);
    void setInstance(const std::optional<InstanceInfo> &info, const QDateTime &now);
    /// The history of the instance shown: failed activities of a running instance get a card
    /// each (the latest failure per activity, earlier ones of the same activity as its attempts).
    void setHistory(const History &history);
    QString waitingText() const;
    /// The failure as shown (empty when the instance did not fail).
    QString failureText() const;
    /// The card of the instance's failure (hidden when it did not fail).
    FailureCard *failureCard() const { return m_failureCard; }
    /// The cards of failed activities of a running instance, newest first.
    QList<FailureCard *> taskFailureCards() const;

Q_SIGNALS:
    void fireTimerRequested(const QString &instanceId, int timerId);
    void raiseRequested(const QString &instanceId, const QStringList &events);
    void instanceLinkActivated(const QString &instanceId);
    /// A failure card's Open in Designer: script `file` of `version`, at `line`.
    void openInDesignerRequested(const QString &file, const QString &version, int line);

private:
    QLabel *m_header;
    QLabel *m_times;
    FailureCard *m_failureCard;
    QWidget *m_taskFailures;
    std::optional<InstanceInfo> m_info;
    QWidget *m_waiting;
    QWidget *m_waitingContent = nullptr;
    QVBoxLayout *m_waitingLayout = nullptr;
    JsonViewer *m_input;
    JsonViewer *m_output;
    JsonViewer *m_custom;
};

} // namespace durable::views
