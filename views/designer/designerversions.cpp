// The Designer's stored versions: save as a new version, list and load them, and open the code an
// instance ran at a failure's line.
#include "designerpage.h"

#include "codeeditor.h"
#include "errortext.h"

#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QTimer>
#include <QTreeWidget>

namespace durable::views {

void DesignerPage::saveAsNewVersion()
{
    m_syntaxTimer->stop();
    const QString file = fileName();
    const QString source = code();
    if (file.isEmpty()) {
        checkSyntax(); // shows why
        setStatus(tr("Not saved: %1").arg(m_status->text()), true);
        return;
    }
    m_saveButton->setEnabled(false);
    const quint64 request = ++m_checkRequest;
    m_design->check(file, source).then(this, [this, request, file, source](const Result<ScriptDefinitions> &checked) {
        if (!checked) {
            m_saveButton->setEnabled(true);
            if (request == m_checkRequest)
                showCheck(checked); // shows why
            setStatus(tr("Not saved: %1").arg(request == m_checkRequest ? m_status->text() : checked.error().message),
                      true);
            return;
        }
        save(file, source, *checked);
    });
}

void DesignerPage::save(const QString &file, const QString &source, const ScriptDefinitions &definitions)
{
    m_client->saveScript(file, source, definitions.orchestrators, definitions.activities)
        .then(this, [this, file, source](const Result<int> &saved) {
            if (!saved) {
                m_saveButton->setEnabled(true);
                setStatus(ErrorText::report(tr("Could not save %1.").arg(file), saved.error()), true);
                return;
            }
            m_design->registerVersion(file, source, *saved)
                .then(this, [this, file, source, version = *saved](const Result<QString> &registered) {
                    m_saveButton->setEnabled(true);
                    if (!registered) {
                        setStatus(
                            ErrorText::report(tr("Saved as version %1, but it could not be registered.").arg(version),
                                              registered.error()),
                            true);
                        return;
                    }
                    m_baseline = source;
                    updateState();
                    setStatus(tr("Saved %1 as version %2 (registered as %3).").arg(file).arg(version).arg(*registered));
                    reloadVersions();
                    Q_EMIT versionSaved(version);
                });
        });
}

void DesignerPage::reloadVersions()
{
    const QString file = fileName();
    const quint64 request = ++m_versionsRequest;
    if (file.isEmpty()) {
        m_versionList->clear();
        return;
    }
    m_client->scriptVersions(file).then(this, [this, request](const Result<QList<ScriptVersion>> &versions) {
        if (request != m_versionsRequest)
            return;
        m_versionList->clear();
        if (!versions) {
            setStatus(ErrorText::report(tr("Could not list the saved versions."), versions.error()), true);
            return;
        }
        for (auto it = versions->crbegin(); it != versions->crend(); ++it) {
            auto *item = new QTreeWidgetItem(m_versionList);
            item->setText(0, m_design->versionName(it->version));
            item->setData(0, Qt::UserRole, it->version);
            item->setText(1, QLocale().toString(it->createdAt.toLocalTime(), QLocale::ShortFormat));
            item->setText(2, it->orchestrators.join(QStringLiteral(", ")));
            item->setText(3, it->activities.join(QStringLiteral(", ")));
            item->setToolTip(0, tr("Activate to load this version into the editor"));
        }
        Q_EMIT versionsListed();
    });
}

void DesignerPage::loadVersion(int version)
{
    if (!maybeDiscard())
        return;
    const QString file = fileName();
    m_client->scriptVersion(file, version).then(this, [this, file](const Result<ScriptVersion> &stored) {
        if (!stored) {
            setStatus(ErrorText::report(tr("Could not read the version."), stored.error()), true);
            return;
        }
        m_fileName->setText(file);
        m_baseline = stored->code;
        setCode(stored->code);
        checkSyntax();
        setStatus(tr("Loaded version %1 of %2.").arg(stored->version).arg(file));
    });
}

void DesignerPage::openScriptAt(const QString &file, const QString &version, int line)
{
    Q_EMIT revealRequested();
    if (!maybeDiscard())
        return;
    const auto show = [this, file, line](const QString &code, const QString &status) {
        m_actionList->clear(); // a dry run of other code
        m_fileName->setText(file);
        m_baseline = code;
        setCode(code);
        checkSyntax();
        m_editor->highlightLine(line);
        setStatus(status);
        updateState();
        reloadVersions();
        Q_EMIT scriptOpened(file, line);
    };
    // Saved versions run as "v<N>"; anything else was loaded from a file (--script).
    static const QRegularExpression saved(QStringLiteral("^v(\\d+)$"));
    if (const auto match = saved.match(version); match.hasMatch()) {
        const int number = match.captured(1).toInt();
        m_client->scriptVersion(file, number).then(this, [this, file, line, show](const Result<ScriptVersion> &stored) {
            if (!stored) {
                setStatus(ErrorText::report(tr("Could not read the version."), stored.error()), true);
                return;
            }
            show(stored->code, tr("Version %1 of %2, line %3.").arg(stored->version).arg(file).arg(line));
        });
        return;
    }
    // The name comes from a failure, maybe an imported bundle's: only a script file is read, and
    // not one larger than a script could be.
    QFile source(file);
    constexpr qint64 MaxScriptBytes = 16 * 1024 * 1024;
    if (!file.endsWith(QStringLiteral(".js"), Qt::CaseInsensitive) || source.size() > MaxScriptBytes) {
        setStatus(tr("%1 is neither a version saved in this hub nor a script file (.js) to open.").arg(file), true);
        return;
    }
    if (!source.open(QIODevice::ReadOnly)) {
        setStatus(
            tr("%1 is neither a version saved in this hub nor a readable file: %2").arg(file, source.errorString()),
            true);
        return;
    }
    show(QString::fromUtf8(source.readAll()), tr("%1 from disk, line %2.").arg(file).arg(line));
}

} // namespace durable::views
