#include "workerspanel.h"

#include "engine.h"
#include "errortext.h"
#include "remotework.h"
#include "secretstore.h"
#include "sidecarserver.h"
#include "workersmodels.h"

#include <QCheckBox>
#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

// The Durable Task SDKs connect to this port when none is given.
constexpr quint16 defaultPort = 4001;
// Worker and queue changes come in bursts (a fan-out hands out hundreds of items): the table is
// rebuilt at most this often.
constexpr int refreshIntervalMs = 250;
// See HttpPanel: the GUI thread waits for the keychain, so it must answer quickly.
constexpr int keychainTimeoutMs = 3000;

bool isLoopback(const QString &bind)
{
    if (bind.compare("localhost"_L1, Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(bind);
    return !address.isNull() && address.isLoopback();
}

void setUpTable(QTableView *table, const QString &objectName, const QString &accessibleName)
{
    table->setObjectName(objectName);
    table->setAccessibleName(accessibleName);
    table->verticalHeader()->hide();
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setAlternatingRowColors(true);
    table->setTabKeyNavigation(false); // rows with the arrows; Tab moves on to the next control
    table->horizontalHeader()->setStretchLastSection(true);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->setMinimumHeight(4 * table->verticalHeader()->defaultSectionSize());
}

} // namespace

WorkersPanel::WorkersPanel(durable::Engine &engine, std::optional<quint16> initialPort, const QHostAddress &initialBind,
                           const QString &keyFile, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_keySource { keyFile }
    , m_secrets(new durable::SecretStore(QLatin1String(durable::http::keychainService), this))
    , m_toggle(new QCheckBox(tr("&Serve the sidecar for SDK workers (gRPC)"), this))
    , m_port(new QSpinBox(this))
    , m_bind(new QLineEdit(initialBind.toString(), this))
    , m_bindHint(new QLabel(this))
    , m_endpoint(new QLineEdit(this))
    , m_copyEndpoint(new QPushButton(tr("Copy"), this))
    , m_hint(new QLabel(this))
    , m_error(new QLabel(this))
    , m_workersView(new QTableView(this))
    , m_logView(new QTableView(this))
    , m_workers(new WorkerTableModel(this))
    , m_log(new WorkLogModel(1000, this))
    , m_refresh(new QTimer(this))
{
    m_secrets->setTimeout(keychainTimeoutMs);
    m_toggle->setObjectName(u"serveToggle"_s);
    m_toggle->setAccessibleName(tr("Serve the sidecar"));
    m_port->setObjectName(u"port"_s);
    m_port->setAccessibleName(tr("Port"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("any free port"));
    m_port->setValue(initialPort.value_or(defaultPort));
    m_port->setMinimumWidth(m_port->fontMetrics().horizontalAdvance(m_port->specialValueText()) + 40);
    m_bind->setObjectName(u"bindAddress"_s);
    m_bind->setAccessibleName(tr("Bind address"));
    m_bindHint->setObjectName(u"bindHint"_s);
    m_bindHint->setWordWrap(true);
    m_bindHint->setStyleSheet(u"color: #b85c00;"_s);
    m_endpoint->setObjectName(u"endpoint"_s);
    m_endpoint->setAccessibleName(tr("Endpoint"));
    m_endpoint->setReadOnly(true);
    m_endpoint->setPlaceholderText(tr("not running"));
    m_copyEndpoint->setObjectName(u"copyEndpoint"_s);
    m_copyEndpoint->setAccessibleName(tr("Copy the endpoint"));
    m_hint->setObjectName(u"connectHint"_s);
    m_hint->setWordWrap(true);
    m_hint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setObjectName(u"error"_s);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(u"color: #c01c28;"_s);
    m_error->hide();

    setUpTable(m_workersView, u"workers"_s, tr("Connected SDK workers"));
    m_workersView->setModel(m_workers);
    // Every column fits its contents; the worker's address is the widest and comes first.
    m_workersView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    setUpTable(m_logView, u"workLog"_s, tr("Work item log"));
    m_logView->setModel(m_log);
    m_logView->setColumnWidth(WorkLogModel::Time, m_logView->fontMetrics().horizontalAdvance(u"00:00:00.000"_s) + 16);
    m_logView->setColumnWidth(WorkLogModel::Worker, 170);
    m_logView->setColumnWidth(WorkLogModel::Name, 160);

    // A bottom dock is wide and short: the switch and the address on one row, the two tables side
    // by side below, so that both keep most of the height.
    auto *top = new QHBoxLayout;
    top->addWidget(m_toggle);
    top->addSpacing(16);
    auto *portLabel = new QLabel(tr("&Port:"), this);
    portLabel->setBuddy(m_port);
    top->addWidget(portLabel);
    top->addWidget(m_port);
    top->addSpacing(12);
    auto *bindLabel = new QLabel(tr("&Bind address:"), this);
    bindLabel->setBuddy(m_bind);
    top->addWidget(bindLabel);
    m_bind->setMaximumWidth(m_bind->fontMetrics().horizontalAdvance(u"0000:0000:0000:0000:0000"_s));
    top->addWidget(m_bind, 1);
    top->addSpacing(12);
    auto *endpointLabel = new QLabel(tr("&Endpoint:"), this);
    endpointLabel->setBuddy(m_endpoint);
    top->addWidget(endpointLabel);
    top->addWidget(m_endpoint, 1);
    top->addWidget(m_copyEndpoint);

    auto *tables = new QSplitter(Qt::Horizontal, this);
    tables->setChildrenCollapsible(false);
    const auto addTable = [tables](const QString &label, QTableView *view) {
        auto *box = new QWidget(tables);
        auto *boxLayout = new QVBoxLayout(box);
        boxLayout->setContentsMargins(0, 0, 0, 0);
        auto *title = new QLabel(label, box);
        title->setBuddy(view);
        view->setParent(box);
        boxLayout->addWidget(title);
        boxLayout->addWidget(view, 1);
        tables->addWidget(box);
    };
    addTable(tr("Connected &workers:"), m_workersView);
    addTable(tr("Wor&k items:"), m_logView);
    tables->setStretchFactor(0, 2);
    tables->setStretchFactor(1, 3);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_bindHint);
    layout->addWidget(m_hint);
    layout->addWidget(m_error);
    layout->addWidget(tables, 1);
    setTabOrder(m_toggle, m_port);
    setTabOrder(m_port, m_bind);
    setTabOrder(m_bind, m_endpoint);
    setTabOrder(m_endpoint, m_copyEndpoint);
    setTabOrder(m_copyEndpoint, m_workersView);
    setTabOrder(m_workersView, m_logView);

    m_refresh->setSingleShot(true);
    m_refresh->setInterval(refreshIntervalMs);
    connect(m_refresh, &QTimer::timeout, this, &WorkersPanel::refresh);
    connect(m_toggle, &QCheckBox::toggled, this, &WorkersPanel::setServing);
    connect(m_bind, &QLineEdit::textChanged, this, &WorkersPanel::updateBindHint);
    connect(m_copyEndpoint, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_endpoint->text()); });
    // RemoteWork signals come from the dispatcher's and gRPC's threads: queued to this one.
    auto &work = m_engine.remoteWork();
    connect(&work, &durable::RemoteWork::activity, this, &WorkersPanel::scheduleRefresh, Qt::QueuedConnection);
    // New names arrive with posted work, before any worker takes it.
    connect(&work, &durable::RemoteWork::available, this, &WorkersPanel::scheduleRefresh, Qt::QueuedConnection);
    connect(&work, &durable::RemoteWork::workEvent, this, &WorkersPanel::logEvent, Qt::QueuedConnection);

    updateBindHint();
    updateState();
    refresh(); // names an earlier session of the engine already saw
}

// The server's streams refer to the engine, and finishing them needs this thread: it goes first.
WorkersPanel::~WorkersPanel()
{
    if (m_server)
        m_server->shutdown();
    m_server.reset();
}

void WorkersPanel::setServing(bool on)
{
    if (on == isServing()) {
        updateState();
        return;
    }
    if (!on) {
        m_server->shutdown();
        m_server.reset();
        m_key.clear();
        showError({});
        updateState();
        refresh();
        Q_EMIT servingChanged(false);
        return;
    }
    const QString bind = m_bind->text().trimmed();
    if (!isLoopback(bind) && QHostAddress(bind).isNull()) {
        showError(tr("“%1” is not an IP address. Use 127.0.0.1 for this computer only, or 0.0.0.0 for all "
                     "network interfaces.")
                      .arg(m_bind->text()));
        updateState();
        return;
    }
    durable::grpc::SidecarServerOptions options;
    options.bindAddress = bind;
    options.port = quint16(m_port->value());
    if (!isLoopback(bind)) {
        // Other computers can reach the hub: they must prove they may, with the HTTP API's key.
        if (m_key.isEmpty()) {
            // Awaited in a nested event loop, which may delete this panel.
            const QPointer<WorkersPanel> self(this);
            m_obtainingKey = true;
            const auto key = durable::http::ApiKeys::obtain(*m_secrets, m_keySource);
            if (!self)
                return;
            m_obtainingKey = false;
            if (!key) {
                showError(tr("The sidecar cannot serve on %1 without the API key: %2").arg(bind, key.error()));
                updateState();
                return;
            }
            m_key = *key;
        }
        options.apiKey = QString::fromLatin1(m_key);
    }
    auto server = std::make_unique<durable::grpc::SidecarServer>(m_engine, options);
    connect(server.get(), &durable::grpc::SidecarServer::workersChanged, this, [this] {
        // Remembered at once: a worker may come and go between two refreshes, and the log still
        // names it.
        if (m_server) {
            for (const auto &worker : m_server->workers())
                m_peers.insert(worker.id, worker.peer);
        }
        scheduleRefresh();
    });
    const auto port = server->listen();
    if (!port) {
        if (port.error().code == durable::ErrorCode::FailedPrecondition)
            showError(tr("The sidecar cannot listen on %1 port %2: another program uses that port, or the address "
                         "does not belong to this computer. Choose another port (0 picks a free one) and switch "
                         "it on again.")
                          .arg(bind)
                          .arg(m_port->value()));
        else
            showError(tr("The sidecar cannot start: %1").arg(durable::views::ErrorText::explain(port.error())));
        updateState();
        return;
    }
    m_server = std::move(server);
    // From now on names no orchestrator or activity of this process knows go to SDK workers. Not
    // undone when switched off: their work then waits for the next worker instead of failing.
    m_engine.remoteWork().setEnabled(true);
    showError({});
    updateState();
    Q_EMIT servingChanged(true);
}

void WorkersPanel::adoptKeyState(const KeyState &state)
{
    m_keySource = state.source;
    m_key = state.key;
}

bool WorkersPanel::isServing() const
{
    return m_server && m_server->isListening();
}

QString WorkersPanel::endpoint() const
{
    return isServing() ? m_server->endpoint() : QString();
}

QString WorkersPanel::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void WorkersPanel::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void WorkersPanel::updateBindHint()
{
    const QString bind = m_bind->text().trimmed();
    const bool exposed = !bind.isEmpty() && !isLoopback(bind) && !QHostAddress(bind).isNull();
    m_bindHint->setText(exposed ? tr("⚠ Not a loopback address: other computers on the network can reach the "
                                     "task hub. SDK apps must then send the HTTP API's key as the metadata "
                                     "“authorization: Bearer KEY”.")
                                : QString());
    m_bindHint->setVisible(exposed);
}

void WorkersPanel::updateState()
{
    const bool serving = isServing();
    {
        const QSignalBlocker blocker(m_toggle);
        m_toggle->setChecked(serving);
    }
    m_port->setEnabled(!serving);
    m_bind->setEnabled(!serving);
    const QString address = serving ? m_server->endpoint() : QString();
    m_endpoint->setText(address);
    m_copyEndpoint->setEnabled(serving);
    const QString shown = serving ? address : u"127.0.0.1:%1"_s.arg(m_port->value() ? m_port->value() : defaultPort);
    m_hint->setText(tr("SDK apps connect with new TaskHubGrpcWorker({ hostAddress: \"%1\" }) and new "
                       "TaskHubGrpcClient({ hostAddress: \"%1\" }) (@microsoft/durabletask-js); other SDKs take "
                       "the same address.")
                        .arg(shown));
}

void WorkersPanel::scheduleRefresh()
{
    if (!m_refresh->isActive())
        m_refresh->start();
}

void WorkersPanel::refresh()
{
    const auto loads = m_engine.remoteWork().loads();
    QList<WorkerTableModel::Row> rows;
    if (m_server) {
        for (const auto &worker : m_server->workers()) {
            m_peers.insert(worker.id, worker.peer);
            WorkerTableModel::Row row { worker.id, worker.peer, worker.since, 0, 0, {} };
            if (const auto load = loads.constFind(worker.id); load != loads.cend()) {
                row.steps = load->orchestrators;
                row.activities = load->activities;
                row.lastActivity = load->lastActivity;
            }
            rows.append(row);
        }
    }
    m_workers->setRows(rows);

    auto orchestrators = m_engine.remoteWork().orchestratorNames();
    auto activities = m_engine.remoteWork().activityNames();
    orchestrators.sort();
    activities.sort();
    if (orchestrators != m_orchestratorNames || activities != m_activityNames) {
        m_orchestratorNames = orchestrators;
        m_activityNames = activities;
        Q_EMIT remoteNamesChanged(m_orchestratorNames, m_activityNames);
    }
}

void WorkersPanel::logEvent(const durable::RemoteWorkEvent &event)
{
    QString worker;
    if (!event.workerId.isEmpty()) {
        // The hand-out may arrive before workersChanged did.
        if (!m_peers.contains(event.workerId) && m_server) {
            for (const auto &connected : m_server->workers())
                m_peers.insert(connected.id, connected.peer);
        }
        worker = WorkerTableModel::peerText(m_peers.value(event.workerId, event.workerId));
    }
    // Follow the newest row only when the user has not scrolled up to read older ones.
    auto *bar = m_logView->verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum();
    m_log->append({ event, worker });
    if (atBottom)
        m_logView->scrollToBottom();
}
