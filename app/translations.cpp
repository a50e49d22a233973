#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>

using namespace Qt::StringLiterals;

Translations::~Translations()
{
    remove();
}

QLocale Translations::localeFor(const QString &code)
{
    return code.isEmpty() ? QLocale::system() : QLocale(code);
}

bool Translations::install(const QLocale &locale)
{
    remove();
    QLocale::setDefault(locale);
    // A missing Qt catalogue only leaves Qt's own dialog texts in English.
    if (m_qt.load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(&m_qt);
    }
    const bool found = m_application.load(locale, u"durable-workbench"_s, u"_"_s, u":/i18n"_s);
    if (found) {
        QCoreApplication::installTranslator(&m_application);
    }
    m_installed = true;
    return found;
}

void Translations::remove()
{
    if (!m_installed) {
        return;
    }
    // removeTranslator ignores translators that were never installed.
    QCoreApplication::removeTranslator(&m_application);
    QCoreApplication::removeTranslator(&m_qt);
    m_installed = false;
}
