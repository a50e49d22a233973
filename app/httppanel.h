#pragma once

#include "apikey.h"

#include <QByteArray>
#include <QHostAddress>
#include <QStringList>
#include <QUrl>
#include <QWidget>

#include <memory>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;
class RequestLogModel;

namespace durable {
class Client;
class SecretStore;
namespace http {
    class ApiServer;
}
} // namespace durable

/// The "HTTP API" dock: serves the management API of the open hub on demand. On/off, port and
/// bind address (initially from --http-port/--http-bind), the base URL, the API key (shown
/// masked, copyable, regenerable) and a live log of the answered requests.
///
/// The key comes from the same functions as in headless mode (ApiKeys::obtain on the keychain, or
/// the --http-key-file). It is read just after the panel is first shown (from the event loop, not
/// inside the show) or when it is switched on, not at start-up, so a slow keychain never delays
/// the main window. When no keychain is reachable and
/// no key file was chosen, the panel says so and the switch stays disabled.
class HttpPanel : public QWidget {
    Q_OBJECT

public:
    /// `client` must outlive the panel. `keyFile` empty: the key lives in the keychain.
    HttpPanel(durable::Client &client, quint16 initialPort, const QHostAddress &initialBind, const QString &keyFile,
              QWidget *parent = nullptr);
    ~HttpPanel() override;
    /// Host names accepted besides loopback (--http-host); used from the next start on.
    void setAllowedHosts(const QStringList &hosts) { m_allowedHosts = hosts; }

    /// Switches the server on or off, like the switch does. Turning on reports failures (no key,
    /// invalid address, port in use) in the panel and leaves the server off.
    void setServing(bool on);
    bool isServing() const;
    /// Valid while serving.
    QUrl baseUrl() const;
    /// Empty until the key was obtained (after the first show or at the first switch-on), or when
    /// that failed.
    QByteArray apiKey() const { return m_key; }
    /// The problem shown in the panel; empty when there is none.
    QString errorText() const;
    /// Replaces the key without asking (the Regenerate… button asks first), stores it where the
    /// old one was and applies it to the running server. False, with the reason shown, on failure.
    bool regenerateKey();
    RequestLogModel *logModel() const { return m_log; }

protected:
    void showEvent(QShowEvent *event) override;

private:
    bool ensureKey();
    void confirmRegenerate();
    void showError(const QString &text);
    void updateBindWarning();
    void updateState();
    void logRequest(const QString &method, const QString &path, int status, qint64 durationMs);

    durable::Client &m_client;
    durable::http::ApiKeySource m_keySource;
    durable::SecretStore *m_secrets;
    std::unique_ptr<durable::http::ApiServer> m_server;
    QByteArray m_key;
    bool m_keyTried = false;

    QCheckBox *m_toggle;
    QSpinBox *m_port;
    QLineEdit *m_bind;
    QLabel *m_bindWarning;
    QStringList m_allowedHosts;
    QLineEdit *m_url;
    QPushButton *m_copyUrl;
    QLineEdit *m_keyEdit;
    QPushButton *m_showKey;
    QPushButton *m_copyKey;
    QPushButton *m_regenerate;
    QLabel *m_keyWhere;
    QLabel *m_error;
    QTableView *m_table;
    RequestLogModel *m_log;
};
