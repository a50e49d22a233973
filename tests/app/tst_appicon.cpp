// The window icon (app/main.cpp) is the installed icon (cmake/DurablePackaging.cmake): the same
// SVG, embedded, and drawable at the smallest size a desktop uses.

#include <QFile>
#include <QIcon>
#include <QImage>
#include <QPixmap>
#include <QTest>

using namespace Qt::StringLiterals;

class TestAppIcon : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void embeddedIconIsTheInstalledOne()
    {
        QFile embedded(u":/icons/" DURABLE_APP_ID ".svg"_s);
        QVERIFY2(embedded.open(QIODevice::ReadOnly), qPrintable(embedded.fileName()));
        QFile installed(QStringLiteral(DURABLE_PACKAGING_DIR "/" DURABLE_APP_ID ".svg"));
        QVERIFY2(installed.open(QIODevice::ReadOnly), qPrintable(installed.fileName()));
        QCOMPARE(embedded.readAll(), installed.readAll());
    }

    // Needs Qt's SVG icon engine (libqt6svg6, a Depends of the package): without it the icon is
    // empty and the window shows the platform's generic one.
    void drawsAtSixteenPixels()
    {
        const QIcon icon(u":/icons/" DURABLE_APP_ID ".svg"_s);
        QVERIFY(!icon.isNull());
        const QImage image = icon.pixmap(QSize(16, 16)).toImage();
        QCOMPARE(image.size(), QSize(16, 16));
        // The mark's blue fills the middle; the corners of the rounded square stay transparent.
        QCOMPARE(qAlpha(image.pixel(0, 0)), 0);
        const QColor centre = image.pixelColor(8, 4);
        QVERIFY2(centre.alpha() == 255, qPrintable(centre.name(QColor::HexArgb)));
    }
};

QTEST_MAIN(TestAppIcon)
#include "tst_appicon.moc"
