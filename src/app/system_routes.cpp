#include "app/system_routes.hpp"

#include <boost/json.hpp>

#include "app/app.hpp"
#include "db/migrate.hpp"

namespace ws::app {

extern const std::string_view kOpenApiJson;

using http::Access;
using http::Exec;
using http::Method;
using http::Request;
using http::Response;

void AddSystemRoutes(http::Router& router, db::Database& db, http::Server& server,
                     MetaSource meta) {
  const http::RouteOptions inline_public{Exec::kInline, Access::kPublic, 0};
  router.Add(
      Method::kGet, "/healthz",
      [](Request&) -> Result<Response> {
        return Response::Json({{"status", "ok"}});
      },
      inline_public);
  router.Add(Method::kGet, "/readyz",
             [&db](Request&) -> Result<Response> {
               if (Status ping = db.Ping(); !ping) {
                 return AppError::Unavailable("database does not answer: " + ping.error().detail);
               }
               auto version = db::CurrentVersion(db);
               if (!version) return AppError::Unavailable("schema version unknown");
               if (*version != db::LatestVersion(db.backend())) {
                 return AppError::Unavailable("schema version " + std::to_string(*version) +
                                              " is not the expected " +
                                              std::to_string(db::LatestVersion(db.backend())));
               }
               return Response::Json({{"status", "ready"}});
             },
             {Exec::kWorker, Access::kPublic, 0});
  router.Add(
      Method::kGet, "/metrics",
      [&server](Request&) -> Result<Response> {
        return Response::Text(server.MetricsText(), "text/plain; version=0.0.4; charset=utf-8");
      },
      inline_public);
  router.Add(
      Method::kGet, "/api/v1/meta",
      [meta](Request&) -> Result<Response> {
        boost::json::object body{{"version", Version()},
                                 {"registration", meta.registration()},
                                 {"oidc_providers", boost::json::array()},
                                 {"setup_required", meta.setup_required()}};
        return Response::Json(body);
      },
      inline_public);
  router.Add(
      Method::kGet, "/api/v1/openapi.json",
      [](Request&) -> Result<Response> {
        Response r;
        r.static_body = kOpenApiJson;
        r.headers.push_back({"Cache-Control", "no-cache"});
        return r;
      },
      inline_public);
}

}  // namespace ws::app
