#pragma once

#include "secretstore.h"

#include <QByteArray>
#include <QString>

#include <expected>

namespace durable::http {

/// The keychain service under which the workbench keeps its secrets (GUI and headless alike).
inline constexpr auto keychainService = "Durable Workbench";

/// Where the API key is kept: the OS keychain (default) or an explicitly chosen key file.
struct ApiKeySource {
    QString keyFile; ///< empty: the keychain through SecretStore
    QString secretName = QStringLiteral("http-api-key");
};

/// The API key's life cycle. The key is 32 bytes from QRandomGenerator::system(), base64url
/// without padding (43 characters, safe in a query string). It is created on first use and kept
/// in the keychain; when no keychain is reachable the API refuses to start unless a key file was
/// chosen explicitly. There is no silent plain-text fallback.
class ApiKeys {
public:
    static QByteArray generate();

    /// The existing key, or a new one stored at `source` when there is none yet. Errors are
    /// complete sentences for the user ("No keychain is reachable ... use --http-key-file").
    static std::expected<QByteArray, QString> obtain(SecretStore &store, const ApiKeySource &source);
    /// Replaces the key with a new one (old clients stop working).
    static std::expected<QByteArray, QString> regenerate(SecretStore &store, const ApiKeySource &source);

    /// The longest key a key file may hold.
    static constexpr qsizetype MaxKeyFileKeyLength = 4096;

    /// Reads the key file, or creates it with mode 0600 and a new key when missing. A file that
    /// group or others may read is refused, as ssh refuses such key files. The file must be a
    /// regular file (a FIFO or device is refused, never waited on) holding exactly one line, the
    /// key (16 to MaxKeyFileKeyLength characters, no control characters), with an optional
    /// trailing newline; anything else is refused with the reason, nothing is cut or joined.
    static std::expected<QByteArray, QString> readOrCreateKeyFile(const QString &path);
    static std::expected<QByteArray, QString> rewriteKeyFile(const QString &path);

    /// Human-readable description of where the key lives, for the start-up message.
    static QString describe(const SecretStore &store, const ApiKeySource &source);
};

} // namespace durable::http
