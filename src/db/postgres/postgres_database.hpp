#pragma once

#include <memory>
#include <string>

#include "db/database.hpp"

namespace ws::db {

/// PostgreSQL through a pool of libpq connections.
Result<std::unique_ptr<Database>> OpenPostgres(const std::string& url, const Options& options);

/// Rewrites `?` placeholders to `$1..$n`, leaving quoted text alone.
std::string ToDollarPlaceholders(std::string_view sql);

}  // namespace ws::db
