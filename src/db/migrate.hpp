#pragma once

#include <string_view>
#include <vector>

#include "db/database.hpp"

namespace ws::db {

/// One numbered SQL file compiled into the binary.
struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

/// The migrations for a backend, ascending by version.
const std::vector<Migration>& Migrations(Backend backend);
/// The highest version this binary knows.
int LatestVersion(Backend backend);
/// The version recorded in the database (0 when none).
Result<int> CurrentVersion(Database& db);
/// Applies every pending migration, each in its own transaction; refuses a
/// database whose version is newer than this binary. Answers how many ran.
Result<int> ApplyMigrations(Database& db);

}  // namespace ws::db
