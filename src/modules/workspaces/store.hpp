#pragma once

// SQL of the workspaces module, and nothing else: no rules, no permissions.
// Isolation guard: every function that touches tenant rows takes the
// workspace id and puts it in the WHERE clause. The only lookups without one
// are the *Locate* functions, which answer just the owning workspace id of a
// globally addressed resource (/teams/{id}, /invitations/{id}, a token) so
// the service can check membership before anything else is read.

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "db/database.hpp"
#include "modules/workspaces/model.hpp"

namespace ws::workspaces::store {

// ---- workspaces ----

Status InsertWorkspace(db::Conn& conn, const Workspace& workspace, const std::string& created_by);
/// The workspace `key` names: an id when it is a UUID, else a slug.
Result<std::optional<Workspace>> FindWorkspace(db::Conn& conn, const std::string& key);
/// The workspaces `user_id` belongs to with their role, by id, after `page.after`.
Result<std::vector<std::pair<Workspace, Role>>> ListWorkspacesOf(db::Conn& conn,
                                                                 const std::string& user_id,
                                                                 const PageRequest& page);
Status UpdateWorkspace(db::Conn& conn, const std::string& workspace_id, const std::string& name,
                       const std::string& slug);
/// True when a workspace other than `except_id` uses `slug`.
Result<bool> SlugTaken(db::Conn& conn, const std::string& slug, const std::string& except_id = "");
/// Serialises changes to the workspace's memberships until commit: a row
/// lock on PostgreSQL (SQLite has a single writer anyway), so two owners
/// cannot demote each other at once and leave none.
Status LockWorkspace(db::Conn& conn, const std::string& workspace_id);
/// Deletes the workspace, every row that belongs to it and its event log.
Status DeleteWorkspace(db::Conn& conn, const std::string& workspace_id);

// ---- members ----

/// The role of `user_id` in the workspace, nullopt when not a member.
Result<std::optional<Role>> RoleOf(db::Conn& conn, const std::string& workspace_id,
                                   const std::string& user_id);
Status InsertMember(db::Conn& conn, const std::string& workspace_id, const std::string& user_id,
                    Role role, int64_t joined_at);
Result<std::optional<Member>> GetMember(db::Conn& conn, const std::string& workspace_id,
                                        const std::string& user_id);
/// Members by user id after `page.after`; only `only_user` when it is set.
Result<std::vector<Member>> ListMembers(db::Conn& conn, const std::string& workspace_id,
                                        const PageRequest& page,
                                        const std::optional<std::string>& only_user);
Status SetRole(db::Conn& conn, const std::string& workspace_id, const std::string& user_id,
               Role role);
Status DeleteMember(db::Conn& conn, const std::string& workspace_id, const std::string& user_id);
Result<int64_t> CountOwners(db::Conn& conn, const std::string& workspace_id);

// ---- users (read-only: the accounts module owns them) ----

Result<std::optional<UserRef>> GetUser(db::Conn& conn, const std::string& user_id);
Result<std::optional<UserRef>> FindUserByEmail(db::Conn& conn, const std::string& email);

// ---- invitations ----

Status InsertInvitation(db::Conn& conn, const Invitation& invitation,
                        const std::string& token_hash);
/// The workspace of an invitation, for the service's membership check.
Result<std::optional<std::string>> LocateInvitation(db::Conn& conn, const std::string& id);
/// The invitation whose token hashes to `token_hash` (any state).
Result<std::optional<Invitation>> LocateInvitationByToken(db::Conn& conn,
                                                          const std::string& token_hash);
Result<std::optional<Invitation>> GetInvitation(db::Conn& conn, const std::string& workspace_id,
                                                const std::string& id);
/// Pending (not accepted, not revoked) invitations by id after `page.after`.
Result<std::vector<Invitation>> ListPendingInvitations(db::Conn& conn,
                                                       const std::string& workspace_id,
                                                       const PageRequest& page);
/// The pending invitation for `email`, expired or not.
Result<std::optional<Invitation>> PendingInvitationFor(db::Conn& conn,
                                                       const std::string& workspace_id,
                                                       const std::string& email);
/// Revokes a pending invitation; false when it was not pending.
Result<bool> RevokeInvitation(db::Conn& conn, const std::string& workspace_id,
                              const std::string& id, int64_t now);
/// Marks a usable invitation accepted; false when someone used it first.
Result<bool> ConsumeInvitation(db::Conn& conn, const std::string& workspace_id,
                               const std::string& id, const std::string& user_id, int64_t now);
/// Gives a pending invitation a new token and expiry.
Status RenewInvitation(db::Conn& conn, const std::string& workspace_id, const std::string& id,
                       const std::string& token_hash, int64_t expires_at);

// ---- teams ----

/// The workspace of a team, for the service's membership check.
Result<std::optional<std::string>> LocateTeam(db::Conn& conn, const std::string& id);
Status InsertTeam(db::Conn& conn, const Team& team);
Result<std::optional<Team>> GetTeam(db::Conn& conn, const std::string& workspace_id,
                                    const std::string& id);
/// Teams by id after `page.after`, with their members.
Result<std::vector<Team>> ListTeams(db::Conn& conn, const std::string& workspace_id,
                                    const PageRequest& page);
/// True when another team of the workspace is called `name`.
Result<bool> TeamNameTaken(db::Conn& conn, const std::string& workspace_id, const std::string& name,
                           const std::string& except_id = "");
Status RenameTeam(db::Conn& conn, const std::string& workspace_id, const std::string& id,
                  const std::string& name);
Status DeleteTeam(db::Conn& conn, const std::string& workspace_id, const std::string& id);
/// Adds a member; false when already in the team.
Result<bool> AddTeamMember(db::Conn& conn, const std::string& workspace_id,
                           const std::string& team_id, const std::string& user_id);
/// Removes a member; false when not in the team.
Result<bool> RemoveTeamMember(db::Conn& conn, const std::string& workspace_id,
                              const std::string& team_id, const std::string& user_id);
/// Ids of the teams `user_id` is in.
Result<std::vector<std::string>> TeamsOf(db::Conn& conn, const std::string& workspace_id,
                                         const std::string& user_id);

// ---- activity ----

/// Events newest first with seq below `before_seq` (0: from the newest).
Result<std::vector<ActivityItem>> ListActivity(db::Conn& conn, const std::string& workspace_id,
                                               int64_t before_seq, int limit);

}  // namespace ws::workspaces::store
