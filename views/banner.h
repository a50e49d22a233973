#pragma once

#include <QFrame>

class QLabel;

namespace durable::views {

/// Non-modal strip for background failures (hub unreadable, a refresh failed): shows the latest
/// message until dismissed; never steals focus.
class Banner : public QFrame {
    Q_OBJECT
public:
    explicit Banner(QWidget *parent = nullptr);
    void showMessage(const QString &message);
    QString message() const;

private:
    QLabel *m_label;
};

} // namespace durable::views
