#include "db/migrate.hpp"

#include <algorithm>

#include "core/clock.hpp"

namespace ws::db {

// Generated from migrations/{sqlite,postgres}/NNNN_name.sql by CMake.
extern const std::vector<Migration> kSqliteMigrations;
extern const std::vector<Migration> kPostgresMigrations;

namespace {

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT "
    "NULL, applied_at BIGINT NOT NULL)";

Result<int> ReadVersion(Conn& c) {
  WS_ASSIGN(Rows rows, c.Query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  return int(rows.front().Int(0));
}

}  // namespace

const std::vector<Migration>& Migrations(Backend backend) {
  return backend == Backend::kSqlite ? kSqliteMigrations : kPostgresMigrations;
}

int LatestVersion(Backend backend) {
  const auto& list = Migrations(backend);
  return list.empty() ? 0 : list.back().version;
}

Result<int> CurrentVersion(Database& db) {
  return db.ReadValue<int>([](Conn& c) -> Result<int> {
    WS_ASSIGN(Rows exists,
              c.Query(c.backend() == Backend::kSqlite
                          ? "SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND "
                            "name='schema_migrations'"
                          : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = "
                            "current_schema() AND table_name='schema_migrations'"));
    if (exists.front().Int(0) == 0) return 0;
    return ReadVersion(c);
  });
}

Result<int> ApplyMigrations(Database& db) {
  const Backend backend = db.backend();
  const int latest = LatestVersion(backend);
  int applied = 0;
  WS_TRY(db.Write([&](Conn& c) -> Status {
    if (backend == Backend::kPostgres) {
      // Several instances may start at once: one migrates, the others wait.
      WS_TRY(c.Query("SELECT pg_advisory_xact_lock(7262019)"));
    }
    WS_TRY(c.ExecScript(kCreateTable));
    WS_ASSIGN(int current, ReadVersion(c));
    if (current > latest) {
      AppError e = AppError::Unavailable("");
      e.message = "database schema version " + std::to_string(current) +
                  " is newer than this binary supports (" + std::to_string(latest) +
                  "); run a newer workstead";
      e.detail = e.message;
      return e;
    }
    for (const Migration& m : Migrations(backend)) {
      if (m.version <= current) continue;
      if (Status s = c.ExecScript(m.sql); !s) {
        AppError e = std::move(s).error();
        e.message =
            "migration " + std::to_string(m.version) + " (" + std::string(m.name) + ") failed";
        e.detail = e.message + ": " + e.detail;
        return e;
      }
      WS_TRY(c.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    m.version, m.name, NowMillis()));
      ++applied;
    }
    return {};
  }));
  return applied;
}

}  // namespace ws::db
