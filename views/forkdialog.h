#pragma once

#include <fork.h>
#include <hubclient.h>

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace durable::views {

class JsonTextEdit;

/// Fork from here…: a what-if fork of an instance at one of its events (HubClient::fork()). The
/// user picks the event to fork after (preselected), the code version (the registered versions of
/// the orchestrator), optionally a replacement for the next activity's result or failure or the
/// next external event's payload (an editor prefilled with the original), and the new id (empty:
/// generated). Fork runs the replay test of the chosen code against the prefix first: a refusal
/// (the divergence: which event, what the history has, what the code does) or an error shows in
/// the dialog, which stays open and created nothing; a fork closes it and emits forked().
class ForkDialog : public QDialog {
    Q_OBJECT
public:
    /// `instance` with its history. `client` must outlive the dialog.
    ForkDialog(HubClient *client, const InstanceInfo &instance, qint64 afterSequence, QWidget *parent = nullptr);

    /// The request the dialog would send now (the substitute's JSON parsed; see canFork()).
    ForkRequest request() const;
    /// Whether the inputs make a request the dialog sends (a valid JSON substitute and a plan).
    bool canFork() const;
    /// The status line: what the fork will do, or why it cannot, or the refusal.
    QString statusText() const;
    QPushButton *forkButton() const { return m_fork; }

Q_SIGNALS:
    /// The fork was created; the dialog has closed.
    void forked(const QString &instanceId);

private:
    void updatePlan();
    void substituteChanged();
    void submit();
    void showStatus(const QString &text, bool problem);

    HubClient *m_client;
    InstanceInfo m_instance;
    History m_history;
    QComboBox *m_event;
    QComboBox *m_version;
    QComboBox *m_substitute;
    JsonTextEdit *m_value;
    QLineEdit *m_newId;
    QLabel *m_status;
    QPushButton *m_fork;
    bool m_planOk = false;
    bool m_busy = false;
};

} // namespace durable::views
