// Workspaces, members and the read-only view of users.
#include "modules/workspaces/store.hpp"

#include "core/clock.hpp"
#include "core/ids.hpp"

namespace ws::workspaces::store {

namespace {

constexpr std::string_view kWorkspaceColumns = "w.id, w.name, w.slug, w.plan, w.created_at";

Workspace ReadWorkspace(const db::Row& row) {
  return Workspace{row.Text(0), row.Text(1), row.Text(2), row.Text(3), row.Int(4)};
}

Role ReadRole(const db::Row& row, size_t i) {
  // The CHECK constraint keeps the column to the five names.
  return ParseRole(row.Text(i)).value_or(Role::kGuest);
}

constexpr std::string_view kMemberSelect =
    "SELECT u.id, u.name, u.email, m.role, m.joined_at FROM memberships m "
    "JOIN users u ON u.id = m.user_id WHERE m.workspace_id = ? ";

Member ReadMember(const db::Row& row) {
  return Member{UserRef{row.Text(0), row.Text(1), row.Text(2)}, ReadRole(row, 3), row.Int(4)};
}

}  // namespace

Status InsertWorkspace(db::Conn& conn, const Workspace& workspace, const std::string& created_by) {
  WS_TRY(
      conn.Exec("INSERT INTO workspaces (id, name, slug, plan, created_by, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                workspace.id, workspace.name, workspace.slug, workspace.plan, created_by,
                workspace.created_at, workspace.created_at));
  return {};
}

Result<std::optional<Workspace>> FindWorkspace(db::Conn& conn, const std::string& key) {
  const std::string sql = "SELECT " + std::string(kWorkspaceColumns) + " FROM workspaces w WHERE " +
                          (IsUuid(key) ? "w.id = ?" : "w.slug = ?");
  WS_ASSIGN(db::Rows rows, conn.Query(sql, key));
  if (rows.empty()) return std::optional<Workspace>();
  return std::optional<Workspace>(ReadWorkspace(rows.front()));
}

Result<std::vector<std::pair<Workspace, Role>>> ListWorkspacesOf(db::Conn& conn,
                                                                 const std::string& user_id,
                                                                 const PageRequest& page) {
  WS_ASSIGN(db::Rows rows,
            conn.Query("SELECT " + std::string(kWorkspaceColumns) +
                           ", m.role FROM memberships m JOIN workspaces w ON w.id = m.workspace_id "
                           "WHERE m.user_id = ? AND w.id > ? ORDER BY w.id LIMIT ?",
                       user_id, page.after, page.limit));
  std::vector<std::pair<Workspace, Role>> out;
  for (db::Row row : rows) out.emplace_back(ReadWorkspace(row), ReadRole(row, 5));
  return out;
}

Status UpdateWorkspace(db::Conn& conn, const std::string& workspace_id, const std::string& name,
                       const std::string& slug) {
  WS_TRY(conn.Exec("UPDATE workspaces SET name = ?, slug = ?, updated_at = ? WHERE id = ?", name,
                   slug, NowMillis(), workspace_id));
  return {};
}

Result<bool> SlugTaken(db::Conn& conn, const std::string& slug, const std::string& except_id) {
  WS_ASSIGN(db::Rows rows,
            conn.Query("SELECT 1 FROM workspaces WHERE slug = ? AND id <> ?", slug, except_id));
  return !rows.empty();
}

Status LockWorkspace(db::Conn& conn, const std::string& workspace_id) {
  WS_TRY(conn.Exec("UPDATE workspaces SET updated_at = updated_at WHERE id = ?", workspace_id));
  return {};
}

Status DeleteWorkspace(db::Conn& conn, const std::string& workspace_id) {
  // Rows of this module go by ON DELETE CASCADE; the event log has no
  // foreign key (it is shared by every module), so it is cleared here.
  WS_TRY(conn.Exec("DELETE FROM workspaces WHERE id = ?", workspace_id));
  WS_TRY(conn.Exec("DELETE FROM events WHERE workspace_id = ?", workspace_id));
  WS_TRY(conn.Exec("DELETE FROM event_counters WHERE workspace_id = ?", workspace_id));
  return {};
}

Result<std::optional<Role>> RoleOf(db::Conn& conn, const std::string& workspace_id,
                                   const std::string& user_id) {
  WS_ASSIGN(db::Rows rows,
            conn.Query("SELECT role FROM memberships WHERE workspace_id = ? AND user_id = ?",
                       workspace_id, user_id));
  if (rows.empty()) return std::optional<Role>();
  return std::optional<Role>(ReadRole(rows.front(), 0));
}

Status InsertMember(db::Conn& conn, const std::string& workspace_id, const std::string& user_id,
                    Role role, int64_t joined_at) {
  WS_TRY(conn.Exec(
      "INSERT INTO memberships (workspace_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)",
      workspace_id, user_id, RoleName(role), joined_at));
  return {};
}

Result<std::optional<Member>> GetMember(db::Conn& conn, const std::string& workspace_id,
                                        const std::string& user_id) {
  WS_ASSIGN(db::Rows rows,
            conn.Query(std::string(kMemberSelect) + "AND m.user_id = ?", workspace_id, user_id));
  if (rows.empty()) return std::optional<Member>();
  return std::optional<Member>(ReadMember(rows.front()));
}

Result<std::vector<Member>> ListMembers(db::Conn& conn, const std::string& workspace_id,
                                        const PageRequest& page,
                                        const std::optional<std::string>& only_user) {
  Result<db::Rows> rows =
      only_user
          ? conn.Query(std::string(kMemberSelect) +
                           "AND m.user_id = ? AND m.user_id > ? ORDER BY m.user_id LIMIT ?",
                       workspace_id, *only_user, page.after, page.limit)
          : conn.Query(std::string(kMemberSelect) + "AND m.user_id > ? ORDER BY m.user_id LIMIT ?",
                       workspace_id, page.after, page.limit);
  if (!rows) return std::move(rows).error();
  std::vector<Member> out;
  for (db::Row row : *rows) out.push_back(ReadMember(row));
  return out;
}

Status SetRole(db::Conn& conn, const std::string& workspace_id, const std::string& user_id,
               Role role) {
  WS_TRY(conn.Exec("UPDATE memberships SET role = ? WHERE workspace_id = ? AND user_id = ?",
                   RoleName(role), workspace_id, user_id));
  return {};
}

Status DeleteMember(db::Conn& conn, const std::string& workspace_id, const std::string& user_id) {
  WS_TRY(conn.Exec("DELETE FROM team_members WHERE workspace_id = ? AND user_id = ?", workspace_id,
                   user_id));
  WS_TRY(conn.Exec("DELETE FROM memberships WHERE workspace_id = ? AND user_id = ?", workspace_id,
                   user_id));
  return {};
}

Result<int64_t> CountOwners(db::Conn& conn, const std::string& workspace_id) {
  WS_ASSIGN(db::Rows rows,
            conn.Query("SELECT COUNT(*) FROM memberships WHERE workspace_id = ? AND role = ?",
                       workspace_id, RoleName(Role::kOwner)));
  return rows.front().Int(0);
}

Result<std::optional<UserRef>> GetUser(db::Conn& conn, const std::string& user_id) {
  WS_ASSIGN(db::Rows rows, conn.Query("SELECT id, name, email FROM users WHERE id = ?", user_id));
  if (rows.empty()) return std::optional<UserRef>();
  const db::Row row = rows.front();
  return std::optional<UserRef>(UserRef{row.Text(0), row.Text(1), row.Text(2)});
}

Result<std::optional<UserRef>> FindUserByEmail(db::Conn& conn, const std::string& email) {
  WS_ASSIGN(db::Rows rows, conn.Query("SELECT id, name, email FROM users WHERE email = ?", email));
  if (rows.empty()) return std::optional<UserRef>();
  const db::Row row = rows.front();
  return std::optional<UserRef>(UserRef{row.Text(0), row.Text(1), row.Text(2)});
}

}  // namespace ws::workspaces::store
