#pragma once

// Helpers shared by the service_*.cpp files; not part of the module's API.

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bus/bus.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "modules/projects/model.hpp"
#include "modules/projects/service.hpp"
#include "modules/projects/store.hpp"

namespace ws::projects::internal {

using workspaces::Action;
using workspaces::Role;

/// A project the caller sees, with their role in its workspace.
struct Scope {
  Project project;
  Role role = Role::kMember;
  bool project_member = false;
};

/// The workspace `ws` (id or slug) and the caller's role; 404 when either
/// is missing, 403 when the role may not perform `action`.
struct WorkspaceScope {
  std::string workspace_id;
  Role role = Role::kMember;
};
Result<WorkspaceScope> AuthorizeWorkspace(db::Conn& conn, const std::string& ws,
                                          const std::string& caller, Action action);

/// True when a member with `role` (and project membership) sees `project`.
bool Sees(const Project& project, Role role, bool project_member);
/// Which projects a member with `role` sees.
store::Visibility VisibilityOf(const std::string& user_id, Role role);

/// The isolation guard for project-scoped requests: 404 unless the caller is
/// a member of the project's workspace and sees the project; 403 when the
/// role may not perform `action`.
Result<Scope> AuthorizeProject(db::Conn& conn, const std::string& project_id,
                               const std::string& caller, Action action);
/// 409 when the project is archived (its content is read-only).
Status RequireActive(const Scope& scope);
/// True when `user_id` is a workspace member who sees the project.
Result<bool> UserSees(db::Conn& conn, const Project& project, const std::string& user_id);

/// 412 when `if_match` is set and differs from `version`.
Status CheckVersion(std::optional<int64_t> if_match, int64_t version);
/// The 412 of a conditional write that lost its race.
AppError StaleVersion();

/// Appends one event in the caller's write unit; published after commit.
/// Every event of the module carries `project_id` and `project_visibility`
/// in its data (when it concerns a project) so a realtime filter can drop
/// private-project events for those who may not see them.
Status Emit(db::Conn& conn, bus::Bus& bus, const std::string& workspace_id, std::string_view type,
            const std::string& actor, std::string_view entity_type, const std::string& entity_id,
            boost::json::object data, const Project* project);
/// Emit for data already serialized (a JSON object, with the project keys
/// when it concerns a project).
Status EmitJson(db::Conn& conn, bus::Bus& bus, const std::string& workspace_id,
                std::string_view type, const std::string& actor, std::string_view entity_type,
                const std::string& entity_id, std::string data);
/// The `task.created` event of a task of `project`.
Status EmitTaskCreated(db::Conn& conn, bus::Bus& bus, const std::string& caller, const Task& task,
                       const Project& project);

/// A page from `limit + 1` fetched rows; the cursor encodes the last kept
/// item's key.
template <class T, class KeyFn>
Page<T> MakePage(std::vector<T> rows, int limit, KeyFn key) {
  return PageFrom(std::move(rows), limit, [&](const T& item) { return EncodeCursor(key(item)); });
}

/// The single cursor part of id-ordered lists ("" on the first page); 400
/// when malformed.
Result<std::string> AfterId(const PageRequest& page);

/// Places `task` at the end of `status_id`'s column (rebalancing when keys
/// grew long); sets task.status_id and task.position.
Status PlaceAtEnd(db::Conn& conn, Task& task, const std::string& status_id);
/// A key strictly between `lo` and `hi` in the column, rebalancing it
/// first when the key would be longer than order_key::kRebalanceLength.
/// `lo`/`hi` are recomputed by `bounds` after a rebalance.
Result<std::string> KeyBetween(
    db::Conn& conn, const std::string& project_id, const std::string& status_id,
    const std::string& moving_id,
    const std::function<Result<std::pair<std::string, std::string>>()>& bounds);

}  // namespace ws::projects::internal
