#pragma once

// PostgreSQL hubs for tests: the server comes from the ctest fixture (DURABLE_TEST_PG, see
// cmake/DurablePostgres.cmake), each test gets a schema of its own.

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QString>
#include <QTest>

namespace durable::test {

/// The test server's URL, or empty when none was given.
inline QString pgServer()
{
    return qEnvironmentVariable("DURABLE_TEST_PG");
}

/// A hub name no other test (or earlier run) uses: `tag` plus the process and a random part.
inline QString uniqueHubName(const QString &tag)
{
    static int counter = 0;
    return QStringLiteral("t_%1_%2_%3_%4")
        .arg(tag.left(30).toLower())
        .arg(QCoreApplication::applicationPid())
        .arg(++counter)
        .arg(QRandomGenerator::global()->bounded(1000000));
}

/// The URL of a fresh hub on the test server.
inline QString pgHubUrl(const QString &tag)
{
    const QString server = pgServer();
    return server + (server.contains(u'?') ? u'&' : u'?') + QStringLiteral("hub=") + uniqueHubName(tag);
}

} // namespace durable::test

/// In a test function: skips when there is no test server, unless DURABLE_REQUIRE_PG is set (CI),
/// where a missing server fails the test instead.
#define DURABLE_NEED_PG()                                                                                              \
    do {                                                                                                               \
        if (durable::test::pgServer().isEmpty()) {                                                                     \
            if (qEnvironmentVariableIsSet("DURABLE_REQUIRE_PG"))                                                       \
                QFAIL("DURABLE_REQUIRE_PG is set but DURABLE_TEST_PG names no PostgreSQL server (ctest fixture pg)");  \
            QSKIP("no PostgreSQL test server: set DURABLE_TEST_PG (scripts/pg-fixture.sh start DIR prints one)");      \
        }                                                                                                              \
    } while (false)

/// QVERIFY for a Result or Status, with the error's message when it failed.
#define DURABLE_VERIFY_OK(expression)                                                                                  \
    do {                                                                                                               \
        const auto &verified_ = (expression);                                                                          \
        QVERIFY2(verified_.has_value(), verified_ ? "" : qPrintable(verified_.error().message));                       \
    } while (false)
