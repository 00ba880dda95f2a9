#include "modules/projects/visibility.hpp"

#include <boost/json/parse.hpp>
#include <optional>

#include "core/log.hpp"
#include "modules/workspaces/permissions.hpp"

namespace ws::projects {

namespace {

using workspaces::Action;
using workspaces::Role;

bool SeesAll(const std::string& role_name) {
  std::optional<Role> role = workspaces::ParseRole(role_name);
  return role && workspaces::Can(*role, Action::kSeeAllProjects);
}

/// Events whose memberships or roles change who sees a private project.
bool ChangesAudience(const bus::Event& event) {
  return event.type.starts_with("member.") || event.type.starts_with("project.member_") ||
         event.type == "project.deleted" || event.type == "workspace.deleted";
}

}  // namespace

std::string PrivateProjectOf(const bus::Event& event) {
  // Cheap pre-check: most events never mention a private project.
  if (event.data.find("project_visibility") == std::string::npos ||
      event.data.find("private") == std::string::npos) {
    return {};
  }
  boost::system::error_code ec;
  boost::json::value data = boost::json::parse(event.data, ec);
  if (ec || !data.is_object()) return {};
  const boost::json::object& object = data.get_object();
  const boost::json::value* visibility = object.if_contains("project_visibility");
  const boost::json::value* project = object.if_contains("project_id");
  if (visibility == nullptr || !visibility->is_string() || visibility->get_string() != "private") {
    return {};
  }
  // A private event without a usable project id is hidden from everyone but
  // owners/admins: "-" matches no project.
  if (project == nullptr || !project->is_string() || project->get_string().empty()) return "-";
  return std::string(project->get_string());
}

Result<std::vector<bool>> VisibleEvents(db::Conn& conn, const std::string& workspace_id,
                                        const std::string& user_id,
                                        const std::vector<const bus::Event*>& events) {
  std::vector<bool> keep(events.size(), true);
  std::vector<std::string> projects(events.size());
  bool any = false;
  for (size_t i = 0; i < events.size(); ++i) {
    projects[i] = PrivateProjectOf(*events[i]);
    any = any || !projects[i].empty();
  }
  if (!any) return keep;
  WS_ASSIGN(db::Rows roles,
            conn.Query("SELECT role FROM memberships WHERE workspace_id = ? AND user_id = ?",
                       workspace_id, user_id));
  if (!roles.empty() && SeesAll(roles.front().Text(0))) return keep;
  WS_ASSIGN(db::Rows rows, conn.Query("SELECT pm.project_id FROM project_members pm JOIN projects "
                                      "p ON p.id = pm.project_id WHERE p.workspace_id = ? AND "
                                      "pm.user_id = ?",
                                      workspace_id, user_id));
  std::unordered_set<std::string> mine;
  for (db::Row row : rows) mine.insert(row.Text(0));
  for (size_t i = 0; i < events.size(); ++i) {
    if (!projects[i].empty() && !mine.contains(projects[i])) keep[i] = false;
  }
  return keep;
}

EventAudience::EventAudience(db::Database& db, bus::Bus& bus) : db_(db), bus_(bus) {
  subscription_ =
      bus_.Subscribe([this](const std::shared_ptr<const bus::Event>& e) { OnEvent(*e); });
}

EventAudience::~EventAudience() { bus_.Unsubscribe(subscription_); }

void EventAudience::OnEvent(const bus::Event& event) {
  if (!ChangesAudience(event)) return;
  std::lock_guard lock(mutex_);
  ++generation_;
  allowed_.clear();
}

void EventAudience::Prepare(const bus::Event& event) {
  const std::string project = PrivateProjectOf(event);
  if (project.empty()) return;
  uint64_t generation = 0;
  {
    std::lock_guard lock(mutex_);
    if (allowed_.contains(project)) return;
    generation = generation_;
  }
  Load(project, event.workspace_id, generation);
}

bool EventAudience::Visible(const std::string& user_id, const bus::Event& event) {
  std::string project;
  uint64_t generation = 0;
  {
    std::lock_guard lock(mutex_);
    // The hub asks once per recipient, in a row: parse each event once.
    if (event.seq != last_seq_ || event.workspace_id != last_workspace_) {
      last_workspace_ = event.workspace_id;
      last_seq_ = event.seq;
      last_project_ = PrivateProjectOf(event);
    }
    if (last_project_.empty()) return true;
    auto it = allowed_.find(last_project_);
    if (it != allowed_.end()) return it->second->contains(user_id);
    project = last_project_;
    generation = generation_;
  }
  Allowed allowed = Load(project, event.workspace_id, generation);
  return allowed && allowed->contains(user_id);
}

EventAudience::Allowed EventAudience::Load(const std::string& project,
                                           const std::string& workspace_id, uint64_t generation) {
  // Once per project until memberships change: its members and the
  // workspace's owners/admins.
  Result<db::Rows> rows = db_.ReadValue<db::Rows>([&](db::Conn& conn) {
    return conn.Query(
        "SELECT m.user_id, m.role, (SELECT COUNT(*) FROM project_members pm WHERE "
        "pm.project_id = ? AND pm.user_id = m.user_id) FROM memberships m WHERE "
        "m.workspace_id = ?",
        project, workspace_id);
  });
  if (!rows) {
    log::Warn("private project audience unavailable", {{"detail", rows.error().detail}});
    return nullptr;
  }
  auto allowed = std::make_shared<std::unordered_set<std::string>>();
  for (db::Row row : *rows) {
    if (row.Int(2) > 0 || SeesAll(row.Text(1))) allowed->insert(row.Text(0));
  }
  std::lock_guard lock(mutex_);
  if (generation == generation_) allowed_[project] = allowed;
  return allowed;
}

}  // namespace ws::projects
