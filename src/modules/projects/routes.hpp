#pragma once

// HTTP binding of the projects module: parse, call one service method,
// serialise. No rules live here.

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/json_input.hpp"
#include "http/pagination.hpp"
#include "http/router.hpp"
#include "modules/projects/service.hpp"

namespace ws::projects {

/// Registers every route of the module under /api/v1; the handlers share
/// ownership of `service`.
void AddRoutes(http::Router& router, const std::shared_ptr<Service>& service);

namespace routes {

/// Largest JSON body of small routes (projects, statuses, labels, moves).
inline constexpr int64_t kSmallBody = 16 * 1024;
/// Largest body of task and comment writes: a description of
/// kMaxDescriptionBytes fits even with JSON escapes; anything beyond is 413
/// before it is read.
inline constexpr int64_t kTaskBody = 1024 * 1024;

inline const http::RouteOptions kUser{http::Exec::kWorker, http::Access::kUser, kSmallBody, true};
inline const http::RouteOptions kUserLarge{http::Exec::kWorker, http::Access::kUser, kTaskBody,
                                           true};
/// Task creation: started on the network thread, answered after commit.
inline const http::RouteOptions kUserLargeAsync{http::Exec::kAsync, http::Access::kUser, kTaskBody,
                                                true, true};

/// "/api/v1" + tail.
std::string Path(std::string_view tail);
/// `?limit=` (1–200, default 50) and `?cursor=`; 400 when malformed.
Result<PageRequest> ReadPage(const http::Request& request);
/// `If-Match: "<n>"` as a version; nullopt when absent or `*`; 400 when
/// malformed.
Result<std::optional<int64_t>> IfMatch(const http::Request& request);
/// A JSON answer with `ETag: "<version>"`.
http::Response Tagged(const boost::json::object& body, int64_t version, int status = 200);
/// The same, for a body already serialized.
http::Response Tagged(std::string json, int64_t version, int status = 200);
/// A body that may be empty (all fields optional).
Result<JsonInput> Body(const http::Request& request);
/// An id field: a UUID, else a field problem.
std::optional<std::string> ReadId(JsonInput& input, std::string_view key, bool required = false);
/// A UUID query parameter; 400 when present and malformed.
Result<std::optional<std::string>> QueryId(const http::Request& request, std::string_view key);

using http::PageJson;

/// Routes of tasks, comments, /me/tasks and search (routes_tasks.cpp).
void AddTaskRoutes(http::Router& router, const std::shared_ptr<Service>& service);

}  // namespace routes

}  // namespace ws::projects
