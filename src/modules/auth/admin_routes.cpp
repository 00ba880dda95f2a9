// HTTP binding of instance administration (API.md "Instance administration").
#include <boost/json.hpp>

#include "http/pagination.hpp"
#include "modules/auth/middleware.hpp"
#include "modules/auth/routes.hpp"

namespace ws::auth {

using http::Method;
using http::Request;
using http::Response;

namespace {

constexpr http::RouteOptions kAdmin{http::Exec::kWorker, http::Access::kUser, 16 * 1024};

/// Refuses non-admins before anything else (the service checks again).
http::Handler AdminOnly(http::Handler handler) {
  return [handler = std::move(handler)](Request& req) -> Result<Response> {
    if (!req.identity.is_instance_admin) return AppError::Forbidden("instance admins only");
    return handler(req);
  };
}

Response SettingsJson(const Service::Settings& settings) {
  return Response::Json({{"registration", settings.registration}});
}

}  // namespace

void AddAdminRoutes(http::Router& router, Service& s) {
  router.Add(
      Method::kGet, "/api/v1/admin/users", AdminOnly([&s](Request& req) -> Result<Response> {
        WS_ASSIGN(int limit, http::QueryLimit(req));
        WS_ASSIGN(auto page, s.AdminListUsers(CallerOf(req), req.Query("q").value_or(""),
                                              req.Query("cursor").value_or(""), limit));
        return Response::Json(http::PageJson(page, [](const auto& item) { return ToJson(item); }));
      }),
      kAdmin);
  router.Add(Method::kPost, "/api/v1/admin/users",
             AdminOnly([&s](Request& req) -> Result<Response> {
               WS_ASSIGN(AdminUserInput input, ParseAdminUser(req.body));
               WS_ASSIGN(User user, s.AdminCreateUser(CallerOf(req), input));
               return Response::Json(ToJson(user), 201);
             }),
             kAdmin);
  router.Add(Method::kPatch, "/api/v1/admin/users/{id}",
             AdminOnly([&s](Request& req) -> Result<Response> {
               WS_ASSIGN(AdminUserUpdate update, ParseAdminUserUpdate(req.body));
               WS_ASSIGN(User user, s.AdminUpdateUser(CallerOf(req), req.Param("id"), update));
               return Response::Json(ToJson(user));
             }),
             kAdmin);
  router.Add(Method::kDelete, "/api/v1/admin/users/{id}/sessions",
             AdminOnly([&s](Request& req) -> Result<Response> {
               WS_TRY(s.AdminRevokeSessions(CallerOf(req), req.Param("id")));
               return Response::NoContent();
             }),
             kAdmin);
  router.Add(
      Method::kGet, "/api/v1/admin/audit-log", AdminOnly([&s](Request& req) -> Result<Response> {
        WS_ASSIGN(int limit, http::QueryLimit(req));
        const AuditFilter filter{req.Query("user_id").value_or(""), req.Query("type").value_or("")};
        WS_ASSIGN(auto page,
                  s.AdminAuditLog(CallerOf(req), filter, req.Query("cursor").value_or(""), limit));
        return Response::Json(http::PageJson(page, [](const auto& item) { return ToJson(item); }));
      }),
      kAdmin);
  router.Add(Method::kGet, "/api/v1/admin/settings",
             AdminOnly([&s](Request& req) -> Result<Response> {
               WS_ASSIGN(auto settings, s.AdminSettings(CallerOf(req)));
               return SettingsJson(settings);
             }),
             kAdmin);
  router.Add(Method::kPatch, "/api/v1/admin/settings",
             AdminOnly([&s](Request& req) -> Result<Response> {
               WS_ASSIGN(JsonInput input, JsonInput::Parse(req.body));
               auto registration = input.OneOf("registration", {"open", "invite_only", "closed"});
               if (input.IsNull("registration")) input.Fail("registration", "must not be null");
               WS_TRY(input.Finish());
               WS_ASSIGN(auto settings, s.AdminUpdateSettings(CallerOf(req), registration));
               return SettingsJson(settings);
             }),
             kAdmin);
}

}  // namespace ws::auth
