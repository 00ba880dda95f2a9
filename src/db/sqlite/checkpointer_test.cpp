#include "db/sqlite/checkpointer.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

#include "support/sqlite_raw.hpp"
#include "support/test_server.hpp"

namespace ws::db {
namespace {

std::string Exec(sqlite3* db, const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK) return "";
  std::string why = message != nullptr ? message : "failed";
  sqlite3_free(message);
  return why;
}

using Db = test::SqliteDb;
using test::FirstCell;

/// A new database file with one table, after `pragmas`.
Db Create(const std::string& path, const std::string& pragmas) {
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  Db out(sqlite3_open_v2(path.c_str(), &db, flags, nullptr) == SQLITE_OK ? db : nullptr);
  if (out && !Exec(out.get(), (pragmas + " CREATE TABLE b (body BLOB)").c_str()).empty()) {
    out.reset();
  }
  return out;
}

uintmax_t FileSize(const std::string& path) {
  std::error_code ec;
  const uintmax_t size = std::filesystem::file_size(path, ec);
  return ec ? 0 : size;
}

// Commits back to back, as fast as the writer can make them: a checkpoint
// beside them never copies the whole WAL (each one finds new frames at its
// end), so the WAL restarts only because BeforeWrite waits, past the limit,
// for one with no commit beside it. Without that wait this WAL grows to
// ~5,000 frames.
TEST(Checkpointer, BoundsTheWalUnderCommitsThatNeverPause) {
  test::TempDir dir;
  const std::string path = dir.path() + "/c.db";
  Db writer = Create(path, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
  ASSERT_TRUE(writer);
  constexpr int64_t kMaxFrames = 256;
  constexpr int kRows = 300;  // ~19 frames each
  uintmax_t largest = 0;
  {
    Checkpointer checkpointer(path, {32, kMaxFrames});
    ASSERT_TRUE(checkpointer.Start(writer.get()));
    for (int i = 0; i < kRows; ++i) {
      checkpointer.BeforeWrite();
      ASSERT_EQ(Exec(writer.get(), "INSERT INTO b (body) VALUES (randomblob(65536))"), "");
      largest = std::max(largest, FileSize(path + "-wal"));
    }
  }
  // The limit, one more commit (the blob's 16 overflow pages, its leaf,
  // its parent, page 1), and the WAL header.
  EXPECT_LE(largest, uintmax_t{kMaxFrames + 20} * (4096 + 24) + 32);
  EXPECT_EQ(FirstCell(writer.get(), "SELECT COUNT(*) FROM b WHERE length(body) = 65536"),
            std::to_string(kRows));
  EXPECT_EQ(FirstCell(writer.get(), "PRAGMA integrity_check"), "ok");
}

// Started on a database in rollback-journal mode, it refuses: there its
// checkpoints would silently do nothing.
TEST(Checkpointer, RefusesADatabaseNotInWalMode) {
  test::TempDir dir;
  const std::string path = dir.path() + "/r.db";
  Db writer = Create(path, "");
  ASSERT_TRUE(writer);
  Checkpointer checkpointer(path, {});
  const Status started = checkpointer.Start(writer.get());
  ASSERT_FALSE(started);
  EXPECT_NE(started.error().detail.find("WAL"), std::string::npos) << started.error().detail;
}

}  // namespace
}  // namespace ws::db
