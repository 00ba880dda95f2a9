// The authorization matrix of the projects module: every route under
// /projects, /statuses, /tasks, /comments, /labels and /me/tasks × every role
// × a workspace-visible project of the caller's workspace (the guest added to
// it), a private project there (only its creator, the owner, is a member) and
// a project of another workspace. The route list comes from the router, so a
// new route without a row fails. A refused request must leave the target
// workspace's event log as it was. (/workspaces/{ws}/projects, labels and
// search are rows of workspaces_matrix_test.cpp.)
#include <array>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "projects_fixture.hpp"

namespace ws::test {
namespace {

using pjfx::J;
using wsfx::Env;
using wsfx::Id;

enum Who { kOwner, kAdmin, kManager, kMember, kGuest, kNonMember, kAnonymous, kWhoCount };
constexpr std::array<const char*, kWhoCount> kWhoNames{"owner", "admin",      "manager",  "member",
                                                       "guest", "non-member", "anonymous"};
enum class Side { kOwn, kPrivate, kOther };
using Row = std::array<int, kWhoCount>;

// Rows for the workspace-visible project (the guest is its member).
constexpr Row kSeers{200, 200, 200, 200, 200, 404, 401};
constexpr Row kManagers{200, 200, 200, 403, 403, 404, 401};
constexpr Row kAdmins{200, 200, 403, 403, 403, 404, 401};
constexpr Row kNoGuests{200, 200, 200, 200, 403, 404, 401};
constexpr Row kAuthor{200, 403, 403, 403, 403, 404, 401};  // the owner wrote it
// The private project: only the owner (its member) and admins see it.
constexpr Row kPrivate{200, 200, 404, 404, 404, 404, 401};
constexpr Row kPrivateAuthor{200, 403, 404, 404, 404, 404, 401};
constexpr Row kOutside{404, 404, 404, 404, 404, 404, 401};
constexpr Row kAnyone{200, 200, 200, 200, 200, 200, 401};

Row With(Row row, int ok) {
  for (int& s : row) {
    if (s == 200) s = ok;
  }
  return row;
}

struct World {
  Env env;
  std::array<Account, kWhoCount> who;
  Account stranger;
  std::string a, b;  // workspaces
  Account victim_a, victim_b;
  std::map<Side, std::string> project, task, status, comment, label;
  int counter = 0;

  World() {
    who[kOwner] = env.Register("Owner");
    a = Id(env.CreateWorkspace(who[kOwner], "Alpha"));
    who[kAdmin] = env.NewMember(a, who[kOwner], "admin", "Admin");
    who[kManager] = env.NewMember(a, who[kOwner], "manager", "Manager");
    who[kMember] = env.NewMember(a, who[kOwner], "member", "Member");
    who[kGuest] = env.NewMember(a, who[kOwner], "guest", "Guest");
    who[kNonMember] = env.Register("Outsider");
    stranger = env.Register("Stranger");
    b = Id(env.CreateWorkspace(stranger, "Beta"));
    victim_a = env.NewMember(a, who[kOwner], "member", "Victim A");
    victim_b = env.NewMember(b, stranger, "member", "Victim B");
    for (Side s : {Side::kOwn, Side::kPrivate, Side::kOther}) {
      project[s] = NewProject(s);
      task[s] = NewTask(s);
      status[s] = NewStatus(s);
      comment[s] = NewComment(s);
      label[s] = NewLabel(s);
    }
  }

  const std::string& Ws(Side s) const { return s == Side::kOther ? b : a; }
  const Account& Owner(Side s) const { return s == Side::kOther ? stranger : who[kOwner]; }
  const Account& Victim(Side s) const { return s == Side::kOther ? victim_b : victim_a; }

  /// A fresh upper-case project key.
  std::string Key() {
    std::string key = "K";
    for (int n = ++counter; n > 0; n /= 26) key += static_cast<char>('A' + n % 26);
    return key;
  }
  std::string Post(Side s, const std::string& path, const boost::json::object& body) {
    auto r = env.Call(&Owner(s), "POST", "/api/v1" + path, J(body));
    EXPECT_EQ(r.status, 201) << path << " " << r.body;
    return Id(r.Json().as_object());
  }
  std::string NewProject(Side s) {
    const std::string id = Post(s, "/workspaces/" + Ws(s) + "/projects",
                                {{"key", Key()},
                                 {"name", "P"},
                                 {"visibility", s == Side::kPrivate ? "private" : "workspace"}});
    if (s == Side::kOwn) {
      auto r =
          env.Call(&who[kOwner], "PUT", "/api/v1/projects/" + id + "/members/" + who[kGuest].id);
      EXPECT_EQ(r.status, 200) << r.body;
    }
    return id;
  }
  std::string NewTask(Side s) {
    return Post(s, "/projects/" + project[s] + "/tasks", {{"title", "T"}});
  }
  std::string NewStatus(Side s) {
    return Post(s, "/projects/" + project[s] + "/statuses", {{"name", "Spare"}});
  }
  std::string NewComment(Side s) {
    return Post(s, "/tasks/" + task[s] + "/comments", {{"body", "Hello"}});
  }
  std::string NewLabel(Side s) {
    return Post(s, "/workspaces/" + Ws(s) + "/labels", {{"name", "l" + std::to_string(++counter)}});
  }
  int64_t Seq(const std::string& ws) {
    const Account& reader = ws == b ? stranger : who[kOwner];
    auto r = env.Call(&reader, "GET", "/api/v1/workspaces/" + ws + "/events?wait=0");
    return r.status == 200 ? r.Json().at("last_seq").as_int64() : -1;
  }
};

struct Target {
  std::string path;
  std::string body;
  std::string ws;
};

struct Case {
  std::function<Target(World&, Who, Side)> prepare;
  Row own;
  Row priv;
  Row other = kOutside;
};

std::map<std::string, Case> Cases() {
  const std::string v = "/api/v1";
  // A path under a fixed resource of the side.
  auto fixed = [v](std::map<Side, std::string> World::*resource, std::string head, std::string tail,
                   std::string body = "") {
    return [=](World& w, Who, Side s) {
      return Target{v + head + (w.*resource)[s] + tail, body, w.Ws(s)};
    };
  };
  std::map<std::string, Case> c;
  c["GET /api/v1/projects/{id}"] = {fixed(&World::project, "/projects/", ""), kSeers, kPrivate};
  c["PATCH /api/v1/projects/{id}"] = {
      fixed(&World::project, "/projects/", "", R"({"name":"Renamed"})"), kManagers, kPrivate};
  c["DELETE /api/v1/projects/{id}"] = {
      [v](World& w, Who, Side s) {
        return Target{v + "/projects/" + w.NewProject(s), "", w.Ws(s)};
      },
      With(kAdmins, 204), With(kPrivate, 204)};
  c["GET /api/v1/projects/{id}/members"] = {fixed(&World::project, "/projects/", "/members"),
                                            kSeers, kPrivate};
  c["PUT /api/v1/projects/{id}/members/{user_id}"] = {
      [v](World& w, Who, Side s) {
        return Target{v + "/projects/" + w.project[s] + "/members/" + w.Victim(s).id, "", w.Ws(s)};
      },
      kManagers, kPrivate};
  c["DELETE /api/v1/projects/{id}/members/{user_id}"] = {
      [v](World& w, Who, Side s) {
        auto r = w.env.Call(&w.Owner(s), "PUT",
                            v + "/projects/" + w.project[s] + "/members/" + w.Victim(s).id);
        EXPECT_EQ(r.status, 200) << r.body;
        return Target{v + "/projects/" + w.project[s] + "/members/" + w.Victim(s).id, "", w.Ws(s)};
      },
      With(kManagers, 204), With(kPrivate, 204)};
  c["GET /api/v1/projects/{id}/statuses"] = {fixed(&World::project, "/projects/", "/statuses"),
                                             kSeers, kPrivate};
  c["POST /api/v1/projects/{id}/statuses"] = {
      fixed(&World::project, "/projects/", "/statuses", R"({"name":"New"})"), With(kManagers, 201),
      With(kPrivate, 201)};
  c["PATCH /api/v1/statuses/{id}"] = {
      fixed(&World::status, "/statuses/", "", R"({"name":"Renamed"})"), kManagers, kPrivate};
  c["DELETE /api/v1/statuses/{id}"] = {
      [v](World& w, Who, Side s) {
        return Target{v + "/statuses/" + w.NewStatus(s), "", w.Ws(s)};
      },
      With(kManagers, 204), With(kPrivate, 204)};
  c["GET /api/v1/projects/{id}/tasks"] = {fixed(&World::project, "/projects/", "/tasks"), kSeers,
                                          kPrivate};
  c["POST /api/v1/projects/{id}/tasks"] = {
      fixed(&World::project, "/projects/", "/tasks", R"({"title":"New"})"), With(kSeers, 201),
      With(kPrivate, 201)};
  c["GET /api/v1/tasks/{id}"] = {fixed(&World::task, "/tasks/", ""), kSeers, kPrivate};
  c["PATCH /api/v1/tasks/{id}"] = {fixed(&World::task, "/tasks/", "", R"({"title":"Edited"})"),
                                   kSeers, kPrivate};
  c["DELETE /api/v1/tasks/{id}"] = {[v](World& w, Who, Side s) {
                                      return Target{v + "/tasks/" + w.NewTask(s), "", w.Ws(s)};
                                    },
                                    With(kNoGuests, 204), With(kPrivate, 204)};
  c["POST /api/v1/tasks/{id}/move"] = {fixed(&World::task, "/tasks/", "/move", "{}"), kSeers,
                                       kPrivate};
  c["GET /api/v1/tasks/{id}/comments"] = {fixed(&World::task, "/tasks/", "/comments"), kSeers,
                                          kPrivate};
  c["POST /api/v1/tasks/{id}/comments"] = {
      fixed(&World::task, "/tasks/", "/comments", R"({"body":"Hi"})"), With(kSeers, 201),
      With(kPrivate, 201)};
  c["PATCH /api/v1/comments/{id}"] = {
      fixed(&World::comment, "/comments/", "", R"({"body":"Edited"})"), kAuthor, kPrivateAuthor};
  c["DELETE /api/v1/comments/{id}"] = {
      [v](World& w, Who, Side s) {
        return Target{v + "/comments/" + w.NewComment(s), "", w.Ws(s)};
      },
      With(kAuthor, 204), With(kPrivateAuthor, 204)};
  // Labels belong to the workspace: the private side is the same workspace.
  c["PATCH /api/v1/labels/{id}"] = {
      [v](World& w, Who, Side s) {
        return Target{v + "/labels/" + w.label[s],
                      "{\"name\":\"m" + std::to_string(++w.counter) + "\"}", w.Ws(s)};
      },
      kNoGuests, kNoGuests};
  c["DELETE /api/v1/labels/{id}"] = {[v](World& w, Who, Side s) {
                                       return Target{v + "/labels/" + w.NewLabel(s), "", w.Ws(s)};
                                     },
                                     With(kManagers, 204), With(kManagers, 204)};
  c["GET /api/v1/me/tasks"] = {[v](World&, Who, Side) {
                                 return Target{v + "/me/tasks", "", ""};
                               },
                               kAnyone, kAnyone, kAnyone};
  return c;
}

bool IsProjectsRoute(const std::string& pattern) {
  for (const char* prefix : {"/api/v1/projects", "/api/v1/statuses", "/api/v1/tasks",
                             "/api/v1/comments", "/api/v1/labels", "/api/v1/me/tasks"}) {
    if (pattern.starts_with(prefix)) return true;
  }
  return false;
}

TEST(ProjectsMatrix, EveryRouteEveryRoleOwnPrivateAndOtherWorkspace) {
  World world;
  const auto cases = Cases();
  std::set<std::string> seen;
  int cells = 0;
  for (const http::Route* route : world.env.server.app().router().routes()) {
    if (!IsProjectsRoute(route->pattern)) continue;
    const std::string method(http::MethodName(route->method));
    const std::string key = method + " " + route->pattern;
    seen.insert(key);
    auto it = cases.find(key);
    if (it == cases.end()) {
      ADD_FAILURE() << key << " has no row in the authorization matrix";
      continue;
    }
    for (Side side : {Side::kOwn, Side::kPrivate, Side::kOther}) {
      const Row& expected = side == Side::kOwn       ? it->second.own
                            : side == Side::kPrivate ? it->second.priv
                                                     : it->second.other;
      for (int who = 0; who < kWhoCount; ++who) {
        const char* side_name = side == Side::kOwn       ? " (own)"
                                : side == Side::kPrivate ? " (private)"
                                                         : " (other)";
        SCOPED_TRACE(key + " as " + kWhoNames[who] + side_name);
        Target target = it->second.prepare(world, Who(who), side);
        const int64_t before = target.ws.empty() ? 0 : world.Seq(target.ws);
        const Account* caller = who == kAnonymous ? nullptr : &world.who[who];
        auto r = world.env.Call(caller, method, target.path, target.body);
        EXPECT_EQ(r.status, expected[who]) << r.body;
        if (r.status >= 400) {
          EXPECT_FALSE(r.ErrorCode().empty()) << r.body;
          if (!target.ws.empty()) {
            EXPECT_EQ(world.Seq(target.ws), before) << "a refused request changed data";
          }
        }
        ++cells;
      }
    }
  }
  for (const auto& [key, unused] : cases) {
    EXPECT_TRUE(seen.contains(key)) << key << " is in the matrix but not a registered route";
  }
  EXPECT_EQ(cells, int(cases.size()) * kWhoCount * 3);
}

}  // namespace
}  // namespace ws::test
