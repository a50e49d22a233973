// The engine's JSON writer against QJsonDocument's compact output: stored payload text must not
// depend on which of the two wrote it.
#include "json.h"
#include "types.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>
#include <limits>

using namespace durable;

Q_DECLARE_METATYPE(QJsonValue)

class TestJson : public QObject {
    Q_OBJECT

private:
    static QByteArray reference(const QJsonValue &value)
    {
        if (value.isObject())
            return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
        if (value.isArray())
            return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
        const QByteArray wrapped = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
        return wrapped.mid(1, wrapped.size() - 2);
    }

private Q_SLOTS:
    void sameTextAsQJsonDocument_data()
    {
        QTest::addColumn<QJsonValue>("value");
        const auto row = [](const char *name, const QJsonValue &value) { QTest::newRow(name) << value; };
        row("null", QJsonValue());
        row("true", true);
        row("false", false);
        row("zero", 0);
        row("negative zero", -0.0);
        row("small int", 42);
        row("negative int", -17);
        row("fraction", 1.5);
        row("negative fraction", -2.25);
        row("tenth", 0.1);
        row("tiny", 1e-7);
        row("three as double", 3.0);
        row("large int", qint64(123456789012));
        row("2^53", qint64(1) << 53);
        row("2^53 + 1", (qint64(1) << 53) + 1);
        row("int64 max", std::numeric_limits<qint64>::max());
        row("int64 min", std::numeric_limits<qint64>::min());
        row("1e18 double", 1e18);
        row("1e20", 1e20);
        row("-1e20", -1e20);
        row("max double", std::numeric_limits<double>::max());
        row("denormal", std::numeric_limits<double>::denorm_min());
        row("third", 1.0 / 3.0);
        row("NaN", std::nan(""));
        row("infinity", std::numeric_limits<double>::infinity());
        row("empty string", QString());
        row("plain string", QStringLiteral("abc"));
        row("quotes and backslash", QStringLiteral("say \"hi\" \\ there / now"));
        row("short escapes", QStringLiteral("a\bb\fc\nd\re\tf"));
        row("control characters", QString::fromLatin1("\x01\x02\x1b\x1f\x7f", 5));
        row("nul", QString(QChar(0)));
        row("accents", QStringLiteral("crème brûlée"));
        row("cjk", QString::fromUtf8("\xe4\xb8\xad\xe6\x96\x87"));
        row("emoji", QString::fromUtf8("\xf0\x9f\x98\x80"));
        row("lone surrogate", QString(QString(QChar(0xd800)) + QStringLiteral("x")));
        row("line separator", QString(QChar(0x2028)));
        row("empty object", QJsonObject());
        row("empty array", QJsonArray());
        row("object",
            QJsonObject {
                { QStringLiteral("zeta"), 1 },
                { QStringLiteral("alpha"), QStringLiteral("x") },
                { QStringLiteral("key \"with\" quotes\n"), QJsonValue() },
                { QStringLiteral("nested"),
                  QJsonObject { { QStringLiteral("list"), QJsonArray { 1, 2.5, false, QJsonObject() } } } } });
        row("array", QJsonArray { 1, QStringLiteral("two"), QJsonArray { 3, QJsonArray() }, QJsonValue(), 1e300 });
        QJsonArray big;
        for (int i = 0; i < 200; ++i)
            big.append(
                QJsonObject { { QStringLiteral("x"), i * 0.7 }, { QStringLiteral("s"), QString(i % 40, u'é') } });
        row("many values", big);
    }

    void sameTextAsQJsonDocument()
    {
        QFETCH(QJsonValue, value);
        const QByteArray expected = reference(value);
        QCOMPARE(json::toText(value), expected);
        if (value.isObject())
            QCOMPARE(json::toText(value.toObject()), expected);
        // What it wrote parses, and the parsed value is written as QJsonDocument writes it too
        // (a parser may store 1e+18 as an integer: the texts then differ for both writers alike).
        const auto parsed = json::parse(json::toText(value));
        QVERIFY(parsed.has_value());
        QCOMPARE(json::toText(*parsed), reference(*parsed));
        // A one-member object written without building it: the text of the object built.
        const QJsonObject member { { QStringLiteral("result"), value } };
        QCOMPARE(json::memberText(u"result", value), json::toText(member));
        QCOMPARE(json::memberText(u"key \"q\"", value),
                 json::toText(QJsonObject { { QStringLiteral("key \"q\""), value } }));
        // From the value's text already written: the same bytes.
        QCOMPARE(json::memberText(u"result", json::toText(value)), json::toText(member));
    }

    void undefinedIsEmpty()
    {
        QVERIFY(json::toText(QJsonValue(QJsonValue::Undefined)).isEmpty());
        // {key: undefined} has no member; it is stored as no data, not as "{}".
        QVERIFY(json::memberText(u"input", QJsonValue(QJsonValue::Undefined)).isEmpty());
        QVERIFY(json::memberText(u"input", QByteArrayView()).isEmpty());
    }

    void waitStateTextIsItsObjectsText()
    {
        // Written directly on every step: the same text as its object, member order included.
        QVERIFY(WaitState {}.toText().isEmpty());
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(1'700'000'000'123, Qt::UTC);
        const QList<WaitState::Timer> timers { { 3, at }, { 12, at.addSecs(90) }, { 4, QDateTime() } };
        const QStringList events { QStringLiteral("Approval"), QStringLiteral("say \"ok\"\n"),
                                   QString::fromUtf8("\xe4\xb8\xad") };
        for (int mask = 1; mask < 16; ++mask) {
            WaitState w;
            if (mask & 1)
                w.activities = 10'000;
            if (mask & 2)
                w.events = mask & 8 ? events : events.mid(0, 1);
            if (mask & 4)
                w.subOrchestrations = 2;
            if (mask & 8)
                w.timers = mask & 2 ? timers : timers.mid(0, 1);
            QCOMPARE(w.toText(), json::toText(w.toJson()));
            QCOMPARE(WaitState::fromJson(json::parseObject(w.toText())).activities, w.activities);
        }
    }

    void writesLongPlainAndMixedStrings()
    {
        // The writer copies eight plain characters at a time: every position of a character that
        // needs care within and after such runs.
        const QString specials[]
            = { QStringLiteral("\""),   QStringLiteral("\\"),   QStringLiteral("\n"),
                QString(QChar(0x1f)),   QString(QChar(0x7f)),   QStringLiteral("\u00e9"),
                QString(QChar(0x20)),   QString(QChar(0x7e)),   QString(QChar(0x100)),
                QString(QChar(0xe000)), QString(QChar(0xd800)), QString::fromUtf8("\xf0\x9f\x98\x80") };
        for (const QString &special : specials) {
            for (int at = 0; at < 20; ++at) {
                QString text = QString(19, u'a');
                text.insert(at, special);
                QCOMPARE(json::toText(QJsonValue(text)), reference(QJsonValue(text)));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestJson)
#include "tst_json.moc"
