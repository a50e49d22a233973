// The fork dialog in the real workbench on a real engine: opened from the history's context menu
// and by its shortcut, the event preselected; a version whose code diverges is refused inside the
// dialog with the divergence and creates nothing; a fork on a compatible version with a
// substituted activity result is created, shown (list and details), completes with the result
// the substitution implies, and its summary says where it came from.

#include <engine.h>
#include <forkdialog.h>
#include <historypage.h>
#include <instancedetail.h>
#include <instancelistview.h>
#include <jsontextedit.h>
#include <summarypage.h>
#include <workbenchwidget.h>

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace durable;
using namespace durable::views;

namespace {

/// Pay: Quote, then Charge; returns "<tag>:<charged>". With `reserveFirst`, Reserve comes first
/// (a version that cannot replay the others' histories).
OrchestratorFunction pay(QString tag, bool reserveFirst)
{
    return [tag, reserveFirst](OrchestrationContext &ctx) -> Task<QJsonValue> {
        if (reserveFirst)
            co_await ctx.callActivity(QStringLiteral("Reserve"), 0);
        const QJsonValue quote = co_await ctx.callActivity(QStringLiteral("Quote"), ctx.input());
        const QJsonValue charged = co_await ctx.callActivity(QStringLiteral("Charge"), quote);
        co_return QJsonValue(tag + u':' + QString::number(charged.toInt()));
    };
}

} // namespace

class TestFork : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    Registry m_registry;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<WorkbenchWidget> m_workbench;
    QString m_original;

    ForkDialog *openDialog() const
    {
        for (auto *widget : QApplication::topLevelWidgets()) {
            if (auto *dialog = qobject_cast<ForkDialog *>(widget); dialog && dialog->isVisible())
                return dialog;
        }
        return nullptr;
    }

    int instanceCount() const
    {
        InstanceQuery query;
        query.pageSize = 1000;
        return int(m_engine->query(query).result().value_or(InstancePage {}).instances.size());
    }

    QStringList originalState() const
    {
        const auto info = m_engine->status(m_original, true).result();
        if (!info)
            return {};
        QStringList lines { statusName(info->status), info->output.toString(), info->version };
        for (const auto &e : *info->history)
            lines.append(eventTypeName(e.type) + e.name + e.timestamp.toString(Qt::ISODateWithMs));
        return lines;
    }

    /// The history row of the first event of `type` named `name`.
    int rowOf(EventType type, const QString &name) const
    {
        const auto &history = m_workbench->detail()->history()->model()->history();
        for (int i = 0; i < history.size(); ++i) {
            if (history.at(i).type == type && history.at(i).name == name)
                return i;
        }
        return -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_registry.addActivity(QStringLiteral("Quote"), [](ActivityContext &, const QJsonValue &input) -> QJsonValue {
            return input.toInt() * 2;
        });
        m_registry.addActivity(QStringLiteral("Charge"), [](ActivityContext &, const QJsonValue &input) -> QJsonValue {
            return input.toInt() + 1;
        });
        m_registry.addActivity(QStringLiteral("Reserve"),
                               [](ActivityContext &, const QJsonValue &input) -> QJsonValue { return input; });
        m_registry.addOrchestrator(
            { QStringLiteral("Pay"), QStringLiteral("v1"), {}, 5, pay(QStringLiteral("v1"), false) });
        EngineOptions options;
        options.hubPath = m_dir.filePath(QStringLiteral("hub.sqlite"));
        options.sync = SyncMode::Normal;
        auto engine = Engine::open(options, m_registry);
        QVERIFY(engine.has_value());
        m_engine = std::move(*engine);
        Client::StartOptions start;
        start.instanceId = QStringLiteral("pay-1");
        QVERIFY(m_engine->start(QStringLiteral("Pay"), 5, start).result());
        auto done = m_engine->waitForCompletion(QStringLiteral("pay-1"), 20000).result();
        QVERIFY(done && done->output.toString() == QLatin1String("v1:11"));
        m_original = QStringLiteral("pay-1");
        // Later versions: v2 replays v1's histories, v3 does not.
        m_registry.addOrchestrator(
            { QStringLiteral("Pay"), QStringLiteral("v2"), {}, 5, pay(QStringLiteral("v2"), false) });
        m_registry.addOrchestrator(
            { QStringLiteral("Pay"), QStringLiteral("v3"), {}, 5, pay(QStringLiteral("v3"), true) });

        m_workbench = std::make_unique<WorkbenchWidget>(m_engine.get());
        m_workbench->resize(1400, 900);
        m_workbench->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_workbench.get()));
        m_workbench->showInstance(m_original);
        QTRY_COMPARE_WITH_TIMEOUT(m_workbench->detail()->history()->model()->rowCount(),
                                  int(m_engine->history(m_original).result()->size()), 10000);
    }

    void cleanupTestCase()
    {
        m_workbench.reset();
        m_engine.reset();
    }

    void contextMenuOpensTheDialogAtThatEvent()
    {
        auto *history = m_workbench->detail()->history();
        const int row = rowOf(EventType::TaskScheduled, QStringLiteral("Charge"));
        QVERIFY(row > 0);
        auto *menu = history->createContextMenu(history->tableIndexAt(row), m_workbench.get());
        auto *fork = menu->findChild<QAction *>(QStringLiteral("forkFromHere"));
        QVERIFY(fork && fork->isEnabled());
        fork->trigger();
        delete menu;
        ForkDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = openDialog()));
        auto *event = dialog->findChild<QComboBox *>(QStringLiteral("forkEvent"));
        QCOMPARE(event->currentData().toLongLong(), qint64(row));
        // The version it ran is preselected; every registered version is offered.
        auto *version = dialog->findChild<QComboBox *>(QStringLiteral("forkVersion"));
        QCOMPARE(version->currentData().toString(), QStringLiteral("v1"));
        QCOMPARE(version->count(), 3);
        dialog->reject();
        QTRY_VERIFY(!openDialog());
    }

    void divergingVersionIsRefusedInTheDialog()
    {
        auto *history = m_workbench->detail()->history();
        const int row = rowOf(EventType::TaskScheduled, QStringLiteral("Charge"));
        history->table()->setCurrentIndex(history->tableIndexAt(row));
        const QStringList before = originalState();
        const int count = instanceCount();
        m_workbench->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_workbench.get()));
        QTest::keySequence(m_workbench.get(), QKeySequence(QStringLiteral("Ctrl+Alt+F")));
        ForkDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = openDialog()));
        QCOMPARE(dialog->request().afterSequence, qint64(row));
        auto *version = dialog->findChild<QComboBox *>(QStringLiteral("forkVersion"));
        version->setCurrentIndex(version->findData(QStringLiteral("v3")));
        QVERIFY(dialog->forkButton()->isEnabled());
        dialog->forkButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(dialog->statusText().contains(QLatin1String("Reserve")), 10000);
        QVERIFY2(dialog->statusText().contains(QLatin1String("Quote")), qPrintable(dialog->statusText()));
        QVERIFY(dialog->isVisible());
        QCOMPARE(instanceCount(), count);
        QCOMPARE(originalState(), before);
        dialog->reject();
        QTRY_VERIFY(!openDialog());
    }

    void forkWithSubstituteIsCreatedAndShown()
    {
        const QStringList before = originalState();
        const int row = rowOf(EventType::TaskScheduled, QStringLiteral("Charge"));
        ForkDialog *dialog = m_workbench->openForkDialog(row);
        QVERIFY(dialog);
        auto *version = dialog->findChild<QComboBox *>(QStringLiteral("forkVersion"));
        version->setCurrentIndex(version->findData(QStringLiteral("v2")));
        auto *substitute = dialog->findChild<QComboBox *>(QStringLiteral("forkSubstitute"));
        substitute->setCurrentIndex(1);
        auto *value = dialog->findChild<JsonTextEdit *>(QStringLiteral("forkValue"));
        // Prefilled with Charge's original result.
        QCOMPARE(value->value().toInt(), 11);
        // Bad JSON blocks the fork.
        value->setText(QStringLiteral("{ not json"));
        QVERIFY(!dialog->forkButton()->isEnabled());
        value->setText(QStringLiteral("100"));
        QVERIFY(dialog->forkButton()->isEnabled());
        QVERIFY2(dialog->statusText().contains(QLatin1String("Charge")), qPrintable(dialog->statusText()));
        dialog->forkButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(!openDialog(), 10000);

        // The workbench shows the fork, which completes with the substitute's consequence.
        const QString fork = QStringLiteral("pay-1-fork-1");
        QTRY_COMPARE_WITH_TIMEOUT(m_workbench->detail()->tracker()->info().value_or(InstanceInfo {}).instanceId, fork,
                                  10000);
        auto done = m_engine->waitForCompletion(fork, 20000).result();
        QVERIFY(done);
        QCOMPARE(done->output.toString(), QStringLiteral("v2:100"));
        QTRY_VERIFY_WITH_TIMEOUT(
            m_workbench->detail()->summary()->findChild<QLabel *>()->text().contains(QLatin1String("Forked from")),
            10000);
        QCOMPARE(originalState(), before);
    }
};

QTEST_MAIN(TestFork)
#include "tst_fork.moc"
