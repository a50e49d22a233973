#include "errortext.h"

#include <QDir>

namespace durable::views {

namespace {

    /// "TaskScheduled 'F2'": the Durable Task event names are the vocabulary of the history view,
    /// so they stay as they are in every language.
    QString step(const ScheduledStep &step)
    {
        return step.name.isEmpty() ? eventTypeName(step.type)
                                   : eventTypeName(step.type) + QStringLiteral(" '") + step.name + u'\'';
    }

} // namespace

QString ErrorText::describe(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidArgument:
        return tr("A value is not valid.");
    case ErrorCode::PayloadTooLarge:
        return tr("The data is larger than the configured limit.");
    case ErrorCode::UnknownOrchestrator:
        return tr("No orchestrator with that name is registered.");
    case ErrorCode::NotFound:
        return tr("The orchestration instance does not exist.");
    case ErrorCode::AlreadyExists:
        return tr("An orchestration instance with that ID is still running.");
    case ErrorCode::FailedPrecondition:
        return tr("The orchestration instance is in a state that does not allow this.");
    case ErrorCode::Storage:
        return tr("The database reported an error, for example a full disk or a file that cannot be read.");
    case ErrorCode::Busy:
        return tr("The file is locked by another program.");
    case ErrorCode::Corrupt:
        return tr("The file is not a task hub, or it is damaged.");
    case ErrorCode::SchemaTooNew:
        return tr("The task hub was written by a newer version of Durable Workbench.");
    case ErrorCode::ReadOnly:
        return tr("The file or its folder is not writable.");
    case ErrorCode::Shutdown:
        return tr("The engine is shutting down.");
    case ErrorCode::Damaged:
        return tr("The task hub is damaged and can only be read. Run File ▸ Check Integrity and restore the "
                  "file from a backup.");
    case ErrorCode::Cancelled:
        return tr("The operation was cancelled before it finished; what it had done was undone.");
    }
    return tr("Unknown error.");
}

QString ErrorText::explain(const Error &error)
{
    QString text = describe(error.code);
    if (!error.message.isEmpty())
        text += u'\n' + tr("Details: %1").arg(error.message);
    return text;
}

QString ErrorText::report(const QString &headline, const Error &error)
{
    return headline + u'\n' + explain(error);
}

QString ErrorText::hubOpenFailed(const QString &hubPath, const Error &error)
{
    const QString headline = tr("Cannot open the task hub %1.").arg(QDir::toNativeSeparators(hubPath));
    if (error.code != ErrorCode::InvalidArgument)
        return report(headline, error);
    // The engine refuses the path itself (a folder, a missing folder): "a value is not valid" would
    // leave the user guessing which value.
    QString text = headline + u'\n' + tr("This path cannot be used as a task hub file.");
    if (!error.message.isEmpty())
        text += u'\n' + tr("Details: %1").arg(error.message);
    return text;
}

QString ErrorText::divergence(const Divergence &divergence)
{
    if (divergence.expected && divergence.actual) {
        return tr("Replay diverged at action %1: the history has %2, the code now does %3.")
            .arg(divergence.actionId)
            .arg(step(*divergence.expected), step(*divergence.actual));
    }
    if (divergence.expected) {
        return tr("Replay diverged at action %1: the history has %2, the code now does nothing there.")
            .arg(divergence.actionId)
            .arg(step(*divergence.expected));
    }
    if (divergence.actual) {
        return tr("Replay diverged at action %1: the history ends there, the code now does %2.")
            .arg(divergence.actionId)
            .arg(step(*divergence.actual));
    }
    return tr("Replay diverged at action %1.").arg(divergence.actionId);
}

} // namespace durable::views
