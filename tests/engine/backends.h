#pragma once
// The storage backends the engine suites run on: SQLite files, and hubs on the PostgreSQL server of
// the test run. The ctest fixture of cmake/DurablePostgres.cmake starts that server and passes its
// URL in DURABLE_TEST_PG; each hub there is a schema of its own (`?hub=NAME`), so tests and
// parallel ctest jobs share one server without seeing each other's rows.
//
// A test that needs PostgreSQL and finds no URL skips, unless DURABLE_REQUIRE_PG is set (CI and
// scripts/test.sh set it): then it fails, so a broken fixture cannot pass as a skipped suite.

#include <QCoreApplication>
#include <QTest>
#include <QUuid>

#include <atomic>

namespace testing {

enum class Backend { Sqlite, Postgresql };

/// The URL of the test run's PostgreSQL server (no hub name), or empty when there is none.
inline QString postgresServer()
{
    return qEnvironmentVariable("DURABLE_TEST_PG");
}

/// Why a test that needs PostgreSQL cannot run here; empty when it can.
inline QString postgresMissing()
{
    if (!postgresServer().isEmpty())
        return {};
    return QStringLiteral("DURABLE_TEST_PG is not set: run the test through ctest (its PostgreSQL fixture "
                          "starts a server), or start one with scripts/pg-fixture.sh start DIR and export the "
                          "URL it prints");
}

/// A new, empty hub on the test server: the server URL with a hub (schema) name no other test, run
/// or process uses.
inline QString newPostgresHub()
{
    static std::atomic<int> serial { 0 };
    const QString server = postgresServer();
    const QString name = QStringLiteral("t%1_%2_%3")
                             .arg(QString::fromLatin1(QUuid::createUuid().toRfc4122().toHex().left(12)))
                             .arg(QCoreApplication::applicationPid())
                             .arg(++serial);
    return server + (server.contains(u'?') ? u'&' : u'?') + QStringLiteral("hub=") + name;
}

/// The backend EngineFixture opens its hub on. SQLite unless a suite's init() selects the row's
/// backend with DURABLE_USE_BACKEND(); suites that do not run on both backends never change it.
inline Backend &selectedBackend()
{
    static Backend backend = Backend::Sqlite;
    return backend;
}

/// The global test data of a suite that runs every test on both backends: call it from
/// initTestCase_data(), and DURABLE_USE_BACKEND() from init().
inline void backendRows()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

} // namespace testing

/// Skips the calling test when there is no PostgreSQL server, or fails it under DURABLE_REQUIRE_PG.
#define DURABLE_NEED_POSTGRES()                                                                                        \
    do {                                                                                                               \
        const QString missing_ = ::testing::postgresMissing();                                                         \
        if (!missing_.isEmpty()) {                                                                                     \
            if (qEnvironmentVariableIsSet("DURABLE_REQUIRE_PG"))                                                       \
                QFAIL(qPrintable(QStringLiteral("DURABLE_REQUIRE_PG is set but ") + missing_));                        \
            QSKIP(qPrintable(missing_));                                                                               \
        }                                                                                                              \
    } while (false)

/// In init() of a suite with backendRows(): the fixtures of the coming test use the row's backend.
#define DURABLE_USE_BACKEND()                                                                                          \
    do {                                                                                                               \
        QFETCH_GLOBAL(QString, backend);                                                                               \
        const bool postgres_ = backend == QLatin1String("postgresql");                                                 \
        ::testing::selectedBackend() = postgres_ ? ::testing::Backend::Postgresql : ::testing::Backend::Sqlite;        \
        if (postgres_)                                                                                                 \
            DURABLE_NEED_POSTGRES();                                                                                   \
    } while (false)
