#include "db/database.hpp"

#include "db/postgres/postgres_database.hpp"
#include "db/sqlite/sqlite_database.hpp"

namespace ws::db {

Result<std::unique_ptr<Database>> Open(const std::string& url, const Options& options) {
  if (url.starts_with("sqlite:")) {
    std::string path = url.substr(7);
    if (path.starts_with("//")) path = path.substr(2);
    if (path.empty()) return AppError::BadRequest("database_url: sqlite: needs a file path");
    return OpenSqlite(path, options);
  }
  if (url.starts_with("postgres://") || url.starts_with("postgresql://")) {
    return OpenPostgres(url, options);
  }
  return AppError::BadRequest("database_url must start with sqlite: or postgres://");
}

}  // namespace ws::db
