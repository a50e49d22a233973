#pragma once

#include <QDialog>

class QCheckBox;
class QLineEdit;

namespace durable::views {

/// Confirms a terminate: reason and whether to terminate sub-orchestrations too.
class TerminateDialog : public QDialog {
    Q_OBJECT
public:
    explicit TerminateDialog(const QString &instanceId, QWidget *parent = nullptr);
    QString reason() const;
    bool recursive() const;
    QLineEdit *reasonEdit() const { return m_reason; }

private:
    QLineEdit *m_reason;
    QCheckBox *m_recursive;
};

} // namespace durable::views
