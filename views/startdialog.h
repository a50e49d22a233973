#pragma once

#include <registry.h>

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace durable::views {

class JsonTextEdit;

/// "Start…": orchestrator (with its description and sample input), optional instance id and a JSON
/// input validated as you type. Start stays disabled while the input is invalid and the reason is
/// shown. The dialog only collects; the caller starts the instance on accepted().
class StartDialog : public QDialog {
    Q_OBJECT
public:
    StartDialog(const Registry &registry, QWidget *parent = nullptr);

    /// Preselects an orchestrator and fills in its sample input (or `input` when given).
    void setOrchestrator(const QString &name, const QJsonValue &input = QJsonValue(QJsonValue::Undefined));
    QString orchestrator() const;
    QString instanceId() const;
    QJsonValue input() const;

    JsonTextEdit *inputEditor() const { return m_input; }
    QPushButton *startButton() const;
    QLineEdit *instanceIdEdit() const { return m_instanceId; }

private:
    void updateState();

    const Registry &m_registry;
    QComboBox *m_name;
    QLabel *m_description;
    QLineEdit *m_instanceId;
    JsonTextEdit *m_input;
    QLabel *m_reason;
    QDialogButtonBox *m_buttons;
};

} // namespace durable::views
