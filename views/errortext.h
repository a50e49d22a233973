#pragma once

#include <error.h>
#include <types.h>

#include <QCoreApplication>

namespace durable::views {

/// User-facing, translated text for engine errors. The engine only returns codes and an
/// untranslated detail; this is the one place that turns them into sentences, for the views and
/// the application alike. What is shown is always the sentence for the code, with the engine's
/// detail beneath it for those who need to look further.
class ErrorText {
    Q_DECLARE_TR_FUNCTIONS(ErrorText)

public:
    /// One sentence explaining the kind of failure.
    static QString describe(ErrorCode code);
    /// The sentence for the error's code, then the engine's detail (if any) on a line beneath.
    static QString explain(const Error &error);
    /// `headline` (what failed, a sentence of the caller's), then explain(error) beneath.
    static QString report(const QString &headline, const Error &error);
    /// The full report when a task hub cannot be opened: which file, why, and the engine's detail.
    static QString hubOpenFailed(const QString &hubPath, const Error &error);

    /// One sentence saying where and how orchestrator code stopped matching its history.
    static QString divergence(const Divergence &divergence);
};

} // namespace durable::views
