#pragma once

#include "apikey.h"

#include <QHash>
#include <QHostAddress>
#include <QStringList>
#include <QWidget>

#include <memory>
#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;
class QTimer;
class WorkLogModel;
class WorkerTableModel;

namespace durable {
class Engine;
class SecretStore;
struct RemoteWorkEvent;
namespace grpc {
    class SidecarServer;
}
} // namespace durable

/// The "Workers" dock: serves the Durable Task sidecar protocol (gRPC) on demand, so that apps
/// written with the Durable Task SDKs run their orchestrators and activities on this hub. On/off,
/// port and bind address (initially from --grpc-port/--grpc-bind), the endpoint with a hint how an
/// SDK app connects, the connected SDK workers with what each holds, and a live log of the work
/// items handed out and returned.
///
/// On a non-loopback address every call must carry the API key of the HTTP API (same keychain
/// entry or --http-key-file), read when the sidecar is switched on there.
class WorkersPanel : public QWidget {
    Q_OBJECT

public:
    /// Where the key is kept and the key the running sidecar uses, for a panel that takes over
    /// from another (a hub switch): the new panel serves with it without reading the keychain.
    struct KeyState {
        durable::http::ApiKeySource source;
        QByteArray key; ///< empty when not serving on a non-loopback address
    };

    /// `engine` must outlive the panel. `initialPort` unset: 4001, the SDKs' default.
    WorkersPanel(durable::Engine &engine, std::optional<quint16> initialPort, const QHostAddress &initialBind,
                 const QString &keyFile, QWidget *parent = nullptr);
    /// Shuts the server down (its streams are finished while the engine is still there).
    ~WorkersPanel() override;

    /// Switches the sidecar on or off, like the switch does. Turning on reports failures (port in
    /// use, invalid address, no key for a non-loopback address) in the panel and leaves it off.
    void setServing(bool on);
    bool isServing() const;
    /// "address:port" while serving, else empty.
    QString endpoint() const;
    /// The problem shown in the panel; empty when there is none.
    QString errorText() const;
    KeyState keyState() const { return { m_keySource, m_key }; }
    /// Takes `state` over: the next switch-on uses its key instead of reading one.
    void adoptKeyState(const KeyState &state);
    /// True while the key is being read: SecretStore runs a nested event loop meanwhile, and the
    /// panel must not be deleted from it.
    bool isObtainingKey() const { return m_obtainingKey; }

    WorkerTableModel *workersModel() const { return m_workers; }
    WorkLogModel *logModel() const { return m_log; }

Q_SIGNALS:
    void servingChanged(bool serving);
    /// The orchestrator and activity names SDK workers were handed work for (for the catalog).
    void remoteNamesChanged(const QStringList &orchestrators, const QStringList &activities);

private:
    void showError(const QString &text);
    void updateBindHint();
    void updateState();
    void scheduleRefresh();
    void refresh();
    void logEvent(const durable::RemoteWorkEvent &event);

    durable::Engine &m_engine;
    durable::http::ApiKeySource m_keySource;
    durable::SecretStore *m_secrets;
    std::unique_ptr<durable::grpc::SidecarServer> m_server;
    /// The key of the running sidecar (or one adopted for the next switch-on). Cleared when
    /// switched off, so that switching on again reads the current key.
    QByteArray m_key;
    bool m_obtainingKey = false;
    QHash<QString, QString> m_peers; ///< worker id → peer, also of workers gone (for the log)
    QStringList m_orchestratorNames;
    QStringList m_activityNames;

    QCheckBox *m_toggle;
    QSpinBox *m_port;
    QLineEdit *m_bind;
    QLabel *m_bindHint;
    QLineEdit *m_endpoint;
    QPushButton *m_copyEndpoint;
    QLabel *m_hint;
    QLabel *m_error;
    QTableView *m_workersView;
    QTableView *m_logView;
    WorkerTableModel *m_workers;
    WorkLogModel *m_log;
    QTimer *m_refresh;
};
