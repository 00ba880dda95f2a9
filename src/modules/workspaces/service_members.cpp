// Members: list, change role, remove or leave.
#include <boost/json/serialize.hpp>

#include "http/pagination.hpp"
#include "modules/workspaces/service.hpp"
#include "modules/workspaces/service_internal.hpp"
#include "modules/workspaces/store.hpp"

namespace ws::workspaces {

using internal::Authorize;
using internal::Emit;
using internal::Scope;

namespace {

AppError LastOwner(std::string_view what) {
  return AppError::Conflict("the last owner cannot " + std::string(what) +
                            "; make someone else owner first");
}

/// Removes `user_id` from each of its teams, one team.member_removed each.
Status LeaveTeams(db::Conn& conn, bus::Bus& bus, const std::string& workspace_id,
                  const std::string& actor, const std::string& user_id) {
  WS_ASSIGN(std::vector<std::string> teams, store::TeamsOf(conn, workspace_id, user_id));
  for (const auto& team_id : teams) {
    WS_TRY(store::RemoveTeamMember(conn, workspace_id, team_id, user_id));
    WS_ASSIGN(std::optional<Team> team, store::GetTeam(conn, workspace_id, team_id));
    if (!team) continue;
    WS_TRY(Emit(conn, bus, workspace_id, "team.member_removed", actor, "team", team_id,
                ToJson(*team)));
  }
  return {};
}

}  // namespace

Result<std::string> Service::ListMembersJson(const std::string& caller, const std::string& ws,
                                             const PageRequest& page,
                                             const std::string& cache_key) {
  if (auto body = members_cache_.Find(cache_key, caller)) return *body;
  const bus::ReadCache::Ticket ticket = members_cache_.Begin(ws);
  std::string workspace_id;
  bool everyone = false;
  WS_ASSIGN(Page<Member> list,
            db_.ReadValue<Page<Member>>([&](db::Conn& conn) -> Result<Page<Member>> {
              WS_ASSIGN(Scope scope, Authorize(conn, ws, caller, Action::kViewMembers));
              workspace_id = scope.id();
              // Guests see only people who share a project with them; until
              // projects exist that is nobody but themselves
              // (docs/workspaces.md).
              everyone = Can(scope.role, Action::kViewAllMembers);
              std::optional<std::string> only;
              if (!everyone) only = caller;
              WS_ASSIGN(std::vector<Member> rows,
                        store::ListMembers(conn, scope.id(), internal::PlusOne(page), only));
              return internal::MakePage(std::move(rows), page.limit,
                                        [](const Member& m) { return m.user.id; });
            }));
  auto body = std::make_shared<const std::string>(
      boost::json::serialize(http::PageJson(list, [](const Member& m) { return ToJson(m); })));
  // A guest's answer is their own: never shared.
  if (everyone) members_cache_.Store(ticket, ws, workspace_id, cache_key, caller, body);
  return *body;
}

Result<Member> Service::ChangeRole(const std::string& caller, const std::string& ws,
                                   const std::string& user_id, Role role) {
  return db_.WriteValue<Member>([&](db::Conn& conn) -> Result<Member> {
    WS_ASSIGN(Scope scope, Authorize(conn, ws, caller, Action::kChangeRole));
    WS_TRY(store::LockWorkspace(conn, scope.id()));
    WS_ASSIGN(std::optional<Member> target, store::GetMember(conn, scope.id(), user_id));
    if (!target) return AppError::NotFound("member not found");
    const bool touches_owner = target->role == Role::kOwner || role == Role::kOwner;
    if (touches_owner && !Can(scope.role, Action::kManageOwners)) {
      return AppError::Forbidden("only an owner can grant or remove the owner role");
    }
    if (target->role == role) return std::move(*target);
    if (target->role == Role::kOwner) {
      WS_ASSIGN(int64_t owners, store::CountOwners(conn, scope.id()));
      if (owners <= 1) return LastOwner("be demoted");
    }
    WS_TRY(store::SetRole(conn, scope.id(), user_id, role));
    target->role = role;
    WS_TRY(Emit(conn, bus_, scope.id(), "member.role_changed", caller, "member", user_id,
                ToJson(*target)));
    return std::move(*target);
  });
}

Status Service::RemoveMember(const std::string& caller, const std::string& ws,
                             const std::string& user_id) {
  return db_.Write([&](db::Conn& conn) -> Status {
    const bool self = user_id == caller;
    WS_ASSIGN(Scope scope,
              Authorize(conn, ws, caller, self ? Action::kLeave : Action::kRemoveMember));
    WS_TRY(store::LockWorkspace(conn, scope.id()));
    WS_ASSIGN(std::optional<Member> target, store::GetMember(conn, scope.id(), user_id));
    if (!target) return AppError::NotFound("member not found");
    if (target->role == Role::kOwner) {
      if (!self && !Can(scope.role, Action::kManageOwners)) {
        return AppError::Forbidden("only an owner can remove an owner");
      }
      WS_ASSIGN(int64_t owners, store::CountOwners(conn, scope.id()));
      if (owners <= 1) return LastOwner(self ? "leave" : "be removed");
    }
    WS_TRY(LeaveTeams(conn, bus_, scope.id(), caller, user_id));
    WS_TRY(store::DeleteMember(conn, scope.id(), user_id));
    // Every request checks membership in the database, so access ends with
    // this commit; a pending long-poll of the removed user gets this event.
    return Emit(conn, bus_, scope.id(), "member.removed", caller, "member", user_id,
                internal::IdOnly(user_id));
  });
}

}  // namespace ws::workspaces
