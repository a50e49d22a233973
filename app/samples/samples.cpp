#include "samples.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QMutex>
#include <QThread>

namespace durable::samples {

namespace {

    using namespace std::chrono_literals;

    /// Descriptions are registered in English and shown translated (models::translatedDescription).
    QString described(const char *text)
    {
        return QString::fromUtf8(text);
    }

    QJsonValue append(const QJsonValue &input, const QString &name)
    {
        return QJsonValue(input.toString() + u'>' + name);
    }

    // F1..F4 serve both the chaining sample (strings: append ">Fn") and the fan-out sample (numbers).
    void registerFunctions(Registry &registry)
    {
        registry.addActivity(
            QStringLiteral("F1"),
            [](ActivityContext &, const QJsonValue &input) -> QJsonValue {
                if (input.isString() || input.isNull() || input.isUndefined())
                    return append(input, QStringLiteral("F1"));
                const int n = input.isObject() ? input[QLatin1String("n")].toInt() : input.toInt();
                QJsonArray items;
                for (int i = 1; i <= n; ++i)
                    items.append(i);
                return items;
            },
            described(QT_TRANSLATE_NOOP("durable::Registry",
                                        "Chaining: appends \">F1\". Fan-out: returns the work items 1..N.")));
        registry.addActivity(
            QStringLiteral("F2"),
            [](ActivityContext &, const QJsonValue &input) -> QJsonValue {
                if (input.isString())
                    return append(input, QStringLiteral("F2"));
                double x = input.toDouble();
                if (input.isObject()) {
                    x = input[QLatin1String("x")].toDouble();
                    if (const int delay = input[QLatin1String("delayMs")].toInt(); delay > 0)
                        QThread::msleep(ulong(delay));
                }
                return x * x;
            },
            described(QT_TRANSLATE_NOOP("durable::Registry",
                                        "Chaining: appends \">F2\". Fan-out: returns x*x (after delayMs).")));
        registry.addActivity(
            QStringLiteral("F3"),
            [](ActivityContext &context, const QJsonValue &input) -> QJsonValue {
                if (input.isString())
                    return append(input, QStringLiteral("F3"));
                context.log(QStringLiteral("aggregate received: %1").arg(input.toDouble(), 0, 'f', 0));
                return input;
            },
            described(QT_TRANSLATE_NOOP("durable::Registry", "Chaining: appends \">F3\". Fan-out: receives the sum.")));
        registry.addActivity(
            QStringLiteral("F4"),
            [](ActivityContext &, const QJsonValue &input) -> QJsonValue {
                return append(input, QStringLiteral("F4"));
            },
            described(QT_TRANSLATE_NOOP("durable::Registry", "Chaining: appends \">F4\".")));
    }

    Task<QJsonValue> functionChaining(OrchestrationContext &ctx)
    {
        try {
            const QJsonValue x = co_await ctx.callActivity(QStringLiteral("F1"), ctx.input());
            const QJsonValue y = co_await ctx.callActivity(QStringLiteral("F2"), x);
            const QJsonValue z = co_await ctx.callActivity(QStringLiteral("F3"), y);
            co_return co_await ctx.callActivity(QStringLiteral("F4"), z);
        } catch (const TaskFailedError &e) {
            // Compensation would go here; report what failed.
            ctx.log(LogLevel::Error, QStringLiteral("chain failed: %1").arg(e.details().errorMessage));
            throw;
        }
    }

    Task<QJsonValue> fanOutFanIn(OrchestrationContext &ctx)
    {
        const QJsonValue input = ctx.input();
        const int n = input.isObject() ? input[QLatin1String("n")].toInt() : input.toInt();
        const int delayMs = input.isObject() ? input[QLatin1String("delayMs")].toInt() : 0;
        const QJsonArray workBatch = (co_await ctx.callActivity(QStringLiteral("F1"), n)).toArray();
        ctx.log(QStringLiteral("fanning out %1 work items").arg(workBatch.size()));
        std::vector<Future> parallel;
        parallel.reserve(size_t(workBatch.size()));
        for (const auto &item : workBatch) {
            const QJsonValue arg = delayMs > 0
                ? QJsonValue(QJsonObject { { QStringLiteral("x"), item }, { QStringLiteral("delayMs"), delayMs } })
                : item;
            parallel.push_back(ctx.callActivity(QStringLiteral("F2"), arg));
        }
        co_await whenAll(parallel);
        double sum = 0;
        for (const auto &f : parallel)
            sum += f.result().toDouble();
        ctx.log(QStringLiteral("fan-in complete, sum %1").arg(sum, 0, 'f', 0));
        co_return co_await ctx.callActivity(QStringLiteral("F3"), sum);
    }

    Task<QJsonValue> asyncHttpApi(OrchestrationContext &ctx)
    {
        const int seconds = qMax(1, ctx.input().toInt(10));
        for (int step = 1; step <= seconds; ++step) {
            co_await ctx.createTimer(1s);
            co_await ctx.callActivity(QStringLiteral("DoWorkStep"), step);
            ctx.setCustomStatus(QJsonObject { { QStringLiteral("step"), step },
                                              { QStringLiteral("of"), seconds },
                                              { QStringLiteral("percentComplete"), step * 100 / seconds } });
        }
        co_return QJsonObject { { QStringLiteral("seconds"), seconds },
                                { QStringLiteral("result"), QStringLiteral("job complete") } };
    }

    Task<QJsonValue> monitor(OrchestrationContext &ctx)
    {
        const QJsonObject input = ctx.input().toObject();
        const QString jobId = input[QLatin1String("jobId")].toString();
        const int pollSeconds = qMax(1, input[QLatin1String("pollSeconds")].toInt(5));
        const QDateTime expiry = ctx.currentUtcDateTime().addSecs(input[QLatin1String("expirySeconds")].toInt(60));
        const int completeAfter = input[QLatin1String("completeAfterPolls")].toInt(3);
        int poll = 0;
        while (ctx.currentUtcDateTime() < expiry) {
            ++poll;
            // Built before the co_await: GCC 12 cannot keep an initializer list alive across a suspension.
            const QJsonObject request { { QStringLiteral("jobId"), jobId },
                                        { QStringLiteral("poll"), poll },
                                        { QStringLiteral("completeAfterPolls"), completeAfter } };
            const QJsonValue status = co_await ctx.callActivity(QStringLiteral("GetJobStatus"), request);
            ctx.setCustomStatus(
                QJsonObject { { QStringLiteral("polls"), poll }, { QStringLiteral("jobStatus"), status } });
            if (status.toString() == QLatin1String("Completed")) {
                co_await ctx.callActivity(QStringLiteral("SendAlert"), jobId);
                co_return QJsonValue(QLatin1String("done"));
            }
            co_await ctx.createTimer(ctx.currentUtcDateTime().addSecs(pollSeconds));
        }
        co_return QJsonValue(QLatin1String("expired"));
    }

    Task<QJsonValue> approval(OrchestrationContext &ctx)
    {
        co_await ctx.callActivity(QStringLiteral("RequestApproval"), ctx.input());
        Future timeout = ctx.createTimer(ctx.currentUtcDateTime().addSecs(72 * 3600));
        Future approved = ctx.waitForExternalEvent(QLatin1String(ApprovalEventName));
        if (co_await whenAny(approved, timeout) == 0) {
            timeout.cancel();
            co_return co_await ctx.callActivity(QStringLiteral("ProcessApproval"), approved.result());
        }
        co_return co_await ctx.callActivity(QStringLiteral("Escalate"), ctx.input());
    }

    Task<QJsonValue> retryChild(OrchestrationContext &ctx)
    {
        RetryPolicy policy;
        policy.firstRetryInterval = 200ms;
        policy.maxNumberOfAttempts = 5;
        policy.backoffCoefficient = 2.0;
        co_return co_await ctx.callActivity(QStringLiteral("FlakyActivity"), ctx.input(), policy);
    }

    Task<QJsonValue> subOrchestrationWithRetry(OrchestrationContext &ctx)
    {
        const QJsonValue child = co_await ctx.callSubOrchestrator(QStringLiteral("RetryChild"), ctx.input());
        co_return QJsonObject { { QStringLiteral("child"), child } };
    }

    Task<QJsonValue> eternal(OrchestrationContext &ctx)
    {
        QJsonObject state = ctx.input().isObject() ? ctx.input().toObject()
                                                   : QJsonObject { { QStringLiteral("count"), ctx.input().toInt() } };
        int count = state[QLatin1String("count")].toInt();
        const int limit = state[QLatin1String("limit")].toInt();
        const int intervalMs = state[QLatin1String("intervalMs")].toInt(1000);
        for (int i = 0; i < 3; ++i) {
            ++count;
            co_await ctx.callActivity(QStringLiteral("Tick"), count);
            ctx.setCustomStatus(QJsonObject { { QStringLiteral("count"), count } });
            if (limit > 0 && count >= limit)
                co_return count;
            co_await ctx.createTimer(std::chrono::milliseconds(intervalMs));
        }
        state.insert(QStringLiteral("count"), count);
        ctx.continueAsNew(state, true);
        co_return count;
    }

    void registerPatternActivities(Registry &registry)
    {
        registry.addActivity(QStringLiteral("DoWorkStep"),
                             [](ActivityContext &context, const QJsonValue &step) -> QJsonValue {
                                 context.log(QStringLiteral("working on step %1").arg(step.toInt()));
                                 return step;
                             });
        registry.addActivity(QStringLiteral("GetJobStatus"),
                             [](ActivityContext &, const QJsonValue &input) -> QJsonValue {
                                 const int poll = input[QLatin1String("poll")].toInt();
                                 const int completeAfter = input[QLatin1String("completeAfterPolls")].toInt(3);
                                 return completeAfter > 0 && poll >= completeAfter ? QStringLiteral("Completed")
                                                                                   : QStringLiteral("Running");
                             });
        registry.addActivity(QStringLiteral("SendAlert"),
                             [](ActivityContext &context, const QJsonValue &jobId) -> QJsonValue {
                                 context.log(QStringLiteral("alert: job %1 completed").arg(jobId.toString()));
                                 return true;
                             });
        registry.addActivity(QStringLiteral("RequestApproval"),
                             [](ActivityContext &context, const QJsonValue &) -> QJsonValue {
                                 context.log(QStringLiteral("approval requested for %1").arg(context.instanceId()));
                                 return true;
                             });
        registry.addActivity(QStringLiteral("ProcessApproval"),
                             [](ActivityContext &context, const QJsonValue &approved) -> QJsonValue {
                                 context.log(approved.toBool() ? QStringLiteral("request approved")
                                                               : QStringLiteral("request rejected"));
                                 return approved.toBool() ? QStringLiteral("approved") : QStringLiteral("rejected");
                             });
        registry.addActivity(
            QStringLiteral("Escalate"), [](ActivityContext &context, const QJsonValue &) -> QJsonValue {
                context.log(LogLevel::Warning, QStringLiteral("no answer within 72 hours: escalating"));
                return QStringLiteral("escalated");
            });
        registry.addActivity(
            QStringLiteral("FlakyActivity"), [](ActivityContext &context, const QJsonValue &input) -> QJsonValue {
                // Fails on the first two attempts of each instance, then succeeds.
                static QMutex mutex;
                static QHash<QString, int> attempts;
                int attempt = 0;
                {
                    QMutexLocker lock(&mutex);
                    attempt = ++attempts[context.instanceId()];
                }
                if (attempt <= 2)
                    throw ActivityError(QStringLiteral("TransientError"),
                                        QStringLiteral("attempt %1 failed").arg(attempt));
                context.log(QStringLiteral("succeeded on attempt %1").arg(attempt));
                return QJsonObject { { QStringLiteral("attempts"), attempt }, { QStringLiteral("input"), input } };
            });
        registry.addActivity(QStringLiteral("Tick"),
                             [](ActivityContext &, const QJsonValue &count) -> QJsonValue { return count; });
    }

} // namespace

void registerAll(Registry &registry)
{
    registerFunctions(registry);
    registerPatternActivities(registry);
    registry.addOrchestrator(
        QStringLiteral("FunctionChaining"), functionChaining,
        described(QT_TRANSLATE_NOOP("durable::Registry",
                                    "Pattern 1: F1, F2, F3, F4 in sequence, each appending to the input.")),
        QStringLiteral("go"));
    registry.addOrchestrator(
        QStringLiteral("FanOutFanIn"), fanOutFanIn,
        described(QT_TRANSLATE_NOOP("durable::Registry", "Pattern 2: N parallel squares (F2), summed by F3.")),
        QJsonObject { { QStringLiteral("n"), 100 }, { QStringLiteral("delayMs"), 20 } });
    registry.addOrchestrator(
        QStringLiteral("AsyncHttpApi"), asyncHttpApi,
        described(QT_TRANSLATE_NOOP("durable::Registry",
                                    "Pattern 3: a long-running job reporting progress in its custom status.")),
        10);
    registry.addOrchestrator(
        QStringLiteral("Monitor"), monitor,
        described(
            QT_TRANSLATE_NOOP("durable::Registry", "Pattern 4: polls a job on a durable timer until done or expired.")),
        QJsonObject { { QStringLiteral("jobId"), QStringLiteral("job-1") },
                      { QStringLiteral("pollSeconds"), 2 },
                      { QStringLiteral("expirySeconds"), 60 } });
    registry.addOrchestrator(QStringLiteral("Approval"), approval,
                             described(QT_TRANSLATE_NOOP(
                                 "durable::Registry", "Pattern 5: waits 72 hours for ApprovalEvent, else escalates.")),
                             QJsonObject { { QStringLiteral("request"), QStringLiteral("expense report 42") } });
    registry.addOrchestrator(
        QStringLiteral("RetryChild"), retryChild,
        described(QT_TRANSLATE_NOOP("durable::Registry",
                                    "Child of SubOrchestrationWithRetry: a flaky activity under a retry policy.")));
    registry.addOrchestrator(
        QStringLiteral("SubOrchestrationWithRetry"), subOrchestrationWithRetry,
        described(
            QT_TRANSLATE_NOOP("durable::Registry", "Calls RetryChild, whose activity fails twice before succeeding.")),
        QStringLiteral("payload"));
    registry.addOrchestrator(
        QStringLiteral("Eternal"), eternal,
        described(QT_TRANSLATE_NOOP("durable::Registry", "Counts forever, continuing as new every three iterations.")),
        QJsonObject { { QStringLiteral("count"), 0 }, { QStringLiteral("intervalMs"), 1000 } });
}

} // namespace durable::samples
