// Tasks: create, read, update, move, delete; completion and recurrence.
#include <algorithm>
#include <boost/json/array.hpp>
#include <map>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "modules/projects/service_internal.hpp"
#include "recurrence/recurrence.hpp"

namespace ws::projects {

using internal::Action;
using internal::AuthorizeProject;
using internal::Emit;
using internal::Scope;

namespace {

constexpr int64_t kDayMillis = 24LL * 3600 * 1000;
constexpr std::string_view kAfterAllKeys = "~";

/// Field errors collected across one request, answered together.
class Problems {
 public:
  void Add(const std::string& field, std::string message) {
    fields_.emplace(field, std::move(message));
  }
  Status Check() const {
    if (fields_.empty()) return {};
    const auto& [field, message] = *fields_.begin();
    return AppError{ErrorCode::kValidationFailed, field + " " + message, {}, fields_, 0};
  }

 private:
  std::map<std::string, std::string> fields_;
};

struct Loaded {
  Scope scope;
  Task task;
};

/// The task and its project for a write: locks the project (every task
/// write of a project is serialised, so positions and numbers never race),
/// then checks access and reads the task as it is now.
Result<Loaded> LoadForWrite(db::Conn& conn, const std::string& caller, const std::string& id,
                            Action action) {
  WS_ASSIGN(std::optional<Task> located, store::GetTask(conn, id));
  if (!located) return AppError::NotFound("task not found");
  WS_TRY(store::LockProject(conn, located->project_id));
  WS_ASSIGN(Scope scope, AuthorizeProject(conn, located->project_id, caller, action));
  WS_TRY(internal::RequireActive(scope));
  WS_ASSIGN(std::optional<Task> task, store::GetTask(conn, id));
  if (!task) return AppError::NotFound("task not found");
  return Loaded{std::move(scope), std::move(*task)};
}

/// The status `id` when it belongs to the project, else a field problem.
Result<std::optional<TaskStatus>> StatusOf(db::Conn& conn, const Project& project,
                                           const std::string& id, Problems& problems) {
  WS_ASSIGN(std::optional<TaskStatus> status, store::GetStatus(conn, id));
  if (!status || status->project_id != project.id) {
    problems.Add("status_id", "is not a status of this project");
    return std::optional<TaskStatus>();
  }
  return status;
}

Status CheckAssignee(db::Conn& conn, const Project& project, const std::string& user_id,
                     Problems& problems) {
  WS_ASSIGN(bool sees, internal::UserSees(conn, project, user_id));
  if (!sees) problems.Add("assignee_id", "must be a workspace member who can see the project");
  return {};
}

/// Sorted, without duplicates; a problem unless all are workspace labels.
Result<std::vector<std::string>> CheckLabels(db::Conn& conn, const Project& project,
                                             std::vector<std::string> labels, Problems& problems) {
  std::sort(labels.begin(), labels.end());
  labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
  WS_ASSIGN(size_t known, store::CountLabels(conn, project.workspace_id, labels));
  if (known != labels.size()) problems.Add("labels", "must be ids of labels of this workspace");
  return labels;
}

/// Subtasks are one level deep, in the same project, never the task itself.
Status CheckParent(db::Conn& conn, const Project& project, const std::string& parent_id,
                   const std::string& self_id, bool self_has_children, Problems& problems) {
  if (parent_id == self_id) {
    problems.Add("parent_id", "must not be the task itself");
    return {};
  }
  WS_ASSIGN(std::optional<Task> parent, store::GetTask(conn, parent_id));
  if (!parent || parent->project_id != project.id) {
    problems.Add("parent_id", "must be a task of the same project");
  } else if (parent->parent_id) {
    problems.Add("parent_id", "must be a top-level task (subtasks are one level deep)");
  } else if (self_has_children) {
    problems.Add("parent_id", "a task with subtasks cannot become a subtask");
  }
  return {};
}

void CheckRule(const std::string& rule, Problems& problems) {
  const std::string reason = recurrence::Problem(rule);
  if (!reason.empty()) problems.Add("recurrence", reason);
}

int64_t Today(int64_t now) { return now / kDayMillis; }

/// The next occurrence of a recurring task just completed, created in the
/// same write unit: same fields, first open status, due date advanced by the
/// rule from the series start. nullopt when the series is exhausted.
Result<std::optional<Task>> SpawnNext(db::Conn& conn, const std::string& caller, const Scope& scope,
                                      const Task& done, int64_t now) {
  if (!done.recurrence) return std::optional<Task>();
  const int64_t after = done.due_date.value_or(Today(now));
  const int64_t start = done.series_start.value_or(after);
  auto next = recurrence::NextDate(*done.recurrence, start, after);
  if (!next) {
    return AppError::Invalid("recurrence", next.error().message);
  }
  if (!next->has_value()) return std::optional<Task>();
  WS_ASSIGN(std::optional<TaskStatus> open, store::FirstOpenStatus(conn, scope.project.id));
  if (!open) return std::optional<Task>();  // a board without open columns: nothing to spawn
  Task task = done;
  task.id = NewId();
  WS_ASSIGN(task.number, store::NextTaskNumber(conn, scope.project.id));
  task.status_category = open->category;
  task.due_date = **next;
  task.series_start = start;
  task.completed_at.reset();
  task.created_by = caller;
  task.created_at = task.updated_at = now;
  task.version = 1;
  WS_TRY(internal::PlaceAtEnd(conn, task, open->id));
  WS_TRY(store::InsertTask(conn, task));
  return std::optional<Task>(std::move(task));
}

/// Applies a change of status category: completion time, and for a
/// recurring task entering `done` the next occurrence (the completed task
/// stops recurring, so re-completing it never spawns twice).
Result<std::optional<Task>> ApplyCategory(db::Conn& conn, const std::string& caller,
                                          const Scope& scope, const std::string& old_category,
                                          Task& task, int64_t now) {
  const bool was_done = old_category == "done";
  const bool is_done = task.status_category == "done";
  if (is_done == was_done) return std::optional<Task>();
  if (!is_done) {
    task.completed_at.reset();
    return std::optional<Task>();
  }
  task.completed_at = now;
  WS_ASSIGN(std::optional<Task> spawned, SpawnNext(conn, caller, scope, task, now));
  if (spawned) task.recurrence.reset();
  return spawned;
}

boost::json::object WithChanges(const Task& task, const boost::json::array& changed) {
  boost::json::object data = ToJson(task);
  data["changed"] = changed;
  return data;
}

}  // namespace

void Service::CreateTask(std::string caller, std::string project_id, TaskInput input,
                         std::function<void(Result<Task>)> done) {
  struct Args {
    std::string caller;
    std::string project_id;
    TaskInput input;
  };
  auto args = std::make_shared<const Args>(
      Args{std::move(caller), std::move(project_id), std::move(input)});
  db_.WriteValueAsync<Task>(
      [this, args](db::Conn& conn) {
        return InsertNewTask(conn, args->caller, args->project_id, args->input);
      },
      std::move(done));
}

Result<Task> Service::InsertNewTask(db::Conn& conn, const std::string& caller,
                                    const std::string& project_id, const TaskInput& input) {
  WS_ASSIGN(Scope scope, AuthorizeProject(conn, project_id, caller, Action::kWriteTasks));
  WS_TRY(internal::RequireActive(scope));
  const Project& project = scope.project;
  Problems problems;
  std::optional<TaskStatus> status;
  if (input.status_id) {
    WS_ASSIGN(status, StatusOf(conn, project, *input.status_id, problems));
  } else {
    WS_ASSIGN(status, store::FirstOpenStatus(conn, project.id));
    if (!status) problems.Add("status_id", "is required: the project has no open status");
  }
  if (input.assignee_id) WS_TRY(CheckAssignee(conn, project, *input.assignee_id, problems));
  WS_ASSIGN(std::vector<std::string> labels, CheckLabels(conn, project, input.labels, problems));
  if (input.parent_id) WS_TRY(CheckParent(conn, project, *input.parent_id, "", false, problems));
  if (input.recurrence) CheckRule(*input.recurrence, problems);
  WS_TRY(problems.Check());

  const int64_t now = NowMillis();
  Task task;
  task.id = NewId();
  task.workspace_id = project.workspace_id;
  task.project_id = project.id;
  task.project_key = project.key;
  WS_ASSIGN(task.number, store::NextTaskNumber(conn, project.id));
  task.title = input.title;
  task.description = input.description;
  task.status_category = status->category;
  task.assignee_id = input.assignee_id;
  task.priority = input.priority;
  task.due_date = input.due_date;
  task.labels = std::move(labels);
  task.parent_id = input.parent_id;
  task.recurrence = input.recurrence;
  if (task.recurrence) task.series_start = task.due_date.value_or(Today(now));
  if (task.status_category == "done") task.completed_at = now;
  task.created_by = caller;
  task.created_at = task.updated_at = now;
  WS_TRY(internal::PlaceAtEnd(conn, task, status->id));
  WS_TRY(store::InsertTask(conn, task));
  WS_TRY(internal::EmitTaskCreated(conn, bus_, caller, task, project));
  return task;
}

Result<Task> Service::GetTask(const std::string& caller, const std::string& id) {
  return db_.ReadValue<Task>([&](db::Conn& conn) -> Result<Task> {
    WS_ASSIGN(std::optional<Task> task, store::GetTask(conn, id));
    if (!task) return AppError::NotFound("task not found");
    WS_TRY(AuthorizeProject(conn, task->project_id, caller, Action::kViewWorkspace));
    return std::move(*task);
  });
}

Result<Task> Service::UpdateTask(const std::string& caller, const std::string& id,
                                 const TaskPatch& patch, std::optional<int64_t> if_match) {
  return db_.WriteValue<Task>([&](db::Conn& conn) -> Result<Task> {
    WS_ASSIGN(Loaded loaded, LoadForWrite(conn, caller, id, Action::kWriteTasks));
    WS_TRY(internal::CheckVersion(if_match, loaded.task.version));
    const Project& project = loaded.scope.project;
    const Task& before = loaded.task;
    Task after = before;
    boost::json::array changed;
    Problems problems;
    auto mark = [&](bool differs, const char* name) {
      if (differs) changed.emplace_back(name);
    };

    if (patch.title) {
      mark(*patch.title != after.title, "title");
      after.title = *patch.title;
    }
    if (patch.description) {
      mark(*patch.description != after.description, "description");
      after.description = *patch.description;
    }
    if (patch.priority) {
      mark(*patch.priority != after.priority, "priority");
      after.priority = *patch.priority;
    }
    if (patch.assignee_id) {
      if (*patch.assignee_id) WS_TRY(CheckAssignee(conn, project, **patch.assignee_id, problems));
      mark(*patch.assignee_id != after.assignee_id, "assignee_id");
      after.assignee_id = *patch.assignee_id;
    }
    if (patch.due_date) {
      mark(*patch.due_date != after.due_date, "due_date");
      after.due_date = *patch.due_date;
    }
    if (patch.parent_id) {
      if (*patch.parent_id && *patch.parent_id != before.parent_id) {
        WS_ASSIGN(std::vector<std::string> children, store::ChildIds(conn, before.id));
        WS_TRY(
            CheckParent(conn, project, **patch.parent_id, before.id, !children.empty(), problems));
      }
      mark(*patch.parent_id != after.parent_id, "parent_id");
      after.parent_id = *patch.parent_id;
    }
    if (patch.labels) {
      WS_ASSIGN(std::vector<std::string> labels,
                CheckLabels(conn, project, *patch.labels, problems));
      mark(labels != after.labels, "labels");
      after.labels = std::move(labels);
    }
    if (patch.recurrence) {
      if (*patch.recurrence) CheckRule(**patch.recurrence, problems);
      mark(*patch.recurrence != after.recurrence, "recurrence");
      after.recurrence = *patch.recurrence;
    }
    std::optional<TaskStatus> status;
    if (patch.status_id && *patch.status_id != before.status_id) {
      WS_ASSIGN(status, StatusOf(conn, project, *patch.status_id, problems));
    }
    WS_TRY(problems.Check());
    // A new rule (or a rule with a new due date) starts its series again.
    if (after.recurrence &&
        (after.recurrence != before.recurrence || after.due_date != before.due_date)) {
      after.series_start = after.due_date.value_or(Today(NowMillis()));
    }
    if (!after.recurrence) after.series_start.reset();

    const int64_t now = NowMillis();
    std::optional<Task> spawned;
    if (status) {
      changed.emplace_back("status_id");
      WS_TRY(internal::PlaceAtEnd(conn, after, status->id));
      after.status_category = status->category;
      WS_ASSIGN(spawned,
                ApplyCategory(conn, caller, loaded.scope, before.status_category, after, now));
    }
    if (changed.empty()) return after;
    after.version = before.version + 1;
    after.updated_at = now;
    WS_TRY(store::UpdateTask(conn, after));
    if (after.labels != before.labels) WS_TRY(store::SetTaskLabels(conn, after.id, after.labels));
    WS_TRY(Emit(conn, bus_, after.workspace_id, "task.updated", caller, "task", after.id,
                WithChanges(after, changed), &project));
    if (spawned) {
      WS_TRY(internal::EmitTaskCreated(conn, bus_, caller, *spawned, project));
    }
    return after;
  });
}

Result<Task> Service::MoveTask(const std::string& caller, const std::string& id,
                               const MoveInput& input, std::optional<int64_t> if_match) {
  return db_.WriteValue<Task>([&](db::Conn& conn) -> Result<Task> {
    WS_ASSIGN(Loaded loaded, LoadForWrite(conn, caller, id, Action::kWriteTasks));
    WS_TRY(internal::CheckVersion(if_match, loaded.task.version));
    const Project& project = loaded.scope.project;
    const Task& before = loaded.task;
    Problems problems;
    const std::string target = input.status_id.value_or(before.status_id);
    WS_ASSIGN(std::optional<TaskStatus> status, StatusOf(conn, project, target, problems));
    WS_TRY(problems.Check());

    // A neighbour must be another task of the target column; its position
    // is read again after a rebalance.
    auto neighbour = [&](const std::optional<std::string>& nid,
                         const char* field) -> Result<std::optional<std::string>> {
      if (!nid) return std::optional<std::string>();
      WS_ASSIGN(std::optional<Task> other, store::GetTask(conn, *nid));
      if (*nid == before.id || !other || other->project_id != project.id ||
          other->status_id != target) {
        return AppError::Invalid(field, "must be another task in the target column");
      }
      return std::optional<std::string>(other->position);
    };
    auto bounds = [&]() -> Result<std::pair<std::string, std::string>> {
      WS_ASSIGN(std::optional<std::string> lo, neighbour(input.after_id, "after_id"));
      WS_ASSIGN(std::optional<std::string> hi, neighbour(input.before_id, "before_id"));
      if (lo && hi && !(*lo < *hi)) {
        return AppError::Invalid("after_id", "must come before before_id in the column");
      }
      if (lo) {
        // Right after `after` (and so before `before` when both are given).
        WS_ASSIGN(std::string next,
                  store::NeighbourPosition(conn, project.id, target, *lo, true, before.id));
        if (!hi || (!next.empty() && next < *hi)) hi = next;
        return std::pair<std::string, std::string>(*lo, *hi);
      }
      if (hi) {
        WS_ASSIGN(std::string prev,
                  store::NeighbourPosition(conn, project.id, target, *hi, false, before.id));
        return std::pair<std::string, std::string>(prev, *hi);
      }
      WS_ASSIGN(std::string last,
                store::NeighbourPosition(conn, project.id, target, std::string(kAfterAllKeys),
                                         false, before.id));
      return std::pair<std::string, std::string>(last, "");
    };
    Task after = before;
    WS_ASSIGN(after.position, internal::KeyBetween(conn, project.id, target, before.id, bounds));
    after.status_id = target;
    after.status_category = status->category;
    const int64_t now = NowMillis();
    WS_ASSIGN(std::optional<Task> spawned,
              ApplyCategory(conn, caller, loaded.scope, before.status_category, after, now));
    after.version = before.version + 1;
    after.updated_at = now;
    WS_TRY(store::UpdateTask(conn, after));
    boost::json::object data = ToJson(after);
    data["from_status_id"] = before.status_id;
    WS_TRY(Emit(conn, bus_, after.workspace_id, "task.moved", caller, "task", after.id, data,
                &project));
    if (spawned) {
      WS_TRY(internal::EmitTaskCreated(conn, bus_, caller, *spawned, project));
    }
    return after;
  });
}

Status Service::DeleteTask(const std::string& caller, const std::string& id,
                           std::optional<int64_t> if_match) {
  return db_.Write([&](db::Conn& conn) -> Status {
    WS_ASSIGN(Loaded loaded, LoadForWrite(conn, caller, id, Action::kDeleteTasks));
    WS_TRY(internal::CheckVersion(if_match, loaded.task.version));
    // Subtasks go with their parent (ON DELETE CASCADE), each with its event.
    WS_ASSIGN(std::vector<std::string> children, store::ChildIds(conn, id));
    children.push_back(id);
    for (const auto& gone : children) {
      WS_TRY(Emit(conn, bus_, loaded.task.workspace_id, "task.deleted", caller, "task", gone,
                  {{"id", gone}}, &loaded.scope.project));
    }
    return store::DeleteTask(conn, id);
  });
}

}  // namespace ws::projects
