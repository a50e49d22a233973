#pragma once

#include <QLocale>
#include <QTranslator>

/// The application's translators: our own catalogue (embedded under :/i18n) and Qt's qtbase one
/// (from Qt's translations directory, when installed). Lives as long as the application; the
/// translators are removed again on destruction.
class Translations {
public:
    Translations() = default;
    ~Translations();
    Translations(const Translations &) = delete;
    Translations &operator=(const Translations &) = delete;

    /// `code` as given to --lang; empty means the system locale.
    static QLocale localeFor(const QString &code);

    /// Replaces the installed translators with those for `locale` and makes it the default
    /// QLocale (number and date formats follow the chosen language). Needs a QCoreApplication.
    /// Returns true when our catalogue has that language; English, the source language, and
    /// languages without a catalogue return false and show the English texts.
    bool install(const QLocale &locale);

private:
    void remove();

    QTranslator m_application;
    QTranslator m_qt;
    bool m_installed = false;
};
