#include "secretstore.h"

#include <QEventLoop>
#include <QFutureWatcher>
#include <QPromise>
#include <QTimer>

#include <qt6keychain/keychain.h>

#include <memory>

namespace durable {

namespace {

    using SecretError = SecretStore::SecretError;

    SecretError translate(QKeychain::Error error, const QString &text)
    {
        switch (error) {
        case QKeychain::EntryNotFound:
            return { SecretError::Code::NotFound, text };
        case QKeychain::NoBackendAvailable:
        case QKeychain::NotImplemented:
            return { SecretError::Code::NoBackend, text };
        case QKeychain::AccessDenied:
        case QKeychain::AccessDeniedByUser:
            return { SecretError::Code::AccessDenied, text };
        case QKeychain::NoError:
        case QKeychain::CouldNotDeleteEntry:
        case QKeychain::OtherError:
            break;
        }
        // QtKeychain reports an unreachable D-Bus session, a missing secret service or a service
        // without a default collection as OtherError with the D-Bus/libsecret message; classify them
        // so callers can say "no keychain" instead of "failed".
        const QString lower = text.toLower();
        for (const char *hint :
             { "dbus", "d-bus", "org.freedesktop.secrets", "no such secret collection", "cannot autolaunch",
               "not provided by any .service", "connection refused", "no such file or directory", "disconnected",
               "could not connect", "/org/freedesktop/secrets/collection" }) {
            if (lower.contains(QLatin1String(hint)))
                return { SecretError::Code::NoBackend, text };
        }
        return { SecretError::Code::Other, text };
    }

    /// Runs one keychain job and settles `promise` exactly once: with the job's outcome, or with
    /// Timeout when the job stays silent. A timed-out job keeps running and deletes itself later.
    template<typename T, typename Job, typename Extract>
    QFuture<T> runJob(Job *job, QObject *context, int timeoutMs, Extract extract)
    {
        auto promise = std::make_shared<QPromise<T>>();
        auto settled = std::make_shared<bool>(false);
        auto settle = [promise, settled](T value) {
            if (*settled)
                return;
            *settled = true;
            promise->addResult(std::move(value));
            promise->finish();
        };
        promise->start();
        QObject::connect(job, &QKeychain::Job::finished, context, [settle, extract](QKeychain::Job *finished) {
            settle(extract(static_cast<Job *>(finished)));
        });
        auto *timer = new QTimer(context);
        timer->setSingleShot(true);
        QObject::connect(timer, &QTimer::timeout, context, [settle, timer, timeoutMs] {
            settle(std::unexpected(
                SecretError { SecretError::Code::Timeout,
                              QStringLiteral("The secret service did not answer within %1 ms.").arg(timeoutMs) }));
            timer->deleteLater();
        });
        QObject::connect(job, &QObject::destroyed, timer, &QObject::deleteLater);
        timer->start(timeoutMs);
        job->setAutoDelete(true);
        job->start();
        return promise->future();
    }

} // namespace

SecretStore::SecretStore(const QString &service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{
}

QFuture<SecretStore::Result<QByteArray>> SecretStore::read(const QString &name)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setInsecureFallback(false);
    job->setKey(name);
    return runJob<Result<QByteArray>>(job, this, m_timeoutMs,
                                      [](QKeychain::ReadPasswordJob *done) -> Result<QByteArray> {
                                          if (done->error() != QKeychain::NoError)
                                              return std::unexpected(translate(done->error(), done->errorString()));
                                          return done->binaryData();
                                      });
}

QFuture<SecretStore::Status> SecretStore::write(const QString &name, const QByteArray &secret)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setInsecureFallback(false);
    job->setKey(name);
    job->setBinaryData(secret);
    return runJob<Status>(job, this, m_timeoutMs, [](QKeychain::WritePasswordJob *done) -> Status {
        if (done->error() != QKeychain::NoError)
            return std::unexpected(translate(done->error(), done->errorString()));
        return {};
    });
}

QFuture<SecretStore::Status> SecretStore::remove(const QString &name)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setInsecureFallback(false);
    job->setKey(name);
    return runJob<Status>(job, this, m_timeoutMs, [](QKeychain::DeletePasswordJob *done) -> Status {
        if (done->error() == QKeychain::NoError || done->error() == QKeychain::EntryNotFound)
            return {};
        return std::unexpected(translate(done->error(), done->errorString()));
    });
}

template<typename T>
T SecretStore::waitFor(QFuture<T> future)
{
    if (!future.isFinished()) {
        QEventLoop loop;
        QFutureWatcher<T> watcher;
        QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
        watcher.setFuture(future);
        if (!future.isFinished())
            loop.exec(); // bounded: the job's own timeout settles the future
    }
    return future.result();
}

SecretStore::Result<QByteArray> SecretStore::readSync(const QString &name)
{
    return waitFor(read(name));
}

SecretStore::Status SecretStore::writeSync(const QString &name, const QByteArray &secret)
{
    return waitFor(write(name, secret));
}

SecretStore::Status SecretStore::removeSync(const QString &name)
{
    return waitFor(remove(name));
}

QString SecretStore::codeName(SecretError::Code code)
{
    switch (code) {
    case SecretError::Code::NotFound:
        return QStringLiteral("NotFound");
    case SecretError::Code::NoBackend:
        return QStringLiteral("NoBackend");
    case SecretError::Code::AccessDenied:
        return QStringLiteral("AccessDenied");
    case SecretError::Code::Timeout:
        return QStringLiteral("Timeout");
    case SecretError::Code::Other:
        break;
    }
    return QStringLiteral("Other");
}

} // namespace durable
