#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bus/bus.hpp"
#include "bus/read_cache.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "mail/mailer.hpp"
#include "modules/workspaces/model.hpp"

namespace ws::workspaces {

/// A workspace as one caller sees it.
struct WorkspaceView {
  Workspace workspace;
  Role my_role = Role::kMember;
};

/// Fields of PATCH /workspaces/{ws}; unset ones stay.
struct WorkspacePatch {
  std::optional<std::string> name;
  std::optional<std::string> slug;
};

/// What GET /invitations/{token} shows without authentication.
struct InvitationPreview {
  std::string workspace_name;
  std::string email;
  Role role = Role::kMember;
  int64_t expires_at = 0;
};

/// A slice of the event log for GET /events.
struct EventsRead {
  std::string workspace_id;
  std::vector<bus::Event> events;
  int64_t last_seq = 0;  // the highest seq the caller has now seen
};

/// Registers an invitee through the accounts module (user creation and
/// sessions live there only) with the invitation's email; answers the new
/// user's id. Called outside any write unit.
using RegisterInvitee = std::function<Result<std::string>(const std::string& email)>;

/// Which of `events` (all of `workspace_id`) `user_id` may see, one flag
/// each, decided inside the reader's read unit. Provided by the projects
/// module (private projects) through the app; unset: every member sees all.
using EventFilter = std::function<Result<std::vector<bool>>(
    db::Conn& conn, const std::string& workspace_id, const std::string& user_id,
    const std::vector<const bus::Event*>& events)>;
/// False when the filter surely keeps `event` for everyone (from memory).
using EventMayHide = std::function<bool(const bus::Event& event)>;

/// Rules of the workspaces capability. Every method takes the caller's user
/// id, consults the permission table, runs in one transaction and appends
/// its events there. A workspace the caller is not a member of is 404.
class Service {
 public:
  Service(db::Database& db, bus::Bus& bus, mail::Mailer& mailer, std::string public_url);

  // ---- workspaces (service.cpp) ----
  Result<WorkspaceView> Create(const std::string& caller, const std::string& name,
                               const std::optional<std::string>& slug);
  Result<Page<WorkspaceView>> ListMine(const std::string& caller, const PageRequest& page);
  Result<WorkspaceView> Get(const std::string& caller, const std::string& ws);
  Result<WorkspaceView> Update(const std::string& caller, const std::string& ws,
                               const WorkspacePatch& patch);
  Status Delete(const std::string& caller, const std::string& ws);
  /// The id of the workspace `ws` names (id or slug), or 404.
  Result<std::string> Resolve(const std::string& ws);

  // ---- members (service_members.cpp) ----
  /// The JSON page of members. Identical reads by members who see everyone
  /// share one cached answer (`cache_key`: the request) until the workspace's
  /// next event or a change to a user row (docs/workspaces.md "Lists").
  Result<std::string> ListMembersJson(const std::string& caller, const std::string& ws,
                                      const PageRequest& page, const std::string& cache_key);
  Result<Member> ChangeRole(const std::string& caller, const std::string& ws,
                            const std::string& user_id, Role role);
  Status RemoveMember(const std::string& caller, const std::string& ws, const std::string& user_id);

  // ---- invitations (service_invitations.cpp) ----
  Result<Invitation> Invite(const std::string& caller, const std::string& ws,
                            const std::string& email, Role role);
  Result<Page<Invitation>> ListInvitations(const std::string& caller, const std::string& ws,
                                           const PageRequest& page);
  Status Revoke(const std::string& caller, const std::string& invitation_id);
  /// A new token and expiry for a pending invitation, emailed again.
  Result<Invitation> Resend(const std::string& caller, const std::string& invitation_id);
  Result<InvitationPreview> Preview(const std::string& token);
  /// The signed-in caller joins; their email must be the invitation's.
  Result<WorkspaceView> Accept(const std::string& caller, const std::string& token);
  /// For a caller without an account: checks the invitation, registers the
  /// invitee through `register_invitee`, then joins; answers the workspace.
  Result<WorkspaceView> AcceptAsNewUser(const std::string& token,
                                        const RegisterInvitee& register_invitee);

  // ---- teams (service_teams.cpp) ----
  Result<Page<Team>> ListTeams(const std::string& caller, const std::string& ws,
                               const PageRequest& page);
  Result<Team> CreateTeam(const std::string& caller, const std::string& ws, const std::string& name,
                          const std::vector<std::string>& member_ids);
  Result<Team> RenameTeam(const std::string& caller, const std::string& team_id,
                          const std::string& name);
  Status DeleteTeam(const std::string& caller, const std::string& team_id);
  Result<Team> AddTeamMember(const std::string& caller, const std::string& team_id,
                             const std::string& user_id);
  Status RemoveTeamMember(const std::string& caller, const std::string& team_id,
                          const std::string& user_id);

  // ---- event log (service_teams.cpp) ----
  /// The feed newest first; the cursor is the seq to continue below.
  Result<Page<ActivityItem>> Activity(const std::string& caller, const std::string& ws,
                                      const PageRequest& page);
  /// Events after `after` (absent: after the newest, so none), at most
  /// `limit`. 400 when `after` is beyond the newest event.
  Result<EventsRead> ReadEvents(const std::string& caller, const std::string& workspace_id,
                                std::optional<int64_t> after, int limit);
  /// Hides events from the activity feed and the long-poll (set once, at
  /// install, before any request). Filtered events still advance cursors.
  void SetEventFilter(EventFilter filter, EventMayHide may_hide = {}) {
    event_filter_ = std::move(filter);
    may_hide_ = std::move(may_hide);
  }
  /// True when the filter might hide `event` from someone.
  bool MayHide(const bus::Event& event) const {
    return event_filter_ && (!may_hide_ || may_hide_(event));
  }

 private:
  void SendInvitation(const Invitation& invitation, const std::string& workspace_name,
                      const std::string& token);

  db::Database& db_;
  bus::Bus& bus_;
  bus::ReadCache members_cache_;
  mail::Mailer& mailer_;
  std::string public_url_;
  EventFilter event_filter_;
  EventMayHide may_hide_;
};

}  // namespace ws::workspaces
