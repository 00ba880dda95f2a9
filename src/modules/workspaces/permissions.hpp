#pragma once

// The one role × action table of the workspaces module. Every service method
// asks `Can(role, action)` before it reads or changes anything; the
// authorization matrix test (tests/api/workspaces_matrix_test.cpp) checks each
// cell through the HTTP API.

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace ws::workspaces {

/// A member's role, weakest first: owner ⊃ admin ⊃ manager ⊃ member ⊃ guest.
enum class Role { kGuest, kMember, kManager, kAdmin, kOwner };

/// Something a member may try to do inside a workspace.
enum class Action {
  kViewWorkspace,      // GET /workspaces/{ws}
  kUpdateWorkspace,    // PATCH /workspaces/{ws} (name, slug)
  kDeleteWorkspace,    // DELETE /workspaces/{ws}
  kViewMembers,        // GET /members (guests: only people they share a project with)
  kViewAllMembers,     // the unfiltered member list
  kChangeRole,         // PATCH /members/{user_id}, for non-owner roles
  kManageOwners,       // grant or remove the owner role, remove an owner
  kRemoveMember,       // DELETE /members/{user_id} of someone else
  kLeave,              // DELETE /members/{own id}
  kManageInvitations,  // create, list, revoke, resend invitations
  kViewTeams,          // GET /teams
  kManageTeams,        // create, rename, delete teams; add and remove their members
  kViewActivity,       // GET /activity and GET /events
  // Projects and tasks (src/modules/projects, docs/projects.md). Seeing a
  // project also depends on its visibility and explicit members.
  kCreateProject,         // POST /workspaces/{ws}/projects
  kManageProjects,        // PATCH a project, its members and statuses
  kDeleteProject,         // DELETE /projects/{id}
  kSeeWorkspaceProjects,  // see `workspace` projects without being added to them
  kSeeAllProjects,        // see `private` projects without being added to them
  kWriteTasks,            // create, edit and move tasks, comment (in projects one sees)
  kDeleteTasks,           // DELETE /tasks/{id}
  kManageLabels,          // create and rename labels
  kDeleteLabels,          // DELETE /labels/{id}
  kCount,
};

/// One row: whether guest, member, manager, admin, owner may do the action.
struct PermissionRow {
  Action action;
  std::array<bool, 5> allowed;  // indexed by Role
};

// clang-format off
/// The table. Guests see the workspace and themselves only, until projects
/// exist (API.md: guests work only in projects they are added to).
inline constexpr std::array<PermissionRow, static_cast<size_t>(Action::kCount)> kPermissions{{
  //                                    guest  member manager admin  owner
  {Action::kViewWorkspace,              {true,  true,  true,   true,  true}},
  {Action::kUpdateWorkspace,            {false, false, false,  true,  true}},
  {Action::kDeleteWorkspace,            {false, false, false,  false, true}},
  {Action::kViewMembers,                {true,  true,  true,   true,  true}},
  {Action::kViewAllMembers,             {false, true,  true,   true,  true}},
  {Action::kChangeRole,                 {false, false, false,  true,  true}},
  {Action::kManageOwners,               {false, false, false,  false, true}},
  {Action::kRemoveMember,               {false, false, false,  true,  true}},
  {Action::kLeave,                      {true,  true,  true,   true,  true}},
  {Action::kManageInvitations,          {false, false, false,  true,  true}},
  {Action::kViewTeams,                  {false, true,  true,   true,  true}},
  {Action::kManageTeams,                {false, false, false,  true,  true}},
  {Action::kViewActivity,               {false, true,  true,   true,  true}},
  {Action::kCreateProject,              {false, true,  true,   true,  true}},
  {Action::kManageProjects,             {false, false, true,   true,  true}},
  {Action::kDeleteProject,              {false, false, false,  true,  true}},
  {Action::kSeeWorkspaceProjects,       {false, true,  true,   true,  true}},
  {Action::kSeeAllProjects,             {false, false, false,  true,  true}},
  {Action::kWriteTasks,                 {true,  true,  true,   true,  true}},
  {Action::kDeleteTasks,                {false, true,  true,   true,  true}},
  {Action::kManageLabels,               {false, true,  true,   true,  true}},
  {Action::kDeleteLabels,               {false, false, true,   true,  true}},
}};
// clang-format on

namespace internal {
constexpr bool RowsInOrder() {
  for (size_t i = 0; i < kPermissions.size(); ++i) {
    if (static_cast<size_t>(kPermissions[i].action) != i) return false;
  }
  return true;
}
}  // namespace internal
static_assert(internal::RowsInOrder(), "kPermissions must list every Action once, in order");

/// True when `role` may perform `action`.
constexpr bool Can(Role role, Action action) {
  return kPermissions[static_cast<size_t>(action)].allowed[static_cast<size_t>(role)];
}

/// The API name of a role (`owner`, …).
constexpr std::string_view RoleName(Role role) {
  constexpr std::array<std::string_view, 5> kNames{"guest", "member", "manager", "admin", "owner"};
  return kNames[static_cast<size_t>(role)];
}

/// Parses an API role name; nullopt for anything else.
constexpr std::optional<Role> ParseRole(std::string_view name) {
  for (Role r : {Role::kGuest, Role::kMember, Role::kManager, Role::kAdmin, Role::kOwner}) {
    if (RoleName(r) == name) return r;
  }
  return std::nullopt;
}

}  // namespace ws::workspaces
