#include "db/sqlite/checkpointer.hpp"

#include <sqlite3.h>

#include "core/log.hpp"

namespace ws::db {

namespace {

Status ReadsTheWal(sqlite3* db) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, nullptr) != SQLITE_OK) {
    return AppError::Unavailable(std::string("cannot read the journal mode: ") +
                                 sqlite3_errmsg(db));
  }
  const bool wal =
      sqlite3_step(stmt) == SQLITE_ROW &&
      std::string_view(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))) == "wal";
  sqlite3_finalize(stmt);
  if (!wal) return AppError::Unavailable("the SQLite database is not in WAL mode");
  return {};
}

}  // namespace

Status Checkpointer::Start(sqlite3* writer) {
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (int rc = sqlite3_open_v2(path_.c_str(), &db_, flags, nullptr); rc != SQLITE_OK) {
    std::string why = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close_v2(db_);
    db_ = nullptr;
    return AppError::Unavailable("cannot open SQLite database " + path_ + ": " + why);
  }
  sqlite3_busy_timeout(db_, 5000);
  // A connection learns the journal mode when it first reads; until then a
  // checkpoint does nothing.
  if (Status wal = ReadsTheWal(db_); !wal) {
    sqlite3_close_v2(db_);
    db_ = nullptr;
    return wal;
  }
  sqlite3_wal_hook(writer, &Checkpointer::OnCommit, this);
  thread_ = std::thread([this] { Loop(); });
  return {};
}

// Runs on the writer's thread at the end of each COMMIT that wrote frames
// (the write transaction is over by then); `frames` is the WAL's length.
int Checkpointer::OnCommit(void* self, sqlite3* /*db*/, const char* /*schema*/, int frames) {
  auto& me = *static_cast<Checkpointer*>(self);
  std::lock_guard lock(me.mutex_);
  ++me.commits_;
  // A shorter WAL than before means this commit restarted it.
  me.unchecked_ += frames >= me.wal_frames_ ? frames - me.wal_frames_ : frames;
  me.wal_frames_ = frames;
  if (me.unchecked_ >= me.limits_.frames_per_checkpoint) me.cv_.notify_all();
  return SQLITE_OK;
}

void Checkpointer::BeforeWrite() {
  std::unique_lock lock(mutex_);
  // Every frame copied: this commit restarts the WAL (unless a reader
  // still reads its frames).
  if (wal_frames_ < limits_.max_wal_frames || commits_ == copied_all_at_) return;
  catch_up_ = true;
  cv_.notify_all();
  // A running checkpoint had commits beside it: wait for the next one,
  // unless the running one still copies everything.
  const uint64_t target = started_ + 1;
  cv_.wait(lock, [&] { return closed_ || finished_ >= target || commits_ == copied_all_at_; });
  catch_up_ = false;
}

void Checkpointer::Loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    cv_.wait(lock, [this] {
      return closed_ || (commits_ > copied_all_at_ &&
                         (catch_up_ || unchecked_ >= limits_.frames_per_checkpoint));
    });
    if (closed_) return;
    ++started_;
    unchecked_ = 0;
    lock.unlock();
    int log = 0;
    int copied = 0;
    const int rc =
        sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
    if (rc != SQLITE_OK) {
      log::Warn("sqlite: checkpoint failed", {{"path", path_}, {"error", sqlite3_errmsg(db_)}});
    }
    lock.lock();
    // Every frame copied and none committed since: the next commit may
    // restart the WAL, and no checkpoint may start before it does. A failed
    // checkpoint may have copied everything too.
    if (rc != SQLITE_OK || (copied >= log && wal_frames_ <= log)) copied_all_at_ = commits_;
    ++finished_;
    cv_.notify_all();
  }
}

void Checkpointer::Stop() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
    cv_.notify_all();
  }
  if (thread_.joinable()) thread_.join();
  if (db_ != nullptr) sqlite3_close_v2(db_);
  db_ = nullptr;
}

}  // namespace ws::db
