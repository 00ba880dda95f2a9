#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bus/bus.hpp"
#include "bus/read_cache.hpp"
#include "core/page.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "modules/projects/model.hpp"

namespace ws::projects {

/// Absent (nullopt), JSON null (a present nullopt) or a value: PATCH fields
/// that can be cleared.
template <class T>
using Nullable = std::optional<std::optional<T>>;

using ws::Page;

/// `?limit=` and the raw `?cursor=` of a list request.
struct PageRequest {
  int limit = 50;
  std::string cursor;
};

struct ProjectInput {
  std::string key;
  std::string name;
  std::string description;
  std::string visibility = "workspace";
};

struct ProjectPatch {
  std::optional<std::string> key;
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::optional<std::string> visibility;
  std::optional<bool> archived;
};

struct StatusPatch {
  std::optional<std::string> name;
  std::optional<std::string> category;
  std::optional<std::string> after_id;   // re-order: right after this status
  std::optional<std::string> before_id;  // re-order: right before this status
};

struct LabelPatch {
  std::optional<std::string> name;
  std::optional<std::string> color;
};

struct TaskInput {
  std::string title;
  std::string description;
  std::optional<std::string> status_id;
  std::optional<std::string> assignee_id;
  std::string priority = "none";
  std::optional<int64_t> due_date;
  std::vector<std::string> labels;
  std::optional<std::string> parent_id;
  std::optional<std::string> recurrence;
};

struct TaskPatch {
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<std::string> status_id;
  std::optional<std::string> priority;
  Nullable<std::string> assignee_id;
  Nullable<int64_t> due_date;
  Nullable<std::string> parent_id;
  Nullable<std::string> recurrence;
  std::optional<std::vector<std::string>> labels;
};

struct MoveInput {
  std::optional<std::string> status_id;
  std::optional<std::string> after_id;
  std::optional<std::string> before_id;
};

/// GET /projects/{id}/tasks, validated by the route.
struct TaskFilter {
  std::optional<std::string> status_id;
  std::optional<std::string> assignee_id;
  std::optional<std::string> label_id;
  std::optional<int64_t> due_before;
  std::optional<std::string> parent_id;
  std::optional<std::string> q;
  std::string sort = "position";
};

/// Rules of projects and tasks. Every method takes the caller's user id,
/// checks workspace membership, project visibility and the role table, runs
/// in one transaction and appends its events there. What the caller may not
/// see is 404; what their role may not do is 403. `if_match` (a version)
/// makes an update conditional: 412 when stale.
class Service {
 public:
  Service(db::Database& db, bus::Bus& bus);

  // ---- projects and members (service_projects.cpp) ----
  Result<Project> CreateProject(const std::string& caller, const std::string& ws,
                                const ProjectInput& input);
  Result<Page<Project>> ListProjects(const std::string& caller, const std::string& ws,
                                     std::optional<bool> archived, const PageRequest& page);
  Result<Project> GetProject(const std::string& caller, const std::string& id);
  Result<Project> UpdateProject(const std::string& caller, const std::string& id,
                                const ProjectPatch& patch, std::optional<int64_t> if_match);
  Status DeleteProject(const std::string& caller, const std::string& id,
                       std::optional<int64_t> if_match);
  Result<Page<ProjectMember>> ListMembers(const std::string& caller, const std::string& id,
                                          const PageRequest& page);
  Result<ProjectMember> AddMember(const std::string& caller, const std::string& id,
                                  const std::string& user_id);
  Status RemoveMember(const std::string& caller, const std::string& id, const std::string& user_id);

  // ---- statuses and labels (service_statuses.cpp) ----
  Result<std::vector<TaskStatus>> ListStatuses(const std::string& caller,
                                               const std::string& project_id);
  Result<TaskStatus> CreateStatus(const std::string& caller, const std::string& project_id,
                                  const std::string& name, const std::string& category);
  Result<TaskStatus> UpdateStatus(const std::string& caller, const std::string& status_id,
                                  const StatusPatch& patch);
  Status DeleteStatus(const std::string& caller, const std::string& status_id);

  Result<Page<Label>> ListLabels(const std::string& caller, const std::string& ws,
                                 const PageRequest& page);
  Result<Label> CreateLabel(const std::string& caller, const std::string& ws,
                            const std::string& name, const std::string& color);
  Result<Label> UpdateLabel(const std::string& caller, const std::string& label_id,
                            const LabelPatch& patch);
  Status DeleteLabel(const std::string& caller, const std::string& label_id);

  // ---- tasks (service_tasks.cpp) ----
  /// Answers through `done` after commit, on a database thread, without
  /// holding the calling thread while the write waits for its batch.
  void CreateTask(std::string caller, std::string project_id, TaskInput input,
                  std::function<void(Result<Task>)> done);
  Result<Task> GetTask(const std::string& caller, const std::string& id);
  Result<Task> UpdateTask(const std::string& caller, const std::string& id, const TaskPatch& patch,
                          std::optional<int64_t> if_match);
  Result<Task> MoveTask(const std::string& caller, const std::string& id, const MoveInput& input,
                        std::optional<int64_t> if_match);
  Status DeleteTask(const std::string& caller, const std::string& id,
                    std::optional<int64_t> if_match);

  // ---- comments (service_comments.cpp) ----
  Result<Page<Comment>> ListComments(const std::string& caller, const std::string& task_id,
                                     const PageRequest& page);
  Result<Comment> CreateComment(const std::string& caller, const std::string& task_id,
                                const std::string& body);
  Result<Comment> UpdateComment(const std::string& caller, const std::string& id,
                                const std::string& body, std::optional<int64_t> if_match);
  Status DeleteComment(const std::string& caller, const std::string& id,
                       std::optional<int64_t> if_match);

  // ---- views and search (service_views.cpp) ----
  /// The tasks of a project as the JSON text of the page, from the list
  /// cache when an identical request (`cache_key`: project and query) is
  /// still current.
  Result<std::string> ListTasksJson(const std::string& caller, const std::string& project_id,
                                    const TaskFilter& filter, const PageRequest& page,
                                    const std::string& cache_key);
  /// `filter`: today | overdue | week | all, in the caller's time zone.
  Result<Page<Task>> MyTasks(const std::string& caller, const std::string& filter,
                             const PageRequest& page);
  Result<std::vector<SearchHit>> Search(const std::string& caller, const std::string& ws,
                                        const std::string& q, int limit);

 private:
  Result<Task> InsertNewTask(db::Conn& conn, const std::string& caller,
                             const std::string& project_id, const TaskInput& input);
  Result<Page<Task>> ListTasks(const std::string& caller, const std::string& project_id,
                               const TaskFilter& filter, const PageRequest& page,
                               std::string& workspace_id);

  db::Database& db_;
  bus::Bus& bus_;
  bus::ReadCache list_cache_;
};

}  // namespace ws::projects
