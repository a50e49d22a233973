#pragma once

// A hub with one damaged page in the middle of a long history, for the tests of the "damaged"
// state (engine, HTTP API, GUI). The hub is small, so the tests lower
// EngineOptions::deepCheckBytes to 0: the open then only probes the first page of each table,
// as it does for a hub over 32 MB, and the damage is found later, when the history is read.
#include "engine.h"
#include "samples.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QThread>

namespace testing {

struct DamagedHub {
    QString instanceId; ///< the fan-out whose history holds the damaged page
    qint64 damagedPage = 0;
    QString error; ///< why building it failed; empty when it worked
};

/// "FanOutThenWait": 1,000 activities, then custom status "waiting" and an external event "go".
inline void registerFanOutThenWait(durable::Registry &registry)
{
    registry.addActivity(QStringLiteral("Twice"),
                         [](durable::ActivityContext &, const QJsonValue &x) -> QJsonValue { return 2 * x.toInt(); });
    registry.addOrchestrator(QStringLiteral("FanOutThenWait"),
                             [](durable::OrchestrationContext &ctx) -> durable::Task<QJsonValue> {
                                 std::vector<durable::Future> tasks;
                                 for (int i = 0; i < 1000; ++i)
                                     tasks.push_back(ctx.callActivity(QStringLiteral("Twice"), i));
                                 co_await durable::whenAll(tasks);
                                 ctx.setCustomStatus(QStringLiteral("waiting"));
                                 co_return co_await ctx.waitForExternalEvent(QStringLiteral("go"));
                             });
}

/// Runs a 1,000-activity fan-out on `path` (samples' FanOutFanIn; with `waiting`, the
/// FanOutThenWait above, left waiting), closes the hub, then overwrites one leaf page in the
/// middle of the history table's b-tree with garbage.
inline DamagedHub makeDamagedHub(const QString &path, bool waiting = false)
{
    DamagedHub hub;
    {
        durable::Registry registry;
        durable::samples::registerAll(registry);
        registerFanOutThenWait(registry);
        durable::EngineOptions o;
        o.hubPath = path;
        o.sync = durable::SyncMode::Normal;
        auto engine = durable::Engine::open(o, registry);
        if (!engine)
            return { {}, 0, engine.error().message };
        auto started
            = (*engine)->start(waiting ? QStringLiteral("FanOutThenWait") : QStringLiteral("FanOutFanIn"), 1000, {});
        started.waitForFinished();
        if (!started.result())
            return { {}, 0, started.result().error().message };
        hub.instanceId = *started.result();
        if (waiting) {
            // Polled with a generous deadline: the step after the fan-out sets the custom status.
            QDeadlineTimer deadline(120000);
            for (;;) {
                auto info = (*engine)->status(hub.instanceId, false);
                info.waitForFinished();
                if (info.result() && info.result()->customStatus == QJsonValue(QStringLiteral("waiting")))
                    break;
                if (deadline.hasExpired())
                    return { {}, 0, QStringLiteral("the fan-out did not reach its wait") };
                QThread::msleep(10);
            }
        } else {
            auto done = (*engine)->waitForCompletion(hub.instanceId, 120000);
            done.waitForFinished();
            if (!done.result() || done.result()->status != durable::RuntimeStatus::Completed)
                return { {}, 0, QStringLiteral("the fan-out did not complete") };
        }
    }
    QList<qint64> leaves;
    qint64 pageSize = 0;
    {
        // dbstat lists every page of every b-tree (Debian's SQLite has it built in).
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("damage"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("PRAGMA page_size")) && q.next())
                pageSize = q.value(0).toLongLong();
            if (!q.exec(QStringLiteral("SELECT pageno FROM dbstat WHERE name = 'history' AND pagetype = 'leaf' "
                                       "ORDER BY path")))
                hub.error = q.lastError().text();
            while (q.next())
                leaves.append(q.value(0).toLongLong());
            q.finish();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("damage"));
    if (!hub.error.isEmpty())
        return hub;
    if (leaves.size() < 10 || pageSize <= 0)
        return { {}, 0, QStringLiteral("history has only %1 leaf pages").arg(leaves.size()) };
    // In key order, the middle leaf: events before it read fine, the ones after it are lost.
    hub.damagedPage = leaves.at(leaves.size() / 2);
    QFile f(path);
    if (!f.open(QIODevice::ReadWrite) || !f.seek((hub.damagedPage - 1) * pageSize)
        || f.write(QByteArray(int(pageSize), '\xa5')) != pageSize)
        hub.error = QStringLiteral("cannot overwrite page %1 of %2").arg(hub.damagedPage).arg(path);
    return hub;
}

} // namespace testing
