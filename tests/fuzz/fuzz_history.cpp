// History decoding from the hub: arbitrary column values (null, integer, real, text, blob) in an
// instance row and its history rows of a real SQLite hub file, read back through the SQLite
// backend and rendered as the HTTP API does (status payload, folded history, list page).
#include "apipayloads.h"
#include "fuzzcommon.h"
#include "historyvocabulary.h"
#include "sqlite/sqlitestore.h"

#include <QDir>
#include <QTemporaryDir>

#include <fuzzer/FuzzedDataProvider.h>
#include <sqlite3.h>

#include <cstddef>
#include <cstdint>

using namespace durable;

namespace {

struct Hub {
    // In memory where the machine has it: the target writes a few rows per input, and a file
    // system that syncs would cost most of the time.
    QTemporaryDir dir { QDir(QStringLiteral("/dev/shm")).exists()
                            ? QStringLiteral("/dev/shm/fuzz-history-XXXXXX")
                            : QDir::tempPath() + QStringLiteral("/fuzz-history-XXXXXX") };
    std::unique_ptr<sqlite::SqliteStore> store; ///< the backend under test
    sqlite3 *raw = nullptr; ///< a second connection that writes the fuzzed rows as they come
};

Hub &hub()
{
    static Hub *h = [] {
        auto *created = new Hub;
        const QString path = created->dir.filePath(QStringLiteral("hub.sqlite"));
        auto opened = sqlite::SqliteStore::open(path, SyncMode::Normal);
        if (!opened) {
            std::fprintf(stderr, "cannot open the hub: %s\n", qPrintable(opened.error().message));
            std::abort();
        }
        created->store = std::move(*opened);
        if (sqlite3_open(path.toUtf8().constData(), &created->raw) != SQLITE_OK)
            std::abort();
        sqlite3_exec(created->raw, "PRAGMA synchronous = OFF", nullptr, nullptr, nullptr);
        return created;
    }();
    return *h;
}

void bindFuzzed(sqlite3_stmt *statement, int index, FuzzedDataProvider &in)
{
    switch (in.ConsumeIntegralInRange(0, 4)) {
    case 0:
        sqlite3_bind_null(statement, index);
        break;
    case 1:
        sqlite3_bind_int64(statement, index, in.ConsumeIntegral<sqlite3_int64>());
        break;
    case 2:
        sqlite3_bind_double(statement, index, in.ConsumeFloatingPoint<double>());
        break;
    case 3: {
        const std::string text = in.ConsumeRandomLengthString(512);
        sqlite3_bind_text(statement, index, text.data(), int(text.size()), SQLITE_TRANSIENT);
        break;
    }
    default: {
        const std::string bytes = in.ConsumeRandomLengthString(512);
        sqlite3_bind_blob(statement, index, bytes.data(), int(bytes.size()), SQLITE_TRANSIENT);
        break;
    }
    }
}

/// Runs `sql` with every `?` bound to a fuzzed value; false when the row was refused (NOT NULL).
bool insertFuzzed(sqlite3 *db, const char *sql, FuzzedDataProvider &in)
{
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK)
        std::abort();
    for (int i = 1; i <= sqlite3_bind_parameter_count(statement); ++i)
        bindFuzzed(statement, i, in);
    const bool inserted = sqlite3_step(statement) == SQLITE_DONE;
    sqlite3_finalize(statement);
    return inserted;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Hub &h = hub();
    FuzzedDataProvider in(data, size);
    sqlite3_exec(h.raw, "BEGIN; DELETE FROM instances; DELETE FROM history;", nullptr, nullptr, nullptr);
    const bool fuzzedRow = insertFuzzed(
        h.raw,
        "INSERT INTO instances (instance_id, execution_id, name, version, status, input, output, "
        "custom_status, failure, created_at, updated_at, completed_at, parent_instance_id, parent_task_id, "
        "waiting, history_length) VALUES ('i', 'e', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        in);
    // Most fuzzed rows break a NOT NULL; the history rows still need a row to be keyed by.
    if (!fuzzedRow) {
        sqlite3_exec(h.raw,
                     "INSERT INTO instances (instance_id, execution_id, name, status, created_at, updated_at) "
                     "VALUES ('i', 'e', 'Flow', 1, 0, 0)",
                     nullptr, nullptr, nullptr);
    }
    const int rows = in.ConsumeIntegralInRange(0, 16);
    for (int row = 0; row < rows; ++row) {
        const QByteArray sql
            = "INSERT INTO history (instance_key, sequence, event_type, event_id, task_id, name, data, timestamp) "
              "VALUES ((SELECT instance_key FROM instances WHERE instance_id = 'i'), "
            + QByteArray::number(row) + ", ?, ?, ?, ?, ?, ?)";
        insertFuzzed(h.raw, sql.constData(), in);
    }
    sqlite3_exec(h.raw, "COMMIT", nullptr, nullptr, nullptr);

    const auto record = h.store->instance(QStringLiteral("i"), true);
    const auto history = h.store->history(QStringLiteral("i"), QStringLiteral("e"));
    if (record && *record) {
        InstanceInfo info = (*record)->info;
        (void)http::statusPayload(info, true);
        if (history)
            info.history = *history;
    }
    (void)h.store->instance(QStringLiteral("i"), false);
    if (history) {
        const HistoryPairing pairing(*history);
        (void)http::historyEvents(*history, true, true);
        for (const HistoryEvent &event : *history)
            (void)eventTypeName(event.type);
    }
    InstanceQuery query;
    query.includeInputs = in.ConsumeBool();
    query.sortKey = static_cast<SortKey>(in.ConsumeIntegralInRange(0, int(SortKey::ParentInstanceId)));
    query.descending = in.ConsumeBool();
    query.pageSize = 1;
    if (const auto page = h.store->query(query); page) {
        for (const InstanceInfo &info : page->instances)
            (void)http::statusPayload(info, true);
        // The token made from the row's (fuzzed) sort value is accepted back.
        if (!page->continuation.isEmpty()) {
            query.continuation = page->continuation;
            fuzz::require(h.store->query(query).has_value(), "a continuation the store made is accepted");
        }
    }
    return 0;
}
