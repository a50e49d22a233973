#pragma once

#include "error.h"

#include <QCoreApplication>

/// User-facing, translated text for engine errors. The engine only returns codes and an
/// untranslated detail; this is the one place that turns them into sentences.
class ErrorText {
    Q_DECLARE_TR_FUNCTIONS(ErrorText)

public:
    /// One sentence explaining the kind of failure.
    static QString describe(durable::ErrorCode code);
    /// The full report when a task hub cannot be opened: which file, why, and the engine's detail.
    static QString hubOpenFailed(const QString &hubPath, const durable::Error &error);
};
