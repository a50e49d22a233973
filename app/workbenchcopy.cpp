// File ▸ Copy Hub To…: the open hub closes, is copied and verified, and opens again.
#include "bulkactions.h"
#include "designerpage.h"
#include "errortext.h"
#include "httppanel.h"
#include "hubcopycommand.h"
#include "hubcopydialog.h"
#include "instanceactions.h"
#include "mainwindow.h"
#include "workbench.h"
#include "workbenchwidget.h"
#include "workerspanel.h"

#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QMessageBox>
#include <QScopeGuard>
#include <QSpinBox>
#include <QStatusBar>
#include <QTimer>

using namespace Qt::StringLiterals;

bool Workbench::copyHubTo(const QString &destination, QString *message)
{
    message->clear();
    Q_ASSERT(m_window && m_engine);
    if (m_switching || (m_http && m_http->isObtainingKey()) || (m_workers && m_workers->isObtainingKey())) {
        *message = tr("The hub is being opened or the API key read: copy it when that is done.");
        return false;
    }
    if (m_content && m_content->actions()->bulk()->isRunning()) {
        *message = tr("A bulk action is running: stop it or wait until it is done, then copy the hub.");
        return false;
    }
    // A copy must see a hub nobody changes: workers in another process have to be stopped there.
    if (const auto owner = m_engine->workerOwner(); owner && !owner->thisProcess) {
        *message = tr("The workers of this hub run in another process (%1, pid %2). Stop it first, then copy the "
                      "hub.")
                       .arg(owner->host)
                       .arg(owner->pid);
        return false;
    }
    if (m_designer && !m_designer->maybeDiscard())
        return false;
    m_switching = true;
    const auto switched = qScopeGuard([this] { m_switching = false; });

    const bool httpWasServing = m_http->isServing();
    const bool workersWereServing = m_workers->isServing();
    const quint16 httpPort = httpWasServing ? quint16(m_http->baseUrl().port()) : m_options.httpPort;
    const auto grpcPort
        = workersWereServing ? std::optional(m_workers->endpoint().section(u':', -1).toUShort()) : m_options.grpcPort;
    const auto *httpBind = m_http->findChild<QLineEdit *>(u"bindAddress"_s);
    const auto *grpcBind = m_workers->findChild<QLineEdit *>(u"bindAddress"_s);
    const QHostAddress httpAddress(httpBind ? httpBind->text() : m_options.httpBind.toString());
    const QHostAddress grpcAddress(grpcBind ? grpcBind->text() : m_options.grpcBind.toString());
    const HttpPanel::KeyState httpKey = m_http->keyState();
    const WorkersPanel::KeyState workersKey = m_workers->keyState();
    const QByteArray dockLayout = m_window->saveState();

    {
        QGuiApplication::setOverrideCursor(Qt::WaitCursor);
        const auto restoreCursor = qScopeGuard([] { QGuiApplication::restoreOverrideCursor(); });
        announce(tr("Closing %1 for the copy: waiting for running activities…").arg(QFileInfo(m_hubPath).fileName()));
        detachHub();
    }
    const auto result = HubCopyDialog::copyWithProgress(m_window.get(), m_hubPath, destination, m_options.sync);

    auto opened = openEngine(m_hubPath);
    if (!opened) {
        // Nothing to show any more: say why and end, as a hub that fails at start-up does.
        QMessageBox::critical(m_window.get(), tr("Copy Hub To"),
                              durable::views::ErrorText::hubOpenFailed(m_hubPath, opened.error()));
        QTimer::singleShot(0, qApp, &QCoreApplication::quit);
        *message = result ? HubCopyCommand::summary(*result) : HubCopyCommand::failure(result.error());
        return bool(result);
    }
    m_hubRegistry = std::move(opened->registry);
    m_engine = std::move(opened->engine);
    m_startupWarning = opened->warning;
    m_http = new HttpPanel(*m_engine, httpPort, httpAddress, m_options.httpKeyFile);
    m_workers = new WorkersPanel(*m_engine, grpcPort, grpcAddress, m_options.httpKeyFile);
    m_http->adoptKeyState(httpKey);
    m_workers->adoptKeyState(workersKey);
    attachHub();
    QTimer::singleShot(0, m_window.get(), [window = m_window.get(), dockLayout] { window->restoreState(dockLayout); });
    if (httpWasServing)
        m_http->setServing(true);
    if (workersWereServing)
        m_workers->setServing(true);
    *message = result ? HubCopyCommand::summary(*result) : HubCopyCommand::failure(result.error());
    m_window->statusBar()->showMessage(result ? tr("Copied to %1.").arg(HubCopyCommand::displayLocation(destination))
                                              : tr("The hub was not copied."),
                                       15000);
    return bool(result);
}

void Workbench::chooseCopyDestination()
{
    HubCopyDialog dialog(m_hubPath, m_window.get());
    if (dialog.exec() != QDialog::Accepted || dialog.destination().isEmpty())
        return;
    QString message;
    if (copyHubTo(dialog.destination(), &message))
        QMessageBox::information(m_window.get(), tr("Copy Hub To"), message);
    else if (!message.isEmpty())
        QMessageBox::warning(m_window.get(), tr("Copy Hub To"), message);
}
