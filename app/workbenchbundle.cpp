// File ▸ Export Instance… and File ▸ Import Bundle…: repro bundles (engine/bundle.h).
#include "bundle.h"
#include "errortext.h"
#include "instanceactions.h"
#include "mainwindow.h"
#include "scriptdesignservice.h"
#include "workbench.h"
#include "workbenchwidget.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStatusBar>

using namespace Qt::StringLiterals;

bool Workbench::exportInstanceTo(const QString &instanceId, const QString &path, QString *message)
{
    message->clear();
    Q_ASSERT(m_engine);
    // The reads run on the engine's reader thread; this one only waits for them.
    const auto bytes = durable::bundle::exportInstance(*m_engine, instanceId, true);
    if (!bytes) {
        *message = durable::views::ErrorText::report(tr("The instance could not be read."), bytes.error());
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(*bytes) != bytes->size() || !file.commit()) {
        *message = tr("Cannot write '%1': %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

QStringList Workbench::importBundleFrom(const QString &path, QString *message)
{
    message->clear();
    Q_ASSERT(m_engine && m_design);
    const QFileInfo info(path);
    QFile file(path);
    if (info.size() > durable::bundle::MaxBytes) {
        *message = tr("'%1' is %2 MB; repro bundles are at most %3 MB.")
                       .arg(QDir::toNativeSeparators(path))
                       .arg(info.size() / (1024 * 1024))
                       .arg(durable::bundle::MaxBytes / (1024 * 1024));
        return {};
    }
    if (!file.open(QIODevice::ReadOnly)) {
        *message = tr("Cannot read '%1': %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return {};
    }
    auto future = m_engine->importBundle(file.readAll(), info.fileName());
    future.waitForFinished();
    const auto imported = future.result();
    if (!imported) {
        *message = durable::views::ErrorText::report(
            tr("'%1' was not imported; nothing was changed.").arg(QDir::toNativeSeparators(path)), imported.error());
        return {};
    }
    // The versions the instances ran on, so that they can be replay-tested and forked here.
    QStringList unloaded;
    for (const auto &script : imported->scripts) {
        auto registered = m_design->registerVersion(script.fileName, script.code, script.version);
        registered.waitForFinished();
        if (!registered.result())
            unloaded.append(script.fileName);
    }
    if (m_content) {
        m_content->reloadCatalog();
        m_content->showInstance(imported->instanceIds.constFirst());
    }
    if (!unloaded.isEmpty())
        *message = tr("The script of %1 does not load in this version; its instances cannot be forked here.")
                       .arg(unloaded.join(u", "_s));
    return imported->instanceIds;
}

void Workbench::chooseExportFile()
{
    if (!m_content || !m_content->actions()->current()) {
        QMessageBox::information(m_window.get(), tr("Export Instance"), tr("Select an instance to export first."));
        return;
    }
    const QString id = m_content->actions()->current()->instanceId;
    QString safe = id;
    safe.replace(QRegularExpression(u"[^A-Za-z0-9._-]"_s), u"_"_s);
    const QString path = QFileDialog::getSaveFileName(m_window.get(), tr("Export Instance"),
                                                      QDir::home().filePath(safe + u".durable-bundle.json"_s),
                                                      tr("Repro bundles (*.json)"));
    if (path.isEmpty())
        return;
    QString message;
    if (exportInstanceTo(id, path, &message))
        m_window->statusBar()->showMessage(tr("Exported %1 to %2").arg(id, QDir::toNativeSeparators(path)), 8000);
    else
        QMessageBox::warning(m_window.get(), tr("Export Instance"), message);
}

void Workbench::chooseBundleFile()
{
    const QString path = QFileDialog::getOpenFileName(m_window.get(), tr("Import Bundle"), QDir::homePath(),
                                                      tr("Repro bundles (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QString message;
    const QStringList ids = importBundleFrom(path, &message);
    if (ids.isEmpty())
        QMessageBox::warning(m_window.get(), tr("Import Bundle"), message);
    else if (!message.isEmpty())
        QMessageBox::information(m_window.get(), tr("Import Bundle"), message);
    else
        m_window->statusBar()->showMessage(tr("Imported %n instance(s) as read-only", nullptr, int(ids.size())), 8000);
}
