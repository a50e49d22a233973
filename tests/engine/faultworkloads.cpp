#include "faultworkloads.h"

#include <unistd.h>

using namespace durable;

namespace faults {

int sideFile = -1;
Engine *client = nullptr;
QSet<QString> succeeded;
std::atomic<int> phase { 1 };

namespace {

    void record(const QString &key)
    {
        const QByteArray line = key.toUtf8() + ' ' + QByteArray::number(phase.load()) + '\n';
        if (::write(sideFile, line.constData(), size_t(line.size())) != line.size())
            qFatal("side file write failed");
    }

    QString key(const ActivityContext &c, const QJsonValue &input)
    {
        return c.instanceId() + u'|' + c.name() + u'|' + QString::number(input.toDouble());
    }

    // --- Orchestrators and activities. -----------------------------------------------------------------

    Task<QJsonValue> chain(OrchestrationContext &ctx)
    {
        double value = 0;
        for (int i = 0; i < ctx.input().toInt(); ++i)
            value = (co_await ctx.callActivity(QStringLiteral("Step"), value)).toDouble();
        co_return value;
    }

    Task<QJsonValue> fanOut(OrchestrationContext &ctx)
    {
        std::vector<Future> tasks;
        for (int i = 1; i <= ctx.input().toInt(); ++i)
            tasks.push_back(ctx.callActivity(QStringLiteral("Square"), i));
        co_await whenAll(tasks);
        double sum = 0;
        for (const auto &t : tasks)
            sum += t.result().toDouble();
        co_return sum;
    }

    Task<QJsonValue> waiter(OrchestrationContext &ctx)
    {
        const QJsonValue got = co_await ctx.waitForExternalEvent(QStringLiteral("Go"));
        co_return QString(QStringLiteral("got:") + got.toString());
    }

    /// Continues as new until its input reaches 5, one activity per execution.
    Task<QJsonValue> counter(OrchestrationContext &ctx)
    {
        const int n = ctx.input().toInt();
        const double next = (co_await ctx.callActivity(QStringLiteral("Step"), n)).toDouble();
        if (n < 5) {
            ctx.continueAsNew(next);
            co_return QJsonValue();
        }
        co_return n;
    }

} // namespace

void registerAll(Registry &registry)
{
    registry.addOrchestrator(QStringLiteral("Chain"), chain);
    registry.addOrchestrator(QStringLiteral("FanOut"), fanOut);
    registry.addOrchestrator(QStringLiteral("Waiter"), waiter);
    registry.addOrchestrator(QStringLiteral("Counter"), counter);
    registry.addActivity(QStringLiteral("Step"), [](ActivityContext &c, const QJsonValue &v) -> QJsonValue {
        record(key(c, v));
        return v.toDouble() + 1;
    });
    registry.addActivity(QStringLiteral("Square"), [](ActivityContext &c, const QJsonValue &v) -> QJsonValue {
        record(key(c, v));
        return v.toDouble() * v.toDouble();
    });
}

namespace {

    template<typename T>
    Status status(const Result<T> &r)
    {
        if (!r)
            return std::unexpected(r.error());
        return {};
    }

    Call start(const QString &name, const QJsonValue &input, const QString &id)
    {
        return Call { QStringLiteral("start %1").arg(id),
                      [=](Engine &e) {
                          Client::StartOptions o;
                          o.instanceId = id;
                          return status(await(e.start(name, input, o)));
                      },
                      { ErrorCode::AlreadyExists } };
    }

    Call raise(const QString &id, const QString &payload)
    {
        return Call { QStringLiteral("raise %1").arg(id),
                      [=](Engine &e) { return await(e.raiseEvent(id, QStringLiteral("Go"), payload)); },
                      { ErrorCode::FailedPrecondition } };
    }

    Call raiseFromClient(const QString &id, const QString &payload)
    {
        return Call { QStringLiteral("raise %1 from the client").arg(id),
                      [=](Engine &) { return await(client->raiseEvent(id, QStringLiteral("Go"), payload)); },
                      { ErrorCode::FailedPrecondition } };
    }

    Call completed(const QString &id)
    {
        return Call { QStringLiteral("wait for %1").arg(id), [=](Engine &e) -> Status {
                         auto r = await(e.waitForCompletion(id, 20000));
                         if (!r)
                             return std::unexpected(r.error());
                         if (r->status != RuntimeStatus::Completed)
                             return fail(ErrorCode::Storage, QStringLiteral("%1 is %2").arg(id, statusName(r->status)));
                         return {};
                     } };
    }

} // namespace

QList<Workload> workloads()
{
    QList<Workload> list;
    list.append(Workload { QStringLiteral("chain of 20"),
                           { start(QStringLiteral("Chain"), 20, QStringLiteral("chain")) },
                           { Expect { QStringLiteral("chain"), RuntimeStatus::Completed, 20.0 } },
                           false,
                           {} });
    list.append(
        Workload { QStringLiteral("fan-out of 50"),
                   { start(QStringLiteral("FanOut"), 50, QStringLiteral("fan")) },
                   { Expect { QStringLiteral("fan"), RuntimeStatus::Completed, 42925.0 } }, // sum of squares 1..50
                   false,
                   {} });
    list.append(Workload {
        QStringLiteral("raise, suspend, terminate, purge"),
        { start(QStringLiteral("Waiter"), {}, QStringLiteral("w1")),
          start(QStringLiteral("Waiter"), {}, QStringLiteral("w2")),
          start(QStringLiteral("Waiter"), {}, QStringLiteral("w3")),
          start(QStringLiteral("Chain"), 3, QStringLiteral("p")), raise(QStringLiteral("w1"), QStringLiteral("a")),
          Call { QStringLiteral("suspend w2"),
                 [](Engine &e) { return await(e.suspend(QStringLiteral("w2"), QStringLiteral("pause"))); },
                 { ErrorCode::FailedPrecondition } },
          raise(QStringLiteral("w2"), QStringLiteral("b")),
          Call { QStringLiteral("resume w2"),
                 [](Engine &e) { return await(e.resume(QStringLiteral("w2"), QStringLiteral("go on"))); },
                 { ErrorCode::FailedPrecondition } },
          Call { QStringLiteral("terminate w3"),
                 [](Engine &e) { return await(e.terminate(QStringLiteral("w3"), QStringLiteral("stop"))); },
                 { ErrorCode::FailedPrecondition } },
          completed(QStringLiteral("p")),
          Call { QStringLiteral("purge p"),
                 [](Engine &e) { return status(await(e.purge(QStringLiteral("p")))); },
                 { ErrorCode::NotFound } } },
        { Expect { QStringLiteral("w1"), RuntimeStatus::Completed, QStringLiteral("got:a") },
          Expect { QStringLiteral("w2"), RuntimeStatus::Completed, QStringLiteral("got:b") },
          Expect { QStringLiteral("w3"), RuntimeStatus::Terminated, QStringLiteral("stop") },
          Expect { QStringLiteral("p"), RuntimeStatus::Completed, {}, true } },
        false,
        {} });
    list.append(Workload { QStringLiteral("commands from a client connection"),
                           { start(QStringLiteral("Waiter"), {}, QStringLiteral("c1")),
                             start(QStringLiteral("Waiter"), {}, QStringLiteral("c2")),
                             start(QStringLiteral("Waiter"), {}, QStringLiteral("c3")),
                             start(QStringLiteral("Waiter"), {}, QStringLiteral("c4")),
                             raiseFromClient(QStringLiteral("c1"), QStringLiteral("a")),
                             // Two commands of the owner in one batch, right after the client's commit: the batch
                             // reads what the client changed.
                             Call { QStringLiteral("raise c2 and terminate c3 at once"),
                                    [](Engine &e) -> Status {
                                        const QString raise = QStringLiteral("raise c2"),
                                                      terminate = QStringLiteral("terminate c3");
                                        std::optional<QFuture<Status>> raised, terminated;
                                        if (!succeeded.contains(raise))
                                            raised = e.raiseEvent(QStringLiteral("c2"), QStringLiteral("Go"),
                                                                  QStringLiteral("b"));
                                        if (!succeeded.contains(terminate))
                                            terminated = e.terminate(QStringLiteral("c3"), QStringLiteral("stop"));
                                        const Status r = raised ? await(*raised) : Status {};
                                        const Status t = terminated ? await(*terminated) : Status {};
                                        if (raised && r)
                                            succeeded.insert(raise);
                                        if (terminated && t)
                                            succeeded.insert(terminate);
                                        return !r ? r : t;
                                    },
                                    { ErrorCode::FailedPrecondition } },
                             raiseFromClient(QStringLiteral("c4"), QStringLiteral("d")) },
                           { Expect { QStringLiteral("c1"), RuntimeStatus::Completed, QStringLiteral("got:a") },
                             Expect { QStringLiteral("c2"), RuntimeStatus::Completed, QStringLiteral("got:b") },
                             Expect { QStringLiteral("c3"), RuntimeStatus::Terminated, QStringLiteral("stop") },
                             Expect { QStringLiteral("c4"), RuntimeStatus::Completed, QStringLiteral("got:d") } },
                           false,
                           {},
                           true });
    list.append(Workload { QStringLiteral("continue-as-new"),
                           { start(QStringLiteral("Counter"), 0, QStringLiteral("can")) },
                           { Expect { QStringLiteral("can"), RuntimeStatus::Completed, 5 } },
                           false,
                           {} });
    const QString v1 = QStringLiteral("durable.orchestrator('A', function* (ctx) { return 1; });");
    const QString v2 = QStringLiteral("durable.orchestrator('A', function* (ctx) { return 2; });");
    const auto save = [](const QString &code) {
        return Call { QStringLiteral("save script"), [code](Engine &e) {
                         return status(
                             await(e.saveScript(QStringLiteral("faults.js"), code, { QStringLiteral("A") }, {})));
                     } };
    };
    list.append(
        Workload { QStringLiteral("script save"), { save(v1), save(v2) }, {}, false, [v1, v2](Engine &e) -> QString {
                      auto versions = await(e.scriptVersions(QStringLiteral("faults.js")));
                      if (!versions)
                          return versions.error().message;
                      if (versions->size() != 2)
                          return QStringLiteral("%1 versions stored, not 2").arg(versions->size());
                      for (int i = 0; i < 2; ++i) {
                          auto one = await(e.scriptVersion(QStringLiteral("faults.js"), i + 1));
                          if (!one || one->code != (i == 0 ? v1 : v2))
                              return QStringLiteral("version %1 is not the code saved").arg(i + 1);
                      }
                      return {};
                  } });
    list.append(Workload { QStringLiteral("open and migrate a new hub"),
                           { start(QStringLiteral("Chain"), 3, QStringLiteral("after-open")) },
                           { Expect { QStringLiteral("after-open"), RuntimeStatus::Completed, 3.0 } },
                           true,
                           {} });
    return list;
}

} // namespace faults
