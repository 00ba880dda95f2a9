#pragma once

#include <memory>
#include <string>

#include "db/database.hpp"

namespace ws::db {

/// SQLite in WAL mode: one writer thread that group-commits every queued
/// unit, and a pool of read-only connections.
Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path, const Options& options);

}  // namespace ws::db
