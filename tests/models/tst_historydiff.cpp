// HistoryDiff on the histories of real runs: identical runs, a different activity result, a run
// that fails where the other completes, and a timing difference.

#include "comparefixtures.h"

#include <formatting.h>
#include <historydiff.h>

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QTest>

using namespace durable;
using namespace durable::models;
using namespace Qt::StringLiterals;

class TestHistoryDiff : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    Registry m_registry;
    std::unique_ptr<Engine> m_engine;

    History run(const QString &instanceId)
    {
        const auto info = testing::runToEnd(*m_engine, QStringLiteral("Chain3"), instanceId);
        if (!info) {
            qWarning() << info.error().message;
            return {};
        }
        return m_engine->history(instanceId).result().value_or(History {});
    }

    static int rowOf(const HistoryDiff &diff, const QString &name)
    {
        for (int r = 0; r < diff.rows.size(); ++r) {
            const auto &row = diff.rows.at(r);
            if ((row.left && row.left->name == name) || (row.right && row.right->name == name))
                return r;
        }
        return -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        testing::registerCompareFixtures(m_registry);
        EngineOptions options;
        options.hubPath = m_dir.filePath(QStringLiteral("hub.sqlite"));
        auto engine = Engine::open(options, m_registry);
        QVERIFY2(engine.has_value(), qPrintable(engine ? QString() : engine.error().message));
        m_engine = std::move(*engine);
    }
    void cleanupTestCase() { m_engine.reset(); }

    void actionsOfARun()
    {
        const auto history = run(QStringLiteral("actions"));
        const auto actions = runActions(history);
        QStringList labels;
        for (const auto &a : actions)
            labels << a.label() + u'=' + a.outcomeText();
        QCOMPARE(labels,
                 QStringList({ u"start=recorded"_s, u"Prepare (#0)=completed"_s, u"Work (#1)=completed"_s,
                               u"Finish (#2)=completed"_s, u"end=completed"_s }));
        QCOMPARE(actions.at(2).input, QJsonValue(QStringLiteral("go")));
        QCOMPARE(actions.at(2).output, QJsonValue(QStringLiteral("go!")));
        QCOMPARE(history.at(actions.at(2).endPosition).type, EventType::TaskCompleted);
    }

    void identicalRuns()
    {
        const auto diff = HistoryDiff::compare(run(QStringLiteral("same-1")), run(QStringLiteral("same-2")));
        QVERIFY2(diff.identical(), qPrintable(diff.summary()));
        QCOMPARE(diff.rows.size(), 5);
        QCOMPARE(diff.divergenceRow, -1);
        QCOMPARE(diff.summary(), QStringLiteral("Identical actions, inputs and outputs."));
    }

    void differentActivityResult()
    {
        const auto diff = HistoryDiff::compare(run(QStringLiteral("result-1")), run(QStringLiteral("result-other")));
        QCOMPARE(diff.divergenceRow, -1); // same actions, same outcomes
        const int work = rowOf(diff, QStringLiteral("Work"));
        QCOMPARE(diff.firstOutputRow, work);
        QVERIFY(diff.rows.at(work).differences.testFlag(HistoryDiff::Output));
        QVERIFY(!diff.rows.at(work).differences.testFlag(HistoryDiff::Input));
        QCOMPARE(diff.rows.at(work).right->output, QJsonValue(QStringLiteral("changed")));
        // What Work returned flows on: Finish's input differs too, Prepare does not.
        QVERIFY(diff.rows.at(rowOf(diff, QStringLiteral("Finish"))).differences.testFlag(HistoryDiff::Input));
        QCOMPARE(diff.rows.at(rowOf(diff, QStringLiteral("Prepare"))).differences, HistoryDiff::None);
        QCOMPARE(diff.summary(), QStringLiteral("Identical actions; outputs differ at Work (#1)."));
    }

    void failsWhereTheOtherCompletes()
    {
        const auto failed = run(QStringLiteral("diverge-fail"));
        const auto completed = run(QStringLiteral("diverge-ok"));
        qint64 failure = -1;
        for (const auto &e : failed) {
            if (e.type == EventType::TaskFailed)
                failure = e.sequence;
        }
        QVERIFY(failure > 0);
        const auto diff = HistoryDiff::compare(failed, completed);
        QCOMPARE(diff.divergenceRow, rowOf(diff, QStringLiteral("Work")));
        QCOMPARE(diff.summary(),
                 QStringLiteral("Diverges at event %1: Work (#1) failed on the left, completed on "
                                "the right.")
                     .arg(failure));
        // Finish ran on the right only: a gap on the left.
        const auto &finish = diff.rows.at(rowOf(diff, QStringLiteral("Finish")));
        QVERIFY(!finish.left && finish.right);
        QCOMPARE(finish.differences, HistoryDiff::Missing);
        QVERIFY(diff.rows.last().differences.testFlag(HistoryDiff::Outcome)); // the end: failed vs completed
        // The other way round the sides swap.
        const auto reverse = HistoryDiff::compare(completed, failed);
        QVERIFY(reverse.summary().contains(QLatin1String("Work (#1) completed on the left, failed on the right")));
    }

    void timingDifference()
    {
        const auto diff = HistoryDiff::compare(run(QStringLiteral("timing-slow")), run(QStringLiteral("timing-fast")));
        QCOMPARE(diff.divergenceRow, -1);
        const int work = rowOf(diff, QStringLiteral("Work"));
        QCOMPARE(diff.timingRow, work);
        const auto &row = diff.rows.at(work);
        QVERIFY(row.differences.testFlag(HistoryDiff::Timing));
        QVERIFY(row.left->durationMs >= 600);
        QVERIFY(row.ratio() >= HistoryDiff::TimingRatio);
        QCOMPARE(diff.summary(),
                 QStringLiteral("Identical actions, inputs and outputs. Activity Work took %1 vs %2.")
                     .arg(formatDuration(row.left->durationMs), formatDuration(row.right->durationMs)));
    }

    void tableModel()
    {
        HistoryDiffModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDiff(HistoryDiff::compare(run(QStringLiteral("model-fail")), run(QStringLiteral("model-ok"))));
        QCOMPARE(model.rowCount(), 5); // start, Prepare, Work, Finish (right only), end
        const int finish = rowOf(model.diff(), QStringLiteral("Finish"));
        QCOMPARE(model.index(finish, HistoryDiffModel::Action).data().toString(), QStringLiteral("Finish (#2)"));
        QVERIFY(!model.index(finish, HistoryDiffModel::LeftOutcome).data().isValid()); // the gap
        QVERIFY(model.index(finish, HistoryDiffModel::LeftOutcome).data(Qt::BackgroundRole).isValid());
        const int work = rowOf(model.diff(), QStringLiteral("Work"));
        QCOMPARE(model.index(work, HistoryDiffModel::LeftOutcome).data().toString(), QStringLiteral("failed"));
        QCOMPARE(model.index(work, HistoryDiffModel::RightOutcome).data().toString(), QStringLiteral("completed"));
        QVERIFY(model.index(work, HistoryDiffModel::Differs).data().toString().contains(QLatin1String("outcome")));
        QVERIFY(!model.index(0, HistoryDiffModel::Differs).data().toString().contains(QLatin1String("outcome")));
    }

    void unmatchedActionsInterleave()
    {
        // The right run scheduled one F2 more: its F3 has another id, so both F3s are unmatched
        // and sit next to each other, after the extra F2.
        const auto event = [](qint64 seq, EventType type, int eventId, const QString &name) {
            return HistoryEvent { seq, type, eventId, -1, name, {}, QDateTime::fromMSecsSinceEpoch(seq, Qt::UTC) };
        };
        const History left { event(0, EventType::ExecutionStarted, -1, u"P"_s),
                             event(1, EventType::TaskScheduled, 0, u"F2"_s),
                             event(2, EventType::TaskScheduled, 1, u"F3"_s) };
        const History right { event(0, EventType::ExecutionStarted, -1, u"P"_s),
                              event(1, EventType::TaskScheduled, 0, u"F2"_s),
                              event(2, EventType::TaskScheduled, 1, u"F2"_s),
                              event(3, EventType::TaskScheduled, 2, u"F3"_s) };
        const auto diff = HistoryDiff::compare(left, right);
        QStringList rows;
        for (const auto &row : diff.rows)
            rows << (row.left ? row.left->label() : u"-"_s) + u'|' + (row.right ? row.right->label() : u"-"_s);
        QCOMPARE(
            rows,
            QStringList({ u"start|start"_s, u"F2 (#0)|F2 (#0)"_s, u"-|F2 (#1)"_s, u"F3 (#1)|-"_s, u"-|F3 (#2)"_s }));
        QCOMPARE(diff.summary(), u"Diverges at event 2: F2 (#1) only on the right."_s);
    }

    void orderOfCompletions()
    {
        // Two runs whose activities completed in another order: only the moved one is flagged.
        const auto at = [](int s) { return QDateTime::fromMSecsSinceEpoch(1'700'000'000'000 + s * 10, Qt::UTC); };
        const auto event = [&](qint64 seq, EventType type, int eventId, int taskId, const QString &name) {
            return HistoryEvent { seq, type, eventId, taskId, name, {}, at(int(seq)) };
        };
        const History left {
            event(0, EventType::ExecutionStarted, -1, -1, u"P"_s), event(1, EventType::TaskScheduled, 0, -1, u"A"_s),
            event(2, EventType::TaskScheduled, 1, -1, u"B"_s),     event(3, EventType::TaskScheduled, 2, -1, u"C"_s),
            event(4, EventType::TaskCompleted, -1, 0, QString()),  event(5, EventType::TaskCompleted, -1, 1, QString()),
            event(6, EventType::TaskCompleted, -1, 2, QString())
        };
        History right = left;
        right[4].taskId = 2; // C first, then A, then B
        right[5].taskId = 0;
        right[6].taskId = 1;
        const auto diff = HistoryDiff::compare(left, right);
        QCOMPARE(diff.orderRows, 1);
        QVERIFY(diff.rows.at(rowOf(diff, QStringLiteral("C"))).differences.testFlag(HistoryDiff::Order));
        QVERIFY(diff.summary().endsWith(QLatin1String("1 action(s) completed in another order.")));
    }
};

QTEST_GUILESS_MAIN(TestHistoryDiff)
#include "tst_historydiff.moc"
