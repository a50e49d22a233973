#include "apikey.h"

#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <algorithm>
#include <array>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace durable::http {

namespace {

    constexpr auto ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

    QString keychainProblem(const SecretStore::SecretError &error)
    {
        using Code = SecretStore::SecretError::Code;
        if (error.code == Code::NoBackend || error.code == Code::Timeout)
            return QStringLiteral("No keychain is reachable for the HTTP API key (%1: %2). Start a secret service "
                                  "(e.g. gnome-keyring) or choose a key file explicitly with --http-key-file PATH.")
                .arg(SecretStore::codeName(error.code), error.message);
        return QStringLiteral("The keychain refused access to the HTTP API key (%1: %2).")
            .arg(SecretStore::codeName(error.code), error.message);
    }

    std::expected<QByteArray, QString> writeNewKeyFile(const QString &path, bool replace)
    {
        const QByteArray key = ApiKeys::generate();
        QFile file(path);
        // NewOnly + permissions at creation: the file never exists with wider permissions.
        const QIODevice::OpenMode mode
            = replace ? QIODevice::WriteOnly | QIODevice::Truncate : QIODevice::WriteOnly | QIODevice::NewOnly;
        if (!file.open(mode, ownerOnly))
            return std::unexpected(QStringLiteral("Cannot create the key file %1: %2").arg(path, file.errorString()));
        if (replace && !file.setPermissions(ownerOnly))
            return std::unexpected(QStringLiteral("Cannot restrict the key file %1 to its owner.").arg(path));
        if (file.write(key + '\n') != key.size() + 1 || !file.flush())
            return std::unexpected(QStringLiteral("Cannot write the key file %1: %2").arg(path, file.errorString()));
        return key;
    }

    /// The key of a key file's content: exactly one line, its trailing newline ("\n" or "\r\n")
    /// optional, surrounding blanks ignored; no control characters, at most MaxKeyFileKeyLength.
    /// `content` holds at most MaxKeyFileKeyLength + 3 bytes of the file: more than the key and
    /// "\r\n" already means too long.
    std::expected<QByteArray, QString> keyOfContent(const QString &path, QByteArray content)
    {
        const auto tooLong = [&path] {
            return std::unexpected(QStringLiteral("The key in the key file %1 is longer than %2 characters.")
                                       .arg(path)
                                       .arg(ApiKeys::MaxKeyFileKeyLength));
        };
        if (content.size() > ApiKeys::MaxKeyFileKeyLength + 2)
            return tooLong();
        if (content.endsWith('\n'))
            content.chop(content.endsWith("\r\n") ? 2 : 1);
        if (content.contains('\n') || content.contains('\r'))
            return std::unexpected(
                QStringLiteral("The key file %1 holds more than one line; it must hold the key alone.").arg(path));
        const QByteArray key = content.trimmed();
        if (key.size() > ApiKeys::MaxKeyFileKeyLength)
            return tooLong();
        if (std::any_of(key.cbegin(), key.cend(), [](char c) { return uchar(c) < 0x20 || uchar(c) == 0x7f; }))
            return std::unexpected(QStringLiteral("The key in the key file %1 contains control characters.").arg(path));
        if (key.size() < 16)
            return std::unexpected(QStringLiteral("The key file %1 holds no key of at least 16 characters.").arg(path));
        return key;
    }

} // namespace

QByteArray ApiKeys::generate()
{
    std::array<quint32, 8> words {};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray raw(reinterpret_cast<const char *>(words.data()), sizeof(words));
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

std::expected<QByteArray, QString> ApiKeys::readOrCreateKeyFile(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return writeNewKeyFile(path, false);
    // Opened without blocking and judged by the open descriptor: a FIFO (or a device) would
    // otherwise block start-up before the stop signals are served, and a file swapped after a
    // check by name would escape it.
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return std::unexpected(
            QStringLiteral("Cannot read the key file %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    struct stat status { };
    if (::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) {
        ::close(fd);
        return std::unexpected(QStringLiteral("The key file %1 is not a regular file.").arg(path));
    }
    if (status.st_mode & (S_IRWXG | S_IRWXO)) {
        ::close(fd);
        return std::unexpected(QStringLiteral("The key file %1 is accessible by group or others; restrict it "
                                              "with 'chmod 600 %1'.")
                                   .arg(path));
    }
    QFile file;
    if (!file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return std::unexpected(QStringLiteral("Cannot read the key file %1: %2").arg(path, file.errorString()));
    }
    return keyOfContent(path, file.read(MaxKeyFileKeyLength + 3));
}

std::expected<QByteArray, QString> ApiKeys::rewriteKeyFile(const QString &path)
{
    return writeNewKeyFile(path, QFileInfo::exists(path));
}

std::expected<QByteArray, QString> ApiKeys::obtain(SecretStore &store, const ApiKeySource &source)
{
    if (!source.keyFile.isEmpty())
        return readOrCreateKeyFile(source.keyFile);
    const auto existing = store.readSync(source.secretName);
    if (existing && !existing->isEmpty())
        return *existing;
    if (!existing && existing.error().code != SecretStore::SecretError::Code::NotFound)
        return std::unexpected(keychainProblem(existing.error()));
    return regenerate(store, source);
}

std::expected<QByteArray, QString> ApiKeys::regenerate(SecretStore &store, const ApiKeySource &source)
{
    if (!source.keyFile.isEmpty())
        return rewriteKeyFile(source.keyFile);
    const QByteArray key = generate();
    if (const auto written = store.writeSync(source.secretName, key); !written)
        return std::unexpected(keychainProblem(written.error()));
    return key;
}

QString ApiKeys::describe(const SecretStore &store, const ApiKeySource &source)
{
    if (!source.keyFile.isEmpty())
        return QStringLiteral("in the key file %1").arg(QFileInfo(source.keyFile).absoluteFilePath());
    return QStringLiteral("in the keychain (service \"%1\", entry \"%2\")").arg(store.service(), source.secretName);
}

} // namespace durable::http
