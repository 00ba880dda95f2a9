#include "db/sqlite/sqlite_database.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <future>
#include <mutex>
#include <system_error>
#include <thread>
#include <unordered_map>

#include "core/log.hpp"
#include "db/sqlite/checkpointer.hpp"
#include "db/sqlite/wal_gather.hpp"

namespace ws::db {

namespace {

constexpr size_t kMaxBatch = 2048;

AppError ErrorFrom(sqlite3* db, int rc, std::string_view sql) {
  const int primary = rc & 0xff;
  std::string detail =
      std::string(sqlite3_errmsg(db)) + " [" + std::string(sql.substr(0, 200)) + "]";
  if (primary == SQLITE_CONSTRAINT) {
    AppError e = AppError::Conflict("conflicts with existing data");
    e.detail = std::move(detail);
    return e;
  }
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return AppError::Unavailable(detail);
  return AppError::Internal(std::move(detail));
}

/// One SQLite connection with its prepared-statement cache. Used by one
/// thread at a time.
class SqliteConn final : public Conn {
 public:
  SqliteConn() = default;
  ~SqliteConn() override {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    if (db_ != nullptr) sqlite3_close_v2(db_);
  }

  /// The writer uses synchronous=NORMAL: COMMIT writes the WAL without
  /// waiting for the disk, a checkpoint syncs. The per-commit fsync is the
  /// syncer thread's (SqliteDatabase).
  Status Open(const std::string& path, bool read_only) {
    const int flags = read_only ? SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX
                                : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    // The writer's WAL writes are gathered (wal_gather.hpp); readers write none.
    const char* vfs = read_only ? nullptr : WalGatheringVfs();
    if (int rc = sqlite3_open_v2(path.c_str(), &db_, flags, vfs); rc != SQLITE_OK) {
      return AppError::Unavailable("cannot open SQLite database " + path + ": " +
                                   (db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory"));
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 5000);
    // Reads map the file (up to 256 MiB) instead of copying pages into each
    // connection's own cache: the pool's readers share the OS page cache.
    std::string pragmas =
        "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA mmap_size=268435456;";
    if (read_only) {
      pragmas += "PRAGMA query_only=ON;";
    } else {
      pragmas += "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";
    }
    return ExecScript(pragmas);
  }

  Backend backend() const override { return Backend::kSqlite; }
  sqlite3* handle() const { return db_; }
  /// How many statements that may write have completed on this connection.
  uint64_t writes() const { return writes_; }

  Result<Rows> Query(std::string_view sql, std::span<const Param> params) override {
    WS_ASSIGN(sqlite3_stmt * stmt, Prepare(sql, params));
    std::vector<Cell> cells;
    const int columns = sqlite3_column_count(stmt);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      for (int i = 0; i < columns; ++i) {
        switch (sqlite3_column_type(stmt, i)) {
          case SQLITE_NULL:
            cells.emplace_back(std::monostate{});
            break;
          case SQLITE_INTEGER:
            cells.emplace_back(int64_t{sqlite3_column_int64(stmt, i)});
            break;
          case SQLITE_FLOAT:
            cells.emplace_back(sqlite3_column_double(stmt, i));
            break;
          default: {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
            cells.emplace_back(std::string(text, size_t(sqlite3_column_bytes(stmt, i))));
          }
        }
      }
    }
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    if (rc != SQLITE_DONE) return ErrorFrom(db_, rc, sql);
    if (!sqlite3_stmt_readonly(stmt)) ++writes_;
    return Rows(size_t(columns), std::move(cells));
  }

  Result<int64_t> Exec(std::string_view sql, std::span<const Param> params) override {
    WS_ASSIGN(sqlite3_stmt * stmt, Prepare(sql, params));
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    if (rc != SQLITE_DONE) return ErrorFrom(db_, rc, sql);
    if (!sqlite3_stmt_readonly(stmt)) ++writes_;
    return int64_t{sqlite3_changes(db_)};
  }

  Status ExecScript(std::string_view sql) override {
    ++writes_;  // may have written even when a later statement fails
    const std::string text(sql);
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
      std::string why = message != nullptr ? message : sqlite3_errstr(rc);
      sqlite3_free(message);
      AppError e = ErrorFrom(db_, rc, sql);
      e.detail = why + " [" + text.substr(0, 200) + "]";
      return e;
    }
    return {};
  }

 private:
  Result<sqlite3_stmt*> Prepare(std::string_view sql, std::span<const Param> params) {
    auto it = cache_.find(sql);
    sqlite3_stmt* stmt = nullptr;
    if (it == cache_.end()) {
      const int rc = sqlite3_prepare_v3(db_, sql.data(), int(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                        &stmt, nullptr);
      if (rc != SQLITE_OK) return ErrorFrom(db_, rc, sql);
      cache_.emplace(std::string(sql), stmt);
    } else {
      stmt = it->second;
    }
    if (sqlite3_bind_parameter_count(stmt) != int(params.size())) {
      return AppError::Internal("parameter count mismatch [" + std::string(sql) + "]");
    }
    for (size_t i = 0; i < params.size(); ++i) {
      const int index = int(i) + 1;
      const auto& v = params[i].value();
      int rc = SQLITE_OK;
      if (std::holds_alternative<std::monostate>(v)) {
        rc = sqlite3_bind_null(stmt, index);
      } else if (auto* n = std::get_if<int64_t>(&v)) {
        rc = sqlite3_bind_int64(stmt, index, *n);
      } else if (auto* d = std::get_if<double>(&v)) {
        rc = sqlite3_bind_double(stmt, index, *d);
      } else if (auto* b = std::get_if<bool>(&v)) {
        rc = sqlite3_bind_int(stmt, index, *b ? 1 : 0);
      } else {
        const auto& s = std::get<std::string_view>(v);
        rc = sqlite3_bind_text(stmt, index, s.data(), int(s.size()), SQLITE_TRANSIENT);
      }
      if (rc != SQLITE_OK) return ErrorFrom(db_, rc, sql);
    }
    return stmt;
  }

  /// Looks statements up by string_view: no allocation per statement.
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  sqlite3* db_ = nullptr;
  uint64_t writes_ = 0;
  std::unordered_map<std::string, sqlite3_stmt*, TextHash, std::equal_to<>> cache_;
};

struct WriteJob {
  Unit fn;
  std::function<void(Status)> done;
};

/// A batch that has run: its answers wait until its WAL pages are on disk.
struct Settled {
  std::vector<WriteJob> jobs;
  std::vector<Status> results;
  std::vector<std::vector<std::function<void()>>> hooks;
  bool committed = false;  // something was written that needs the fsync
};

/// Two threads share the work of a durable write (architecture.md, "Group
/// commit"): the writer runs batches of units and commits them without
/// waiting for the disk; the syncer fsyncs the WAL once for every batch
/// committed since its last fsync and only then answers them (and runs
/// their after-commit hooks), so the writer runs the next batch while the
/// disk works. A third thread checkpoints (Checkpointer), so that no
/// COMMIT runs one.
class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, Options options)
      : path_(std::move(path)),
        options_(options),
        checkpointer_(path_, {options.checkpoint_frames, options.max_wal_frames}) {}

  ~SqliteDatabase() override {
    Close();
    if (wal_fd_ >= 0) ::close(wal_fd_);
  }

  Status Init() {
    WS_TRY(writer_.Open(path_, false));
    WS_TRY(checkpointer_.Start(writer_.handle()));
    writer_thread_ = std::thread([this] { WriterLoop(); });
    syncer_thread_ = std::thread([this] { SyncLoop(); });
    return {};
  }

  Backend backend() const override { return Backend::kSqlite; }

  // One read transaction per unit: the statements share one snapshot and
  // one shared lock (instead of an fcntl lock/unlock pair per statement).
  Status DoRead(const Unit& fn) override {
    WS_ASSIGN(std::unique_ptr<SqliteConn> conn, AcquireReader());
    Status status = conn->Exec("BEGIN", std::span<const Param>()).ok()
                        ? RunGuarded(fn, *conn)
                        : AppError::Unavailable("cannot begin a read transaction");
    (void)conn->Exec("COMMIT", std::span<const Param>());
    ReleaseReader(std::move(conn));
    return status;
  }

  Status DoWrite(const Unit& fn) override {
    std::promise<Status> promise;
    auto future = promise.get_future();
    WriteAsync(fn, [&promise](Status s) { promise.set_value(std::move(s)); });
    return future.get();
  }

  void WriteAsync(Unit fn, std::function<void(Status)> done) override {
    {
      std::lock_guard lock(mutex_);
      if (!closed_) {
        queue_.push_back({std::move(fn), std::move(done)});
        cv_.notify_one();
        return;
      }
    }
    done(AppError::Unavailable("database is closed"));
  }

  Status DoPing() override {
    return Read([](Conn& c) -> Status {
      return c.Query("SELECT 1").ok() ? Status{} : AppError::Unavailable("SQLite did not answer");
    });
  }

  void Close() override {
    {
      std::lock_guard lock(mutex_);
      if (closed_) return;
      closed_ = true;
      cv_.notify_all();
    }
    // In pipeline order: the writer runs what is queued, the syncer answers
    // it.
    if (writer_thread_.joinable()) writer_thread_.join();
    {
      std::lock_guard lock(sync_mutex_);
      sync_closed_ = true;
      sync_cv_.notify_all();
    }
    if (syncer_thread_.joinable()) syncer_thread_.join();
    checkpointer_.Stop();
    std::lock_guard lock(readers_mutex_);
    idle_readers_.clear();  // readers close before the writer (it checkpoints last)
  }

 private:
  static Status RunGuarded(const Unit& fn, Conn& conn) {
    try {
      return fn(conn);
    } catch (const std::exception& e) {
      return AppError::Internal(std::string("unit threw: ") + e.what());
    }
  }

  Result<std::unique_ptr<SqliteConn>> AcquireReader() {
    {
      std::unique_lock lock(readers_mutex_);
      readers_cv_.wait(
          lock, [this] { return !idle_readers_.empty() || open_readers_ < options_.pool_size; });
      if (!idle_readers_.empty()) {
        auto conn = std::move(idle_readers_.back());
        idle_readers_.pop_back();
        return conn;
      }
      ++open_readers_;
    }
    auto conn = std::make_unique<SqliteConn>();
    if (Status s = conn->Open(path_, true); !s) {
      std::lock_guard lock(readers_mutex_);
      --open_readers_;
      readers_cv_.notify_one();
      return std::move(s).error();
    }
    return conn;
  }

  void ReleaseReader(std::unique_ptr<SqliteConn> conn) {
    std::lock_guard lock(readers_mutex_);
    idle_readers_.push_back(std::move(conn));
    readers_cv_.notify_one();
  }

  // Group commit: the queued units run in one transaction (RunBatch); one
  // COMMIT and one later fsync answer them all.
  void WriterLoop() {
    std::vector<WriteJob> batch;
    for (;;) {
      {
        std::unique_lock lock(mutex_);
        cv_.wait(lock, [this] { return closed_ || !queue_.empty(); });
        if (queue_.empty()) return;
        const size_t n = std::min(queue_.size(), kMaxBatch);
        batch.assign(std::make_move_iterator(queue_.begin()),
                     std::make_move_iterator(queue_.begin() + long(n)));
        queue_.erase(queue_.begin(), queue_.begin() + long(n));
      }
      checkpointer_.BeforeWrite();
      const std::shared_ptr<const std::vector<Unit>> steps = CommitSteps();
      Settled settled = RunBatch(std::move(batch), *steps);
      batch.clear();
      std::lock_guard lock(sync_mutex_);
      settled_.push_back(std::move(settled));
      sync_cv_.notify_one();
    }
  }

  // The savepoint statements are prepared once (the writer's statement
  // cache) instead of parsed per unit by sqlite3_exec.
  Status Run(std::string_view sql) {
    Result<int64_t> done = writer_.Exec(sql, std::span<const Param>());
    if (!done) return std::move(done).error();
    return {};
  }

  // Units run back to back in one transaction, without a savepoint each:
  // a savepoint makes SQLite copy every page a unit touches before the unit
  // changes it, which cost more than the unit's own writes. A unit that
  // fails before writing needs no undo; when one fails after writing, the
  // transaction is rolled back and the batch runs again with a savepoint
  // per unit (units may run more than once, database.hpp).
  Settled RunBatch(std::vector<WriteJob> batch, const std::vector<Unit>& steps) {
    Settled out;
    out.jobs = std::move(batch);
    out.results.resize(out.jobs.size());
    out.hooks.resize(out.jobs.size());
    if (!RunPass(out, false, steps)) RunPass(out, true, steps);
    return out;
  }

  // Answers false, having rolled back, when a unit failed after writing
  // outside a savepoint.
  bool RunPass(Settled& out, bool savepoints, const std::vector<Unit>& steps) {
    Status begun = failed_.load() ? AppError::Unavailable(kDiskFailed) : Run("BEGIN IMMEDIATE");
    if (!begun) {
      for (auto& r : out.results) r = begun;
      return true;
    }
    bool changed = false;
    for (size_t i = 0; i < out.jobs.size(); ++i) {
      const uint64_t writes = writer_.writes();
      Status s = savepoints ? Run("SAVEPOINT unit") : Status{};
      if (s) s = RunGuarded(out.jobs[i].fn, writer_);
      if (s && savepoints) s = Run("RELEASE unit");
      if (s) {
        out.hooks[i] = writer_.TakeAfterCommit();
        changed = true;
      } else {
        writer_.ClearAfterCommit();
        out.hooks[i].clear();
        if (savepoints) {
          (void)Run("ROLLBACK TO unit");
          (void)Run("RELEASE unit");
        } else if (writer_.writes() != writes) {
          (void)Run("ROLLBACK");
          return false;
        }
      }
      out.results[i] = std::move(s);
    }
    // The commit steps see every unit's changes; their failure fails the
    // whole batch (nothing of it is kept).
    Status committed;
    if (changed) {
      for (const Unit& step : steps) {
        committed = RunGuarded(step, writer_);
        if (!committed) break;
      }
      writer_.ClearAfterCommit();
    }
    if (committed) committed = Run("COMMIT");
    if (!committed) {
      (void)Run("ROLLBACK");
      for (auto& r : out.results) {
        if (r) r = committed;
      }
    }
    out.committed = committed.ok() && changed;
    return true;
  }

  // Answers the settled batches in commit order, after one fsync of the WAL
  // covers all of them.
  void SyncLoop() {
    std::vector<Settled> ready;
    for (;;) {
      {
        std::unique_lock lock(sync_mutex_);
        sync_cv_.wait(lock, [this] { return sync_closed_ || !settled_.empty(); });
        if (settled_.empty()) return;
        ready.swap(settled_);
      }
      bool committed = false;
      for (const Settled& s : ready) committed = committed || s.committed;
      const Status synced = committed ? SyncWal() : Status{};
      for (Settled& s : ready) {
        for (size_t i = 0; i < s.jobs.size(); ++i) {
          Status result = std::move(s.results[i]);
          if (result && s.committed && !synced) result = synced;
          if (result) {
            for (auto& hook : s.hooks[i]) hook();
          }
          s.jobs[i].done(std::move(result));
        }
      }
      ready.clear();
    }
  }

  // The frames COMMIT wrote are in the page cache; fsync on our own
  // descriptor of the WAL file makes every one of them durable. After a
  // failed fsync nothing more is written: what reached the disk is unknown.
  Status SyncWal() {
    if (!options_.synchronous_full) return {};
    if (wal_fd_ < 0 && !OpenWal()) return SyncFailed();
    if (::fsync(wal_fd_) == 0) return {};
    return SyncFailed();
  }

  // The first time, the folder is synced too, so that the WAL file's own
  // entry is on disk (SQLite would sync it at the first checkpoint).
  bool OpenWal() {
    wal_fd_ = ::open((path_ + "-wal").c_str(), O_RDONLY | O_CLOEXEC);
    if (wal_fd_ < 0) return false;
    const std::filesystem::path parent = std::filesystem::path(path_).parent_path();
    const int dir =
        ::open(parent.empty() ? "." : parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0) return false;
    const bool synced = ::fsync(dir) == 0;
    ::close(dir);
    return synced;
  }

  Status SyncFailed() {
    const std::string why = std::system_category().message(errno);
    log::Error("sqlite: fsync of the WAL failed; refusing further writes",
               {{"path", path_ + "-wal"}, {"error", why}});
    failed_ = true;
    return AppError::Unavailable(kDiskFailed);
  }

  static constexpr const char* kDiskFailed =
      "the disk did not confirm a write; the server refuses writes until restarted";

  const std::string path_;
  const Options options_;
  SqliteConn writer_;  // only touched by writer_thread_ (and Init)
  Checkpointer checkpointer_;
  std::thread writer_thread_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<WriteJob> queue_;  // GUARDED_BY(mutex_)
  bool closed_ = false;         // GUARDED_BY(mutex_)
  std::atomic<bool> failed_{false};

  std::thread syncer_thread_;
  std::mutex sync_mutex_;
  std::condition_variable sync_cv_;
  std::vector<Settled> settled_;  // GUARDED_BY(sync_mutex_)
  bool sync_closed_ = false;      // GUARDED_BY(sync_mutex_)
  int wal_fd_ = -1;               // only touched by syncer_thread_ (and the destructor)

  std::mutex readers_mutex_;
  std::condition_variable readers_cv_;
  std::vector<std::unique_ptr<SqliteConn>> idle_readers_;  // GUARDED_BY(readers_mutex_)
  int open_readers_ = 0;                                   // GUARDED_BY(readers_mutex_)
};

}  // namespace

void ConfigureSqlite() {
  // No memory statistics (nothing reads them): with them on, every one of
  // SQLite's allocations and frees takes a process-wide mutex, about 6 % of
  // the writer thread's time when creating tasks (bench/RESULTS.md).
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)configured;
}

Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path, const Options& options) {
  ConfigureSqlite();
  std::error_code ec;
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  if (ec) return AppError::Unavailable("cannot create " + parent.string() + ": " + ec.message());
  auto db = std::make_unique<SqliteDatabase>(path, options);
  WS_TRY(db->Init());
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace ws::db
