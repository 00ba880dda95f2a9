// Tasks, their labels, positions and the list queries.
#include <map>

#include "modules/projects/store.hpp"

namespace ws::projects::store {

namespace {

constexpr std::string_view kTaskSelect =
    "SELECT t.id, t.workspace_id, t.project_id, t.number, p.key, t.title, t.description, "
    "t.status_id, s.category, t.assignee_id, t.priority, t.due_date, t.parent_id, t.recurrence, "
    "t.series_start, t.position, t.completed_at, t.created_by, t.created_at, t.updated_at, "
    "t.version FROM tasks t JOIN statuses s ON s.id = t.status_id "
    "JOIN projects p ON p.id = t.project_id ";

/// Sorts tasks without a due date after every dated one.
constexpr std::string_view kDueKey = "COALESCE(t.due_date, 2147483647)";

Task ReadTask(const db::Row& row) {
  Task t;
  t.id = row.Text(0);
  t.workspace_id = row.Text(1);
  t.project_id = row.Text(2);
  t.number = row.Int(3);
  t.project_key = row.Text(4);
  t.title = row.Text(5);
  t.description = row.Text(6);
  t.status_id = row.Text(7);
  t.status_category = row.Text(8);
  t.assignee_id = row.OptText(9);
  t.priority = row.Text(10);
  t.due_date = row.OptInt(11);
  t.parent_id = row.OptText(12);
  t.recurrence = row.OptText(13);
  t.series_start = row.OptInt(14);
  t.position = row.Text(15);
  t.completed_at = row.OptInt(16);
  t.created_by = row.Text(17);
  t.created_at = row.Int(18);
  t.updated_at = row.Int(19);
  t.version = row.Int(20);
  return t;
}

Result<std::vector<Task>> ReadTasks(db::Conn& conn, const std::string& sql,
                                    const std::vector<db::Param>& params) {
  WS_ASSIGN(db::Rows rows, conn.Query(sql, std::span<const db::Param>(params)));
  std::vector<Task> out;
  out.reserve(rows.size());
  for (db::Row row : rows) out.push_back(ReadTask(row));
  WS_TRY(LoadLabels(conn, out));
  return out;
}

/// `'a', 'b'` of the roles that may perform `action`.
std::string RolesThatCan(workspaces::Action action) {
  std::string out;
  for (Role r : {Role::kGuest, Role::kMember, Role::kManager, Role::kAdmin, Role::kOwner}) {
    if (!workspaces::Can(r, action)) continue;
    if (!out.empty()) out += ", ";
    out += "'" + std::string(workspaces::RoleName(r)) + "'";
  }
  return out.empty() ? "''" : out;
}

}  // namespace

Status InsertTask(db::Conn& conn, const Task& task) {
  WS_TRY(conn.Exec(
      "INSERT INTO tasks (id, workspace_id, project_id, number, title, description, status_id, "
      "assignee_id, priority, due_date, parent_id, recurrence, series_start, position, "
      "completed_at, created_by, created_at, updated_at, version) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      task.id, task.workspace_id, task.project_id, task.number, task.title, task.description,
      task.status_id, task.assignee_id, task.priority, task.due_date, task.parent_id,
      task.recurrence, task.series_start, task.position, task.completed_at, task.created_by,
      task.created_at, task.updated_at, task.version));
  if (conn.backend() == db::Backend::kSqlite) {
    // Here rather than in a trigger (migration 0007): the task gets its
    // search document number, and the document waits for the commit step.
    // OR IGNORE: a deleted newest task's number may come back in the same
    // batch, while its removal still waits in the queue.
    WS_TRY(conn.Exec("INSERT INTO task_search (task_id) VALUES (?)", task.id));
    WS_TRY(conn.Exec("INSERT OR IGNORE INTO task_fts_pending (doc) VALUES (last_insert_rowid())"));
  }
  if (!task.labels.empty()) WS_TRY(SetTaskLabels(conn, task.id, task.labels));
  return {};
}

Result<std::optional<Task>> GetTask(db::Conn& conn, const std::string& task_id) {
  WS_ASSIGN(std::vector<Task> tasks,
            ReadTasks(conn, std::string(kTaskSelect) + "WHERE t.id = ?", {task_id}));
  if (tasks.empty()) return std::optional<Task>();
  return std::optional<Task>(std::move(tasks.front()));
}

Status UpdateTask(db::Conn& conn, const Task& task) {
  WS_TRY(conn.Exec(
      "UPDATE tasks SET title = ?, description = ?, status_id = ?, assignee_id = ?, priority = ?, "
      "due_date = ?, parent_id = ?, recurrence = ?, series_start = ?, position = ?, "
      "completed_at = ?, updated_at = ?, version = ? WHERE id = ?",
      task.title, task.description, task.status_id, task.assignee_id, task.priority, task.due_date,
      task.parent_id, task.recurrence, task.series_start, task.position, task.completed_at,
      task.updated_at, task.version, task.id));
  return {};
}

Status SetTaskLabels(db::Conn& conn, const std::string& task_id,
                     const std::vector<std::string>& labels) {
  WS_TRY(conn.Exec("DELETE FROM task_labels WHERE task_id = ?", task_id));
  for (const auto& label : labels) {
    WS_TRY(conn.Exec("INSERT INTO task_labels (task_id, label_id) VALUES (?, ?)", task_id, label));
  }
  return {};
}

Status DeleteTask(db::Conn& conn, const std::string& task_id) {
  WS_TRY(conn.Exec("DELETE FROM tasks WHERE id = ?", task_id));
  return {};
}

Result<std::vector<std::string>> ChildIds(db::Conn& conn, const std::string& task_id) {
  WS_ASSIGN(db::Rows rows,
            conn.Query("SELECT id FROM tasks WHERE parent_id = ? ORDER BY id", task_id));
  std::vector<std::string> out;
  for (db::Row row : rows) out.push_back(row.Text(0));
  return out;
}

Status SyncSearchIndex(db::Conn& conn) {
  if (conn.backend() != db::Backend::kSqlite) return {};
  WS_ASSIGN(db::Rows pending, conn.Query("SELECT 1 FROM task_fts_pending LIMIT 1"));
  if (pending.empty()) return {};
  // Set-wise: FTS5 also writes a segment at the end of every statement that
  // changes it, so one DELETE and one INSERT for the whole queue. CROSS JOIN
  // keeps the queue as the outer loop (not a scan of every document).
  WS_TRY(conn.Exec("DELETE FROM task_fts WHERE rowid IN (SELECT doc FROM task_fts_pending)"));
  WS_ASSIGN(const int64_t indexed,
            conn.Exec("INSERT INTO task_fts (rowid, title, body) SELECT ts.doc, t.title, "
                      "t.description || COALESCE(' ' || (SELECT group_concat(c.body, ' ') FROM "
                      "comments c WHERE c.task_id = t.id), '') FROM task_fts_pending p CROSS JOIN "
                      "task_search ts ON ts.doc = p.doc CROSS JOIN tasks t ON t.id = ts.task_id"));
  WS_TRY(conn.Exec("DELETE FROM task_fts_pending"));
  // FTS5's automatic merge is off (migration 0013): a few pages of merging
  // per batch, more for larger batches, keep the segments few without one
  // batch doing a whole level's merge.
  WS_TRY(conn.Exec("INSERT INTO task_fts (task_fts, rank) VALUES ('merge', ?)", 4 + indexed / 8));
  return {};
}

Result<int64_t> QueuedSearchDocuments(db::Conn& conn) {
  if (conn.backend() != db::Backend::kSqlite) return int64_t{0};
  WS_ASSIGN(db::Rows rows, conn.Query("SELECT COUNT(*) FROM task_fts_pending"));
  return rows.front().Int(0);
}

Status OptimizeSearchIndex(db::Conn& conn) {
  if (conn.backend() != db::Backend::kSqlite) return {};
  WS_TRY(conn.Exec("INSERT INTO task_fts (task_fts) VALUES ('optimize')"));
  return {};
}

Result<std::string> LastPosition(db::Conn& conn, const std::string& project_id,
                                 const std::string& status_id) {
  WS_ASSIGN(db::Rows rows, conn.Query("SELECT position FROM tasks WHERE project_id = ? AND "
                                      "status_id = ? ORDER BY position DESC LIMIT 1",
                                      project_id, status_id));
  return rows.empty() ? std::string() : rows.front().Text(0);
}

Result<std::string> NeighbourPosition(db::Conn& conn, const std::string& project_id,
                                      const std::string& status_id, const std::string& position,
                                      bool forward, const std::string& except_id) {
  const std::string sql =
      forward ? "SELECT position FROM tasks WHERE project_id = ? AND status_id = ? AND "
                "position > ? AND id <> ? ORDER BY position LIMIT 1"
              : "SELECT position FROM tasks WHERE project_id = ? AND status_id = ? AND "
                "position < ? AND id <> ? ORDER BY position DESC LIMIT 1";
  WS_ASSIGN(db::Rows rows, conn.Query(sql, project_id, status_id, position, except_id));
  return rows.empty() ? std::string() : rows.front().Text(0);
}

Result<std::vector<std::string>> ColumnIds(db::Conn& conn, const std::string& project_id,
                                           const std::string& status_id) {
  WS_ASSIGN(db::Rows rows, conn.Query("SELECT id FROM tasks WHERE project_id = ? AND "
                                      "status_id = ? ORDER BY position",
                                      project_id, status_id));
  std::vector<std::string> out;
  for (db::Row row : rows) out.push_back(row.Text(0));
  return out;
}

Status SetPosition(db::Conn& conn, const std::string& task_id, const std::string& position) {
  WS_TRY(conn.Exec("UPDATE tasks SET position = ? WHERE id = ?", position, task_id));
  return {};
}

Status PlaceTask(db::Conn& conn, const std::string& task_id, const std::string& status_id,
                 const std::string& position) {
  WS_TRY(conn.Exec("UPDATE tasks SET status_id = ?, position = ? WHERE id = ?", status_id, position,
                   task_id));
  return {};
}

Result<std::vector<Task>> ListTasks(db::Conn& conn, const TaskQuery& q) {
  std::string sql(kTaskSelect);
  std::vector<db::Param> params;
  sql += "WHERE t.project_id = ?";
  params.emplace_back(q.project_id);
  if (q.status_id) {
    sql += " AND t.status_id = ?";
    params.emplace_back(*q.status_id);
  }
  if (q.assignee_id) {
    sql += " AND t.assignee_id = ?";
    params.emplace_back(*q.assignee_id);
  }
  if (q.label_id) {
    sql += " AND EXISTS (SELECT 1 FROM task_labels tl WHERE tl.task_id = t.id AND tl.label_id = ?)";
    params.emplace_back(*q.label_id);
  }
  if (q.due_before) {
    sql += " AND t.due_date < ?";
    params.emplace_back(*q.due_before);
  }
  if (q.parent_id) {
    sql += " AND t.parent_id = ?";
    params.emplace_back(*q.parent_id);
  }
  if (!q.match.empty()) {
    sql += MatchCondition(conn.backend());
    params.emplace_back(q.match);
  }
  const bool descending = q.sort.starts_with('-');
  const std::string field = descending ? q.sort.substr(1) : q.sort;
  if (field == "position") {
    // One column (the service walks the columns in order).
    if (!q.after.empty()) {
      sql += " AND t.position > ?";
      params.emplace_back(q.after[0]);
    }
    sql += " ORDER BY t.position LIMIT ?";
  } else if (field == "created_at") {
    // Creation order is number order: numbers are handed out in order, by
    // the one writer (SQLite) or under the project row's lock (PostgreSQL),
    // and are unique per project, so (project_id, number) serves both the
    // order and the cursor's seek (migrations: no index on created_at).
    if (!q.after.empty()) {
      sql += descending ? " AND t.number < ?" : " AND t.number > ?";
      params.emplace_back(static_cast<int64_t>(std::stoll(q.after[0])));
    }
    sql += descending ? " ORDER BY t.number DESC LIMIT ?" : " ORDER BY t.number LIMIT ?";
  } else {
    const std::string key = field == "due_date" ? std::string(kDueKey) : "t." + field;
    const char* cmp = descending ? " < " : " > ";
    if (q.after.size() == 2) {
      sql += " AND (" + key + cmp + "? OR (" + key + " = ? AND t.id" + cmp + "?))";
      params.emplace_back(static_cast<int64_t>(std::stoll(q.after[0])));
      params.emplace_back(static_cast<int64_t>(std::stoll(q.after[0])));
      params.emplace_back(q.after[1]);
    }
    const char* dir = descending ? " DESC" : "";
    sql += " ORDER BY " + key + dir + ", t.id" + dir + " LIMIT ?";
  }
  params.emplace_back(q.limit);
  return ReadTasks(conn, sql, params);
}

Result<std::vector<Task>> MyTasks(db::Conn& conn, const MyTasksQuery& q) {
  std::string sql(kTaskSelect);
  std::vector<db::Param> params;
  sql +=
      "JOIN memberships m ON m.workspace_id = t.workspace_id AND m.user_id = t.assignee_id "
      "WHERE t.assignee_id = ? AND p.archived = ? AND (m.role IN (" +
      RolesThatCan(workspaces::Action::kSeeAllProjects) +
      ") OR (p.visibility = 'workspace' AND m.role IN (" +
      RolesThatCan(workspaces::Action::kSeeWorkspaceProjects) +
      ")) OR EXISTS (SELECT 1 FROM project_members pm WHERE pm.project_id = p.id AND "
      "pm.user_id = t.assignee_id))";
  params.emplace_back(q.user_id);
  params.emplace_back(false);
  if (q.from) {
    sql += " AND t.due_date >= ?";
    params.emplace_back(*q.from);
  }
  if (q.to) {
    sql += " AND t.due_date <= ?";
    params.emplace_back(*q.to);
  }
  if (q.open_only) sql += " AND s.category <> 'done'";
  if (q.after.size() == 2) {
    sql += " AND (" + std::string(kDueKey) + " > ? OR (" + std::string(kDueKey) +
           " = ? AND t.id > ?))";
    params.emplace_back(static_cast<int64_t>(std::stoll(q.after[0])));
    params.emplace_back(static_cast<int64_t>(std::stoll(q.after[0])));
    params.emplace_back(q.after[1]);
  }
  sql += " ORDER BY " + std::string(kDueKey) + ", t.id LIMIT ?";
  params.emplace_back(q.limit);
  return ReadTasks(conn, sql, params);
}

Status LoadLabels(db::Conn& conn, std::vector<Task>& tasks) {
  if (tasks.empty()) return {};
  std::string sql = "SELECT task_id, label_id FROM task_labels WHERE task_id IN (";
  std::vector<db::Param> params;
  std::map<std::string, Task*, std::less<>> by_id;
  for (size_t i = 0; i < tasks.size(); ++i) {
    sql += i == 0 ? "?" : ", ?";
    params.emplace_back(tasks[i].id);
    by_id.emplace(tasks[i].id, &tasks[i]);
  }
  sql += ") ORDER BY task_id, label_id";
  WS_ASSIGN(db::Rows rows, conn.Query(sql, std::span<const db::Param>(params)));
  for (db::Row row : rows) {
    auto it = by_id.find(row.Text(0));
    if (it != by_id.end()) it->second->labels.push_back(row.Text(1));
  }
  return {};
}

}  // namespace ws::projects::store
