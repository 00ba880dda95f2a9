// Workspaces and memberships through the API: create, list, read, rename,
// slugs, delete, roles and the last-owner rules; bad input changes nothing.
#include "workspaces_fixture.hpp"

namespace ws::test {
namespace {

using wsfx::Env;
using wsfx::Id;

void ExpectError(const HttpResponse& r, int status, const std::string& code) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.ErrorCode(), code) << r.body;
}

TEST(WorkspaceCrud, CreateListReadRenameDelete) {
  Env env;
  const Account& ada = env.admin;
  auto ws = env.CreateWorkspace(ada, "Acme Inc.");
  EXPECT_EQ(ws.at("name").as_string(), "Acme Inc.");
  EXPECT_EQ(ws.at("slug").as_string(), "acme-inc");
  EXPECT_EQ(ws.at("plan").as_string(), "free");
  EXPECT_EQ(ws.at("my_role").as_string(), "owner");
  EXPECT_EQ(ws.at("created_at").as_string().size(), 24u);
  const std::string id = Id(ws);

  // The same name again gets a suffixed slug; an explicit slug is kept.
  EXPECT_EQ(env.CreateWorkspace(ada, "Acme Inc").at("slug").as_string(), "acme-inc-2");
  EXPECT_EQ(env.CreateWorkspace(ada, "Other", "my-team").at("slug").as_string(), "my-team");
  EXPECT_EQ(env.CreateWorkspace(ada, "日本").at("slug").as_string(), "workspace");

  auto list = env.Call(&ada, "GET", "/api/v1/workspaces?limit=2");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.Json().at("items").as_array().size(), 2u);
  const std::string cursor(list.Json().at("next_cursor").as_string());
  auto rest = env.Call(&ada, "GET", "/api/v1/workspaces?limit=2&cursor=" + cursor);
  EXPECT_EQ(rest.Json().at("items").as_array().size(), 2u);
  EXPECT_TRUE(rest.Json().at("next_cursor").is_null());
  ExpectError(env.Call(&ada, "GET", "/api/v1/workspaces?cursor=garbage"), 400, "bad_request");
  ExpectError(env.Call(&ada, "GET", "/api/v1/workspaces?limit=500"), 400, "bad_request");

  // Read by id or slug; rename; change slug.
  EXPECT_EQ(env.Call(&ada, "GET", "/api/v1/workspaces/acme-inc").Json().at("id").as_string(), id);
  auto renamed =
      env.Call(&ada, "PATCH", "/api/v1/workspaces/" + id, R"({"name":"Acme Corp","slug":"acme"})");
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(renamed.Json().at("name").as_string(), "Acme Corp");
  EXPECT_EQ(renamed.Json().at("slug").as_string(), "acme");
  EXPECT_EQ(env.Call(&ada, "GET", "/api/v1/workspaces/acme").status, 200);
  EXPECT_EQ(env.Call(&ada, "GET", "/api/v1/workspaces/acme-inc").status, 404);

  // Someone else cannot see it at all.
  Account bob = env.Register("Bob");
  ExpectError(env.Call(&bob, "GET", "/api/v1/workspaces/" + id), 404, "not_found");
  ExpectError(env.Call(&bob, "DELETE", "/api/v1/workspaces/" + id), 404, "not_found");
  EXPECT_EQ(env.Call(&bob, "GET", "/api/v1/workspaces").Json().at("items").as_array().size(), 0u);
  ExpectError(env.Call(nullptr, "GET", "/api/v1/workspaces"), 401, "unauthorized");

  // Delete removes it and its data.
  Account carol = env.NewMember(id, ada, "admin", "Carol");
  ExpectError(env.Call(&carol, "DELETE", "/api/v1/workspaces/" + id), 403, "forbidden");
  EXPECT_EQ(env.Call(&ada, "DELETE", "/api/v1/workspaces/" + id).status, 204);
  ExpectError(env.Call(&ada, "GET", "/api/v1/workspaces/" + id), 404, "not_found");
  ExpectError(env.Call(&carol, "GET", "/api/v1/workspaces/" + id + "/members"), 404, "not_found");
  Status left = env.server.app().database().Read([&](db::Conn& c) -> Status {
    for (const char* table : {"memberships", "invitations", "teams", "events", "event_counters"}) {
      auto rows =
          c.Query(std::string("SELECT COUNT(*) FROM ") + table + " WHERE workspace_id = ?", id);
      EXPECT_TRUE(rows.ok());
      if (rows.ok()) {
        EXPECT_EQ(rows->front().Int(0), 0) << table;
      }
    }
    return {};
  });
  EXPECT_TRUE(left.ok());
}

TEST(WorkspaceCrud, BadSlugsNamesAndRolesChangeNothing) {
  Env env;
  const Account& ada = env.admin;
  const std::string id = Id(env.CreateWorkspace(ada, "Alpha", "alpha"));
  env.CreateWorkspace(ada, "Beta", "beta");
  const int64_t seq = env.LastSeq(id, ada);
  for (const char* slug : {"ab", "-abc", "abc-", "ABC", "a_b_c", "with space", "ünï",
                           "x1234567890123456789012345678901234567890"}) {
    boost::json::object body{{"slug", slug}};
    auto r = env.Call(&ada, "PATCH", "/api/v1/workspaces/" + id, boost::json::serialize(body));
    ExpectError(r, 422, "validation_failed");
    EXPECT_TRUE(r.Json().at("error").at("fields").as_object().contains("slug")) << slug;
    body["name"] = "New";
    ExpectError(env.Call(&ada, "POST", "/api/v1/workspaces", boost::json::serialize(body)), 422,
                "validation_failed");
  }
  auto taken = env.Call(&ada, "PATCH", "/api/v1/workspaces/" + id, R"({"slug":"beta"})");
  ExpectError(taken, 409, "conflict");
  ExpectError(env.Call(&ada, "POST", "/api/v1/workspaces", R"({"name":"X","slug":"beta"})"), 409,
              "conflict");
  ExpectError(env.Call(&ada, "POST", "/api/v1/workspaces", R"({"name":""})"), 422,
              "validation_failed");
  ExpectError(env.Call(&ada, "POST", "/api/v1/workspaces", R"({"name":"X","plan":"pro"})"), 422,
              "validation_failed");
  ExpectError(env.Call(&ada, "POST", "/api/v1/workspaces", R"({"name":)"), 400, "bad_request");
  ExpectError(env.Call(&ada, "PATCH", "/api/v1/workspaces/" + id + "/members/" + ada.id,
                       R"({"role":"superuser"})"),
              422, "validation_failed");
  ExpectError(env.Call(&ada, "POST", "/api/v1/workspaces/" + id + "/invitations",
                       R"({"email":"x@example.com","role":"king"})"),
              422, "validation_failed");
  auto after = env.Call(&ada, "GET", "/api/v1/workspaces/" + id).Json();
  EXPECT_EQ(after.at("slug").as_string(), "alpha");
  EXPECT_EQ(after.at("name").as_string(), "Alpha");
  EXPECT_EQ(env.LastSeq(id, ada), seq);
}

TEST(WorkspaceCrud, RolesAndTheLastOwner) {
  Env env;
  const Account& ada = env.admin;
  const std::string id = Id(env.CreateWorkspace(ada, "Roles"));
  const std::string members = "/api/v1/workspaces/" + id + "/members/";
  Account carol = env.NewMember(id, ada, "admin", "Carol");
  Account dave = env.NewMember(id, ada, "member", "Dave");
  const int64_t seq = env.LastSeq(id, ada);

  // The last owner can neither demote themselves nor leave.
  ExpectError(env.Call(&ada, "PATCH", members + ada.id, R"({"role":"admin"})"), 409, "conflict");
  ExpectError(env.Call(&ada, "DELETE", members + ada.id), 409, "conflict");
  // Only owners grant or remove owner; admins manage the rest.
  ExpectError(env.Call(&carol, "PATCH", members + dave.id, R"({"role":"owner"})"), 403,
              "forbidden");
  ExpectError(env.Call(&carol, "PATCH", members + ada.id, R"({"role":"member"})"), 403,
              "forbidden");
  ExpectError(env.Call(&carol, "DELETE", members + ada.id), 403, "forbidden");
  ExpectError(env.Call(&dave, "PATCH", members + dave.id, R"({"role":"admin"})"), 403, "forbidden");
  ExpectError(env.Call(&ada, "PATCH", members + "01900000-0000-7000-8000-000000000000",
                       R"({"role":"member"})"),
              404, "not_found");
  EXPECT_EQ(env.LastSeq(id, ada), seq);  // nothing changed

  auto manager = env.Call(&carol, "PATCH", members + dave.id, R"({"role":"manager"})");
  ASSERT_EQ(manager.status, 200) << manager.body;
  EXPECT_EQ(manager.Json().at("role").as_string(), "manager");
  EXPECT_EQ(manager.Json().at("user").at("email").as_string(), dave.email);

  // Hand over ownership, then the former owner may step down and leave.
  EXPECT_EQ(env.Call(&ada, "PATCH", members + carol.id, R"({"role":"owner"})").status, 200);
  EXPECT_EQ(env.Call(&ada, "PATCH", members + ada.id, R"({"role":"admin"})").status, 200);
  ExpectError(env.Call(&carol, "DELETE", members + carol.id), 409, "conflict");
  EXPECT_EQ(env.Call(&ada, "DELETE", members + ada.id).status, 204);
  ExpectError(env.Call(&ada, "GET", "/api/v1/workspaces/" + id), 404, "not_found");

  // Removal ends access at once.
  EXPECT_EQ(env.Call(&dave, "GET", "/api/v1/workspaces/" + id).status, 200);
  EXPECT_EQ(env.Call(&carol, "DELETE", members + dave.id).status, 204);
  ExpectError(env.Call(&dave, "GET", "/api/v1/workspaces/" + id), 404, "not_found");
  ExpectError(env.Call(&dave, "GET", "/api/v1/workspaces/" + id + "/events"), 404, "not_found");
}

TEST(WorkspaceCrud, GuestsSeeOnlyThemselves) {
  Env env;
  const Account& ada = env.admin;
  const std::string id = Id(env.CreateWorkspace(ada, "Guests"));
  Account gus = env.NewMember(id, ada, "guest", "Gus");
  env.NewMember(id, ada, "member", "Mia");
  auto all = env.Call(&ada, "GET", "/api/v1/workspaces/" + id + "/members");
  EXPECT_EQ(all.Json().at("items").as_array().size(), 3u);
  auto own = env.Call(&gus, "GET", "/api/v1/workspaces/" + id + "/members");
  ASSERT_EQ(own.status, 200) << own.body;
  const auto items = own.Json().at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].at("user").at("id").as_string(), gus.id);
  EXPECT_EQ(items[0].at("role").as_string(), "guest");
  EXPECT_EQ(env.Call(&gus, "GET", "/api/v1/workspaces/" + id + "/teams").status, 403);
  EXPECT_EQ(env.Call(&gus, "GET", "/api/v1/workspaces/" + id).Json().at("my_role").as_string(),
            "guest");
}

// The member list is cached between changes (docs/workspaces.md "Members"):
// every read below comes right after a change that must show at once.
TEST(WorkspaceCrud, RepeatedMemberListsShowEveryChangeAtOnce) {
  Env env;
  const Account& ada = env.admin;
  const std::string slug = "cached-members";
  const std::string id = Id(env.CreateWorkspace(ada, "Cached", slug));
  Account mia = env.NewMember(id, ada, "member", "Mia");
  const auto names = [&](const Account& who, const std::string& ref) {
    auto r = env.Call(&who, "GET", "/api/v1/workspaces/" + ref + "/members?limit=50");
    EXPECT_EQ(r.status, 200) << r.body;
    std::map<std::string, std::string> out;
    if (r.status != 200) return out;
    const boost::json::value json = r.Json();
    for (const auto& item : json.at("items").as_array()) {
      out[std::string(item.at("user").at("id").as_string())] =
          std::string(item.at("user").at("name").as_string()) + "/" +
          std::string(item.at("role").as_string());
    }
    return out;
  };
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(names(ada, id).size(), 2u);
    EXPECT_EQ(names(mia, id).size(), 2u);
    EXPECT_EQ(names(ada, slug).size(), 2u);
  }
  // A user's new name has no workspace event; it shows anyway.
  ASSERT_EQ(env.Call(&mia, "PATCH", "/api/v1/me", R"({"name":"Mia Renamed"})").status, 200);
  EXPECT_EQ(names(ada, id)[mia.id], "Mia Renamed/member");
  // A role change, a new member, a removal.
  ASSERT_EQ(env.Call(&ada, "PATCH", "/api/v1/workspaces/" + id + "/members/" + mia.id,
                     R"({"role":"admin"})")
                .status,
            200);
  EXPECT_EQ(names(ada, id)[mia.id], "Mia Renamed/admin");
  Account gus = env.NewMember(id, ada, "guest", "Gus");
  EXPECT_EQ(names(ada, id).size(), 3u);
  EXPECT_EQ(names(mia, id).size(), 3u);
  // A guest never gets the shared answer, before or after others read it.
  for (int i = 0; i < 2; ++i) EXPECT_EQ(names(gus, id).size(), 1u);
  ASSERT_EQ(env.Call(&ada, "DELETE", "/api/v1/workspaces/" + id + "/members/" + mia.id).status,
            204);
  ExpectError(env.Call(&mia, "GET", "/api/v1/workspaces/" + id + "/members?limit=50"), 404,
              "not_found");
  EXPECT_EQ(names(ada, id).count(mia.id), 0u);
  // The slug moves to another workspace: the old address names that one now.
  ASSERT_EQ(env.Call(&ada, "PATCH", "/api/v1/workspaces/" + id, R"({"slug":"moved-away"})").status,
            200);
  const std::string other = Id(env.CreateWorkspace(mia, "Other", slug));
  ExpectError(env.Call(&ada, "GET", "/api/v1/workspaces/" + slug + "/members?limit=50"), 404,
              "not_found");
  EXPECT_EQ(names(mia, slug).size(), 1u);
  EXPECT_EQ(names(ada, "moved-away").size(), 2u);
  (void)other;
}

}  // namespace
}  // namespace ws::test
