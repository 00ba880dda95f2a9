// The authorization matrix: every workspaces route × every role × the
// caller's own workspace or another one, against the expected status. The
// route list comes from the router, so a new route without a row fails.
// Every refused request must leave the target workspace's event log as it
// was: no cross-workspace read or write, no partial change.
#include <array>
#include <functional>
#include <map>
#include <optional>

#include "workspaces_fixture.hpp"

namespace ws::test {
namespace {

using wsfx::Env;
using wsfx::Id;

enum Who { kOwner, kAdmin, kManager, kMember, kGuest, kNonMember, kAnonymous, kWhoCount };
constexpr std::array<const char*, kWhoCount> kWhoNames{"owner", "admin",      "manager",  "member",
                                                       "guest", "non-member", "anonymous"};
enum class Side { kOwn, kOther };
using Row = std::array<int, kWhoCount>;

constexpr Row kEveryone{200, 200, 200, 200, 200, 200, 401};
constexpr Row kMembers{200, 200, 200, 200, 200, 404, 401};
constexpr Row kNoGuests{200, 200, 200, 200, 403, 404, 401};
constexpr Row kAdmins{200, 200, 403, 403, 403, 404, 401};
constexpr Row kOutside{404, 404, 404, 404, 404, 404, 401};  // another workspace

Row With(Row row, int ok) {
  for (int& s : row) {
    if (s == 200) s = ok;
  }
  return row;
}

/// Two workspaces: A with one user per role, B owned by a stranger.
struct World {
  Env env;
  std::array<Account, kWhoCount> who;  // kAnonymous stays empty
  Account stranger;
  std::string a, b;
  Account victim_a, victim_b;  // plain members, targets of member routes
  std::string team_a, team_b, invitation_a, invitation_b;

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
    team_a = NewTeam(Side::kOwn, "Stable", victim_a.id);
    team_b = NewTeam(Side::kOther, "Stable", victim_b.id);
    invitation_a = NewInvitation(Side::kOwn).first;
    invitation_b = NewInvitation(Side::kOther).first;
  }

  const std::string& Ws(Side side) const { return side == Side::kOwn ? a : b; }
  const Account& Owner(Side side) const { return side == Side::kOwn ? who[kOwner] : stranger; }
  const Account& Victim(Side side) const { return side == Side::kOwn ? victim_a : victim_b; }
  const std::string& Team(Side side) const { return side == Side::kOwn ? team_a : team_b; }

  std::string NewTeam(Side side, const std::string& name, const std::string& member) {
    const std::string body = "{\"name\":\"" + name + "\",\"member_ids\":[\"" + member + "\"]}";
    auto r = env.Call(&Owner(side), "POST", "/api/v1/workspaces/" + Ws(side) + "/teams", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return Id(r.Json().as_object());
  }
  /// A pending invitation to a fresh address: {id, token}.
  std::pair<std::string, std::string> NewInvitation(Side side) {
    const std::string email = env.Email("invitee");
    boost::json::object body{{"email", email}, {"role", "member"}};
    auto r = env.Call(&Owner(side), "POST", "/api/v1/workspaces/" + Ws(side) + "/invitations",
                      boost::json::serialize(body));
    EXPECT_EQ(r.status, 201) << r.body;
    return {Id(r.Json().as_object()), env.TokenFor(email)};
  }
  int64_t Seq(const std::string& ws) {
    auto r = env.Call(&stranger, "GET", "/api/v1/workspaces/" + ws + "/events");
    if (r.status != 200) r = env.Call(&who[kOwner], "GET", "/api/v1/workspaces/" + ws + "/events");
    return r.status == 200 ? r.Json().at("last_seq").as_int64() : -1;
  }
};

/// What one cell sends; `ws` is the workspace whose log must not change
/// when the request is refused ("" for routes outside any workspace).
struct Target {
  std::string path;
  std::string body;
  std::string ws;
};

struct Case {
  std::function<Target(World&, Who, Side)> prepare;
  Row own;
  std::optional<Row> other = std::nullopt;  // default: kOutside
};

std::map<std::string, Case> Cases() {
  const std::string v = "/api/v1";
  auto ws_path = [v](const std::string& tail) {
    return [v, tail](World& w, Who, Side s) {
      return Target{v + "/workspaces/" + w.Ws(s) + tail, "", w.Ws(s)};
    };
  };
  std::map<std::string, Case> c;
  c["GET /api/v1/workspaces"] = {[v](World&, Who, Side) {
                                   return Target{v + "/workspaces", "", ""};
                                 },
                                 kEveryone, kEveryone};
  c["POST /api/v1/workspaces"] = {[v](World&, Who, Side) {
                                    return Target{v + "/workspaces", R"({"name":"Mine"})", ""};
                                  },
                                  With(kEveryone, 201), With(kEveryone, 201)};
  c["GET /api/v1/workspaces/{ws}"] = {ws_path(""), kMembers};
  c["PATCH /api/v1/workspaces/{ws}"] = {
      [v](World& w, Who, Side s) {
        return Target{v + "/workspaces/" + w.Ws(s), R"({"name":"Renamed"})", w.Ws(s)};
      },
      kAdmins};
  c["DELETE /api/v1/workspaces/{ws}"] = {[v](World& w, Who who, Side s) {
                                           // The owner really deletes: a workspace of their own
                                           // made for it.
                                           if (who == kOwner && s == Side::kOwn) {
                                             const std::string spare =
                                                 Id(w.env.CreateWorkspace(w.who[kOwner], "Spare"));
                                             return Target{v + "/workspaces/" + spare, "", spare};
                                           }
                                           return Target{v + "/workspaces/" + w.Ws(s), "", w.Ws(s)};
                                         },
                                         {204, 403, 403, 403, 403, 404, 401}};
  c["GET /api/v1/workspaces/{ws}/members"] = {ws_path("/members"), kMembers};
  c["PATCH /api/v1/workspaces/{ws}/members/{user_id}"] = {
      [v](World& w, Who, Side s) {
        return Target{v + "/workspaces/" + w.Ws(s) + "/members/" + w.Victim(s).id,
                      R"({"role":"member"})", w.Ws(s)};
      },
      kAdmins};
  c["DELETE /api/v1/workspaces/{ws}/members/{user_id}"] = {
      [v](World& w, Who who, Side s) {
        std::string target = w.Victim(s).id;
        if (s == Side::kOwn && (who == kOwner || who == kAdmin)) {
          target = w.env.NewMember(w.a, w.who[kOwner], "member", "Leaver").id;
        }
        return Target{v + "/workspaces/" + w.Ws(s) + "/members/" + target, "", w.Ws(s)};
      },
      With(kAdmins, 204)};
  c["POST /api/v1/workspaces/{ws}/invitations"] = {
      [v](World& w, Who, Side s) {
        const std::string body = "{\"email\":\"" + w.env.Email("fresh") + "\",\"role\":\"member\"}";
        return Target{v + "/workspaces/" + w.Ws(s) + "/invitations", body, w.Ws(s)};
      },
      With(kAdmins, 201)};
  c["GET /api/v1/workspaces/{ws}/invitations"] = {ws_path("/invitations"), kAdmins};
  c["DELETE /api/v1/invitations/{invitation}"] = {
      [v](World& w, Who, Side s) {
        return Target{v + "/invitations/" + w.NewInvitation(s).first, "", w.Ws(s)};
      },
      With(kAdmins, 204)};
  c["POST /api/v1/invitations/{invitation}/resend"] = {
      [v](World& w, Who, Side s) {
        const std::string& id = s == Side::kOwn ? w.invitation_a : w.invitation_b;
        return Target{v + "/invitations/" + id + "/resend", "", w.Ws(s)};
      },
      kAdmins};
  // The token is the credential: whoever holds it may read what it offers,
  // and only its addressee may use it.
  c["GET /api/v1/invitations/{invitation}"] = {
      [v](World& w, Who, Side s) {
        return Target{v + "/invitations/" + w.NewInvitation(s).second, "", w.Ws(s)};
      },
      {200, 200, 200, 200, 200, 200, 200},
      Row{200, 200, 200, 200, 200, 200, 200}};
  c["POST /api/v1/invitations/{invitation}/accept"] = {
      [v](World& w, Who, Side s) {
        return Target{v + "/invitations/" + w.NewInvitation(s).second + "/accept", "", w.Ws(s)};
      },
      {403, 403, 403, 403, 403, 403, 401},
      Row{403, 403, 403, 403, 403, 403, 401}};
  c["GET /api/v1/workspaces/{ws}/teams"] = {ws_path("/teams"), kNoGuests};
  c["POST /api/v1/workspaces/{ws}/teams"] = {
      [v](World& w, Who, Side s) {
        const std::string body = "{\"name\":\"" + w.env.Email("team") + "\"}";
        return Target{v + "/workspaces/" + w.Ws(s) + "/teams", body, w.Ws(s)};
      },
      With(kAdmins, 201)};
  c["PATCH /api/v1/teams/{id}"] = {
      [v](World& w, Who, Side s) {
        return Target{v + "/teams/" + w.Team(s), R"({"name":"Stable"})", w.Ws(s)};
      },
      kAdmins};
  c["DELETE /api/v1/teams/{id}"] = {
      [v](World& w, Who, Side s) {
        return Target{v + "/teams/" + w.NewTeam(s, w.env.Email("gone"), w.Victim(s).id), "",
                      w.Ws(s)};
      },
      With(kAdmins, 204)};
  c["PUT /api/v1/teams/{id}/members/{user_id}"] = {
      [v](World& w, Who, Side s) {
        return Target{v + "/teams/" + w.Team(s) + "/members/" + w.Victim(s).id, "", w.Ws(s)};
      },
      kAdmins};
  c["DELETE /api/v1/teams/{id}/members/{user_id}"] = {
      [v](World& w, Who, Side s) {
        const std::string team = w.NewTeam(s, w.env.Email("pair"), w.Victim(s).id);
        return Target{v + "/teams/" + team + "/members/" + w.Victim(s).id, "", w.Ws(s)};
      },
      With(kAdmins, 204)};
  c["GET /api/v1/workspaces/{ws}/activity"] = {ws_path("/activity"), kNoGuests};
  c["GET /api/v1/workspaces/{ws}/events"] = {ws_path("/events?wait=0"), kNoGuests};
  // Projects module (tests/api/projects_matrix_test.cpp has its other routes).
  c["GET /api/v1/workspaces/{ws}/projects"] = {ws_path("/projects"), kMembers};
  c["POST /api/v1/workspaces/{ws}/projects"] = {
      [v](World& w, Who, Side s) {
        static int n = 0;
        std::string key = "M";
        for (int k = ++n; k > 0; k /= 26) key += static_cast<char>('A' + k % 26);
        return Target{v + "/workspaces/" + w.Ws(s) + "/projects",
                      "{\"key\":\"" + key + "\",\"name\":\"P\"}", w.Ws(s)};
      },
      With(kNoGuests, 201)};
  c["GET /api/v1/workspaces/{ws}/labels"] = {ws_path("/labels"), kMembers};
  c["POST /api/v1/workspaces/{ws}/labels"] = {
      [v](World& w, Who, Side s) {
        const std::string body = "{\"name\":\"" + w.env.Email("label") + "\"}";
        return Target{v + "/workspaces/" + w.Ws(s) + "/labels", body, w.Ws(s)};
      },
      With(kNoGuests, 201)};
  c["GET /api/v1/workspaces/{ws}/search"] = {ws_path("/search?q=anything"), kMembers};
  return c;
}

bool IsWorkspacesRoute(const std::string& pattern) {
  return pattern.starts_with("/api/v1/workspaces") || pattern.starts_with("/api/v1/invitations") ||
         pattern.starts_with("/api/v1/teams");
}

TEST(WorkspaceMatrix, EveryRouteEveryRoleOwnAndOtherWorkspace) {
  World world;
  const auto cases = Cases();
  std::set<std::string> seen;
  int cells = 0;
  for (const http::Route* route : world.env.server.app().router().routes()) {
    if (!IsWorkspacesRoute(route->pattern)) continue;
    const std::string method(http::MethodName(route->method));
    const std::string key = method + " " + route->pattern;
    seen.insert(key);
    auto it = cases.find(key);
    if (it == cases.end()) {
      ADD_FAILURE() << key << " has no row in the authorization matrix";
      continue;
    }
    for (Side side : {Side::kOwn, Side::kOther}) {
      const Row& expected =
          side == Side::kOwn ? it->second.own : it->second.other.value_or(kOutside);
      for (int who = 0; who < kWhoCount; ++who) {
        SCOPED_TRACE(key + " as " + kWhoNames[who] + (side == Side::kOwn ? " (own)" : " (other)"));
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
  EXPECT_EQ(cells, int(cases.size()) * kWhoCount * 2);
}

}  // namespace
}  // namespace ws::test
