// Teams, and reading the event log (activity feed, long-poll reads).
#include <charconv>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "modules/workspaces/service.hpp"
#include "modules/workspaces/service_internal.hpp"
#include "modules/workspaces/store.hpp"

namespace ws::workspaces {

using internal::Authorize;
using internal::Emit;
using internal::Scope;

namespace {

AppError TeamNameConflict() {
  AppError error = AppError::Conflict("a team with this name exists");
  error.fields.emplace("name", "is already taken");
  return error;
}

/// Resolves a globally addressed team to its workspace and checks `action`.
Result<std::pair<Scope, Team>> ScopedTeam(db::Conn& conn, const std::string& caller,
                                          const std::string& team_id, Action action) {
  WS_ASSIGN(std::optional<std::string> workspace_id, store::LocateTeam(conn, team_id));
  if (!workspace_id) return AppError::NotFound("team not found");
  WS_ASSIGN(Scope scope, Authorize(conn, *workspace_id, caller, action));
  WS_ASSIGN(std::optional<Team> team, store::GetTeam(conn, scope.id(), team_id));
  if (!team) return AppError::NotFound("team not found");
  return std::make_pair(std::move(scope), std::move(*team));
}

}  // namespace

Result<Page<Team>> Service::ListTeams(const std::string& caller, const std::string& ws,
                                      const PageRequest& page) {
  return db_.ReadValue<Page<Team>>([&](db::Conn& conn) -> Result<Page<Team>> {
    WS_ASSIGN(Scope scope, Authorize(conn, ws, caller, Action::kViewTeams));
    WS_ASSIGN(std::vector<Team> rows, store::ListTeams(conn, scope.id(), internal::PlusOne(page)));
    return internal::MakePage(std::move(rows), page.limit, [](const Team& t) { return t.id; });
  });
}

Result<Team> Service::CreateTeam(const std::string& caller, const std::string& ws,
                                 const std::string& name,
                                 const std::vector<std::string>& member_ids) {
  return db_.WriteValue<Team>([&](db::Conn& conn) -> Result<Team> {
    WS_ASSIGN(Scope scope, Authorize(conn, ws, caller, Action::kManageTeams));
    WS_ASSIGN(bool taken, store::TeamNameTaken(conn, scope.id(), name));
    if (taken) return TeamNameConflict();
    for (const auto& user_id : member_ids) {
      WS_ASSIGN(std::optional<Role> role, store::RoleOf(conn, scope.id(), user_id));
      if (!role) return AppError::Invalid("member_ids", "must all be members of the workspace");
    }
    Team team{NewId(), scope.id(), name, NowMillis(), {}};
    WS_TRY(store::InsertTeam(conn, team));
    for (const auto& user_id : member_ids) {
      WS_TRY(store::AddTeamMember(conn, scope.id(), team.id, user_id));
    }
    WS_ASSIGN(std::optional<Team> created, store::GetTeam(conn, scope.id(), team.id));
    if (!created) return AppError::Internal("team missing after insert");
    WS_TRY(Emit(conn, bus_, scope.id(), "team.created", caller, "team", team.id, ToJson(*created)));
    return std::move(*created);
  });
}

Result<Team> Service::RenameTeam(const std::string& caller, const std::string& team_id,
                                 const std::string& name) {
  return db_.WriteValue<Team>([&](db::Conn& conn) -> Result<Team> {
    WS_ASSIGN(auto scoped, ScopedTeam(conn, caller, team_id, Action::kManageTeams));
    auto& [scope, team] = scoped;
    if (team.name == name) return std::move(team);
    WS_ASSIGN(bool taken, store::TeamNameTaken(conn, scope.id(), name, team.id));
    if (taken) return TeamNameConflict();
    WS_TRY(store::RenameTeam(conn, scope.id(), team.id, name));
    team.name = name;
    WS_TRY(Emit(conn, bus_, scope.id(), "team.updated", caller, "team", team.id, ToJson(team)));
    return std::move(team);
  });
}

Status Service::DeleteTeam(const std::string& caller, const std::string& team_id) {
  return db_.Write([&](db::Conn& conn) -> Status {
    WS_ASSIGN(auto scoped, ScopedTeam(conn, caller, team_id, Action::kManageTeams));
    WS_TRY(store::DeleteTeam(conn, scoped.first.id(), team_id));
    return Emit(conn, bus_, scoped.first.id(), "team.deleted", caller, "team", team_id,
                internal::IdOnly(team_id));
  });
}

Result<Team> Service::AddTeamMember(const std::string& caller, const std::string& team_id,
                                    const std::string& user_id) {
  return db_.WriteValue<Team>([&](db::Conn& conn) -> Result<Team> {
    WS_ASSIGN(auto scoped, ScopedTeam(conn, caller, team_id, Action::kManageTeams));
    auto& [scope, team] = scoped;
    WS_ASSIGN(std::optional<Role> role, store::RoleOf(conn, scope.id(), user_id));
    if (!role) return AppError::NotFound("member not found");
    WS_ASSIGN(bool added, store::AddTeamMember(conn, scope.id(), team.id, user_id));
    if (!added) return std::move(team);  // PUT is idempotent
    WS_ASSIGN(std::optional<Team> after, store::GetTeam(conn, scope.id(), team.id));
    if (!after) return AppError::Internal("team missing after update");
    WS_TRY(
        Emit(conn, bus_, scope.id(), "team.member_added", caller, "team", team.id, ToJson(*after)));
    return std::move(*after);
  });
}

Status Service::RemoveTeamMember(const std::string& caller, const std::string& team_id,
                                 const std::string& user_id) {
  return db_.Write([&](db::Conn& conn) -> Status {
    WS_ASSIGN(auto scoped, ScopedTeam(conn, caller, team_id, Action::kManageTeams));
    const std::string& workspace_id = scoped.first.id();
    WS_ASSIGN(bool removed, store::RemoveTeamMember(conn, workspace_id, team_id, user_id));
    if (!removed) return AppError::NotFound("not a member of this team");
    WS_ASSIGN(std::optional<Team> after, store::GetTeam(conn, workspace_id, team_id));
    if (!after) return AppError::Internal("team missing after update");
    return Emit(conn, bus_, workspace_id, "team.member_removed", caller, "team", team_id,
                ToJson(*after));
  });
}

Result<Page<ActivityItem>> Service::Activity(const std::string& caller, const std::string& ws,
                                             const PageRequest& page) {
  int64_t before = 0;
  if (!page.after.empty()) {
    const char* end = page.after.data() + page.after.size();
    if (std::from_chars(page.after.data(), end, before).ptr != end || before <= 0) {
      return AppError::BadRequest("cursor is not valid");
    }
  }
  return db_.ReadValue<Page<ActivityItem>>([&](db::Conn& conn) -> Result<Page<ActivityItem>> {
    WS_ASSIGN(Scope scope, Authorize(conn, ws, caller, Action::kViewActivity));
    WS_ASSIGN(std::vector<ActivityItem> rows,
              store::ListActivity(conn, scope.id(), before, page.limit + 1));
    if (!event_filter_) {
      return internal::MakePage(std::move(rows), page.limit, [](const ActivityItem& item) {
        return std::to_string(item.event.seq);
      });
    }
    // The page is cut from the rows read, so the cursor continues below the
    // last row read even when it is hidden: a page may hold fewer items.
    Page<ActivityItem> result =
        internal::MakePage(std::move(rows), page.limit,
                           [](const ActivityItem& item) { return std::to_string(item.event.seq); });
    std::vector<const bus::Event*> events;
    for (const auto& item : result.items) events.push_back(&item.event);
    WS_ASSIGN(std::vector<bool> keep, event_filter_(conn, scope.id(), caller, events));
    std::vector<ActivityItem> kept;
    for (size_t i = 0; i < result.items.size(); ++i) {
      if (i < keep.size() && keep[i]) kept.push_back(std::move(result.items[i]));
    }
    result.items = std::move(kept);
    return result;
  });
}

Result<EventsRead> Service::ReadEvents(const std::string& caller, const std::string& workspace_id,
                                       std::optional<int64_t> after, int limit) {
  return db_.ReadValue<EventsRead>([&](db::Conn& conn) -> Result<EventsRead> {
    WS_ASSIGN(Scope scope, Authorize(conn, workspace_id, caller, Action::kViewActivity));
    WS_ASSIGN(int64_t last, bus::LastSeq(conn, scope.id()));
    const int64_t from = after.value_or(last);
    if (from > last) return AppError::BadRequest("after is beyond the newest event");
    EventsRead read{scope.id(), {}, from};
    WS_ASSIGN(read.events, bus::ReadAfter(conn, scope.id(), from, limit));
    if (!read.events.empty()) read.last_seq = read.events.back().seq;
    if (event_filter_ && !read.events.empty()) {
      // last_seq stays past hidden events: the caller never reads them again.
      std::vector<const bus::Event*> events;
      for (const auto& event : read.events) events.push_back(&event);
      WS_ASSIGN(std::vector<bool> keep, event_filter_(conn, scope.id(), caller, events));
      std::vector<bus::Event> kept;
      for (size_t i = 0; i < read.events.size(); ++i) {
        if (i < keep.size() && keep[i]) kept.push_back(std::move(read.events[i]));
      }
      read.events = std::move(kept);
    }
    return read;
  });
}

}  // namespace ws::workspaces
