#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>

namespace ws::test {

/// A raw SQLite connection for tests that exercise SQLite below db::Conn.
struct CloseSqlite {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
using SqliteDb = std::unique_ptr<sqlite3, CloseSqlite>;

/// The first column of the first row as text: "(no row)" when there is
/// none, "NULL" for a NULL.
inline std::string FirstCell(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  std::string out = "(no row)";
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW) {
    const auto* text = sqlite3_column_text(stmt, 0);
    out = text != nullptr ? reinterpret_cast<const char*>(text) : "NULL";
  }
  sqlite3_finalize(stmt);
  return out;
}

}  // namespace ws::test
