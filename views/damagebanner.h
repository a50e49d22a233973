#pragma once

#include <hubclient.h>

#include <QFrame>

class QLabel;
class QProgressBar;
class QPushButton;

namespace durable::views {

/// The hub's health: a persistent strip shown once the hub turned damaged (HubClient::damage()),
/// saying that it is read-only now and what to do, with a button that runs the integrity check
/// in the background (a busy bar while it reads the file) and shows what it found. Also shown
/// by checkIntegrity() on a healthy hub, then with a button to close it. Never modal.
class DamageBanner : public QFrame {
    Q_OBJECT
public:
    explicit DamageBanner(HubClient *client, QWidget *parent = nullptr);
    /// The text shown, empty while hidden.
    QString message() const;
    /// The last integrity check's result as shown; empty before one finished.
    QString checkResult() const;
    bool isChecking() const;

public Q_SLOTS:
    /// Runs HubClient::checkIntegrity() (ignored while one runs) and shows the banner.
    void checkIntegrity();

Q_SIGNALS:
    /// An integrity check finished and its result is shown.
    void checkFinished();

private:
    void update();
    void showCheckResult(const Result<QStringList> &lines);

    HubClient *m_client;
    QLabel *m_label;
    QLabel *m_result;
    QProgressBar *m_busy;
    QPushButton *m_check;
    QPushButton *m_close;
    bool m_checking = false;
    bool m_problemsFound = false;
};

} // namespace durable::views
