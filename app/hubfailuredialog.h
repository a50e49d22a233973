#pragma once

#include <QMessageBox>

/// Asked at start-up when the task hub cannot be opened (bad path, not a hub, locked, newer
/// schema): shows the precise error and offers another hub instead of exiting. Modal; the tests
/// drive it through its buttons (object names "openAnother", "newHub", "quit").
class HubFailureDialog : public QMessageBox {
    Q_OBJECT

public:
    enum class Choice { OpenAnother, NewHub, Quit };

    /// `report` is ErrorText::hubOpenFailed's text.
    explicit HubFailureDialog(const QString &report, QWidget *parent = nullptr);

    /// What the clicked button asks for; Quit when the box was closed otherwise (Escape).
    Choice choice() const;

private:
    QAbstractButton *m_openAnother;
    QAbstractButton *m_newHub;
};
