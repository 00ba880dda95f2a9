#pragma once

// SQL of the projects module, and nothing else: no rules, no permissions.
// Isolation guard: lookups by a global id (/projects/{id}, /tasks/{id}, …)
// answer the owning workspace and project so the service checks access
// before it acts; lists take the workspace or project id in their WHERE.
// Dialect differences (full-text search only) live in store_search.cpp.

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "db/database.hpp"
#include "modules/projects/model.hpp"
#include "modules/workspaces/permissions.hpp"

namespace ws::projects::store {

using workspaces::Role;

/// Which projects a caller sees: all, or `workspace` ones plus those they
/// were added to, or only those they were added to.
struct Visibility {
  std::string user_id;
  bool see_all = false;
  bool see_workspace = false;
};

/// A project with the caller's workspace role and project membership.
struct ProjectAccess {
  Project project;
  std::optional<Role> role;  // nullopt: not a member of the workspace
  bool project_member = false;
};

// ---- projects (store_projects.cpp) ----

Status InsertProject(db::Conn& conn, const Project& project);
Result<std::optional<ProjectAccess>> FindProjectAccess(db::Conn& conn,
                                                       const std::string& project_id,
                                                       const std::string& user_id);
/// Projects of a workspace the caller sees, by id after `after`.
Result<std::vector<Project>> ListProjects(db::Conn& conn, const std::string& workspace_id,
                                          const Visibility& visibility,
                                          std::optional<bool> archived, const std::string& after,
                                          int limit);
/// Writes the editable fields and bumps `version`; false when
/// `expected_version` is set and stale.
Result<bool> UpdateProject(db::Conn& conn, const Project& project,
                           std::optional<int64_t> expected_version);
Status DeleteProject(db::Conn& conn, const std::string& project_id);
Result<bool> ProjectKeyTaken(db::Conn& conn, const std::string& workspace_id,
                             const std::string& key, const std::string& except_id = "");
/// Serialises every task write of the project until commit (a row lock on
/// PostgreSQL; SQLite has one writer anyway).
Status LockProject(db::Conn& conn, const std::string& project_id);
/// The next task number of the project (its counter, incremented).
Result<int64_t> NextTaskNumber(db::Conn& conn, const std::string& project_id);

Result<std::vector<ProjectMember>> ListProjectMembers(db::Conn& conn, const std::string& project_id,
                                                      const std::string& after, int limit);
Result<std::optional<ProjectMember>> GetProjectMember(db::Conn& conn, const std::string& project_id,
                                                      const std::string& user_id);
/// False when already a member.
Result<bool> AddProjectMember(db::Conn& conn, const std::string& workspace_id,
                              const std::string& project_id, const std::string& user_id,
                              int64_t now);
/// False when not a member.
Result<bool> RemoveProjectMember(db::Conn& conn, const std::string& project_id,
                                 const std::string& user_id);
/// The workspace role of `user_id` (nullopt: not a member).
Result<std::optional<Role>> WorkspaceRole(db::Conn& conn, const std::string& workspace_id,
                                          const std::string& user_id);

// ---- statuses (store_projects.cpp) ----

Status InsertStatus(db::Conn& conn, const std::string& workspace_id, const TaskStatus& status);
/// By position.
Result<std::vector<TaskStatus>> ListStatuses(db::Conn& conn, const std::string& project_id);
/// The status new tasks start in: the first `todo` column, else the first
/// `in_progress` one; none when every column is `done`.
Result<std::optional<TaskStatus>> FirstOpenStatus(db::Conn& conn, const std::string& project_id);
Result<std::optional<TaskStatus>> GetStatus(db::Conn& conn, const std::string& status_id);
Status UpdateStatus(db::Conn& conn, const TaskStatus& status);
Status DeleteStatus(db::Conn& conn, const std::string& status_id);
Result<int64_t> CountTasksInStatus(db::Conn& conn, const std::string& status_id);
/// After a status changed category: sets `completed_at` of its tasks to
/// `now` (into done) or clears it (out of done).
Status SetCompletionOfStatus(db::Conn& conn, const std::string& status_id, bool done, int64_t now);

// ---- labels (store_labels.cpp) ----

Status InsertLabel(db::Conn& conn, const Label& label);
Result<std::optional<Label>> GetLabel(db::Conn& conn, const std::string& label_id);
Result<std::vector<Label>> ListLabels(db::Conn& conn, const std::string& workspace_id,
                                      const std::string& after, int limit);
Result<bool> LabelNameTaken(db::Conn& conn, const std::string& workspace_id,
                            const std::string& name, const std::string& except_id = "");
Status UpdateLabel(db::Conn& conn, const Label& label);
Status DeleteLabel(db::Conn& conn, const std::string& label_id);
/// How many of `ids` (distinct) are labels of the workspace.
Result<size_t> CountLabels(db::Conn& conn, const std::string& workspace_id,
                           const std::vector<std::string>& ids);
/// Ids of the tasks carrying the label.
Result<std::vector<std::string>> TasksWithLabel(db::Conn& conn, const std::string& label_id);

// ---- tasks (store_tasks.cpp) ----

Status InsertTask(db::Conn& conn, const Task& task);
Result<std::optional<Task>> GetTask(db::Conn& conn, const std::string& task_id);
/// Writes every mutable column and bumps `version`.
Status UpdateTask(db::Conn& conn, const Task& task);
Status SetTaskLabels(db::Conn& conn, const std::string& task_id,
                     const std::vector<std::string>& labels);
Status DeleteTask(db::Conn& conn, const std::string& task_id);
Result<std::vector<std::string>> ChildIds(db::Conn& conn, const std::string& task_id);
/// SQLite: re-indexes the task documents queued in `task_fts_pending` (by
/// InsertTask and the triggers of migration 0006: title, description and
/// comments; a deleted task's document leaves the index) and empties the
/// queue. The commit step of every write transaction (install.cpp).
/// PostgreSQL: nothing to do.
Status SyncSearchIndex(db::Conn& conn);
/// SQLite: how many documents wait in `task_fts_pending` (0 on PostgreSQL).
Result<int64_t> QueuedSearchDocuments(db::Conn& conn);
/// SQLite: merges the FTS5 index into one segment (after a bulk re-index).
Status OptimizeSearchIndex(db::Conn& conn);

/// The last position of a column ("" when empty).
Result<std::string> LastPosition(db::Conn& conn, const std::string& project_id,
                                 const std::string& status_id);
/// The position right after (`forward`) or before `position` in the column,
/// skipping `except_id` ("" when none).
Result<std::string> NeighbourPosition(db::Conn& conn, const std::string& project_id,
                                      const std::string& status_id, const std::string& position,
                                      bool forward, const std::string& except_id);
/// Ids of a column by position.
Result<std::vector<std::string>> ColumnIds(db::Conn& conn, const std::string& project_id,
                                           const std::string& status_id);
Status SetPosition(db::Conn& conn, const std::string& task_id, const std::string& position);
/// Moves a task to a column and position without touching its version.
Status PlaceTask(db::Conn& conn, const std::string& task_id, const std::string& status_id,
                 const std::string& position);

/// Filters and order of GET /projects/{id}/tasks (already validated).
struct TaskQuery {
  std::string project_id;
  std::optional<std::string> status_id;
  std::optional<std::string> assignee_id;
  std::optional<std::string> label_id;
  std::optional<int64_t> due_before;
  std::optional<std::string> parent_id;
  std::string match;  // full-text query (store_search.cpp syntax), "" for none
  std::string sort = "position";
  std::vector<std::string> after;  // decoded cursor parts, empty on the first page
  int limit = 50;
};
/// One column's tasks (sort=position) or the project's (other sorts).
Result<std::vector<Task>> ListTasks(db::Conn& conn, const TaskQuery& query);

/// Tasks assigned to `user_id` across every workspace where they may see
/// the project; `from`/`to` bound the due date (inclusive); `open_only`
/// skips done tasks. Ordered by (due date, nulls last; id) after `after`.
struct MyTasksQuery {
  std::string user_id;
  std::optional<int64_t> from;
  std::optional<int64_t> to;
  bool open_only = false;
  std::vector<std::string> after;
  int limit = 50;
};
Result<std::vector<Task>> MyTasks(db::Conn& conn, const MyTasksQuery& query);

/// Fills `labels` of every task with one query.
Status LoadLabels(db::Conn& conn, std::vector<Task>& tasks);

// ---- comments (store_labels.cpp) ----

Status InsertComment(db::Conn& conn, const Comment& comment);
Result<std::optional<Comment>> GetComment(db::Conn& conn, const std::string& comment_id);
Result<std::vector<Comment>> ListComments(db::Conn& conn, const std::string& task_id,
                                          const std::string& after, int limit);
/// New body, edited_at, version + 1; false when `expected_version` is stale.
Result<bool> UpdateComment(db::Conn& conn, const std::string& comment_id, const std::string& body,
                           int64_t now, std::optional<int64_t> expected_version);
Status DeleteComment(db::Conn& conn, const std::string& comment_id);

// ---- search (store_search.cpp: the dialect file) ----

/// The words of a user's query (letters and digits, lower-cased ASCII),
/// at most 16.
std::vector<std::string> SearchWords(std::string_view q);
/// The backend's full-text query for `words`, the last one as a prefix.
std::string MatchExpression(db::Backend backend, const std::vector<std::string>& words);
/// `AND t.id …` restricting tasks `t` to matches of one `?` parameter.
std::string MatchCondition(db::Backend backend);
/// Ranked hits over titles, descriptions and comments of the workspace's
/// tasks in projects the caller sees.
Result<std::vector<SearchHit>> SearchTasks(db::Conn& conn, const std::string& workspace_id,
                                           const Visibility& visibility, const std::string& match,
                                           int limit);
/// `(…)` true when project `p` is visible; binds 3 parameters (see Bind).
std::string VisibleCondition();

}  // namespace ws::projects::store
