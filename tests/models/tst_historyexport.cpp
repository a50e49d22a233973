// History files and the pure parts of the event detail: CSV quoting, the JSON download read back,
// readable names (no raw GenericEvent), the compact table, event links and log lines, shell
// quoting of Copy as curl.

#include "csvreader.h"
#include "historyfixtures.h"

#include <curlcommands.h>
#include <eventdetails.h>
#include <eventnames.h>
#include <historyexport.h>
#include <historymodel.h>

#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace durable;
using namespace durable::models;

namespace {

// A rewound instance as Lifecycle::rewind leaves it: the failure set aside as a GenericEvent, the
// rewind marker, and the empty GenericEvent that makes it replay.
History rewoundHistory()
{
    fixtures::HistoryBuilder b;
    b.at(0).add(EventType::OrchestratorStarted).add(EventType::ExecutionStarted, -1, -1, QStringLiteral("Flow"));
    b.add(EventType::TaskScheduled, 0, -1, QStringLiteral("Flaky")).add(EventType::OrchestratorCompleted);
    b.at(100).add(EventType::OrchestratorStarted);
    b.add(EventType::GenericEvent, -1, 0, {},
          { { QStringLiteral("rewound"), QStringLiteral("TaskFailed") },
            { QStringLiteral("failure"), QJsonObject { { QStringLiteral("errorType"), QStringLiteral("E") } } } });
    b.add(EventType::OrchestratorCompleted);
    b.at(200)
        .add(EventType::OrchestratorStarted)
        .add(EventType::ExecutionRewound)
        .add(EventType::OrchestratorCompleted);
    b.at(300).add(EventType::OrchestratorStarted).add(EventType::GenericEvent).add(EventType::OrchestratorCompleted);
    return b.build();
}

} // namespace

class TestHistoryExport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void csvQuoting()
    {
        QCOMPARE(csvField(QStringLiteral("plain")), QStringLiteral("plain"));
        QCOMPARE(csvField(QStringLiteral("a,b")), QStringLiteral("\"a,b\""));
        QCOMPARE(csvField(QStringLiteral("say \"hi\"")), QStringLiteral("\"say \"\"hi\"\"\""));
        QCOMPARE(csvField(QStringLiteral("two\nlines")), QStringLiteral("\"two\nlines\""));
        const QStringList fields { QStringLiteral("a,b"), QStringLiteral("\"q\""), QStringLiteral("l1\r\nl2"),
                                   QStringLiteral("ünïcødé ✓"), QString() };
        const auto record = csvRecord(fields);
        QVERIFY(record.endsWith("\r\n"));
        const auto parsed = parseCsv(QString::fromUtf8(record));
        QCOMPARE(parsed.size(), 1);
        QCOMPARE(parsed.first(), fields);
    }

    void historyJsonRoundTrips()
    {
        for (const auto &history : { fixtures::approvalHistory(), rewoundHistory() }) {
            InstanceInfo info;
            info.instanceId = QStringLiteral("order-1");
            info.name = QStringLiteral("Approval");
            info.status = RuntimeStatus::Completed;
            info.input = QStringLiteral("order-1");
            const auto document = historyDocument(info, history);
            QCOMPARE(
                document.value(QStringLiteral("instance")).toObject().value(QStringLiteral("instanceId")).toString(),
                info.instanceId);
            const auto back = historyFromJson(QJsonDocument(document).toJson());
            QVERIFY2(back.has_value(), back ? "" : qPrintable(back.error().message));
            QCOMPARE(back->size(), history.size());
            QCOMPARE(*back, history);
        }
    }

    void badHistoryFilesAreRefused()
    {
        QVERIFY(!historyFromJson("not json"));
        QVERIFY(!historyFromJson(R"({"format":"something else","version":1,"events":[]})"));
        QVERIFY(!historyFromJson(R"({"format":"durable-workbench-history","version":2,"events":[]})"));
        const auto badType = historyFromJson(
            R"({"format":"durable-workbench-history","version":1,"events":[{"sequence":0,"type":"Nope"}]})");
        QVERIFY(!badType);
        QVERIFY2(badType.error().message.contains(QStringLiteral("event 0")), qPrintable(badType.error().message));
        QVERIFY(!historyFromJson(
            R"({"format":"durable-workbench-history","version":1,"events":[{"type":"TaskScheduled"}]})"));
        QVERIFY(!historyFromJson(
            R"({"format":"durable-workbench-history","version":1,"events":[{"sequence":0,"type":"TaskScheduled","timestamp":"yesterday"}]})"));
    }

    void historyCsvHasOneRecordPerEvent()
    {
        const auto history = fixtures::approvalHistory();
        const auto records = parseCsv(QString::fromUtf8(historyCsv(history)));
        QCOMPARE(records.size(), history.size() + 1);
        QCOMPARE(records.at(3).at(1), QStringLiteral("TaskScheduled"));
        QCOMPARE(records.at(3).at(2), QStringLiteral("Activity scheduled"));
        QCOMPARE(records.at(3).at(4), QStringLiteral("RequestApproval"));
        QCOMPARE(records.at(14).at(6), QStringLiteral("{\"result\":\"approved\"}"));
    }

    void readableNamesNeverSayGenericEvent()
    {
        const auto history = rewoundHistory();
        QCOMPARE(EventNames::readable(history.at(5)), QStringLiteral("Failure rewound (activity failed)"));
        QCOMPARE(EventNames::readable(history.at(8)), QStringLiteral("Rewound"));
        QCOMPARE(EventNames::readable(history.at(11)), QStringLiteral("Replay requested"));
        for (int t = 0; t <= int(EventType::ExecutionRewound); ++t)
            QVERIFY(!EventNames::readable(EventType(t)).contains(QStringLiteral("GenericEvent")));

        HistoryModel model;
        HistoryTypeFilterProxy proxy;
        proxy.setSourceModel(&model);
        model.setHistory(history);
        proxy.setCompact(true);
        for (int row = 0; row < proxy.rowCount(); ++row) {
            const auto type = EventType(proxy.index(row, 0).data(HistoryModel::EventTypeRole).toInt());
            QVERIFY(!EventNames::isEpisodeMarker(type));
            QVERIFY(!proxy.index(row, HistoryModel::Type).data().toString().contains(QStringLiteral("GenericEvent")));
        }
        QCOMPARE(proxy.rowCount(), 5); // started, scheduled, rewound failure, rewound, replay requested: no markers
        proxy.setCompact(false);
        model.setReadableNames(false);
        QCOMPARE(proxy.rowCount(), history.size());
        QCOMPARE(proxy.index(0, HistoryModel::Type).data().toString(), QStringLiteral("OrchestratorStarted"));
        QCOMPARE(proxy.index(11, HistoryModel::Type).data().toString(),
                 QStringLiteral("GenericEvent (Replay requested)"));
    }

    void detailsLinkPartnersAndLogs()
    {
        const auto history = fixtures::approvalHistory();
        const HistoryPairing pairing(history);
        QList<LogLine> logs { fixtures::logLine(1, 1, false, QStringLiteral("asking")),
                              fixtures::logLine(2, 9, false, QStringLiteral("approved, processing")),
                              fixtures::logLine(3, 1, true, QStringLiteral("asking")) };
        LogLine activity = fixtures::logLine(4, 13, false, QStringLiteral("processed"));
        activity.taskId = 2;
        activity.source = QStringLiteral("ProcessApproval");
        logs << activity;

        // TaskCompleted #13 completes TaskScheduled #10; 6 s after the start.
        auto details = EventDetails::compute(history, pairing, logs, 13);
        QCOMPARE(details.completes, 10);
        QCOMPARE(details.completedBy, -1);
        QCOMPARE(details.sinceStartMs.value_or(-1), 6000);
        QCOMPARE(details.logs.size(), 1);
        QCOMPARE(details.logs.first().message, QStringLiteral("processed"));
        // TaskScheduled #10 is completed by #13 and lies in the episode of line 2.
        details = EventDetails::compute(history, pairing, logs, 10);
        QCOMPARE(details.completedBy, 13);
        QCOMPARE(details.logs.size(), 2);
        QCOMPARE(details.logs.at(0).message, QStringLiteral("approved, processing"));
        QCOMPARE(details.logs.at(1).message, QStringLiteral("processed"));
        // The ExecutionStarted's episode: the line logged then, not its replayed copy.
        details = EventDetails::compute(history, pairing, logs, 1);
        QCOMPARE(details.logs.size(), 1);
        QCOMPARE(details.logs.first().id, 1);
        QCOMPARE(EventDetails::compute(history, pairing, logs, 99).position, -1);
    }

    void shellQuotingSurvivesASHell()
    {
        const QString text = QStringLiteral("it's a \"test\" with $HOME and `ls` and \\ and\nnewline");
        QProcess shell;
        shell.start(QStringLiteral("/bin/sh"),
                    { QStringLiteral("-c"), QStringLiteral("printf %s ") + CurlCommands::shellQuote(text) });
        QVERIFY(shell.waitForFinished(30000));
        QCOMPARE(QString::fromUtf8(shell.readAllStandardOutput()), text);
        const auto start
            = CurlCommands::start(QStringLiteral("Flow"), QStringLiteral("it's"), QStringLiteral("http://h/x"));
        QVERIFY(start.contains(QStringLiteral("\"x-functions-key: $DURABLE_KEY\"")));
        QVERIFY(start.contains(QStringLiteral("'\"it'\\''s\"'")));
    }

    void writeFileFailsCleanly()
    {
        QTemporaryDir dir;
        const auto result = writeFile(dir.filePath(QStringLiteral("missing/dir/file.json")), "{}");
        QVERIFY(!result);
        QVERIFY(!result.error().message.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestHistoryExport)
#include "tst_historyexport.moc"
