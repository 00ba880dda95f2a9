#pragma once

// HTTP binding of the workspaces module: parse, call one service method,
// serialise. No rules live here.

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <functional>
#include <memory>
#include <string>

#include "http/pagination.hpp"
#include "http/router.hpp"
#include "modules/workspaces/long_poll.hpp"
#include "modules/workspaces/service.hpp"

namespace ws::workspaces {

/// Accepts an invitation for a caller without an account: registers the
/// invitee through the accounts module and answers its auth answer (with
/// the session cookies). Supplied by install.cpp, which knows that module.
using AcceptAsNewUserHandler =
    std::function<Result<http::Response>(http::Request& request, const std::string& token)>;

/// Registers every route of the module under /api/v1. The handlers share
/// ownership of `service` and `long_poll`.
void AddRoutes(http::Router& router, std::shared_ptr<Service> service,
               std::shared_ptr<LongPoll> long_poll, AcceptAsNewUserHandler accept_as_new_user);

namespace routes {

/// Largest JSON body any route of the module accepts.
inline constexpr int64_t kMaxBody = 16 * 1024;

/// `?limit=` (1–200, default 50) and `?cursor=`; 400 when malformed.
Result<PageRequest> ReadPage(const http::Request& request);
using http::PageJson;
/// A workspace as the caller sees it.
boost::json::object ViewJson(const WorkspaceView& view);
/// Routes of teams, activity and events (routes_teams.cpp).
void AddTeamRoutes(http::Router& router, const std::shared_ptr<Service>& service,
                   const std::shared_ptr<LongPoll>& long_poll);

}  // namespace routes

}  // namespace ws::workspaces
