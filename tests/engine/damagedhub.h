#pragma once

// A hub with one damaged page in the middle of a long history, for the tests of the "damaged"
// state (engine, HTTP API, GUI). The hub is small, so the tests lower
// EngineOptions::deepCheckBytes to 0: the open then only probes the first page of each table,
// as it does for a hub over 32 MB, and the damage is found later, when the history is read.
#include "engine.h"
#include "samples.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>

namespace testing {

struct DamagedHub {
    QString instanceId; ///< the fan-out whose history holds the damaged page
    qint64 damagedPage = 0;
    QString error; ///< why building it failed; empty when it worked
};

/// Runs a 1,000-activity fan-out on `path` (samples' FanOutFanIn), closes the hub, then
/// overwrites one leaf page in the middle of the history table's b-tree with garbage.
inline DamagedHub makeDamagedHub(const QString &path)
{
    DamagedHub hub;
    {
        durable::Registry registry;
        durable::samples::registerAll(registry);
        durable::EngineOptions o;
        o.hubPath = path;
        o.sync = durable::SyncMode::Normal;
        auto engine = durable::Engine::open(o, registry);
        if (!engine)
            return { {}, 0, engine.error().message };
        auto started = (*engine)->start(QStringLiteral("FanOutFanIn"), 1000, {});
        started.waitForFinished();
        if (!started.result())
            return { {}, 0, started.result().error().message };
        hub.instanceId = *started.result();
        auto done = (*engine)->waitForCompletion(hub.instanceId, 120000);
        done.waitForFinished();
        if (!done.result() || done.result()->status != durable::RuntimeStatus::Completed)
            return { {}, 0, QStringLiteral("the fan-out did not complete") };
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
