// Routes of workspaces, members and invitations.
#include "modules/workspaces/routes.hpp"

#include <boost/json/array.hpp>

#include "core/clock.hpp"
#include "core/json_input.hpp"

namespace ws::workspaces {

using http::Method;
using http::Request;
using http::Response;

namespace routes {

Result<PageRequest> ReadPage(const Request& request) {
  PageRequest page;
  WS_ASSIGN(page.limit, http::QueryLimit(request));
  if (auto cursor = request.Query("cursor"); cursor && !cursor->empty()) {
    if (!DecodeCursor(*cursor, page.after)) return AppError::BadRequest("cursor is not valid");
  }
  return page;
}

boost::json::object ViewJson(const WorkspaceView& view) {
  return ToJson(view.workspace, view.my_role);
}

}  // namespace routes

namespace {

constexpr std::string_view kSlugRule =
    "must be 3 to 40 characters of a-z, 0-9 and '-', not starting or ending with '-'";
constexpr std::string_view kApi = "/api/v1";

std::string Path(std::string_view tail) { return std::string(kApi) + std::string(tail); }

const http::RouteOptions kUser{http::Exec::kWorker, http::Access::kUser, routes::kMaxBody, true};
const http::RouteOptions kPublic{http::Exec::kWorker, http::Access::kPublic, routes::kMaxBody,
                                 true};

/// Reads a body that may be empty (bodiless PATCH-like calls).
Result<JsonInput> Body(const Request& request) {
  if (request.body.empty()) return JsonInput::Empty();
  return JsonInput::Parse(request.body);
}

std::optional<std::string> ReadSlug(JsonInput& input, bool required) {
  auto slug = input.Text("slug", {.required = required, .min = 0, .max = 100, .trim = false});
  if (slug && !IsValidSlug(*slug)) {
    input.Fail("slug", std::string(kSlugRule));
    return std::nullopt;
  }
  return slug;
}

std::optional<Role> ReadRole(JsonInput& input, bool required) {
  auto name = input.OneOf("role", {"owner", "admin", "manager", "member", "guest"}, required);
  if (!name) return std::nullopt;
  return ParseRole(*name);
}

void AddWorkspaceRoutes(http::Router& router, const std::shared_ptr<Service>& service) {
  router.Add(
      Method::kGet, Path("/workspaces"),
      [service](Request& request) -> Result<Response> {
        WS_ASSIGN(PageRequest page, routes::ReadPage(request));
        WS_ASSIGN(auto mine, service->ListMine(request.identity.user_id, page));
        return Response::Json(routes::PageJson(mine, routes::ViewJson));
      },
      kUser);
  router.Add(
      Method::kPost, Path("/workspaces"),
      [service](Request& request) -> Result<Response> {
        WS_ASSIGN(JsonInput input, JsonInput::Parse(request.body));
        auto name = input.Text("name", {.required = true, .min = 1, .max = 100});
        auto slug = ReadSlug(input, false);
        WS_TRY(input.Finish());
        WS_ASSIGN(auto view, service->Create(request.identity.user_id, *name, slug));
        return Response::Json(routes::ViewJson(view), 201);
      },
      kUser);
  router.Add(
      Method::kGet, Path("/workspaces/{ws}"),
      [service](Request& request) -> Result<Response> {
        WS_ASSIGN(auto view, service->Get(request.identity.user_id, request.Param("ws")));
        return Response::Json(routes::ViewJson(view));
      },
      kUser);
  router.Add(
      Method::kPatch, Path("/workspaces/{ws}"),
      [service](Request& request) -> Result<Response> {
        WS_ASSIGN(JsonInput input, Body(request));
        WorkspacePatch patch;
        patch.name = input.Text("name", {.required = input.Has("name"), .min = 1, .max = 100});
        patch.slug = ReadSlug(input, input.Has("slug"));
        WS_TRY(input.Finish());
        WS_ASSIGN(auto view, service->Update(request.identity.user_id, request.Param("ws"), patch));
        return Response::Json(routes::ViewJson(view));
      },
      kUser);
  router.Add(
      Method::kDelete, Path("/workspaces/{ws}"),
      [service](Request& request) -> Result<Response> {
        WS_TRY(service->Delete(request.identity.user_id, request.Param("ws")));
        return Response::NoContent();
      },
      kUser);
}

void AddMemberRoutes(http::Router& router, const std::shared_ptr<Service>& service) {
  router.Add(
      Method::kGet, Path("/workspaces/{ws}/members"),
      [service](Request& request) -> Result<Response> {
        WS_ASSIGN(PageRequest page, routes::ReadPage(request));
        // Identical reads share one cached answer while nothing changed.
        const std::string key = request.Param("ws") + "?" + request.query;
        WS_ASSIGN(std::string body, service->ListMembersJson(request.identity.user_id,
                                                             request.Param("ws"), page, key));
        Response response;
        response.body = std::move(body);
        return response;
      },
      kUser);
  router.Add(
      Method::kPatch, Path("/workspaces/{ws}/members/{user_id}"),
      [service](Request& request) -> Result<Response> {
        WS_ASSIGN(JsonInput input, JsonInput::Parse(request.body));
        auto role = ReadRole(input, true);
        WS_TRY(input.Finish());
        WS_ASSIGN(auto member, service->ChangeRole(request.identity.user_id, request.Param("ws"),
                                                   request.Param("user_id"), *role));
        return Response::Json(ToJson(member));
      },
      kUser);
  router.Add(
      Method::kDelete, Path("/workspaces/{ws}/members/{user_id}"),
      [service](Request& request) -> Result<Response> {
        WS_TRY(service->RemoveMember(request.identity.user_id, request.Param("ws"),
                                     request.Param("user_id")));
        return Response::NoContent();
      },
      kUser);
}

void AddInvitationRoutes(http::Router& router, const std::shared_ptr<Service>& service,
                         AcceptAsNewUserHandler accept_as_new_user) {
  router.Add(
      Method::kPost, Path("/workspaces/{ws}/invitations"),
      [service](Request& request) -> Result<Response> {
        WS_ASSIGN(JsonInput input, JsonInput::Parse(request.body));
        auto email = input.Email("email", true);
        auto role = ReadRole(input, false);
        WS_TRY(input.Finish());
        WS_ASSIGN(auto invitation, service->Invite(request.identity.user_id, request.Param("ws"),
                                                   *email, role.value_or(Role::kMember)));
        return Response::Json(ToJson(invitation), 201);
      },
      kUser);
  router.Add(
      Method::kGet, Path("/workspaces/{ws}/invitations"),
      [service](Request& request) -> Result<Response> {
        WS_ASSIGN(PageRequest page, routes::ReadPage(request));
        WS_ASSIGN(auto list,
                  service->ListInvitations(request.identity.user_id, request.Param("ws"), page));
        return Response::Json(
            routes::PageJson(list, [](const Invitation& i) { return ToJson(i); }));
      },
      kUser);
  // One parameter name for the id and the token routes: they share a path
  // segment, and OpenAPI forbids two names for the same templated path.
  router.Add(
      Method::kDelete, Path("/invitations/{invitation}"),
      [service](Request& request) -> Result<Response> {
        WS_TRY(service->Revoke(request.identity.user_id, request.Param("invitation")));
        return Response::NoContent();
      },
      kUser);
  router.Add(
      Method::kPost, Path("/invitations/{invitation}/resend"),
      [service](Request& request) -> Result<Response> {
        WS_ASSIGN(auto invitation,
                  service->Resend(request.identity.user_id, request.Param("invitation")));
        return Response::Json(ToJson(invitation));
      },
      kUser);
  router.Add(
      Method::kGet, Path("/invitations/{invitation}"),
      [service](Request& request) -> Result<Response> {
        WS_ASSIGN(auto preview, service->Preview(request.Param("invitation")));
        return Response::Json({{"workspace", {{"name", preview.workspace_name}}},
                               {"email", preview.email},
                               {"role", RoleName(preview.role)},
                               {"expires_at", FormatTimestamp(preview.expires_at)}});
      },
      kPublic);
  router.Add(
      Method::kPost, Path("/invitations/{invitation}/accept"),
      [service, accept_as_new_user](Request& request) -> Result<Response> {
        const std::string& token = request.Param("invitation");
        if (!request.identity.authenticated()) {
          if (request.body.empty()) {
            return AppError::Unauthorized(
                "sign in, or send name and password to create an account");
          }
          return accept_as_new_user(request, token);
        }
        WS_ASSIGN(JsonInput input, Body(request));
        WS_TRY(input.Finish());  // a signed-in caller sends no fields
        WS_ASSIGN(auto view, service->Accept(request.identity.user_id, token));
        return Response::Json(routes::ViewJson(view));
      },
      kPublic);
}

}  // namespace

void AddRoutes(http::Router& router, std::shared_ptr<Service> service,
               std::shared_ptr<LongPoll> long_poll, AcceptAsNewUserHandler accept_as_new_user) {
  AddWorkspaceRoutes(router, service);
  AddMemberRoutes(router, service);
  AddInvitationRoutes(router, service, std::move(accept_as_new_user));
  routes::AddTeamRoutes(router, service, long_poll);
}

}  // namespace ws::workspaces
