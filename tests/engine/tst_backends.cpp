// The five patterns on an SQLite file and on a PostgreSQL hub, driven the same way on the same fake
// clock: the histories they leave must be identical, as the cached and replayed runs' are.
#include "enginefixture.h"
#include "samples.h"

#include <QJsonObject>

using namespace durable;
using namespace std::chrono_literals;

class TestBackends : public QObject {
    Q_OBJECT

private:
    struct Hub : testing::EngineFixture {
        ManualClock clock { QDateTime(QDate(2026, 2, 2), QTime(8, 30), Qt::UTC) };
        Hub()
        {
            samples::registerAll(registry);
            options.clock = &clock;
        }
        ~Hub() { close(); } // the engine reads the clock until it is gone
    };

    /// Advances the fake clock past each durable timer the instance arms, one at a time, until it
    /// finishes: every episode sees the same clock reading on either backend.
    static void runTimers(Hub &hub, const QString &id, std::chrono::seconds step, int rounds)
    {
        const auto nextTimerArmed = [&] {
            const auto info = hub.status(id);
            return isTerminal(info.status)
                || (!info.waiting.timers.isEmpty() && info.waiting.timers.first().fireAt > hub.clock.now());
        };
        for (int i = 0; i < rounds; ++i) {
            QTRY_VERIFY_WITH_TIMEOUT(nextTimerArmed(), 20000);
            // Advance only for a timer: a step more after the end would shift the later patterns.
            if (isTerminal(hub.status(id).status))
                return;
            hub.clock.advance(step);
        }
    }

    /// Runs the five patterns one after another on `hub` and returns their histories in
    /// comparable form, each line prefixed with its instance.
    static void runPatterns(Hub &hub, QStringList &lines)
    {
        const auto record = [&](const QString &id, const QString &expectedOutput) {
            const auto done = hub.finish(id, 60000);
            QCOMPARE(done.status, RuntimeStatus::Completed);
            QCOMPARE(
                QString::fromUtf8(
                    QJsonDocument(QJsonObject { { QStringLiteral("o"), done.output } }).toJson(QJsonDocument::Compact)),
                expectedOutput);
            auto content = testing::historyContent(hub.history(id));
            QVERIFY(!content.isEmpty());
            for (const auto &l : std::as_const(content))
                lines.append(id + u' ' + l);
        };

        // Function chaining.
        record(hub.start(QStringLiteral("FunctionChaining"), QStringLiteral("x"), QStringLiteral("chain")),
               QStringLiteral(R"({"o":"x>F1>F2>F3>F4"})"));
        if (QTest::currentTestFailed())
            return;

        // Fan-out/fan-in. How parallel completions group into episodes depends on thread timing:
        // compare the events themselves, sorted, without the episode markers.
        {
            QStringList fan;
            const QString id = hub.start(QStringLiteral("FanOutFanIn"), 40, QStringLiteral("fan"));
            const auto done = hub.finish(id, 60000);
            QCOMPARE(done.status, RuntimeStatus::Completed);
            QCOMPARE(done.output.toInt(), 22140); // sum of squares 1..40
            fan = testing::historyContent(hub.history(id));
            fan.removeIf([](const QString &l) {
                return l.startsWith(QLatin1String("OrchestratorStarted"))
                    || l.startsWith(QLatin1String("OrchestratorCompleted"));
            });
            fan.sort();
            QCOMPARE(fan.size(), 2 * 42 + 2); // 42 activities scheduled and completed, start and end
            for (const auto &l : std::as_const(fan))
                lines.append(id + u' ' + l);
        }

        // Async HTTP API: progress in the custom status, a durable timer per second.
        {
            const QString id = hub.start(QStringLiteral("AsyncHttpApi"), 2, QStringLiteral("http"));
            runTimers(hub, id, 1s, 4);
            if (QTest::currentTestFailed())
                return;
            record(id, QStringLiteral(R"({"o":{"result":"job complete","seconds":2}})"));
        }
        if (QTest::currentTestFailed())
            return;

        // Monitor: polls on a timer until the job is done.
        {
            const QString id = hub.start(QStringLiteral("Monitor"),
                                         QJsonObject { { QStringLiteral("jobId"), QStringLiteral("job-7") },
                                                       { QStringLiteral("pollSeconds"), 10 },
                                                       { QStringLiteral("expirySeconds"), 35 },
                                                       { QStringLiteral("completeAfterPolls"), 3 } },
                                         QStringLiteral("monitor"));
            runTimers(hub, id, 10s, 6);
            if (QTest::currentTestFailed())
                return;
            record(id, QStringLiteral(R"({"o":"done"})"));
        }
        if (QTest::currentTestFailed())
            return;

        // Human interaction: one approval answered by an external event, one escalated by its timer.
        {
            const QString approved = hub.start(QStringLiteral("Approval"), 1, QStringLiteral("approve"));
            QTRY_VERIFY_WITH_TIMEOUT(!hub.status(approved).waiting.events.isEmpty(), 20000);
            QVERIFY(testing::wait(hub.engine->raiseEvent(approved, QStringLiteral("ApprovalEvent"), true)));
            record(approved, QStringLiteral(R"({"o":"approved"})"));
            if (QTest::currentTestFailed())
                return;
            const QString escalated = hub.start(QStringLiteral("Approval"), 2, QStringLiteral("escalate"));
            runTimers(hub, escalated, 72h, 2);
            if (QTest::currentTestFailed())
                return;
            record(escalated, QStringLiteral(R"({"o":"escalated"})"));
        }
    }

private Q_SLOTS:
    void patternsLeaveIdenticalHistories()
    {
        DURABLE_NEED_PG();
        QStringList results[2];
        const testing::Backend backends[2] = { testing::Backend::Sqlite, testing::Backend::Postgresql };
        for (int i = 0; i < 2; ++i) {
            testing::selectedBackend() = backends[i];
            Hub hub;
            testing::selectedBackend() = testing::Backend::Sqlite;
            QVERIFY(hub.open());
            runPatterns(hub, results[i]);
            if (QTest::currentTestFailed())
                return;
        }
        QCOMPARE(results[1].size(), results[0].size());
        for (qsizetype i = 0; i < results[0].size(); ++i)
            QCOMPARE(results[1].at(i), results[0].at(i));
    }
};

QTEST_GUILESS_MAIN(TestBackends)
#include "tst_backends.moc"
