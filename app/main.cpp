#include "commandline.h"
#include "errortext.h"
#include "extensions.h"
#include "headless.h"
#include "hubcopycommand.h"
#include "samples.h"
#include "translations.h"
#include "workbench.h"

#include <QApplication>
#include <QIcon>

#include <cstdio>
#include <memory>

int main(int argc, char *argv[])
{
    // --help and --version must work without a display, so they get a QCoreApplication.
    std::unique_ptr<QCoreApplication> app;
    const QStringList rawArguments = [&] {
        QStringList list;
        for (int i = 0; i < argc; ++i) {
            list << QString::fromLocal8Bit(argv[i]);
        }
        return list;
    }();
    const CommandLineOptions early = CommandLine::parse(rawArguments).options;
    if (early.helpRequested || early.versionRequested || early.headless || !early.copyFrom.isEmpty()) {
        app = std::make_unique<QCoreApplication>(argc, argv);
    } else {
        app = std::make_unique<QApplication>(argc, argv);
    }
    Workbench::setApplicationIdentity();
    // The installed desktop entry and icon carry this id (cmake/DurablePackaging.cmake): Wayland
    // shells match the window to the entry by it, X11 ones by the icon set here.
    QGuiApplication::setDesktopFileName(QStringLiteral(DURABLE_APP_ID));
    if (qobject_cast<QApplication *>(app.get()))
        QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/" DURABLE_APP_ID ".svg")));

    // Parse once for --lang, then again so that errors and help come out in that language.
    Translations translations;
    translations.install(Translations::localeFor(CommandLine::parse(app->arguments()).options.language));
    const ParsedCommandLine commandLine = CommandLine::parse(app->arguments());
    if (!commandLine.ok()) {
        std::fprintf(stderr, "%s\n", qUtf8Printable(commandLine.error));
        return 1;
    }
    if (commandLine.options.helpRequested) {
        std::fputs(qUtf8Printable(commandLine.helpText), stdout);
        return 0;
    }
    if (commandLine.options.versionRequested) {
        std::printf("%s %s\n", qUtf8Printable(QCoreApplication::applicationName()),
                    qUtf8Printable(QCoreApplication::applicationVersion()));
        return 0;
    }

    if (!commandLine.options.copyFrom.isEmpty()) {
        return HubCopyCommand::run(commandLine.options);
    }
    if (commandLine.options.headless) {
        return runHeadless(commandLine.options);
    }

    durable::Registry registry;
    durable::samples::registerAll(registry);
    const auto extensions
        = durable::script::loadExtensions(commandLine.options.scripts, commandLine.options.plugins, registry);
    if (!extensions) {
        std::fprintf(stderr, "%s\n",
                     qUtf8Printable(durable::views::ErrorText::report(
                         Workbench::tr("Cannot load the scripts and plugins."), extensions.error())));
        return Workbench::ExtensionLoadFailedExitCode;
    }
    Workbench workbench(commandLine.options, registry);
    if (!workbench.openHub()) {
        return Workbench::HubOpenFailedExitCode;
    }
    workbench.showMainWindow();
    return app->exec();
}
