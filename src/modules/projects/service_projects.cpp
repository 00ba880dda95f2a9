// Projects and their members.
#include <boost/json/array.hpp>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/order_key.hpp"
#include "modules/projects/service_internal.hpp"

namespace ws::projects {

using internal::Action;
using internal::AuthorizeProject;
using internal::Emit;
using internal::Role;
using internal::Scope;

namespace {

AppError KeyConflict() {
  AppError error = AppError::Conflict("key is already used by another project");
  error.fields.emplace("key", "is already used by another project");
  return error;
}

struct DefaultStatus {
  const char* name;
  const char* category;
};
constexpr DefaultStatus kDefaultStatuses[] = {
    {"To do", "todo"}, {"In progress", "in_progress"}, {"Done", "done"}};

}  // namespace

Result<Project> Service::CreateProject(const std::string& caller, const std::string& ws,
                                       const ProjectInput& input) {
  Result<Project> created = db_.WriteValue<Project>([&](db::Conn& conn) -> Result<Project> {
    WS_ASSIGN(internal::WorkspaceScope scope,
              internal::AuthorizeWorkspace(conn, ws, caller, Action::kCreateProject));
    WS_ASSIGN(bool taken, store::ProjectKeyTaken(conn, scope.workspace_id, input.key));
    if (taken) return KeyConflict();
    Project project;
    project.id = NewId();
    project.workspace_id = scope.workspace_id;
    project.key = input.key;
    project.name = input.name;
    project.description = input.description;
    project.visibility = input.visibility;
    project.created_at = NowMillis();
    project.created_by = caller;
    WS_TRY(store::InsertProject(conn, project));
    const std::vector<std::string> positions = order_key::Spread(std::size(kDefaultStatuses));
    for (size_t i = 0; i < positions.size(); ++i) {
      TaskStatus status{NewId(), project.id, kDefaultStatuses[i].name, kDefaultStatuses[i].category,
                        positions[i]};
      WS_TRY(store::InsertStatus(conn, project.workspace_id, status));
    }
    // The creator of a private project is its first member (and so sees it).
    if (project.visibility == "private") {
      WS_TRY(store::AddProjectMember(conn, project.workspace_id, project.id, caller,
                                     project.created_at));
    }
    WS_TRY(Emit(conn, bus_, project.workspace_id, "project.created", caller, "project", project.id,
                ToJson(project), &project));
    return project;
  });
  // Two creates with one key at once on PostgreSQL: the unique index decides.
  if (!created && created.error().code == ErrorCode::kConflict) return KeyConflict();
  return created;
}

Result<Page<Project>> Service::ListProjects(const std::string& caller, const std::string& ws,
                                            std::optional<bool> archived, const PageRequest& page) {
  return db_.ReadValue<Page<Project>>([&](db::Conn& conn) -> Result<Page<Project>> {
    WS_ASSIGN(internal::WorkspaceScope scope,
              internal::AuthorizeWorkspace(conn, ws, caller, Action::kViewWorkspace));
    WS_ASSIGN(std::string after, internal::AfterId(page));
    WS_ASSIGN(
        std::vector<Project> rows,
        store::ListProjects(conn, scope.workspace_id, internal::VisibilityOf(caller, scope.role),
                            archived, after, page.limit + 1));
    return internal::MakePage(std::move(rows), page.limit,
                              [](const Project& p) { return std::vector<std::string>{p.id}; });
  });
}

Result<Project> Service::GetProject(const std::string& caller, const std::string& id) {
  return db_.ReadValue<Project>([&](db::Conn& conn) -> Result<Project> {
    WS_ASSIGN(Scope scope, AuthorizeProject(conn, id, caller, Action::kViewWorkspace));
    return std::move(scope.project);
  });
}

Result<Project> Service::UpdateProject(const std::string& caller, const std::string& id,
                                       const ProjectPatch& patch, std::optional<int64_t> if_match) {
  Result<Project> updated = db_.WriteValue<Project>([&](db::Conn& conn) -> Result<Project> {
    WS_TRY(store::LockProject(conn, id));
    WS_ASSIGN(Scope scope, AuthorizeProject(conn, id, caller, Action::kManageProjects));
    WS_TRY(internal::CheckVersion(if_match, scope.project.version));
    Project after = scope.project;
    boost::json::array changed;
    auto apply = [&](auto& field, const auto& value, const char* name) {
      if (value && *value != field) {
        field = *value;
        changed.emplace_back(name);
      }
    };
    apply(after.key, patch.key, "key");
    apply(after.name, patch.name, "name");
    apply(after.description, patch.description, "description");
    apply(after.visibility, patch.visibility, "visibility");
    apply(after.archived, patch.archived, "archived");
    if (changed.empty()) return after;
    if (after.key != scope.project.key) {
      WS_ASSIGN(bool taken, store::ProjectKeyTaken(conn, after.workspace_id, after.key, after.id));
      if (taken) return KeyConflict();
    }
    WS_ASSIGN(bool written, store::UpdateProject(conn, after, if_match));
    if (!written) return internal::StaleVersion();
    ++after.version;
    boost::json::object data = ToJson(after);
    data["changed"] = changed;
    WS_TRY(Emit(conn, bus_, after.workspace_id, "project.updated", caller, "project", after.id,
                data, &after));
    if (after.archived != scope.project.archived) {
      WS_TRY(Emit(conn, bus_, after.workspace_id,
                  after.archived ? "project.archived" : "project.unarchived", caller, "project",
                  after.id, ToJson(after), &after));
    }
    return after;
  });
  if (!updated && updated.error().code == ErrorCode::kConflict &&
      updated.error().message.starts_with("conflicts")) {
    return KeyConflict();
  }
  return updated;
}

Status Service::DeleteProject(const std::string& caller, const std::string& id,
                              std::optional<int64_t> if_match) {
  return db_.Write([&](db::Conn& conn) -> Status {
    WS_TRY(store::LockProject(conn, id));
    WS_ASSIGN(Scope scope, AuthorizeProject(conn, id, caller, Action::kDeleteProject));
    WS_TRY(internal::CheckVersion(if_match, scope.project.version));
    WS_TRY(store::DeleteProject(conn, id));
    return Emit(conn, bus_, scope.project.workspace_id, "project.deleted", caller, "project", id,
                {{"id", id}}, &scope.project);
  });
}

Result<Page<ProjectMember>> Service::ListMembers(const std::string& caller, const std::string& id,
                                                 const PageRequest& page) {
  return db_.ReadValue<Page<ProjectMember>>([&](db::Conn& conn) -> Result<Page<ProjectMember>> {
    WS_ASSIGN(Scope scope, AuthorizeProject(conn, id, caller, Action::kViewWorkspace));
    WS_ASSIGN(std::string after, internal::AfterId(page));
    WS_ASSIGN(std::vector<ProjectMember> rows,
              store::ListProjectMembers(conn, scope.project.id, after, page.limit + 1));
    return internal::MakePage(std::move(rows), page.limit, [](const ProjectMember& m) {
      return std::vector<std::string>{m.user_id};
    });
  });
}

Result<ProjectMember> Service::AddMember(const std::string& caller, const std::string& id,
                                         const std::string& user_id) {
  return db_.WriteValue<ProjectMember>([&](db::Conn& conn) -> Result<ProjectMember> {
    WS_ASSIGN(Scope scope, AuthorizeProject(conn, id, caller, Action::kManageProjects));
    WS_TRY(internal::RequireActive(scope));
    WS_ASSIGN(std::optional<Role> role,
              store::WorkspaceRole(conn, scope.project.workspace_id, user_id));
    if (!role) return AppError::NotFound("user is not a member of the workspace");
    WS_ASSIGN(bool added, store::AddProjectMember(conn, scope.project.workspace_id,
                                                  scope.project.id, user_id, NowMillis()));
    WS_ASSIGN(std::optional<ProjectMember> member,
              store::GetProjectMember(conn, scope.project.id, user_id));
    if (!member) return AppError::Internal("project member missing after insert");
    if (added) {
      WS_TRY(Emit(conn, bus_, scope.project.workspace_id, "project.member_added", caller,
                  "project_member", user_id, ToJson(*member), &scope.project));
    }
    return std::move(*member);
  });
}

Status Service::RemoveMember(const std::string& caller, const std::string& id,
                             const std::string& user_id) {
  return db_.Write([&](db::Conn& conn) -> Status {
    // Anyone who sees the project may leave it; removing others takes the
    // right to manage projects.
    const Action action = user_id == caller ? Action::kViewWorkspace : Action::kManageProjects;
    WS_ASSIGN(Scope scope, AuthorizeProject(conn, id, caller, action));
    WS_ASSIGN(bool removed, store::RemoveProjectMember(conn, scope.project.id, user_id));
    if (!removed) return AppError::NotFound("user is not a member of the project");
    return Emit(conn, bus_, scope.project.workspace_id, "project.member_removed", caller,
                "project_member", user_id, {{"user_id", user_id}}, &scope.project);
  });
}

}  // namespace ws::projects
