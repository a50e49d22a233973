#include "historyfixtures.h"

#include <historycursor.h>

#include <QTest>

using namespace durable;
using namespace durable::models;

class TestHistoryCursor : public QObject {
    Q_OBJECT
private:
    static QList<LogLine> logs()
    {
        return { fixtures::logLine(1, 1, false, QStringLiteral("start")),
                 fixtures::logLine(2, 1, true, QStringLiteral("start")),
                 fixtures::logLine(3, 9, false, QStringLiteral("approved")),
                 fixtures::logLine(4, 13, false, QStringLiteral("done")) };
    }
    static QStringList names(const QList<CursorWork> &work)
    {
        QStringList result;
        for (const auto &w : work)
            result.append(w.scheduledAs == EventType::TimerCreated ? QStringLiteral("timer#%1").arg(w.actionId)
                                                                   : w.name);
        return result;
    }

private Q_SLOTS:
    void stateAt_data()
    {
        QTest::addColumn<int>("position");
        QTest::addColumn<QString>("event");
        QTest::addColumn<QStringList>("pending");
        QTest::addColumn<QStringList>("completed");
        QTest::addColumn<QStringList>("received");
        QTest::addColumn<QString>("customStatus"); // empty: unknown
        QTest::addColumn<int>("logCount");
        QTest::addColumn<bool>("finished");
        const QString approval = QStringLiteral("RequestApproval");
        const QString process = QStringLiteral("ProcessApproval");
        const QString timer = QStringLiteral("timer#1");
        const QString event = QStringLiteral("ApprovalEvent");
        QTest::newRow("start") << 0 << "OrchestratorStarted" << QStringList {} << QStringList {} << QStringList {} << ""
                               << 0 << false;
        QTest::newRow("scheduled") << 2 << "TaskScheduled" << QStringList { approval } << QStringList {}
                                   << QStringList {} << "" << 2 << false;
        QTest::newRow("first done") << 5 << "TaskCompleted" << QStringList {} << QStringList { approval }
                                    << QStringList {} << "" << 2 << false;
        QTest::newRow("timer") << 6 << "TimerCreated" << QStringList { timer } << QStringList { approval }
                               << QStringList {} << "" << 2 << false;
        QTest::newRow("custom status") << 7 << "OrchestratorCompleted" << QStringList { timer }
                                       << QStringList { approval } << QStringList {} << "waiting" << 2 << false;
        QTest::newRow("approved") << 9 << "EventRaised" << QStringList { timer } << QStringList { approval }
                                  << QStringList { event } << "waiting" << 3 << false;
        QTest::newRow("processing") << 10 << "TaskScheduled" << QStringList { timer, process }
                                    << QStringList { approval } << QStringList { event } << "waiting" << 3 << false;
        QTest::newRow("end") << 15 << "OrchestratorCompleted" << QStringList { timer }
                             << QStringList { approval, process } << QStringList { event } << "waiting" << 4 << true;
        QTest::newRow("clamped high") << 99 << "OrchestratorCompleted" << QStringList { timer }
                                      << QStringList { approval, process } << QStringList { event } << "waiting" << 4
                                      << true;
    }
    void stateAt()
    {
        QFETCH(int, position);
        QFETCH(QString, event);
        QFETCH(QStringList, pending);
        QFETCH(QStringList, completed);
        QFETCH(QStringList, received);
        QFETCH(QString, customStatus);
        QFETCH(int, logCount);
        QFETCH(bool, finished);
        const HistoryCursor cursor(fixtures::approvalHistory(), logs());
        const auto state = cursor.stateAt(position);
        QCOMPARE(eventTypeName(state.event.type), event);
        QCOMPARE(names(state.pending), pending);
        QCOMPARE(names(state.completed), completed);
        QCOMPARE(state.eventsReceived, received);
        QCOMPARE(state.customStatusKnown, !customStatus.isEmpty());
        if (!customStatus.isEmpty())
            QCOMPARE(state.customStatus.toString(), customStatus);
        QCOMPARE(state.logs.size(), logCount);
        QCOMPARE(state.finished, finished);
    }

    void completionCarriesOutcomeAndResult()
    {
        const auto state = HistoryCursor::compute(fixtures::fanOutHistory(4, 2), {}, 1000);
        QCOMPARE(state.completed.size(), 4);
        QCOMPARE(*state.completed.at(0).outcome, EventType::TaskCompleted);
        QCOMPARE(*state.completed.at(1).outcome, EventType::TaskFailed);
        QCOMPARE(state.completed.at(1).result.toObject().value(QStringLiteral("errorType")).toString(),
                 QStringLiteral("E"));
        QCOMPARE(state.completed.at(2).result.toInt(), 2);
        const auto timer = HistoryCursor::compute(fixtures::approvalHistory(), {}, 6).pending.first();
        QCOMPARE(timer.fireAt, QDateTime(QDate(2024, 1, 4), QTime(12, 0, 1), Qt::UTC));
    }

    void currentCustomStatusKnownAtTheEndOnly()
    {
        auto history = fixtures::fanOutHistory(2);
        HistoryCursor cursor(history, {});
        cursor.setCurrentCustomStatus(QJsonValue(QStringLiteral("now")));
        QVERIFY(!cursor.stateAt(1).customStatusKnown);
        QVERIFY(cursor.stateAt(cursor.count() - 1).customStatusKnown);
        QCOMPARE(cursor.stateAt(cursor.count() - 1).customStatus.toString(), QStringLiteral("now"));
    }

    void emptyHistory()
    {
        const auto state = HistoryCursor().stateAt(3);
        QCOMPARE(state.position, -1);
        QVERIFY(state.pending.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestHistoryCursor)
#include "tst_historycursor.moc"
