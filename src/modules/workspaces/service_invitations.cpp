// Invitations: create, list, revoke, resend, preview and accept.
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "core/log.hpp"
#include "modules/workspaces/service.hpp"
#include "modules/workspaces/service_internal.hpp"
#include "modules/workspaces/store.hpp"

namespace ws::workspaces {

using internal::Authorize;
using internal::Emit;
using internal::Scope;

namespace {

/// The usable invitation a token stands for; every other case is 404 with
/// a message that says why (the token holder may know that much).
Result<Invitation> UsableInvitation(db::Conn& conn, const std::string& token, int64_t now) {
  if (token.empty() || token.size() > 128) return AppError::NotFound("invitation not found");
  WS_ASSIGN(std::optional<Invitation> invitation,
            store::LocateInvitationByToken(conn, Sha256Hex(token)));
  if (!invitation) return AppError::NotFound("invitation not found");
  if (invitation->revoked_at) return AppError::NotFound("this invitation was revoked");
  if (invitation->accepted_at) return AppError::NotFound("this invitation has already been used");
  if (invitation->expires_at <= now) return AppError::NotFound("this invitation has expired");
  return std::move(*invitation);
}

/// Uses the invitation and makes `user_id` a member with its role.
Result<WorkspaceView> Join(db::Conn& conn, bus::Bus& bus, const Invitation& invitation,
                           const std::string& user_id, int64_t now) {
  WS_ASSIGN(std::optional<Role> existing, store::RoleOf(conn, invitation.workspace_id, user_id));
  if (existing) return AppError::Conflict("you are already a member of this workspace");
  WS_ASSIGN(bool consumed,
            store::ConsumeInvitation(conn, invitation.workspace_id, invitation.id, user_id, now));
  if (!consumed) return AppError::NotFound("this invitation has already been used");
  WS_TRY(store::InsertMember(conn, invitation.workspace_id, user_id, invitation.role, now));
  WS_ASSIGN(std::optional<Member> member, store::GetMember(conn, invitation.workspace_id, user_id));
  WS_ASSIGN(std::optional<Workspace> workspace,
            store::FindWorkspace(conn, invitation.workspace_id));
  if (!member || !workspace) return AppError::Internal("membership missing after insert");
  WS_TRY(Emit(conn, bus, invitation.workspace_id, "member.joined", user_id, "member", user_id,
              ToJson(*member)));
  return WorkspaceView{std::move(*workspace), invitation.role};
}

/// Resolves a globally addressed invitation to its workspace and checks the
/// caller may manage invitations there.
Result<std::pair<Scope, Invitation>> ManagedInvitation(db::Conn& conn, const std::string& caller,
                                                       const std::string& id) {
  WS_ASSIGN(std::optional<std::string> workspace_id, store::LocateInvitation(conn, id));
  if (!workspace_id) return AppError::NotFound("invitation not found");
  WS_ASSIGN(Scope scope, Authorize(conn, *workspace_id, caller, Action::kManageInvitations));
  WS_ASSIGN(std::optional<Invitation> invitation, store::GetInvitation(conn, scope.id(), id));
  if (!invitation || invitation->revoked_at) return AppError::NotFound("invitation not found");
  if (invitation->accepted_at) return AppError::Conflict("the invitation was already accepted");
  if (invitation->role == Role::kOwner && !Can(scope.role, Action::kManageOwners)) {
    return AppError::Forbidden("only an owner can manage an invitation as owner");
  }
  return std::make_pair(std::move(scope), std::move(*invitation));
}

}  // namespace

void Service::SendInvitation(const Invitation& invitation, const std::string& workspace_name,
                             const std::string& token) {
  mail::Message message;
  message.to = invitation.email;
  message.subject = "You are invited to " + workspace_name + " on Workstead";
  message.text = "You have been invited to join the workspace \"" + workspace_name +
                 "\" on Workstead as " + std::string(RoleName(invitation.role)) +
                 ".\n\nAccept the invitation:\n" + public_url_ + "/invite/" + token +
                 "\n\nThe link works once and expires on " +
                 FormatTimestamp(invitation.expires_at).substr(0, 10) +
                 ". If you did not expect this invitation, ignore this email.\n";
  // The invitation is committed either way; an admin can resend it.
  if (Status sent = mailer_.Send(message); !sent) {
    log::Warn("invitation email not sent",
              {{"invitation_id", invitation.id},
               {"error", sent.error().message + " " + sent.error().detail}});
  }
}

Result<Invitation> Service::Invite(const std::string& caller, const std::string& ws,
                                   const std::string& email, Role role) {
  const std::string token = RandomToken();
  std::string workspace_name;
  WS_ASSIGN(
      Invitation invitation, db_.WriteValue<Invitation>([&](db::Conn& conn) -> Result<Invitation> {
        WS_ASSIGN(Scope scope, Authorize(conn, ws, caller, Action::kManageInvitations));
        if (role == Role::kOwner && !Can(scope.role, Action::kManageOwners)) {
          return AppError::Forbidden("only an owner can invite an owner");
        }
        const int64_t now = NowMillis();
        WS_ASSIGN(std::optional<UserRef> user, store::FindUserByEmail(conn, email));
        if (user) {
          WS_ASSIGN(std::optional<Role> existing, store::RoleOf(conn, scope.id(), user->id));
          if (existing) return AppError::Conflict("this person is already a member");
        }
        WS_ASSIGN(std::optional<Invitation> pending,
                  store::PendingInvitationFor(conn, scope.id(), email));
        if (pending && pending->Usable(now)) {
          return AppError::Conflict("an invitation to this email is pending; resend or revoke it");
        }
        if (pending) {  // expired: replaced by the new one
          WS_TRY(store::RevokeInvitation(conn, scope.id(), pending->id, now));
          WS_TRY(Emit(conn, bus_, scope.id(), "invitation.revoked", caller, "invitation",
                      pending->id, internal::IdOnly(pending->id)));
        }
        Invitation created{
            NewId(), scope.id(), email, role, caller, now, now + kInvitationTtlMillis, {}, {}};
        WS_TRY(store::InsertInvitation(conn, created, Sha256Hex(token)));
        WS_TRY(Emit(conn, bus_, scope.id(), "invitation.created", caller, "invitation", created.id,
                    ToJson(created)));
        workspace_name = scope.workspace.name;
        return created;
      }));
  SendInvitation(invitation, workspace_name, token);
  return invitation;
}

Result<Page<Invitation>> Service::ListInvitations(const std::string& caller, const std::string& ws,
                                                  const PageRequest& page) {
  return db_.ReadValue<Page<Invitation>>([&](db::Conn& conn) -> Result<Page<Invitation>> {
    WS_ASSIGN(Scope scope, Authorize(conn, ws, caller, Action::kManageInvitations));
    WS_ASSIGN(std::vector<Invitation> rows,
              store::ListPendingInvitations(conn, scope.id(), internal::PlusOne(page)));
    return internal::MakePage(std::move(rows), page.limit,
                              [](const Invitation& i) { return i.id; });
  });
}

Status Service::Revoke(const std::string& caller, const std::string& invitation_id) {
  return db_.Write([&](db::Conn& conn) -> Status {
    WS_ASSIGN(auto managed, ManagedInvitation(conn, caller, invitation_id));
    const std::string& workspace_id = managed.first.id();
    WS_TRY(store::RevokeInvitation(conn, workspace_id, invitation_id, NowMillis()));
    return Emit(conn, bus_, workspace_id, "invitation.revoked", caller, "invitation", invitation_id,
                internal::IdOnly(invitation_id));
  });
}

Result<Invitation> Service::Resend(const std::string& caller, const std::string& invitation_id) {
  const std::string token = RandomToken();
  std::string workspace_name;
  WS_ASSIGN(Invitation invitation,
            db_.WriteValue<Invitation>([&](db::Conn& conn) -> Result<Invitation> {
              WS_ASSIGN(auto managed, ManagedInvitation(conn, caller, invitation_id));
              auto& [scope, renewed] = managed;
              renewed.expires_at = NowMillis() + kInvitationTtlMillis;
              WS_TRY(store::RenewInvitation(conn, scope.id(), renewed.id, Sha256Hex(token),
                                            renewed.expires_at));
              WS_TRY(Emit(conn, bus_, scope.id(), "invitation.resent", caller, "invitation",
                          renewed.id, ToJson(renewed)));
              workspace_name = scope.workspace.name;
              return renewed;
            }));
  SendInvitation(invitation, workspace_name, token);
  return invitation;
}

Result<InvitationPreview> Service::Preview(const std::string& token) {
  return db_.ReadValue<InvitationPreview>([&](db::Conn& conn) -> Result<InvitationPreview> {
    WS_ASSIGN(Invitation invitation, UsableInvitation(conn, token, NowMillis()));
    WS_ASSIGN(std::optional<Workspace> workspace,
              store::FindWorkspace(conn, invitation.workspace_id));
    if (!workspace) return AppError::NotFound("invitation not found");
    return InvitationPreview{workspace->name, invitation.email, invitation.role,
                             invitation.expires_at};
  });
}

Result<WorkspaceView> Service::Accept(const std::string& caller, const std::string& token) {
  return db_.WriteValue<WorkspaceView>([&](db::Conn& conn) -> Result<WorkspaceView> {
    const int64_t now = NowMillis();
    WS_ASSIGN(Invitation invitation, UsableInvitation(conn, token, now));
    WS_ASSIGN(std::optional<UserRef> user, store::GetUser(conn, caller));
    if (!user) return AppError::Unauthorized();
    // The link proves control of the invited address only; a signed-in user
    // with another address may not take someone else's seat.
    if (user->email != invitation.email) {
      return AppError::Forbidden("this invitation was sent to a different email address");
    }
    return Join(conn, bus_, invitation, caller, now);
  });
}

Result<WorkspaceView> Service::AcceptAsNewUser(const std::string& token,
                                               const RegisterInvitee& register_invitee) {
  WS_ASSIGN(Invitation invitation,
            db_.ReadValue<Invitation>([&](db::Conn& conn) -> Result<Invitation> {
              WS_ASSIGN(Invitation found, UsableInvitation(conn, token, NowMillis()));
              WS_ASSIGN(std::optional<UserRef> user, store::FindUserByEmail(conn, found.email));
              if (user) {
                return AppError::Conflict(
                    "an account with this email exists; sign in, then accept the invitation");
              }
              return found;
            }));
  // Password hashing runs here, outside any write unit.
  WS_ASSIGN(std::string user_id, register_invitee(invitation.email));
  return db_.WriteValue<WorkspaceView>([&](db::Conn& conn) -> Result<WorkspaceView> {
    return Join(conn, bus_, invitation, user_id, NowMillis());
  });
}

}  // namespace ws::workspaces
