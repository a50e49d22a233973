// Status and timeline colours stay readable (3:1 contrast, WCAG's level for graphics) on the
// light Fusion palette and on a dark one.

#include <darkpalette.h>
#include <formatting.h>
#include <instancelistmodel.h>
#include <timelineview.h>

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>

#include <QTest>
#include <memory>

using namespace durable;
using namespace durable::models;
using namespace durable::views;

class TestPalette : public QObject {
    Q_OBJECT
private:
    /// Fusion's own light palette; the style object is ours to delete.
    static QPalette fusionPalette()
    {
        const std::unique_ptr<QStyle> fusion(QStyleFactory::create(QStringLiteral("Fusion")));
        return fusion->standardPalette();
    }
    static QList<TimelineItem> items()
    {
        QList<TimelineItem> result;
        for (auto outcome :
             { TimelineItem::Outcome::Pending, TimelineItem::Outcome::Completed, TimelineItem::Outcome::Failed,
               TimelineItem::Outcome::Fired, TimelineItem::Outcome::Cancelled, TimelineItem::Outcome::Marker }) {
            for (auto kind : { TimelineItem::Kind::Activity, TimelineItem::Kind::Timer, TimelineItem::Kind::Event }) {
                TimelineItem item;
                item.outcome = outcome;
                item.kind = kind;
                result.append(item);
            }
        }
        return result;
    }

private Q_SLOTS:
    void contrastRatio_data()
    {
        QTest::addColumn<QColor>("a");
        QTest::addColumn<QColor>("b");
        QTest::addColumn<double>("ratio");
        QTest::newRow("black on white") << QColor(Qt::black) << QColor(Qt::white) << 21.0;
        QTest::newRow("same") << QColor(0x80, 0x40, 0x20) << QColor(0x80, 0x40, 0x20) << 1.0;
        QTest::newRow("grey") << QColor(0x76, 0x76, 0x76) << QColor(Qt::white) << 4.54;
    }
    void contrastRatio()
    {
        QFETCH(QColor, a);
        QFETCH(QColor, b);
        QFETCH(double, ratio);
        QVERIFY(qAbs(models::contrastRatio(a, b) - ratio) < 0.01);
        QVERIFY(qAbs(models::contrastRatio(b, a) - ratio) < 0.01);
    }

    void readable_data()
    {
        QTest::addColumn<QPalette>("palette");
        QTest::newRow("light") << fusionPalette();
        QTest::newRow("dark") << darkPalette();
    }
    void readable()
    {
        QFETCH(QPalette, palette);
        const QColor base = palette.color(QPalette::Base);
        for (int s = 0; s < RuntimeStatusCount; ++s) {
            const QColor raw = InstanceListModel::statusColor(RuntimeStatus(s));
            const QColor shown = readableOn(raw, base);
            QVERIFY2(models::contrastRatio(shown, base) >= 3.0, qPrintable(statusName(RuntimeStatus(s))));
            // Hue kept: a status stays recognisable.
            if (raw.hslSaturation() > 0)
                QVERIFY(qAbs(shown.hslHue() - raw.hslHue()) <= 3);
        }
        for (const auto &item : items()) {
            const QColor c = TimelineView::outcomeColor(item, palette);
            QVERIFY2(models::contrastRatio(c, base) >= 3.0,
                     qPrintable(QStringLiteral("outcome %1 kind %2").arg(int(item.outcome)).arg(int(item.kind))));
        }
    }

    void darkNeedsTheAdjustment()
    {
        // Without it, the terminated purple is too dark on the dark base and the pending grey and
        // suspended orange too light on white: the test above would fail if readableOn() did nothing.
        const QColor base = darkPalette().color(QPalette::Base);
        QVERIFY(models::contrastRatio(InstanceListModel::statusColor(RuntimeStatus::Terminated), base) < 3.0);
        const QColor white = fusionPalette().color(QPalette::Base);
        QVERIFY(models::contrastRatio(InstanceListModel::statusColor(RuntimeStatus::Pending), white) < 3.0);
        QVERIFY(models::contrastRatio(InstanceListModel::statusColor(RuntimeStatus::Suspended), white) < 3.0);
        // And a colour that is readable already is left alone.
        QCOMPARE(readableOn(QColor(Qt::white), base), QColor(Qt::white));
    }
};

QTEST_MAIN(TestPalette)
#include "tst_palette.moc"
