// The instance list's filter bar: each control maps to its InstanceQuery field, and the list
// sends the query the bar describes.

#include <filterbar.h>

#include <QComboBox>
#include <QDateTimeEdit>
#include <QLineEdit>
#include <QMenu>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace durable;
using namespace durable::views;

class TestFilterBar : public QObject {
    Q_OBJECT
private:
    static QAction *statusAction(FilterBar &bar, RuntimeStatus status)
    {
        for (auto *action : bar.statusButton()->menu()->actions()) {
            if (action->data().toInt() == int(status))
                return action;
        }
        return nullptr;
    }
    static const QDateTime Now;

private Q_SLOTS:
    void statusMultiSelect()
    {
        FilterBar bar({ QStringLiteral("Approval") });
        QSignalSpy changed(&bar, &FilterBar::changed);
        QVERIFY(bar.apply({}).statuses.isEmpty());
        QCOMPARE(bar.statusButton()->text(), QStringLiteral("Any"));
        statusAction(bar, RuntimeStatus::Failed)->trigger();
        statusAction(bar, RuntimeStatus::Completed)->trigger();
        QCOMPARE(changed.count(), 2);
        QCOMPARE(bar.apply({}).statuses, (QSet<RuntimeStatus> { RuntimeStatus::Completed, RuntimeStatus::Failed }));
        QCOMPARE(bar.statusButton()->text(), QStringLiteral("Completed, Failed"));
        statusAction(bar, RuntimeStatus::Failed)->trigger();
        QCOMPARE(bar.apply({}).statuses, QSet<RuntimeStatus> { RuntimeStatus::Completed });
        bar.setStatuses({});
        QVERIFY(bar.apply({}).statuses.isEmpty());
    }

    void nameAndId()
    {
        FilterBar bar({ QStringLiteral("Approval"), QStringLiteral("FanOutFanIn") });
        QSignalSpy changed(&bar, &FilterBar::changed);
        auto *name = bar.findChild<QComboBox *>(QStringLiteral("nameFilter"));
        QVERIFY(name);
        name->setCurrentIndex(name->findData(QStringLiteral("FanOutFanIn")));
        QCOMPARE(bar.apply({}).name, QStringLiteral("FanOutFanIn"));
        name->setCurrentIndex(0);
        QVERIFY(bar.apply({}).name.isEmpty()); // all orchestrators

        auto *id = bar.findChild<QLineEdit *>(QStringLiteral("idFilter"));
        QVERIFY(id);
        changed.clear();
        QTest::keyClicks(id, QStringLiteral(" job-1 "));
        QVERIFY(changed.wait()); // debounced: one change for the whole word
        QCOMPARE(changed.count(), 1);
        auto q = bar.apply({});
        QCOMPARE(q.idPrefix, QStringLiteral("job-1"));
        QVERIFY(q.idContains.isEmpty());
        bar.findChild<QComboBox *>(QStringLiteral("idMode"))->setCurrentIndex(1);
        q = bar.apply({});
        QVERIFY(q.idPrefix.isEmpty());
        QCOMPARE(q.idContains, QStringLiteral("job-1"));
        bar.setIdText(QStringLiteral("abc"));
        QCOMPARE(bar.apply({}).idPrefix, QStringLiteral("abc"));
    }

    void presets_data()
    {
        QTest::addColumn<int>("preset");
        QTest::addColumn<QDateTime>("from");
        QTest::addColumn<QDateTime>("to");
        QTest::newRow("any") << int(FilterBar::AnyTime) << QDateTime() << QDateTime();
        QTest::newRow("hour") << int(FilterBar::LastHour) << Now.addSecs(-3600) << QDateTime();
        QTest::newRow("day") << int(FilterBar::LastDay) << Now.addDays(-1) << QDateTime();
        QTest::newRow("week") << int(FilterBar::LastWeek) << Now.addDays(-7) << QDateTime();
        QTest::newRow("custom") << int(FilterBar::Custom) << Now.addDays(-3) << Now.addDays(-2);
    }
    void presets()
    {
        QFETCH(int, preset);
        QFETCH(QDateTime, from);
        QFETCH(QDateTime, to);
        FilterBar bar({});
        bar.setNow([] { return Now; });
        auto *fromEdit = bar.findChild<QDateTimeEdit *>(QStringLiteral("createdFrom"));
        auto *toEdit = bar.findChild<QDateTimeEdit *>(QStringLiteral("createdTo"));
        fromEdit->setDateTime(Now.addDays(-3).toLocalTime());
        toEdit->setDateTime(Now.addDays(-2).toLocalTime());
        QSignalSpy changed(&bar, &FilterBar::changed);
        bar.setPreset(FilterBar::Preset(preset));
        QCOMPARE(changed.count(), preset == FilterBar::AnyTime ? 0 : 1);
        QCOMPARE(fromEdit->isVisibleTo(&bar), preset == FilterBar::Custom);
        InstanceQuery base;
        base.sortKey = SortKey::Duration;
        base.pageSize = 42;
        const auto q = bar.apply(base);
        QCOMPARE(q.createdFrom, from);
        QCOMPARE(q.createdTo, to);
        // Sort and paging are the list's, untouched.
        QCOMPARE(q.sortKey, SortKey::Duration);
        QCOMPARE(q.pageSize, 42);
    }
};

// Whole minutes: the date-time edits show no seconds.
const QDateTime TestFilterBar::Now = QDateTime(QDate(2024, 5, 6), QTime(7, 8), Qt::UTC);

QTEST_MAIN(TestFilterBar)
#include "tst_filterbar.moc"
