// C++ plugins: the example plugin loads and runs; other libraries are refused with clear errors.
#include "pluginloader.h"
#include "scriptfixture.h"

#include <QJsonArray>

using namespace durable;

class TestPlugin : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void examplePluginRegistersAndRuns()
    {
        testing::ScriptHub hub;
        const auto loaded = script::loadPlugin(QStringLiteral(EXAMPLE_PLUGIN), hub.registry);
        QVERIFY2(loaded, loaded ? "" : qPrintable(loaded.error().message));
        QCOMPARE(loaded->name, QStringLiteral("Example plugin"));
        QCOMPARE(loaded->orchestrators, QStringList { QStringLiteral("PluginGreetAll") });
        QCOMPARE(loaded->activities, QStringList { QStringLiteral("PluginGreet") });
        QCOMPARE(hub.registry.orchestrator(QStringLiteral("PluginGreetAll"))->version, QStringLiteral("1"));
        QVERIFY(hub.open());
        const QString id = hub.start(QStringLiteral("PluginGreetAll"), QJsonArray { u"Ada"_qs, u"Linus"_qs });
        const auto done = hub.finish(id);
        QCOMPARE(done.status, RuntimeStatus::Completed);
        QCOMPARE(done.output.toString(), QStringLiteral("Hello, Ada; Hello, Linus"));
    }

    void badPluginsAreRefused_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing") << QStringLiteral("/nonexistent/libnothing.so") << ErrorCode::NotFound
                                 << QStringLiteral("no such plugin file");
        QTest::newRow("not a library") << QStringLiteral(SCRIPT_DIR "/SeedChaining.js") << ErrorCode::InvalidArgument
                                       << QStringLiteral("not a Qt plugin");
        QTest::newRow("plain library") << QStringLiteral(NOT_A_PLUGIN) << ErrorCode::InvalidArgument
                                       << QStringLiteral("not a Qt plugin");
        QTest::newRow("foreign plugin") << QStringLiteral(FOREIGN_PLUGIN) << ErrorCode::InvalidArgument
                                        << QStringLiteral("not a Durable Workbench plugin");
        QTest::newRow("other interface version")
            << QStringLiteral(BAD_VERSION_PLUGIN) << ErrorCode::InvalidArgument
            << QStringLiteral("built against plugin interface version 999; this workbench needs version 1");
    }
    void badPluginsAreRefused()
    {
        QFETCH(QString, path);
        QFETCH(ErrorCode, code);
        QFETCH(QString, message);
        Registry registry;
        const auto loaded = script::loadPlugin(path, registry);
        QVERIFY(!loaded);
        QCOMPARE(loaded.error().code, code);
        QVERIFY2(loaded.error().message.contains(message), qPrintable(loaded.error().message));
        QVERIFY(loaded.error().message.startsWith(path));
        QVERIFY(registry.orchestrators().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPlugin)
#include "tst_plugin.moc"
