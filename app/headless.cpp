#include "headless.h"

#include "apikey.h"
#include "apiserver.h"
#include "errortext.h"
#include "extensions.h"
#include "hublocation.h"
#include "samples.h"
#include "sidecarserver.h"
#include "workbench.h"

#include <QDateTime>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace {

/// Turns SIGTERM/SIGINT into a quit of the event loop. The handler only writes one byte to a
/// socket pair (async-signal-safe); a QSocketNotifier on the other end runs the quit on the event
/// loop, where it is safe to tear things down.
class StopSignals {
public:
    StopSignals()
    {
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, s_fds) != 0)
            return;
        m_notifier = std::make_unique<QSocketNotifier>(s_fds[1], QSocketNotifier::Read);
        QObject::connect(m_notifier.get(), &QSocketNotifier::activated, QCoreApplication::instance(), [] {
            char byte = 0;
            [[maybe_unused]] const auto n = ::read(s_fds[1], &byte, 1);
            QCoreApplication::quit();
        });
        struct sigaction action { };
        action.sa_handler = &StopSignals::handle;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        ::sigaction(SIGTERM, &action, &m_oldTerm);
        ::sigaction(SIGINT, &action, &m_oldInt);
        m_installed = true;
    }
    ~StopSignals()
    {
        if (!m_installed)
            return;
        ::sigaction(SIGTERM, &m_oldTerm, nullptr);
        ::sigaction(SIGINT, &m_oldInt, nullptr);
        m_notifier.reset();
        ::close(s_fds[0]);
        ::close(s_fds[1]);
    }
    StopSignals(const StopSignals &) = delete;
    StopSignals &operator=(const StopSignals &) = delete;
    bool installed() const { return m_installed; }

private:
    static void handle(int)
    {
        const char byte = 1;
        [[maybe_unused]] const auto n = ::write(s_fds[0], &byte, 1);
    }

    static inline int s_fds[2] = { -1, -1 };
    std::unique_ptr<QSocketNotifier> m_notifier;
    struct sigaction m_oldTerm { };
    struct sigaction m_oldInt { };
    bool m_installed = false;
};

void printLine(std::FILE *stream, const QString &text)
{
    std::fprintf(stream, "%s\n", qUtf8Printable(text));
    std::fflush(stream);
}

} // namespace

int Headless::run(const CommandLineOptions &options)
{
    // Installed first, so a SIGTERM during start-up is not lost: it waits in the socket pair and
    // stops the loop as soon as it runs.
    StopSignals stopSignals;
    if (!stopSignals.installed()) {
        printLine(stderr, tr("Cannot install the SIGTERM/SIGINT handler."));
        return 1;
    }

    // The key first: when there is none, nothing else (not even the hub file) is touched. A
    // worker without the HTTP API needs none (unless its sidecar listens off this machine).
    durable::SecretStore secrets(QLatin1String(durable::http::keychainService));
    const durable::http::ApiKeySource keySource { options.httpKeyFile };
    const bool needsKey = !options.noHttp || (options.grpcPort && !options.grpcBind.isLoopback());
    const auto key = needsKey ? durable::http::ApiKeys::obtain(secrets, keySource)
                              : std::expected<QByteArray, QString>(QByteArray());
    if (!key) {
        printLine(stderr, tr("The HTTP API cannot start: %1").arg(key.error()));
        return ApiKeyUnavailableExitCode;
    }

    durable::Registry registry;
    durable::samples::registerAll(registry);
    const auto extensions = durable::script::loadExtensions(options.scripts, options.plugins, registry);
    if (!extensions) {
        printLine(stderr,
                  durable::views::ErrorText::report(tr("Cannot load the scripts and plugins."), extensions.error()));
        return Workbench::ExtensionLoadFailedExitCode;
    }
    for (const auto &line : *extensions)
        printLine(stdout, tr("Loaded %1").arg(line));
    Workbench workbench(options, registry);
    if (!workbench.openHub())
        return Workbench::HubOpenFailedExitCode;

    // The connections below live as long as this context (until the servers are gone).
    QObject context;
    std::unique_ptr<durable::http::ApiServer> server;
    if (!options.noHttp) {
        durable::http::ApiServerOptions serverOptions;
        serverOptions.bindAddress = options.httpBind;
        serverOptions.port = options.httpPort;
        serverOptions.allowedHosts = options.httpHosts;
        server = std::make_unique<durable::http::ApiServer>(*workbench.engine(), *key, serverOptions);
        QObject::connect(server.get(), &durable::http::ApiServer::requestHandled, server.get(),
                         [](const QString &method, const QString &path, int status, qint64 ms) {
                             // Concatenated, not .arg()-chained: a path may hold "%1"-like text.
                             printLine(stdout,
                                       method + u' ' + path + u' ' + QString::number(status) + u' '
                                           + QString::number(ms) + QStringLiteral(" ms"));
                         });
    }
    // Background failures (a full disk, a lost lease) and changes of who runs the workers go to
    // stderr with a time, each once per change: a process without windows has no other voice.
    durable::HubClient *engine = workbench.engine();
    auto lastProblem = std::make_shared<QString>();
    const auto stamped = [](const QString &text) {
        printLine(stderr, QDateTime::currentDateTime().toString(Qt::ISODate) + u' ' + text);
    };
    QObject::connect(engine, &durable::HubClient::backgroundError, &context,
                     [lastProblem, stamped](const durable::Error &error) {
                         const QString text = durable::views::ErrorText::explain(error);
                         if (std::exchange(*lastProblem, text) != text)
                             stamped(text);
                     });
    QObject::connect(engine, &durable::HubClient::damaged, &context, [stamped](const durable::Error &reason) {
        stamped(tr("The task hub is damaged: it is read-only now (writes are refused with 503). Check it with "
                   "PRAGMA integrity_check and restore it from a backup. Details: %1")
                    .arg(reason.message));
    });
    QObject::connect(engine, &durable::HubClient::workersChanged, &context, [engine, lastProblem, stamped] {
        lastProblem->clear();
        stamped(engine->ownsWorkers() ? tr("This process runs the hub's workers now.")
                                      : tr("Another process runs the hub's workers now; this one serves the API."));
    });
    if (const auto port = server ? server->listen() : std::expected<quint16, QString>(quint16(0)); !port) {
        printLine(stderr, tr("The HTTP API cannot start: %1").arg(port.error()));
        return ListenFailedExitCode;
    }

    // The sidecar listens before its line is printed: an SDK worker does not retry its first call.
    std::unique_ptr<durable::grpc::SidecarServer> sidecar;
    if (options.grpcPort) {
        durable::grpc::SidecarServerOptions sidecarOptions;
        sidecarOptions.bindAddress = options.grpcBind.toString();
        sidecarOptions.port = *options.grpcPort;
        // Off this machine, clients must show the API key; on loopback the machine's users are trusted.
        if (!options.grpcBind.isLoopback())
            sidecarOptions.apiKey = QString::fromLatin1(*key);
        sidecar = std::make_unique<durable::grpc::SidecarServer>(*workbench.engine(), sidecarOptions);
        QObject::connect(sidecar.get(), &durable::grpc::SidecarServer::workersChanged, sidecar.get(),
                         [s = sidecar.get(), stamped] {
                             stamped(tr("SDK workers connected: %n", nullptr, int(s->workers().size())));
                         });
        if (const auto port = sidecar->listen(); !port) {
            printLine(stderr,
                      tr("The gRPC sidecar cannot start: %1").arg(durable::views::ErrorText::explain(port.error())));
            return ListenFailedExitCode;
        }
    }

    printLine(stdout, tr("Task hub: %1").arg(HubLocation::withoutPassword(workbench.hubPath())));
    if (server)
        printLine(stdout, tr("HTTP API: %1/").arg(server->baseUrl().toString()));
    else
        printLine(stdout, tr("HTTP API: off (--no-http)"));
    if (sidecar)
        printLine(stdout, QStringLiteral("gRPC sidecar: %1").arg(sidecar->endpoint()));
    if (needsKey)
        printLine(stdout, tr("API key: %1").arg(durable::http::ApiKeys::describe(secrets, keySource)));
    printLine(stdout,
              workbench.engine()->ownsWorkers() ? tr("This process runs workers on the hub.")
                                                : tr("This process does not run the hub's workers (another does)."));
    printLine(stdout, tr("Send SIGTERM or press Ctrl+C to stop."));

    const int code = QCoreApplication::exec();
    // Stop answering before the engine goes: pending answers are dropped, not written half-way;
    // the sidecar's open calls and work streams are ended while the event loop's objects live.
    if (sidecar)
        sidecar->shutdown();
    sidecar.reset();
    server.reset();
    printLine(stdout, tr("Stopped."));
    return code;
}
