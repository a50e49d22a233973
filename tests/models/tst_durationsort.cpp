// Issue #16, defect 4: the instance list sorted by Duration in the order of its cells. The engine
// (real hub, ManualClock) measures a running instance's duration to now, as the cell shows it,
// not to its last update.

#include <engine.h>
#include <instancelistmodel.h>
#include <samples.h>

#include <QTemporaryDir>
#include <QTest>

using namespace durable;
using namespace durable::models;
using namespace std::chrono_literals;

class TestDurationSort : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    Registry m_registry;
    ManualClock m_clock { QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC) };
    std::unique_ptr<Engine> m_engine;

    void startApproval(const QString &id)
    {
        Client::StartOptions options;
        options.instanceId = id;
        QVERIFY(m_engine->start(QStringLiteral("Approval"), QJsonObject {}, options).result());
        // Waiting: its last update is its start.
        QTRY_VERIFY_WITH_TIMEOUT(m_engine->status(id).result().value_or(InstanceInfo {}).waiting.events.size() == 1,
                                 10000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        samples::registerAll(m_registry);
        EngineOptions options;
        options.hubPath = m_dir.filePath(QStringLiteral("hub.sqlite"));
        options.clock = &m_clock;
        auto engine = Engine::open(options, m_registry);
        QVERIFY(engine.has_value());
        m_engine = std::move(*engine);
    }
    void cleanupTestCase() { m_engine.reset(); }

    void runningInstancesSortByTheirLiveDuration()
    {
        startApproval(QStringLiteral("running-long")); // runs 61 min by the end
        startApproval(QStringLiteral("done-hour")); // finishes after 60 min
        m_clock.advance(60min);
        QVERIFY(m_engine->raiseEvent(QStringLiteral("done-hour"), QStringLiteral("ApprovalEvent"), true).result());
        QVERIFY(m_engine->waitForCompletion(QStringLiteral("done-hour"), 10000).result());
        startApproval(QStringLiteral("running-short")); // runs 1 min by the end
        m_clock.advance(1min);

        for (const bool descending : { true, false }) {
            InstanceListModel model(m_engine.get());
            model.setClock(&m_clock);
            InstanceQuery query;
            query.sortKey = SortKey::Duration;
            query.descending = descending;
            query.pageSize = 1; // one row a page: the order holds across continuations too
            model.setQuery(query);
            QTRY_VERIFY(!model.isLoading() && model.rowCount() > 0);
            while (model.canFetchMore({})) {
                model.fetchMore({});
                QTRY_VERIFY(!model.isLoading());
            }
            QCOMPARE(model.rowCount(), 3);
            QStringList ids, cells;
            QList<qint64> values;
            for (int row = 0; row < 3; ++row) {
                ids.append(model.index(row, InstanceListModel::Id).data().toString());
                cells.append(model.index(row, InstanceListModel::Duration).data().toString());
                values.append(
                    model.index(row, InstanceListModel::Duration).data(InstancePageModel::SortValueRole).toLongLong());
            }
            QStringList expected { QStringLiteral("running-long"), QStringLiteral("done-hour"),
                                   QStringLiteral("running-short") };
            if (!descending)
                std::reverse(expected.begin(), expected.end());
            QVERIFY2(ids == expected, qPrintable(ids.join(u' ') + QStringLiteral(" / ") + cells.join(u' ')));
            // What the cells show is in the order the rows are in.
            for (int row = 1; row < 3; ++row)
                QVERIFY(descending ? values.at(row - 1) > values.at(row) : values.at(row - 1) < values.at(row));
            QCOMPARE(values.at(descending ? 0 : 2), qint64(61 * 60 * 1000));
        }
    }
};

QTEST_MAIN(TestDurationSort)
#include "tst_durationsort.moc"
