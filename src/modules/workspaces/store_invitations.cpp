// Invitations: SQL only.
#include "modules/workspaces/store.hpp"

namespace ws::workspaces::store {

namespace {

constexpr std::string_view kInvitationSelect =
    "SELECT id, workspace_id, email, role, invited_by, created_at, expires_at, accepted_at, "
    "revoked_at FROM invitations ";

Invitation ReadInvitation(const db::Row& row) {
  Invitation out;
  out.id = row.Text(0);
  out.workspace_id = row.Text(1);
  out.email = row.Text(2);
  out.role = ParseRole(row.Text(3)).value_or(Role::kGuest);
  out.invited_by = row.OptText(4).value_or("");
  out.created_at = row.Int(5);
  out.expires_at = row.Int(6);
  out.accepted_at = row.OptInt(7);
  out.revoked_at = row.OptInt(8);
  return out;
}

Result<std::optional<Invitation>> First(Result<db::Rows> rows) {
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<Invitation>();
  return std::optional<Invitation>(ReadInvitation(rows->front()));
}

}  // namespace

Status InsertInvitation(db::Conn& conn, const Invitation& invitation,
                        const std::string& token_hash) {
  WS_TRY(
      conn.Exec("INSERT INTO invitations (id, workspace_id, email, role, token_hash, invited_by, "
                "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                invitation.id, invitation.workspace_id, invitation.email, RoleName(invitation.role),
                token_hash, invitation.invited_by, invitation.created_at, invitation.expires_at));
  return {};
}

Result<std::optional<std::string>> LocateInvitation(db::Conn& conn, const std::string& id) {
  WS_ASSIGN(db::Rows rows, conn.Query("SELECT workspace_id FROM invitations WHERE id = ?", id));
  if (rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows.front().Text(0));
}

Result<std::optional<Invitation>> LocateInvitationByToken(db::Conn& conn,
                                                          const std::string& token_hash) {
  return First(conn.Query(std::string(kInvitationSelect) + "WHERE token_hash = ?", token_hash));
}

Result<std::optional<Invitation>> GetInvitation(db::Conn& conn, const std::string& workspace_id,
                                                const std::string& id) {
  return First(conn.Query(std::string(kInvitationSelect) + "WHERE workspace_id = ? AND id = ?",
                          workspace_id, id));
}

Result<std::vector<Invitation>> ListPendingInvitations(db::Conn& conn,
                                                       const std::string& workspace_id,
                                                       const PageRequest& page) {
  WS_ASSIGN(db::Rows rows,
            conn.Query(std::string(kInvitationSelect) +
                           "WHERE workspace_id = ? AND accepted_at IS NULL AND revoked_at IS NULL "
                           "AND id > ? ORDER BY id LIMIT ?",
                       workspace_id, page.after, page.limit));
  std::vector<Invitation> out;
  for (db::Row row : rows) out.push_back(ReadInvitation(row));
  return out;
}

Result<std::optional<Invitation>> PendingInvitationFor(db::Conn& conn,
                                                       const std::string& workspace_id,
                                                       const std::string& email) {
  return First(conn.Query(std::string(kInvitationSelect) +
                              "WHERE workspace_id = ? AND email = ? AND accepted_at IS NULL AND "
                              "revoked_at IS NULL",
                          workspace_id, email));
}

Result<bool> RevokeInvitation(db::Conn& conn, const std::string& workspace_id,
                              const std::string& id, int64_t now) {
  WS_ASSIGN(int64_t changed,
            conn.Exec("UPDATE invitations SET revoked_at = ? WHERE workspace_id = ? AND id = ? "
                      "AND accepted_at IS NULL AND revoked_at IS NULL",
                      now, workspace_id, id));
  return changed > 0;
}

Result<bool> ConsumeInvitation(db::Conn& conn, const std::string& workspace_id,
                               const std::string& id, const std::string& user_id, int64_t now) {
  // The conditions make the link single-use even when two accepts race.
  WS_ASSIGN(int64_t changed,
            conn.Exec("UPDATE invitations SET accepted_at = ?, accepted_by = ? WHERE "
                      "workspace_id = ? AND id = ? AND accepted_at IS NULL AND revoked_at IS NULL "
                      "AND expires_at > ?",
                      now, user_id, workspace_id, id, now));
  return changed > 0;
}

Status RenewInvitation(db::Conn& conn, const std::string& workspace_id, const std::string& id,
                       const std::string& token_hash, int64_t expires_at) {
  WS_TRY(conn.Exec(
      "UPDATE invitations SET token_hash = ?, expires_at = ? WHERE workspace_id = ? AND id = ?",
      token_hash, expires_at, workspace_id, id));
  return {};
}

}  // namespace ws::workspaces::store
