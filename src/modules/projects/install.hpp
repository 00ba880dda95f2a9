#pragma once

#include "bus/bus.hpp"
#include "db/database.hpp"
#include "http/router.hpp"

namespace ws::projects {

/// What the projects module is built from; everything outlives the router.
struct InstallDeps {
  db::Database& db;
  bus::Bus& bus;
  http::Router& router;
};

/// Builds the module and registers its routes (API.md "Projects and
/// tasks"). The route handlers own the module, so the app keeps nothing.
void Install(const InstallDeps& deps);

}  // namespace ws::projects
