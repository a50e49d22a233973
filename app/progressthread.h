#pragma once

#include <QCoreApplication>
#include <QEventLoop>
#include <QThread>

#include <utility>

/// Runs `work` on a thread of its own while this thread's events (the modal progress dialog
/// `progress` and its Cancel) go on, and returns when it is done. `work` reports to `progress`
/// through queued calls; those still waiting when it ends are dropped with the dialog's.
template<typename Work>
void runBesideProgress(QObject &progress, Work &&work)
{
    QThread *thread = QThread::create(std::forward<Work>(work));
    QEventLoop loop;
    QObject::connect(thread, &QThread::finished, &loop, &QEventLoop::quit);
    thread->start();
    loop.exec();
    thread->wait();
    delete thread;
    QCoreApplication::removePostedEvents(&progress, QEvent::MetaCall);
}
