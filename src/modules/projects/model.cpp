#include "modules/projects/model.hpp"

#include <boost/json/array.hpp>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/log.hpp"

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

namespace {

/// Calls the sink once per field of a task's API shape, in its order: the
/// object (ToJson) and the text (TaskJsonText) come from this one list.
template <class Sink>
void VisitTask(const Task& task, Sink& sink) {
  sink.Text("id", task.id);
  sink.Text("workspace_id", task.workspace_id);
  sink.Text("project_id", task.project_id);
  sink.Int("number", task.number);
  sink.Text("key", TaskKey(task));
  sink.Text("title", task.title);
  sink.Text("description", task.description);
  sink.Text("status_id", task.status_id);
  sink.Text("status_category", task.status_category);
  sink.Text("priority", task.priority);
  sink.Texts("labels", task.labels);
  sink.Text("position", task.position);
  sink.Text("created_by", task.created_by);
  sink.Text("created_at", FormatTimestamp(task.created_at));
  sink.Text("updated_at", FormatTimestamp(task.updated_at));
  sink.Int("version", task.version);
  sink.OptText("assignee_id", task.assignee_id);
  sink.OptText("due_date", task.due_date ? std::optional<std::string>(FormatDate(*task.due_date))
                                         : std::nullopt);
  sink.OptText("parent_id", task.parent_id);
  sink.OptText("recurrence", task.recurrence);
  sink.OptText("completed_at", task.completed_at
                                   ? std::optional<std::string>(FormatTimestamp(*task.completed_at))
                                   : std::nullopt);
}

struct ObjectSink {
  boost::json::object& out;
  void Text(std::string_view key, std::string_view value) { out[key] = value; }
  void Int(std::string_view key, int64_t value) { out[key] = value; }
  void OptText(std::string_view key, const std::optional<std::string>& value) {
    out[key] = OptString(value);
  }
  void Texts(std::string_view key, const std::vector<std::string>& values) {
    boost::json::array array;
    for (const auto& value : values) array.emplace_back(value);
    out[key] = std::move(array);
  }
};

struct TextSink {
  std::string& out;
  void Key(std::string_view key) {
    out += out.back() == '{' ? "\"" : ",\"";
    out += key;
    out += "\":";
  }
  void Quoted(std::string_view value) {
    out += '"';
    log::AppendJsonEscaped(out, value);
    out += '"';
  }
  void Text(std::string_view key, std::string_view value) {
    Key(key);
    Quoted(value);
  }
  void Int(std::string_view key, int64_t value) {
    Key(key);
    out += std::to_string(value);
  }
  void OptText(std::string_view key, const std::optional<std::string>& value) {
    if (value) return Text(key, *value);
    Key(key);
    out += "null";
  }
  void Texts(std::string_view key, const std::vector<std::string>& values) {
    Key(key);
    out += '[';
    for (size_t i = 0; i < values.size(); ++i) {
      if (i > 0) out += ',';
      Quoted(values[i]);
    }
    out += ']';
  }
};

}  // namespace

boost::json::object ToJson(const Task& task) {
  boost::json::object out(24);
  ObjectSink sink{out};
  VisitTask(task, sink);
  return out;
}

std::string TaskJsonText(const Task& task) {
  std::string out;
  out.reserve(512 + task.title.size() + task.description.size());
  out += '{';
  TextSink sink{out};
  VisitTask(task, sink);
  out += '}';
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
