#pragma once

#include <QDialog>
#include <QJsonValue>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QPushButton;

namespace durable::views {

class JsonTextEdit;

/// "Raise event…": event name (suggested from what the instance awaits) and a JSON payload
/// validated as you type; Raise is disabled, with the reason shown, until both are valid.
class RaiseEventDialog : public QDialog {
    Q_OBJECT
public:
    RaiseEventDialog(const QString &instanceId, const QStringList &awaitedEvents, QWidget *parent = nullptr);

    QString instanceId() const { return m_instanceId; }
    QString eventName() const;
    QJsonValue payload() const;

    QComboBox *nameEdit() const { return m_name; }
    JsonTextEdit *payloadEditor() const { return m_payload; }
    QPushButton *raiseButton() const { return m_raise; }

private:
    void updateState();

    QString m_instanceId;
    QComboBox *m_name;
    JsonTextEdit *m_payload;
    QLabel *m_reason;
    QPushButton *m_raise;
};

} // namespace durable::views
