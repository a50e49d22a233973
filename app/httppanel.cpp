#include "httppanel.h"

#include "apiserver.h"
#include "engine.h"
#include "requestlogmodel.h"
#include "secretstore.h"

#include <QCheckBox>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

// A keychain that does not answer within this time counts as unreachable; the GUI thread waits
// for it, so it is much shorter than SecretStore's default.
constexpr int keychainTimeoutMs = 3000;

QPushButton *makeButton(const QString &text, const QString &objectName, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setObjectName(objectName);
    return button;
}

} // namespace

HttpPanel::HttpPanel(durable::Client &client, quint16 initialPort, const QHostAddress &initialBind,
                     const QString &keyFile, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_keySource { keyFile }
    , m_secrets(new durable::SecretStore(QLatin1String(durable::http::keychainService), this))
    , m_toggle(new QCheckBox(tr("Serve the HTTP API"), this))
    , m_port(new QSpinBox(this))
    , m_bind(new QLineEdit(initialBind.toString(), this))
    , m_bindWarning(new QLabel(this))
    , m_url(new QLineEdit(this))
    , m_copyUrl(makeButton(tr("Copy"), u"copyUrl"_s, this))
    , m_keyEdit(new QLineEdit(this))
    , m_showKey(makeButton(tr("Show"), u"showKey"_s, this))
    , m_copyKey(makeButton(tr("Copy"), u"copyKey"_s, this))
    , m_regenerate(makeButton(tr("Regenerate…"), u"regenerateKey"_s, this))
    , m_keyWhere(new QLabel(this))
    , m_error(new QLabel(this))
    , m_recovery(new QWidget(this))
    , m_retry(makeButton(tr("Re&try"), u"retryKey"_s, m_recovery))
    , m_useKeyFile(makeButton(tr("Use a &Key File…"), u"useKeyFile"_s, m_recovery))
    , m_table(new QTableView(this))
    , m_log(new RequestLogModel(1000, this))
{
    m_secrets->setTimeout(keychainTimeoutMs);
    m_toggle->setObjectName(u"serveToggle"_s);
    m_port->setObjectName(u"port"_s);
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("any free port"));
    m_port->setValue(initialPort);
    m_port->setMinimumWidth(m_port->fontMetrics().horizontalAdvance(m_port->specialValueText()) + 40);
    m_bind->setObjectName(u"bindAddress"_s);
    m_bindWarning->setObjectName(u"bindWarning"_s);
    m_bindWarning->setWordWrap(true);
    m_bindWarning->setStyleSheet(u"color: #b85c00;"_s);
    m_url->setObjectName(u"baseUrl"_s);
    m_url->setReadOnly(true);
    m_url->setPlaceholderText(tr("not running"));
    m_keyEdit->setObjectName(u"apiKey"_s);
    m_keyEdit->setReadOnly(true);
    m_keyEdit->setEchoMode(QLineEdit::Password);
    m_keyEdit->setPlaceholderText(tr("read when the API is switched on or the key is shown"));
    m_showKey->setCheckable(true);
    m_keyWhere->setObjectName(u"keyLocation"_s);
    m_keyWhere->setWordWrap(true);
    m_error->setObjectName(u"error"_s);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(u"color: #c01c28;"_s);
    m_error->hide();
    m_useKeyFile->setToolTip(tr("Keep the API key in a file only you can read (like --http-key-file), for "
                                "this session: an existing key file is read, a new one is created"));
    auto *recoveryRow = new QHBoxLayout(m_recovery);
    recoveryRow->setContentsMargins(0, 0, 0, 0);
    recoveryRow->addWidget(m_retry);
    recoveryRow->addWidget(m_useKeyFile);
    recoveryRow->addStretch(1);
    m_recovery->hide();

    m_table->setObjectName(u"requestLog"_s);
    m_table->setModel(m_log);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setSectionResizeMode(RequestLogModel::Path, QHeaderView::Stretch);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    // Small: the dock shares the window's height with the timeline; the log grows with the dock.
    m_table->setMinimumHeight(3 * m_table->verticalHeader()->defaultSectionSize());

    auto *urlRow = new QHBoxLayout;
    urlRow->addWidget(m_url, 1);
    urlRow->addWidget(m_copyUrl);
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_keyEdit, 1);
    keyRow->addWidget(m_showKey);
    keyRow->addWidget(m_copyKey);
    keyRow->addWidget(m_regenerate);

    // The switch, port and address share a row: the request log below needs the height more.
    auto *listenRow = new QHBoxLayout;
    listenRow->addWidget(m_toggle);
    listenRow->addSpacing(12);
    auto *portLabel = new QLabel(tr("&Port:"), this);
    portLabel->setBuddy(m_port);
    listenRow->addWidget(portLabel);
    listenRow->addWidget(m_port);
    auto *bindLabel = new QLabel(tr("&Bind address:"), this);
    bindLabel->setBuddy(m_bind);
    listenRow->addSpacing(12);
    listenRow->addWidget(bindLabel);
    listenRow->addWidget(m_bind, 1);

    auto *form = new QFormLayout;
    form->addRow(tr("Base URL:"), urlRow);
    form->addRow(tr("API key:"), keyRow);
    form->addRow(QString(), m_keyWhere);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(listenRow);
    layout->addWidget(m_bindWarning);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_recovery);
    layout->addWidget(new QLabel(tr("Requests:"), this));
    layout->addWidget(m_table, 1);

    connect(m_toggle, &QCheckBox::toggled, this, &HttpPanel::setServing);
    connect(m_bind, &QLineEdit::textChanged, this, &HttpPanel::updateBindWarning);
    connect(m_showKey, &QPushButton::toggled, this, [this](bool shown) {
        // Showing is an explicit request for the key: the first one reads it.
        const QPointer<HttpPanel> self(this);
        if (shown && !ensureKey()) {
            if (!self)
                return;
            const QSignalBlocker blocker(m_showKey);
            m_showKey->setChecked(false);
            return;
        }
        m_keyEdit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        m_showKey->setText(shown ? tr("Hide") : tr("Show"));
    });
    connect(m_copyUrl, &QPushButton::clicked, this, [this] { QGuiApplication::clipboard()->setText(m_url->text()); });
    connect(m_copyKey, &QPushButton::clicked, this, [this] {
        if (ensureKey())
            QGuiApplication::clipboard()->setText(QString::fromLatin1(m_key));
    });
    connect(m_regenerate, &QPushButton::clicked, this, &HttpPanel::confirmRegenerate);
    connect(m_retry, &QPushButton::clicked, this, [this] {
        if (ensureKey() && m_serveWhenKeyed)
            setServing(true);
    });
    connect(m_useKeyFile, &QPushButton::clicked, this, &HttpPanel::chooseKeyFile);

    m_keyWhere->setText(keyLocation());
    updateBindWarning();
    updateState();
}

// The server refers to the client; it goes first, before anything it reports to.
HttpPanel::~HttpPanel()
{
    m_server.reset();
}

QString HttpPanel::keyLocation() const
{
    if (m_keySource.keyFile.isEmpty())
        return tr("Kept in the keychain (service “%1”, entry “%2”).").arg(m_secrets->service(), m_keySource.secretName);
    // Chosen in the panel: the next start asks the keychain again unless told otherwise.
    if (m_keyFileChosen)
        return tr("Kept in the key file %1 for this session; start the workbench with --http-key-file %1 to use "
                  "it from the start.")
            .arg(m_keySource.keyFile);
    return tr("Kept in the key file %1.").arg(m_keySource.keyFile);
}

// Every attempt asks again: the user may have unlocked the keychain or started a secret service
// since the last one. Reading spins a local event loop (SecretStore::readSync), so this runs from
// user actions only, never from a show or paint.
bool HttpPanel::ensureKey()
{
    if (!m_key.isEmpty())
        return true;
    // The keychain's answer is awaited in a nested event loop: whatever it delivers may delete
    // this panel (the workbench refuses a hub switch meanwhile, see isObtainingKey()).
    const QPointer<HttpPanel> self(this);
    m_obtainingKey = true;
    const auto key = durable::http::ApiKeys::obtain(*m_secrets, m_keySource);
    if (!self)
        return false;
    m_obtainingKey = false;
    if (!key) {
        showError(tr("The API key is not available: %1").arg(key.error()));
        m_keyWhere->setText(
            m_keySource.keyFile.isEmpty()
                ? tr("Unlock or start the keychain (a Secret Service such as gnome-keyring) and "
                     "press Retry, or press Use a Key File… to keep the key in a file that only "
                     "you can read.")
                : tr("Correct the key file and press Retry, or press Use a Key File… to choose another."));
        m_recovery->show();
        updateState();
        return false;
    }
    m_key = *key;
    m_keyEdit->setText(QString::fromLatin1(m_key));
    m_keyWhere->setText(keyLocation());
    m_recovery->hide();
    showError({});
    updateState();
    return true;
}

void HttpPanel::adoptKeyState(const KeyState &state)
{
    m_keySource = state.source;
    m_keyFileChosen = state.chosenInPanel;
    m_key = state.key;
    m_keyEdit->setText(QString::fromLatin1(m_key));
    m_keyWhere->setText(keyLocation());
    updateState();
}

bool HttpPanel::useKeyFile(const QString &path)
{
    m_keySource.keyFile = path;
    m_keyFileChosen = true;
    m_key.clear();
    m_keyEdit->clear();
    if (!ensureKey())
        return false;
    if (m_server)
        m_server->setApiKey(m_key);
    else if (m_serveWhenKeyed)
        setServing(true);
    return true;
}

void HttpPanel::chooseKeyFile()
{
    QString start = m_keySource.keyFile;
    if (start.isEmpty()) {
        const QString directory = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
        QDir().mkpath(directory);
        start = QDir(directory).filePath(u"http-api.key"_s);
    }
    // A save dialog, so that a new file can be named; an existing one is read, not overwritten.
    const QString path = QFileDialog::getSaveFileName(this, tr("Keep the API Key in a File"), start,
                                                      tr("Key files (*.key);;All files (*)"), nullptr,
                                                      QFileDialog::DontConfirmOverwrite);
    if (!path.isEmpty())
        useKeyFile(path);
}

void HttpPanel::setServing(bool on)
{
    if (on == isServing()) {
        updateState();
        return;
    }
    m_serveWhenKeyed = false;
    if (!on) {
        m_server.reset();
        if (!m_key.isEmpty())
            showError({});
        updateState();
        return;
    }
    // Set first: the panel may be gone when ensureKey() returns false.
    m_serveWhenKeyed = true;
    if (!ensureKey())
        return;
    m_serveWhenKeyed = false;
    const QHostAddress address(m_bind->text().trimmed());
    if (address.isNull()) {
        showError(tr("“%1” is not an IP address. Use 127.0.0.1 for this computer only, or 0.0.0.0 for all "
                     "network interfaces.")
                      .arg(m_bind->text()));
        updateState();
        return;
    }
    durable::http::ApiServerOptions options;
    options.bindAddress = address;
    options.port = quint16(m_port->value());
    options.allowedHosts = m_allowedHosts;
    auto server = std::make_unique<durable::http::ApiServer>(m_client, m_key, options);
    connect(server.get(), &durable::http::ApiServer::requestHandled, this, &HttpPanel::logRequest);
    connect(server.get(), &durable::http::ApiServer::requestAbandoned, this,
            [this](const QString &method, const QString &path, qint64 durationMs) {
                logRequest(method, path, RequestLogModel::ClientGone, durationMs);
            });
    if (const auto port = server->listen(); !port) {
        showError(tr("The HTTP API cannot start: %1").arg(port.error()));
        updateState();
        return;
    }
    m_server = std::move(server);
    showError({});
    updateState();
}

bool HttpPanel::isServing() const
{
    return m_server && m_server->isListening();
}

QUrl HttpPanel::baseUrl() const
{
    return isServing() ? m_server->baseUrl() : QUrl();
}

QUrl HttpPanel::apiBaseUrl() const
{
    if (isServing())
        return baseUrl();
    QUrl url;
    url.setScheme(u"http"_s);
    const QHostAddress bind(m_bind->text().trimmed());
    url.setHost(bind.isNull() || bind == QHostAddress::AnyIPv4 || bind == QHostAddress::Any ? u"127.0.0.1"_s
                                                                                            : bind.toString());
    url.setPort(m_port->value() == 0 ? 7071 : m_port->value());
    url.setPath(u"/runtime/webhooks/durabletask"_s);
    return url;
}

QString HttpPanel::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

bool HttpPanel::regenerateKey()
{
    if (!ensureKey())
        return false;
    const QPointer<HttpPanel> self(this);
    m_obtainingKey = true; // writing to the keychain waits in a nested event loop too
    const auto key = durable::http::ApiKeys::regenerate(*m_secrets, m_keySource);
    if (!self)
        return false;
    m_obtainingKey = false;
    if (!key) {
        showError(tr("The API key could not be replaced: %1").arg(key.error()));
        return false;
    }
    m_key = *key;
    m_keyEdit->setText(QString::fromLatin1(m_key));
    if (m_server)
        m_server->setApiKey(m_key);
    showError({});
    return true;
}

void HttpPanel::confirmRegenerate()
{
    const auto answer = QMessageBox::warning(
        this, tr("Regenerate the API key"),
        tr("A new API key replaces the current one at once. Scripts and clients that use the current key "
           "will get 401 Unauthorized until they are given the new one.\n\nRegenerate the key?"),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        regenerateKey();
}

void HttpPanel::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void HttpPanel::updateBindWarning()
{
    const QHostAddress address(m_bind->text().trimmed());
    const bool exposed = !address.isNull() && !address.isLoopback();
    m_bindWarning->setText(exposed ? tr("⚠ Not a loopback address: other computers on the network can reach "
                                        "the task hub (the API key is still required).")
                                   : QString());
    m_bindWarning->setVisible(exposed);
}

void HttpPanel::updateState()
{
    const bool serving = isServing();
    // While the key cannot be had, Retry and Use a Key File… are the ways on.
    const bool keyUsable = !m_key.isEmpty() || m_recovery->isHidden();
    {
        const QSignalBlocker blocker(m_toggle);
        m_toggle->setChecked(serving);
    }
    m_toggle->setEnabled(keyUsable || serving);
    m_port->setEnabled(!serving);
    m_bind->setEnabled(!serving);
    m_url->setText(serving ? m_server->baseUrl().toString() : QString());
    m_copyUrl->setEnabled(serving);
    m_showKey->setEnabled(keyUsable);
    m_copyKey->setEnabled(keyUsable);
    m_regenerate->setEnabled(keyUsable);
}

void HttpPanel::logRequest(const QString &method, const QString &path, int status, qint64 durationMs)
{
    m_log->append({ QDateTime::currentDateTime(), method, path, status, durationMs });
    m_table->scrollToBottom();
}
