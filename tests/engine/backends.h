#pragma once
// The storage backends the engine suites run on: SQLite files, and hubs on the PostgreSQL server of
// the test run. The ctest fixture of cmake/DurablePostgres.cmake starts that server and passes its
// URL in DURABLE_TEST_PG; each hub there is a schema of its own (`?hub=NAME`, pgtest.h), so tests
// and parallel ctest jobs share one server without seeing each other's rows. A PostgreSQL row
// without a server skips, or fails under DURABLE_REQUIRE_PG (DURABLE_NEED_PG()).

#include "pgtest.h"

#include <QTest>

namespace testing {

enum class Backend { Sqlite, Postgresql };

/// A new, empty hub on the test server, named after the running test.
inline QString newPostgresHub()
{
    const char *test = QTest::currentTestFunction();
    return durable::test::pgHubUrl(test ? QString::fromLatin1(test) : QStringLiteral("hub"));
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

/// In init() of a suite with backendRows(): the fixtures of the coming test use the row's backend.
#define DURABLE_USE_BACKEND()                                                                                          \
    do {                                                                                                               \
        QFETCH_GLOBAL(QString, backend);                                                                               \
        const bool postgres_ = backend == QLatin1String("postgresql");                                                 \
        ::testing::selectedBackend() = postgres_ ? ::testing::Backend::Postgresql : ::testing::Backend::Sqlite;        \
        if (postgres_)                                                                                                 \
            DURABLE_NEED_PG();                                                                                         \
    } while (false)
