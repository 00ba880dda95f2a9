#pragma once

#include <memory>
#include <string>

#include "db/database.hpp"

namespace ws::db {

/// Process-wide SQLite settings. SQLite takes them only before it first
/// initialises, so whatever touches SQLite first (a connection, an
/// auto-extension's registration) calls this before; later calls do nothing.
void ConfigureSqlite();

/// SQLite in WAL mode: one writer thread that group-commits every queued
/// unit, and a pool of read-only connections.
Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path, const Options& options);

}  // namespace ws::db
