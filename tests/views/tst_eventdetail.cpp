// The History page's event detail, compact view and history download, File ▸ Export List and
// Copy as curl, on a real engine with a real hub: payload, timestamps, links that select the
// partner event, the log lines around an event, a megabyte payload shown in part, a rewound
// instance without raw GenericEvent rows, the JSON download read back, and the instance list
// exported over several pages with a filter and awkward CSV fields.

#include "csvreader.h"

#include <curlaction.h>
#include <engine.h>
#include <eventdetail.h>
#include <filterbar.h>
#include <historyexport.h>
#include <historymodel.h>
#include <historypage.h>
#include <instancedetail.h>
#include <instancelistview.h>
#include <jsonviewer.h>
#include <listexport.h>
#include <listexporter.h>
#include <orchestration.h>
#include <workbenchwidget.h>

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>

using namespace durable;
using namespace durable::views;

namespace {

std::atomic<int> failuresLeft { 0 };
constexpr int BigPayloadChars = 3'000'000;

Task<QJsonValue> logged(OrchestrationContext &ctx)
{
    ctx.log(QStringLiteral("before the call"));
    const QJsonValue result = co_await ctx.callActivity(QStringLiteral("Shout"), ctx.input());
    ctx.log(QStringLiteral("after the call"));
    co_return result;
}

QJsonValue shout(ActivityContext &activity, const QJsonValue &input)
{
    activity.log(QStringLiteral("shouting at %1").arg(input.toObject().value(QStringLiteral("who")).toString()));
    return QJsonObject { { QStringLiteral("shouted"),
                           input.toObject().value(QStringLiteral("who")).toString().toUpper() } };
}

Task<QJsonValue> big(OrchestrationContext &ctx)
{
    co_return co_await ctx.callActivity(QStringLiteral("Big"), ctx.input());
}

QJsonValue bigResult(ActivityContext &, const QJsonValue &)
{
    return QString(BigPayloadChars, u'x');
}

Task<QJsonValue> failOnce(OrchestrationContext &ctx)
{
    co_return co_await ctx.callActivity(QStringLiteral("Flaky"), ctx.input());
}

QJsonValue flaky(ActivityContext &, const QJsonValue &)
{
    if (failuresLeft.fetch_sub(1) > 0)
        throw ActivityError(QStringLiteral("FlakyError"), QStringLiteral("not yet"));
    return QStringLiteral("recovered");
}

Task<QJsonValue> quick(OrchestrationContext &ctx)
{
    co_return ctx.input();
}

QString quickInput(int i)
{
    return QStringLiteral("row %1, \"quoted\"\nsecond line ✓").arg(i);
}

} // namespace

class TestEventDetail : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    Registry m_registry;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<WorkbenchWidget> m_workbench;

    RuntimeStatus status(const QString &id) const
    {
        return m_engine->status(id).result().value_or(InstanceInfo {}).status;
    }
    HistoryPage *page() const { return m_workbench->detail()->history(); }
    /// Shows the instance's history with every event loaded.
    void show(const QString &id)
    {
        m_workbench->showInstance(id);
        m_workbench->detail()->setCurrentIndex(InstanceDetail::History);
        const auto history = m_engine->history(id).result();
        QVERIFY(history.has_value());
        QTRY_COMPARE_WITH_TIMEOUT(page()->model()->history(), *history, 10000);
    }
    /// Moves the table's current row with the keyboard until the detail shows an event of `type`.
    void selectByKeyboard(EventType type)
    {
        auto *table = page()->table();
        table->setFocus(Qt::OtherFocusReason);
        QTest::keyClick(table, Qt::Key_Home);
        for (int i = 0; i < table->model()->rowCount() && page()->detail()->details().event.type != type; ++i)
            QTest::keyClick(table, Qt::Key_Down);
        QCOMPARE(page()->detail()->details().event.type, type);
    }
    void startAndWait(const QString &name, const QJsonValue &input, const QString &id, RuntimeStatus until)
    {
        Client::StartOptions options;
        options.instanceId = id;
        QVERIFY(m_engine->start(name, input, options).result().has_value());
        QTRY_COMPARE_WITH_TIMEOUT(status(id), until, 20000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_registry.addOrchestrator(QStringLiteral("Logged"), logged);
        m_registry.addActivity(QStringLiteral("Shout"), shout);
        m_registry.addOrchestrator(QStringLiteral("Big"), big);
        m_registry.addActivity(QStringLiteral("Big"), bigResult);
        m_registry.addOrchestrator(QStringLiteral("FailOnce"), failOnce);
        m_registry.addActivity(QStringLiteral("Flaky"), flaky);
        m_registry.addOrchestrator(QStringLiteral("Quick"), quick);
        EngineOptions options;
        options.hubPath = m_dir.filePath(QStringLiteral("hub.sqlite"));
        options.sync = SyncMode::Normal;
        auto engine = Engine::open(options, m_registry);
        QVERIFY(engine.has_value());
        m_engine = std::move(*engine);
        m_workbench = std::make_unique<WorkbenchWidget>(m_engine.get());
        m_workbench->resize(1600, 1000);
        m_workbench->show();
        m_workbench->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_workbench.get()));
    }
    void cleanupTestCase()
    {
        m_workbench.reset();
        m_engine.reset();
    }

    void detailShowsPayloadTimesLinksAndLogs()
    {
        startAndWait(QStringLiteral("Logged"), QJsonObject { { QStringLiteral("who"), QStringLiteral("world") } },
                     QStringLiteral("logged-1"), RuntimeStatus::Completed);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_engine->logs(QStringLiteral("logged-1")).result().value_or(QList<LogLine> {}).size() >= 3, 10000);
        show(QStringLiteral("logged-1"));
        QTRY_VERIFY_WITH_TIMEOUT(m_workbench->detail()->tracker()->logs().size() >= 3, 10000);
        auto *detail = page()->detail();
        selectByKeyboard(EventType::TaskCompleted);
        QVERIFY2(detail->title()->text().contains(QStringLiteral("Activity completed")),
                 qPrintable(detail->title()->text()));
        QCOMPARE(detail->jsonViewer()->value().toObject().value(QStringLiteral("shouted")).toString(),
                 QStringLiteral("WORLD"));
        QVERIFY(detail->payloadText().contains(QStringLiteral("\"shouted\": \"WORLD\"")));
        const auto &event = detail->details().event;
        QVERIFY(detail->timestamps()->text().contains(
            event.timestamp.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"))));
        QVERIFY2(detail->timestamps()->text().contains(QStringLiteral("after the start")),
                 qPrintable(detail->timestamps()->text()));
        // The activity's own line and the orchestrator's line of this episode.
        QVERIFY2(detail->logView()->toPlainText().contains(QStringLiteral("shouting at world")),
                 qPrintable(detail->logView()->toPlainText()));
        QVERIFY(detail->logView()->toPlainText().contains(QStringLiteral("after the call")));
        QVERIFY(!detail->logView()->toPlainText().contains(QStringLiteral("before the call")));

        // The link selects the TaskScheduled it completes, in the table and the detail.
        const int scheduled = int(detail->details().completes);
        QVERIFY(scheduled >= 0);
        QVERIFY(detail->links()->text().contains(QStringLiteral("event:%1").arg(scheduled)));
        Q_EMIT detail->links()->linkActivated(QStringLiteral("event:%1").arg(scheduled));
        QCOMPARE(detail->details().event.type, EventType::TaskScheduled);
        QCOMPARE(page()->table()->currentIndex().data(models::HistoryModel::SequenceRole).toLongLong(),
                 page()->model()->history().at(scheduled).sequence);
        QVERIFY(detail->links()->text().contains(QStringLiteral("completed by")));
        QVERIFY(detail->logView()->toPlainText().contains(QStringLiteral("before the call")));
        QCOMPARE(detail->jsonViewer()->value().toObject().value(QStringLiteral("who")).toString(),
                 QStringLiteral("world"));
    }

    void largePayloadIsShownInPart()
    {
        startAndWait(QStringLiteral("Big"), QJsonValue(), QStringLiteral("big-1"), RuntimeStatus::Completed);
        show(QStringLiteral("big-1"));
        auto *detail = page()->detail();
        selectByKeyboard(EventType::TaskCompleted);
        QCOMPARE(detail->payloadText().size(), BigPayloadChars);
        QVERIFY(detail->isPayloadTruncated());
        QCOMPARE(detail->payloadEdit()->toPlainText().size(), EventDetailPane::PreviewChars);
        auto *copy = detail->findChild<QAbstractButton *>(QStringLiteral("copyPayloadText"));
        QVERIFY(copy && copy->isVisible());
        copy->click();
        QCOMPARE(QApplication::clipboard()->text().size(), BigPayloadChars);
        auto *showAll = detail->findChild<QAbstractButton *>(QStringLiteral("showWholePayload"));
        QVERIFY(showAll && showAll->isVisible());
        showAll->click();
        QVERIFY(!detail->isPayloadTruncated());
        QCOMPARE(detail->payloadEdit()->toPlainText().size(), BigPayloadChars);
        // The event before it (the TaskScheduled) drops the big text.
        QTest::keyClick(page()->table(), Qt::Key_Up);
        QCOMPARE(detail->details().event.type, EventType::TaskScheduled);
        QVERIFY(detail->payloadText().size() < 1000);
    }

    void compactViewNamesEveryEventAndAllEventsShowsThem()
    {
        failuresLeft = 1;
        startAndWait(QStringLiteral("FailOnce"), QStringLiteral("in"), QStringLiteral("rewound-1"),
                     RuntimeStatus::Failed);
        QVERIFY(m_engine->rewind(QStringLiteral("rewound-1"), QStringLiteral("again")).result().has_value());
        QTRY_COMPARE_WITH_TIMEOUT(status(QStringLiteral("rewound-1")), RuntimeStatus::Completed, 20000);
        show(QStringLiteral("rewound-1"));
        const auto &history = page()->model()->history();
        QVERIFY(std::ranges::any_of(history, [](const HistoryEvent &e) { return e.type == EventType::GenericEvent; }));
        auto *table = page()->table();
        QVERIFY(!page()->allEventsAction()->isChecked());
        bool sawRewound = false;
        for (int row = 0; row < table->model()->rowCount(); ++row) {
            const auto type
                = EventType(table->model()->index(row, 0).data(models::HistoryModel::EventTypeRole).toInt());
            QVERIFY(type != EventType::OrchestratorStarted && type != EventType::OrchestratorCompleted);
            const auto text = table->model()->index(row, models::HistoryModel::Type).data().toString();
            QVERIFY2(!text.contains(QStringLiteral("GenericEvent")), qPrintable(text));
            sawRewound = sawRewound || text.startsWith(QStringLiteral("Failure rewound"));
        }
        QVERIFY(sawRewound);
        QVERIFY(table->model()->rowCount() < history.size());

        // Ctrl+Shift+E shows every event by its engine name, and back.
        table->setFocus(Qt::OtherFocusReason);
        QTest::keySequence(table, QKeySequence(QStringLiteral("Ctrl+Shift+E")));
        QVERIFY(page()->allEventsAction()->isChecked());
        QCOMPARE(table->model()->rowCount(), history.size());
        QStringList types;
        for (int row = 0; row < table->model()->rowCount(); ++row)
            types << table->model()->index(row, models::HistoryModel::Type).data().toString();
        QVERIFY(types.contains(QStringLiteral("OrchestratorStarted")));
        QVERIFY(std::ranges::any_of(types,
                                    [](const QString &t) { return t.startsWith(QStringLiteral("GenericEvent (")); }));
        QTest::keySequence(table, QKeySequence(QStringLiteral("Ctrl+Shift+E")));
        QVERIFY(!page()->allEventsAction()->isChecked());
        QVERIFY(table->model()->rowCount() < history.size());
    }

    void historyDownloadsAsJson()
    {
        show(QStringLiteral("logged-1"));
        const QString path = m_dir.filePath(QStringLiteral("logged-1-history.json"));
        QString suggested;
        page()->setFileChooser([&](const QString &, const QString &name, const QString &) {
            suggested = name;
            return path;
        });
        std::unique_ptr<QMenu> menu(
            page()->createContextMenu(page()->table()->model()->index(0, 0), m_workbench.get()));
        QAction *download = nullptr;
        for (auto *action : menu->actions())
            download = action->objectName() == QStringLiteral("historyDownloadJson") ? action : download;
        QVERIFY(download && download->isEnabled());
        download->trigger();
        QCOMPARE(suggested, QStringLiteral("logged-1-history.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        const auto history = models::historyFromJson(bytes);
        QVERIFY2(history.has_value(), history ? "" : qPrintable(history.error().message));
        QCOMPARE(*history, *m_engine->history(QStringLiteral("logged-1")).result());
        const auto instance = QJsonDocument::fromJson(bytes).object().value(QStringLiteral("instance")).toObject();
        QCOMPARE(instance.value(QStringLiteral("instanceId")).toString(), QStringLiteral("logged-1"));
        QCOMPARE(instance.value(QStringLiteral("status")).toString(), QStringLiteral("Completed"));
        QCOMPARE(instance.value(QStringLiteral("output")).toObject().value(QStringLiteral("shouted")).toString(),
                 QStringLiteral("WORLD"));

        // The CSV has a header and a record per event; a path that cannot be written is an error.
        QVERIFY(page()->writeHistoryCsv(m_dir.filePath(QStringLiteral("h.csv"))).has_value());
        QFile csv(m_dir.filePath(QStringLiteral("h.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(parseCsv(QString::fromUtf8(csv.readAll())).size(), history->size() + 1);
        QVERIFY(!page()->writeHistoryJson(m_dir.filePath(QStringLiteral("no/such/dir/h.json"))).has_value());
    }

    void instanceListExportsEveryFilteredPage()
    {
        constexpr int count = 130;
        QList<QFuture<Result<QString>>> starts;
        for (int i = 0; i < count; ++i) {
            Client::StartOptions options;
            options.instanceId = QStringLiteral("quick-%1").arg(i, 3, 10, QLatin1Char('0'));
            starts << m_engine->start(QStringLiteral("Quick"), quickInput(i), options);
        }
        for (auto &start : starts)
            QVERIFY(start.result().has_value());
        InstanceQuery query;
        query.idPrefix = QStringLiteral("quick-");
        query.statuses = { RuntimeStatus::Completed };
        query.pageSize = 1000;
        QTRY_COMPARE_WITH_TIMEOUT(m_engine->query(query).result().value_or(InstancePage {}).instances.size(), count,
                                  30000);

        // Three pages of 50 through the job; the other instances stay out.
        const QString csvPath = m_dir.filePath(QStringLiteral("list.csv"));
        models::ListExportJob job(m_engine.get());
        job.setPageSize(50);
        QSignalSpy progress(&job, &models::ListExportJob::progress);
        QSignalSpy finished(&job, &models::ListExportJob::finished);
        job.start(InstanceQuery { .idPrefix = QStringLiteral("quick-") }, csvPath, models::ListExportJob::Format::Csv);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QCOMPARE(finished.first().at(0).toBool(), false);
        QVERIFY(!job.error());
        QCOMPARE(progress.count(), 3);
        QFile file(csvPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto records = parseCsv(QString::fromUtf8(file.readAll()));
        QCOMPARE(records.size(), count + 1);
        QCOMPARE(records.first(), models::instanceCsvHeader());
        const int inputColumn = int(models::instanceCsvHeader().indexOf(QStringLiteral("input")));
        QSet<QString> ids;
        for (int i = 1; i < records.size(); ++i) {
            const auto &record = records.at(i);
            QCOMPARE(record.size(), models::instanceCsvHeader().size());
            QVERIFY(record.first().startsWith(QStringLiteral("quick-")));
            ids.insert(record.first());
            const int n = record.first().mid(6).toInt();
            // The input column holds the input as JSON: quotes escaped inside, newline as \n.
            QCOMPARE(QJsonDocument::fromJson("[" + record.at(inputColumn).toUtf8() + "]").array().first().toString(),
                     quickInput(n));
        }
        QCOMPARE(ids.size(), count);

        // JSON through the window's exporter, with the list's own filter.
        m_workbench->instanceList()->filterBar()->setIdText(QStringLiteral("quick-"));
        QTRY_COMPARE_WITH_TIMEOUT(m_workbench->instanceList()->model()->query().idPrefix, QStringLiteral("quick-"),
                                  10000);
        const QString jsonPath = m_dir.filePath(QStringLiteral("list.json"));
        QSignalSpy done(m_workbench->listExporter(), &ListExporter::finished);
        QVERIFY(m_workbench->listExporter()->exportTo(m_workbench->instanceList()->model()->query(), jsonPath));
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 30000);
        QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
        QFile json(jsonPath);
        QVERIFY(json.open(QIODevice::ReadOnly));
        const auto array = QJsonDocument::fromJson(json.readAll()).array();
        QCOMPARE(array.size(), count);
        for (const auto &value : array) {
            const auto object = value.toObject();
            QCOMPARE(object.value(QStringLiteral("name")).toString(), QStringLiteral("Quick"));
            QCOMPARE(object.value(QStringLiteral("input")).toString(),
                     quickInput(object.value(QStringLiteral("instanceId")).toString().mid(6).toInt()));
        }

        // Cancelled: no file. An unknown extension: refused, nothing written.
        const QString cancelledPath = m_dir.filePath(QStringLiteral("cancelled.csv"));
        models::ListExportJob cancelled(m_engine.get());
        cancelled.setPageSize(50);
        QSignalSpy cancelledDone(&cancelled, &models::ListExportJob::finished);
        cancelled.start(query, cancelledPath, models::ListExportJob::Format::Csv);
        cancelled.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(cancelledDone.count(), 1, 30000);
        QCOMPARE(cancelledDone.first().at(0).toBool(), true);
        QVERIFY(!QFile::exists(cancelledPath));
        const QString textPath = m_dir.filePath(QStringLiteral("list.txt"));
        QVERIFY(!m_workbench->listExporter()->exportTo(query, textPath));
        QVERIFY(!QFile::exists(textPath));
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = m_workbench->findChild<QMessageBox *>(QStringLiteral("listExportError"))) != nullptr);
        box->close();
        m_workbench->instanceList()->filterBar()->setIdText(QString());
    }

    void copyAsCurlNamesTheInstanceNotTheKey()
    {
        m_workbench->showInstance(QStringLiteral("logged-1"));
        QTRY_VERIFY(m_workbench->copyAsCurl()->action()->isEnabled());
        m_workbench->copyAsCurl()->setBaseUrlSource(
            [] { return QStringLiteral("http://127.0.0.1:7999/runtime/webhooks/durabletask"); });
        m_workbench->copyAsCurl()->action()->trigger();
        const QString text = QApplication::clipboard()->text();
        QVERIFY2(
            text.contains(QStringLiteral("'http://127.0.0.1:7999/runtime/webhooks/durabletask/orchestrators/Logged'")),
            qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("--data-binary '{\"who\":\"world\"}'")));
        QVERIFY(text.contains(QStringLiteral("/instances/logged-1'")));
        QVERIFY(text.contains(QStringLiteral("$DURABLE_KEY")));
        QVERIFY(text.contains(QStringLiteral("-X DELETE"))); // finished: purge, no terminate
        QVERIFY(!text.contains(QStringLiteral("/terminate")));
    }
};

QTEST_MAIN(TestEventDetail)
#include "tst_eventdetail.moc"
