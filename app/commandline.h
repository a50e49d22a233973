#pragma once

#include "engine.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QString>
#include <QStringList>

#include <optional>

/// What the command line asks for.
struct CommandLineOptions {
    /// A file path, absolute and cleaned, or a PostgreSQL URL as given (durable::isServerHub());
    /// empty: the default hub (Workbench::defaultHubPath())
    QString hubPath;
    /// --workers: the windowed workbench runs workers on a server hub too (by default it attaches
    /// as a client there). On a SQLite hub the workbench always runs them (whoever opens it first).
    bool workers = false;
    /// --no-http: headless without the HTTP API (a worker process only).
    bool noHttp = false;
    QString language; ///< the --lang code as given; empty: the system locale
    durable::SyncMode sync = durable::SyncMode::Full;
    bool helpRequested = false;
    bool versionRequested = false;
    bool headless = false; ///< --headless: engine and HTTP API without windows
    quint16 httpPort = 7071; ///< --http-port; 0: an ephemeral port
    QHostAddress httpBind = QHostAddress(QHostAddress::LocalHost); ///< --http-bind
    QString httpKeyFile; ///< --http-key-file; empty: the API key lives in the keychain
    /// --http-host, repeatable: Host names the HTTP API accepts besides loopback (lower case).
    QStringList httpHosts;
    /// --grpc-port: serve the Durable Task sidecar protocol for SDK workers and clients; 0: any
    /// free port. Unset: no sidecar (the workbench can start it from its Workers dock).
    std::optional<quint16> grpcPort;
    QHostAddress grpcBind = QHostAddress(QHostAddress::LocalHost); ///< --grpc-bind
    QStringList scripts; ///< --script, repeatable: JavaScript files to register, absolute paths
    QStringList plugins; ///< --load, repeatable: C++ plugins to load, absolute paths
    /// --copy-hub FROM TO: copy the hub FROM into TO and verify it, without windows. Files are
    /// made absolute; postgresql:// URLs stay as given. Both empty: no copy asked for.
    QString copyFrom;
    QString copyTo;
};

/// Options plus what to tell the user, so the caller decides where to print it.
struct ParsedCommandLine {
    CommandLineOptions options;
    QString error; ///< translated; empty when the arguments are valid
    QString helpText; ///< translated --help output

    bool ok() const { return error.isEmpty(); }
};

class CommandLine {
    Q_DECLARE_TR_FUNCTIONS(CommandLine)

public:
    /// Parses `arguments` (arguments[0] is the program, Qt's own options already removed).
    /// Options that parsed are filled in even when `error` is set, so --lang can pick the language
    /// of the error message itself. Relative --hub paths are resolved against the current
    /// directory. Texts use the translators installed at the time of the call.
    static ParsedCommandLine parse(const QStringList &arguments);
};
