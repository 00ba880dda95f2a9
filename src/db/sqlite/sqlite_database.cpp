#include "db/sqlite/sqlite_database.hpp"

#include <sqlite3.h>

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <future>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "core/log.hpp"

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

  Status Open(const std::string& path, bool read_only, bool synchronous_full) {
    const int flags = read_only ? SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX
                                : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr); rc != SQLITE_OK) {
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
      pragmas += "PRAGMA journal_mode=WAL; PRAGMA synchronous=";
      pragmas += synchronous_full ? "FULL;" : "NORMAL;";
    }
    return ExecScript(pragmas);
  }

  Backend backend() const override { return Backend::kSqlite; }

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
    return int64_t{sqlite3_changes(db_)};
  }

  Status ExecScript(std::string_view sql) override {
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
  std::unordered_map<std::string, sqlite3_stmt*, TextHash, std::equal_to<>> cache_;
};

struct WriteJob {
  Unit fn;
  std::function<void(Status)> done;
};

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, Options options) : path_(std::move(path)), options_(options) {}

  ~SqliteDatabase() override { Close(); }

  Status Init() {
    WS_TRY(writer_.Open(path_, false, options_.synchronous_full));
    writer_thread_ = std::thread([this] { WriterLoop(); });
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
    if (writer_thread_.joinable()) writer_thread_.join();
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
    if (Status s = conn->Open(path_, true, options_.synchronous_full); !s) {
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

  // Group commit: every queued unit runs in its own savepoint inside one
  // transaction; one COMMIT (one fsync) answers them all.
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
      const std::shared_ptr<const std::vector<Unit>> steps = CommitSteps();
      RunBatch(batch, *steps);
      batch.clear();
    }
  }

  // The savepoint statements are prepared once (the writer's statement
  // cache) instead of parsed per unit by sqlite3_exec.
  Status Run(std::string_view sql) {
    Result<int64_t> done = writer_.Exec(sql, std::span<const Param>());
    if (!done) return std::move(done).error();
    return {};
  }

  void RunBatch(std::vector<WriteJob>& batch, const std::vector<Unit>& steps) {
    std::vector<Status> results(batch.size());
    std::vector<std::vector<std::function<void()>>> hooks(batch.size());
    Status begun = Run("BEGIN IMMEDIATE");
    if (begun) {
      bool changed = false;
      for (size_t i = 0; i < batch.size(); ++i) {
        Status s = Run("SAVEPOINT unit");
        if (s) s = RunGuarded(batch[i].fn, writer_);
        if (s) {
          s = Run("RELEASE unit");
          hooks[i] = writer_.TakeAfterCommit();
          changed = true;
        } else {
          writer_.ClearAfterCommit();
          (void)Run("ROLLBACK TO unit");
          (void)Run("RELEASE unit");
        }
        results[i] = std::move(s);
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
        for (auto& r : results) {
          if (r) r = committed;
        }
      }
    } else {
      for (auto& r : results) r = begun;
    }
    batches_++;
    for (size_t i = 0; i < batch.size(); ++i) {
      if (results[i]) {
        for (auto& hook : hooks[i]) hook();
      }
      batch[i].done(std::move(results[i]));
    }
  }

  const std::string path_;
  const Options options_;
  SqliteConn writer_;  // only touched by writer_thread_ (and Init)
  std::thread writer_thread_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<WriteJob> queue_;  // GUARDED_BY(mutex_)
  bool closed_ = false;         // GUARDED_BY(mutex_)
  uint64_t batches_ = 0;
  std::mutex readers_mutex_;
  std::condition_variable readers_cv_;
  std::vector<std::unique_ptr<SqliteConn>> idle_readers_;  // GUARDED_BY(readers_mutex_)
  int open_readers_ = 0;                                   // GUARDED_BY(readers_mutex_)
};

}  // namespace

Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path, const Options& options) {
  std::error_code ec;
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  if (ec) return AppError::Unavailable("cannot create " + parent.string() + ": " + ec.message());
  auto db = std::make_unique<SqliteDatabase>(path, options);
  WS_TRY(db->Init());
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace ws::db
