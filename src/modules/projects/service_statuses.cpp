// Statuses (the columns of a project) and workspace labels.
#include <algorithm>
#include <boost/json/array.hpp>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/order_key.hpp"
#include "modules/projects/service_internal.hpp"

namespace ws::projects {

using internal::Action;
using internal::AuthorizeProject;
using internal::Emit;
using internal::Scope;

namespace {

AppError NameConflict() {
  AppError error = AppError::Conflict("name is already used by another label");
  error.fields.emplace("name", "is already used by another label");
  return error;
}

/// The new position of `self` among `others` (every other status of the
/// project, by position) per the patch's after_id/before_id; 422 when they
/// are not statuses of the project or are out of order.
Result<std::string> StatusPosition(const std::vector<TaskStatus>& others,
                                   const StatusPatch& patch) {
  auto find = [&](const std::optional<std::string>& id) -> std::optional<size_t> {
    if (!id) return std::nullopt;
    for (size_t i = 0; i < others.size(); ++i) {
      if (others[i].id == *id) return i;
    }
    return std::nullopt;
  };
  const auto after = find(patch.after_id);
  const auto before = find(patch.before_id);
  if (patch.after_id && !after) {
    return AppError::Invalid("after_id", "must be another status of the project");
  }
  if (patch.before_id && !before) {
    return AppError::Invalid("before_id", "must be another status of the project");
  }
  if (after && before && *after >= *before) {
    return AppError::Invalid("after_id", "must come before before_id");
  }
  std::string lo, hi;
  if (after) {
    lo = others[*after].position;
    if (*after + 1 < others.size()) hi = others[*after + 1].position;
  } else if (before) {
    hi = others[*before].position;
    if (*before > 0) lo = others[*before - 1].position;
  }
  return order_key::Between(lo, hi);
}

}  // namespace

Result<std::vector<TaskStatus>> Service::ListStatuses(const std::string& caller,
                                                      const std::string& project_id) {
  return db_.ReadValue<std::vector<TaskStatus>>(
      [&](db::Conn& conn) -> Result<std::vector<TaskStatus>> {
        WS_ASSIGN(Scope scope, AuthorizeProject(conn, project_id, caller, Action::kViewWorkspace));
        return store::ListStatuses(conn, scope.project.id);
      });
}

Result<TaskStatus> Service::CreateStatus(const std::string& caller, const std::string& project_id,
                                         const std::string& name, const std::string& category) {
  return db_.WriteValue<TaskStatus>([&](db::Conn& conn) -> Result<TaskStatus> {
    WS_TRY(store::LockProject(conn, project_id));
    WS_ASSIGN(Scope scope, AuthorizeProject(conn, project_id, caller, Action::kManageProjects));
    WS_TRY(internal::RequireActive(scope));
    WS_ASSIGN(std::vector<TaskStatus> statuses, store::ListStatuses(conn, scope.project.id));
    TaskStatus status{NewId(), scope.project.id, name, category,
                      order_key::Between(statuses.empty() ? "" : statuses.back().position, "")};
    WS_TRY(store::InsertStatus(conn, scope.project.workspace_id, status));
    WS_TRY(Emit(conn, bus_, scope.project.workspace_id, "status.created", caller, "status",
                status.id, ToJson(status), &scope.project));
    return status;
  });
}

Result<TaskStatus> Service::UpdateStatus(const std::string& caller, const std::string& status_id,
                                         const StatusPatch& patch) {
  return db_.WriteValue<TaskStatus>([&](db::Conn& conn) -> Result<TaskStatus> {
    WS_ASSIGN(std::optional<TaskStatus> found, store::GetStatus(conn, status_id));
    if (!found) return AppError::NotFound("status not found");
    WS_TRY(store::LockProject(conn, found->project_id));
    WS_ASSIGN(Scope scope,
              AuthorizeProject(conn, found->project_id, caller, Action::kManageProjects));
    WS_TRY(internal::RequireActive(scope));
    TaskStatus after = *found;
    boost::json::array changed;
    if (patch.name && *patch.name != after.name) {
      after.name = *patch.name;
      changed.emplace_back("name");
    }
    if (patch.category && *patch.category != after.category) {
      after.category = *patch.category;
      changed.emplace_back("category");
    }
    if (patch.after_id || patch.before_id) {
      WS_ASSIGN(std::vector<TaskStatus> others, store::ListStatuses(conn, scope.project.id));
      std::erase_if(others, [&](const TaskStatus& s) { return s.id == after.id; });
      WS_ASSIGN(after.position, StatusPosition(others, patch));
      changed.emplace_back("position");
    }
    if (changed.empty()) return after;
    WS_TRY(store::UpdateStatus(conn, after));
    if ((after.category == "done") != (found->category == "done")) {
      WS_TRY(store::SetCompletionOfStatus(conn, after.id, after.category == "done", NowMillis()));
    }
    boost::json::object data = ToJson(after);
    data["changed"] = changed;
    WS_TRY(Emit(conn, bus_, scope.project.workspace_id, "status.updated", caller, "status",
                after.id, data, &scope.project));
    return after;
  });
}

Status Service::DeleteStatus(const std::string& caller, const std::string& status_id) {
  return db_.Write([&](db::Conn& conn) -> Status {
    WS_ASSIGN(std::optional<TaskStatus> found, store::GetStatus(conn, status_id));
    if (!found) return AppError::NotFound("status not found");
    WS_TRY(store::LockProject(conn, found->project_id));
    WS_ASSIGN(Scope scope,
              AuthorizeProject(conn, found->project_id, caller, Action::kManageProjects));
    WS_TRY(internal::RequireActive(scope));
    WS_ASSIGN(int64_t tasks, store::CountTasksInStatus(conn, status_id));
    if (tasks > 0) return AppError::Conflict("the status still has tasks: move them first");
    WS_ASSIGN(std::vector<TaskStatus> statuses, store::ListStatuses(conn, scope.project.id));
    if (statuses.size() <= 1) return AppError::Conflict("a project keeps at least one status");
    WS_TRY(store::DeleteStatus(conn, status_id));
    return Emit(conn, bus_, scope.project.workspace_id, "status.deleted", caller, "status",
                status_id, {{"id", status_id}}, &scope.project);
  });
}

Result<Page<Label>> Service::ListLabels(const std::string& caller, const std::string& ws,
                                        const PageRequest& page) {
  return db_.ReadValue<Page<Label>>([&](db::Conn& conn) -> Result<Page<Label>> {
    WS_ASSIGN(internal::WorkspaceScope scope,
              internal::AuthorizeWorkspace(conn, ws, caller, Action::kViewWorkspace));
    WS_ASSIGN(std::string after, internal::AfterId(page));
    WS_ASSIGN(std::vector<Label> rows,
              store::ListLabels(conn, scope.workspace_id, after, page.limit + 1));
    return internal::MakePage(std::move(rows), page.limit,
                              [](const Label& l) { return std::vector<std::string>{l.id}; });
  });
}

Result<Label> Service::CreateLabel(const std::string& caller, const std::string& ws,
                                   const std::string& name, const std::string& color) {
  Result<Label> created = db_.WriteValue<Label>([&](db::Conn& conn) -> Result<Label> {
    WS_ASSIGN(internal::WorkspaceScope scope,
              internal::AuthorizeWorkspace(conn, ws, caller, Action::kManageLabels));
    WS_ASSIGN(bool taken, store::LabelNameTaken(conn, scope.workspace_id, name));
    if (taken) return NameConflict();
    Label label{NewId(), scope.workspace_id, name, color, NowMillis()};
    WS_TRY(store::InsertLabel(conn, label));
    WS_TRY(Emit(conn, bus_, label.workspace_id, "label.created", caller, "label", label.id,
                ToJson(label), nullptr));
    return label;
  });
  if (!created && created.error().code == ErrorCode::kConflict) return NameConflict();
  return created;
}

Result<Label> Service::UpdateLabel(const std::string& caller, const std::string& label_id,
                                   const LabelPatch& patch) {
  Result<Label> updated = db_.WriteValue<Label>([&](db::Conn& conn) -> Result<Label> {
    WS_ASSIGN(std::optional<Label> found, store::GetLabel(conn, label_id));
    if (!found) return AppError::NotFound("label not found");
    WS_TRY(internal::AuthorizeWorkspace(conn, found->workspace_id, caller, Action::kManageLabels));
    Label after = *found;
    if (patch.name) after.name = *patch.name;
    if (patch.color) after.color = *patch.color;
    if (after.name == found->name && after.color == found->color) return after;
    if (after.name != found->name) {
      WS_ASSIGN(bool taken, store::LabelNameTaken(conn, after.workspace_id, after.name, after.id));
      if (taken) return NameConflict();
    }
    WS_TRY(store::UpdateLabel(conn, after));
    WS_TRY(Emit(conn, bus_, after.workspace_id, "label.updated", caller, "label", after.id,
                ToJson(after), nullptr));
    return after;
  });
  if (!updated && updated.error().code == ErrorCode::kConflict) return NameConflict();
  return updated;
}

Status Service::DeleteLabel(const std::string& caller, const std::string& label_id) {
  return db_.Write([&](db::Conn& conn) -> Status {
    WS_ASSIGN(std::optional<Label> found, store::GetLabel(conn, label_id));
    if (!found) return AppError::NotFound("label not found");
    WS_TRY(internal::AuthorizeWorkspace(conn, found->workspace_id, caller, Action::kDeleteLabels));
    WS_TRY(store::DeleteLabel(conn, label_id));
    return Emit(conn, bus_, found->workspace_id, "label.deleted", caller, "label", label_id,
                {{"id", label_id}}, nullptr);
  });
}

}  // namespace ws::projects
