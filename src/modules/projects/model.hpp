#pragma once

// Types of the projects module (API.md "Projects and tasks") and their JSON.

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ws::projects {

/// A board of tasks inside a workspace, addressed by its key (`WEB`).
struct Project {
  std::string id;
  std::string workspace_id;
  std::string key;
  std::string name;
  std::string description;
  std::string visibility = "workspace";  // or "private"
  bool archived = false;
  int64_t created_at = 0;
  int64_t version = 1;
  std::string created_by;
};

/// A column of a project's board; `category` drives completion.
struct TaskStatus {
  std::string id;
  std::string project_id;
  std::string name;
  std::string category;  // todo | in_progress | done
  std::string position;
};

/// A workspace-wide tag for tasks.
struct Label {
  std::string id;
  std::string workspace_id;
  std::string name;
  std::string color;
  int64_t created_at = 0;
};

/// A task: a card in one status column of one project.
struct Task {
  std::string id;
  std::string workspace_id;
  std::string project_id;
  int64_t number = 0;
  std::string project_key;  // for `key` (`WEB-12`)
  std::string title;
  std::string description;
  std::string status_id;
  std::string status_category;
  std::optional<std::string> assignee_id;
  std::string priority = "none";
  std::optional<int64_t> due_date;  // days since the epoch
  std::vector<std::string> labels;  // sorted ids
  std::optional<std::string> parent_id;
  std::optional<std::string> recurrence;
  std::optional<int64_t> series_start;  // hidden: anchors the recurrence
  std::string position;
  std::optional<int64_t> completed_at;
  std::string created_by;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  int64_t version = 1;
};

/// A comment on a task; only its author edits or deletes it.
struct Comment {
  std::string id;
  std::string workspace_id;
  std::string task_id;
  std::string author_id;
  std::string body;
  int64_t created_at = 0;
  std::optional<int64_t> edited_at;
  int64_t version = 1;
};

/// A project member: the user and when they were added.
struct ProjectMember {
  std::string user_id;
  std::string name;
  std::string email;
  int64_t added_at = 0;
};

/// One search hit.
struct SearchHit {
  std::string type = "task";
  std::string id;
  std::string title;
  std::string snippet;
  std::string project_id;
  std::string key;
};

/// Largest task description, in bytes (Markdown).
inline constexpr size_t kMaxDescriptionBytes = 100 * 1024;
/// Largest comment body, in bytes.
inline constexpr size_t kMaxCommentBytes = 64 * 1024;

// ---- rules ----

/// 2–10 upper-case ASCII letters.
bool IsValidProjectKey(std::string_view key);
/// `#rrggbb`.
bool IsValidColor(std::string_view color);
/// True for todo, in_progress, done.
bool IsCategory(std::string_view category);

// ---- JSON (API.md shapes) ----

boost::json::object ToJson(const Project& project);
boost::json::object ToJson(const TaskStatus& status);
boost::json::object ToJson(const Label& label);
boost::json::object ToJson(const Task& task);
/// The same shape as ToJson(task), serialized straight to text: for the
/// answers and events of the task write path.
std::string TaskJsonText(const Task& task);
boost::json::object ToJson(const Comment& comment);
boost::json::object ToJson(const ProjectMember& member);
boost::json::object ToJson(const SearchHit& hit);

/// `WEB-12`.
std::string TaskKey(const Task& task);

// ---- cursors: opaque wrappers of '\x1f'-joined key parts ----

std::string EncodeCursor(const std::vector<std::string>& parts);
/// False when `cursor` was not made by EncodeCursor or has another arity.
bool DecodeCursor(std::string_view cursor, size_t arity, std::vector<std::string>& parts);

}  // namespace ws::projects
