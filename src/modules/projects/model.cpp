#include "modules/projects/model.hpp"

#include <boost/json/array.hpp>

#include "core/clock.hpp"
#include "core/crypto.hpp"

namespace ws::projects {

namespace {

constexpr std::string_view kCursorPrefix = "pj1:";
constexpr char kSeparator = '\x1f';

boost::json::value OptString(const std::optional<std::string>& value) {
  return value ? boost::json::value(*value) : boost::json::value(nullptr);
}

}  // namespace

bool IsValidProjectKey(std::string_view key) {
  if (key.size() < 2 || key.size() > 10) return false;
  for (char c : key) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

bool IsValidColor(std::string_view color) {
  if (color.size() != 7 || color[0] != '#') return false;
  for (char c : color.substr(1)) {
    const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!hex) return false;
  }
  return true;
}

bool IsCategory(std::string_view category) {
  return category == "todo" || category == "in_progress" || category == "done";
}

boost::json::object ToJson(const Project& project) {
  return {{"id", project.id},
          {"workspace_id", project.workspace_id},
          {"key", project.key},
          {"name", project.name},
          {"description", project.description},
          {"visibility", project.visibility},
          {"archived", project.archived},
          {"created_at", FormatTimestamp(project.created_at)},
          {"version", project.version}};
}

boost::json::object ToJson(const TaskStatus& status) {
  return {{"id", status.id},
          {"project_id", status.project_id},
          {"name", status.name},
          {"category", status.category},
          {"position", status.position}};
}

boost::json::object ToJson(const Label& label) {
  return {{"id", label.id},
          {"workspace_id", label.workspace_id},
          {"name", label.name},
          {"color", label.color},
          {"created_at", FormatTimestamp(label.created_at)}};
}

std::string TaskKey(const Task& task) {
  return task.project_key + "-" + std::to_string(task.number);
}

boost::json::object ToJson(const Task& task) {
  boost::json::array labels;
  for (const auto& id : task.labels) labels.emplace_back(id);
  boost::json::object out{{"id", task.id},
                          {"workspace_id", task.workspace_id},
                          {"project_id", task.project_id},
                          {"number", task.number},
                          {"key", TaskKey(task)},
                          {"title", task.title},
                          {"description", task.description},
                          {"status_id", task.status_id},
                          {"status_category", task.status_category},
                          {"priority", task.priority},
                          {"labels", std::move(labels)},
                          {"position", task.position},
                          {"created_by", task.created_by},
                          {"created_at", FormatTimestamp(task.created_at)},
                          {"updated_at", FormatTimestamp(task.updated_at)},
                          {"version", task.version}};
  out["assignee_id"] = OptString(task.assignee_id);
  out["due_date"] =
      task.due_date ? boost::json::value(FormatDate(*task.due_date)) : boost::json::value(nullptr);
  out["parent_id"] = OptString(task.parent_id);
  out["recurrence"] = OptString(task.recurrence);
  out["completed_at"] = task.completed_at ? boost::json::value(FormatTimestamp(*task.completed_at))
                                          : boost::json::value(nullptr);
  return out;
}

boost::json::object ToJson(const Comment& comment) {
  boost::json::object out{{"id", comment.id},
                          {"task_id", comment.task_id},
                          {"author_id", comment.author_id},
                          {"body", comment.body},
                          {"created_at", FormatTimestamp(comment.created_at)},
                          {"version", comment.version}};
  out["edited_at"] = comment.edited_at ? boost::json::value(FormatTimestamp(*comment.edited_at))
                                       : boost::json::value(nullptr);
  return out;
}

boost::json::object ToJson(const ProjectMember& member) {
  return {{"user", {{"id", member.user_id}, {"name", member.name}, {"email", member.email}}},
          {"added_at", FormatTimestamp(member.added_at)}};
}

boost::json::object ToJson(const SearchHit& hit) {
  return {{"type", hit.type},       {"id", hit.id},   {"title", hit.title},
          {"snippet", hit.snippet}, {"key", hit.key}, {"project_id", hit.project_id}};
}

std::string EncodeCursor(const std::vector<std::string>& parts) {
  std::string raw(kCursorPrefix);
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) raw += kSeparator;
    raw += parts[i];
  }
  return Base64UrlEncode(raw);
}

bool DecodeCursor(std::string_view cursor, size_t arity, std::vector<std::string>& parts) {
  std::string raw;
  if (cursor.empty() || cursor.size() > 1024 || !Base64UrlDecode(cursor, raw)) return false;
  if (!raw.starts_with(kCursorPrefix)) return false;
  parts.clear();
  std::string_view rest = std::string_view(raw).substr(kCursorPrefix.size());
  while (true) {
    const size_t cut = rest.find(kSeparator);
    parts.emplace_back(rest.substr(0, cut));
    if (cut == std::string_view::npos) break;
    rest = rest.substr(cut + 1);
  }
  return parts.size() == arity;
}

}  // namespace ws::projects
