#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "core/result.hpp"

struct sqlite3;

namespace ws::db {

/// Checkpoints the WAL on a connection and a thread of its own, so that no
/// commit waits for one (architecture.md, "Checkpoints"). With SQLite's
/// automatic checkpoint every ~35th batch stalled for up to 23 ms in its
/// COMMIT, and every connection waiting on that batch with it.
///
/// Debian's SQLite 3.40 has the WAL-reset race: a checkpoint that starts
/// while another connection's commit restarts a fully copied WAL can leave
/// a wrong WAL-index header and later lose committed pages. Only a
/// checkpoint that copied every frame back lets a commit restart the WAL,
/// so after one the next waits until a commit has completed: no checkpoint
/// ever starts while a commit may be restarting the WAL. That needs every
/// checkpoint to be this one's and every commit of frames to be seen (the
/// writer's WAL hook); readers never checkpoint.
class Checkpointer {
 public:
  struct Limits {
    /// Frames committed since the last checkpoint began that start the next.
    int64_t frames_per_checkpoint = 1000;
    /// Under sustained writes every checkpoint has commits beside it, never
    /// copies the whole WAL and the WAL never restarts; past this size the
    /// writer pauses for one checkpoint without company.
    int64_t max_wal_frames = 16384;
  };

  Checkpointer(std::string path, Limits limits) : path_(std::move(path)), limits_(limits) {}
  ~Checkpointer() { Stop(); }
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  /// Opens the checkpointing connection, takes over `writer`'s WAL hook
  /// (which also ends its automatic checkpoints) and starts the thread.
  Status Start(sqlite3* writer);

  /// The writer calls this before each write transaction; it returns at
  /// once unless the WAL has outgrown max_wal_frames.
  void BeforeWrite();

  /// Ends the thread and closes its connection; the writer's last close
  /// then checkpoints what is left.
  void Stop();

 private:
  static int OnCommit(void* self, sqlite3* db, const char* schema, int frames);
  void Loop();

  const std::string path_;
  const Limits limits_;
  sqlite3* db_ = nullptr;  // only touched by thread_ (and Start / Stop)
  std::thread thread_;

  std::mutex mutex_;
  std::condition_variable cv_;
  uint64_t commits_ = 0;        // GUARDED_BY(mutex_): commits that wrote frames
  uint64_t copied_all_at_ = 0;  // GUARDED_BY(mutex_): commits_ when one copied every frame
  int64_t wal_frames_ = 0;      // GUARDED_BY(mutex_): the WAL's frames after the last commit
  int64_t unchecked_ = 0;       // GUARDED_BY(mutex_): frames committed since a checkpoint began
  uint64_t started_ = 0;        // GUARDED_BY(mutex_): checkpoints begun
  uint64_t finished_ = 0;       // GUARDED_BY(mutex_): checkpoints ended
  bool catch_up_ = false;       // GUARDED_BY(mutex_): the writer waits for a checkpoint
  bool closed_ = false;         // GUARDED_BY(mutex_)
};

}  // namespace ws::db
