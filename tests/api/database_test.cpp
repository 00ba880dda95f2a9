// The database layer, events and process-level behaviour, on the backend
// chosen by WS_TEST_BACKEND (the suite runs once per database).
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <set>
#include <thread>

#include "bus/bus.hpp"
#include "core/json_input.hpp"
#include "db/migrate.hpp"
#include "support/process.hpp"
#include "support/test_server.hpp"

namespace ws::test {
namespace {

std::unique_ptr<db::Database> OpenTestDb(const TestDatabase& test_db) {
  auto db = db::Open(test_db.url(), {8, true});
  if (!db) throw std::runtime_error(db.error().detail);
  return std::move(db).value();
}

TEST(Database, MigrationsAppliedTwiceAreANoOp) {
  TempDir dir;
  TestDatabase test_db(dir.path());
  auto db = OpenTestDb(test_db);
  auto first = db::ApplyMigrations(*db);
  ASSERT_TRUE(first.ok()) << first.error().detail;
  EXPECT_EQ(*first, db::LatestVersion(db->backend()));
  auto second = db::ApplyMigrations(*db);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*second, 0);
  EXPECT_EQ(*db::CurrentVersion(*db), db::LatestVersion(db->backend()));
}

TEST(Database, ANewerSchemaIsRefused) {
  TestServer server;
  server.Init();
  server.Stop();
  auto db = db::Open(server.database_url(), {2, true});
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->Write([](db::Conn& c) -> Status {
    auto r = c.Exec(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', 0)");
    return r ? Status{} : Status(std::move(r).error());
  }));
  auto applied = db::ApplyMigrations(**db);
  ASSERT_FALSE(applied.ok());
  EXPECT_NE(applied.error().message.find("newer than this binary"), std::string::npos);
  (*db)->Close();

  // The binary refuses to start on it, and says why.
  Child serve({WS_BINARY, "serve", "--listen", "127.0.0.1:0", "--data-dir", server.data_dir(),
               "--database-url", server.database_url(), "--log-level", "warn"});
  EXPECT_EQ(serve.Wait(), 1);
  EXPECT_NE(serve.Stderr().find("newer than this binary"), std::string::npos) << serve.Stderr();
}

TEST(Database, AFailingUnitRollsBackAloneAndSkipsItsHooks) {
  TempDir dir;
  TestDatabase test_db(dir.path());
  auto db = OpenTestDb(test_db);
  ASSERT_TRUE(db->Write([](db::Conn& c) {
    return c.ExecScript("CREATE TABLE probe (id BIGINT PRIMARY KEY, v TEXT)");
  }));
  std::atomic<int> hooks{0};
  std::vector<std::thread> threads;
  std::atomic<int> ok{0}, failed{0};
  for (int i = 0; i < 40; ++i) {
    threads.emplace_back([&, i] {
      Status s = db->Write([&, i](db::Conn& c) -> Status {
        WS_TRY(c.Exec("INSERT INTO probe (id, v) VALUES (?, ?)", i, "x"));
        c.AfterCommit([&] { ++hooks; });
        if (i % 4 == 0) return AppError::Conflict("deliberate failure after a write");
        return {};
      });
      (s ? ok : failed)++;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 30);
  EXPECT_EQ(failed.load(), 10);
  EXPECT_EQ(hooks.load(), 30);
  auto count = db->ReadValue<int64_t>([](db::Conn& c) -> Result<int64_t> {
    WS_ASSIGN(db::Rows rows,
              c.Query("SELECT COUNT(*), SUM(CASE WHEN id % 4 = 0 THEN 1 ELSE 0 END) FROM probe"));
    if (rows.front().Int(1) != 0) return AppError::Internal("a failed unit's row survived");
    return rows.front().Int(0);
  });
  ASSERT_TRUE(count.ok()) << count.error().detail;
  EXPECT_EQ(*count, 30);
}

// SQLite runs a batch's units without a savepoint each; a unit failing
// after its writes makes the batch run again with one per unit. Forty units
// are queued behind a unit that holds the writer, so they share a batch:
// exactly the thirty good ones are kept, each applied once, and their hooks
// run once.
TEST(Database, AUnitFailingAfterItsWritesInABatchKeepsTheOthersExactlyOnce) {
  TempDir dir;
  TestDatabase test_db(dir.path());
  auto db = OpenTestDb(test_db);
  ASSERT_TRUE(db->Write([](db::Conn& c) {
    return c.ExecScript(
        "CREATE TABLE probe (id BIGINT PRIMARY KEY); CREATE TABLE tally (n BIGINT NOT NULL); "
        "INSERT INTO tally (n) VALUES (0)");
  }));
  constexpr int kUnits = 40;
  std::atomic<int> queued{0}, runs{0}, hooks{0}, ok{0}, failed{0};
  std::thread gate([&] {
    EXPECT_TRUE(db->Write([&](db::Conn&) -> Status {
      for (int i = 0; i < 200 && queued.load() < kUnits; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      return {};
    }));
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the gate holds the writer
  for (int i = 0; i < kUnits; ++i) {
    db->WriteAsync(
        [&, i](db::Conn& c) -> Status {
          ++runs;
          WS_TRY(c.Exec("INSERT INTO probe (id) VALUES (?)", i));
          WS_TRY(c.Exec("UPDATE tally SET n = n + 1"));
          c.AfterCommit([&] { ++hooks; });
          if (i % 4 == 0) return AppError::Conflict("deliberate failure after a write");
          return {};
        },
        [&](Status s) { (s ? ok : failed)++; });
    ++queued;
  }
  gate.join();
  for (int i = 0; i < 500 && ok.load() + failed.load() < kUnits; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(ok.load(), 30);
  EXPECT_EQ(failed.load(), 10);
  EXPECT_EQ(hooks.load(), 30);
  if (db->backend() == db::Backend::kSqlite) {
    EXPECT_GT(runs.load(), kUnits);  // the batch ran again
  }
  auto state = db->ReadValue<std::pair<int64_t, int64_t>>(
      [](db::Conn& c) -> Result<std::pair<int64_t, int64_t>> {
        WS_ASSIGN(db::Rows rows,
                  c.Query("SELECT (SELECT COUNT(*) FROM probe), (SELECT n FROM tally), "
                          "(SELECT COUNT(*) FROM probe WHERE id % 4 = 0)"));
        if (rows.front().Int(2) != 0) return AppError::Internal("a failed unit's row survived");
        return std::pair<int64_t, int64_t>(rows.front().Int(0), rows.front().Int(1));
      });
  ASSERT_TRUE(state.ok()) << state.error().detail;
  EXPECT_EQ(*state, (std::pair<int64_t, int64_t>(30, 30)));
}

// The commit step (SQLite: once per group-commit batch, after its units'
// savepoints; PostgreSQL: once per Write) sees exactly the committed units'
// writes, and its failure keeps nothing of the transaction.
TEST(Database, CommitStepsSeeTheUnitsAndTheirFailureKeepsNothing) {
  TempDir dir;
  TestDatabase test_db(dir.path());
  auto db = OpenTestDb(test_db);
  ASSERT_TRUE(db->Write([](db::Conn& c) {
    return c.ExecScript(
        "CREATE TABLE queued (id BIGINT PRIMARY KEY); CREATE TABLE done (id BIGINT PRIMARY KEY)");
  }));
  db->AddCommitStep([](db::Conn& c) -> Status {
    WS_ASSIGN(db::Rows poison, c.Query("SELECT 1 FROM queued WHERE id = 999"));
    if (!poison.empty()) return AppError::Internal("the step refuses 999");
    WS_TRY(c.Exec("INSERT INTO done (id) SELECT id FROM queued"));
    WS_TRY(c.Exec("DELETE FROM queued"));
    return {};
  });
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 40; ++i) {
    threads.emplace_back([&, i] {
      Status s = db->Write([i](db::Conn& c) -> Status {
        WS_TRY(c.Exec("INSERT INTO queued (id) VALUES (?)", i));
        if (i % 4 == 0) return AppError::Conflict("deliberate failure after a write");
        return {};
      });
      if (s) ++ok;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 30);
  auto counts = [&] {
    auto r = db->ReadValue<std::pair<int64_t, int64_t>>(
        [](db::Conn& c) -> Result<std::pair<int64_t, int64_t>> {
          WS_ASSIGN(db::Rows rows,
                    c.Query("SELECT (SELECT COUNT(*) FROM queued), (SELECT COUNT(*) FROM done), "
                            "(SELECT COUNT(*) FROM done WHERE id % 4 = 0)"));
          if (rows.front().Int(2) != 0) return AppError::Internal("a failed unit's row survived");
          return std::pair<int64_t, int64_t>(rows.front().Int(0), rows.front().Int(1));
        });
    EXPECT_TRUE(r.ok()) << r.error().detail;
    return r.ok() ? *r : std::pair<int64_t, int64_t>(-1, -1);
  };
  EXPECT_EQ(counts(), (std::pair<int64_t, int64_t>(0, 30)));

  Status poisoned = db->Write([](db::Conn& c) -> Status {
    WS_TRY(c.Exec("INSERT INTO queued (id) VALUES (999)"));
    return {};
  });
  EXPECT_FALSE(poisoned.ok());
  EXPECT_EQ(counts(), (std::pair<int64_t, int64_t>(0, 30)));  // the unit went with the step
  ASSERT_TRUE(db->Write([](db::Conn& c) -> Status {
    WS_TRY(c.Exec("INSERT INTO queued (id) VALUES (1001)"));
    return {};
  }));
  EXPECT_EQ(counts(), (std::pair<int64_t, int64_t>(0, 31)));
}

TEST(Database, UniqueViolationsAreConflicts) {
  TempDir dir;
  TestDatabase test_db(dir.path());
  auto db = OpenTestDb(test_db);
  ASSERT_TRUE(db->Write(
      [](db::Conn& c) { return c.ExecScript("CREATE TABLE u (email TEXT PRIMARY KEY)"); }));
  auto insert = [&] {
    return db->Write([](db::Conn& c) -> Status {
      auto r = c.Exec("INSERT INTO u (email) VALUES (?)", "a@b.c");
      return r ? Status{} : Status(std::move(r).error());
    });
  };
  EXPECT_TRUE(insert().ok());
  Status again = insert();
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  auto bad = db->ReadValue<int>([](db::Conn& c) -> Result<int> {
    WS_TRY(c.Query("SELECT no_such_column FROM u"));
    return 0;
  });
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInternal);
  EXPECT_EQ(bad.error().message, "internal error");  // details stay in `detail`
}

// SQLite's migration 0008 rewrote tasks.priority's CHECK from an IN list
// into comparisons: it refuses what it refused, accepts what it accepted,
// and inserting a task no longer builds a temporary b-tree of the list.
TEST(Database, TaskPriorityCheckHoldsWithoutATemporaryBtree) {
  TempDir dir;
  TestDatabase test_db(dir.path());
  auto db = OpenTestDb(test_db);
  ASSERT_TRUE(db::ApplyMigrations(*db).ok());
  const std::string insert =
      "INSERT INTO tasks (id, workspace_id, project_id, number, title, status_id, priority, "
      "position, created_at, updated_at) VALUES ('t', 'w', 'p', 1, 'x', 's', ?, 'a', 0, 0)";
  // The row's parents do not exist: a priority that passes the CHECK fails
  // on the foreign keys instead, which tells the two apart.
  auto failure = [&](const std::string& priority) {
    Status s = db->Write([&](db::Conn& c) -> Status {
      auto r = c.Exec(insert, priority);
      return r ? Status{} : Status(std::move(r).error());
    });
    return s ? std::string("accepted") : AsciiLower(s.error().detail);
  };
  for (const char* bad : {"bogus", "", "LOW", "none "}) {
    EXPECT_NE(failure(bad).find("check constraint"), std::string::npos) << bad;
  }
  for (const char* good : {"none", "low", "medium", "high", "urgent"}) {
    EXPECT_NE(failure(good).find("foreign key constraint"), std::string::npos) << good;
  }
  if (db->backend() != db::Backend::kSqlite) return;
  // On the writer's connection: a read-only one leaves the CHECK out.
  auto opcodes = db->WriteValue<std::vector<std::string>>(
      [&](db::Conn& c) -> Result<std::vector<std::string>> {
        WS_ASSIGN(db::Rows rows, c.Query("EXPLAIN " + insert, "low"));
        std::vector<std::string> out;
        for (db::Row row : rows) out.push_back(row.Text(1));
        return out;
      });
  ASSERT_TRUE(opcodes.ok());
  EXPECT_GT(opcodes->size(), 20u);
  EXPECT_EQ(std::count(opcodes->begin(), opcodes->end(), "OpenEphemeral"), 0);
}

// Migration 0010 rebuilds the event counters clustered on their key: an
// instance upgrading keeps its events and every workspace's next seq.
TEST(Database, ClusteringTheEventCountersKeepsEveryNextSeq) {
  TempDir dir;
  TestDatabase test_db(dir.path());
  auto db = OpenTestDb(test_db);
  if (db->backend() != db::Backend::kSqlite) GTEST_SKIP() << "SQLite only";
  constexpr int kClustered = 10;
  ASSERT_TRUE(db->Write([&](db::Conn& c) -> Status {
    WS_TRY(
        c.ExecScript("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT "
                     "NOT NULL, applied_at BIGINT NOT NULL)"));
    for (const db::Migration& m : db::Migrations(db::Backend::kSqlite)) {
      if (m.version >= kClustered) break;
      WS_TRY(c.ExecScript(m.sql));
      WS_TRY(c.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, 0)",
                    m.version, m.name));
    }
    WS_TRY(c.ExecScript(
        "INSERT INTO events VALUES ('w1', 1, 'task.created', 'u', 'task', 't1', '{\"a\":1}', 5), "
        "('w1', 2, 'task.deleted', NULL, 'task', 't1', '{}', 6), "
        "('w2', 1, 'project.created', 'u', 'project', 'p', '{}', 7); "
        "INSERT INTO event_counters VALUES ('w1', 2), ('w2', 1);"));
    return {};
  }));
  auto applied = db::ApplyMigrations(*db);
  ASSERT_TRUE(applied.ok()) << applied.error().detail;
  EXPECT_EQ(*applied, db::LatestVersion(db::Backend::kSqlite) - kClustered + 1);

  auto rows =
      db->ReadValue<std::vector<std::string>>([](db::Conn& c) -> Result<std::vector<std::string>> {
        WS_ASSIGN(db::Rows events, c.Query("SELECT workspace_id || ' ' || seq || ' ' || type || "
                                           "' ' || COALESCE(actor_id, '-') || ' ' || data || "
                                           "' ' || created_at FROM events ORDER BY 1"));
        std::vector<std::string> out;
        for (db::Row row : events) out.push_back(row.Text(0));
        WS_ASSIGN(db::Rows tables,
                  c.Query("SELECT name FROM sqlite_schema WHERE type = 'table' "
                          "AND name LIKE 'event%' AND sql LIKE '%WITHOUT ROWID' ORDER BY name"));
        for (db::Row row : tables) out.push_back(row.Text(0));
        return out;
      });
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(*rows,
            (std::vector<std::string>{"w1 1 task.created u {\"a\":1} 5", "w1 2 task.deleted - {} 6",
                                      "w2 1 project.created u {} 7", "event_counters"}));

  // The counters carried over: the next event of w1 is seq 3.
  bus::MemoryBus bus;
  auto next = db->WriteValue<bus::Event>([&](db::Conn& c) {
    return bus::Append(c, bus, {"w1", 0, "task.created", "u", "task", "t2", "{}", 0});
  });
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->seq, 3);
}

// The task lists' lookups keep an index after the write-side trims
// (migrations 0011 and 0012): the creation order seeks on the task number,
// and the due-date filter reads the partial index of dated tasks.
TEST(Database, TaskListLookupsSeekTheirIndexes) {
  TempDir dir;
  TestDatabase test_db(dir.path());
  auto db = OpenTestDb(test_db);
  if (db->backend() != db::Backend::kSqlite) GTEST_SKIP() << "SQLite only";
  ASSERT_TRUE(db::ApplyMigrations(*db).ok());
  auto plan = [&](const std::string& sql) {
    auto rows = db->ReadValue<std::string>([&](db::Conn& c) -> Result<std::string> {
      WS_ASSIGN(db::Rows plan, c.Query("EXPLAIN QUERY PLAN " + sql, "p", int64_t{7}));
      std::string out;
      for (db::Row row : plan) out += row.Text(3) + "; ";
      return out;
    });
    return rows ? *rows : rows.error().detail;
  };
  EXPECT_EQ(plan("SELECT id FROM tasks t WHERE t.project_id = ? AND t.number > ? "
                 "ORDER BY t.number LIMIT 51"),
            "SEARCH t USING INDEX sqlite_autoindex_tasks_2 (project_id=? AND number>?); ");
  EXPECT_EQ(plan("SELECT id FROM tasks t WHERE t.project_id = ? AND t.due_date < ?"),
            "SEARCH t USING COVERING INDEX tasks_by_due (project_id=? AND due_date<?); ");
}

// SQLite's WAL on the Checkpointer's limits: the length of the database file
// itself shows when a checkpoint has copied pages back.
std::unique_ptr<db::Database> OpenSqliteWith(const TestDatabase& test_db, int64_t checkpoint_frames,
                                             int64_t max_wal_frames) {
  db::Options options{8, true};
  options.checkpoint_frames = checkpoint_frames;
  options.max_wal_frames = max_wal_frames;
  auto db = db::Open(test_db.url(), options);
  if (!db) throw std::runtime_error(db.error().detail);
  return std::move(db).value();
}

uintmax_t FileSize(const std::string& path) {
  std::error_code ec;
  const uintmax_t size = std::filesystem::file_size(path, ec);
  return ec ? 0 : size;
}

// 64 KiB of incompressible-enough text: 16+ WAL frames per row.
Status InsertBlob(db::Conn& c) {
  return c.Exec("INSERT INTO blobs (body) VALUES (randomblob(65536))").ok()
             ? Status{}
             : AppError::Internal("insert failed");
}

// No COMMIT checkpoints: with a checkpoint threshold out of reach, a
// megabyte-sized WAL leaves the database file as it was; with a low one, the
// checkpointing thread copies the pages back while nothing else writes.
TEST(Database, SqliteCheckpointsBesideTheWriterNotInCommit) {
  TempDir dir;
  TestDatabase test_db(dir.path());
  if (test_db.url().rfind("sqlite:", 0) != 0) GTEST_SKIP() << "SQLite only";
  const std::string file = test_db.url().substr(7);
  for (const int64_t threshold : {int64_t{1} << 40, int64_t{64}}) {
    SCOPED_TRACE(threshold);
    std::filesystem::remove(file);
    auto db = OpenSqliteWith(test_db, threshold, int64_t{1} << 40);
    ASSERT_TRUE(db->Write(
        [](db::Conn& c) { return c.ExecScript("CREATE TABLE IF NOT EXISTS blobs (body BLOB)"); }));
    const uintmax_t before = FileSize(file);
    for (int i = 0; i < 72; ++i) ASSERT_TRUE(db->Write(InsertBlob));
    EXPECT_GT(FileSize(file + "-wal"), uintmax_t{2} << 20);
    if (threshold > 64) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      EXPECT_EQ(FileSize(file), before);
      continue;
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (FileSize(file) < (uintmax_t{2} << 20) && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    EXPECT_GE(FileSize(file), uintmax_t{2} << 20);
  }
}

// SQLite's memory statistics cost a process-wide mutex on every allocation;
// nothing reads them, so they stay off (db::ConfigureSqlite) however SQLite
// was first touched in the process.
TEST(Database, SqliteKeepsNoMemoryStatistics) {
  TempDir dir;
  TestDatabase test_db(dir.path());
  auto db = OpenTestDb(test_db);
  if (db->backend() != db::Backend::kSqlite) GTEST_SKIP() << "SQLite only";
  ASSERT_TRUE(db::ApplyMigrations(*db).ok());
  auto count = db->ReadValue<int64_t>([](db::Conn& c) -> Result<int64_t> {
    WS_ASSIGN(db::Rows rows, c.Query("SELECT COUNT(*) FROM sqlite_schema"));
    return rows.front().Int(0);
  });
  ASSERT_TRUE(count.ok());
  EXPECT_GT(*count, 10);
  EXPECT_EQ(sqlite3_memory_used(), 0);
}

TEST(Database, UnitsRefuseToRunInsideANoBlockingScope) {
  TempDir dir;
  TestDatabase test_db(dir.path());
  auto db = OpenTestDb(test_db);
  ASSERT_TRUE(db->Write([](db::Conn& c) { return c.ExecScript("CREATE TABLE n (v INTEGER)"); }));
  int ran = 0;
  auto unit = [&ran](db::Conn& c) -> Status {
    ++ran;
    WS_TRY(c.Exec("INSERT INTO n (v) VALUES (1)"));
    return {};
  };
  {
    NoBlockingScope scope;
    EXPECT_FALSE(scope.refused());
    EXPECT_FALSE(db->Write(unit).ok());
    EXPECT_TRUE(scope.refused());
    EXPECT_FALSE(db->Read([&ran](db::Conn&) -> Status {
                     ++ran;
                     return {};
                   }).ok());
    EXPECT_FALSE(db->Ping().ok());
  }
  EXPECT_EQ(ran, 0);  // nothing ran, nothing was written
  EXPECT_TRUE(db->Write(unit).ok());
  auto count = db->ReadValue<int64_t>([](db::Conn& c) -> Result<int64_t> {
    WS_ASSIGN(db::Rows rows, c.Query("SELECT COUNT(*) FROM n"));
    return rows.front().Int(0);
  });
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 1);
  {
    NoBlockingScope fresh;  // a new scope starts unrefused
    EXPECT_FALSE(fresh.refused());
  }
}

TEST(Events, SeqIsContiguousPerWorkspaceAndPublishedAfterCommit) {
  TempDir dir;
  TestDatabase test_db(dir.path());
  auto db = OpenTestDb(test_db);
  ASSERT_TRUE(db::ApplyMigrations(*db).ok());
  bus::MemoryBus bus;
  std::mutex mutex;
  std::map<std::string, std::vector<int64_t>> seen;
  bus.Subscribe([&](const std::shared_ptr<const bus::Event>& e) {
    std::lock_guard lock(mutex);
    seen[e->workspace_id].push_back(e->seq);
  });
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        const std::string ws = (t + i) % 2 == 0 ? "ws-a" : "ws-b";
        Status s = db->Write([&](db::Conn& c) -> Status {
          WS_TRY(bus::Append(c, bus,
                             {ws, 0, "task.created", "user-1", "task", "t1", R"({"id":"t1"})", 0}));
          if (i == 7) return AppError::Conflict("rolled back: its seq must not be used");
          return {};
        });
        EXPECT_EQ(s.ok(), i != 7);
      }
    });
  }
  for (auto& t : threads) t.join();
  for (const std::string ws : {"ws-a", "ws-b"}) {
    auto events = db->ReadValue<std::vector<bus::Event>>(
        [&](db::Conn& c) { return bus::ReadAfter(c, ws, 0, 1000); });
    ASSERT_TRUE(events.ok());
    for (size_t i = 0; i < events->size(); ++i) EXPECT_EQ((*events)[i].seq, int64_t(i + 1)) << ws;
    // Published once each, after commit; order per workspace may interleave
    // across writer threads, but the set must be exactly the committed seqs.
    std::lock_guard lock(mutex);
    std::set<int64_t> published(seen[ws].begin(), seen[ws].end());
    EXPECT_EQ(published.size(), events->size());
    EXPECT_EQ(seen[ws].size(), events->size());
    auto last = db->ReadValue<int64_t>([&](db::Conn& c) { return bus::LastSeq(c, ws); });
    EXPECT_EQ(*last, int64_t(events->size()));
  }
  EXPECT_EQ(seen["ws-a"].size() + seen["ws-b"].size(), 8u * 24u);
  auto after = db->ReadValue<std::vector<bus::Event>>(
      [](db::Conn& c) { return bus::ReadAfter(c, "ws-a", 90, 5); });
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->size(), 5u);
  EXPECT_EQ(after->front().seq, 91);
  const std::string json = after->front().ToJson();
  EXPECT_NE(json.find("\"type\":\"task.created\""), std::string::npos);
  EXPECT_NE(json.find("\"data\":{\"id\":\"t1\"}"), std::string::npos);
}

TEST(Durability, AcknowledgedWritesSurviveSigkill) {
  TempDir dir;
  TestDatabase test_db(dir.path());
  std::set<int64_t> acknowledged;
  {
    Child writer({WS_DURABILITY_WRITER, test_db.url()});
    // The first lines read may already carry acknowledged ids after "ready".
    auto first = writer.ReadLines(10000, 1);
    ASSERT_FALSE(first.empty()) << writer.Stderr();
    ASSERT_EQ(first[0], "ready");
    for (size_t i = 1; i < first.size(); ++i) acknowledged.insert(std::stoll(first[i]));
    for (const auto& line : writer.ReadLines(1500)) acknowledged.insert(std::stoll(line));
    writer.Kill(SIGKILL);  // mid-burst: writes are in flight right now
    EXPECT_EQ(writer.Wait(), 128 + SIGKILL);
    for (const auto& line : writer.ReadLines(200)) acknowledged.insert(std::stoll(line));
  }
  ASSERT_GT(acknowledged.size(), 100u) << "the writer acknowledged too little to test anything";
  auto db = OpenTestDb(test_db);
  auto stored = db->ReadValue<std::set<int64_t>>([](db::Conn& c) -> Result<std::set<int64_t>> {
    WS_ASSIGN(db::Rows rows, c.Query("SELECT id FROM durability_probe"));
    std::set<int64_t> ids;
    for (db::Row row : rows) ids.insert(row.Int(0));
    return ids;
  });
  ASSERT_TRUE(stored.ok()) << stored.error().detail;
  size_t missing = 0;
  for (int64_t id : acknowledged) missing += stored->count(id) == 0 ? 1 : 0;
  EXPECT_EQ(missing, 0u) << "of " << acknowledged.size() << " acknowledged writes";
}

TEST(Binary, BadConfigurationExitsWithStatus2AndNamesTheSetting) {
  Child flag({WS_BINARY, "serve", "--listen", "no-port-here"});
  EXPECT_EQ(flag.Wait(), 2);
  EXPECT_NE(flag.Stderr().find("--listen"), std::string::npos) << flag.Stderr();
  Child env({WS_BINARY, "serve"}, {"WORKSTEAD_WORKER_THREADS=lots"});
  EXPECT_EQ(env.Wait(), 2);
  EXPECT_NE(env.Stderr().find("WORKSTEAD_WORKER_THREADS"), std::string::npos) << env.Stderr();
  Child unknown({WS_BINARY, "serve", "--no-such-flag"});
  EXPECT_EQ(unknown.Wait(), 2);
  Child version({WS_BINARY, "version"});
  EXPECT_EQ(version.Wait(), 0);
}

TEST(Binary, MigrateCommandBringsTheSchemaUpToDate) {
  TempDir dir;
  TestDatabase test_db(dir.path());
  Child migrate({WS_BINARY, "migrate", "--data-dir", dir.path(), "--database-url", test_db.url()});
  auto out = migrate.ReadLines(20000);
  EXPECT_EQ(migrate.Wait(), 0) << migrate.Stderr();
  ASSERT_FALSE(out.empty());
  EXPECT_NE(out[0].find("schema at version"), std::string::npos);
  Child again({WS_BINARY, "migrate", "--data-dir", dir.path(), "--database-url", test_db.url()});
  auto out2 = again.ReadLines(20000);
  EXPECT_EQ(again.Wait(), 0);
  ASSERT_FALSE(out2.empty());
  EXPECT_NE(out2[0].find("(0 migrations applied)"), std::string::npos) << out2[0];
}

}  // namespace
}  // namespace ws::test
