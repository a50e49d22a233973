#include "faultvfs.h"

#include <sqlite3.h>

#include <atomic>
#include <cstring>
#include <mutex>

namespace faultvfs {

namespace {

    sqlite3_vfs *real = nullptr; // the VFS wrapped (SQLite's default at install())
    sqlite3_vfs shim;
    sqlite3_io_methods methods;

    std::atomic<qint64> counted { 0 };
    std::atomic<qint64> perOp[4] {};
    std::atomic<qint64> failAt { 0 }; // 0: disarmed
    std::atomic<bool> failSticky { false };
    std::atomic<int> failKind { 0 };
    std::atomic<int> failOnly { -1 }; // -1: every operation counts towards failAt
    std::atomic<qint64> failed { 0 };
    std::atomic<int> firstOp { 0 };

    /// The shim's file: the real VFS's file object follows it in the same allocation.
    struct File {
        sqlite3_file base;
        sqlite3_file *real;
    };

    sqlite3_file *inner(sqlite3_file *f)
    {
        return reinterpret_cast<File *>(f)->real;
    }

    /// Counts one call; returns the result code to fail it with, or SQLITE_OK to let it through.
    /// `shortWrite` is set when a write must store part of its bytes before failing.
    int count(Op op, bool *shortWrite = nullptr)
    {
        const qint64 nOfOp = perOp[int(op)].fetch_add(1) + 1;
        const qint64 nOfAll = counted.fetch_add(1) + 1;
        const int only = failOnly.load();
        if (only >= 0 && only != int(op))
            return SQLITE_OK;
        const qint64 n = only >= 0 ? nOfOp : nOfAll;
        const qint64 at = failAt.load();
        if (at == 0 || n < at || (n > at && !failSticky.load()))
            return SQLITE_OK;
        if (failed.fetch_add(1) == 0)
            firstOp.store(int(op));
        const auto kind = Kind(failKind.load());
        if (op == Op::Read)
            return SQLITE_IOERR_READ;
        if (kind == Kind::IoError) {
            switch (op) {
            case Op::Write:
                return SQLITE_IOERR_WRITE;
            case Op::Sync:
                return SQLITE_IOERR_FSYNC;
            default:
                return SQLITE_IOERR_TRUNCATE;
            }
        }
        if (kind == Kind::ShortWrite && op == Op::Write && shortWrite)
            *shortWrite = true;
        return SQLITE_FULL;
    }

    int xClose(sqlite3_file *f)
    {
        sqlite3_file *r = inner(f);
        return r->pMethods ? r->pMethods->xClose(r) : SQLITE_OK;
    }

    int xRead(sqlite3_file *f, void *buffer, int amount, sqlite3_int64 offset)
    {
        if (const int rc = count(Op::Read))
            return rc;
        return inner(f)->pMethods->xRead(inner(f), buffer, amount, offset);
    }

    int xWrite(sqlite3_file *f, const void *buffer, int amount, sqlite3_int64 offset)
    {
        bool shortWrite = false;
        if (const int rc = count(Op::Write, &shortWrite)) {
            if (shortWrite && amount > 1)
                (void)inner(f)->pMethods->xWrite(inner(f), buffer, amount / 2, offset);
            return rc;
        }
        return inner(f)->pMethods->xWrite(inner(f), buffer, amount, offset);
    }

    int xTruncate(sqlite3_file *f, sqlite3_int64 size)
    {
        if (const int rc = count(Op::Truncate))
            return rc;
        return inner(f)->pMethods->xTruncate(inner(f), size);
    }

    int xSync(sqlite3_file *f, int flags)
    {
        if (const int rc = count(Op::Sync))
            return rc;
        return inner(f)->pMethods->xSync(inner(f), flags);
    }

    // The rest forwards unchanged: locks, size, file control, shared memory (the WAL index is
    // memory-mapped, not file I/O), memory-mapped reads (off unless mmap_size is set).
    int xFileSize(sqlite3_file *f, sqlite3_int64 *size)
    {
        return inner(f)->pMethods->xFileSize(inner(f), size);
    }
    int xLock(sqlite3_file *f, int lock)
    {
        return inner(f)->pMethods->xLock(inner(f), lock);
    }
    int xUnlock(sqlite3_file *f, int lock)
    {
        return inner(f)->pMethods->xUnlock(inner(f), lock);
    }
    int xCheckReservedLock(sqlite3_file *f, int *out)
    {
        return inner(f)->pMethods->xCheckReservedLock(inner(f), out);
    }
    int xFileControl(sqlite3_file *f, int op, void *arg)
    {
        return inner(f)->pMethods->xFileControl(inner(f), op, arg);
    }
    int xSectorSize(sqlite3_file *f)
    {
        return inner(f)->pMethods->xSectorSize(inner(f));
    }
    int xDeviceCharacteristics(sqlite3_file *f)
    {
        return inner(f)->pMethods->xDeviceCharacteristics(inner(f));
    }
    int xShmMap(sqlite3_file *f, int page, int size, int extend, void volatile **out)
    {
        return inner(f)->pMethods->xShmMap(inner(f), page, size, extend, out);
    }
    int xShmLock(sqlite3_file *f, int offset, int n, int flags)
    {
        return inner(f)->pMethods->xShmLock(inner(f), offset, n, flags);
    }
    void xShmBarrier(sqlite3_file *f)
    {
        inner(f)->pMethods->xShmBarrier(inner(f));
    }
    int xShmUnmap(sqlite3_file *f, int deleteFlag)
    {
        return inner(f)->pMethods->xShmUnmap(inner(f), deleteFlag);
    }
    int xFetch(sqlite3_file *f, sqlite3_int64 offset, int amount, void **out)
    {
        return inner(f)->pMethods->xFetch(inner(f), offset, amount, out);
    }
    int xUnfetch(sqlite3_file *f, sqlite3_int64 offset, void *p)
    {
        return inner(f)->pMethods->xUnfetch(inner(f), offset, p);
    }

    int xOpen(sqlite3_vfs *, sqlite3_filename name, sqlite3_file *f, int flags, int *outFlags)
    {
        auto *file = reinterpret_cast<File *>(f);
        file->real = reinterpret_cast<sqlite3_file *>(file + 1);
        file->base.pMethods = nullptr;
        const int rc = real->xOpen(real, name, file->real, flags, outFlags);
        if (rc == SQLITE_OK && file->real->pMethods) {
            // The shim offers what the real file offers (version 3 for unix: shm and mmap).
            methods.iVersion = file->real->pMethods->iVersion;
            file->base.pMethods = &methods;
        }
        return rc;
    }

    int xDelete(sqlite3_vfs *, const char *name, int syncDir)
    {
        return real->xDelete(real, name, syncDir);
    }
    int xAccess(sqlite3_vfs *, const char *name, int flags, int *out)
    {
        return real->xAccess(real, name, flags, out);
    }
    int xFullPathname(sqlite3_vfs *, const char *name, int n, char *out)
    {
        return real->xFullPathname(real, name, n, out);
    }
    void *xDlOpen(sqlite3_vfs *, const char *name)
    {
        return real->xDlOpen(real, name);
    }
    void xDlError(sqlite3_vfs *, int n, char *out)
    {
        real->xDlError(real, n, out);
    }
    void (*xDlSym(sqlite3_vfs *, void *handle, const char *symbol))(void)
    {
        return real->xDlSym(real, handle, symbol);
    }
    void xDlClose(sqlite3_vfs *, void *handle)
    {
        real->xDlClose(real, handle);
    }
    int xRandomness(sqlite3_vfs *, int n, char *out)
    {
        return real->xRandomness(real, n, out);
    }
    int xSleep(sqlite3_vfs *, int microseconds)
    {
        return real->xSleep(real, microseconds);
    }
    int xCurrentTime(sqlite3_vfs *, double *out)
    {
        return real->xCurrentTime(real, out);
    }
    int xGetLastError(sqlite3_vfs *, int n, char *out)
    {
        return real->xGetLastError(real, n, out);
    }
    int xCurrentTimeInt64(sqlite3_vfs *, sqlite3_int64 *out)
    {
        return real->xCurrentTimeInt64(real, out);
    }

} // namespace

bool install()
{
    static std::once_flag once;
    static bool ok = false;
    std::call_once(once, [] {
        if (sqlite3_initialize() != SQLITE_OK)
            return;
        real = sqlite3_vfs_find(nullptr);
        if (!real)
            return;
        methods = sqlite3_io_methods { 3,
                                       xClose,
                                       xRead,
                                       xWrite,
                                       xTruncate,
                                       xSync,
                                       xFileSize,
                                       xLock,
                                       xUnlock,
                                       xCheckReservedLock,
                                       xFileControl,
                                       xSectorSize,
                                       xDeviceCharacteristics,
                                       xShmMap,
                                       xShmLock,
                                       xShmBarrier,
                                       xShmUnmap,
                                       xFetch,
                                       xUnfetch };
        std::memset(&shim, 0, sizeof shim);
        // Version 2 offers all the unix VFS needs here (xCurrentTimeInt64); the system-call
        // overrides of version 3 are the real VFS's business.
        shim.iVersion = 2;
        shim.szOsFile = int(sizeof(File)) + real->szOsFile;
        shim.mxPathname = real->mxPathname;
        shim.zName = "faultvfs";
        shim.xOpen = xOpen;
        shim.xDelete = xDelete;
        shim.xAccess = xAccess;
        shim.xFullPathname = xFullPathname;
        shim.xDlOpen = xDlOpen;
        shim.xDlError = xDlError;
        shim.xDlSym = xDlSym;
        shim.xDlClose = xDlClose;
        shim.xRandomness = xRandomness;
        shim.xSleep = xSleep;
        shim.xCurrentTime = xCurrentTime;
        shim.xGetLastError = xGetLastError;
        shim.xCurrentTimeInt64 = xCurrentTimeInt64;
        ok = sqlite3_vfs_register(&shim, 1) == SQLITE_OK;
    });
    return ok;
}

void reset()
{
    failAt.store(0);
    failSticky.store(false);
    failOnly.store(-1);
    counted.store(0);
    for (auto &n : perOp)
        n.store(0);
    failed.store(0);
    firstOp.store(0);
}

void arm(qint64 n, Kind kind, bool sticky, std::optional<Op> only)
{
    failKind.store(int(kind));
    failOnly.store(only ? int(*only) : -1);
    failSticky.store(sticky);
    failAt.store(n);
}

void disarm()
{
    failAt.store(0);
}

qint64 calls()
{
    return counted.load();
}

qint64 calls(Op op)
{
    return perOp[int(op)].load();
}

qint64 injected()
{
    return failed.load();
}

Op firstInjectedOp()
{
    return Op(firstOp.load());
}

const char *name(Op op)
{
    static const char *const names[] = { "read", "write", "sync", "truncate" };
    return names[int(op)];
}

const char *name(Kind kind)
{
    static const char *const names[] = { "I/O error", "disk full", "short write" };
    return names[int(kind)];
}

} // namespace faultvfs
