#pragma once

#include "bus/bus.hpp"
#include "core/config.hpp"
#include "core/executor.hpp"
#include "db/database.hpp"
#include "http/router.hpp"
#include "mail/mailer.hpp"
#include "modules/workspaces/service.hpp"

namespace ws::auth {
class Service;
}

namespace ws::workspaces {

/// What the workspaces module is built from; everything outlives the router.
struct InstallDeps {
  const Config& config;
  db::Database& db;
  bus::Bus& bus;
  http::Router& router;
  Executor& executor;  // timers of held long-polls, worker pool
  mail::Mailer& mailer;
  auth::Service& accounts;  // registers invitees and signs them in
};

/// Builds the module and registers its routes (API.md "Workspaces"). The
/// route handlers own the module, so the app keeps nothing.
void Install(const InstallDeps& deps);
/// The same, with `filter` hiding events from the activity feed and the
/// long-poll (the app passes the projects module's private-project rule).
void Install(const InstallDeps& deps, EventFilter filter, EventMayHide may_hide = {});

}  // namespace ws::workspaces
