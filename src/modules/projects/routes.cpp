// Routes of projects, project members, statuses and labels; shared helpers.
#include "modules/projects/routes.hpp"

#include <boost/json/serialize.hpp>
#include <charconv>

#include "core/ids.hpp"

namespace ws::projects {

using http::Method;
using http::Request;
using http::Response;

namespace routes {

std::string Path(std::string_view tail) { return "/api/v1" + std::string(tail); }

Result<PageRequest> ReadPage(const Request& request) {
  PageRequest page;
  WS_ASSIGN(page.limit, http::QueryLimit(request));
  if (auto cursor = request.Query("cursor")) page.cursor = *cursor;
  return page;
}

Result<std::optional<int64_t>> IfMatch(const Request& request) {
  std::string_view value = request.Header("If-Match");
  if (value.empty() || value == "*") return std::optional<int64_t>();
  if (value.starts_with("W/")) value.remove_prefix(2);
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
    value = value.substr(1, value.size() - 2);
  }
  int64_t version = 0;
  const char* end = value.data() + value.size();
  if (value.empty() || std::from_chars(value.data(), end, version).ptr != end || version < 0) {
    return AppError::BadRequest("If-Match must be a version in quotes, like \"3\"");
  }
  return std::optional<int64_t>(version);
}

Response Tagged(std::string json, int64_t version, int status) {
  Response response;
  response.status = status;
  response.body = std::move(json);
  response.With("ETag", "\"" + std::to_string(version) + "\"");
  return response;
}

Response Tagged(const boost::json::object& body, int64_t version, int status) {
  return Tagged(boost::json::serialize(body), version, status);
}

Result<JsonInput> Body(const Request& request) {
  if (request.body.empty()) return JsonInput::Empty();
  return JsonInput::Parse(request.body);
}

std::optional<std::string> ReadId(JsonInput& input, std::string_view key, bool required) {
  auto id = input.Text(key, {.required = required, .min = 0, .max = 100, .trim = false});
  if (id && !IsUuid(*id)) {
    input.Fail(key, "must be an id");
    return std::nullopt;
  }
  return id;
}

Result<std::optional<std::string>> QueryId(const Request& request, std::string_view key) {
  auto value = request.Query(key);
  if (!value) return std::optional<std::string>();
  if (!IsUuid(*value)) return AppError::BadRequest(std::string(key) + " must be an id");
  return value;
}

}  // namespace routes

namespace {

using routes::kUser;
using routes::Path;

constexpr std::string_view kKeyRule = "must be 2 to 10 upper-case letters A-Z";

std::optional<std::string> ReadKey(JsonInput& input, bool required) {
  auto key = input.Text("key", {.required = required, .min = 0, .max = 20, .trim = false});
  if (key && !IsValidProjectKey(*key)) {
    input.Fail("key", std::string(kKeyRule));
    return std::nullopt;
  }
  return key;
}

std::optional<std::string> ReadColor(JsonInput& input, bool required) {
  auto color = input.Text("color", {.required = required, .min = 0, .max = 20});
  if (color && !IsValidColor(*color)) {
    input.Fail("color", "must be a colour like #1f6feb");
    return std::nullopt;
  }
  return color;
}

Response ProjectAnswer(const Project& project, int status = 200) {
  return routes::Tagged(ToJson(project), project.version, status);
}

void AddProjectRoutes(http::Router& router, const std::shared_ptr<Service>& service) {
  router.Add(
      Method::kGet, Path("/workspaces/{ws}/projects"),
      [service](Request& request) -> Result<Response> {
        WS_ASSIGN(PageRequest page, routes::ReadPage(request));
        std::optional<bool> archived;
        if (auto value = request.Query("archived")) {
          if (*value != "true" && *value != "false") {
            return AppError::BadRequest("archived must be true or false");
          }
          archived = *value == "true";
        }
        WS_ASSIGN(auto list, service->ListProjects(request.identity.user_id, request.Param("ws"),
                                                   archived, page));
        return Response::Json(routes::PageJson(list, [](const Project& p) { return ToJson(p); }));
      },
      kUser);
  router.Add(
      Method::kPost, Path("/workspaces/{ws}/projects"),
      [service](Request& request) -> Result<Response> {
        WS_ASSIGN(JsonInput input, JsonInput::Parse(request.body));
        ProjectInput in;
        auto key = ReadKey(input, true);
        auto name = input.Text("name", {.required = true, .min = 1, .max = 100});
        auto description = input.Text("description", {.max = 10000});
        auto visibility = input.OneOf("visibility", {"workspace", "private"});
        WS_TRY(input.Finish());
        in.key = *key;
        in.name = *name;
        in.description = description.value_or("");
        in.visibility = visibility.value_or("workspace");
        WS_ASSIGN(auto project,
                  service->CreateProject(request.identity.user_id, request.Param("ws"), in));
        return ProjectAnswer(project, 201);
      },
      kUser);
  router.Add(
      Method::kGet, Path("/projects/{id}"),
      [service](Request& request) -> Result<Response> {
        WS_ASSIGN(auto project, service->GetProject(request.identity.user_id, request.Param("id")));
        return ProjectAnswer(project);
      },
      kUser);
  router.Add(
      Method::kPatch, Path("/projects/{id}"),
      [service](Request& request) -> Result<Response> {
        WS_ASSIGN(auto if_match, routes::IfMatch(request));
        WS_ASSIGN(JsonInput input, routes::Body(request));
        ProjectPatch patch;
        patch.key = ReadKey(input, input.Has("key"));
        patch.name = input.Text("name", {.required = input.Has("name"), .min = 1, .max = 100});
        patch.description = input.Text("description", {.max = 10000});
        patch.visibility =
            input.OneOf("visibility", {"workspace", "private"}, input.Has("visibility"));
        patch.archived = input.Bool("archived", input.Has("archived"));
        WS_TRY(input.Finish());
        WS_ASSIGN(auto project, service->UpdateProject(request.identity.user_id,
                                                       request.Param("id"), patch, if_match));
        return ProjectAnswer(project);
      },
      kUser);
  router.Add(
      Method::kDelete, Path("/projects/{id}"),
      [service](Request& request) -> Result<Response> {
        WS_ASSIGN(auto if_match, routes::IfMatch(request));
        WS_TRY(service->DeleteProject(request.identity.user_id, request.Param("id"), if_match));
        return Response::NoContent();
      },
      kUser);
}

void AddMemberRoutes(http::Router& router, const std::shared_ptr<Service>& service) {
  router.Add(
      Method::kGet, Path("/projects/{id}/members"),
      [service](Request& request) -> Result<Response> {
        WS_ASSIGN(PageRequest page, routes::ReadPage(request));
        WS_ASSIGN(auto list,
                  service->ListMembers(request.identity.user_id, request.Param("id"), page));
        return Response::Json(
            routes::PageJson(list, [](const ProjectMember& m) { return ToJson(m); }));
      },
      kUser);
  router.Add(
      Method::kPut, Path("/projects/{id}/members/{user_id}"),
      [service](Request& request) -> Result<Response> {
        WS_ASSIGN(JsonInput input, routes::Body(request));
        WS_TRY(input.Finish());
        WS_ASSIGN(auto member, service->AddMember(request.identity.user_id, request.Param("id"),
                                                  request.Param("user_id")));
        return Response::Json(ToJson(member));
      },
      kUser);
  router.Add(
      Method::kDelete, Path("/projects/{id}/members/{user_id}"),
      [service](Request& request) -> Result<Response> {
        WS_TRY(service->RemoveMember(request.identity.user_id, request.Param("id"),
                                     request.Param("user_id")));
        return Response::NoContent();
      },
      kUser);
}

void AddStatusRoutes(http::Router& router, const std::shared_ptr<Service>& service) {
  router.Add(
      Method::kGet, Path("/projects/{id}/statuses"),
      [service](Request& request) -> Result<Response> {
        WS_ASSIGN(auto list, service->ListStatuses(request.identity.user_id, request.Param("id")));
        Page<TaskStatus> page{std::move(list), ""};
        return Response::Json(
            routes::PageJson(page, [](const TaskStatus& s) { return ToJson(s); }));
      },
      kUser);
  router.Add(
      Method::kPost, Path("/projects/{id}/statuses"),
      [service](Request& request) -> Result<Response> {
        WS_ASSIGN(JsonInput input, JsonInput::Parse(request.body));
        auto name = input.Text("name", {.required = true, .min = 1, .max = 60});
        auto category = input.OneOf("category", {"todo", "in_progress", "done"});
        WS_TRY(input.Finish());
        WS_ASSIGN(auto status, service->CreateStatus(request.identity.user_id, request.Param("id"),
                                                     *name, category.value_or("todo")));
        return Response::Json(ToJson(status), 201);
      },
      kUser);
  router.Add(
      Method::kPatch, Path("/statuses/{id}"),
      [service](Request& request) -> Result<Response> {
        WS_ASSIGN(JsonInput input, routes::Body(request));
        StatusPatch patch;
        patch.name = input.Text("name", {.required = input.Has("name"), .min = 1, .max = 60});
        patch.category =
            input.OneOf("category", {"todo", "in_progress", "done"}, input.Has("category"));
        patch.after_id = routes::ReadId(input, "after_id");
        patch.before_id = routes::ReadId(input, "before_id");
        WS_TRY(input.Finish());
        WS_ASSIGN(auto status,
                  service->UpdateStatus(request.identity.user_id, request.Param("id"), patch));
        return Response::Json(ToJson(status));
      },
      kUser);
  router.Add(
      Method::kDelete, Path("/statuses/{id}"),
      [service](Request& request) -> Result<Response> {
        WS_TRY(service->DeleteStatus(request.identity.user_id, request.Param("id")));
        return Response::NoContent();
      },
      kUser);
}

void AddLabelRoutes(http::Router& router, const std::shared_ptr<Service>& service) {
  router.Add(
      Method::kGet, Path("/workspaces/{ws}/labels"),
      [service](Request& request) -> Result<Response> {
        WS_ASSIGN(PageRequest page, routes::ReadPage(request));
        WS_ASSIGN(auto list,
                  service->ListLabels(request.identity.user_id, request.Param("ws"), page));
        return Response::Json(routes::PageJson(list, [](const Label& l) { return ToJson(l); }));
      },
      kUser);
  router.Add(
      Method::kPost, Path("/workspaces/{ws}/labels"),
      [service](Request& request) -> Result<Response> {
        WS_ASSIGN(JsonInput input, JsonInput::Parse(request.body));
        auto name = input.Text("name", {.required = true, .min = 1, .max = 50});
        auto color = ReadColor(input, false);
        WS_TRY(input.Finish());
        WS_ASSIGN(auto label, service->CreateLabel(request.identity.user_id, request.Param("ws"),
                                                   *name, color.value_or("#6b7280")));
        return Response::Json(ToJson(label), 201);
      },
      kUser);
  router.Add(
      Method::kPatch, Path("/labels/{id}"),
      [service](Request& request) -> Result<Response> {
        WS_ASSIGN(JsonInput input, routes::Body(request));
        LabelPatch patch;
        patch.name = input.Text("name", {.required = input.Has("name"), .min = 1, .max = 50});
        patch.color = ReadColor(input, input.Has("color"));
        WS_TRY(input.Finish());
        WS_ASSIGN(auto label,
                  service->UpdateLabel(request.identity.user_id, request.Param("id"), patch));
        return Response::Json(ToJson(label));
      },
      kUser);
  router.Add(
      Method::kDelete, Path("/labels/{id}"),
      [service](Request& request) -> Result<Response> {
        WS_TRY(service->DeleteLabel(request.identity.user_id, request.Param("id")));
        return Response::NoContent();
      },
      kUser);
}

}  // namespace

void AddRoutes(http::Router& router, const std::shared_ptr<Service>& service) {
  AddProjectRoutes(router, service);
  AddMemberRoutes(router, service);
  AddStatusRoutes(router, service);
  AddLabelRoutes(router, service);
  routes::AddTaskRoutes(router, service);
}

}  // namespace ws::projects
