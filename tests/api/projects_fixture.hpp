#pragma once

// State builders for the projects API tests, on top of workspaces_fixture.hpp.
// State is built through the public HTTP API; only `Snapshot` reads the
// database directly, to prove that a refused request changed nothing.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "workspaces_fixture.hpp"

namespace ws::test::pjfx {

using wsfx::Id;

/// JSON text of an object literal.
inline std::string J(const boost::json::object& object) { return boost::json::serialize(object); }

/// A workspace with an owner, and helpers for projects and tasks.
class Env : public wsfx::Env {
 public:
  Env() {
    owner = Register("Olive Owner");
    ws = Id(CreateWorkspace(owner, "Acme"));
  }

  /// `who`'s headers with an extra one (If-Match, …).
  HttpResponse CallWith(const Account& who, const std::string& method, const std::string& path,
                        const std::string& body, std::map<std::string, std::string> extra) {
    return server.Send(method, path, body, who.Bearer(std::move(extra)));
  }

  boost::json::object Project(const Account& who, const std::string& key,
                              const std::string& visibility = "workspace",
                              const std::string& in_ws = "") {
    auto r = Call(&who, "POST", "/api/v1/workspaces/" + (in_ws.empty() ? ws : in_ws) + "/projects",
                  J({{"key", key}, {"name", key + " project"}, {"visibility", visibility}}));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.Json().as_object();
  }

  /// The statuses of a project by position.
  std::vector<boost::json::object> Statuses(const Account& who, const std::string& project) {
    auto r = Call(&who, "GET", "/api/v1/projects/" + project + "/statuses");
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<boost::json::object> out;
    const boost::json::value r_json = r.Json();
    for (const auto& s : r_json.at("items").as_array()) out.push_back(s.as_object());
    return out;
  }

  boost::json::object Task(const Account& who, const std::string& project,
                           boost::json::object body) {
    auto r = Call(&who, "POST", "/api/v1/projects/" + project + "/tasks", J(body));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.Json().as_object();
  }

  boost::json::object Task(const Account& who, const std::string& project,
                           const std::string& title) {
    return Task(who, project, boost::json::object{{"title", title}});
  }

  boost::json::object Get(const Account& who, const std::string& path) {
    auto r = Call(&who, "GET", path);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.Json().as_object();
  }

  /// Every task of a list (following cursors), as JSON objects.
  std::vector<boost::json::object> All(const Account& who, const std::string& path,
                                       int limit = 200) {
    std::vector<boost::json::object> out;
    std::string cursor;
    const char sep = path.find('?') == std::string::npos ? '?' : '&';
    for (int guard = 0; guard < 10000; ++guard) {
      std::string target = path + sep + "limit=" + std::to_string(limit);
      if (!cursor.empty()) target += "&cursor=" + cursor;
      auto r = Call(&who, "GET", target);
      EXPECT_EQ(r.status, 200) << r.body;
      if (r.status != 200) break;
      const boost::json::value r_json = r.Json();
      for (const auto& item : r_json.at("items").as_array()) out.push_back(item.as_object());
      const auto& next = r_json.at("next_cursor");
      if (next.is_null()) break;
      cursor = std::string(next.as_string());
    }
    return out;
  }

  /// Ids of a list of objects.
  static std::vector<std::string> Ids(const std::vector<boost::json::object>& items) {
    std::vector<std::string> out;
    for (const auto& item : items) out.push_back(Id(item));
    return out;
  }

  /// Everything the module stores for the workspace plus its event log, as
  /// text: equal snapshots mean nothing changed.
  std::string Snapshot() {
    std::string out;
    Status read = server.app().database().Read([&](db::Conn& c) -> Status {
      const char* queries[] = {
          "SELECT id, key, name, visibility, archived, task_counter, version FROM projects "
          "WHERE workspace_id = ? ORDER BY id",
          "SELECT id, name, category, position FROM statuses WHERE workspace_id = ? ORDER BY id",
          "SELECT id, name, color FROM labels WHERE workspace_id = ? ORDER BY id",
          "SELECT id, title, description, status_id, assignee_id, priority, due_date, parent_id, "
          "recurrence, position, completed_at, version FROM tasks WHERE workspace_id = ? "
          "ORDER BY id",
          "SELECT tl.task_id, tl.label_id FROM task_labels tl JOIN tasks t ON t.id = tl.task_id "
          "WHERE t.workspace_id = ? ORDER BY tl.task_id, tl.label_id",
          "SELECT id, body, version FROM comments WHERE workspace_id = ? ORDER BY id",
          "SELECT project_id, user_id FROM project_members WHERE workspace_id = ? "
          "ORDER BY project_id, user_id",
          "SELECT seq FROM events WHERE workspace_id = ? ORDER BY seq"};
      for (const char* sql : queries) {
        auto rows = c.Query(sql, ws);
        EXPECT_TRUE(rows.ok()) << sql;
        if (!rows.ok()) continue;
        for (db::Row row : *rows) {
          for (size_t i = 0; i < row.size(); ++i) out += row.Text(i) + "|";
          out += "\n";
        }
        out += "--\n";
      }
      return {};
    });
    EXPECT_TRUE(read.ok());
    return out;
  }

  Account owner;
  std::string ws;
};

/// The status/code check of an error answer.
inline void ExpectError(const HttpResponse& r, int status, const std::string& code) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.ErrorCode(), code) << r.body;
}

/// `"n"`.
inline std::string Quoted(int64_t version) { return "\"" + std::to_string(version) + "\""; }

inline std::string Str(const boost::json::object& o, const char* key) {
  return std::string(o.at(key).as_string());
}

}  // namespace ws::test::pjfx
