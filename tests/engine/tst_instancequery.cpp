// The SQLite backend's query building and continuation codec, as pure functions.
#include "sqlite/instancequery.h"

#include <QRegularExpression>
#include <QTest>

using namespace durable;
using namespace durable::sqlite;

class TestInstanceQuery : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void continuationRoundTrips_data()
    {
        QTest::addColumn<QJsonValue>("sortValue");
        QTest::newRow("time") << QJsonValue(qint64(1767225600000));
        QTest::newRow("text") << QJsonValue(QStringLiteral("Flöw \"quoted\""));
        QTest::newRow("empty") << QJsonValue(QString());
    }
    void continuationRoundTrips()
    {
        QFETCH(QJsonValue, sortValue);
        const Continuation c { sortValue, QStringLiteral("id/with?odd#chars") };
        auto decoded = decodeContinuation(encodeContinuation(c));
        QVERIFY(decoded);
        QCOMPARE(decoded->sortValue, sortValue);
        QCOMPARE(decoded->instanceId, c.instanceId);
    }

    void malformedTokensAreRefused_data()
    {
        QTest::addColumn<QString>("token");
        QTest::newRow("not base64 json") << QStringLiteral("!!!");
        QTest::newRow("object") << QString::fromLatin1(QByteArray("{\"a\":1}").toBase64());
        QTest::newRow("one element") << QString::fromLatin1(QByteArray("[1]").toBase64());
        QTest::newRow("id not text") << QString::fromLatin1(QByteArray("[1,2]").toBase64());
    }
    void malformedTokensAreRefused()
    {
        QFETCH(QString, token);
        auto decoded = decodeContinuation(token);
        QVERIFY(!decoded);
        QCOMPARE(decoded.error().code, ErrorCode::InvalidArgument);
    }

    void filterValuesAreBoundNotWritten()
    {
        InstanceQuery query;
        query.statuses = { RuntimeStatus::Suspended, RuntimeStatus::Failed };
        query.name = QStringLiteral("Flow");
        query.createdFrom = QDateTime::fromMSecsSinceEpoch(1000, Qt::UTC);
        query.pageSize = 5000;
        auto built = buildInstanceQuery(query, "instance_id");
        QVERIFY(built);
        // No literal number anywhere but the page limit: enum values travel as bound values.
        QVERIFY2(!QString::fromUtf8(built->sql).contains(QRegularExpression(QStringLiteral("IN \\([0-9]"))),
                 built->sql.constData());
        QCOMPARE(built->binds.mid(0, 2), (QVariantList { int(RuntimeStatus::Failed), int(RuntimeStatus::Suspended) }));
        QCOMPARE(built->binds.at(2).toString(), QStringLiteral("Flow"));
        QCOMPARE(built->binds.at(3).toLongLong(), 1000);
        QCOMPARE(built->pageSize, 1000); // clamped
        QVERIFY(built->sql.endsWith("LIMIT 1001"));
    }

    void aBadContinuationFailsTheQuery()
    {
        InstanceQuery query;
        query.continuation = QStringLiteral("garbage");
        QVERIFY(!buildInstanceQuery(query, "instance_id"));
    }

    void purgeSelectsOnlyFinishedStatuses()
    {
        PurgeFilter running;
        running.statuses = { RuntimeStatus::Running, RuntimeStatus::Pending };
        QVERIFY(buildPurgeQuery(running, 10).sql.isEmpty());
        PurgeFilter any;
        const auto built = buildPurgeQuery(any, 10);
        QCOMPARE(built.binds.size(), 5); // four final statuses and the limit
        QCOMPARE(built.binds.last().toInt(), 10);
    }

    void sortValuesFollowTheKey()
    {
        InstanceInfo info;
        info.instanceId = QStringLiteral("x");
        info.createdAt = QDateTime::fromMSecsSinceEpoch(1000, Qt::UTC);
        info.lastUpdatedAt = QDateTime::fromMSecsSinceEpoch(4000, Qt::UTC);
        const auto asOf = QDateTime::fromMSecsSinceEpoch(9000, Qt::UTC);
        // Running: up to the instant of the query, as the list's cell counts it.
        info.status = RuntimeStatus::Running;
        QCOMPARE(sortValueOf(info, SortKey::Duration, asOf).toInteger(), 8000);
        // Finished without an end time: up to its last update.
        info.status = RuntimeStatus::Failed;
        QCOMPARE(sortValueOf(info, SortKey::Duration, asOf).toInteger(), 3000);
        info.completedAt = QDateTime::fromMSecsSinceEpoch(2500, Qt::UTC);
        QCOMPARE(sortValueOf(info, SortKey::Duration, asOf).toInteger(), 1500);
        QCOMPARE(sortValueOf(info, SortKey::InstanceId).toString(), QStringLiteral("x"));
    }

    void durationIsMeasuredToOneBoundInstant()
    {
        InstanceQuery query;
        query.sortKey = SortKey::Duration;
        query.asOf = QDateTime::fromMSecsSinceEpoch(123456789, Qt::UTC);
        auto first = buildInstanceQuery(query, "instance_id");
        QVERIFY(first);
        QCOMPARE(first->asOf, query.asOf);
        QVERIFY(!first->sql.contains("123456789"));
        QVERIFY(first->binds.contains(QVariant(qint64(123456789))));
        // A later page keeps the instant of the first, whatever the query says now.
        const Continuation token { qint64(5), QStringLiteral("a"), query.asOf };
        auto decoded = decodeContinuation(encodeContinuation(token));
        QVERIFY(decoded);
        QCOMPARE(decoded->asOf, query.asOf);
        query.continuation = encodeContinuation(token);
        query.asOf = query.asOf.addSecs(60);
        auto next = buildInstanceQuery(query, "instance_id");
        QVERIFY(next);
        QCOMPARE(next->asOf, token.asOf);
        // Placeholders and binds agree: the duration appears in WHERE and ORDER BY.
        QCOMPARE(next->sql.count('?'), next->binds.size());
    }
};

QTEST_GUILESS_MAIN(TestInstanceQuery)
#include "tst_instancequery.moc"
