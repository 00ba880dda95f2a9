#include "db/sqlite/wal_gather.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

#include "support/sqlite_raw.hpp"
#include "support/test_server.hpp"

namespace ws::db {
namespace {

using Db = test::SqliteDb;
using test::FirstCell;

Db Open(const std::string& path, const char* vfs) {
  sqlite3* db = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, vfs);
  Db out(db);
  return rc == SQLITE_OK ? std::move(out) : Db();
}

/// SQLite's result code, with its message on failure.
std::string Exec(sqlite3* db, const std::string& sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  std::string out = rc == SQLITE_OK ? "ok" : std::string(sqlite3_errstr(rc));
  if (message != nullptr) out += std::string(": ") + message;
  sqlite3_free(message);
  return out;
}

class WalGather : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.path() + "/gather.db";
    writer_ = Open(path_, WalGatheringVfs());
    ASSERT_TRUE(writer_);
    ASSERT_EQ(Exec(writer_.get(),
                   "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                   "CREATE TABLE b (id INTEGER PRIMARY KEY, body BLOB NOT NULL)"),
              "ok");
    reader_ = Open(path_, nullptr);
    ASSERT_TRUE(reader_);
  }

  /// Inserts `rows` rows of `bytes` random bytes each in one transaction.
  std::string Insert(int rows, int bytes) {
    return Exec(writer_.get(),
                "BEGIN; INSERT INTO b (body) SELECT randomblob(" + std::to_string(bytes) +
                    ") FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
                    "FROM n WHERE i < " +
                    std::to_string(rows) + ") SELECT i FROM n); COMMIT");
  }

  std::string Count(sqlite3* db) { return FirstCell(db, "SELECT COUNT(*) FROM b"); }

  test::TempDir dir_;
  std::string path_;
  Db writer_;
  Db reader_;
};

// Over 60 frames of 4,120 bytes (a page and its header): SQLite's own two
// writes per frame become writes of up to 128 KiB and the commit frame's page.
TEST_F(WalGather, ACommitOfManyPagesIsAFewWritesAndVisibleToOthersAtOnce) {
  constexpr uint64_t kFrame = 4096 + 24;
  constexpr uint64_t kMaxWrite = 0x1ffff;
  ASSERT_EQ(Insert(1, 10), "ok");  // the WAL and its header exist
  const GatheredWrites before = GatheredWalWrites();
  ASSERT_EQ(Insert(60, 3000), "ok");  // 60 table pages and their parents
  const uint64_t calls = GatheredWalWrites().calls - before.calls;
  const uint64_t bytes = GatheredWalWrites().bytes - before.bytes;
  EXPECT_EQ(bytes % kFrame, 0u);
  EXPECT_GE(bytes / kFrame, 61u);
  EXPECT_EQ(calls, (bytes - 4096 + kMaxWrite - 1) / kMaxWrite + 1);
  EXPECT_LE(calls, 3u);
  EXPECT_EQ(Count(reader_.get()), "61");
  EXPECT_EQ(FirstCell(reader_.get(), "PRAGMA integrity_check"), "ok");
}

TEST_F(WalGather, AFailedWriteFailsTheCommitAndKeepsNothing) {
  ASSERT_EQ(Insert(5, 100), "ok");
  testing::FailWalWrites(1);
  EXPECT_NE(Insert(60, 3000), "ok");
  testing::FailWalWrites(0);
  // SQLite rolled the transaction back itself.
  EXPECT_EQ(Exec(writer_.get(), "ROLLBACK"),
            "SQL logic error: cannot rollback - no transaction is active");
  EXPECT_EQ(Count(writer_.get()), "5");
  EXPECT_EQ(Count(reader_.get()), "5");
  ASSERT_EQ(Insert(7, 3000), "ok");
  EXPECT_EQ(Count(reader_.get()), "12");
  EXPECT_EQ(FirstCell(reader_.get(), "PRAGMA integrity_check"), "ok");
}

// A transaction larger than the page cache spills frames into the WAL before
// its commit, reads them back, and overwrites some in place (so SQLite
// rewrites their checksums at the commit). A copy of the files taken without
// closing anything is what a crash leaves: recovery checks every frame's
// checksum and must find the commit, taken right after it returned.
TEST_F(WalGather, SpilledAndRewrittenFramesSurviveRecovery) {
  ASSERT_EQ(Exec(writer_.get(), "PRAGMA cache_size=8"), "ok");
  ASSERT_EQ(Exec(writer_.get(), "BEGIN"), "ok");
  for (int round = 0; round < 4; ++round) {
    ASSERT_EQ(Exec(writer_.get(),
                   "INSERT INTO b (body) SELECT randomblob(2000) FROM (WITH RECURSIVE n(i) AS "
                   "(SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100) SELECT i FROM n)"),
              "ok");
    ASSERT_EQ(Exec(writer_.get(), "UPDATE b SET body = randomblob(1900) WHERE id % 3 = 0"), "ok");
  }
  EXPECT_EQ(FirstCell(writer_.get(), "SELECT SUM(length(body)) > 0 FROM b"), "1");
  ASSERT_EQ(Exec(writer_.get(), "COMMIT"), "ok");
  EXPECT_EQ(Count(reader_.get()), "400");
  const std::string sums = FirstCell(reader_.get(), "SELECT SUM(length(body)) FROM b");

  const std::string copy = dir_.path() + "/copy.db";
  std::filesystem::copy_file(path_, copy);
  std::filesystem::copy_file(path_ + "-wal", copy + "-wal");
  Db recovered = Open(copy, nullptr);
  ASSERT_TRUE(recovered);
  EXPECT_EQ(Count(recovered.get()), "400");
  EXPECT_EQ(FirstCell(recovered.get(), "SELECT SUM(length(body)) FROM b"), sums);
  EXPECT_EQ(FirstCell(recovered.get(), "PRAGMA integrity_check"), "ok");
}

}  // namespace
}  // namespace ws::db
