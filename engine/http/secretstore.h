#pragma once

#include <QByteArray>
#include <QFuture>
#include <QObject>
#include <QString>

#include <expected>

namespace durable {

/// A small wrapper over QtKeychain (the OS secret service: gnome-keyring/KWallet via D-Bus on
/// Linux). Secrets are stored under (service, name). Never falls back to plain text: when no
/// secret service is reachable the calls fail with SecretError::Code::NoBackend.
///
/// QtKeychain's jobs are asynchronous and can stall (a secret service that never answers, a
/// locked keyring waiting for a prompt): every operation has a timeout and then fails with
/// Code::Timeout. The async calls return at once; the *Sync conveniences spin a local event loop
/// for at most the timeout and are meant for start-up code only. All calls on the object's thread.
class SecretStore : public QObject {
    Q_OBJECT
public:
    struct SecretError {
        enum class Code {
            NotFound, ///< no secret under that name
            NoBackend, ///< no secret service reachable (no D-Bus session, no keyring daemon, ...)
            AccessDenied, ///< the keyring refused (locked, user said no)
            Timeout, ///< the secret service did not answer in time
            Other,
        };
        Code code = Code::Other;
        QString message;
    };
    template<typename T>
    using Result = std::expected<T, SecretError>;
    using Status = std::expected<void, SecretError>;

    explicit SecretStore(const QString &service, QObject *parent = nullptr);

    QString service() const { return m_service; }
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }
    int timeout() const { return m_timeoutMs; }

    QFuture<Result<QByteArray>> read(const QString &name);
    QFuture<Status> write(const QString &name, const QByteArray &secret);
    /// Deleting a secret that does not exist succeeds.
    QFuture<Status> remove(const QString &name);

    Result<QByteArray> readSync(const QString &name);
    Status writeSync(const QString &name, const QByteArray &secret);
    Status removeSync(const QString &name);

    /// "NotFound", "NoBackend", ... for logs and messages.
    static QString codeName(SecretError::Code code);

private:
    template<typename T>
    static T waitFor(QFuture<T> future);

    QString m_service;
    int m_timeoutMs = 10000;
};

} // namespace durable
