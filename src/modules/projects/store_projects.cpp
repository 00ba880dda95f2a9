// Projects, their members and statuses.
#include "core/clock.hpp"
#include "modules/projects/store.hpp"

namespace ws::projects::store {

namespace {

constexpr std::string_view kProjectColumns =
    "p.id, p.workspace_id, p.key, p.name, p.description, p.visibility, p.archived, p.created_at, "
    "p.version, p.created_by";

Project ReadProject(const db::Row& row) {
  Project p;
  p.id = row.Text(0);
  p.workspace_id = row.Text(1);
  p.key = row.Text(2);
  p.name = row.Text(3);
  p.description = row.Text(4);
  p.visibility = row.Text(5);
  p.archived = row.Bool(6);
  p.created_at = row.Int(7);
  p.version = row.Int(8);
  p.created_by = row.Text(9);
  return p;
}

constexpr std::string_view kStatusColumns = "id, project_id, name, category, position";

TaskStatus ReadStatus(const db::Row& row) {
  return TaskStatus{row.Text(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4)};
}

}  // namespace

std::string VisibleCondition() {
  return "(? = 1 OR (p.visibility = 'workspace' AND ? = 1) OR EXISTS (SELECT 1 FROM "
         "project_members pm WHERE pm.project_id = p.id AND pm.user_id = ?))";
}

Status InsertProject(db::Conn& conn, const Project& project) {
  WS_TRY(conn.Exec(
      "INSERT INTO projects (id, workspace_id, key, name, description, visibility, archived, "
      "task_counter, created_by, created_at, updated_at, version) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)",
      project.id, project.workspace_id, project.key, project.name, project.description,
      project.visibility, project.archived, project.created_by, project.created_at,
      project.created_at, project.version));
  return {};
}

Result<std::optional<ProjectAccess>> FindProjectAccess(db::Conn& conn,
                                                       const std::string& project_id,
                                                       const std::string& user_id) {
  // Built once: every task write starts here.
  static const std::string sql = "SELECT " + std::string(kProjectColumns) +
                                 ", m.role, (SELECT COUNT(*) FROM project_members pm WHERE "
                                 "pm.project_id = p.id AND pm.user_id = ?) FROM projects p "
                                 "LEFT JOIN memberships m ON m.workspace_id = p.workspace_id AND "
                                 "m.user_id = ? WHERE p.id = ?";
  WS_ASSIGN(db::Rows rows, conn.Query(sql, user_id, user_id, project_id));
  if (rows.empty()) return std::optional<ProjectAccess>();
  const db::Row row = rows.front();
  ProjectAccess access{ReadProject(row), std::nullopt, row.Int(11) > 0};
  if (!row.IsNull(10)) access.role = workspaces::ParseRole(row.Text(10));
  return std::optional<ProjectAccess>(std::move(access));
}

Result<std::vector<Project>> ListProjects(db::Conn& conn, const std::string& workspace_id,
                                          const Visibility& visibility,
                                          std::optional<bool> archived, const std::string& after,
                                          int limit) {
  std::string sql = "SELECT " + std::string(kProjectColumns) +
                    " FROM projects p WHERE p.workspace_id = ? AND p.id > ? AND " +
                    VisibleCondition();
  Result<db::Rows> rows = AppError::Internal("unreachable");
  if (archived) {
    sql += " AND p.archived = ? ORDER BY p.id LIMIT ?";
    rows = conn.Query(sql, workspace_id, after, int(visibility.see_all),
                      int(visibility.see_workspace), visibility.user_id, *archived, limit);
  } else {
    sql += " ORDER BY p.id LIMIT ?";
    rows = conn.Query(sql, workspace_id, after, int(visibility.see_all),
                      int(visibility.see_workspace), visibility.user_id, limit);
  }
  if (!rows) return std::move(rows).error();
  std::vector<Project> out;
  for (db::Row row : *rows) out.push_back(ReadProject(row));
  return out;
}

Result<bool> UpdateProject(db::Conn& conn, const Project& project,
                           std::optional<int64_t> expected_version) {
  constexpr std::string_view kSet =
      "UPDATE projects SET key = ?, name = ?, description = ?, visibility = ?, archived = ?, "
      "updated_at = ?, version = version + 1 WHERE id = ?";
  const int64_t now = NowMillis();
  Result<int64_t> changed = expected_version
                                ? conn.Exec(std::string(kSet) + " AND version = ?", project.key,
                                            project.name, project.description, project.visibility,
                                            project.archived, now, project.id, *expected_version)
                                : conn.Exec(kSet, project.key, project.name, project.description,
                                            project.visibility, project.archived, now, project.id);
  if (!changed) return std::move(changed).error();
  return *changed > 0;
}

Status DeleteProject(db::Conn& conn, const std::string& project_id) {
  // Tasks first (their comments, labels and search rows follow by cascade
  // and triggers), then the statuses they reference, then the project.
  WS_TRY(conn.Exec("DELETE FROM tasks WHERE project_id = ? AND parent_id IS NOT NULL", project_id));
  WS_TRY(conn.Exec("DELETE FROM tasks WHERE project_id = ?", project_id));
  WS_TRY(conn.Exec("DELETE FROM statuses WHERE project_id = ?", project_id));
  WS_TRY(conn.Exec("DELETE FROM projects WHERE id = ?", project_id));
  return {};
}

Result<bool> ProjectKeyTaken(db::Conn& conn, const std::string& workspace_id,
                             const std::string& key, const std::string& except_id) {
  WS_ASSIGN(db::Rows rows,
            conn.Query("SELECT 1 FROM projects WHERE workspace_id = ? AND key = ? AND id <> ?",
                       workspace_id, key, except_id));
  return !rows.empty();
}

Status LockProject(db::Conn& conn, const std::string& project_id) {
  WS_TRY(conn.Exec("UPDATE projects SET task_counter = task_counter WHERE id = ?", project_id));
  return {};
}

Result<int64_t> NextTaskNumber(db::Conn& conn, const std::string& project_id) {
  // Two statements, not one with RETURNING: SQLite runs RETURNING through a
  // temporary table, which cost more than the second statement. The UPDATE
  // holds the row (PostgreSQL) until the transaction ends.
  WS_ASSIGN(
      int64_t changed,
      conn.Exec("UPDATE projects SET task_counter = task_counter + 1 WHERE id = ?", project_id));
  if (changed == 0) return AppError::NotFound("project not found");
  WS_ASSIGN(db::Rows rows,
            conn.Query("SELECT task_counter FROM projects WHERE id = ?", project_id));
  return rows.front().Int(0);
}

Result<std::vector<ProjectMember>> ListProjectMembers(db::Conn& conn, const std::string& project_id,
                                                      const std::string& after, int limit) {
  WS_ASSIGN(db::Rows rows,
            conn.Query("SELECT u.id, u.name, u.email, pm.added_at FROM project_members pm "
                       "JOIN users u ON u.id = pm.user_id WHERE pm.project_id = ? AND "
                       "pm.user_id > ? ORDER BY pm.user_id LIMIT ?",
                       project_id, after, limit));
  std::vector<ProjectMember> out;
  for (db::Row row : rows) out.push_back({row.Text(0), row.Text(1), row.Text(2), row.Int(3)});
  return out;
}

Result<std::optional<ProjectMember>> GetProjectMember(db::Conn& conn, const std::string& project_id,
                                                      const std::string& user_id) {
  WS_ASSIGN(db::Rows rows,
            conn.Query("SELECT u.id, u.name, u.email, pm.added_at FROM project_members pm "
                       "JOIN users u ON u.id = pm.user_id WHERE pm.project_id = ? AND "
                       "pm.user_id = ?",
                       project_id, user_id));
  if (rows.empty()) return std::optional<ProjectMember>();
  const db::Row row = rows.front();
  return std::optional<ProjectMember>(
      ProjectMember{row.Text(0), row.Text(1), row.Text(2), row.Int(3)});
}

Result<bool> AddProjectMember(db::Conn& conn, const std::string& workspace_id,
                              const std::string& project_id, const std::string& user_id,
                              int64_t now) {
  WS_ASSIGN(db::Rows rows,
            conn.Query("SELECT 1 FROM project_members WHERE project_id = ? AND user_id = ?",
                       project_id, user_id));
  if (!rows.empty()) return false;
  WS_TRY(
      conn.Exec("INSERT INTO project_members (workspace_id, project_id, user_id, added_at) "
                "VALUES (?, ?, ?, ?)",
                workspace_id, project_id, user_id, now));
  return true;
}

Result<bool> RemoveProjectMember(db::Conn& conn, const std::string& project_id,
                                 const std::string& user_id) {
  WS_ASSIGN(int64_t n, conn.Exec("DELETE FROM project_members WHERE project_id = ? AND user_id = ?",
                                 project_id, user_id));
  return n > 0;
}

Result<std::optional<Role>> WorkspaceRole(db::Conn& conn, const std::string& workspace_id,
                                          const std::string& user_id) {
  WS_ASSIGN(db::Rows rows,
            conn.Query("SELECT role FROM memberships WHERE workspace_id = ? AND user_id = ?",
                       workspace_id, user_id));
  if (rows.empty()) return std::optional<Role>();
  return workspaces::ParseRole(rows.front().Text(0));
}

Status InsertStatus(db::Conn& conn, const std::string& workspace_id, const TaskStatus& status) {
  WS_TRY(conn.Exec(
      "INSERT INTO statuses (id, workspace_id, project_id, name, category, position, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      status.id, workspace_id, status.project_id, status.name, status.category, status.position,
      NowMillis()));
  return {};
}

Result<std::vector<TaskStatus>> ListStatuses(db::Conn& conn, const std::string& project_id) {
  WS_ASSIGN(db::Rows rows, conn.Query("SELECT " + std::string(kStatusColumns) +
                                          " FROM statuses WHERE project_id = ? ORDER BY position",
                                      project_id));
  std::vector<TaskStatus> out;
  for (db::Row row : rows) out.push_back(ReadStatus(row));
  return out;
}

Result<std::optional<TaskStatus>> FirstOpenStatus(db::Conn& conn, const std::string& project_id) {
  // One walk of (project_id, position) per category; an ORDER BY on the
  // category would sort in a temporary b-tree on every task insert.
  static const std::string sql = "SELECT " + std::string(kStatusColumns) +
                                 " FROM statuses WHERE project_id = ? AND category = ? "
                                 "ORDER BY position LIMIT 1";
  for (const char* category : {"todo", "in_progress"}) {
    WS_ASSIGN(db::Rows rows, conn.Query(sql, project_id, category));
    if (!rows.empty()) return std::optional<TaskStatus>(ReadStatus(rows.front()));
  }
  return std::optional<TaskStatus>();
}

Result<std::optional<TaskStatus>> GetStatus(db::Conn& conn, const std::string& status_id) {
  WS_ASSIGN(db::Rows rows,
            conn.Query("SELECT " + std::string(kStatusColumns) + " FROM statuses WHERE id = ?",
                       status_id));
  if (rows.empty()) return std::optional<TaskStatus>();
  return std::optional<TaskStatus>(ReadStatus(rows.front()));
}

Status UpdateStatus(db::Conn& conn, const TaskStatus& status) {
  WS_TRY(conn.Exec("UPDATE statuses SET name = ?, category = ?, position = ? WHERE id = ?",
                   status.name, status.category, status.position, status.id));
  return {};
}

Status DeleteStatus(db::Conn& conn, const std::string& status_id) {
  WS_TRY(conn.Exec("DELETE FROM statuses WHERE id = ?", status_id));
  return {};
}

Result<int64_t> CountTasksInStatus(db::Conn& conn, const std::string& status_id) {
  WS_ASSIGN(db::Rows rows, conn.Query("SELECT COUNT(*) FROM tasks WHERE status_id = ?", status_id));
  return rows.front().Int(0);
}

Status SetCompletionOfStatus(db::Conn& conn, const std::string& status_id, bool done, int64_t now) {
  if (done) {
    WS_TRY(
        conn.Exec("UPDATE tasks SET completed_at = ? WHERE status_id = ? AND completed_at IS NULL",
                  now, status_id));
  } else {
    WS_TRY(conn.Exec("UPDATE tasks SET completed_at = NULL WHERE status_id = ?", status_id));
  }
  return {};
}

}  // namespace ws::projects::store
