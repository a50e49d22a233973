#include "sqlitestatement.h"

#include <sqlite3.h>

namespace durable::sqlite {

Error errorFor(int resultCode, sqlite3 *db, const QString &context)
{
    ErrorCode code = ErrorCode::Storage;
    switch (resultCode & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        code = ErrorCode::Busy;
        break;
    case SQLITE_READONLY:
        code = ErrorCode::ReadOnly;
        break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        code = ErrorCode::Corrupt;
        break;
    case SQLITE_INTERRUPT: // only a cancel flag interrupts statements (an upgrade's)
        code = ErrorCode::Cancelled;
        break;
    default:
        break;
    }
    const QString detail = db ? QString::fromUtf8(sqlite3_errmsg(db)) : QString::fromUtf8(sqlite3_errstr(resultCode));
    return Error { code, context + QStringLiteral(": ") + detail };
}

Statement::Statement(sqlite3 *db, const QByteArray &sql, Lifetime lifetime, TransactionGuard *guard)
    : m_db(db)
    , m_guard(guard)
    , m_sql(sql)
{
    const unsigned flags = lifetime == Lifetime::Persistent ? SQLITE_PREPARE_PERSISTENT : 0;
    m_prepareResult = sqlite3_prepare_v3(db, sql.constData(), int(sql.size()), flags, &m_stmt, nullptr);
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

void Statement::bindText(int index, QByteArray utf8)
{
    if (m_texts.size() <= index)
        m_texts.resize(index + 1);
    // Bound without a copy: the bytes stay alive here until the parameter is bound to other bytes
    // (a moved QByteArray keeps its buffer, so the pointer given to SQLite stays valid).
    sqlite3_bind_text(m_stmt, index + 1, utf8.constData(), int(utf8.size()), SQLITE_STATIC);
    auto &bound = m_texts[index];
    bound.utf8 = std::move(utf8);
    bound.source = QString();
}

void Statement::bindValue(int index, const QString &text)
{
    if (m_active)
        finish();
    // The same string as this parameter's last one (an instance id bound row after row, an
    // activity's name): its UTF-8 bytes are still here, bound again without converting.
    if (index < m_texts.size()) {
        const auto &bound = m_texts.at(index);
        if (!bound.source.isNull() && bound.source == text) {
            sqlite3_bind_text(m_stmt, index + 1, bound.utf8.constData(), int(bound.utf8.size()), SQLITE_STATIC);
            return;
        }
    }
    bindText(index, text.toUtf8());
    // Kept only for short strings with data of their own (never null): ids and names. A long
    // text would be kept twice, and a string on raw data (QString::fromRawData) might outlive its
    // buffer here.
    if (text.size() <= MaxRememberedString && text.data_ptr().isMutable())
        m_texts[index].source = text;
}

void Statement::bindUtf8(int index, const QByteArray &utf8)
{
    if (m_active)
        finish();
    bindText(index, utf8);
}

void Statement::bindNull(int index)
{
    if (m_active)
        finish();
    sqlite3_bind_null(m_stmt, index + 1);
}

void Statement::bindValue(int index, qint64 value)
{
    if (m_active)
        finish();
    sqlite3_bind_int64(m_stmt, index + 1, value);
}

void Statement::bindValue(int index, const QVariant &v)
{
    if (m_active)
        finish();
    const int i = index + 1;
    if (v.isNull()) {
        sqlite3_bind_null(m_stmt, i);
        return;
    }
    switch (v.typeId()) {
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::Bool:
    case QMetaType::UInt:
    case QMetaType::ULongLong:
        sqlite3_bind_int64(m_stmt, i, v.toLongLong());
        break;
    case QMetaType::Double:
        sqlite3_bind_double(m_stmt, i, v.toDouble());
        break;
    case QMetaType::QByteArray:
        bindText(index, v.toByteArray());
        break;
    default:
        bindText(index, v.toString().toUtf8());
    }
}

Status Statement::exec()
{
    m_stepError = {};
    if (!m_stmt) {
        return std::unexpected(errorFor(m_prepareResult ? m_prepareResult : SQLITE_ERROR, m_db,
                                        QStringLiteral("SQL failed (%1)").arg(QString::fromUtf8(m_sql.left(60)))));
    }
    if (m_guard && m_guard->open && sqlite3_get_autocommit(m_db)) {
        // Running now would commit this statement alone, outside the caller's transaction.
        return fail(m_guard->cause.code,
                    QStringLiteral("the transaction was rolled back after an error (%1); nothing of it was written")
                        .arg(m_guard->cause.message));
    }
    if (m_active)
        sqlite3_reset(m_stmt);
    m_active = true;
    const int rc = sqlite3_step(m_stmt);
    m_pendingRow = rc == SQLITE_ROW;
    if (rc == SQLITE_DONE) {
        m_changes = sqlite3_changes(m_db);
        m_lastInsert = sqlite3_last_insert_rowid(m_db);
        finish();
        return {};
    }
    if (rc != SQLITE_ROW) {
        auto error = errorFor(rc, m_db, QStringLiteral("SQL failed (%1)").arg(QString::fromUtf8(m_sql.left(60))));
        noteError(error);
        finish();
        return std::unexpected(error);
    }
    return {};
}

bool Statement::next()
{
    if (m_pendingRow) {
        m_pendingRow = false;
        return true;
    }
    if (!m_active)
        return false;
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc != SQLITE_DONE) {
        m_stepError = std::unexpected(
            errorFor(rc, m_db, QStringLiteral("reading failed (%1)").arg(QString::fromUtf8(m_sql.left(60)))));
        noteError(m_stepError.error());
    }
    return false;
}

void Statement::noteError(const Error &error)
{
    if (m_guard && m_guard->open)
        m_guard->cause = error;
}

QVariant Statement::value(int column) const
{
    switch (sqlite3_column_type(m_stmt, column)) {
    case SQLITE_NULL:
        return QVariant();
    case SQLITE_INTEGER:
        return QVariant(qint64(sqlite3_column_int64(m_stmt, column)));
    case SQLITE_FLOAT:
        return QVariant(sqlite3_column_double(m_stmt, column));
    default:
        return QVariant(QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column)),
                                          sqlite3_column_bytes(m_stmt, column)));
    }
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

qint64 Statement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

QByteArrayView Statement::utf8(int column) const
{
    // Text first, then its length: the order SQLite documents for a stable pointer.
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return QByteArrayView(text, sqlite3_column_bytes(m_stmt, column));
}

QString Statement::string(int column) const
{
    const QByteArrayView text = utf8(column);
    return text.isEmpty() ? QString() : QString::fromUtf8(text);
}

void Statement::finish()
{
    sqlite3_reset(m_stmt);
    m_active = false;
    m_pendingRow = false;
    // Large payloads are not kept until the next run: unbound (the parameters read NULL until
    // bound again, which every caller does before it runs the statement).
    qsizetype kept = 0;
    for (const auto &text : std::as_const(m_texts))
        kept += text.utf8.size();
    if (kept > KeptTextBytes && m_stmt) {
        sqlite3_clear_bindings(m_stmt);
        m_texts.clear();
    }
}

} // namespace durable::sqlite
