#pragma once

#include <client.h>
#include <registry.h>

#include <QDialog>
#include <QMessageBox>
#include <QPointer>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace durable::views {

class JsonTextEdit;

/// "Start…": orchestrator (with its description and sample input), optional instance id and a JSON
/// input validated as you type. Start stays disabled while the input is invalid; the JSON error is
/// shown once, under the input (JsonTextEdit's line), an id error under the id field.
///
/// Without a client (setClient() not called) the dialog only collects and accepts on Start. With
/// one it starts the instance itself and stays open until the engine agreed: an id naming a running
/// instance is refused under the id field; one naming a finished instance asks first (its status and
/// end time, Replace / Cancel, Cancel the default) because starting replaces it and its history; an
/// engine error is shown under the field it concerns (id, input, or a general line) with everything
/// typed kept. started() then reports the new id and the dialog accepts. What the dialog saw is
/// what the engine replaces (StartOptions::onlyIfNew, replaceExecutionId): when another client
/// created, restarted or replaced the instance since, the dialog looks again and asks about what
/// is there now. While a start is in flight the fields and Cancel are disabled and the dialog
/// cannot be closed: the instance would start anyway, unseen.
class StartDialog : public QDialog {
    Q_OBJECT
public:
    StartDialog(const Registry &registry, QWidget *parent = nullptr);

    /// Makes Start start through `client` (which must outlive the dialog), as described above.
    void setClient(Client *client) { m_client = client; }

    /// Preselects an orchestrator and fills in its sample input (or `input` when given).
    void setOrchestrator(const QString &name, const QJsonValue &input = QJsonValue(QJsonValue::Undefined));
    QString orchestrator() const;
    QString instanceId() const;
    QJsonValue input() const;

    JsonTextEdit *inputEditor() const { return m_input; }
    QPushButton *startButton() const;
    QLineEdit *instanceIdEdit() const { return m_instanceId; }
    /// The error under the id field; empty when there is none.
    QString idError() const;
    /// The general error line (failures that concern no single field); empty when there is none.
    QString generalError() const;
    /// True while a start (or its checks) is in flight.
    bool isBusy() const { return m_busy; }
    /// The "replace the finished instance?" question while it is open.
    QMessageBox *replaceQuestion() const { return m_question; }
    /// Does nothing while a start is in flight (isBusy()).
    void reject() override;

Q_SIGNALS:
    /// The engine started the instance (with a client set); the dialog accepts right after.
    void started(const QString &instanceId);

private:
    void updateState();
    void requestStart();
    void checkExisting(const QString &id);
    void askReplace(const InstanceInfo &existing);
    /// Starts with `guard`'s onlyIfNew / replaceExecutionId (the instance id and input are read now).
    void startNow(const Client::StartOptions &guard);
    /// Why Start cannot start now (the first problem); empty when it can. Shows nothing.
    QString blockingReason() const;
    void showStartError(const Error &error);
    void setBusy(bool busy);

    const Registry &m_registry;
    Client *m_client = nullptr;
    QComboBox *m_name;
    QLabel *m_description;
    QLineEdit *m_instanceId;
    QLabel *m_idError;
    JsonTextEdit *m_input;
    QLabel *m_reason;
    QLabel *m_general;
    QDialogButtonBox *m_buttons;
    QPointer<QMessageBox> m_question;
    bool m_busy = false;
};

} // namespace durable::views
