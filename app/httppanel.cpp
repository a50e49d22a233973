#include "httppanel.h"

#include "apiserver.h"
#include "engine.h"
#include "requestlogmodel.h"
#include "secretstore.h"

#include <QCheckBox>
#include <QClipboard>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTimer>
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
    m_showKey->setCheckable(true);
    m_keyWhere->setObjectName(u"keyLocation"_s);
    m_keyWhere->setWordWrap(true);
    m_error->setObjectName(u"error"_s);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(u"color: #c01c28;"_s);
    m_error->hide();

    m_table->setObjectName(u"requestLog"_s);
    m_table->setModel(m_log);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setSectionResizeMode(RequestLogModel::Path, QHeaderView::Stretch);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->setMinimumHeight(5 * m_table->verticalHeader()->defaultSectionSize());

    auto *urlRow = new QHBoxLayout;
    urlRow->addWidget(m_url, 1);
    urlRow->addWidget(m_copyUrl);
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_keyEdit, 1);
    keyRow->addWidget(m_showKey);
    keyRow->addWidget(m_copyKey);
    keyRow->addWidget(m_regenerate);

    // Port and address share a row: the request log below needs the height more.
    auto *listenRow = new QHBoxLayout;
    listenRow->addWidget(m_port);
    auto *bindLabel = new QLabel(tr("&Bind address:"), this);
    bindLabel->setBuddy(m_bind);
    listenRow->addSpacing(12);
    listenRow->addWidget(bindLabel);
    listenRow->addWidget(m_bind, 1);

    auto *form = new QFormLayout;
    auto *portLabel = new QLabel(tr("&Port:"), this);
    portLabel->setBuddy(m_port);
    form->addRow(portLabel, listenRow);
    form->addRow(QString(), m_bindWarning);
    form->addRow(tr("Base URL:"), urlRow);
    form->addRow(tr("API key:"), keyRow);
    form->addRow(QString(), m_keyWhere);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_toggle);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(new QLabel(tr("Requests:"), this));
    layout->addWidget(m_table, 1);

    connect(m_toggle, &QCheckBox::toggled, this, &HttpPanel::setServing);
    connect(m_bind, &QLineEdit::textChanged, this, &HttpPanel::updateBindWarning);
    connect(m_showKey, &QPushButton::toggled, this, [this](bool shown) {
        m_keyEdit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        m_showKey->setText(shown ? tr("Hide") : tr("Show"));
    });
    connect(m_copyUrl, &QPushButton::clicked, this, [this] { QGuiApplication::clipboard()->setText(m_url->text()); });
    connect(m_copyKey, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(QString::fromLatin1(m_key)); });
    connect(m_regenerate, &QPushButton::clicked, this, &HttpPanel::confirmRegenerate);

    updateBindWarning();
    updateState();
}

// The server refers to the client; it goes first, before anything it reports to.
HttpPanel::~HttpPanel()
{
    m_server.reset();
}

void HttpPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Not from inside the show: reading the keychain spins a local event loop, and one running
    // while QWidget is still showing the window's children crashes in QWidgetPrivate::showChildren.
    if (!m_keyTried)
        QTimer::singleShot(0, this, [this] { ensureKey(); });
}

bool HttpPanel::ensureKey()
{
    if (!m_key.isEmpty())
        return true;
    if (m_keyTried)
        return false;
    m_keyTried = true;
    const auto key = durable::http::ApiKeys::obtain(*m_secrets, m_keySource);
    if (!key) {
        showError(tr("The HTTP API cannot start: %1").arg(key.error()));
        if (m_keySource.keyFile.isEmpty())
            m_keyWhere->setText(tr("No keychain is reachable and no key file was given. Start a secret service "
                                   "(e.g. gnome-keyring), or restart the workbench with --http-key-file PATH "
                                   "to keep the key in a file that only you can read."));
        updateState();
        return false;
    }
    m_key = *key;
    m_keyEdit->setText(QString::fromLatin1(m_key));
    m_keyWhere->setText(
        m_keySource.keyFile.isEmpty()
            ? tr("Kept in the keychain (service “%1”, entry “%2”).").arg(m_secrets->service(), m_keySource.secretName)
            : tr("Kept in the key file %1.").arg(m_keySource.keyFile));
    updateState();
    return true;
}

void HttpPanel::setServing(bool on)
{
    if (on == isServing()) {
        updateState();
        return;
    }
    if (!on) {
        m_server.reset();
        showError({});
        updateState();
        return;
    }
    if (!ensureKey()) {
        updateState();
        return;
    }
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

QString HttpPanel::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

bool HttpPanel::regenerateKey()
{
    if (!ensureKey())
        return false;
    const auto key = durable::http::ApiKeys::regenerate(*m_secrets, m_keySource);
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
    const bool keyAvailable = !m_key.isEmpty() || !m_keyTried;
    {
        const QSignalBlocker blocker(m_toggle);
        m_toggle->setChecked(serving);
    }
    m_toggle->setEnabled(keyAvailable || serving);
    m_port->setEnabled(!serving);
    m_bind->setEnabled(!serving);
    m_url->setText(serving ? m_server->baseUrl().toString() : QString());
    m_copyUrl->setEnabled(serving);
    m_showKey->setEnabled(!m_key.isEmpty());
    m_copyKey->setEnabled(!m_key.isEmpty());
    m_regenerate->setEnabled(!m_key.isEmpty());
}

void HttpPanel::logRequest(const QString &method, const QString &path, int status, qint64 durationMs)
{
    m_log->append({ QDateTime::currentDateTime(), method, path, status, durationMs });
    m_table->scrollToBottom();
}
