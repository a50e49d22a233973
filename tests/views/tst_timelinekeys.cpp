// The timeline's keys are actions, so Help ▸ Keyboard Shortcuts can list them, and they work both
// through the window's shortcut map and as key events sent to the view.
#include "../models/historyfixtures.h"

#include <timelineview.h>

#include <QAction>
#include <QTest>

using namespace durable;
using namespace durable::views;

class TestTimelineKeys : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyKeyIsADescribedAction();
    void keysWorkInAnActiveWindow();
    void shiftedPlusZoomsAsPlainPlus();
};

void TestTimelineKeys::everyKeyIsADescribedAction()
{
    TimelineView view;
    QStringList keys;
    for (const QAction *action : view.actions()) {
        QVERIFY(!action->text().isEmpty());
        QCOMPARE(action->shortcutContext(), Qt::WidgetShortcut);
        for (const auto &key : action->shortcuts())
            keys << key.toString();
    }
    keys.sort();
    QCOMPARE(keys,
             (QStringList { u"+"_qs, u"-"_qs, u"="_qs, u"Ctrl+Left"_qs, u"Ctrl+Right"_qs, u"End"_qs, u"F"_qs,
                            u"Home"_qs, u"Left"_qs, u"Right"_qs }));
}

void TestTimelineKeys::keysWorkInAnActiveWindow()
{
    TimelineView view;
    view.resize(800, 300);
    const History history = fixtures::approvalHistory();
    view.setHistory(history, history.last().timestamp);
    view.show();
    view.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&view));
    view.setFocus();
    QTest::keyClick(&view, Qt::Key_End);
    QCOMPARE(view.cursor(), int(history.size()) - 1);
    QTest::keyClick(&view, Qt::Key_Left);
    QCOMPARE(view.cursor(), int(history.size()) - 2);
    QTest::keyClick(&view, Qt::Key_Home);
    QCOMPARE(view.cursor(), 0);
    QTest::keyClick(&view, Qt::Key_F);
    const double fitted = view.msPerPixel();
    QTest::keyClick(&view, Qt::Key_Plus);
    QVERIFY(view.msPerPixel() < fitted);
    QTest::keyClick(&view, Qt::Key_F);
    QCOMPARE(view.msPerPixel(), fitted);
}

void TestTimelineKeys::shiftedPlusZoomsAsPlainPlus()
{
    TimelineView view;
    view.resize(800, 300);
    const History history = fixtures::approvalHistory();
    view.setHistory(history, history.last().timestamp);
    const double fitted = view.msPerPixel();
    QKeyEvent plus(QEvent::KeyPress, Qt::Key_Plus, Qt::ShiftModifier, u"+"_qs);
    QCoreApplication::sendEvent(&view, &plus);
    QVERIFY(plus.isAccepted());
    QVERIFY(view.msPerPixel() < fitted);
    // Ctrl+F is the list's filter, not the timeline's fit.
    QKeyEvent ctrlF(QEvent::KeyPress, Qt::Key_F, Qt::ControlModifier, u"f"_qs);
    ctrlF.setAccepted(false);
    const double zoomed = view.msPerPixel();
    QCoreApplication::sendEvent(&view, &ctrlF);
    QCOMPARE(view.msPerPixel(), zoomed);
}

QTEST_MAIN(TestTimelineKeys)
#include "tst_timelinekeys.moc"
