#include "apikey.h"

#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <array>

namespace durable::http {

namespace {

    constexpr auto ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    constexpr auto groupOrOthers = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
        | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;

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
    if (info.permissions() & groupOrOthers)
        return std::unexpected(QStringLiteral("The key file %1 is accessible by group or others; restrict it "
                                              "with 'chmod 600 %1'.")
                                   .arg(path));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::unexpected(QStringLiteral("Cannot read the key file %1: %2").arg(path, file.errorString()));
    const QByteArray key = file.read(4096).trimmed();
    if (key.size() < 16)
        return std::unexpected(QStringLiteral("The key file %1 holds no key of at least 16 characters.").arg(path));
    return key;
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
