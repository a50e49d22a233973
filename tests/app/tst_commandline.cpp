#include "commandline.h"

#include <QDir>
#include <QTest>

using namespace Qt::StringLiterals;
using durable::SyncMode;

class TestCommandLine : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void parse_data();
    void parse();
    void optionsBeforeAnErrorAreStillRead();
    void helpTextListsOptions();
    void grpcOptions();
    void httpHosts();
    void copyHub();
    void workersAndNoHttp();
};

void TestCommandLine::workersAndNoHttp()
{
    const auto parse = [](QStringList arguments) {
        arguments.prepend(u"durable-workbench"_s);
        return CommandLine::parse(arguments);
    };
    const auto plain = parse({});
    QVERIFY(!plain.options.workers);
    QVERIFY(!plain.options.noHttp);
    const auto workers = parse({ u"--hub"_s, u"postgresql://h/db?hub=a"_s, u"--workers"_s });
    QVERIFY2(workers.ok(), qPrintable(workers.error));
    QVERIFY(workers.options.workers);
    const auto worker = parse({ u"--headless"_s, u"--no-http"_s });
    QVERIFY2(worker.ok(), qPrintable(worker.error));
    QVERIFY(worker.options.noHttp);
    QVERIFY(worker.options.headless);
    // Without --headless there is no HTTP API to leave off: a mistake worth saying.
    const auto window = parse({ u"--no-http"_s });
    QVERIFY(!window.ok());
    QVERIFY2(window.error.contains(u"--headless"_s), qPrintable(window.error));
}

void TestCommandLine::initTestCase()
{
    QCoreApplication::setApplicationName(u"durable-workbench"_s);
    QCoreApplication::setApplicationVersion(u"9.8.7"_s);
}

void TestCommandLine::parse_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("error"); // a part of the expected error; empty: valid
    QTest::addColumn<QString>("hub");
    QTest::addColumn<QString>("language");
    QTest::addColumn<SyncMode>("sync");
    QTest::addColumn<bool>("help");
    QTest::addColumn<bool>("version");

    const QString cwd = QDir::currentPath();
    QTest::newRow("defaults") << QStringList {} << QString() << QString() << QString() << SyncMode::Full << false
                              << false;
    QTest::newRow("hub absolute") << QStringList { u"--hub"_s, u"/tmp/a/hub.sqlite"_s } << QString()
                                  << u"/tmp/a/hub.sqlite"_s << QString() << SyncMode::Full << false << false;
    QTest::newRow("hub with =") << QStringList { u"--hub=/tmp/b.sqlite"_s } << QString() << u"/tmp/b.sqlite"_s
                                << QString() << SyncMode::Full << false << false;
    QTest::newRow("hub relative") << QStringList { u"--hub"_s, u"sub/../x.sqlite"_s } << QString()
                                  << cwd + u"/x.sqlite"_s << QString() << SyncMode::Full << false << false;
    // A server hub is a URL: kept as given, never made a path of the current directory.
    QTest::newRow("hub url") << QStringList { u"--hub"_s, u"postgresql://me@db.example/app?hub=orders"_s } << QString()
                             << u"postgresql://me@db.example/app?hub=orders"_s << QString() << SyncMode::Full << false
                             << false;
    QTest::newRow("hub url postgres") << QStringList { u"--hub=postgres:///app?hub=x"_s } << QString()
                                      << u"postgres:///app?hub=x"_s << QString() << SyncMode::Full << false << false;
    QTest::newRow("hub empty") << QStringList { u"--hub="_s } << u"must not be empty"_s << QString() << QString()
                               << SyncMode::Full << false << false;
    QTest::newRow("hub without value") << QStringList { u"--hub"_s } << u"hub"_s << QString() << QString()
                                       << SyncMode::Full << false << false;
    QTest::newRow("sync full") << QStringList { u"--sync"_s, u"full"_s } << QString() << QString() << QString()
                               << SyncMode::Full << false << false;
    QTest::newRow("sync normal") << QStringList { u"--sync"_s, u"normal"_s } << QString() << QString() << QString()
                                 << SyncMode::Normal << false << false;
    QTest::newRow("sync case-insensitive") << QStringList { u"--sync=NORMAL"_s } << QString() << QString() << QString()
                                           << SyncMode::Normal << false << false;
    QTest::newRow("sync bad value") << QStringList { u"--sync"_s, u"fast"_s } << u"\"fast\" for --sync"_s << QString()
                                    << QString() << SyncMode::Full << false << false;
    QTest::newRow("lang nl") << QStringList { u"--lang"_s, u"nl"_s } << QString() << QString() << u"nl"_s
                             << SyncMode::Full << false << false;
    QTest::newRow("lang nl_BE") << QStringList { u"--lang=nl_BE"_s } << QString() << QString() << u"nl_BE"_s
                                << SyncMode::Full << false << false;
    QTest::newRow("lang unknown") << QStringList { u"--lang"_s, u"qq"_s } << u"\"qq\""_s << QString() << u"qq"_s
                                  << SyncMode::Full << false << false;
    QTest::newRow("unknown option") << QStringList { u"--frobnicate"_s } << u"frobnicate"_s << QString() << QString()
                                    << SyncMode::Full << false << false;
    QTest::newRow("positional argument") << QStringList { u"hub.sqlite"_s } << u"\"hub.sqlite\""_s << QString()
                                         << QString() << SyncMode::Full << false << false;
    QTest::newRow("help") << QStringList { u"--help"_s } << QString() << QString() << QString() << SyncMode::Full
                          << true << false;
    QTest::newRow("version") << QStringList { u"--version"_s } << QString() << QString() << QString() << SyncMode::Full
                             << false << true;
    QTest::newRow("all together") << QStringList { u"--hub"_s, u"/h.sqlite"_s, u"--lang"_s,
                                                   u"en"_s,    u"--sync"_s,    u"normal"_s }
                                  << QString() << u"/h.sqlite"_s << u"en"_s << SyncMode::Normal << false << false;
}

void TestCommandLine::parse()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, error);
    QFETCH(QString, hub);
    QFETCH(QString, language);
    QFETCH(SyncMode, sync);
    QFETCH(bool, help);
    QFETCH(bool, version);

    arguments.prepend(u"durable-workbench"_s);
    const ParsedCommandLine parsed = CommandLine::parse(arguments);
    if (error.isEmpty()) {
        QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    } else {
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error.contains(error), qPrintable(parsed.error));
    }
    if (parsed.ok() || !hub.isEmpty()) {
        QCOMPARE(parsed.options.hubPath, hub);
    }
    QCOMPARE(parsed.options.language, language);
    QCOMPARE(parsed.options.sync, sync);
    QCOMPARE(parsed.options.helpRequested, help);
    QCOMPARE(parsed.options.versionRequested, version);
}

void TestCommandLine::optionsBeforeAnErrorAreStillRead()
{
    // main() needs --lang even when another argument is wrong, to report the error in that language.
    const ParsedCommandLine parsed
        = CommandLine::parse({ u"durable-workbench"_s, u"--lang"_s, u"nl"_s, u"--bogus"_s, u"--sync"_s, u"x"_s });
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.options.language, u"nl"_s);
}

void TestCommandLine::helpTextListsOptions()
{
    const ParsedCommandLine parsed = CommandLine::parse({ u"durable-workbench"_s, u"--help"_s });
    for (const auto option : { "--hub <path|url>"_L1, "--workers"_L1, "--no-http"_L1, "postgresql://"_L1,
                               "--lang <code>"_L1, "--sync <full|normal>"_L1, "--version"_L1 }) {
        QVERIFY2(parsed.helpText.contains(option), qPrintable(parsed.helpText));
    }
}

void TestCommandLine::grpcOptions()
{
    const auto parse = [](QStringList arguments) {
        arguments.prepend(u"durable-workbench"_s);
        return CommandLine::parse(arguments);
    };
    QVERIFY(!parse({}).options.grpcPort.has_value());
    const auto any = parse({ u"--grpc-port"_s, u"0"_s });
    QVERIFY2(any.ok(), qPrintable(any.error));
    QCOMPARE(any.options.grpcPort, std::optional<quint16>(0));
    QCOMPARE(any.options.grpcBind, QHostAddress(QHostAddress::LocalHost));
    const auto bound = parse({ u"--grpc-port=4001"_s, u"--grpc-bind"_s, u"0.0.0.0"_s });
    QVERIFY2(bound.ok(), qPrintable(bound.error));
    QCOMPARE(bound.options.grpcPort, std::optional<quint16>(4001));
    QCOMPARE(bound.options.grpcBind, QHostAddress(u"0.0.0.0"_s));
    QVERIFY(parse({ u"--grpc-port"_s, u"65536"_s }).error.contains(u"--grpc-port"_s));
    QVERIFY(parse({ u"--grpc-port"_s, u"-1"_s }).error.contains(u"--grpc-port"_s));
    QVERIFY(parse({ u"--grpc-port=1"_s, u"--grpc-bind=nowhere"_s }).error.contains(u"--grpc-bind"_s));
    QVERIFY(parse({ u"--grpc-bind=127.0.0.1"_s }).error.contains(u"--grpc-port"_s));
}

void TestCommandLine::httpHosts()
{
    const auto parse = [](QStringList arguments) {
        arguments.prepend(u"durable-workbench"_s);
        return CommandLine::parse(arguments);
    };
    QVERIFY(parse({}).options.httpHosts.isEmpty());
    const auto two = parse({ u"--http-host"_s, u"Workbench.LAN"_s, u"--http-host=10.0.0.5"_s });
    QVERIFY2(two.ok(), qPrintable(two.error));
    QCOMPARE(two.options.httpHosts, QStringList({ u"workbench.lan"_s, u"10.0.0.5"_s }));
    for (const auto &bad : { u"host:8080"_s, u"http://host"_s, u""_s, u"-host"_s, u"a b"_s })
        QVERIFY2(parse({ u"--http-host"_s, bad }).error.contains(u"--http-host"_s), qPrintable(bad));
    QVERIFY(parse({ u"--help"_s }).helpText.contains(u"--http-host <name>"_s));
}

void TestCommandLine::copyHub()
{
    const auto parse = [](QStringList arguments) {
        arguments.prepend(u"durable-workbench"_s);
        return CommandLine::parse(arguments);
    };
    QVERIFY(parse({}).options.copyFrom.isEmpty());
    // A file is made absolute, a URL kept as given.
    const QString url = u"postgresql://me@db/durable?hub=orders"_s;
    const auto copy = parse({ u"--copy-hub"_s, u"hub.sqlite"_s, url });
    QVERIFY2(copy.ok(), qPrintable(copy.error));
    QCOMPARE(copy.options.copyFrom, QDir::current().absoluteFilePath(u"hub.sqlite"_s));
    QCOMPARE(copy.options.copyTo, url);
    const auto back = parse({ u"--copy-hub="_s + url, u"/tmp/../tmp/back.sqlite"_s });
    QVERIFY2(back.ok(), qPrintable(back.error));
    QCOMPARE(back.options.copyFrom, url);
    QCOMPARE(back.options.copyTo, u"/tmp/back.sqlite"_s);
    QVERIFY(parse({ u"--copy-hub"_s, u"a.sqlite"_s }).error.contains(u"--copy-hub FROM TO"_s));
    QVERIFY(parse({ u"--copy-hub"_s, u"a.sqlite"_s, u"b.sqlite"_s, u"c.sqlite"_s }).error.contains(u"c.sqlite"_s));
    QVERIFY(!parse({ u"--copy-hub"_s, u"a.sqlite"_s, u"b.sqlite"_s, u"--headless"_s }).ok());
    // Without --copy-hub a positional argument is still an error.
    QVERIFY(parse({ u"b.sqlite"_s }).error.contains(u"b.sqlite"_s));
    QVERIFY(parse({ u"--help"_s }).helpText.contains(u"--copy-hub <from>"_s));
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
