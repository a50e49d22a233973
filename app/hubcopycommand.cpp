#include "hubcopycommand.h"

#include "errortext.h"
#include "workbench.h"

#include <QDir>
#include <QUrl>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

std::atomic<bool> s_cancel { false };

void requestCancel(int)
{
    s_cancel = true; // lock-free: safe in a signal handler
}

/// Prints progress on stderr: a bar redrawn in place on a terminal, else a line per 5 %.
class ProgressPrinter {
public:
    ProgressPrinter()
        : m_tty(::isatty(STDERR_FILENO) == 1)
    {
    }
    ~ProgressPrinter()
    {
        if (m_tty && m_drawn)
            std::fputc('\n', stderr);
    }

    void show(const durable::HubCopyProgress &p)
    {
        const int percent = p.total > 0 ? int(p.done * 100 / p.total) : 100;
        const QString phase = p.phase == durable::HubCopyProgress::Phase::Copying ? HubCopyCommand::tr("copying")
                                                                                  : HubCopyCommand::tr("verifying");
        if (m_tty) {
            const int filled = percent * 30 / 100;
            const QString bar = QString(filled, u'#') + QString(30 - filled, u'.');
            std::fprintf(stderr, "\r%s [%s] %3d%% %s", qUtf8Printable(phase), qUtf8Printable(bar), percent,
                         qUtf8Printable(HubCopyCommand::tr("%L1 of %L2 instances").arg(p.done).arg(p.total)));
            m_drawn = true;
        } else {
            // A line when a phase starts and at each further 5 % of it.
            const int step = percent / 5;
            if (p.phase == m_phase && step == m_step)
                return;
            m_phase = p.phase;
            m_step = step;
            std::fprintf(stderr, "%s\n",
                         qUtf8Printable(HubCopyCommand::tr("%1: %2% (%L3 of %L4 instances)")
                                            .arg(phase)
                                            .arg(percent)
                                            .arg(p.done)
                                            .arg(p.total)));
        }
        std::fflush(stderr);
    }

private:
    bool m_tty;
    bool m_drawn = false;
    durable::HubCopyProgress::Phase m_phase = durable::HubCopyProgress::Phase::Copying;
    int m_step = -1;
};

} // namespace

QString HubCopyCommand::summary(const durable::HubCopyReport &r)
{
    return tr("Verified: %L1 instances, %L2 history events, %L3 messages, %L4 work rows, %L5 log lines and %L6 "
              "script versions, identical in both hubs.")
        .arg(r.instances)
        .arg(r.historyEvents)
        .arg(r.messages)
        .arg(r.workRows)
        .arg(r.logLines)
        .arg(r.scriptVersions);
}

QString HubCopyCommand::failure(const durable::HubCopyError &e)
{
    using Kind = durable::HubCopyError::Kind;
    QString text;
    switch (e.kind) {
    case Kind::CannotOpen:
        text = durable::views::ErrorText::report(tr("A hub cannot be opened; nothing was copied."), e.error);
        break;
    case Kind::Refused:
        text = tr("The copy was refused; nothing was written: %1").arg(e.error.message);
        break;
    case Kind::Failed:
        text = durable::views::ErrorText::report(tr("The copy failed; what was copied has been removed again."),
                                                 e.error);
        break;
    case Kind::Cancelled:
        text = tr("The copy was cancelled; what was copied has been removed again.");
        break;
    }
    if (!e.leftover.isEmpty())
        text += u'\n' + tr("The destination still holds part of the copy: %1").arg(e.leftover);
    return text;
}

QString HubCopyCommand::displayLocation(const QString &location)
{
    if (location.contains(u"://"_s))
        return QUrl(location).toString(QUrl::RemovePassword);
    return QDir::toNativeSeparators(location);
}

int HubCopyCommand::run(const CommandLineOptions &options)
{
    s_cancel = false;
    struct sigaction action { };
    action.sa_handler = &requestCancel;
    sigemptyset(&action.sa_mask);
    struct sigaction oldInt { };
    struct sigaction oldTerm { };
    ::sigaction(SIGINT, &action, &oldInt);
    ::sigaction(SIGTERM, &action, &oldTerm);

    std::fprintf(stderr, "%s\n",
                 qUtf8Printable(
                     tr("Copying %1 to %2…").arg(displayLocation(options.copyFrom), displayLocation(options.copyTo))));
    durable::HubCopyOptions copyOptions;
    copyOptions.sync = options.sync;
    durable::HubCopyResult result;
    {
        ProgressPrinter printer;
        result = durable::copyHub(
            options.copyFrom, options.copyTo, [&](const durable::HubCopyProgress &p) { printer.show(p); }, &s_cancel,
            copyOptions);
    }
    ::sigaction(SIGINT, &oldInt, nullptr);
    ::sigaction(SIGTERM, &oldTerm, nullptr);
    if (!result) {
        std::fprintf(stderr, "%s\n", qUtf8Printable(failure(result.error())));
        return result.error().kind == durable::HubCopyError::Kind::CannotOpen ? Workbench::HubOpenFailedExitCode
                                                                              : CopyFailedExitCode;
    }
    std::printf("%s\n%s\n", qUtf8Printable(summary(*result)), qUtf8Printable(result->verification()));
    return 0;
}
