// The instance-id rules as a table: which rule an id breaks, how the engine words it, and that
// Engine::validateInstanceId applies exactly these rules.
#include "engine.h"
#include "instanceid.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QThread>

using namespace durable;

Q_DECLARE_METATYPE(durable::InstanceIdRule)

namespace {
constexpr int Valid = -1; // "rule" column of a valid id
}

class TestInstanceId : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rules_data();
    void rules();
    void engineForwardsToTheRules();
    void defaultLengthIsTheEngineDefault();
    void newIdsSortByCreation();
};

void TestInstanceId::rules_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<int>("maxLength");
    QTest::addColumn<bool>("refuseEntityPrefix");
    QTest::addColumn<int>("rule"); // an InstanceIdRule, or Valid
    QTest::addColumn<QString>("detail");

    const int max = DefaultMaxInstanceIdLength;
    const auto rule = [](InstanceIdRule r) { return int(r); };
    QTest::newRow("plain") << QStringLiteral("order-42") << max << false << Valid << QString();
    QTest::newRow("inner spaces, unicode") << QStringLiteral("a b é") << max << true << Valid << QString();
    QTest::newRow("at the limit") << QString(max, u'x') << max << true << Valid << QString();
    QTest::newRow("over the limit") << QString(max + 1, u'x') << max << false << rule(InstanceIdRule::TooLong)
                                    << QStringLiteral("the instance id has 257 characters; at most 256 are allowed");
    QTest::newRow("smaller limit") << QStringLiteral("abcdef") << 5 << false << rule(InstanceIdRule::TooLong)
                                   << QStringLiteral("the instance id has 6 characters; at most 5 are allowed");
    QTest::newRow("empty") << QString() << max << false << rule(InstanceIdRule::Empty)
                           << QStringLiteral("the instance id is empty");
    QTest::newRow("empty before length") << QString() << 0 << false << rule(InstanceIdRule::Empty)
                                         << QStringLiteral("the instance id is empty");
    QTest::newRow("entity prefix allowed") << QStringLiteral("@counter@1") << max << false << Valid << QString();
    QTest::newRow("entity prefix refused")
        << QStringLiteral("@counter@1") << max << true << rule(InstanceIdRule::EntityPrefix)
        << QStringLiteral("the instance id starts with '@', which is reserved for entities");
    QTest::newRow("at inside") << QStringLiteral("a@b") << max << true << Valid << QString();
    QTest::newRow("length before prefix")
        << QString(u'@') + QString(max, u'x') << max << true << rule(InstanceIdRule::TooLong)
        << QStringLiteral("the instance id has 257 characters; at most 256 are allowed");
    for (const QChar c : { u'/', u'\\', u'#', u'?' })
        QTest::addRow("forbidden %c", char(c.unicode()))
            << (QStringLiteral("a") + c + QStringLiteral("b")) << max << false
            << rule(InstanceIdRule::ForbiddenCharacter)
            << QStringLiteral("the instance id contains '%1', which is not allowed (no /, \\, #, ? or control "
                              "characters)")
                   .arg(c);
    QTest::newRow("tab") << QStringLiteral("a\tb") << max << false << rule(InstanceIdRule::ControlCharacter)
                         << QStringLiteral(
                                "the instance id contains '\\u0009', which is not allowed (no /, \\, #, ? or "
                                "control characters)");
    QTest::newRow("nul") << QString(QStringLiteral("a") + QChar(0) + QStringLiteral("b")) << max << false
                         << rule(InstanceIdRule::ControlCharacter)
                         << QStringLiteral(
                                "the instance id contains '\\u0000', which is not allowed (no /, \\, #, ? or "
                                "control characters)");
    QTest::newRow("first bad character wins")
        << QStringLiteral("a\n/b") << max << false << rule(InstanceIdRule::ControlCharacter)
        << QStringLiteral("the instance id contains '\\u000a', which is not allowed (no /, \\, #, ? or control "
                          "characters)");
    QTest::newRow("dot") << QStringLiteral(".") << max << false << rule(InstanceIdRule::DotSegment)
                         << QStringLiteral("the instance id must not be \".\" or \"..\"");
    QTest::newRow("dot dot") << QStringLiteral("..") << max << false << rule(InstanceIdRule::DotSegment)
                             << QStringLiteral("the instance id must not be \".\" or \"..\"");
    QTest::newRow("three dots") << QStringLiteral("...") << max << false << Valid << QString();
    const QString invalidEncoding = QStringLiteral(
        "the instance id is not valid Unicode (an unpaired surrogate or U+FFFD, the trace of invalid UTF-8)");
    QTest::newRow("replacement character") << QString(QStringLiteral("a") + QChar(QChar::ReplacementCharacter)) << max
                                           << false << rule(InstanceIdRule::InvalidEncoding) << invalidEncoding;
    QTest::newRow("lone high surrogate") << QString(QStringLiteral("a") + QChar(0xD800) + QStringLiteral("b")) << max
                                         << false << rule(InstanceIdRule::InvalidEncoding) << invalidEncoding;
    QTest::newRow("lone low surrogate") << QString(QChar(0xDC00)) << max << false
                                        << rule(InstanceIdRule::InvalidEncoding) << invalidEncoding;
    QTest::newRow("surrogate pair") << QString::fromUtf8("id-\xF0\x9F\x98\x80") << max << false << Valid << QString();
    QTest::newRow("leading space") << QStringLiteral(" a") << max << false
                                   << rule(InstanceIdRule::SurroundingWhiteSpace)
                                   << QStringLiteral("the instance id starts or ends with white space");
    QTest::newRow("trailing space") << QStringLiteral("a ") << max << false
                                    << rule(InstanceIdRule::SurroundingWhiteSpace)
                                    << QStringLiteral("the instance id starts or ends with white space");
    QTest::newRow("character before white space")
        << QStringLiteral(" a?") << max << false << rule(InstanceIdRule::ForbiddenCharacter)
        << QStringLiteral("the instance id contains '?', which is not allowed (no /, \\, #, ? or control characters)");
}

void TestInstanceId::rules()
{
    QFETCH(QString, id);
    QFETCH(int, maxLength);
    QFETCH(bool, refuseEntityPrefix);
    QFETCH(int, rule);
    QFETCH(QString, detail);
    const auto problem = checkInstanceId(id, { .maxLength = maxLength, .refuseEntityPrefix = refuseEntityPrefix });
    QCOMPARE(problem.has_value(), rule != Valid);
    const Status status = instanceIdStatus(id, { .maxLength = maxLength, .refuseEntityPrefix = refuseEntityPrefix });
    QCOMPARE(status.has_value(), rule == Valid);
    if (rule == Valid)
        return;
    QCOMPARE(int(problem->rule), rule);
    QCOMPARE(problem->detail(), detail);
    QCOMPARE(status.error().code, ErrorCode::InvalidArgument);
    QCOMPARE(status.error().message, detail);
}

void TestInstanceId::engineForwardsToTheRules()
{
    // The engine never refuses the entity prefix; everything else it refuses as checkInstanceId does.
    QVERIFY(Engine::validateInstanceId(QStringLiteral("@counter@1"), 256).has_value());
    const auto tooLong = Engine::validateInstanceId(QStringLiteral("abcdef"), 5);
    QVERIFY(!tooLong.has_value());
    QCOMPARE(tooLong.error().code, ErrorCode::InvalidArgument);
    QCOMPARE(tooLong.error().message, checkInstanceId(QStringLiteral("abcdef"), { .maxLength = 5 })->detail());
    const auto spaced = Engine::validateInstanceId(QStringLiteral("a "), 256);
    QVERIFY(!spaced.has_value());
    QCOMPARE(spaced.error().message, QStringLiteral("the instance id starts or ends with white space"));
}

void TestInstanceId::defaultLengthIsTheEngineDefault()
{
    QCOMPARE(EngineOptions().maxInstanceIdLength, DefaultMaxInstanceIdLength);
    QCOMPARE(InstanceIdRules().maxLength, DefaultMaxInstanceIdLength);
    QVERIFY(!InstanceIdRules().refuseEntityPrefix);
}

void TestInstanceId::newIdsSortByCreation()
{
    // 32 lowercase hex digits laid out as a UUID version 7: time first, so ids made in a later
    // millisecond sort after earlier ones, and new instances' rows go to the end of the tables.
    const QRegularExpression shape(QStringLiteral("^[0-9a-f]{12}7[0-9a-f]{3}[89ab][0-9a-f]{15}$"));
    QStringList ids;
    QSet<QString> unique;
    for (int round = 0; round < 5; ++round) {
        for (int i = 0; i < 200; ++i)
            ids.append(newId());
        // The next round in a later millisecond: wait for the clock to move, not for a time.
        const qint64 from = QDateTime::currentMSecsSinceEpoch();
        while (QDateTime::currentMSecsSinceEpoch() <= from)
            QThread::yieldCurrentThread();
    }
    for (const auto &id : std::as_const(ids)) {
        QVERIFY2(shape.match(id).hasMatch(), qPrintable(id));
        unique.insert(id);
    }
    QCOMPARE(unique.size(), ids.size());
    const qint64 before = QDateTime::currentMSecsSinceEpoch() - 60'000;
    QVERIFY(ids.first().left(12).toLongLong(nullptr, 16) > before);
    // Across rounds (in different milliseconds) the order is the order of creation.
    for (int round = 1; round < 5; ++round)
        QVERIFY2(ids.at(round * 200 - 1) < ids.at(round * 200), qPrintable(ids.at(round * 200)));
}

QTEST_GUILESS_MAIN(TestInstanceId)
#include "tst_instanceid.moc"
