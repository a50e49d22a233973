#include "commandline.h"
#include "errortext.h"
#include "mainwindow.h"
#include "translations.h"

#include <bulkactions.h>
#include <catalogmodel.h>
#include <samples.h>
#include <welcomepage.h>

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLibraryInfo>
#include <QMenuBar>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

class TestTranslations : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cleanup();
    void dutchWhenAsked();
    void dutchCommandLineErrors();
    void qtsOwnTextsFollow();
    void englishIsTheSource();
    void unknownLanguageFallsBackToEnglish();
    void sampleDescriptionsFollow();
    void reinstallSwitchesLanguage();
    void catalogsAreComplete_data();
    void catalogsAreComplete();

private:
    static QStringList menuTitles(const MainWindow &window);
};

void TestTranslations::cleanup()
{
    QLocale::setDefault(QLocale::c());
}

QStringList TestTranslations::menuTitles(const MainWindow &window)
{
    QStringList titles;
    for (QAction *action : window.menuBar()->actions()) {
        titles << action->text();
    }
    return titles;
}

void TestTranslations::dutchWhenAsked()
{
    Translations translations;
    QVERIFY(translations.install(Translations::localeFor(u"nl"_s)));
    QCOMPARE(QLocale().language(), QLocale::Dutch);
    MainWindow window(u"/h.sqlite"_s);
    QCOMPARE(menuTitles(window), (QStringList { u"&Bestand"_s, u"&Help"_s }));
    QCOMPARE(durable::views::ErrorText::describe(durable::ErrorCode::Corrupt),
             u"Het bestand is geen taakhub, of het is beschadigd."_s);
    // The bulk question's filters, the words between the statuses included.
    durable::InstanceQuery query;
    query.statuses = { durable::RuntimeStatus::Running, durable::RuntimeStatus::Failed };
    const QString filters = durable::views::BulkActions::describeFilters(query);
    QVERIFY2(filters.endsWith(u" of Failed"_s) && !filters.contains(u" or "_s), qPrintable(filters));
}

void TestTranslations::dutchCommandLineErrors()
{
    Translations translations;
    QVERIFY(translations.install(QLocale(u"nl_BE"_s)));
    const ParsedCommandLine parsed = CommandLine::parse({ u"durable-workbench"_s, u"--sync"_s, u"fast"_s });
    QCOMPARE(parsed.error, u"Ongeldige waarde \"fast\" voor --sync: gebruik full of normal."_s);
}

void TestTranslations::qtsOwnTextsFollow()
{
    // qtbase_nl comes from Qt's translations directory (Debian package qt6-translations-l10n).
    const QString qtCatalog = QLibraryInfo::path(QLibraryInfo::TranslationsPath) + u"/qtbase_nl.qm"_s;
    QVERIFY2(QFile::exists(qtCatalog), qPrintable(qtCatalog + u" is missing: run scripts/deps.sh"_s));
    Translations translations;
    QVERIFY(translations.install(QLocale(u"nl"_s)));
    const ParsedCommandLine parsed = CommandLine::parse({ u"durable-workbench"_s, u"--help"_s });
    QVERIFY2(parsed.helpText.contains("Opties:"_L1), qPrintable(parsed.helpText));
}

void TestTranslations::englishIsTheSource()
{
    Translations translations;
    QVERIFY(!translations.install(Translations::localeFor(u"en"_s)));
    MainWindow window(u"/h.sqlite"_s);
    QCOMPARE(menuTitles(window), (QStringList { u"&File"_s, u"&Help"_s }));
}

void TestTranslations::unknownLanguageFallsBackToEnglish()
{
    Translations translations;
    QVERIFY(!translations.install(QLocale(u"ja"_s)));
    QCOMPARE(durable::views::ErrorText::describe(durable::ErrorCode::Busy),
             u"The file is locked by another program."_s);
}

// Issue #16, defect 8: in Dutch the samples' descriptions stayed English.
void TestTranslations::sampleDescriptionsFollow()
{
    durable::Registry registry;
    durable::samples::registerAll(registry);
    const auto approvalDescription = [&registry] {
        durable::models::CatalogModel catalog(registry);
        for (int row = 0; row < catalog.rowCount(); ++row) {
            const auto index = catalog.index(row, durable::models::CatalogModel::Description);
            if (index.data(durable::models::CatalogModel::NameRole).toString() == u"Approval"_s)
                return index.data().toString();
        }
        return QString();
    };
    const QString english = u"Pattern 5: waits 72 hours for ApprovalEvent, else escalates."_s;
    QCOMPARE(approvalDescription(), english);
    Translations translations;
    QVERIFY(translations.install(QLocale(u"nl"_s)));
    const QString dutch = approvalDescription();
    QVERIFY2(dutch.startsWith(u"Patroon 5"_s), qPrintable(dutch));
    durable::views::WelcomePage welcome(registry);
    bool shown = false;
    for (const auto *label : welcome.findChildren<QLabel *>())
        shown |= label->text() == dutch;
    QVERIFY(shown);
}

void TestTranslations::reinstallSwitchesLanguage()
{
    Translations translations;
    QVERIFY(translations.install(QLocale(u"nl"_s)));
    QCOMPARE(MainWindow::tr("&File"), u"&Bestand"_s);
    QVERIFY(!translations.install(QLocale(u"en"_s)));
    QCOMPARE(MainWindow::tr("&File"), u"&File"_s);
    {
        Translations scoped;
        QVERIFY(scoped.install(QLocale(u"nl"_s)));
    }
    QCOMPARE(MainWindow::tr("&File"), u"&File"_s);
}

void TestTranslations::catalogsAreComplete_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(QStringLiteral(DURABLE_TS_DIR));
    const QStringList files = dir.entryList({ u"*.ts"_s }, QDir::Files);
    QVERIFY(!files.isEmpty());
    for (const QString &file : files) {
        QTest::newRow(qPrintable(file)) << dir.filePath(file);
    }
}

void TestTranslations::catalogsAreComplete()
{
    // After lupdate adds new texts, they must be translated before they are committed.
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    QString context;
    QString source;
    QStringList untranslated;
    int messages = 0;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement) {
            continue;
        }
        if (xml.name() == "name"_L1) {
            context = xml.readElementText();
        } else if (xml.name() == "source"_L1) {
            source = xml.readElementText();
        } else if (xml.name() == "translation"_L1) {
            ++messages;
            const auto type = xml.attributes().value("type"_L1);
            const bool obsolete = type == "obsolete"_L1 || type == "vanished"_L1;
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (!obsolete && (type == "unfinished"_L1 || text.trimmed().isEmpty())) {
                untranslated << context + u": "_s + source;
            }
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(messages > 0);
    QVERIFY2(untranslated.isEmpty(), qPrintable(u"untranslated in %1:\n"_s.arg(path) + untranslated.join(u'\n')));
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
