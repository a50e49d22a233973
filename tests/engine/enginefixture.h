#pragma once

#include "backends.h"
#include "engine.h"

#include <QFuture>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace testing {

/// Blocks until the future finishes; engine futures complete on engine threads.
template<typename T>
T wait(QFuture<T> future)
{
    future.waitForFinished();
    return future.result();
}

/// Like wait(), but runs this thread's events meanwhile (a test's own server or signals) and
/// fails the test process instead of blocking it when the engine hangs.
template<typename T>
T await(QFuture<T> future, int timeoutMs = 60000)
{
    if (!QTest::qWaitFor([&future] { return future.isFinished(); }, timeoutMs))
        qFatal("an engine future did not finish within %d ms", timeoutMs);
    return future.result();
}

/// A real engine on a fresh hub of the selected backend (see backends.h): an SQLite file in a
/// temporary directory, or a hub (schema) of its own on the test run's PostgreSQL server. Reopening
/// opens the same hub.
struct EngineFixture {
    QTemporaryDir dir;
    durable::Registry registry;
    durable::EngineOptions options;
    std::unique_ptr<durable::Engine> engine;
    const Backend backend = selectedBackend();

    EngineFixture()
    {
        options.hubPath
            = backend == Backend::Postgresql ? newPostgresHub() : dir.filePath(QStringLiteral("hub.sqlite"));
        options.sync = durable::SyncMode::Normal;
    }

    /// Several worker processes may run this hub at once (PostgreSQL).
    bool shared() const { return backend == Backend::Postgresql; }

    bool open()
    {
        auto opened = durable::Engine::open(options, registry);
        if (!opened) {
            qWarning("open failed: %s", qPrintable(opened.error().message));
            return false;
        }
        engine = std::move(*opened);
        return true;
    }

    void close() { engine.reset(); }

    QString start(const QString &name, const QJsonValue &input, const QString &id = {})
    {
        durable::Client::StartOptions o;
        o.instanceId = id;
        auto r = wait(engine->start(name, input, o));
        if (!r) {
            qWarning("start failed: %s", qPrintable(r.error().message));
            return {};
        }
        return *r;
    }

    durable::InstanceInfo finish(const QString &id, int timeoutMs = 20000)
    {
        auto r = wait(engine->waitForCompletion(id, timeoutMs));
        if (!r) {
            qWarning("wait failed: %s", qPrintable(r.error().message));
            return {};
        }
        return *r;
    }

    /// Returns once the dispatcher has run a batch after everything queued before this call: a
    /// client command's future finishes only after the batch it ran in has committed. Use it
    /// to check that something did *not* happen, instead of sleeping.
    void barrier()
    {
        auto r = wait(engine->raiseEvent(QStringLiteral("no-such-instance (barrier)"), QStringLiteral("barrier"), {}));
        QVERIFY(!r && r.error().code == durable::ErrorCode::NotFound);
    }

    durable::History history(const QString &id)
    {
        auto r = wait(engine->history(id));
        return r ? *r : durable::History {};
    }

    durable::InstanceInfo status(const QString &id)
    {
        auto r = wait(engine->status(id));
        return r ? *r : durable::InstanceInfo {};
    }
};

/// Event types of a history, for shape comparisons.
inline QStringList shape(const durable::History &history)
{
    QStringList types;
    for (const auto &e : history)
        types.append(durable::eventTypeName(e.type) + (e.name.isEmpty() ? QString() : u':' + e.name)
                     + (e.eventId >= 0 ? u'#' + QString::number(e.eventId) : QString())
                     + (e.taskId >= 0 ? u'@' + QString::number(e.taskId) : QString()));
    return types;
}

/// Comparable form of a history: event types, ids, names and payloads; not the wall-clock
/// timestamps nor the sequence numbers.
inline QStringList historyContent(const durable::History &history)
{
    QStringList lines;
    for (const auto &e : history)
        lines.append(QStringLiteral("%1 %2 %3 %4 %5")
                         .arg(durable::eventTypeName(e.type))
                         .arg(e.eventId)
                         .arg(e.taskId)
                         .arg(e.name, QString::fromUtf8(QJsonDocument(e.data).toJson(QJsonDocument::Compact))));
    return lines;
}

} // namespace testing
