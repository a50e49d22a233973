#pragma once

#include "commandline.h"
#include "hubcopy.h"

#include <QCoreApplication>

/// `--copy-hub FROM TO`: copies a hub without windows (durable::copyHub), progress on stderr (a
/// bar on a terminal, a line per 5 % otherwise), the verification on stdout.
class HubCopyCommand {
    Q_DECLARE_TR_FUNCTIONS(HubCopyCommand)

public:
    /// Exit code when the copy was refused, failed, did not verify or was cancelled (SIGINT,
    /// SIGTERM); a hub that cannot be opened gives Workbench::HubOpenFailedExitCode (2).
    static constexpr int CopyFailedExitCode = 6;

    /// Runs the copy on this thread; returns the exit code (0: copied and verified).
    static int run(const CommandLineOptions &options);

    /// The translated one-line summary of a verified copy, for the CLI and the GUI.
    static QString summary(const durable::HubCopyReport &report);
    /// The translated explanation of a copy that did not finish (what happened, what was kept).
    static QString failure(const durable::HubCopyError &error);
    /// A hub location to show: a URL without its password, a file path in native separators.
    static QString displayLocation(const QString &location);
};
