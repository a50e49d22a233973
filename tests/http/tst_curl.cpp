// Copy as curl end to end: the command lines the workbench copies run through a real shell with
// real curl against the API server on 127.0.0.1, with the key in $DURABLE_KEY, and do what they
// say: start with an input full of shell and JSON quoting, raise the awaited event, terminate,
// purge.

#include "apifixture.h"

#include <curlcommands.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace durable;
using namespace durable::models;

class TestCurl : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<ApiFixture> f;
    QString base() const { return f->origin() + QStringLiteral("/runtime/webhooks/durabletask"); }

    /// Runs one command line in sh with DURABLE_KEY set; its standard output.
    QByteArray run(const QString &command)
    {
        QProcess shell;
        auto environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("DURABLE_KEY"), QString::fromLatin1(ApiFixture::key));
        shell.setProcessEnvironment(environment);
        // The server answers on this thread: wait with the event loop running.
        QSignalSpy finished(&shell, &QProcess::finished);
        shell.start(QStringLiteral("/bin/sh"), { QStringLiteral("-c"), command });
        // Generous: curl answers in milliseconds, a loaded CI machine may not.
        if (!finished.wait(60000))
            return "timeout";
        if (shell.exitCode() != 0)
            return "exit " + QByteArray::number(shell.exitCode()) + ": " + shell.readAllStandardError();
        return shell.readAllStandardOutput();
    }
    /// The command of forInstance() whose line contains `part`.
    static QString line(const QString &commands, const QString &part)
    {
        for (const auto &l : commands.split(QLatin1Char('\n'))) {
            if (!l.startsWith(QLatin1Char('#')) && l.contains(part))
                return l;
        }
        return {};
    }
    InstanceInfo waitingInstance(const QString &id)
    {
        Client::StartOptions options;
        options.instanceId = id;
        const auto started = f->engine().start(QStringLiteral("WaitForEvent"), QJsonValue(), options).result();
        if (!started)
            return {};
        InstanceInfo info;
        QDeadlineTimer deadline(20000);
        while (!deadline.hasExpired()) {
            info = f->engine().status(id).result().value_or(InstanceInfo {});
            if (info.waiting.events.contains(QStringLiteral("ApprovalEvent")))
                break;
            QTest::qWait(20);
        }
        return info;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("curl")).isEmpty())
            QFAIL("curl is not installed (scripts/debian-packages.txt lists it)");
        f = std::make_unique<ApiFixture>();
        QVERIFY2(f->error().isEmpty(), qPrintable(f->error()));
    }
    void cleanupTestCase() { f.reset(); }

    void startCommandStartsWithTheSameInput()
    {
        const QJsonObject input { { QStringLiteral("note"),
                                    QStringLiteral("it's a \"test\", with $HOME, `uname` and \\ and\na newline ✓") },
                                  { QStringLiteral("n"), 42 } };
        const auto output = run(CurlCommands::start(QStringLiteral("Quick"), input, base()));
        const auto body = QJsonDocument::fromJson(output).object();
        const QString id = body.value(QStringLiteral("id")).toString();
        QVERIFY2(!id.isEmpty(), output.constData());
        QVERIFY(f->waitForStatus(id, RuntimeStatus::Completed));
        const auto info = f->engine().status(id).result();
        QVERIFY(info.has_value());
        QCOMPARE(info->name, QStringLiteral("Quick"));
        QCOMPARE(info->input, QJsonValue(input));
        QCOMPARE(info->output, QJsonValue(input));
    }

    void actOnAWaitingInstance()
    {
        // Raise the awaited event: the instance completes with its payload (null).
        auto info = waitingInstance(QStringLiteral("curl-raise"));
        QCOMPARE(info.waiting.events, QStringList { QStringLiteral("ApprovalEvent") });
        auto commands = CurlCommands::forInstance(info, base());
        QVERIFY(!commands.contains(QString::fromLatin1(ApiFixture::key)));
        const auto raise = line(commands, QStringLiteral("/raiseEvent/ApprovalEvent"));
        QVERIFY2(!raise.isEmpty(), qPrintable(commands));
        QCOMPARE(run(raise), QByteArray());
        QVERIFY(f->waitForStatus(QStringLiteral("curl-raise"), RuntimeStatus::Completed));

        // Terminate another, then purge it with the command offered for the finished instance.
        info = waitingInstance(QStringLiteral("curl-terminate"));
        commands = CurlCommands::forInstance(info, base());
        QVERIFY(line(commands, QStringLiteral("-X DELETE")).isEmpty()); // no purge while it runs
        QCOMPARE(run(line(commands, QStringLiteral("/terminate"))), QByteArray());
        QVERIFY(f->waitForStatus(QStringLiteral("curl-terminate"), RuntimeStatus::Terminated));
        const auto status = QJsonDocument::fromJson(run(line(commands, QStringLiteral("-X GET")))).object();
        QCOMPARE(status.value(QStringLiteral("runtimeStatus")).toString(), QStringLiteral("Terminated"));
        info = f->engine().status(QStringLiteral("curl-terminate")).result().value_or(InstanceInfo {});
        commands = CurlCommands::forInstance(info, base());
        QVERIFY(line(commands, QStringLiteral("/terminate")).isEmpty());
        const auto purge = line(commands, QStringLiteral("-X DELETE"));
        QVERIFY(!purge.isEmpty());
        run(purge);
        QCOMPARE(f->engine().status(QStringLiteral("curl-terminate")).result().error().code, ErrorCode::NotFound);
    }

    void withoutTheKeyNothingHappens()
    {
        const auto before = f->hubSnapshot();
        // -f makes curl fail on the 401; the variable is unset.
        QString command = CurlCommands::start(QStringLiteral("Quick"), QJsonValue(1), base());
        command.replace(QStringLiteral("curl -sS"), QStringLiteral("unset DURABLE_KEY; curl -f -sS"));
        QVERIFY(run(command).startsWith("exit "));
        QCOMPARE(f->hubSnapshot(), before);
    }
};

QTEST_GUILESS_MAIN(TestCurl)
#include "tst_curl.moc"
