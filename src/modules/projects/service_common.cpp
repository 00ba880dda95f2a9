// The access rules, events and ordering helpers shared by the services.
#include <charconv>

#include "core/log.hpp"
#include "core/order_key.hpp"
#include "modules/projects/service_internal.hpp"
#include "modules/workspaces/model.hpp"
#include "modules/workspaces/store.hpp"

namespace ws::projects {

Service::Service(db::Database& db, bus::Bus& bus) : db_(db), bus_(bus), list_cache_(bus) {}

namespace internal {

namespace {

/// Above every order key ([0-9A-Za-z]): the start of a backward scan.
constexpr std::string_view kAfterAllKeys = "~";

/// Rewrites the positions of a column to evenly spread short keys, keeping
/// its order; `moving_id` (about to be placed) is left out.
Status Rebalance(db::Conn& conn, const std::string& project_id, const std::string& status_id,
                 const std::string& moving_id) {
  WS_ASSIGN(std::vector<std::string> ids, store::ColumnIds(conn, project_id, status_id));
  std::erase(ids, moving_id);
  // Out of the way first: the unique index holds after every statement.
  WS_TRY(store::SetPosition(conn, moving_id, std::string(kAfterAllKeys) + moving_id));
  for (const auto& id : ids) {
    WS_TRY(store::SetPosition(conn, id, std::string(kAfterAllKeys) + id));
  }
  const std::vector<std::string> keys = order_key::Spread(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) WS_TRY(store::SetPosition(conn, ids[i], keys[i]));
  return {};
}

}  // namespace

Result<WorkspaceScope> AuthorizeWorkspace(db::Conn& conn, const std::string& ws,
                                          const std::string& caller, Action action) {
  if (caller.empty()) return AppError::Unauthorized();
  WS_ASSIGN(std::optional<workspaces::Workspace> workspace,
            workspaces::store::FindWorkspace(conn, ws));
  if (!workspace) return AppError::NotFound("workspace not found");
  WS_ASSIGN(std::optional<Role> role, workspaces::store::RoleOf(conn, workspace->id, caller));
  if (!role) return AppError::NotFound("workspace not found");
  if (!workspaces::Can(*role, action)) return AppError::Forbidden("your role does not allow this");
  return WorkspaceScope{workspace->id, *role};
}

bool Sees(const Project& project, Role role, bool project_member) {
  if (project_member || workspaces::Can(role, Action::kSeeAllProjects)) return true;
  return project.visibility == "workspace" && workspaces::Can(role, Action::kSeeWorkspaceProjects);
}

store::Visibility VisibilityOf(const std::string& user_id, Role role) {
  return store::Visibility{user_id, workspaces::Can(role, Action::kSeeAllProjects),
                           workspaces::Can(role, Action::kSeeWorkspaceProjects)};
}

Result<Scope> AuthorizeProject(db::Conn& conn, const std::string& project_id,
                               const std::string& caller, Action action) {
  if (caller.empty()) return AppError::Unauthorized();
  WS_ASSIGN(std::optional<store::ProjectAccess> access,
            store::FindProjectAccess(conn, project_id, caller));
  if (!access || !access->role || !Sees(access->project, *access->role, access->project_member)) {
    return AppError::NotFound("project not found");
  }
  if (!workspaces::Can(*access->role, action)) {
    return AppError::Forbidden("your role does not allow this");
  }
  return Scope{std::move(access->project), *access->role, access->project_member};
}

Status RequireActive(const Scope& scope) {
  if (scope.project.archived) return AppError::Conflict("the project is archived");
  return {};
}

Result<bool> UserSees(db::Conn& conn, const Project& project, const std::string& user_id) {
  WS_ASSIGN(std::optional<store::ProjectAccess> access,
            store::FindProjectAccess(conn, project.id, user_id));
  return access && access->role && Sees(access->project, *access->role, access->project_member);
}

Status CheckVersion(std::optional<int64_t> if_match, int64_t version) {
  if (if_match && *if_match != version) {
    return AppError{ErrorCode::kPreconditionFailed,
                    "the resource has changed (now version " + std::to_string(version) + ")",
                    {},
                    {},
                    0};
  }
  return {};
}

AppError StaleVersion() {
  return AppError{ErrorCode::kPreconditionFailed, "the resource has changed", {}, {}, 0};
}

Status Emit(db::Conn& conn, bus::Bus& bus, const std::string& workspace_id, std::string_view type,
            const std::string& actor, std::string_view entity_type, const std::string& entity_id,
            boost::json::object data, const Project* project) {
  if (project != nullptr) {
    data["project_id"] = project->id;
    data["project_visibility"] = project->visibility;
  }
  return EmitJson(conn, bus, workspace_id, type, actor, entity_type, entity_id,
                  workspaces::ToText(data));
}

Status EmitJson(db::Conn& conn, bus::Bus& bus, const std::string& workspace_id,
                std::string_view type, const std::string& actor, std::string_view entity_type,
                const std::string& entity_id, std::string data) {
  bus::Event event;
  event.workspace_id = workspace_id;
  event.type = type;
  event.actor_id = actor;
  event.entity_type = entity_type;
  event.entity_id = entity_id;
  event.data = std::move(data);
  WS_TRY(bus::Append(conn, bus, std::move(event)));
  return {};
}

Status EmitTaskCreated(db::Conn& conn, bus::Bus& bus, const std::string& caller, const Task& task,
                       const Project& project) {
  // As Emit(ToJson(task), &project), serialized once without the object:
  // the task's project_id is the project's, so only the visibility is added.
  std::string data = TaskJsonText(task);
  data.pop_back();
  data += ",\"project_visibility\":\"";
  log::AppendJsonEscaped(data, project.visibility);
  data += "\"}";
  return EmitJson(conn, bus, task.workspace_id, "task.created", caller, "task", task.id,
                  std::move(data));
}

Result<std::string> AfterId(const PageRequest& page) {
  if (page.cursor.empty()) return std::string();
  std::vector<std::string> parts;
  if (!DecodeCursor(page.cursor, 1, parts)) return AppError::BadRequest("cursor is not valid");
  return parts[0];
}

Result<std::string> KeyBetween(
    db::Conn& conn, const std::string& project_id, const std::string& status_id,
    const std::string& moving_id,
    const std::function<Result<std::pair<std::string, std::string>>()>& bounds) {
  WS_ASSIGN(auto range, bounds());
  std::string key = order_key::Between(range.first, range.second);
  if (key.size() <= order_key::kRebalanceLength) return key;
  WS_TRY(Rebalance(conn, project_id, status_id, moving_id));
  WS_ASSIGN(range, bounds());
  return order_key::Between(range.first, range.second);
}

Status PlaceAtEnd(db::Conn& conn, Task& task, const std::string& status_id) {
  WS_ASSIGN(task.position, KeyBetween(conn, task.project_id, status_id, task.id,
                                      [&]() -> Result<std::pair<std::string, std::string>> {
                                        WS_ASSIGN(std::string last,
                                                  store::NeighbourPosition(
                                                      conn, task.project_id, status_id,
                                                      std::string(kAfterAllKeys), false, task.id));
                                        return std::pair<std::string, std::string>(last, "");
                                      }));
  task.status_id = status_id;
  return {};
}

}  // namespace internal

}  // namespace ws::projects
