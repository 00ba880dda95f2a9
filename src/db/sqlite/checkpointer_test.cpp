#include "db/sqlite/checkpointer.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

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

int64_t Count(sqlite3* db, const char* sql) {
  sqlite3_stmt* stmt = nullptr;
  int64_t n = -1;
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW) {
    n = sqlite3_column_int64(stmt, 0);
  }
  sqlite3_finalize(stmt);
  return n;
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
  sqlite3* writer = nullptr;
  ASSERT_EQ(
      sqlite3_open_v2(path.c_str(), &writer, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr),
      SQLITE_OK);
  ASSERT_EQ(Exec(writer,
                 "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE b (body BLOB)"),
            "");
  constexpr int64_t kMaxFrames = 256;
  constexpr int kRows = 300;  // ~19 frames each
  uintmax_t largest = 0;
  {
    Checkpointer checkpointer(path, {32, kMaxFrames});
    ASSERT_TRUE(checkpointer.Start(writer));
    for (int i = 0; i < kRows; ++i) {
      checkpointer.BeforeWrite();
      ASSERT_EQ(Exec(writer, "INSERT INTO b (body) VALUES (randomblob(65536))"), "");
      largest = std::max(largest, FileSize(path + "-wal"));
    }
  }
  // The limit, one more commit (the blob's 16 overflow pages, its leaf,
  // its parent, page 1), and the WAL header.
  EXPECT_LE(largest, uintmax_t{kMaxFrames + 20} * (4096 + 24) + 32);
  EXPECT_EQ(Count(writer, "SELECT COUNT(*) FROM b WHERE length(body) = 65536"), kRows);
  EXPECT_EQ(Exec(writer, "PRAGMA integrity_check"), "");
  sqlite3_close(writer);
}

// Started on a database in rollback-journal mode, it refuses: there its
// checkpoints would silently do nothing.
TEST(Checkpointer, RefusesADatabaseNotInWalMode) {
  test::TempDir dir;
  const std::string path = dir.path() + "/r.db";
  sqlite3* writer = nullptr;
  ASSERT_EQ(
      sqlite3_open_v2(path.c_str(), &writer, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr),
      SQLITE_OK);
  ASSERT_EQ(Exec(writer, "CREATE TABLE b (body BLOB)"), "");
  Checkpointer checkpointer(path, {});
  const Status started = checkpointer.Start(writer);
  ASSERT_FALSE(started);
  EXPECT_NE(started.error().detail.find("WAL"), std::string::npos) << started.error().detail;
  sqlite3_close(writer);
}

}  // namespace
}  // namespace ws::db
