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
/// the --http-key-file). Opening the panel never touches the keychain: a keychain without a
/// default collection prompts for a new password on the first access, which must follow a choice
/// of the user. The key is read (and created when there is none) when the API is switched on or
/// when the user asks to show, copy or regenerate it. When that fails (no keychain, locked,
/// refused) the panel says why and offers Retry and "Use a Key File…", which chooses a key file
/// for this session without a restart.
class HttpPanel : public QWidget {
    Q_OBJECT

public:
    /// Where the key is kept and the key itself, for a panel that takes over from another (a hub
    /// switch): the new panel serves with it without reading the keychain again.
    struct KeyState {
        durable::http::ApiKeySource source;
        bool chosenInPanel = false; ///< the key file came from useKeyFile()
        QByteArray key; ///< empty when it was never obtained
    };

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
    /// Where the API answers: baseUrl() while serving, else where it would with the address and
    /// port set in the panel (7071 for "any free port"). For Copy as curl.
    QUrl apiBaseUrl() const;
    /// Empty until the key was obtained (at the first switch-on, Show, Copy or Regenerate), or
    /// when that failed.
    QByteArray apiKey() const { return m_key; }
    /// Keeps the key in `path` from now on (read, or created with mode 0600 when missing) instead
    /// of the keychain, as --http-key-file does; what "Use a Key File…" does after its dialog.
    /// False, with the reason shown, when the file cannot serve as a key file.
    bool useKeyFile(const QString &path);
    /// The problem shown in the panel; empty when there is none.
    QString errorText() const;
    KeyState keyState() const { return { m_keySource, m_keyFileChosen, m_key }; }
    /// Takes `state` over; call before the API is switched on.
    void adoptKeyState(const KeyState &state);
    /// True while the key is being read: SecretStore runs a nested event loop meanwhile, and the
    /// panel must not be deleted from it.
    bool isObtainingKey() const { return m_obtainingKey; }
    /// Replaces the key without asking (the Regenerate… button asks first), stores it where the
    /// old one was and applies it to the running server. False, with the reason shown, on failure.
    bool regenerateKey();
    RequestLogModel *logModel() const { return m_log; }

private:
    bool ensureKey();
    QString keyLocation() const;
    void chooseKeyFile();
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
    /// Switching on waits for the key: Retry or a chosen key file then completes it.
    bool m_serveWhenKeyed = false;
    bool m_keyFileChosen = false; ///< the key file came from useKeyFile(), not the command line
    bool m_obtainingKey = false;

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
    QWidget *m_recovery; ///< Retry and Use a Key File…, shown while the key cannot be had
    QPushButton *m_retry;
    QPushButton *m_useKeyFile;
    QTableView *m_table;
    RequestLogModel *m_log;
};
