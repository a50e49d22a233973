#pragma once

#include <types.h>

#include <QWidget>

class QFormLayout;
class QLabel;
class QVBoxLayout;

namespace durable::views {

class JsonViewer;

/// Summary tab: status, times, version, parent and children (links), input / output / custom
/// status as collapsible JSON, failure details, and what the instance waits for: activities in
/// flight, timers with "Fire now", awaited events with "Raise…".
class SummaryPage : public QWidget {
    Q_OBJECT
public:
    explicit SummaryPage(QWidget *parent = nullptr);
    void setInstance(const std::optional<InstanceInfo> &info, const QDateTime &now);
    QString waitingText() const;
    /// The failure as shown (empty when the instance did not fail).
    QString failureText() const;

Q_SIGNALS:
    void fireTimerRequested(const QString &instanceId, int timerId);
    void raiseRequested(const QString &instanceId, const QStringList &events);
    void instanceLinkActivated(const QString &instanceId);

private:
    QLabel *m_header;
    QLabel *m_times;
    QLabel *m_failure;
    QWidget *m_waiting;
    QWidget *m_waitingContent = nullptr;
    QVBoxLayout *m_waitingLayout = nullptr;
    JsonViewer *m_input;
    JsonViewer *m_output;
    JsonViewer *m_custom;
};

} // namespace durable::views
