#pragma once

#include "commandline.h"

#include <QCoreApplication>

/// `--headless`: the engine and the HTTP API without any window, until SIGTERM or SIGINT.
class Headless {
    Q_DECLARE_TR_FUNCTIONS(Headless)

public:
    /// Exit codes besides 0 (clean stop), 1 (command line) and Workbench::HubOpenFailedExitCode.
    static constexpr int ApiKeyUnavailableExitCode = 3;
    static constexpr int ListenFailedExitCode = 4;

    /// Obtains the API key (keychain, or the --http-key-file), opens the hub with the sample
    /// orchestrators registered, starts the API on --http-bind:--http-port and prints the base URL
    /// and where the key is kept to stdout, one request per line after that. Runs the event loop
    /// of the existing QCoreApplication; on SIGTERM/SIGINT stops accepting requests and destroys
    /// the engine normally (the current commit finishes). Refuses to start, with the reason on
    /// stderr, when no keychain is reachable and no key file was chosen.
    static int run(const CommandLineOptions &options);
};

/// Same as Headless::run, under the name main() calls.
inline int runHeadless(const CommandLineOptions &options)
{
    return Headless::run(options);
}
