#pragma once

#include <functional>
#include <string>

#include "db/database.hpp"
#include "http/router.hpp"
#include "http/server.hpp"

namespace ws::app {

/// What `GET /api/v1/meta` reports beyond the version.
struct MetaSource {
  std::function<std::string()> registration;  // open | invite_only | closed
  std::function<bool()> setup_required;       // no account exists yet
};

/// /healthz, /readyz, /metrics, /api/v1/meta, /api/v1/openapi.json.
void AddSystemRoutes(http::Router& router, db::Database& db, http::Server& server, MetaSource meta);

}  // namespace ws::app
