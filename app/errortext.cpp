#include "errortext.h"

#include <QDir>

using durable::ErrorCode;

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
    }
    return tr("Unknown error.");
}

QString ErrorText::hubOpenFailed(const QString &hubPath, const durable::Error &error)
{
    QString text = tr("Cannot open the task hub %1.").arg(QDir::toNativeSeparators(hubPath));
    text += u'\n' + describe(error.code);
    if (!error.message.isEmpty()) {
        text += u'\n' + tr("Details: %1").arg(error.message);
    }
    return text;
}
