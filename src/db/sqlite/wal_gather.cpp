#include "db/sqlite/wal_gather.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <vector>

namespace ws::db {

namespace {

// A frame is its 24-byte header, written first, then the page. Bytes 4..7 of
// the header hold the database's size in pages on a transaction's commit
// frame and zero on every other.
constexpr int kFrameHeaderBytes = 24;
// The default VFS writes at most this much in one call (os_unix.c masks a
// write's size with 0x1ffff), so what is gathered goes out in pieces of it.
constexpr int kMaxWrite = 0x1ffff;
// Larger transactions are handed over before the commit in pieces this size.
constexpr size_t kMaxGathered = size_t{1} << 20;

std::atomic<uint64_t> g_calls{0};
std::atomic<uint64_t> g_bytes{0};
std::atomic<int> g_fail{0};

/// What a WAL file holds back: bytes that continue each other from `start`.
struct Gathered {
  std::vector<char> bytes;
  sqlite3_int64 start = 0;
  bool commit_page_next = false;  // the last write was a commit frame's header
};

/// Our file, followed in the same allocation by the default VFS's file.
struct GatherFile {
  sqlite3_file base;
  sqlite3_file* real;
  Gathered* wal;  // null unless this is a WAL file
};

constexpr size_t kRealOffset = (sizeof(GatherFile) + 15) / 16 * 16;

sqlite3_vfs* g_real = nullptr;

GatherFile* Of(sqlite3_file* file) { return reinterpret_cast<GatherFile*>(file); }

int Flush(GatherFile* f) {
  Gathered* g = f->wal;
  if (g == nullptr || g->bytes.empty()) return SQLITE_OK;
  const int amount = int(g->bytes.size());
  int rc = SQLITE_OK;
  if (int left = g_fail.load(std::memory_order_relaxed);
      left > 0 && g_fail.compare_exchange_strong(left, left - 1)) {
    rc = SQLITE_FULL;
  } else {
    for (int done = 0; done < amount && rc == SQLITE_OK; done += kMaxWrite) {
      const int piece = std::min(kMaxWrite, amount - done);
      rc = f->real->pMethods->xWrite(f->real, g->bytes.data() + done, piece, g->start + done);
      g_calls.fetch_add(1, std::memory_order_relaxed);
      g_bytes.fetch_add(uint64_t(piece), std::memory_order_relaxed);
    }
  }
  // Failed or not, the bytes are given up: SQLite rolls the transaction
  // back and writes its frames again after the last committed one.
  g->bytes.clear();
  return rc;
}

bool IsCommitHeader(const char* bytes, int amount) {
  return amount == kFrameHeaderBytes &&
         (bytes[4] != 0 || bytes[5] != 0 || bytes[6] != 0 || bytes[7] != 0);
}

// A commit frame's header goes out at once with every frame gathered before
// it (in writes of up to kMaxWrite), and its page right after. SQLite publishes
// the commit in the WAL index after the page's write returns, or, when it
// rewrites the checksums of frames it overwrote in place
// (walRewriteChecksums), right after rewriting the commit frame's header,
// with no write of its page; either way nothing may wait here then.
int Write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
  GatherFile* f = Of(file);
  Gathered* g = f->wal;
  if (g == nullptr) return f->real->pMethods->xWrite(f->real, data, amount, offset);
  const auto* bytes = static_cast<const char*>(data);
  if (g->commit_page_next) {  // nothing is gathered: the header went out
    g->commit_page_next = false;
    g->start = offset;
    g->bytes.assign(bytes, bytes + amount);
    return Flush(f);
  }
  if (g->bytes.empty() || offset != g->start + sqlite3_int64(g->bytes.size())) {
    if (int rc = Flush(f); rc != SQLITE_OK) return rc;
    g->start = offset;
  }
  g->bytes.insert(g->bytes.end(), bytes, bytes + amount);
  if (IsCommitHeader(bytes, amount)) {
    const int rc = Flush(f);
    g->commit_page_next = rc == SQLITE_OK;
    return rc;
  }
  return g->bytes.size() >= kMaxGathered ? Flush(f) : SQLITE_OK;
}

int Close(sqlite3_file* file) {
  GatherFile* f = Of(file);
  const int flushed = Flush(f);
  delete f->wal;
  f->wal = nullptr;
  const int rc = f->real->pMethods != nullptr ? f->real->pMethods->xClose(f->real) : SQLITE_OK;
  return flushed != SQLITE_OK ? flushed : rc;
}

/// The default VFS's method `M` on the file underneath. `Flushed` sends what
/// is gathered first: every read, size, sync, truncate, lock and file
/// control sees the file as SQLite wrote it.
template <auto M>
struct Forward;
template <typename R, typename... A, R (*sqlite3_io_methods::*M)(sqlite3_file*, A...)>
struct Forward<M> {
  static R Plain(sqlite3_file* file, A... args) {
    sqlite3_file* real = Of(file)->real;
    return (real->pMethods->*M)(real, args...);
  }
  static R Flushed(sqlite3_file* file, A... args) {
    if (int rc = Flush(Of(file)); rc != SQLITE_OK) return rc;
    return Plain(file, args...);
  }
};

using Io = sqlite3_io_methods;
const sqlite3_io_methods kMethods = {3,
                                     Close,
                                     Forward<&Io::xRead>::Flushed,
                                     Write,
                                     Forward<&Io::xTruncate>::Flushed,
                                     Forward<&Io::xSync>::Flushed,
                                     Forward<&Io::xFileSize>::Flushed,
                                     Forward<&Io::xLock>::Flushed,
                                     Forward<&Io::xUnlock>::Flushed,
                                     Forward<&Io::xCheckReservedLock>::Plain,
                                     Forward<&Io::xFileControl>::Flushed,
                                     Forward<&Io::xSectorSize>::Plain,
                                     Forward<&Io::xDeviceCharacteristics>::Plain,
                                     Forward<&Io::xShmMap>::Plain,
                                     Forward<&Io::xShmLock>::Plain,
                                     Forward<&Io::xShmBarrier>::Plain,
                                     Forward<&Io::xShmUnmap>::Plain,
                                     Forward<&Io::xFetch>::Flushed,
                                     Forward<&Io::xUnfetch>::Plain};

int Open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  GatherFile* f = Of(file);
  f->base.pMethods = nullptr;
  f->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + kRealOffset);
  f->wal = nullptr;
  const int rc = g_real->xOpen(g_real, name, f->real, flags, out_flags);
  if (rc != SQLITE_OK) {
    // SQLite closes a file whose methods are set even when opening failed.
    if (f->real->pMethods != nullptr) f->real->pMethods->xClose(f->real);
    return rc;
  }
  // Every method of version 3 is forwarded; the default VFS's files have
  // them all (Debian builds it with shared memory and memory mapping).
  if (f->real->pMethods->iVersion < 3) {
    f->real->pMethods->xClose(f->real);
    return SQLITE_CANTOPEN;
  }
  if ((flags & SQLITE_OPEN_WAL) != 0) f->wal = new Gathered();
  f->base.pMethods = &kMethods;
  return SQLITE_OK;
}

int Delete(sqlite3_vfs*, const char* name, int sync_dir) {
  return g_real->xDelete(g_real, name, sync_dir);
}
int Access(sqlite3_vfs*, const char* name, int flags, int* out) {
  return g_real->xAccess(g_real, name, flags, out);
}
int FullPathname(sqlite3_vfs*, const char* name, int size, char* out) {
  return g_real->xFullPathname(g_real, name, size, out);
}
void* DlOpen(sqlite3_vfs*, const char* name) { return g_real->xDlOpen(g_real, name); }
void DlError(sqlite3_vfs*, int size, char* out) { g_real->xDlError(g_real, size, out); }
void (*DlSym(sqlite3_vfs*, void* lib, const char* symbol))(void) {
  return g_real->xDlSym(g_real, lib, symbol);
}
void DlClose(sqlite3_vfs*, void* lib) { g_real->xDlClose(g_real, lib); }
int Randomness(sqlite3_vfs*, int size, char* out) { return g_real->xRandomness(g_real, size, out); }
int Sleep(sqlite3_vfs*, int micros) { return g_real->xSleep(g_real, micros); }
int CurrentTime(sqlite3_vfs*, double* out) { return g_real->xCurrentTime(g_real, out); }
int GetLastError(sqlite3_vfs*, int size, char* out) {
  return g_real->xGetLastError(g_real, size, out);
}
int CurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* out) {
  return g_real->xCurrentTimeInt64(g_real, out);
}

constexpr const char* kName = "ws-wal-gather";

}  // namespace

const char* WalGatheringVfs() {
  static std::once_flag once;
  std::call_once(once, [] {
    g_real = sqlite3_vfs_find(nullptr);
    static sqlite3_vfs vfs{};
    vfs.iVersion = 2;
    vfs.szOsFile = int(kRealOffset) + g_real->szOsFile;
    vfs.mxPathname = g_real->mxPathname;
    vfs.zName = kName;
    vfs.xOpen = Open;
    vfs.xDelete = Delete;
    vfs.xAccess = Access;
    vfs.xFullPathname = FullPathname;
    vfs.xDlOpen = DlOpen;
    vfs.xDlError = DlError;
    vfs.xDlSym = DlSym;
    vfs.xDlClose = DlClose;
    vfs.xRandomness = Randomness;
    vfs.xSleep = Sleep;
    vfs.xCurrentTime = CurrentTime;
    vfs.xGetLastError = GetLastError;
    vfs.xCurrentTimeInt64 = CurrentTimeInt64;
    sqlite3_vfs_register(&vfs, 0);
  });
  return kName;
}

GatheredWrites GatheredWalWrites() {
  return {g_calls.load(std::memory_order_relaxed), g_bytes.load(std::memory_order_relaxed)};
}

namespace testing {
void FailWalWrites(int count) { g_fail.store(count); }
}  // namespace testing

}  // namespace ws::db
