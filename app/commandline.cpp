#include "commandline.h"

#include "hubopen.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

ParsedCommandLine CommandLine::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Runs and inspects durable orchestrations on a task hub: an embedded SQLite file, or a "
           "PostgreSQL database shared by any number of worker processes."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption hubOption(u"hub"_s,
                                       tr("Task hub to open: an SQLite file, created when missing, or a PostgreSQL "
                                          "hub shared by worker processes, postgresql://user@host/database?hub=NAME "
                                          "(the password from ~/.pgpass or PGPASSFILE). Default: %1.")
                                           .arg(u"<AppDataLocation>/hub.sqlite"_s),
                                       tr("path|url"));
    const QCommandLineOption langOption(
        u"lang"_s, tr("Language of the user interface, e.g. nl or en. Default: the system language."), tr("code"));
    const QCommandLineOption syncOption(
        u"sync"_s, tr("Durability of commits: full survives power loss (default), normal only crashes of the program."),
        tr("full|normal"));
    const QCommandLineOption workersOption(
        u"workers"_s,
        tr("On a PostgreSQL hub, run workers in this window too (without it the workbench attaches as a client "
           "that watches and sends commands). SQLite hubs always run them in the first process that opens them."));
    parser.addOptions({ hubOption, langOption, syncOption, workersOption });
    const QCommandLineOption headlessOption(
        u"headless"_s, tr("Run the engine and the HTTP API without windows until SIGTERM or SIGINT."));
    const QCommandLineOption httpPortOption(u"http-port"_s,
                                            tr("Port of the HTTP API (0: any free port). Default: 7071."), tr("port"));
    const QCommandLineOption httpBindOption(
        u"http-bind"_s, tr("Address the HTTP API listens on. Default: 127.0.0.1 (this machine only)."), tr("address"));
    const QCommandLineOption httpKeyFileOption(
        u"http-key-file"_s, tr("Keep the HTTP API key in this file (created with mode 0600) instead of the keychain."),
        tr("path"));
    const QCommandLineOption httpHostOption(
        u"http-host"_s,
        tr("Also accept this host name in requests to the HTTP API (repeatable). Default: only localhost and "
           "loopback addresses; other names are refused with 421."),
        tr("name"));
    const QCommandLineOption noHttpOption(
        u"no-http"_s, tr("With --headless: do not serve the HTTP API; the process only runs workers on the hub."));
    parser.addOptions(
        { headlessOption, noHttpOption, httpPortOption, httpBindOption, httpKeyFileOption, httpHostOption });
    const QCommandLineOption grpcPortOption(
        u"grpc-port"_s,
        tr("Serve the Durable Task sidecar protocol (gRPC) on this port, for apps built with the Durable Task "
           "SDKs (0: any free port; the SDKs' default is 4001)."),
        tr("port"));
    const QCommandLineOption grpcBindOption(
        u"grpc-bind"_s,
        tr("Address the sidecar listens on. Default: 127.0.0.1. Any other address requires clients to send the "
           "API key as \"authorization: Bearer KEY\"."),
        tr("address"));
    parser.addOptions({ grpcPortOption, grpcBindOption });
    const QCommandLineOption scriptOption(
        u"script"_s, tr("Register the orchestrators and activities of a JavaScript file (repeatable)."), tr("file"));
    const QCommandLineOption loadOption(
        u"load"_s, tr("Load a C++ plugin with orchestrators and activities (repeatable)."), tr("path"));
    parser.addOptions({ scriptOption, loadOption });
    const QCommandLineOption copyHubOption(
        u"copy-hub"_s,
        tr("Copy the task hub FROM (an SQLite file or a postgresql:// URL) into the new or empty hub TO, verify "
           "the copy and exit, without windows. Usage: --copy-hub FROM TO. A hub whose workers run must be "
           "stopped first."),
        tr("from"));
    parser.addOption(copyHubOption);

    ParsedCommandLine result;
    if (!parser.parse(arguments)) {
        result.error = parser.errorText();
    }
    result.helpText = parser.helpText();

    CommandLineOptions &options = result.options;
    options.helpRequested = parser.isSet(helpOption);
    options.versionRequested = parser.isSet(versionOption);

    if (parser.isSet(langOption)) {
        options.language = parser.value(langOption);
        // QLocale maps anything it does not know to the C locale.
        if (QLocale(options.language).language() == QLocale::C && result.error.isEmpty()) {
            result.error = tr("Unknown language code \"%1\".").arg(options.language);
        }
    }
    if (parser.isSet(hubOption)) {
        const QString path = parser.value(hubOption);
        if (path.isEmpty()) {
            if (result.error.isEmpty()) {
                result.error = tr("The task hub path must not be empty.");
            }
        } else {
            options.hubPath = durable::isServerHub(path) ? path : QDir::cleanPath(QFileInfo(path).absoluteFilePath());
        }
    }
    if (parser.isSet(syncOption)) {
        const QString mode = parser.value(syncOption).toLower();
        if (mode == "full"_L1) {
            options.sync = durable::SyncMode::Full;
        } else if (mode == "normal"_L1) {
            options.sync = durable::SyncMode::Normal;
        } else if (result.error.isEmpty()) {
            result.error = tr("Invalid value \"%1\" for --sync: use full or normal.").arg(parser.value(syncOption));
        }
    }
    options.headless = parser.isSet(headlessOption);
    options.workers = parser.isSet(workersOption);
    options.noHttp = parser.isSet(noHttpOption);
    if (options.noHttp && !options.headless && result.error.isEmpty())
        result.error = tr("--no-http needs --headless.");
    if (parser.isSet(httpPortOption)) {
        bool ok = false;
        const uint port = parser.value(httpPortOption).toUInt(&ok);
        if (ok && port <= 65535) {
            options.httpPort = quint16(port);
        } else if (result.error.isEmpty()) {
            result.error
                = tr("Invalid value \"%1\" for --http-port: use 0 to 65535.").arg(parser.value(httpPortOption));
        }
    }
    if (parser.isSet(httpBindOption)) {
        const QHostAddress address(parser.value(httpBindOption));
        if (!address.isNull()) {
            options.httpBind = address;
        } else if (result.error.isEmpty()) {
            result.error
                = tr("Invalid value \"%1\" for --http-bind: use an IP address.").arg(parser.value(httpBindOption));
        }
    }
    if (parser.isSet(grpcPortOption)) {
        bool ok = false;
        const uint port = parser.value(grpcPortOption).toUInt(&ok);
        if (ok && port <= 65535) {
            options.grpcPort = quint16(port);
        } else if (result.error.isEmpty()) {
            result.error
                = tr("Invalid value \"%1\" for --grpc-port: use 0 to 65535.").arg(parser.value(grpcPortOption));
        }
    }
    if (parser.isSet(grpcBindOption)) {
        const QHostAddress address(parser.value(grpcBindOption));
        if (!address.isNull()) {
            options.grpcBind = address;
        } else if (result.error.isEmpty()) {
            result.error
                = tr("Invalid value \"%1\" for --grpc-bind: use an IP address.").arg(parser.value(grpcBindOption));
        }
        if (!parser.isSet(grpcPortOption) && result.error.isEmpty())
            result.error = tr("--grpc-bind needs --grpc-port.");
    }
    for (const QString &host : parser.values(httpHostOption)) {
        // A DNS name or IP literal, without port or scheme: what a Host header names.
        static const QRegularExpression name(u"^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$"_s);
        if (name.match(host).hasMatch()) {
            options.httpHosts.append(host.toLower());
        } else if (result.error.isEmpty()) {
            result.error
                = tr("Invalid value \"%1\" for --http-host: use a host name without port or scheme.").arg(host);
        }
    }
    if (parser.isSet(httpKeyFileOption)) {
        options.httpKeyFile = QDir::cleanPath(QFileInfo(parser.value(httpKeyFileOption)).absoluteFilePath());
    }
    for (const QString &path : parser.values(scriptOption))
        options.scripts.append(QDir::cleanPath(QFileInfo(path).absoluteFilePath()));
    for (const QString &path : parser.values(loadOption))
        options.plugins.append(QDir::cleanPath(QFileInfo(path).absoluteFilePath()));
    QStringList positional = parser.positionalArguments();
    if (parser.isSet(copyHubOption)) {
        // A file name is resolved against the current directory; a server URL is kept as given.
        const auto location = [](const QString &given) {
            return given.contains(u"://"_s) ? given : QDir::cleanPath(QFileInfo(given).absoluteFilePath());
        };
        const QString from = parser.value(copyHubOption);
        if (positional.isEmpty()) {
            if (result.error.isEmpty())
                result.error = tr("--copy-hub needs two hubs: --copy-hub FROM TO.");
        } else if (from.isEmpty() || positional.constFirst().isEmpty()) {
            if (result.error.isEmpty())
                result.error = tr("The task hub path must not be empty.");
        } else {
            options.copyFrom = location(from);
            options.copyTo = location(positional.takeFirst());
        }
        if (options.headless && result.error.isEmpty())
            result.error = tr("--copy-hub and --headless cannot be combined.");
    }
    if (!positional.isEmpty() && result.error.isEmpty()) {
        result.error = tr("Unexpected argument \"%1\".").arg(positional.constFirst());
    }
    return result;
}
